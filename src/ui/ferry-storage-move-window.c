/* ferry-storage-move-window.c — "Move Storage…": pick some of a VM's disks, a pool of the
 * same host and a format; the checks say at once what cannot move and why; Move copies the
 * disks (live for a running VM) with a progress bar per disk, and Cancel (confirmed) stops
 * before the VM switches over. Opened from the Disks window.
 *
 * The window holds a FerryStorageMove for the current choices: every change makes a new one
 * and checks it; Move runs the one last checked.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-storage-move-window.h"

struct _FerryStorageMoveWindow
{
  AdwWindow             parent_instance;

  /* Owned References */
  FerryConnection      *connection;
  char                 *domain;
  FerryStorageMove     *move;
  GCancellable         *cancellable;   /* the running check */
  GPtrArray            *disk_checks;   /* GtkCheckButton, data "target" */
  GPtrArray            *pool_names;    /* parallel to the pool row's model */
  GPtrArray            *check_rows;    /* rows in checks_group */
  GPtrArray            *progress_rows; /* per-disk rows in progress_group */
  guint                 checking : 1;

  /* Template Widgets */
  AdwWindowTitle       *window_title;
  GtkWidget            *cancel_button;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  AdwPreferencesGroup  *disks_group;
  AdwPreferencesGroup  *destination_group;
  AdwComboRow          *pool_row;
  AdwComboRow          *format_row;
  AdwPreferencesGroup  *progress_group;
  AdwActionRow         *status_row;
  GtkProgressBar       *progress_bar;
  AdwPreferencesGroup  *checks_group;
};

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_DOMAIN,
  PROP_CHECKING,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryStorageMoveWindow, ferry_storage_move_window, ADW_TYPE_WINDOW)

static GParamSpec *properties[N_PROPS];

static gboolean
started (FerryStorageMoveWindow *self)
{
  return self->move != NULL && ferry_storage_move_get_state (self->move) != FERRY_STORAGE_MOVE_STATE_IDLE;
}

static void
update_actions (FerryStorageMoveWindow *self)
{
  GListModel *results = self->move ? ferry_storage_move_get_results (self->move) : NULL;
  gboolean blocked = results == NULL || g_list_model_get_n_items (results) == 0;

  for (guint i = 0; results != NULL && i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(FerryReadinessResult) r = g_list_model_get_item (results, i);

      blocked |= ferry_readiness_result_get_severity (r) == FERRY_READINESS_BLOCKER;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "move.start",
                                 !self->checking && !blocked && !started (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "move.cancel",
                                 self->move != NULL && ferry_storage_move_get_cancellable (self->move));
  /* Only while there is something to cancel: a red button for nothing misleads. */
  gtk_widget_set_visible (self->cancel_button, self->move != NULL && ferry_storage_move_get_cancellable (self->move));
}

static void
set_checking (FerryStorageMoveWindow *self,
              gboolean                checking)
{
  self->checking = checking;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKING]);
  update_actions (self);
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

/* One row per verdict, blockers first, with the reason as subtitle. */
static void
show_results (FerryStorageMoveWindow *self)
{
  GListModel *results = ferry_storage_move_get_results (self->move);

  clear_rows (self->checks_group, self->check_rows);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(FerryReadinessResult) r = g_list_model_get_item (results, i);
      GtkWidget *row = adw_action_row_new ();
      const char *why = ferry_readiness_result_get_explanation (r);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ferry_readiness_result_get_title (r));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), why ? why : ferry_readiness_result_get_facts (r));
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), ferry_readiness_result_get_icon_name (r));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (self->checks_group, row);
      g_ptr_array_add (self->check_rows, row);
    }
}

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FerryStorageMoveWindow) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = ferry_storage_move_check_finish (FERRY_STORAGE_MOVE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || FERRY_STORAGE_MOVE (object) != self->move)
    return;
  if (error != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  show_results (self);
  set_checking (self, FALSE);
}

/* A new move for the current choices, checked at once. */
static void
recheck (FerryStorageMoveWindow *self)
{
  g_autoptr(GPtrArray) targets = g_ptr_array_new_null_terminated (4, NULL, TRUE);
  guint pool = adw_combo_row_get_selected (self->pool_row);

  if (started (self) || pool >= self->pool_names->len)
    return;
  for (guint i = 0; i < self->disk_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->disk_checks, i);

      if (gtk_check_button_get_active (check))
        g_ptr_array_add (targets, g_object_get_data (G_OBJECT (check), "target"));
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->move);
  self->move = ferry_storage_move_new (self->connection, self->domain,
                                       (const char * const *)targets->pdata,
                                       g_ptr_array_index (self->pool_names, pool),
                                       (FerryStorageFormat)adw_combo_row_get_selected (self->format_row));
  set_checking (self, TRUE);
  ferry_storage_move_check_async (self->move, self->cancellable, check_done_cb, g_object_ref (self));
}

