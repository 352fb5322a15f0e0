/* ferry-migrate-dialog.c — moves one VM: where to, how, with which options.
 *
 * Every row is bound to one FerryMigrationOptions property, and after every
 * change each row asks the options whether it can still be used
 * (ferry_migration_options_why_disabled) and shows the answer in its
 * subtitle. The equivalent virsh command follows every change. Migrate
 * starts a FerryMigrationJob and the dialog turns into its progress view.
 *
 * This file holds the dialog object and its destination page; the option rows
 * and their rules are in ferry-migrate-dialog-options.c, presets, the virsh
 * command and Migrate in ferry-migrate-dialog-actions.c.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-format.h"
#include "ferry-migrate-dialog-private.h"
#include "ferry-migration-view.h"

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

static void
options_notify_cb (FerryMigrateDialog *self)
{
  _ferry_migrate_dialog_update (self);
}

/* ---------------------------------------------------------- destinations */

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
  _ferry_migrate_dialog_update_migrate (self);
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

/* For Migrate, in ferry-migrate-dialog-actions.c. */
void
_ferry_migrate_dialog_emit_job_started (FerryMigrateDialog *self)
{
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

  _ferry_migrate_dialog_update (self);
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

  gtk_widget_class_install_action (widget_class, "dialog.migrate", NULL,
                                   _ferry_migrate_dialog_migrate_action);
  gtk_widget_class_install_action (widget_class, "dialog.preset", "s",
                                   _ferry_migrate_dialog_preset_action);
  gtk_widget_class_install_action (widget_class, "dialog.copy-command", NULL,
                                   _ferry_migrate_dialog_copy_command_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ferry_migrate_dialog_init (FerryMigrateDialog *self)
{
  g_type_ensure (FERRY_TYPE_MIGRATION_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->options = ferry_migration_options_new ();
  self->no_destination = g_object_ref_sink (GTK_CHECK_BUTTON (gtk_check_button_new ()));
  _ferry_migrate_dialog_bind_options (self);
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
  _ferry_migrate_dialog_update_migrate (self);
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
