/* ferry-pool-copy-list.c — "define this pool on other hosts": one check row
 * per other open host, greyed out where a pool of that name already exists,
 * and after a run, what each step did on each host (the copy's report).
 *
 * The pools view's "Define on Another Host…" dialog and the pool editor's
 * "Also Define On" page both use it. The copy itself is
 * ferry_definition_copy_async (core): this widget only chooses hosts and
 * shows the outcome.
 *
 * What the user checked and what a run did are kept per connection, not in
 * the rows: a row is rebuilt whenever the list of open hosts changes.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-pool-copy-list-private.h"

enum {
  PROP_0,
  PROP_POOL_NAME,
  PROP_N_SELECTED,
  PROP_BUSY,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryPoolCopyList, ferry_pool_copy_list, ADW_TYPE_PREFERENCES_GROUP)

static GParamSpec *properties[N_PROPS];

static void
host_state_free (HostState *state)
{
  g_clear_pointer (&state->report, ferry_definition_copy_report_unref);
  g_free (state->error);
  g_free (state);
}

HostState *
_ferry_pool_copy_list_get_state (FerryPoolCopyList *self,
                                 FerryConnection   *connection)
{
  HostState *state = g_hash_table_lookup (self->states, connection);

  if (state == NULL)
    {
      state = g_new0 (HostState, 1);
      g_hash_table_insert (self->states, g_object_ref (connection), state);
    }
  return state;
}

/* The host's own pool list (the inventory, read on the main thread): no
 * libvirt call is needed to know what it has. */
static gboolean
has_pool (FerryPoolCopyList *self,
          FerryConnection   *connection)
{
  return self->pool_name != NULL && self->pool_name[0] != '\0' &&
         ferry_host_inventory_find_pool (ferry_connection_get_inventory (connection),
                                         self->pool_name) != NULL;
}

static gboolean
ran (HostState *state)
{
  return state->report != NULL || state->error != NULL;
}

/* A host the next run copies to: checked, not done yet, and either free of a
 * pool of that name or one the last run left half way (running the copy
 * again finishes it: what is there is skipped). */
gboolean
_ferry_pool_copy_list_is_target (FerryPoolCopyList *self,
                                 FerryConnection   *connection,
                                 HostState         *state)
{
  if (!state->checked || state->running || (ran (state) && state->error == NULL))
    return FALSE;
  return ran (state) || !has_pool (self, connection);
}

guint
ferry_pool_copy_list_get_n_selected (FerryPoolCopyList *self)
{
  guint n = 0;

  g_return_val_if_fail (FERRY_IS_POOL_COPY_LIST (self), 0);

  for (guint i = 0; self->hosts != NULL && i < g_list_model_get_n_items (self->hosts); i++)
    {
      g_autoptr(FerryConnection) c = g_list_model_get_item (self->hosts, i);

      n += _ferry_pool_copy_list_is_target (self, c, _ferry_pool_copy_list_get_state (self, c));
    }
  return n;
}

/* ------------------------------------------------------------------ rows */

/* The step that failed, in words, or NULL when none ran to fail. */
static char *
plain_failure (FerryDefinitionCopyReport *report,
               const char                *host)
{
  FerryDefinitionStep step = 0;

  while (step < FERRY_DEFINITION_N_STEPS &&
         ferry_definition_copy_report_get_outcome (report, step) != FERRY_STEP_FAILED)
    step++;
  /* Translators: in this group, %s is a host's name */
  switch (step)
    {
    case FERRY_DEFINITION_STEP_DEFINE:
      return g_strdup_printf (_("The pool could not be defined on %s."), host);
    case FERRY_DEFINITION_STEP_BUILD:
      return g_strdup_printf (_("Its mount directory could not be created on %s."), host);
    case FERRY_DEFINITION_STEP_START:
      return g_strdup_printf (_("It could not be started (mounted) on %s."), host);
    case FERRY_DEFINITION_STEP_AUTOSTART:
      return g_strdup_printf (_("It could not be set to start with %s."), host);
    case FERRY_DEFINITION_N_STEPS:
    default:
      return NULL;
    }
}

/* What the last run did on @connection: each step, and on a failure first a
 * sentence saying what is missing (the steps before it stay done: Retry goes
 * on from there). */
static char *
result_text (HostState       *state,
             FerryConnection *connection)
{
  g_autofree char *steps = NULL;
  g_autofree char *failure = NULL;

  /* A copy that failed before its first step (the host dropped) has only
   * its error to tell. */
  if (state->report == NULL)
    return g_strdup (state->error);
  steps = ferry_definition_copy_report_to_string (state->report);
  if (state->error == NULL)
    return g_steal_pointer (&steps);
  failure = plain_failure (state->report, ferry_connection_get_display_name (connection));
  if (failure == NULL)
    return g_strdup (state->error);
  return g_strdup_printf ("%s\n%s", failure, steps);
}

