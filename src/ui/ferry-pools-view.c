/* ferry-pools-view.c — a host's storage pools: type, state and how full.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-pools-view.h"

struct _FerryPoolsView
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

G_DEFINE_FINAL_TYPE (FerryPoolsView, ferry_pools_view, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static char *
page_for_n_items_cb (GObject *object,
                     guint    n_items)
{
  return g_strdup (n_items > 0 ? "list" : "empty");
}

static char *
type_label_cb (GObject    *item,
               const char *type)
{
  return g_strdup (ferry_pool_type_to_string (type));
}

static char *
yes_no_cb (GObject  *item,
           gboolean  value)
{
  return g_strdup (value ? _("Yes") : _("No"));
}

static GStrv
state_css_cb (GObject *item,
              int      state)
{
  const char *klass;

  /* The classes of the VM list's state pills, so a host reads the same way. */
  switch ((FerryPoolState)state)
    {
    case FERRY_POOL_STATE_RUNNING:
      klass = "state-running";
      break;
    case FERRY_POOL_STATE_BUILDING:
    case FERRY_POOL_STATE_DEGRADED:
      klass = "state-paused";
      break;
    case FERRY_POOL_STATE_INACTIVE:
      klass = "state-shutoff";
      break;
    case FERRY_POOL_STATE_INACCESSIBLE:
    default:
      klass = "state-other";
      break;
    }
  return g_strdupv ((char *[]) { (char *)"state-pill", (char *)klass, NULL });
}

static gboolean
has_capacity_cb (GObject *item,
                 guint64  capacity)
{
  return capacity > 0;
}

static double
usage_fraction_cb (GObject *item,
                   guint64  allocation,
                   guint64  capacity)
{
  if (capacity == 0)
    return 0.0;
  return CLAMP ((double)allocation / (double)capacity, 0.0, 1.0);
}

/* Above this share used, a pool is nearly full: a migration that copies
 * storage into it, or a VM's thin disks growing, may run out of space. */
#define NEARLY_FULL 0.9

static GStrv
capacity_css_cb (GObject *item,
                 guint64  allocation,
                 guint64  capacity)
{
  gboolean nearly_full = usage_fraction_cb (item, allocation, capacity) > NEARLY_FULL;

  return g_strdupv ((char *[]) { (char *)"caption", (char *)"numeric",
                                 (char *)(nearly_full ? "warning" : "dim-label"), NULL });
}

static char *
capacity_label_cb (GObject *item,
                   guint64  available,
                   guint64  capacity)
{
  g_autofree char *free_size = NULL;
  g_autofree char *total = NULL;

  /* An inactive pool reports no sizes at all. */
  if (capacity == 0)
    return g_strdup ("—");

  /* IEC units, as admins read disk sizes next to the VMs' memory. */
  free_size = g_format_size_full (available, G_FORMAT_SIZE_IEC_UNITS);
  total = g_format_size_full (capacity, G_FORMAT_SIZE_IEC_UNITS);
  /* Translators: storage pool space, e.g. "75.0 GiB free of 100.0 GiB" */
  return g_strdup_printf (_("%s free of %s"), free_size, total);
}

static void
ferry_pools_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FERRY_TYPE_POOLS_VIEW);

  G_OBJECT_CLASS (ferry_pools_view_parent_class)->dispose (object);
}

static void
ferry_pools_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FerryPoolsView *self = FERRY_POOLS_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, ferry_pools_view_get_model (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_pools_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FerryPoolsView *self = FERRY_POOLS_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      ferry_pools_view_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_pools_view_class_init (FerryPoolsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ferry_pools_view_dispose;
  object_class->get_property = ferry_pools_view_get_property;
  object_class->set_property = ferry_pools_view_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FERRY_TYPE_POOL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ferry-pools-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryPoolsView, stack);
  gtk_widget_class_bind_template_child (widget_class, FerryPoolsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, FerryPoolsView, name_column);
  gtk_widget_class_bind_template_child (widget_class, FerryPoolsView, sort_model);
  gtk_widget_class_bind_template_callback (widget_class, page_for_n_items_cb);
  gtk_widget_class_bind_template_callback (widget_class, type_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, yes_no_cb);
  gtk_widget_class_bind_template_callback (widget_class, state_css_cb);
  gtk_widget_class_bind_template_callback (widget_class, has_capacity_cb);
  gtk_widget_class_bind_template_callback (widget_class, usage_fraction_cb);
  gtk_widget_class_bind_template_callback (widget_class, capacity_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, capacity_css_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ferry_pools_view_init (FerryPoolsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
}

GtkWidget *
ferry_pools_view_new (void)
{
  return g_object_new (FERRY_TYPE_POOLS_VIEW, NULL);
}

/**
 * ferry_pools_view_get_model:
 *
 * Returns: (transfer none) (nullable): the #FerryPool list shown
 */
GListModel *
ferry_pools_view_get_model (FerryPoolsView *self)
{
  g_return_val_if_fail (FERRY_IS_POOLS_VIEW (self), NULL);
  return gtk_sort_list_model_get_model (self->sort_model);
}

/**
 * ferry_pools_view_set_model:
 * @model: (nullable): a #GListModel of #FerryPool, such as
 *   ferry_host_inventory_get_pools()
 */
void
ferry_pools_view_set_model (FerryPoolsView *self,
                            GListModel     *model)
{
  g_return_if_fail (FERRY_IS_POOLS_VIEW (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (gtk_sort_list_model_get_model (self->sort_model) == model)
    return;
  gtk_sort_list_model_set_model (self->sort_model, model);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}
