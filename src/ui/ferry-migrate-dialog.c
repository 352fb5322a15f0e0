/* ferry-migrate-dialog.c — moves one VM: where to, how, with which options.
 *
 * Every row is bound to one FerryMigrationOptions property, and after every
 * change each row asks the options whether it can still be used
 * (ferry_migration_options_why_disabled) and shows the answer in its
 * subtitle. The equivalent virsh command follows every change. Migrate
 * starts a FerryMigrationJob and the dialog turns into its progress view.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-format.h"
#include "ferry-migrate-dialog.h"
#include "ferry-migration-view.h"

struct _FerryMigrateDialog
{
  AdwWindow               parent_instance;

  /* Owned References */
  FerryConnectionManager *manager;
  FerryConnection        *source;
  FerryDomain            *domain;
  FerryConnection        *destination;
  FerryMigrationOptions  *options;
  FerryMigrationJob      *job;
  GtkFilterListModel     *destinations;
  GtkCheckButton         *no_destination;   /* the radio group's hidden leader */
  char                   *problem;

  /* Template Widgets */
  AdwHeaderBar           *header_bar;
  AdwWindowTitle         *window_title;
  GtkWidget              *cancel_button;
  GtkWidget              *migrate_button;
  AdwToastOverlay        *toast_overlay;
  GtkStack               *main_stack;
  AdwBin                 *progress_bin;
  GtkListBox             *destinations_list;
  AdwActionRow           *live_row;
  AdwActionRow           *paused_row;
  AdwActionRow           *offline_row;
  GtkCheckButton         *live_check;
  GtkCheckButton         *paused_check;
  GtkCheckButton         *offline_check;
  AdwActionRow           *managed_row;
  AdwActionRow           *p2p_row;
  AdwActionRow           *tunnelled_row;
  GtkCheckButton         *managed_check;
  GtkCheckButton         *p2p_check;
  GtkCheckButton         *tunnelled_check;
  AdwEntryRow            *migrate_uri_row;
  AdwActionRow           *tls_row;
  GtkSwitch              *tls_switch;
  AdwActionRow           *persistent_row;
  GtkSwitch              *persistent_switch;
  AdwActionRow           *undefine_row;
  GtkSwitch              *undefine_switch;
  AdwActionRow           *suspend_row;
  GtkSwitch              *suspend_switch;
  AdwEntryRow            *dname_row;
  AdwComboRow            *copy_storage_row;
  AdwEntryRow            *disks_row;
  AdwActionRow           *unsafe_row;
  GtkSwitch              *unsafe_switch;
  AdwExpanderRow         *auto_converge_row;
  AdwActionRow           *initial_row;
  GtkSpinButton          *initial_spin;
  AdwActionRow           *increment_row;
  GtkSpinButton          *increment_spin;
  AdwExpanderRow         *compression_row;
  AdwEntryRow            *methods_row;
  AdwExpanderRow         *parallel_row;
  AdwActionRow           *connections_row;
  GtkSpinButton          *connections_spin;
  AdwExpanderRow         *postcopy_row;
  AdwComboRow            *postcopy_after_row;
  AdwActionRow           *postcopy_seconds_row;
  GtkSpinButton          *postcopy_seconds_spin;
  AdwActionRow           *bandwidth_row;
  GtkSpinButton          *bandwidth_spin;
  AdwActionRow           *max_downtime_row;
  GtkSpinButton          *max_downtime_spin;
  GtkLabel               *problem_label;
  GtkLabel               *command_label;
};

enum {
  PROP_0,
  PROP_MANAGER,
  PROP_SOURCE,
  PROP_DOMAIN,
  N_PROPS
};

