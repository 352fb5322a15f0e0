/* ferry-migrate-dialog-options.c — the Migrate dialog's option rows: each
 * bound to one FerryMigrationOptions property, and after every change greyed
 * out or not with the reason ferry_migration_options_why_disabled() gives;
 * and what stops the migration, shown under the pages.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-migrate-dialog-private.h"

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
  { ROW (listen_address_row), "listen-address", NULL, FALSE },
  { ROW (tls_row), "tls", N_("Encrypt the data connection between the hypervisors"), FALSE },
  { ROW (persistent_row), "persistent",
    N_("Define the VM on the destination, not only run it there"), TRUE },
  { ROW (undefine_row), "undefine-source",
    N_("Remove the VM’s definition from the source once it has moved"), FALSE },
  { ROW (suspend_row), "suspend", N_("Do not resume the VM on the destination"), FALSE },
  { ROW (dname_row), "destination-name", NULL, FALSE },
  { ROW (destination_xml_row), "destination-xml",
    N_("Define the VM on the destination from this XML instead of the source’s"), FALSE },
  { ROW (persistent_xml_row), "persistent-xml",
    N_("The definition kept on the destination, when it differs from the one that runs"), FALSE },
  { ROW (copy_storage_row), "copy-storage",
    N_("For disks that are not on storage both hosts share"), FALSE },
  { ROW (disks_row), "copy-storage-disks", NULL, FALSE },
  { ROW (nbd_port_row), "nbd-port",
    N_("Where the destination listens for disk data; 0 lets libvirt choose"), FALSE },
  { ROW (nbd_uri_row), "nbd-uri", NULL, FALSE },
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
  { ROW (zerocopy_row), "zerocopy",
    N_("Send memory straight from the VM’s pages, saving CPU time on the source"), FALSE },
  { ROW (postcopy_row), "postcopy",
    N_("Run the VM on the destination before all its memory is there. After the switch, a "
       "failure of either host or of the link between them loses the VM"), FALSE },
  { ROW (postcopy_after_row), "postcopy-after", N_("When to switch to post-copy"), FALSE },
  { ROW (postcopy_seconds_row), "postcopy-after-seconds", N_("Seconds after the start"), FALSE },
  { ROW (postcopy_bandwidth_row), "postcopy-bandwidth",
    N_("MiB/s once post-copy runs; 0 is no limit"), FALSE },
  { ROW (bandwidth_row), "bandwidth", N_("MiB/s; 0 is no limit"), FALSE },
  { ROW (max_downtime_row), "max-downtime",
    N_("Milliseconds the VM may stop for at the end; 0 leaves QEMU’s default"), FALSE },
  { ROW (timeout_row), "timeout", N_("Seconds of live copy before the action below; 0 is none"), FALSE },
  { ROW (timeout_action_row), "timeout-action", N_("What happens when the timeout expires"), FALSE },
  { ROW (abort_on_error_row), "abort-on-error",
    N_("Cancel the migration when the VM meets a disk I/O error meanwhile"), FALSE },
  { ROW (change_protection_row), "change-protection",
    N_("Refuse changes to the VM’s configuration until the migration ends"), FALSE },
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

/* Whether the option is set to something other than its default, for rows
 * whose widgets cannot tell (an expander row holding an XML text). */
static gboolean
option_is_set (FerryMigrateDialog *self,
               const char         *property)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self->options), property);
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (G_OBJECT (self->options), property, &value);
  return !g_param_value_defaults (pspec, &value);
}

static void
update_rule (FerryMigrateDialog *self,
             const RowRule      *rule)
{
  GtkWidget *row = rule_row (self, rule);
  g_autofree char *reason = ferry_migration_options_why_disabled (self->options, rule->property);
  gboolean on;

  if (ADW_IS_EXPANDER_ROW (row) && !adw_expander_row_get_show_enable_switch (ADW_EXPANDER_ROW (row)))
    on = option_is_set (self, rule->property);
  else
    on = row_is_on (row);

  if (rule->on_when_off)
    on = !on;
  /* A row that is on must stay usable, so that it can be turned off again. */
  gtk_widget_set_sensitive (row, reason == NULL || on);
  show_reason (row, reason, rule->subtitle ? _(rule->subtitle) : NULL);
}

/* Why the VMs' own state rules out @mode, or NULL. With several VMs a mode
 * must fit every one of them; the reason names the first that it does not
 * fit, so that a mixed choice of running and shut-off VMs explains itself. */
