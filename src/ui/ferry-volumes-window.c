/* ferry-volumes-window.c — one pool's volumes: the list (listed again after
 * every change), a form for a new one, and delete with confirmation.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-dialogs.h"
#include "ferry-volumes-window.h"

#define GIB (1024.0 * 1024.0 * 1024.0)

struct _FerryVolumesWindow
{
  AdwWindow          parent_instance;

  /* Owned References */
  FerryConnection   *connection;
  char              *pool_name;
  GListModel        *volumes;
  GCancellable      *cancellable;

  /* Template Widgets */
  AdwToastOverlay   *toast_overlay;
  AdwEntryRow       *name_row;
  AdwActionRow      *name_error;
  AdwComboRow       *format_row;
  GtkSpinButton     *capacity_spin;
  GtkSpinButton     *allocation_spin;
  GtkStack          *list_stack;
  GtkSpinner        *spinner;
  GtkLabel          *list_message;
  GtkListBox        *list_box;
};

G_DEFINE_FINAL_TYPE (FerryVolumesWindow, ferry_volumes_window, ADW_TYPE_WINDOW)

static void
toast (FerryVolumesWindow *self,
       const char         *message)
{
  ferry_show_toast (self->toast_overlay, message);
}

static void delete_clicked_cb (FerryVolumesWindow *self,
                               GtkButton          *button);

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  FerryVolume *volume = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *size = g_format_size_full (ferry_volume_get_capacity (volume),
                                              G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *subtitle = NULL;
  g_autofree char *label = NULL;

  /* Translators: a volume's details: format · size · file */
  subtitle = g_strdup_printf (_("%s · %s · %s"),
                              ferry_volume_get_format (volume) ? ferry_volume_get_format (volume) : "?",
                              size, ferry_volume_get_path (volume) ? ferry_volume_get_path (volume) : "");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ferry_volume_get_name (volume));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* Translators: %s is a volume name */
  label = g_strdup_printf (_("Delete %s"), ferry_volume_get_name (volume));
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "volume", g_strdup (ferry_volume_get_name (volume)),
                          g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (delete_clicked_cb), user_data,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(FerryVolumesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) volumes = ferry_pool_list_volumes_finish (FERRY_CONNECTION (object),
                                                                  result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->spinner);
  if (volumes == NULL)
    {
      gtk_label_set_text (self->list_message, error->message);
      gtk_stack_set_visible_child_name (self->list_stack, "message");
      return;
    }
  g_set_object (&self->volumes, volumes);
  gtk_list_box_bind_model (self->list_box, volumes, create_row, self, NULL);
  if (g_list_model_get_n_items (volumes) == 0)
    {
      gtk_label_set_text (self->list_message, _("This pool has no volumes yet."));
      gtk_stack_set_visible_child_name (self->list_stack, "message");
    }
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");
}

static void
reload (FerryVolumesWindow *self)
{
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->list_stack, "loading");
  ferry_pool_list_volumes_async (self->connection, self->pool_name, self->cancellable, list_cb,
                                 g_object_ref (self));
}

static gboolean
check_name (FerryVolumesWindow *self)
{
  g_autofree char *message =
    ferry_pool_check_volume_name (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_error),
                                 message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  return message == NULL;
}

static void
name_changed_cb (FerryVolumesWindow *self)
{
  check_name (self);
}

/* A change made: list again, from the host. */
static void
changed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FerryVolumesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_task_get_source_tag (G_TASK (result)) == ferry_pool_create_volume_async)
    ok = ferry_pool_create_volume_finish (FERRY_CONNECTION (object), result, &error);
  else
    ok = ferry_pool_delete_volume_finish (FERRY_CONNECTION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "volumes.create", TRUE);
  if (!ok)
    toast (self, error->message);
  else if (g_task_get_source_tag (G_TASK (result)) == ferry_pool_create_volume_async)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  reload (self);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FerryVolumesWindow *self = FERRY_VOLUMES_WINDOW (widget);
  const char *format = adw_combo_row_get_selected (self->format_row) == 1 ? "raw" : "qcow2";
  guint64 capacity = (guint64)(gtk_spin_button_get_value (self->capacity_spin) * GIB);
  guint64 allocation = (guint64)(gtk_spin_button_get_value (self->allocation_spin) * GIB);

  if (!check_name (self))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }
  gtk_widget_action_set_enabled (widget, "volumes.create", FALSE);
  ferry_pool_create_volume_async (self->connection, self->pool_name,
                                  gtk_editable_get_text (GTK_EDITABLE (self->name_row)), format,
                                  capacity, MIN (allocation, capacity), self->cancellable,
                                  changed_cb, g_object_ref (self));
}

