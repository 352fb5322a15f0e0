/* ferry-window.c — the main window: hosts in a sidebar, the selected host's
 * facts and virtual machines in the content area.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-connection-dialog.h"
#include "ferry-credential-dialog.h"
#include "ferry-events-window.h"
#include "ferry-host-page.h"
#include "ferry-job-row.h"
#include "ferry-migrate-dialog.h"
#include "ferry-migration-view.h"
#include "ferry-host-row.h"
#include "ferry-preferences-window.h"
#include "ferry-window.h"

struct _FerryWindow
{
  AdwApplicationWindow    parent_instance;

  /* Owned References */
  FerryConnectionManager *manager;
  GSettings              *settings;
  GtkWindow              *events_window;  /* hidden, not destroyed, when closed */

  /* Weak: the open notice dialog, which later notices join */
  AdwMessageDialog       *notice_dialog;
  gboolean                notice_warns;

  /* Template Widgets */
  AdwToastOverlay        *toast_overlay;
  AdwLeaflet             *leaflet;
  GtkListBox             *hosts_list;
  GtkListBox             *jobs_list;
  GtkWidget              *jobs_box;
  GtkStack               *content_stack;
  FerryHostPage          *host_page;
  AdwWindowTitle         *content_title;
};

enum {
  PROP_0,
  PROP_MANAGER,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryWindow, ferry_window, ADW_TYPE_APPLICATION_WINDOW)

static GParamSpec *properties[N_PROPS];

static GtkWidget *
create_host_row (gpointer item,
                 gpointer user_data)
{
  return GTK_WIDGET (ferry_host_row_new (FERRY_CONNECTION (item)));
}

static void
update_content (FerryWindow *self)
{
  FerryConnection *selected = ferry_window_get_selected_connection (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-connection", selected != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.disconnect", selected != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-connection", selected != NULL);

  ferry_host_page_set_connection (self->host_page, selected);
  gtk_stack_set_visible_child_name (self->content_stack, selected ? "host" : "empty");
}

static void
hosts_row_selected_cb (FerryWindow   *self,
                       GtkListBoxRow *row,
                       GtkListBox    *list)
{
  update_content (self);
  if (row != NULL)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
connections_changed_cb (FerryWindow *self,
                        guint        position,
                        guint        removed,
                        guint        added,
                        GListModel  *model)
{
  /* Keep something selected: the first host when the selection went away. */
  if (gtk_list_box_get_selected_row (self->hosts_list) == NULL &&
      g_list_model_get_n_items (model) > 0)
    gtk_list_box_select_row (self->hosts_list, gtk_list_box_get_row_at_index (self->hosts_list, 0));
  update_content (self);
}

static void
go_back_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ferry_window_add_toast (FERRY_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

typedef struct
{
  FerryWindow     *window;
  FerryConnection *editing;   /* NULL when adding */
} DialogRun;

static void
connection_dialog_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  DialogRun *run = user_data;
  FerryWindow *self = run->window;
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;
  gboolean autoconnect = FALSE;
  FerryConnection *c;

  if (ferry_connection_dialog_run_finish (FERRY_CONNECTION_DIALOG (object), result,
                                          &uri, &name, &autoconnect, NULL) &&
      self->manager != NULL)
    {
      /* A changed URI is another host: replace the old entry. */
      if (run->editing != NULL && g_strcmp0 (ferry_connection_get_uri (run->editing), uri) != 0)
        ferry_connection_manager_remove (self->manager, run->editing);
      c = ferry_connection_manager_add (self->manager, uri, name && *name ? name : NULL,
                                        autoconnect, TRUE);
      ferry_window_select_connection (self, c);
      if (ferry_connection_get_state (c) == FERRY_CONNECTION_STATE_DISCONNECTED ||
          ferry_connection_get_state (c) == FERRY_CONNECTION_STATE_FAILED)
        ferry_connection_manager_connect (self->manager, c);
    }
  g_clear_object (&run->editing);
  g_object_unref (run->window);
  g_free (run);
}

static void
open_connection_dialog (FerryWindow     *self,
                        FerryConnection *editing)
{
  FerryConnectionDialog *dialog = ferry_connection_dialog_new (GTK_WINDOW (self), editing);
  DialogRun *run = g_new0 (DialogRun, 1);

  run->window = g_object_ref (self);
  run->editing = editing ? g_object_ref (editing) : NULL;
  if (editing != NULL && self->manager != NULL)
    ferry_connection_dialog_set_autoconnect (dialog,
      ferry_connection_manager_get_autoconnect (self->manager, editing));
  ferry_connection_dialog_run_async (dialog, NULL, connection_dialog_cb, run);
}

static void
add_connection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  open_connection_dialog (FERRY_WINDOW (widget), NULL);
}

static void
selected_connection_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);
  FerryConnection *c = ferry_window_get_selected_connection (self);

  if (c == NULL || self->manager == NULL)
    return;
  if (g_str_equal (action_name, "win.edit-connection"))
    open_connection_dialog (self, c);
  else if (g_str_equal (action_name, "win.disconnect"))
    ferry_connection_close (c);
  else if (g_str_equal (action_name, "win.remove-connection"))
    ferry_connection_manager_remove (self->manager, c);
}

