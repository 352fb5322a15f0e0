/* ferry-networks-view.c — a host's virtual networks: state, bridge, forwarding.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-networks-view.h"

struct _FerryNetworksView
{
  GtkWidget            parent_instance;

  /* Template Widgets */
  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *name_column;
  GtkSortListModel    *sort_model;
};

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryNetworksView, ferry_networks_view, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static char *
page_for_n_items_cb (GObject *object,
                     guint    n_items)
{
  return g_strdup (n_items > 0 ? "list" : "empty");
}

static char *
state_label_cb (GObject  *item,
                gboolean  active)
{
  return g_strdup (active ? _("Active") : _("Inactive"));
}

/* The classes of the VM list's state pills, so a host reads the same way. */
static GStrv
state_css_cb (GObject  *item,
              gboolean  active)
{
  return g_strdupv ((char *[]) { (char *)"state-pill",
                                 (char *)(active ? "state-running" : "state-shutoff"), NULL });
}

static char *
bridge_label_cb (GObject    *item,
                 const char *bridge)
{
  /* Networks of type "hostdev" or "direct" forward without a bridge. */
  return g_strdup (bridge != NULL ? bridge : "—");
}

static char *
forward_label_cb (GObject    *item,
                  const char *forward_mode)
{
  return g_strdup (ferry_network_forward_mode_to_string (forward_mode));
}

static char *
yes_no_cb (GObject  *item,
           gboolean  value)
{
  return g_strdup (value ? _("Yes") : _("No"));
}

static void
ferry_networks_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FERRY_TYPE_NETWORKS_VIEW);

  G_OBJECT_CLASS (ferry_networks_view_parent_class)->dispose (object);
}

static void
ferry_networks_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FerryNetworksView *self = FERRY_NETWORKS_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, ferry_networks_view_get_model (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_networks_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FerryNetworksView *self = FERRY_NETWORKS_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      ferry_networks_view_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_networks_view_class_init (FerryNetworksViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ferry_networks_view_dispose;
  object_class->get_property = ferry_networks_view_get_property;
  object_class->set_property = ferry_networks_view_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FERRY_TYPE_NETWORK);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ferry-networks-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryNetworksView, stack);
  gtk_widget_class_bind_template_child (widget_class, FerryNetworksView, column_view);
  gtk_widget_class_bind_template_child (widget_class, FerryNetworksView, name_column);
  gtk_widget_class_bind_template_child (widget_class, FerryNetworksView, sort_model);
  gtk_widget_class_bind_template_callback (widget_class, page_for_n_items_cb);
  gtk_widget_class_bind_template_callback (widget_class, state_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, state_css_cb);
  gtk_widget_class_bind_template_callback (widget_class, bridge_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, forward_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, yes_no_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ferry_networks_view_init (FerryNetworksView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
}

GtkWidget *
ferry_networks_view_new (void)
{
  return g_object_new (FERRY_TYPE_NETWORKS_VIEW, NULL);
}

/**
 * ferry_networks_view_get_model:
 *
 * Returns: (transfer none) (nullable): the #FerryNetwork list shown
 */
GListModel *
ferry_networks_view_get_model (FerryNetworksView *self)
{
  g_return_val_if_fail (FERRY_IS_NETWORKS_VIEW (self), NULL);
  return gtk_sort_list_model_get_model (self->sort_model);
}

/**
 * ferry_networks_view_set_model:
 * @model: (nullable): a #GListModel of #FerryNetwork, such as
 *   ferry_host_inventory_get_networks()
 */
void
ferry_networks_view_set_model (FerryNetworksView *self,
                               GListModel        *model)
{
  g_return_if_fail (FERRY_IS_NETWORKS_VIEW (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (gtk_sort_list_model_get_model (self->sort_model) == model)
    return;
  gtk_sort_list_model_set_model (self->sort_model, model);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}
