/* ferry-pools-view.c — a host's storage pools: type, state and how full,
 * with what can be done to the selected one (ferry-pools-view-actions.c).
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-pools-view-private.h"

enum {
  PROP_0,
  PROP_MODEL,
  PROP_CONNECTION,
  PROP_MANAGER,
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
selection_changed_cb (FerryPoolsView *self)
{
  g_signal_group_set_target (self->pool_signals, _ferry_pools_view_selected_pool (self));
  _ferry_pools_view_update_actions (self);
}

static void
ferry_pools_view_dispose (GObject *object)
{
  FerryPoolsView *self = (FerryPoolsView *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->pool_signals != NULL)
    g_signal_group_set_target (self->pool_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), FERRY_TYPE_POOLS_VIEW);
  g_clear_object (&self->pool_signals);
  g_clear_object (&self->actions);
  g_clear_object (&self->connection);
  g_clear_object (&self->open_hosts);
  g_clear_object (&self->manager);
  g_clear_object (&self->cancellable);

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
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_MANAGER:
      g_value_set_object (value, self->manager);
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
    case PROP_CONNECTION:
      ferry_pools_view_set_connection (self, g_value_get_object (value));
      break;
    case PROP_MANAGER:
      ferry_pools_view_set_manager (self, g_value_get_object (value));
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
  /* The host the pools are on: the pool actions run there. */
  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, FERRY_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The open hosts a pool can be copied to (pools.copy). */
  properties[PROP_MANAGER] =
    g_param_spec_object ("manager", NULL, NULL, FERRY_TYPE_CONNECTION_MANAGER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FERRY_TYPE_POOL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ferry-pools-view.ui");
  /* The root child is bound so that dispose_template unparents it. */
  gtk_widget_class_bind_template_child (widget_class, FerryPoolsView, content);
  gtk_widget_class_bind_template_child (widget_class, FerryPoolsView, stack);
  gtk_widget_class_bind_template_child (widget_class, FerryPoolsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, FerryPoolsView, name_column);
  gtk_widget_class_bind_template_child (widget_class, FerryPoolsView, sort_model);
  gtk_widget_class_bind_template_child (widget_class, FerryPoolsView, selection);
  gtk_widget_class_bind_template_child (widget_class, FerryPoolsView, toast_overlay);
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

  self->cancellable = g_cancellable_new ();
  /* A selected pool that starts, stops or changes autostart changes what
   * the buttons can do. */
  self->pool_signals = g_signal_group_new (FERRY_TYPE_POOL);
  g_signal_group_connect_swapped (self->pool_signals, "notify",
                                  G_CALLBACK (_ferry_pools_view_update_actions), self);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  _ferry_pools_view_init_actions (self);
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

/**
 * ferry_pools_view_get_connection:
 *
 * Returns: (transfer none) (nullable): the host whose pools are shown
 */
FerryConnection *
ferry_pools_view_get_connection (FerryPoolsView *self)
{
  g_return_val_if_fail (FERRY_IS_POOLS_VIEW (self), NULL);
  return self->connection;
}

/**
 * ferry_pools_view_set_connection:
 * @connection: (nullable): the host to show the pools of, and act on
 *
 * Shows @connection's pool list and enables the pool actions on it.
 */
void
ferry_pools_view_set_connection (FerryPoolsView  *self,
                                 FerryConnection *connection)
{
  g_return_if_fail (FERRY_IS_POOLS_VIEW (self));
  g_return_if_fail (connection == NULL || FERRY_IS_CONNECTION (connection));

  if (!g_set_object (&self->connection, connection))
    return;
  ferry_pools_view_set_model (self, connection != NULL ?
                              ferry_host_inventory_get_pools (ferry_connection_get_inventory (connection)) :
                              NULL);
  _ferry_pools_view_watch_hosts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);
}

/**
 * ferry_pools_view_get_manager:
 *
 * Returns: (transfer none) (nullable): the connections pools are copied
 *   among, as set with ferry_pools_view_set_manager()
 */
FerryConnectionManager *
ferry_pools_view_get_manager (FerryPoolsView *self)
{
  g_return_val_if_fail (FERRY_IS_POOLS_VIEW (self), NULL);
  return self->manager;
}

/**
 * ferry_pools_view_set_manager:
 * @manager: (nullable): the open connections a pool can be defined on too
 *   (“Define on Another Host…”); without one, the application's
 */
void
ferry_pools_view_set_manager (FerryPoolsView         *self,
                              FerryConnectionManager *manager)
{
  g_return_if_fail (FERRY_IS_POOLS_VIEW (self));
  g_return_if_fail (manager == NULL || FERRY_IS_CONNECTION_MANAGER (manager));

  if (!g_set_object (&self->manager, manager))
    return;
  _ferry_pools_view_watch_hosts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MANAGER]);
}