static void
auth_request_cb (FerryWindow            *self,
                 FerryConnection        *connection,
                 FerryAuthRequest       *request,
                 FerryConnectionManager *manager)
{
  ferry_credential_dialog_answer (GTK_WINDOW (self), connection, request);
}

static GtkWidget *
create_job_row (gpointer item,
                gpointer user_data)
{
  return ferry_job_row_new (FERRY_MIGRATION_JOB (item));
}

static void
jobs_changed_cb (FerryWindow *self,
                 guint        position,
                 guint        removed,
                 guint        added,
                 GListModel  *jobs)
{
  gtk_widget_set_visible (self->jobs_box, g_list_model_get_n_items (jobs) > 0);
}

/* Reopens a migration's progress in a window of its own: closing the Migrate
 * dialog never stopped the migration. */
static void
show_job (FerryWindow       *self,
          FerryMigrationJob *job)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_window_set_title (GTK_WINDOW (window), ferry_migration_job_get_domain_name (job));
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_default_size (GTK_WINDOW (window), 620, 720);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), ferry_migration_view_new (job));
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

static void
job_row_activated_cb (FerryWindow   *self,
                      GtkListBoxRow *row,
                      GtkListBox    *list)
{
  show_job (self, ferry_job_row_get_job (FERRY_JOB_ROW (row)));
}

/* The toast's Show button: the newest job of that VM (jobs are newest first). */
static void
show_job_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);
  GListModel *jobs = self->manager ? ferry_connection_manager_get_jobs (self->manager) : NULL;

  for (guint i = 0; jobs != NULL && i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr(FerryMigrationJob) job = g_list_model_get_item (jobs, i);

      if (g_strcmp0 (ferry_migration_job_get_domain_uuid (job), g_variant_get_string (parameter, NULL)) == 0)
        {
          show_job (self, job);
          return;
        }
    }
}

/* A migration found running when a host connected: said at once, one click
 * from its progress (it is also in the jobs list). */