enum {
  SIGNAL_JOB_STARTED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (FerryMigrateDialog, ferry_migrate_dialog, ADW_TYPE_WINDOW)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* One row per option: the property (or "property:nick" for one value of an
 * enum) that ferry_migration_options_why_disabled() judges, and what the row
 * says when nothing stands in its way. */
typedef struct
{
  gsize       row_offset;
  const char *property;
  const char *subtitle;
  gboolean    on_when_off;   /* "persistent": turning it off is the change */
} RowRule;

#define ROW(field) G_STRUCT_OFFSET (FerryMigrateDialog, field)

static const RowRule row_rules[] = {
  { ROW (managed_row), "connectivity:managed-direct",
    N_("Ferry connects to both hosts and runs the migration"), FALSE },
  { ROW (p2p_row), "connectivity:peer-to-peer",
    N_("The source host connects to the destination itself"), FALSE },
  { ROW (tunnelled_row), "connectivity:tunnelled",
    N_("Peer-to-peer, with the data sent inside the libvirt connection"), FALSE },
  { ROW (migrate_uri_row), "migrate-uri", NULL, FALSE },
  { ROW (tls_row), "tls", N_("Encrypt the data connection between the hypervisors"), FALSE },
  { ROW (persistent_row), "persistent",
    N_("Define the VM on the destination, not only run it there"), TRUE },
  { ROW (undefine_row), "undefine-source",
    N_("Remove the VM’s definition from the source once it has moved"), FALSE },
  { ROW (suspend_row), "suspend", N_("Do not resume the VM on the destination"), FALSE },
  { ROW (dname_row), "destination-name", NULL, FALSE },
  { ROW (copy_storage_row), "copy-storage",
    N_("For disks that are not on storage both hosts share"), FALSE },
  { ROW (disks_row), "copy-storage-disks", NULL, FALSE },
  { ROW (unsafe_row), "unsafe",
    N_("Migrate even when libvirt cannot tell that the disks are safe to share"), FALSE },
  { ROW (auto_converge_row), "auto-converge",
    N_("Slow the VM’s CPUs while its memory changes faster than it is sent"), FALSE },
  { ROW (initial_row), "auto-converge-initial", N_("Percent; 0 leaves QEMU’s default"), FALSE },
  { ROW (increment_row), "auto-converge-increment", N_("Percent; 0 leaves QEMU’s default"), FALSE },
  { ROW (compression_row), "compressed", N_("Compress memory pages before sending them"), FALSE },
  { ROW (methods_row), "compression-methods", NULL, FALSE },
  { ROW (parallel_row), "parallel", N_("Send memory over several connections at once"), FALSE },
  { ROW (connections_row), "parallel-connections", N_("0 leaves QEMU’s default of 2"), FALSE },
  { ROW (postcopy_row), "postcopy",
    N_("Run the VM on the destination before all its memory is there"), FALSE },
  { ROW (postcopy_after_row), "postcopy-after", N_("When to switch to post-copy"), FALSE },
  { ROW (postcopy_seconds_row), "postcopy-after-seconds", N_("Seconds after the start"), FALSE },
  { ROW (bandwidth_row), "bandwidth", N_("MiB/s; 0 is no limit"), FALSE },
  { ROW (max_downtime_row), "max-downtime",
    N_("Milliseconds the VM may stop for at the end; 0 leaves QEMU’s default"), FALSE },
};

static GtkWidget *
rule_row (FerryMigrateDialog *self,
          const RowRule      *rule)
{
  return G_STRUCT_MEMBER (GtkWidget *, self, rule->row_offset);
}

/* Whether the row's option is set to something other than its default. */
static gboolean
row_is_on (GtkWidget *row)
{
  GtkWidget *control = NULL;

  if (ADW_IS_EXPANDER_ROW (row))
    return adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (row));
  if (ADW_IS_COMBO_ROW (row))
    return adw_combo_row_get_selected (ADW_COMBO_ROW (row)) != 0;
  if (ADW_IS_ENTRY_ROW (row))
    return *gtk_editable_get_text (GTK_EDITABLE (row)) != '\0';
  if (ADW_IS_ACTION_ROW (row))
    control = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  if (GTK_IS_SWITCH (control))
    return gtk_switch_get_active (GTK_SWITCH (control));
  if (GTK_IS_CHECK_BUTTON (control))
    return gtk_check_button_get_active (GTK_CHECK_BUTTON (control));
  if (GTK_IS_SPIN_BUTTON (control))
    return gtk_spin_button_get_value (GTK_SPIN_BUTTON (control)) != 0;
  return FALSE;
}

/* Shows @reason, or @subtitle when there is none, where the row can. Entry
 * rows have no subtitle in libadwaita 1.2: their reason is the tooltip, and
 * the problem line under the pages repeats what stops the migration. */
static void
show_reason (GtkWidget  *row,
             const char *reason,
             const char *subtitle)
{
  const char *text = reason != NULL ? reason : subtitle;

  if (ADW_IS_EXPANDER_ROW (row))
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), text ? text : "");
  else if (ADW_IS_ACTION_ROW (row))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text ? text : "");
  gtk_widget_set_tooltip_text (row, reason);
}

static void
update_rule (FerryMigrateDialog *self,
             const RowRule      *rule)
{
  GtkWidget *row = rule_row (self, rule);
  g_autofree char *reason = ferry_migration_options_why_disabled (self->options, rule->property);
  gboolean on = row_is_on (row);

  if (rule->on_when_off)
    on = !on;
  /* A row that is on must stay usable, so that it can be turned off again. */
  gtk_widget_set_sensitive (row, reason == NULL || on);
  show_reason (row, reason, rule->subtitle ? _(rule->subtitle) : NULL);
}

/* Why the VM's own state rules out @mode, or NULL. */
static const char *
mode_state_reason (FerryMigrateDialog *self,
                   FerryMigrationMode  mode)
{
  gboolean active;

  if (self->domain == NULL)
    return NULL;
  active = ferry_domain_is_active (self->domain);

  switch (mode)
    {
    case FERRY_MIGRATION_MODE_LIVE:
    case FERRY_MIGRATION_MODE_PAUSED:
      if (!active)
        return _("Needs a running VM; this one is shut off");
      return NULL;
    case FERRY_MIGRATION_MODE_OFFLINE:
      if (active)
        return _("Needs the VM shut off; this one is running");
      return NULL;
    default:
      return NULL;
    }
}