static void
delete_response_cb (FerryVolumesWindow *self,
                    const char         *response,
                    AdwMessageDialog   *dialog)
{
  if (g_str_equal (response, "delete"))
    ferry_pool_delete_volume_async (self->connection, self->pool_name,
                                    g_object_get_data (G_OBJECT (dialog), "volume"),
                                    self->cancellable, changed_cb, g_object_ref (self));
}

static void
delete_clicked_cb (FerryVolumesWindow *self,
                   GtkButton          *button)
{
  const char *name = g_object_get_data (G_OBJECT (button), "volume");
  /* Translators: %s is a volume name */
  g_autofree char *heading = g_strdup_printf (_("Delete Volume “%s”?"), name);
  GtkWidget *dialog =
    ferry_confirm_dialog_new (GTK_WINDOW (self), heading,
                              _("Its file and everything in it are deleted from the pool. A VM "
                                "using it as a disk will not start any more."),
                              "delete", _("_Delete"));

  g_object_set_data_full (G_OBJECT (dialog), "volume", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ferry_volumes_window_dispose (GObject *object)
{
  FerryVolumesWindow *self = (FerryVolumesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_VOLUMES_WINDOW);
  g_clear_object (&self->volumes);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (ferry_volumes_window_parent_class)->dispose (object);
}

static void
ferry_volumes_window_finalize (GObject *object)
{
  FerryVolumesWindow *self = (FerryVolumesWindow *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pool_name, g_free);

  G_OBJECT_CLASS (ferry_volumes_window_parent_class)->finalize (object);
}

static void
ferry_volumes_window_class_init (FerryVolumesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ferry_volumes_window_dispose;
  object_class->finalize = ferry_volumes_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ferry-volumes-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryVolumesWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FerryVolumesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, FerryVolumesWindow, name_error);
  gtk_widget_class_bind_template_child (widget_class, FerryVolumesWindow, format_row);
  gtk_widget_class_bind_template_child (widget_class, FerryVolumesWindow, capacity_spin);
  gtk_widget_class_bind_template_child (widget_class, FerryVolumesWindow, allocation_spin);
  gtk_widget_class_bind_template_child (widget_class, FerryVolumesWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, FerryVolumesWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, FerryVolumesWindow, list_message);
  gtk_widget_class_bind_template_child (widget_class, FerryVolumesWindow, list_box);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_install_action (widget_class, "volumes.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ferry_volumes_window_init (FerryVolumesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * ferry_volumes_window_new:
 *
 * Returns: (transfer none): a window listing @pool_name's volumes on
 *   @connection's host; the listing starts at once
 */
FerryVolumesWindow *
ferry_volumes_window_new (FerryConnection *connection,
                          const char      *pool_name)
{
  FerryVolumesWindow *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (FERRY_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (pool_name != NULL, NULL);

  self = g_object_new (FERRY_TYPE_VOLUMES_WINDOW, NULL);
  self->connection = g_object_ref (connection);
  self->pool_name = g_strdup (pool_name);
  /* Translators: %s is a storage pool name */
  title = g_strdup_printf (_("Volumes of “%s”"), pool_name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  reload (self);
  return self;
}

/**
 * ferry_volumes_window_get_volumes:
 *
 * Returns: (transfer none) (nullable): the last listing, a #GListModel of
 *   #FerryVolume; NULL until the first one is in
 */
GListModel *
ferry_volumes_window_get_volumes (FerryVolumesWindow *self)
{
  g_return_val_if_fail (FERRY_IS_VOLUMES_WINDOW (self), NULL);
  return self->volumes;
}
