/* ferry-events-window.c — the global events log: every host's connection
 * changes and VM lifecycle events, and every migration's events, in one
 * window that can be filtered, copied and saved as text.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ferry-events-window.h"

struct _FerryEventsWindow
{
  AdwWindow               parent_instance;

  /* Owned References */
  FerryConnectionManager *manager;
  GtkFileChooserNative   *chooser;   /* while "Save as Text…" asks where */

  /* Template Widgets */
  AdwToastOverlay        *toast_overlay;
  FerryEventsView        *events_view;
};

enum {
  PROP_0,
  PROP_MANAGER,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryEventsWindow, ferry_events_window, ADW_TYPE_WINDOW)

static GParamSpec *properties[N_PROPS];

static void
add_toast (FerryEventsWindow *self,
           const char        *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/* The events view says "Events copied" through win.toast; this window is not
 * the main window, so it answers that itself. */
static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  add_toast (FERRY_EVENTS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
chooser_response_cb (GtkNativeDialog   *chooser,
                     int                response,
                     FerryEventsWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  if (ferry_events_window_save_to_file (self, file, &error))
    add_toast (self, _("Events saved"));
  else
    {
      g_autofree char *text = g_strdup_printf (_("Could not save the events: %s"),
                                               error->message);
      add_toast (self, text);
    }
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FerryEventsWindow *self = FERRY_EVENTS_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "ferry-events-%Y%m%d-%H%M%S.txt");

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  /* GTK 4.8 has no GtkFileDialog; the portal-aware native chooser is the one
   * that works inside the Flatpak sandbox. */
  self->chooser = gtk_file_chooser_native_new (_("Save Events as Text"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
n_shown_changed_cb (FerryEventsWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events-window.save",
                                 ferry_events_view_get_n_shown (self->events_view) > 0);
}

static void
ferry_events_window_dispose (GObject *object)
{
  FerryEventsWindow *self = (FerryEventsWindow *)object;

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_EVENTS_WINDOW);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (ferry_events_window_parent_class)->dispose (object);
}

static void
ferry_events_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FerryEventsWindow *self = FERRY_EVENTS_WINDOW (object);

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
ferry_events_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FerryEventsWindow *self = FERRY_EVENTS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      self->manager = g_value_dup_object (value);
      ferry_events_view_set_model (self->events_view,
                                   self->manager ? ferry_connection_manager_get_events (self->manager)
                                                 : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_events_window_class_init (FerryEventsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ferry_events_window_dispose;
  object_class->get_property = ferry_events_window_get_property;
  object_class->set_property = ferry_events_window_set_property;

  properties[PROP_MANAGER] =
    g_param_spec_object ("manager", NULL, NULL, FERRY_TYPE_CONNECTION_MANAGER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FERRY_TYPE_EVENTS_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ferry-events-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryEventsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FerryEventsWindow, events_view);

  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "events-window.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "events-window.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
find_column_view (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_column_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
ferry_events_window_init (FerryEventsWindow *self)
{
  GtkWidget *column_view;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* "Save" follows what the view shows, as its "Copy" does: the column view's
   * model is the filtered list, and says when the shown lines change. */
  column_view = find_column_view (GTK_WIDGET (self->events_view));
  g_signal_connect_object (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)),
                           "items-changed", G_CALLBACK (n_shown_changed_cb), self,
                           G_CONNECT_SWAPPED);
  n_shown_changed_cb (self);
}

/**
 * ferry_events_window_new:
 * @manager: (nullable): whose events to show
 *
 * Returns: (transfer full): a new events window
 */
FerryEventsWindow *
ferry_events_window_new (FerryConnectionManager *manager)
{
  g_return_val_if_fail (manager == NULL || FERRY_IS_CONNECTION_MANAGER (manager), NULL);

  return g_object_new (FERRY_TYPE_EVENTS_WINDOW, "manager", manager, NULL);
}

/**
 * ferry_events_window_get_view:
 *
 * Returns: (transfer none): the events view (filter, copy)
 */
FerryEventsView *
ferry_events_window_get_view (FerryEventsWindow *self)
{
  g_return_val_if_fail (FERRY_IS_EVENTS_WINDOW (self), NULL);
  return self->events_view;
}

/**
 * ferry_events_window_save_to_file:
 *
 * What "Save as Text…" writes: the events shown (all of them unless a filter
 * is typed), one ferry_event_to_string() line each, as "Copy" copies them.
 * Replaces @file atomically, so a failed save never leaves half a log.
 *
 * Returns: %TRUE when written
 */
gboolean
ferry_events_window_save_to_file (FerryEventsWindow  *self,
                                  GFile              *file,
                                  GError            **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (FERRY_IS_EVENTS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  text = ferry_events_view_to_text (self->events_view);
  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}