static void
update_mode_rows (FerryMigrateDialog *self)
{
  static const struct {
    FerryMigrationMode  mode;
    const char         *property;
    const char         *subtitle;
    gsize               row_offset;
  } modes[] = {
    { FERRY_MIGRATION_MODE_LIVE, "mode:live",
      N_("The VM keeps running while its memory is copied"), ROW (live_row) },
    { FERRY_MIGRATION_MODE_PAUSED, "mode:paused",
      N_("The VM is paused during the copy: longer downtime, but sure to finish"),
      ROW (paused_row) },
    { FERRY_MIGRATION_MODE_OFFLINE, "mode:offline",
      N_("Only the VM’s definition moves; it does not run during the move"), ROW (offline_row) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      GtkWidget *row = G_STRUCT_MEMBER (GtkWidget *, self, modes[i].row_offset);
      g_autofree char *conflict = ferry_migration_options_why_disabled (self->options,
                                                                         modes[i].property);
      const char *reason = mode_state_reason (self, modes[i].mode);

      if (reason == NULL)
        reason = conflict;
      gtk_widget_set_sensitive (row, reason == NULL || row_is_on (row));
      show_reason (row, reason, _(modes[i].subtitle));
    }
}

static const char *
connection_state_text (FerryConnectionState state)
{
  switch (state)
    {
    case FERRY_CONNECTION_STATE_CONNECTED:
      return _("Connected");
    case FERRY_CONNECTION_STATE_CONNECTING:
      return _("Connecting…");
    case FERRY_CONNECTION_STATE_AUTHENTICATING:
      return _("Waiting for credentials");
    case FERRY_CONNECTION_STATE_FAILED:
      return _("Connection failed");
    case FERRY_CONNECTION_STATE_DISCONNECTED:
    default:
      return _("Not connected");
    }
}

static gboolean
is_connected (FerryConnection *connection)
{
  return connection != NULL &&
         ferry_connection_get_state (connection) == FERRY_CONNECTION_STATE_CONNECTED;
}

/* What stops the migration now, or NULL when Migrate can go ahead. */
static char *
find_problem (FerryMigrateDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *reason;

  if (self->source == NULL || self->domain == NULL)
    return g_strdup (_("No VM to migrate"));
  if (!is_connected (self->source))
    return g_strdup_printf (_("Not connected to the source host, %s"),
                            ferry_connection_get_display_name (self->source));
  if (self->destination == NULL)
    return g_strdup (_("Choose a destination host"));
  if (!is_connected (self->destination))
    return g_strdup_printf (_("Not connected to %s; connect to it first"),
                            ferry_connection_get_display_name (self->destination));
  reason = mode_state_reason (self, ferry_migration_options_get_mode (self->options));
  if (reason != NULL)
    return g_strdup (reason);
  if (!ferry_migration_options_validate (self->options, &error))
    return g_strdup (error->message);
  return NULL;
}

static void
update_migrate (FerryMigrateDialog *self)
{
  g_free (self->problem);
  self->problem = find_problem (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.migrate",
                                 self->problem == NULL && self->job == NULL);
  gtk_widget_set_tooltip_text (self->migrate_button, self->problem);
  /* Choosing a host is the first step, not a problem to point out. */
  gtk_label_set_label (self->problem_label, self->problem ? self->problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label),
                          self->problem != NULL && self->destination != NULL);
}

/* Words of the command short enough to fit a line are kept whole: Pango
 * would otherwise break "--undefinesource" after its dashes. A long URI may
 * still break, or it would widen the dialog. */
#define MAX_UNBROKEN_WORD 40

static PangoAttrList *
whole_words (const char *text)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  const char *p = text;

  while (*p != '\0')
    {
      const char *end;

      while (*p == ' ' || *p == '\n')
        p++;
      end = p;
      while (*end != '\0' && *end != ' ' && *end != '\n')
        end++;
      if (end > p && end - p <= MAX_UNBROKEN_WORD)
        {
          PangoAttribute *attr = pango_attr_allow_breaks_new (FALSE);

          attr->start_index = p - text;
          attr->end_index = end - text;
          pango_attr_list_insert (attrs, attr);
        }
      p = end;
    }
  return attrs;
}

static void
update_command (FerryMigrateDialog *self)
{
  PangoAttrList *attrs;
  g_autofree char *command = NULL;

  if (self->domain == NULL)
    return;
  command = ferry_migration_options_to_virsh_command (self->options,
                                                      ferry_domain_get_name (self->domain),
                                                      self->source ? ferry_connection_get_uri (self->source)
                                                                   : NULL);
  g_strchomp (command);
  attrs = whole_words (command);
  gtk_label_set_label (self->command_label, command);
  gtk_label_set_attributes (self->command_label, attrs);
  pango_attr_list_unref (attrs);
}