static void
job_discovered_cb (FerryWindow       *self,
                   FerryMigrationJob *job)
{
  gboolean broken = ferry_migration_job_get_state (job) == FERRY_MIGRATION_STATE_NEEDS_RECOVERY;
  g_autofree char *title =
    g_strdup_printf (broken ? _("Migration of %s from %s broke off in post-copy and needs recovery") :
                     _("Migration of %s from %s is running (found when Ferry connected)"),
                     ferry_migration_job_get_domain_name (job),
                     ferry_connection_get_display_name (ferry_migration_job_get_source (job)));
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Show"));
  adw_toast_set_action_name (toast, "win.show-job");
  adw_toast_set_action_target_value (toast, g_variant_new_string (ferry_migration_job_get_domain_uuid (job)));
  adw_toast_set_timeout (toast, 0);   /* stays until dismissed: it needs attention */
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Something Ferry did on its own about a VM (an interrupted migration
 * settled): told in a dialog, since it may say what not to do. */
static void
notice_cb (FerryWindow *self,
           FerryEvent  *event)
{
  const char *message = ferry_event_get_message (event);
  gboolean warn = ferry_event_get_severity (event) != FERRY_EVENT_SEVERITY_INFO;

  /* Several VMs settled on one reconnect join one dialog, not a stack of them. */
  if (self->notice_dialog != NULL && gtk_widget_get_visible (GTK_WIDGET (self->notice_dialog)))
    {
      g_autofree char *body = g_strdup_printf ("%s\n\n%s",
                                               adw_message_dialog_get_body (self->notice_dialog),
                                               message);

      self->notice_warns |= warn;
      adw_message_dialog_set_heading (self->notice_dialog,
                                      self->notice_warns ? _("Interrupted Migrations Need Attention") :
                                      _("Interrupted Migrations Finished"));
      adw_message_dialog_set_body (self->notice_dialog, body);
      return;
    }

  self->notice_warns = warn;
  self->notice_dialog =
    ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                warn ? _("Interrupted Migration Needs Attention") :
                                                _("Interrupted Migration Finished"),
                                                message));
  g_object_add_weak_pointer (G_OBJECT (self->notice_dialog), (gpointer *) &self->notice_dialog);
  adw_message_dialog_add_response (self->notice_dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (self->notice_dialog));
}

static void
job_started_cb (FerryWindow       *self,
                FerryMigrationJob *job)
{
  if (self->manager != NULL)
    ferry_connection_manager_add_job (self->manager, job);
}

