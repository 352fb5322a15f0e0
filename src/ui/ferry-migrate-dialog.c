/* ferry-migrate-dialog.c — moves one VM, or several from the same host:
 * where to, how, with which options.
 *
 * Every row is bound to one FerryMigrationOptions property, and after every
 * change each row asks the options whether it can still be used
 * (ferry_migration_options_why_disabled) and shows the answer in its
 * subtitle. The equivalent virsh command follows every change. Migrate
 * starts one FerryMigrationJob per VM, all with the same options, and the
 * dialog turns into their progress view.
 *
 * This file holds the dialog object and its destination page; the option rows
 * and their rules are in ferry-migrate-dialog-options.c (the rarer ones bound
 * in ferry-migrate-dialog-advanced.c), presets, the virsh command and Migrate
 * in ferry-migrate-dialog-actions.c.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-connection-dialog.h"
#include "ferry-format.h"
#include "ferry-migrate-dialog-private.h"
#include "ferry-migration-view.h"
#include "ferry-storage-move-window.h"

enum {
  PROP_0,
  PROP_MANAGER,
  PROP_SOURCE,
  PROP_DOMAIN,
  PROP_DOMAINS,
  PROP_CHECK_READINESS,
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

static void added_state_cb (FerryMigrateDialog *self,
                            GParamSpec         *pspec,
                            FerryConnection    *connection);

static void
clear_added (FerryMigrateDialog *self)
{
  if (self->added == NULL)
    return;
  g_signal_handlers_disconnect_by_func (self->added, added_state_cb, self);
  g_clear_object (&self->added);
}

static void
destination_toggled_cb (FerryMigrateDialog *self,
                        GtkCheckButton     *check)
{
  FerryConnection *connection = g_object_get_data (G_OBJECT (check), "connection");

  if (!gtk_check_button_get_active (check))
    return;
  /* A host chosen by hand wins over one still connecting from "Other Host…". */
  if (connection != self->added)
    clear_added (self);
  ferry_migrate_dialog_set_destination (self, connection);
}

static void
other_host_activated_cb (FerryMigrateDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "dialog.add-host", NULL);
}

/* The last row of the list: a host that is not open yet. */
static GtkWidget *
create_other_host_row (FerryMigrateDialog *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Other Host…"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Connect to a host that is not open yet"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* The row's own "activated", not an action name on it: the list box would
   * then run the action a second time. */
  g_signal_connect_object (row, "activated", G_CALLBACK (other_host_activated_cb), self,
                           G_CONNECT_SWAPPED);
  return row;
}

static GtkWidget *
create_destination_row (gpointer item,
                        gpointer user_data)
{
  FerryMigrateDialog *self = user_data;
  FerryConnection *connection;
  GtkWidget *row;
  GtkWidget *check;

  if (!FERRY_IS_CONNECTION (item))
    return create_other_host_row (self);

  connection = item;
  row = adw_action_row_new ();
  check = gtk_check_button_new ();

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

/* ------------------------------------------------------------ other host */

static void
added_state_cb (FerryMigrateDialog *self,
                GParamSpec         *pspec,
                FerryConnection    *connection)
{
  if (connection != self->added ||
      ferry_connection_get_state (connection) != FERRY_CONNECTION_STATE_CONNECTED)
    return;
  clear_added (self);
  if (self->job == NULL)
    ferry_migrate_dialog_set_destination (self, connection);
}

static void
add_host_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FerryMigrateDialog) self = user_data;
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;
  gboolean autoconnect = FALSE;
  FerryConnection *c;

  if (!ferry_connection_dialog_run_finish (FERRY_CONNECTION_DIALOG (object), result,
                                           &uri, &name, &autoconnect, NULL))
    return;
  /* Closed meanwhile: the manager went with it. */
  if (self->manager == NULL)
    return;

  /* Saved, as the main window saves the hosts added there. */
  c = ferry_connection_manager_add (self->manager, uri, name && *name ? name : NULL,
                                    autoconnect, TRUE);
  if (ferry_connection_get_state (c) == FERRY_CONNECTION_STATE_DISCONNECTED ||
      ferry_connection_get_state (c) == FERRY_CONNECTION_STATE_FAILED)
    ferry_connection_manager_connect (self->manager, c);
  /* The source itself is no destination; its row is simply not there. */
  if (c == self->source)
    return;

  clear_added (self);
  self->added = g_object_ref (c);
  g_signal_connect_object (c, "notify::state", G_CALLBACK (added_state_cb), self,
                           G_CONNECT_SWAPPED);
  added_state_cb (self, NULL, c);
}

static void
add_host_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  FerryMigrateDialog *self = FERRY_MIGRATE_DIALOG (widget);
  FerryConnectionDialog *dialog = ferry_connection_dialog_new (GTK_WINDOW (self), NULL);

  ferry_connection_dialog_run_async (dialog, NULL, add_host_cb, g_object_ref (self));
}