static void
update (FerryMigrateDialog *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (row_rules); i++)
    update_rule (self, &row_rules[i]);
  update_mode_rows (self);
  update_command (self);
  update_migrate (self);
}

static void
options_notify_cb (FerryMigrateDialog *self)
{
  update (self);
}

/* ---------------------------------------------------------- destinations */

static void
destination_row_update (GtkWidget *row)
{
  FerryConnection *connection = g_object_get_data (G_OBJECT (row), "connection");
  FerryConnectionState state = ferry_connection_get_state (connection);
  g_autofree char *subtitle = NULL;

  if (state == FERRY_CONNECTION_STATE_CONNECTED && ferry_connection_get_memory_free (connection) > 0)
    {
      g_autofree char *free_memory = ferry_format_bytes (ferry_connection_get_memory_free (connection));

      /* Translators: a host's state and free memory, e.g. "Connected · 3.2 GiB free" */
      subtitle = g_strdup_printf (_("%s · %s free"), connection_state_text (state), free_memory);
    }
  else if (state == FERRY_CONNECTION_STATE_CONNECTED)
    {
      subtitle = g_strdup (connection_state_text (state));
    }
  else
    {
      /* Translators: why a host cannot be chosen, e.g. "Not connected: connect to this host first" */
      subtitle = g_strdup_printf (_("%s: connect to this host first"), connection_state_text (state));
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 ferry_connection_get_display_name (connection));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_sensitive (row, state == FERRY_CONNECTION_STATE_CONNECTED);
}

static void
destination_notify_cb (FerryMigrateDialog *self,
                       GParamSpec         *pspec,
                       FerryConnection    *connection)
{
  update_migrate (self);
}

static void
destination_toggled_cb (FerryMigrateDialog *self,
                        GtkCheckButton     *check)
{
  if (gtk_check_button_get_active (check))
    ferry_migrate_dialog_set_destination (self, g_object_get_data (G_OBJECT (check), "connection"));
}

static GtkWidget *
create_destination_row (gpointer item,
                        gpointer user_data)
{
  FerryMigrateDialog *self = user_data;
  FerryConnection *connection = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  g_object_set_data_full (G_OBJECT (row), "connection", g_object_ref (connection), g_object_unref);
  g_object_set_data_full (G_OBJECT (check), "connection", g_object_ref (connection), g_object_unref);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->no_destination);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), connection == self->destination);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect_object (check, "toggled", G_CALLBACK (destination_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (connection, "notify", G_CALLBACK (destination_row_update), row,
                           G_CONNECT_SWAPPED);
  destination_row_update (row);
  return row;
}

static gboolean
is_other_host (gpointer item,
               gpointer user_data)
{
  FerryMigrateDialog *self = user_data;

  return item != (gpointer)self->source;
}

static void
destinations_changed_cb (FerryMigrateDialog *self)
{
  GListModel *model = G_LIST_MODEL (self->destinations);
  gboolean still_there = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FerryConnection) c = g_list_model_get_item (model, i);

      still_there |= c == self->destination;
    }
  if (!still_there)
    ferry_migrate_dialog_set_destination (self, NULL);
}

/* --------------------------------------------------------------- bindings */

static gboolean
enum_is_value_cb (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_enum (from) == GPOINTER_TO_INT (user_data));
  return TRUE;
}

static gboolean
active_to_enum_cb (GBinding     *binding,
                   const GValue *from,
                   GValue       *to,
                   gpointer      user_data)
{
  /* Only the check turned on speaks; the one turned off by the group says
   * nothing about the new value. */
  if (!g_value_get_boolean (from))
    return FALSE;
  g_value_set_enum (to, GPOINTER_TO_INT (user_data));
  return TRUE;
}

static void
bind_choice (FerryMigrateDialog *self,
             const char         *property,
             int                 value,
             GtkCheckButton     *check)
{
  g_object_bind_property_full (self->options, property, check, "active",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               enum_is_value_cb, active_to_enum_cb,
                               GINT_TO_POINTER (value), NULL);
}

static gboolean
enum_to_selected_cb (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  g_value_set_uint (to, (guint)g_value_get_enum (from));
  return TRUE;
}

static gboolean
selected_to_enum_cb (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  g_value_set_enum (to, (int)g_value_get_uint (from));
  return TRUE;
}

static gboolean
string_to_text_cb (GBinding     *binding,
                   const GValue *from,
                   GValue       *to,
                   gpointer      user_data)
{
  const char *text = g_value_get_string (from);

  g_value_set_string (to, text ? text : "");
  return TRUE;
}

