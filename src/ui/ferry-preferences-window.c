/* ferry-preferences-window.c — preferences, bound straight to GSettings.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-preferences-window.h"

struct _FerryPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* Template Widgets */
  GtkSpinButton        *refresh_spin;
};

G_DEFINE_FINAL_TYPE (FerryPreferencesWindow, ferry_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
ferry_preferences_window_dispose (GObject *object)
{
  FerryPreferencesWindow *self = (FerryPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ferry_preferences_window_parent_class)->dispose (object);
}

static void
ferry_preferences_window_class_init (FerryPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ferry_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ferry-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryPreferencesWindow, refresh_spin);
}

static void
ferry_preferences_window_init (FerryPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (SCHEMA_ID);
  g_settings_bind (self->settings, "host-refresh-interval",
                   gtk_spin_button_get_adjustment (self->refresh_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
}

FerryPreferencesWindow *
ferry_preferences_window_new (void)
{
  return g_object_new (FERRY_TYPE_PREFERENCES_WINDOW, NULL);
}