static void
fill_pools (FerryStorageMoveWindow *self)
{
  GListModel *pools = ferry_host_inventory_get_pools (ferry_connection_get_inventory (self->connection));
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->pool_names, 0);
  for (guint i = 0; i < g_list_model_get_n_items (pools); i++)
    {
      g_autoptr(FerryPool) pool = g_list_model_get_item (pools, i);
      g_autofree char *free_ = g_format_size_full (ferry_pool_get_available (pool), G_FORMAT_SIZE_IEC_UNITS);
      /* Translators: a storage pool and its free space, e.g. "fast (120 GB free)" */
      g_autofree char *label = ferry_pool_get_active (pool)
                               ? g_strdup_printf (_("%s (%s free)"), ferry_pool_get_name (pool), free_)
                               : g_strdup_printf (_("%s (inactive)"), ferry_pool_get_name (pool));

      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->pool_names, g_strdup (ferry_pool_get_name (pool)));
    }
  adw_combo_row_set_model (self->pool_row, G_LIST_MODEL (labels));
}

static void
add_disk_row (FerryStorageMoveWindow *self,
              FerryDiskInfo          *disk)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *label = ferry_disk_info_dup_source_label (disk);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ferry_disk_info_get_target (disk));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), label);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (check), "target", g_strdup (ferry_disk_info_get_target (disk)), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ferry_disk_info_get_target (disk), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect_object (check, "toggled", G_CALLBACK (recheck), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->disks_group, row);
  g_ptr_array_add (self->disk_checks, check);
}

static void
disks_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FerryStorageMoveWindow) self = user_data;
  g_autoptr(FerryDomainDisks) disks = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *list;

  disks = ferry_domain_disks_read_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (disks == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  adw_window_title_set_subtitle (self->window_title, disks->name);
  /* What runs now, for a running VM: earlier moves may not be in the definition yet. */
  list = G_LIST_MODEL (disks->live_disks ? disks->live_disks : disks->disks);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(FerryDiskInfo) disk = g_list_model_get_item (list, i);

      add_disk_row (self, disk);
    }
  fill_pools (self);
  gtk_stack_set_visible_child_name (self->stack, "choose");
  recheck (self);
}

/* ------------------------------------------------------------------ running */

static void
move_notify_cb (FerryStorageMoveWindow *self)
{
  const char *message = ferry_storage_move_get_message (self->move);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), message ? message : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->status_row),
                               ferry_storage_move_state_to_string (ferry_storage_move_get_state (self->move)));
  update_actions (self);
}

static void
add_progress_row (FerryStorageMoveWindow *self,
                  FerryStorageMoveDisk   *disk)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *bar = gtk_progress_bar_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ferry_storage_move_disk_get_target (disk));
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 160, -1);
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
  g_object_bind_property (disk, "fraction", bar, "fraction", G_BINDING_SYNC_CREATE);
  g_object_bind_property (disk, "destination", row, "subtitle", G_BINDING_SYNC_CREATE);
  adw_preferences_group_add (self->progress_group, row);
  g_ptr_array_add (self->progress_rows, row);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FerryStorageMoveWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  ferry_storage_move_run_finish (FERRY_STORAGE_MOVE (object), result, &error);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (ferry_storage_move_get_message (FERRY_STORAGE_MOVE (object))));
  show_results (self);
  update_actions (self);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  FerryStorageMoveWindow *self = FERRY_STORAGE_MOVE_WINDOW (widget);
  GListModel *disks = ferry_storage_move_get_disks (self->move);

  gtk_widget_set_sensitive (GTK_WIDGET (self->disks_group), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->destination_group), FALSE);
  clear_rows (self->progress_group, self->progress_rows);
  for (guint i = 0; i < g_list_model_get_n_items (disks); i++)
    {
      g_autoptr(FerryStorageMoveDisk) disk = g_list_model_get_item (disks, i);

      add_progress_row (self, disk);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->progress_group), TRUE);
  g_object_bind_property (self->move, "fraction", self->progress_bar, "fraction", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->move, "notify", G_CALLBACK (move_notify_cb), self, G_CONNECT_SWAPPED);
  ferry_storage_move_run_async (self->move, run_done_cb, g_object_ref (self));
  move_notify_cb (self);
}