static gboolean
strv_to_text_cb (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  char **strv = g_value_get_boxed (from);

  g_value_take_string (to, strv ? g_strjoinv (", ", strv) : g_strdup (""));
  return TRUE;
}

/* "vda, vdb" or "vda vdb": the list the options take. Empty words go; the
 * options explain anything else that is wrong with a word. */
static gboolean
text_to_strv_cb (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  g_auto(GStrv) words = g_strsplit_set (g_value_get_string (from), ", \t", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_strv_builder_add (builder, words[i]);
  g_value_take_boxed (to, g_strv_builder_end (builder));
  return TRUE;
}

/* -1 leaves QEMU's default; the spin button shows that as 0. */
static gboolean
int_to_spin_cb (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  g_value_set_double (to, MAX (g_value_get_int (from), 0));
  return TRUE;
}

static gboolean
spin_to_int_cb (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  int value = (int)g_value_get_double (from);

  g_value_set_int (to, value > 0 ? value : -1);
  return TRUE;
}

static void
bind_text (FerryMigrateDialog *self,
           const char         *property,
           gpointer            row,
           gboolean            list)
{
  g_object_bind_property_full (self->options, property, row, "text",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               list ? strv_to_text_cb : string_to_text_cb,
                               list ? text_to_strv_cb : NULL,
                               NULL, NULL);
}

static void
bind_options (FerryMigrateDialog *self)
{
  const GBindingFlags flags = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;
  GObject *o = G_OBJECT (self->options);

  bind_choice (self, "mode", FERRY_MIGRATION_MODE_LIVE, self->live_check);
  bind_choice (self, "mode", FERRY_MIGRATION_MODE_PAUSED, self->paused_check);
  bind_choice (self, "mode", FERRY_MIGRATION_MODE_OFFLINE, self->offline_check);
  bind_choice (self, "connectivity", FERRY_MIGRATION_CONNECTIVITY_MANAGED_DIRECT, self->managed_check);
  bind_choice (self, "connectivity", FERRY_MIGRATION_CONNECTIVITY_PEER_TO_PEER, self->p2p_check);
  bind_choice (self, "connectivity", FERRY_MIGRATION_CONNECTIVITY_TUNNELLED, self->tunnelled_check);

  bind_text (self, "migrate-uri", self->migrate_uri_row, FALSE);
  bind_text (self, "destination-name", self->dname_row, FALSE);
  bind_text (self, "copy-storage-disks", self->disks_row, TRUE);
  bind_text (self, "compression-methods", self->methods_row, TRUE);

  g_object_bind_property (o, "tls", self->tls_switch, "active", flags);
  g_object_bind_property (o, "persistent", self->persistent_switch, "active", flags);
  g_object_bind_property (o, "undefine-source", self->undefine_switch, "active", flags);
  g_object_bind_property (o, "suspend", self->suspend_switch, "active", flags);
  g_object_bind_property (o, "unsafe", self->unsafe_switch, "active", flags);

  g_object_bind_property_full (o, "copy-storage", self->copy_storage_row, "selected", flags,
                               enum_to_selected_cb, selected_to_enum_cb, NULL, NULL);
  g_object_bind_property_full (o, "postcopy-after", self->postcopy_after_row, "selected", flags,
                               enum_to_selected_cb, selected_to_enum_cb, NULL, NULL);

  g_object_bind_property (o, "auto-converge", self->auto_converge_row, "enable-expansion", flags);
  g_object_bind_property (o, "compressed", self->compression_row, "enable-expansion", flags);
  g_object_bind_property (o, "parallel", self->parallel_row, "enable-expansion", flags);
  g_object_bind_property (o, "postcopy", self->postcopy_row, "enable-expansion", flags);

  g_object_bind_property_full (o, "auto-converge-initial", self->initial_spin, "value", flags,
                               int_to_spin_cb, spin_to_int_cb, NULL, NULL);
  g_object_bind_property_full (o, "auto-converge-increment", self->increment_spin, "value", flags,
                               int_to_spin_cb, spin_to_int_cb, NULL, NULL);
  g_object_bind_property (o, "parallel-connections", self->connections_spin, "value", flags);
  g_object_bind_property (o, "postcopy-after-seconds", self->postcopy_seconds_spin, "value", flags);
  g_object_bind_property (o, "bandwidth", self->bandwidth_spin, "value", flags);
  g_object_bind_property (o, "max-downtime", self->max_downtime_spin, "value", flags);
}

/* ---------------------------------------------------------------- actions */

/* What a preset leaves alone: the way to reach the destination, which
 * depends on the network and not on the VM. */
static const char *kept_by_presets[] = {
  "connectivity", "destination-uri", "migrate-uri", "listen-address", "tls",
};

static void
reset_options (FerryMigrationOptions *options)
{
  guint n_pspecs = 0;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (options),
                                                                   &n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      gboolean kept = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (kept_by_presets); k++)
        kept |= g_str_equal (pspecs[i]->name, kept_by_presets[k]);
      if (kept || !(pspecs[i]->flags & G_PARAM_WRITABLE))
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_param_value_set_default (pspecs[i], &value);
      g_object_set_property (G_OBJECT (options), pspecs[i]->name, &value);
    }
}

