/* ferry-events-view.c — an events log: when, how bad, which host and VM,
 * what happened. Filtered by host or VM name, and copied as plain text for a
 * bug report or a colleague.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-events-view.h"

struct _FerryEventsView
{
  GtkWidget            parent_instance;

  /* Template Widgets */
  GtkWidget           *box;
  GtkSearchEntry      *search_entry;
  GtkFilterListModel  *filter_model;
};

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryEventsView, ferry_events_view, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static char *
format_time_cb (GObject   *item,
                GDateTime *time)
{
  return time != NULL ? g_date_time_format (time, "%H:%M:%S") : g_strdup ("");
}

static char *
severity_icon_cb (GObject *item,
                  int      severity)
{
  switch ((FerryEventSeverity)severity)
    {
    case FERRY_EVENT_SEVERITY_WARNING:
      return g_strdup ("dialog-warning-symbolic");
    case FERRY_EVENT_SEVERITY_ERROR:
      return g_strdup ("dialog-error-symbolic");
    case FERRY_EVENT_SEVERITY_INFO:
    default:
      return g_strdup ("dialog-information-symbolic");
    }
}

static char *
severity_label_cb (GObject *item,
                   int      severity)
{
  switch ((FerryEventSeverity)severity)
    {
    case FERRY_EVENT_SEVERITY_WARNING:
      return g_strdup (_("Warning"));
    case FERRY_EVENT_SEVERITY_ERROR:
      return g_strdup (_("Error"));
    case FERRY_EVENT_SEVERITY_INFO:
    default:
      return g_strdup (_("Information"));
    }
}

static GStrv
severity_css_cb (GObject *item,
                 int      severity)
{
  const char *klass;

  switch ((FerryEventSeverity)severity)
    {
    case FERRY_EVENT_SEVERITY_WARNING:
      klass = "warning";
      break;
    case FERRY_EVENT_SEVERITY_ERROR:
      klass = "error";
      break;
    case FERRY_EVENT_SEVERITY_INFO:
    default:
      klass = "dim-label";
      break;
    }
  return g_strdupv ((char *[]) { (char *)klass, NULL });
}

/* What the filter searches: the host and the VM, not the message, so that
 * "host-b" finds that host's events rather than every mention of it. */
static char *
search_text_cb (GObject    *item,
                const char *host,
                const char *vm)
{
  return g_strjoin ("\n", host ? host : "", vm ? vm : "", NULL);
}

static char *
text_or_dash_cb (GObject    *item,
                 const char *text)
{
  return g_strdup (text != NULL && *text != '\0' ? text : "—");
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FerryEventsView *self = FERRY_EVENTS_VIEW (widget);
  g_autofree char *text = ferry_events_view_to_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  gtk_widget_activate_action (widget, "win.toast", "s", _("Events copied"));
}

static void
items_changed_cb (FerryEventsView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.copy",
                                 ferry_events_view_get_n_shown (self) > 0);
}

static void
ferry_events_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FERRY_TYPE_EVENTS_VIEW);

  G_OBJECT_CLASS (ferry_events_view_parent_class)->dispose (object);
}

static void
ferry_events_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FerryEventsView *self = FERRY_EVENTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, ferry_events_view_get_model (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_events_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FerryEventsView *self = FERRY_EVENTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      ferry_events_view_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_events_view_class_init (FerryEventsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ferry_events_view_dispose;
  object_class->get_property = ferry_events_view_get_property;
  object_class->set_property = ferry_events_view_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FERRY_TYPE_EVENT);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ferry-events-view.ui");
  /* Bound so that gtk_widget_dispose_template() unparents it. */
  gtk_widget_class_bind_template_child (widget_class, FerryEventsView, box);
  gtk_widget_class_bind_template_child (widget_class, FerryEventsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FerryEventsView, filter_model);
  gtk_widget_class_bind_template_callback (widget_class, format_time_cb);
  gtk_widget_class_bind_template_callback (widget_class, severity_icon_cb);
  gtk_widget_class_bind_template_callback (widget_class, severity_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, severity_css_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_or_dash_cb);
  gtk_widget_class_bind_template_callback (widget_class, items_changed_cb);

  gtk_widget_class_install_action (widget_class, "events.copy", NULL, copy_action);
}

static void
ferry_events_view_init (FerryEventsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  items_changed_cb (self);
}

/**
 * ferry_events_view_new:
 * @model: (nullable): a #GListModel of #FerryEvent
 */
GtkWidget *
ferry_events_view_new (GListModel *model)
{
  g_return_val_if_fail (model == NULL || G_IS_LIST_MODEL (model), NULL);

  return g_object_new (FERRY_TYPE_EVENTS_VIEW, "model", model, NULL);
}

/**
 * ferry_events_view_get_model:
 *
 * Returns: (transfer none) (nullable): the events shown, unfiltered
 */
GListModel *
ferry_events_view_get_model (FerryEventsView *self)
{
  g_return_val_if_fail (FERRY_IS_EVENTS_VIEW (self), NULL);
  return gtk_filter_list_model_get_model (self->filter_model);
}

void
ferry_events_view_set_model (FerryEventsView *self,
                             GListModel      *model)
{
  g_return_if_fail (FERRY_IS_EVENTS_VIEW (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (model == gtk_filter_list_model_get_model (self->filter_model))
    return;
  gtk_filter_list_model_set_model (self->filter_model, model);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * ferry_events_view_set_filter_text:
 *
 * Shows only the events whose host or VM contains @text (ignoring case), as
 * typing it in the search entry does.
 */
void
ferry_events_view_set_filter_text (FerryEventsView *self,
                                   const char      *text)
{
  g_return_if_fail (FERRY_IS_EVENTS_VIEW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
}

guint
ferry_events_view_get_n_shown (FerryEventsView *self)
{
  g_return_val_if_fail (FERRY_IS_EVENTS_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}

/**
 * ferry_events_view_to_text:
 *
 * What "Copy" puts on the clipboard: the events shown (all of them unless a
 * filter is typed), one ferry_event_to_string() line each, oldest first.
 *
 * Returns: (transfer full): the lines, each ending in a newline
 */
char *
ferry_events_view_to_text (FerryEventsView *self)
{
  GListModel *model;
  GString *text;

  g_return_val_if_fail (FERRY_IS_EVENTS_VIEW (self), NULL);

  model = G_LIST_MODEL (self->filter_model);
  text = g_string_new (NULL);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FerryEvent) event = g_list_model_get_item (model, i);
      g_autofree char *line = ferry_event_to_string (event);

      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}