static char *
mode_state_reason (FerryMigrateDialog *self,
                   FerryMigrationMode  mode)
{
  gboolean needs_active;
  FerryDomain *misfit = NULL;

  if (self->domains == NULL || self->domains->len == 0)
    return NULL;

  switch (mode)
    {
    case FERRY_MIGRATION_MODE_LIVE:
    case FERRY_MIGRATION_MODE_PAUSED:
      needs_active = TRUE;
      break;
    case FERRY_MIGRATION_MODE_OFFLINE:
      needs_active = FALSE;
      break;
    default:
      return NULL;
    }

  for (guint i = 0; i < self->domains->len && misfit == NULL; i++)
    {
      FerryDomain *domain = g_ptr_array_index (self->domains, i);

      if (ferry_domain_is_active (domain) != needs_active)
        misfit = domain;
    }
  if (misfit == NULL)
    return NULL;

  if (self->domains->len == 1)
    return g_strdup (needs_active ? _("Needs a running VM; this one is shut off")
                                  : _("Needs the VM shut off; this one is running"));
  /* Translators: %s is a VM's name */
  return g_strdup_printf (needs_active ? _("Needs running VMs; %s is shut off")
                                       : _("Needs the VMs shut off; %s is running"),
                          ferry_domain_get_name (misfit));
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
      g_autofree char *state_reason = mode_state_reason (self, modes[i].mode);
      const char *reason = state_reason != NULL ? state_reason : conflict;

      gtk_widget_set_sensitive (row, reason == NULL || row_is_on (row));
      show_reason (row, reason, _(modes[i].subtitle));
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
  char *reason;

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
    return reason;
  if (!ferry_migration_options_validate (self->options, &error))
    return g_strdup (error->message);
  return _ferry_migrate_dialog_readiness_problem (self);
}

void
_ferry_migrate_dialog_update_migrate (FerryMigrateDialog *self)
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

void
_ferry_migrate_dialog_update (FerryMigrateDialog *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (row_rules); i++)
    update_rule (self, &row_rules[i]);
  update_mode_rows (self);
  _ferry_migrate_dialog_update_command (self);
  _ferry_migrate_dialog_update_migrate (self);
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

/* Binds an enum property both ways to a combo row listing its values in order. */
void
_ferry_migrate_dialog_bind_combo (FerryMigrateDialog *self,
                                  const char         *property,
                                  AdwComboRow        *row)
{
  g_object_bind_property_full (self->options, property, row, "selected",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               enum_to_selected_cb, selected_to_enum_cb, NULL, NULL);
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

/* Binds @property both ways to the "text" of @target (an entry row, a text
 * buffer); @list for a string list, written "a, b". */
void
_ferry_migrate_dialog_bind_text (FerryMigrateDialog *self,
                                 const char         *property,
                                 gpointer            target,
                                 gboolean            list)
{
  g_object_bind_property_full (self->options, property, target, "text",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               list ? strv_to_text_cb : string_to_text_cb,
                               list ? text_to_strv_cb : NULL,
                               NULL, NULL);
}

void
_ferry_migrate_dialog_bind_options (FerryMigrateDialog *self)
{
  const GBindingFlags flags = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;
  GObject *o = G_OBJECT (self->options);

  bind_choice (self, "mode", FERRY_MIGRATION_MODE_LIVE, self->live_check);
  bind_choice (self, "mode", FERRY_MIGRATION_MODE_PAUSED, self->paused_check);
  bind_choice (self, "mode", FERRY_MIGRATION_MODE_OFFLINE, self->offline_check);
  bind_choice (self, "connectivity", FERRY_MIGRATION_CONNECTIVITY_MANAGED_DIRECT, self->managed_check);
  bind_choice (self, "connectivity", FERRY_MIGRATION_CONNECTIVITY_PEER_TO_PEER, self->p2p_check);
  bind_choice (self, "connectivity", FERRY_MIGRATION_CONNECTIVITY_TUNNELLED, self->tunnelled_check);

  _ferry_migrate_dialog_bind_text (self, "migrate-uri", self->migrate_uri_row, FALSE);
  _ferry_migrate_dialog_bind_text (self, "destination-name", self->dname_row, FALSE);
  _ferry_migrate_dialog_bind_text (self, "copy-storage-disks", self->disks_row, TRUE);
  _ferry_migrate_dialog_bind_text (self, "compression-methods", self->methods_row, TRUE);

  g_object_bind_property (o, "tls", self->tls_switch, "active", flags);
  g_object_bind_property (o, "persistent", self->persistent_switch, "active", flags);
  g_object_bind_property (o, "undefine-source", self->undefine_switch, "active", flags);
  g_object_bind_property (o, "suspend", self->suspend_switch, "active", flags);
  g_object_bind_property (o, "unsafe", self->unsafe_switch, "active", flags);

  _ferry_migrate_dialog_bind_combo (self, "copy-storage", self->copy_storage_row);
  _ferry_migrate_dialog_bind_combo (self, "postcopy-after", self->postcopy_after_row);

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

  _ferry_migrate_dialog_bind_advanced (self);
}