static void
preset_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FerryMigrateDialog *self = FERRY_MIGRATE_DIALOG (widget);
  FerryMigrationOptions *o = self->options;
  const char *preset = g_variant_get_string (parameter, NULL);

  g_object_freeze_notify (G_OBJECT (o));
  reset_options (o);
  ferry_migration_options_set_mode (o, FERRY_MIGRATION_MODE_LIVE);

  if (g_str_equal (preset, "minimal-downtime"))
    {
      ferry_migration_options_set_max_downtime (o, 100);
      ferry_migration_options_set_auto_converge (o, TRUE);
    }
  else if (g_str_equal (preset, "busy"))
    {
      ferry_migration_options_set_auto_converge (o, TRUE);
      ferry_migration_options_set_postcopy (o, TRUE);
      ferry_migration_options_set_postcopy_after (o, FERRY_MIGRATION_POSTCOPY_AFTER_SECONDS);
      ferry_migration_options_set_postcopy_after_seconds (o, 30);
    }
  else if (g_str_equal (preset, "move-storage"))
    {
      ferry_migration_options_set_copy_storage (o, FERRY_MIGRATION_COPY_STORAGE_ALL);
    }

  /* Post-copy and copying storage cannot be tunnelled; peer-to-peer is the
   * nearest way to the destination that can do them. */
  if (ferry_migration_options_get_connectivity (o) == FERRY_MIGRATION_CONNECTIVITY_TUNNELLED &&
      (ferry_migration_options_get_postcopy (o) ||
       ferry_migration_options_get_copy_storage (o) != FERRY_MIGRATION_COPY_STORAGE_NONE))
    ferry_migration_options_set_connectivity (o, FERRY_MIGRATION_CONNECTIVITY_PEER_TO_PEER);
  g_object_thaw_notify (G_OBJECT (o));
}

static void
copy_command_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FerryMigrateDialog *self = FERRY_MIGRATE_DIALOG (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          gtk_label_get_label (self->command_label));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Command copied")));
}

static void
job_run_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  FerryMigrationJob *job = FERRY_MIGRATION_JOB (object);
  g_autoptr(GError) error = NULL;

  /* The job reports its outcome itself (state, message, events); this runs
   * whether or not the dialog is still open. */
  if (!ferry_migration_job_run_finish (job, result, &error))
    g_debug ("migration of %s: %s", ferry_migration_job_get_domain_name (job), error->message);
  ferry_migration_send_notification (job);
}

static void
migrate_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FerryMigrateDialog *self = FERRY_MIGRATE_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  FerryMigrationPlan plan;
  GtkWidget *view;

  update_migrate (self);
  if (self->problem != NULL || self->job != NULL)
    return;

  if (!ferry_migration_plan_init (&plan, G_OBJECT (self->options), &error))
    {
      ferry_migration_plan_clear (&plan);
      gtk_label_set_label (self->problem_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
      return;
    }

  self->job = ferry_migration_job_new (self->source, self->destination,
                                       ferry_domain_get_uuid (self->domain),
                                       ferry_domain_get_name (self->domain), &plan);
  ferry_migration_job_run_async (self->job, job_run_cb, NULL);

  view = ferry_migration_view_new (self->job);
  ferry_migration_view_set_options (FERRY_MIGRATION_VIEW (view), self->options);
  adw_bin_set_child (self->progress_bin, view);
  gtk_stack_set_visible_child_name (self->main_stack, "progress");

  /* From here on closing the window is all there is to do; the migration
   * goes on without it. */
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (self->migrate_button, FALSE);
  adw_header_bar_set_show_end_title_buttons (self->header_bar, TRUE);
  title = g_strdup_printf (_("Migration of %s"), ferry_domain_get_name (self->domain));
  adw_window_title_set_title (self->window_title, title);
  update_migrate (self);

  g_signal_emit (self, signals[SIGNAL_JOB_STARTED], 0, self->job);
}

/* ---------------------------------------------------------------- GObject */

