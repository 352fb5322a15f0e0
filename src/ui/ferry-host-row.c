/* ferry-host-row.c — one host in the sidebar: name, status and a one-line summary.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-host-row.h"

struct _FerryHostRow
{
  AdwActionRow     parent_instance;

  /* Owned References */
  FerryConnection *connection;
  GSignalGroup    *signals;

  /* Template Widgets */
  GtkStack        *status_stack;
  GtkSpinner      *busy_spinner;
  GtkImage        *status_icon;
};

enum {
  PROP_0,
  PROP_CONNECTION,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryHostRow, ferry_host_row, ADW_TYPE_ACTION_ROW)

static GParamSpec *properties[N_PROPS];

static void
update (FerryHostRow *self)
{
  g_autofree char *subtitle = NULL;
  const char *icon = "network-offline-symbolic";
  gboolean busy = FALSE;

  if (self->connection == NULL)
    return;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 ferry_connection_get_display_name (self->connection));

  switch (ferry_connection_get_state (self->connection))
    {
    case FERRY_CONNECTION_STATE_CONNECTING:
      subtitle = g_strdup (_("Connecting…"));
      busy = TRUE;
      break;
    case FERRY_CONNECTION_STATE_AUTHENTICATING:
      subtitle = g_strdup (_("Waiting for credentials…"));
      busy = TRUE;
      break;
    case FERRY_CONNECTION_STATE_CONNECTED:
      {
        guint n = g_list_model_get_n_items (ferry_connection_get_domains (self->connection));

        subtitle = g_strdup_printf (ngettext ("%u virtual machine", "%u virtual machines", n), n);
        icon = "computer-symbolic";
      }
      break;
    case FERRY_CONNECTION_STATE_FAILED:
      subtitle = g_strdup (ferry_connection_get_error_message (self->connection));
      icon = "dialog-error-symbolic";
      break;
    case FERRY_CONNECTION_STATE_DISCONNECTED:
    default:
      subtitle = g_strdup (_("Not connected"));
      break;
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_image_set_from_icon_name (self->status_icon, icon);
  gtk_stack_set_visible_child_name (self->status_stack, busy ? "busy" : "icon");
  /* A spinning spinner animates even on a hidden stack page, redrawing the
   * window every frame: it spins only while it is shown. */
  gtk_spinner_set_spinning (self->busy_spinner, busy);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), ferry_connection_get_uri (self->connection));
}

static void
ferry_host_row_dispose (GObject *object)
{
  FerryHostRow *self = (FerryHostRow *)object;

  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  g_clear_object (&self->signals);
  g_clear_object (&self->connection);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_HOST_ROW);

  G_OBJECT_CLASS (ferry_host_row_parent_class)->dispose (object);
}

static void
ferry_host_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FerryHostRow *self = FERRY_HOST_ROW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_host_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FerryHostRow *self = FERRY_HOST_ROW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      if (self->connection != NULL)
        {
          g_signal_group_set_target (self->signals, self->connection);
          g_signal_connect_object (ferry_connection_get_domains (self->connection),
                                   "items-changed", G_CALLBACK (update), self,
                                   G_CONNECT_SWAPPED);
        }
      update (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_host_row_class_init (FerryHostRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ferry_host_row_dispose;
  object_class->get_property = ferry_host_row_get_property;
  object_class->set_property = ferry_host_row_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, FERRY_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ferry-host-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryHostRow, status_stack);
  gtk_widget_class_bind_template_child (widget_class, FerryHostRow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, FerryHostRow, status_icon);
}

static void
ferry_host_row_init (FerryHostRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->signals = g_signal_group_new (FERRY_TYPE_CONNECTION);
  g_signal_group_connect_swapped (self->signals, "notify::state", G_CALLBACK (update), self);
  g_signal_group_connect_swapped (self->signals, "notify::error-message", G_CALLBACK (update), self);
  g_signal_group_connect_swapped (self->signals, "notify::display-name", G_CALLBACK (update), self);
  g_signal_group_connect_swapped (self->signals, "notify::hostname", G_CALLBACK (update), self);
}

FerryHostRow *
ferry_host_row_new (FerryConnection *connection)
{
  return g_object_new (FERRY_TYPE_HOST_ROW, "connection", connection, NULL);
}

/**
 * ferry_host_row_get_connection:
 *
 * Returns: (transfer none): the row's connection
 */
FerryConnection *
ferry_host_row_get_connection (FerryHostRow *self)
{
  g_return_val_if_fail (FERRY_IS_HOST_ROW (self), NULL);
  return self->connection;
}