static void
cancel_response_cb (AdwMessageDialog       *dialog,
                    const char             *response,
                    FerryStorageMoveWindow *self)
{
  if (g_str_equal (response, "cancel-move") && self->move != NULL)
    ferry_storage_move_cancel (self->move);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FerryStorageMoveWindow *self = FERRY_STORAGE_MOVE_WINDOW (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Cancel the Move?"),
                                              _("The copies made so far are deleted. The VM keeps "
                                                "running from its original disks."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "continue", _("_Keep Moving"),
                                    "cancel-move", _("_Cancel Move"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-move",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "continue");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "continue");
  g_signal_connect_object (dialog, "response", G_CALLBACK (cancel_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------- object */

static void
ferry_storage_move_window_constructed (GObject *object)
{
  FerryStorageMoveWindow *self = FERRY_STORAGE_MOVE_WINDOW (object);

  G_OBJECT_CLASS (ferry_storage_move_window_parent_class)->constructed (object);

  update_actions (self);
  ferry_domain_disks_read_async (self->connection, self->domain, self->cancellable,
                                 disks_read_cb, g_object_ref (self));
}

static void
ferry_storage_move_window_dispose (GObject *object)
{
  FerryStorageMoveWindow *self = FERRY_STORAGE_MOVE_WINDOW (object);

  /* A running move goes on without the window; only a pending check stops. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->move);
  g_clear_object (&self->connection);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_STORAGE_MOVE_WINDOW);

  G_OBJECT_CLASS (ferry_storage_move_window_parent_class)->dispose (object);
}

static void
ferry_storage_move_window_finalize (GObject *object)
{
  FerryStorageMoveWindow *self = FERRY_STORAGE_MOVE_WINDOW (object);

  g_free (self->domain);
  g_ptr_array_unref (self->disk_checks);
  g_ptr_array_unref (self->pool_names);
  g_ptr_array_unref (self->check_rows);
  g_ptr_array_unref (self->progress_rows);

  G_OBJECT_CLASS (ferry_storage_move_window_parent_class)->finalize (object);
}

static void
ferry_storage_move_window_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  FerryStorageMoveWindow *self = FERRY_STORAGE_MOVE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_DOMAIN:
      g_value_set_string (value, self->domain);
      break;
    case PROP_CHECKING:
      g_value_set_boolean (value, self->checking);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_storage_move_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  FerryStorageMoveWindow *self = FERRY_STORAGE_MOVE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;
    case PROP_DOMAIN:
      self->domain = g_value_dup_string (value);
      break;
    case PROP_CHECKING:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_storage_move_window_class_init (FerryStorageMoveWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ferry_storage_move_window_constructed;
  object_class->dispose = ferry_storage_move_window_dispose;
  object_class->finalize = ferry_storage_move_window_finalize;
  object_class->get_property = ferry_storage_move_window_get_property;
  object_class->set_property = ferry_storage_move_window_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, FERRY_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOMAIN] =
    g_param_spec_string ("domain", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECKING] =
    g_param_spec_boolean ("checking", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ferryvm/Ferry/ui/ferry-storage-move-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryStorageMoveWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, FerryStorageMoveWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, FerryStorageMoveWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FerryStorageMoveWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, FerryStorageMoveWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, FerryStorageMoveWindow, disks_group);
  gtk_widget_class_bind_template_child (widget_class, FerryStorageMoveWindow, destination_group);
  gtk_widget_class_bind_template_child (widget_class, FerryStorageMoveWindow, pool_row);
  gtk_widget_class_bind_template_child (widget_class, FerryStorageMoveWindow, format_row);
  gtk_widget_class_bind_template_child (widget_class, FerryStorageMoveWindow, progress_group);
  gtk_widget_class_bind_template_child (widget_class, FerryStorageMoveWindow, status_row);
  gtk_widget_class_bind_template_child (widget_class, FerryStorageMoveWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, FerryStorageMoveWindow, checks_group);

  gtk_widget_class_install_action (widget_class, "move.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "move.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ferry_storage_move_window_init (FerryStorageMoveWindow *self)
{
  self->disk_checks = g_ptr_array_new ();
  self->pool_names = g_ptr_array_new_with_free_func (g_free);
  self->check_rows = g_ptr_array_new ();
  self->progress_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->pool_row, "notify::selected", G_CALLBACK (recheck), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->format_row, "notify::selected", G_CALLBACK (recheck), self, G_CONNECT_SWAPPED);
}

FerryStorageMoveWindow *
ferry_storage_move_window_new (FerryConnection *connection,
                               const char      *domain)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (domain != NULL, NULL);

  return g_object_new (FERRY_TYPE_STORAGE_MOVE_WINDOW, "connection", connection, "domain", domain, NULL);
}

/**
 * ferry_storage_move_window_get_move:
 *
 * Returns: (transfer none) (nullable): the move for the current choices
 */
FerryStorageMove *
ferry_storage_move_window_get_move (FerryStorageMoveWindow *self)
{
  g_return_val_if_fail (FERRY_IS_STORAGE_MOVE_WINDOW (self), NULL);
  return self->move;
}

gboolean
ferry_storage_move_window_get_checking (FerryStorageMoveWindow *self)
{
  g_return_val_if_fail (FERRY_IS_STORAGE_MOVE_WINDOW (self), FALSE);
  return self->checking;
}