static void
ferry_migrate_dialog_constructed (GObject *object)
{
  FerryMigrateDialog *self = (FerryMigrateDialog *)object;
  GtkCustomFilter *filter;
  GtkWidget *placeholder;

  G_OBJECT_CLASS (ferry_migrate_dialog_parent_class)->constructed (object);

  if (self->domain != NULL)
    {
      g_autofree char *subtitle = NULL;

      /* A shut-off VM can only move offline; that is its default. */
      if (!ferry_domain_is_active (self->domain))
        ferry_migration_options_set_mode (self->options, FERRY_MIGRATION_MODE_OFFLINE);
      /* Translators: the dialog's subtitle, e.g. "web01 on host-a" */
      subtitle = g_strdup_printf (_("%s on %s"), ferry_domain_get_name (self->domain),
                                  self->source ? ferry_connection_get_display_name (self->source) : "?");
      adw_window_title_set_subtitle (self->window_title, subtitle);
      g_signal_connect_object (self->domain, "notify::state", G_CALLBACK (options_notify_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.preset",
                                     ferry_domain_is_active (self->domain));
    }
  if (self->source != NULL)
    g_signal_connect_object (self->source, "notify::state", G_CALLBACK (options_notify_cb), self,
                             G_CONNECT_SWAPPED);

  filter = gtk_custom_filter_new (is_other_host, self, NULL);
  self->destinations = gtk_filter_list_model_new (self->manager
                                                  ? g_object_ref (ferry_connection_manager_get_connections (self->manager))
                                                  : NULL,
                                                  GTK_FILTER (filter));
  g_signal_connect_object (self->destinations, "items-changed",
                           G_CALLBACK (destinations_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->destinations_list, G_LIST_MODEL (self->destinations),
                           create_destination_row, self, NULL);

  placeholder = gtk_label_new (_("No other host is open. Add a connection to the destination "
                                 "host in the main window first."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->destinations_list, placeholder);

  update (self);
}

static void
ferry_migrate_dialog_dispose (GObject *object)
{
  FerryMigrateDialog *self = (FerryMigrateDialog *)object;

  if (self->destinations_list != NULL)
    gtk_list_box_bind_model (self->destinations_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_MIGRATE_DIALOG);
  g_clear_object (&self->destinations);
  g_clear_object (&self->no_destination);
  g_clear_object (&self->manager);
  g_clear_object (&self->source);
  g_clear_object (&self->domain);
  g_clear_object (&self->destination);
  g_clear_object (&self->job);

  G_OBJECT_CLASS (ferry_migrate_dialog_parent_class)->dispose (object);
}

static void
ferry_migrate_dialog_finalize (GObject *object)
{
  FerryMigrateDialog *self = (FerryMigrateDialog *)object;

  g_clear_object (&self->options);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (ferry_migrate_dialog_parent_class)->finalize (object);
}

static void
ferry_migrate_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FerryMigrateDialog *self = FERRY_MIGRATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      g_value_set_object (value, self->manager);
      break;
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_DOMAIN:
      g_value_set_object (value, self->domain);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_migrate_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FerryMigrateDialog *self = FERRY_MIGRATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      self->manager = g_value_dup_object (value);
      break;
    case PROP_SOURCE:
      self->source = g_value_dup_object (value);
      break;
    case PROP_DOMAIN:
      self->domain = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_migrate_dialog_class_init (FerryMigrateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = ferry_migrate_dialog_constructed;
  object_class->dispose = ferry_migrate_dialog_dispose;
  object_class->finalize = ferry_migrate_dialog_finalize;
  object_class->get_property = ferry_migrate_dialog_get_property;
  object_class->set_property = ferry_migrate_dialog_set_property;

  properties[PROP_MANAGER] =
    g_param_spec_object ("manager", NULL, NULL, FERRY_TYPE_CONNECTION_MANAGER, flags);
  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, FERRY_TYPE_CONNECTION, flags);
  properties[PROP_DOMAIN] =
    g_param_spec_object ("domain", NULL, NULL, FERRY_TYPE_DOMAIN, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FerryMigrateDialog::job-started:
   * @self: the dialog
   * @job: the migration, running
   *
   * Migrate was pressed and the job runs. The job keeps itself alive while
   * it runs, whether or not the dialog stays open; take a reference to list
   * it elsewhere (the main window's running migrations).
   */
  signals[SIGNAL_JOB_STARTED] =
    g_signal_new ("job-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, FERRY_TYPE_MIGRATION_JOB);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ferry-migrate-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, FerryMigrateDialog, name)
  BIND (header_bar);
  BIND (window_title);
  BIND (cancel_button);
  BIND (migrate_button);
  BIND (toast_overlay);
  BIND (main_stack);
  BIND (progress_bin);
  BIND (destinations_list);
  BIND (live_row);
  BIND (paused_row);
  BIND (offline_row);
  BIND (live_check);
  BIND (paused_check);
  BIND (offline_check);
  BIND (managed_row);
  BIND (p2p_row);
  BIND (tunnelled_row);
  BIND (managed_check);
  BIND (p2p_check);
  BIND (tunnelled_check);
  BIND (migrate_uri_row);
  BIND (tls_row);
  BIND (tls_switch);
  BIND (persistent_row);
  BIND (persistent_switch);
  BIND (undefine_row);
  BIND (undefine_switch);
  BIND (suspend_row);
  BIND (suspend_switch);
  BIND (dname_row);
  BIND (copy_storage_row);
  BIND (disks_row);
  BIND (unsafe_row);
  BIND (unsafe_switch);
  BIND (auto_converge_row);
  BIND (initial_row);
  BIND (initial_spin);
  BIND (increment_row);
  BIND (increment_spin);
  BIND (compression_row);
  BIND (methods_row);
  BIND (parallel_row);
  BIND (connections_row);
  BIND (connections_spin);
  BIND (postcopy_row);
  BIND (postcopy_after_row);
  BIND (postcopy_seconds_row);
  BIND (postcopy_seconds_spin);
  BIND (bandwidth_row);
  BIND (bandwidth_spin);
  BIND (max_downtime_row);
  BIND (max_downtime_spin);
  BIND (problem_label);
  BIND (command_label);
#undef BIND

  gtk_widget_class_install_action (widget_class, "dialog.migrate", NULL, migrate_action);
  gtk_widget_class_install_action (widget_class, "dialog.preset", "s", preset_action);
  gtk_widget_class_install_action (widget_class, "dialog.copy-command", NULL, copy_command_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ferry_migrate_dialog_init (FerryMigrateDialog *self)
{
  g_type_ensure (FERRY_TYPE_MIGRATION_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->options = ferry_migration_options_new ();
  self->no_destination = g_object_ref_sink (GTK_CHECK_BUTTON (gtk_check_button_new ()));
  bind_options (self);
  g_signal_connect_object (self->options, "notify", G_CALLBACK (options_notify_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * ferry_migrate_dialog_new:
 * @parent: (nullable): the window the dialog is modal for
 * @manager: the open connections, among which the destination is chosen
 * @source: the host @domain runs on
 * @domain: the VM to migrate
 *
 * Returns: (transfer none): the dialog, owned by GTK until it is destroyed
 */
FerryMigrateDialog *
ferry_migrate_dialog_new (GtkWindow              *parent,
                          FerryConnectionManager *manager,
                          FerryConnection        *source,
                          FerryDomain            *domain)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (FERRY_IS_CONNECTION_MANAGER (manager), NULL);
  g_return_val_if_fail (FERRY_IS_CONNECTION (source), NULL);
  g_return_val_if_fail (FERRY_IS_DOMAIN (domain), NULL);

  return g_object_new (FERRY_TYPE_MIGRATE_DIALOG,
                       "transient-for", parent,
                       "manager", manager,
                       "source", source,
                       "domain", domain,
                       NULL);
}

/**
 * ferry_migrate_dialog_get_options:
 *
 * Returns: (transfer none): the options the rows edit
 */
FerryMigrationOptions *
ferry_migrate_dialog_get_options (FerryMigrateDialog *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATE_DIALOG (self), NULL);
  return self->options;
}

/**
 * ferry_migrate_dialog_get_destination:
 *
 * Returns: (transfer none) (nullable): the host chosen to migrate to
 */
FerryConnection *
ferry_migrate_dialog_get_destination (FerryMigrateDialog *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATE_DIALOG (self), NULL);
  return self->destination;
}

/**
 * ferry_migrate_dialog_set_destination:
 * @destination: (nullable): one of the manager's connections other than the
 *   source, or %NULL for none
 *
 * Chooses the destination as its row would, and points the options'
 * destination-uri at it: peer-to-peer migrations connect to that URI, and the
 * virsh command names it.
 */
void
ferry_migrate_dialog_set_destination (FerryMigrateDialog *self,
                                      FerryConnection    *destination)
{
  g_return_if_fail (FERRY_IS_MIGRATE_DIALOG (self));
  g_return_if_fail (destination == NULL || FERRY_IS_CONNECTION (destination));
  g_return_if_fail (destination == NULL || destination != self->source);

  if (self->destination != NULL)
    g_signal_handlers_disconnect_by_func (self->destination, destination_notify_cb, self);
  if (g_set_object (&self->destination, destination))
    {
      for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->destinations_list));
           row != NULL;
           row = gtk_widget_get_next_sibling (row))
        {
          GtkWidget *check;

          if (!ADW_IS_ACTION_ROW (row))
            continue;
          check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
          if (g_object_get_data (G_OBJECT (row), "connection") == (gpointer)destination)
            gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
        }
      if (destination == NULL)
        gtk_check_button_set_active (self->no_destination, TRUE);
    }
  if (destination != NULL)
    g_signal_connect_object (destination, "notify::state", G_CALLBACK (destination_notify_cb), self,
                             G_CONNECT_SWAPPED);

  ferry_migration_options_set_destination_uri (self->options,
                                               destination ? ferry_connection_get_uri (destination)
                                                           : NULL);
  update_migrate (self);
}

/**
 * ferry_migrate_dialog_get_job:
 *
 * Returns: (transfer none) (nullable): the migration started with Migrate
 */
FerryMigrationJob *
ferry_migrate_dialog_get_job (FerryMigrateDialog *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATE_DIALOG (self), NULL);
  return self->job;
}