static void
row_update (GtkWidget *row)
{
  FerryPoolCopyList *self = g_object_get_data (G_OBJECT (row), "list");
  FerryConnection *connection = g_object_get_data (G_OBJECT (row), "connection");
  GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");
  GtkSpinner *spinner = g_object_get_data (G_OBJECT (row), "spinner");
  GtkImage *icon = g_object_get_data (G_OBJECT (row), "icon");
  HostState *state = _ferry_pool_copy_list_get_state (self, connection);
  gboolean exists = !ran (state) && has_pool (self, connection);
  g_autofree char *subtitle = NULL;

  if (state->running)
    subtitle = g_strdup (_("Defining the pool there…"));
  else if (ran (state))
    subtitle = result_text (state, connection);
  else if (exists)
    /* Translators: why a host cannot be chosen; %s is a storage pool name */
    subtitle = g_strdup_printf (_("Already has a pool named “%s”"), self->pool_name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 ferry_connection_get_display_name (connection));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");
  gtk_check_button_set_active (check, state->checked && !exists);
  /* A host that has the pool, or got it from this run, takes no more copies. */
  gtk_widget_set_sensitive (row, !exists);
  gtk_widget_set_sensitive (GTK_WIDGET (check),
                            self->n_running == 0 && !(ran (state) && state->error == NULL));
  gtk_spinner_set_spinning (spinner, state->running);
  gtk_widget_set_visible (GTK_WIDGET (spinner), state->running);
  gtk_widget_set_visible (GTK_WIDGET (icon), !state->running && ran (state));
  gtk_image_set_from_icon_name (icon, state->error != NULL ? "dialog-error-symbolic"
                                                          : "object-select-symbolic");
  if (state->error != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (icon), "success");
      gtk_widget_add_css_class (GTK_WIDGET (icon), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (icon), "error");
      gtk_widget_add_css_class (GTK_WIDGET (icon), "success");
    }
}

void
_ferry_pool_copy_list_update_rows (FerryPoolCopyList *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_object_get_data (G_OBJECT (row), "connection") != NULL)
      row_update (row);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
}

static void
check_toggled_cb (GtkWidget      *row,
                  GtkCheckButton *check)
{
  FerryPoolCopyList *self = g_object_get_data (G_OBJECT (row), "list");
  HostState *state = _ferry_pool_copy_list_get_state (self, g_object_get_data (G_OBJECT (row),
                                                                            "connection"));

  /* Rows set their check from the state too: only a change by the user counts. */
  if (!gtk_widget_get_sensitive (row) || state->checked == gtk_check_button_get_active (check))
    return;
  state->checked = gtk_check_button_get_active (check);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
}

static void
host_pools_changed_cb (GtkWidget *row)
{
  row_update (row);
  g_object_notify_by_pspec (G_OBJECT (g_object_get_data (G_OBJECT (row), "list")),
                            properties[PROP_N_SELECTED]);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  FerryPoolCopyList *self = user_data;
  FerryConnection *connection = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *icon = gtk_image_new ();
  GListModel *pools = ferry_host_inventory_get_pools (ferry_connection_get_inventory (connection));

  g_object_set_data (G_OBJECT (row), "list", self);
  g_object_set_data_full (G_OBJECT (row), "connection", g_object_ref (connection), g_object_unref);
  g_object_set_data (G_OBJECT (row), "check", check);
  g_object_set_data (G_OBJECT (row), "spinner", spinner);
  g_object_set_data (G_OBJECT (row), "icon", icon);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* A failure says what happened step by step: every line is shown. */
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spinner);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);

  g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), row,
                           G_CONNECT_SWAPPED);
  /* The host gains or loses a pool of that name (from here or elsewhere). */
  g_signal_connect_object (pools, "items-changed", G_CALLBACK (host_pools_changed_cb), row,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (connection, "notify::display-name", G_CALLBACK (row_update), row,
                           G_CONNECT_SWAPPED);
  row_update (row);
  return row;
}

/* ---------------------------------------------------------------- object */

static void
ferry_pool_copy_list_dispose (GObject *object)
{
  FerryPoolCopyList *self = (FerryPoolCopyList *)object;

  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->hosts);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (ferry_pool_copy_list_parent_class)->dispose (object);
}

static void
ferry_pool_copy_list_finalize (GObject *object)
{
  FerryPoolCopyList *self = (FerryPoolCopyList *)object;

  g_clear_pointer (&self->states, g_hash_table_unref);
  g_free (self->pool_name);

  G_OBJECT_CLASS (ferry_pool_copy_list_parent_class)->finalize (object);
}