/* "Move Storage Only…": the same host, another pool. The storage move has a
 * window of its own (also reached from the VM's Disks window); it takes
 * this dialog's place. */
static void
move_storage_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FerryMigrateDialog *self = FERRY_MIGRATE_DIALOG (widget);
  FerryStorageMoveWindow *window = ferry_storage_move_window_new (self->source,
                                                                  ferry_domain_get_uuid (self->domain));

  gtk_window_set_transient_for (GTK_WINDOW (window), gtk_window_get_transient_for (GTK_WINDOW (self)));
  gtk_window_present (GTK_WINDOW (window));
  gtk_window_close (GTK_WINDOW (self));
}

/* For Migrate, in ferry-migrate-dialog-actions.c. */
void
_ferry_migrate_dialog_emit_job_started (FerryMigrateDialog *self,
                                        FerryMigrationJob  *job)
{
  g_signal_emit (self, signals[SIGNAL_JOB_STARTED], 0, job);
}

/* "web01, web02, web03": the VMs, as the subtitle names them. */
static char *
join_domain_names (FerryMigrateDialog *self)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < self->domains->len; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, ferry_domain_get_name (g_ptr_array_index (self->domains, i)));
    }
  return g_string_free (names, FALSE);
}

/* ---------------------------------------------------------------- GObject */