static void
migrate_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);
  FerryConnection *source = ferry_window_get_selected_connection (self);
  g_autoptr(GListModel) selected = ferry_host_page_get_selected_domains (self->host_page);
  g_autoptr(GPtrArray) domains = g_ptr_array_new_with_free_func (g_object_unref);
  FerryMigrateDialog *dialog;

  /* Every selected VM moves, with the same options. */
  for (guint i = 0; i < g_list_model_get_n_items (selected); i++)
    g_ptr_array_add (domains, g_list_model_get_item (selected, i));
  if (source == NULL || domains->len == 0 || self->manager == NULL)
    return;
  dialog = ferry_migrate_dialog_new_for_domains (GTK_WINDOW (self), self->manager, source, domains);
  g_signal_connect_object (dialog, "job-started", G_CALLBACK (job_started_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_manager (FerryWindow            *self,
             FerryConnectionManager *manager)
{
  GListModel *connections;

  if (!g_set_object (&self->manager, manager) || manager == NULL)
    return;

  connections = ferry_connection_manager_get_connections (manager);
  gtk_list_box_bind_model (self->hosts_list, connections, create_host_row, self, NULL);
  g_signal_connect_object (connections, "items-changed",
                           G_CALLBACK (connections_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "auth-request",
                           G_CALLBACK (auth_request_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "job-discovered",
                           G_CALLBACK (job_discovered_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notice", G_CALLBACK (notice_cb), self, G_CONNECT_SWAPPED);

  gtk_list_box_bind_model (self->jobs_list, ferry_connection_manager_get_jobs (manager),
                           create_job_row, self, NULL);
  g_signal_connect_object (ferry_connection_manager_get_jobs (manager), "items-changed",
                           G_CALLBACK (jobs_changed_cb), self, G_CONNECT_SWAPPED);
  jobs_changed_cb (self, 0, 0, 0, ferry_connection_manager_get_jobs (manager));
  connections_changed_cb (self, 0, 0, 0, connections);
}

static gboolean
ferry_window_close_request (GtkWindow *window)
{
  FerryWindow *self = FERRY_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (ferry_window_parent_class)->close_request (window);
}

/* One events window per main window, kept while hidden so that reopening it
 * keeps its filter and scroll position. */
static void
show_events_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);

  if (self->events_window == NULL)
    {
      self->events_window = GTK_WINDOW (g_object_ref_sink (ferry_events_window_new (self->manager)));
      gtk_window_set_transient_for (self->events_window, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->events_window, TRUE);
    }
  gtk_window_present (self->events_window);
}

static void
ferry_window_dispose (GObject *object)
{
  FerryWindow *self = (FerryWindow *)object;

  if (self->hosts_list != NULL)
    gtk_list_box_bind_model (self->hosts_list, NULL, NULL, NULL, NULL);
  if (self->jobs_list != NULL)
    gtk_list_box_bind_model (self->jobs_list, NULL, NULL, NULL, NULL);
  if (self->events_window != NULL)
    gtk_window_destroy (self->events_window);
  g_clear_object (&self->events_window);
  g_clear_weak_pointer (&self->notice_dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_WINDOW);
  g_clear_object (&self->manager);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ferry_window_parent_class)->dispose (object);
}

static void
ferry_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FerryWindow *self = FERRY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      g_value_set_object (value, self->manager);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  FerryWindow *self = FERRY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      set_manager (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_window_class_init (FerryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ferry_window_dispose;
  object_class->get_property = ferry_window_get_property;
  object_class->set_property = ferry_window_set_property;
  window_class->close_request = ferry_window_close_request;

  properties[PROP_MANAGER] =
    g_param_spec_object ("manager", NULL, NULL, FERRY_TYPE_CONNECTION_MANAGER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FERRY_TYPE_HOST_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ferry-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, hosts_list);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, jobs_list);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, jobs_box);
  gtk_widget_class_bind_template_callback (widget_class, job_row_activated_cb);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, host_page);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, content_title);
  gtk_widget_class_bind_template_callback (widget_class, hosts_row_selected_cb);

  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_cb);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-job", "s", show_job_action);
  gtk_widget_class_install_action (widget_class, "win.show-events", NULL, show_events_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.show-events", NULL);
  gtk_widget_class_install_action (widget_class, "win.add-connection", NULL, add_connection_action);
  gtk_widget_class_install_action (widget_class, "win.migrate", NULL, migrate_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "win.migrate", NULL);
  gtk_widget_class_install_action (widget_class, "win.edit-connection", NULL, selected_connection_action);
  gtk_widget_class_install_action (widget_class, "win.disconnect", NULL, selected_connection_action);
  gtk_widget_class_install_action (widget_class, "win.remove-connection", NULL, selected_connection_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.add-connection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back", NULL);
}

static void
ferry_window_init (FerryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_strcmp0 (PROFILE, "Devel") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->settings = g_settings_new (SCHEMA_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_object_bind_property (self->host_page, "title", self->content_title, "title",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->host_page, "subtitle", self->content_title, "subtitle",
                          G_BINDING_SYNC_CREATE);
  update_content (self);
}

/**
 * ferry_window_new:
 *
 * Returns: (transfer full): a new main window for @application
 */
FerryWindow *
ferry_window_new (FerryApplication *application)
{
  return g_object_new (FERRY_TYPE_WINDOW,
                       "application", application,
                       "manager", ferry_application_get_connection_manager (application),
                       NULL);
}

/**
 * ferry_window_get_selected_connection:
 *
 * Returns: (transfer none) (nullable): the host shown in the content area
 */
FerryConnection *
ferry_window_get_selected_connection (FerryWindow *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (FERRY_IS_WINDOW (self), NULL);

  row = gtk_list_box_get_selected_row (self->hosts_list);
  return row ? ferry_host_row_get_connection (FERRY_HOST_ROW (row)) : NULL;
}

void
ferry_window_select_connection (FerryWindow     *self,
                                FerryConnection *connection)
{
  guint position;

  g_return_if_fail (FERRY_IS_WINDOW (self));
  g_return_if_fail (FERRY_IS_CONNECTION (connection));

  if (self->manager != NULL &&
      g_list_store_find (G_LIST_STORE (ferry_connection_manager_get_connections (self->manager)),
                         connection, &position))
    gtk_list_box_select_row (self->hosts_list,
                             gtk_list_box_get_row_at_index (self->hosts_list, position));
}

void
ferry_window_show_preferences (FerryWindow *self)
{
  GtkWindow *prefs;

  g_return_if_fail (FERRY_IS_WINDOW (self));

  prefs = GTK_WINDOW (ferry_preferences_window_new ());
  gtk_window_set_transient_for (prefs, GTK_WINDOW (self));
  gtk_window_present (prefs);
}

void
ferry_window_add_toast (FerryWindow *self,
                        const char  *title)
{
  g_return_if_fail (FERRY_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}