static void
ferry_pool_copy_list_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FerryPoolCopyList *self = FERRY_POOL_COPY_LIST (object);

  switch (prop_id)
    {
    case PROP_POOL_NAME:
      g_value_set_string (value, self->pool_name);
      break;
    case PROP_N_SELECTED:
      g_value_set_uint (value, ferry_pool_copy_list_get_n_selected (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->n_running > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_pool_copy_list_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FerryPoolCopyList *self = FERRY_POOL_COPY_LIST (object);

  switch (prop_id)
    {
    case PROP_POOL_NAME:
      ferry_pool_copy_list_set_pool_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_pool_copy_list_class_init (FerryPoolCopyListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ferry_pool_copy_list_dispose;
  object_class->finalize = ferry_pool_copy_list_finalize;
  object_class->get_property = ferry_pool_copy_list_get_property;
  object_class->set_property = ferry_pool_copy_list_set_property;

  /* The pool to define: a host that has one of that name is greyed out. */
  properties[PROP_POOL_NAME] =
    g_param_spec_string ("pool-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* How many hosts the next run defines the pool on. */
  properties[PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ferry-pool-copy-list.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryPoolCopyList, list);
}

static void
ferry_pool_copy_list_init (FerryPoolCopyList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->states = g_hash_table_new_full (NULL, NULL, g_object_unref,
                                        (GDestroyNotify)host_state_free);
}

GtkWidget *
ferry_pool_copy_list_new (void)
{
  return g_object_new (FERRY_TYPE_POOL_COPY_LIST, NULL);
}

/**
 * ferry_pool_copy_list_set_hosts:
 * @manager: (nullable): the open connections to choose among
 * @source: the host the pool is defined on
 */
void
ferry_pool_copy_list_set_hosts (FerryPoolCopyList      *self,
                                FerryConnectionManager *manager,
                                FerryConnection        *source)
{
  g_return_if_fail (FERRY_IS_POOL_COPY_LIST (self));
  g_return_if_fail (manager == NULL || FERRY_IS_CONNECTION_MANAGER (manager));
  g_return_if_fail (FERRY_IS_CONNECTION (source));
  g_return_if_fail (self->task == NULL);

  g_set_object (&self->source, source);
  g_clear_object (&self->hosts);
  if (manager != NULL)
    {
      self->hosts = ferry_pool_copy_list_open_hosts_new (manager, source);
      g_signal_connect_object (self->hosts, "items-changed",
                               G_CALLBACK (_ferry_pool_copy_list_update_rows), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_list_box_bind_model (self->list, self->hosts, create_row_cb, self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
}

const char *
ferry_pool_copy_list_get_pool_name (FerryPoolCopyList *self)
{
  g_return_val_if_fail (FERRY_IS_POOL_COPY_LIST (self), NULL);
  return self->pool_name;
}

void
ferry_pool_copy_list_set_pool_name (FerryPoolCopyList *self,
                                    const char        *pool_name)
{
  g_return_if_fail (FERRY_IS_POOL_COPY_LIST (self));

  if (g_strcmp0 (self->pool_name, pool_name) == 0)
    return;
  g_free (self->pool_name);
  self->pool_name = g_strdup (pool_name);
  _ferry_pool_copy_list_update_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POOL_NAME]);
}

void
_ferry_pool_copy_list_notify_busy (FerryPoolCopyList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

gboolean
ferry_pool_copy_list_get_busy (FerryPoolCopyList *self)
{
  g_return_val_if_fail (FERRY_IS_POOL_COPY_LIST (self), FALSE);
  return self->n_running > 0;
}

/**
 * ferry_pool_copy_list_describe_selected:
 *
 * Returns: (transfer full): the names of the hosts the next run defines the
 *   pool on, comma separated ("" for none)
 */
char *
ferry_pool_copy_list_describe_selected (FerryPoolCopyList *self)
{
  GString *names = g_string_new (NULL);

  g_return_val_if_fail (FERRY_IS_POOL_COPY_LIST (self), NULL);

  for (guint i = 0; self->hosts != NULL && i < g_list_model_get_n_items (self->hosts); i++)
    {
      g_autoptr(FerryConnection) c = g_list_model_get_item (self->hosts, i);

      if (_ferry_pool_copy_list_is_target (self, c, _ferry_pool_copy_list_get_state (self, c)))
        g_string_append_printf (names, "%s%s", names->len ? ", " : "",
                                ferry_connection_get_display_name (c));
    }
  return g_string_free (names, FALSE);
}