static void
ferry_migrate_dialog_constructed (GObject *object)
{
  FerryMigrateDialog *self = (FerryMigrateDialog *)object;
  GtkCustomFilter *filter;
  GListStore *parts;
  GListStore *other_host;
  g_autoptr(GObject) other_host_item = NULL;

  G_OBJECT_CLASS (ferry_migrate_dialog_parent_class)->constructed (object);

  /* One VM or several: either way @domains lists them, @domain is the first. */
  if (self->domains == NULL)
    self->domains = g_ptr_array_new_with_free_func (g_object_unref);
  if (self->domains->len == 0 && self->domain != NULL)
    g_ptr_array_add (self->domains, g_object_ref (self->domain));
  if (self->domains->len > 0)
    g_set_object (&self->domain, g_ptr_array_index (self->domains, 0));

  if (self->domain != NULL)
    {
      g_autofree char *names = join_domain_names (self);
      g_autofree char *subtitle = NULL;
      gboolean all_active = TRUE;
      gboolean none_active = TRUE;

      for (guint i = 0; i < self->domains->len; i++)
        {
          FerryDomain *domain = g_ptr_array_index (self->domains, i);

          all_active &= ferry_domain_is_active (domain);
          none_active &= !ferry_domain_is_active (domain);
          g_signal_connect_object (domain, "notify::state", G_CALLBACK (options_notify_cb), self,
                                   G_CONNECT_SWAPPED);
        }
      /* Shut-off VMs can only move offline; that is their default. */
      if (none_active)
        ferry_migration_options_set_mode (self->options, FERRY_MIGRATION_MODE_OFFLINE);
      if (self->domains->len > 1)
        {
          g_autofree char *title = g_strdup_printf (ngettext ("Migrate %u VM", "Migrate %u VMs",
                                                              self->domains->len),
                                                    self->domains->len);

          adw_window_title_set_title (self->window_title, title);
          gtk_window_set_title (GTK_WINDOW (self), title);
        }
      /* Translators: the dialog's subtitle, e.g. "web01 on host-a" or
       * "web01, web02 on host-a" */
      subtitle = g_strdup_printf (_("%s on %s"), names,
                                  self->source ? ferry_connection_get_display_name (self->source) : "?");
      adw_window_title_set_subtitle (self->window_title, subtitle);
      /* A storage move is one VM's. */
      gtk_widget_set_visible (GTK_WIDGET (self->storage_only_group), self->domains->len == 1);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.move-storage", self->domains->len == 1);
      /* Presets all move live: only for running VMs. */
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.preset", all_active);
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

  /* The hosts, then one item that is no host: the "Other Host…" row. A
   * bound list box takes no rows of its own, and the list is never empty,
   * so it needs no placeholder either. */
  other_host = g_list_store_new (G_TYPE_OBJECT);
  other_host_item = g_object_new (G_TYPE_OBJECT, NULL);
  g_list_store_append (other_host, other_host_item);
  parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (parts, self->destinations);
  g_list_store_append (parts, other_host);
  g_object_unref (other_host);
  self->destination_rows = gtk_flatten_list_model_new (G_LIST_MODEL (parts));
  gtk_list_box_bind_model (self->destinations_list, G_LIST_MODEL (self->destination_rows),
                           create_destination_row, self, NULL);

  _ferry_migrate_dialog_readiness_init (self);
  _ferry_migrate_dialog_update (self);
}

static void
ferry_migrate_dialog_dispose (GObject *object)
{
  FerryMigrateDialog *self = (FerryMigrateDialog *)object;

  if (self->destinations_list != NULL)
    gtk_list_box_bind_model (self->destinations_list, NULL, NULL, NULL, NULL);
  clear_added (self);
  _ferry_migrate_dialog_readiness_dispose (self);
  _ferry_migrate_dialog_dispose_advanced (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_MIGRATE_DIALOG);
  g_clear_object (&self->destination_rows);
  g_clear_object (&self->destinations);
  g_clear_object (&self->no_destination);
  g_clear_object (&self->manager);
  g_clear_object (&self->source);
  g_clear_object (&self->domain);
  g_clear_pointer (&self->domains, g_ptr_array_unref);
  g_clear_object (&self->destination);
  g_clear_object (&self->job);
  g_clear_pointer (&self->jobs, g_ptr_array_unref);

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
    case PROP_DOMAINS:
      g_value_set_boxed (value, self->domains);
      break;
    case PROP_CHECK_READINESS:
      g_value_set_boolean (value, self->check_readiness);
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
    case PROP_DOMAINS:
      {
        GPtrArray *domains = g_value_get_boxed (value);

        /* A copy: the caller's array may change after. */
        if (domains != NULL)
          {
            self->domains = g_ptr_array_new_full (domains->len, g_object_unref);
            for (guint i = 0; i < domains->len; i++)
              g_ptr_array_add (self->domains, g_object_ref (g_ptr_array_index (domains, i)));
          }
      }
      break;
    case PROP_CHECK_READINESS:
      self->check_readiness = g_value_get_boolean (value);
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
  /* Of FerryDomain, all on the source; overrides "domain" when set. */
  properties[PROP_DOMAINS] =
    g_param_spec_boxed ("domains", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
  /* Migrate waits for the readiness checks to pass. Off only where the
   * checks cannot mean anything: the UI tests' test-driver hosts, which all
   * report the same hostname and so are rightly "the same host". */
  properties[PROP_CHECK_READINESS] =
    g_param_spec_boolean ("check-readiness", NULL, NULL, TRUE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FerryMigrateDialog::job-started:
   * @self: the dialog
   * @job: the migration, running
   *
   * Migrate was pressed and the job runs; with several VMs, emitted once
   * for each VM's job. The job keeps itself alive while
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
  BIND (storage_only_group);
  BIND (readiness_stack_page);
  BIND (readiness_placeholder);
  BIND (readiness_vm_group);
  BIND (readiness_vm_row);
  BIND (readiness_page);
  BIND (unsafe_group);
  BIND (override_check);
#undef BIND
  _ferry_migrate_dialog_class_init_advanced (widget_class);

  gtk_widget_class_install_action (widget_class, "dialog.migrate", NULL,
                                   _ferry_migrate_dialog_migrate_action);
  gtk_widget_class_install_action (widget_class, "dialog.preset", "s",
                                   _ferry_migrate_dialog_preset_action);
  gtk_widget_class_install_action (widget_class, "dialog.copy-command", NULL,
                                   _ferry_migrate_dialog_copy_command_action);
  gtk_widget_class_install_action (widget_class, "dialog.add-host", NULL, add_host_action);
  gtk_widget_class_install_action (widget_class, "dialog.move-storage", NULL, move_storage_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ferry_migrate_dialog_init (FerryMigrateDialog *self)
{
  g_type_ensure (FERRY_TYPE_MIGRATION_VIEW);
  g_type_ensure (FERRY_TYPE_READINESS_PAGE);
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
 * ferry_migrate_dialog_new_for_domains:
 * @parent: (nullable): the window the dialog is modal for
 * @manager: the open connections, among which the destination is chosen
 * @source: the host the VMs run on
 * @domains: (element-type FerryDomain): the VMs to migrate, at least one
 *
 * Like ferry_migrate_dialog_new(), for several VMs at once: they all move to
 * the same destination with the same options, one job each.
 *
 * Returns: (transfer none): the dialog, owned by GTK until it is destroyed
 */
FerryMigrateDialog *
ferry_migrate_dialog_new_for_domains (GtkWindow              *parent,
                                      FerryConnectionManager *manager,
                                      FerryConnection        *source,
                                      GPtrArray              *domains)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (FERRY_IS_CONNECTION_MANAGER (manager), NULL);
  g_return_val_if_fail (FERRY_IS_CONNECTION (source), NULL);
  g_return_val_if_fail (domains != NULL && domains->len > 0, NULL);
  for (guint i = 0; i < domains->len; i++)
    g_return_val_if_fail (FERRY_IS_DOMAIN (g_ptr_array_index (domains, i)), NULL);

  return g_object_new (FERRY_TYPE_MIGRATE_DIALOG,
                       "transient-for", parent,
                       "manager", manager,
                       "source", source,
                       "domains", domains,
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
  _ferry_migrate_dialog_readiness_reset (self);
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

/**
 * ferry_migrate_dialog_get_jobs:
 *
 * Returns: (transfer none) (nullable) (element-type FerryMigrationJob): the
 *   migrations started with Migrate, one per VM, in the VMs' order
 */
GPtrArray *
ferry_migrate_dialog_get_jobs (FerryMigrateDialog *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATE_DIALOG (self), NULL);
  return self->jobs;
}
