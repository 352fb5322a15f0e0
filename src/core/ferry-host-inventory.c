/* ferry-host-inventory.c — a host's storage pools and virtual networks: one
 * listing, then kept current by libvirt's pool and network events.
 *
 * This file holds the object and its two models. Loading them in a worker is
 * in ferry-host-inventory-load.c; following events and refreshing what they
 * name in batches, in ferry-host-inventory-events.c.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-host-inventory-private.h"

enum {
  PROP_0,
  PROP_POOLS,
  PROP_NETWORKS,
  PROP_LOADED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryHostInventory, ferry_host_inventory, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------- collections */

static void
collection_init (Collection *coll,
                 const Kind *kind,
                 GType       item_type)
{
  coll->kind = kind;
  coll->store = g_list_store_new (item_type);
  coll->by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  coll->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
collection_clear (Collection *coll)
{
  g_clear_object (&coll->store);
  g_clear_pointer (&coll->by_uuid, g_hash_table_unref);
  g_clear_pointer (&coll->pending, g_hash_table_unref);
}

static void
collection_remove_all (Collection *coll)
{
  g_hash_table_remove_all (coll->pending);
  g_hash_table_remove_all (coll->by_uuid);
  if (coll->store != NULL)
    g_list_store_remove_all (coll->store);
}

/* Main thread: replaces the model's contents in one items-changed emission. */
void
_ferry_host_inventory_collection_set (Collection *coll,
                                      GPtrArray  *infos)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_hash_table_remove_all (coll->by_uuid);
  for (guint i = 0; i < infos->len; i++)
    {
      gpointer item = coll->kind->item_new (g_ptr_array_index (infos, i));

      g_hash_table_insert (coll->by_uuid, (gpointer)coll->kind->item_uuid (item), item);
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (coll->store, 0, g_list_model_get_n_items (G_LIST_MODEL (coll->store)),
                       items->pdata, items->len);
}

/* Main thread: @info is what a worker read for @uuid, NULL when it is gone. */
void
_ferry_host_inventory_collection_apply (Collection    *coll,
                                        const char    *uuid,
                                        gconstpointer  info)
{
  gpointer item = g_hash_table_lookup (coll->by_uuid, uuid);
  guint position;

  if (info != NULL && item != NULL)
    {
      coll->kind->item_update (item, info);
    }
  else if (info != NULL)
    {
      g_autoptr(GObject) added = coll->kind->item_new (info);

      g_hash_table_insert (coll->by_uuid, (gpointer)coll->kind->item_uuid (added), added);
      g_list_store_append (coll->store, added);
    }
  else if (item != NULL && g_list_store_find (coll->store, item, &position))
    {
      g_hash_table_remove (coll->by_uuid, uuid);
      g_list_store_remove (coll->store, position);
    }
}

static gpointer
collection_find_by_name (Collection *coll,
                         const char *name)
{
  GListModel *model = G_LIST_MODEL (coll->store);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *item_name = NULL;

      g_object_get (item, "name", &item_name, NULL);
      if (g_strcmp0 (item_name, name) == 0)
        return item;
    }
  return NULL;
}

void
_ferry_host_inventory_set_loaded (FerryHostInventory *self,
                                  gboolean            loaded)
{
  if (self->loaded == !!loaded)
    return;
  self->loaded = !!loaded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

/**
 * ferry_host_inventory_close:
 *
 * Main thread. Stops following events (deregistering in a worker), drops the
 * connection reference and empties both models. A load in progress is dropped.
 */
void
ferry_host_inventory_close (FerryHostInventory *self)
{
  g_return_if_fail (FERRY_IS_HOST_INVENTORY (self));

  self->generation++;
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->conn != NULL)
    _ferry_host_inventory_unwatch (g_steal_pointer (&self->conn), self->pool_lifecycle_id,
                                   self->pool_refresh_id, self->network_lifecycle_id);
  self->pool_lifecycle_id = -1;
  self->pool_refresh_id = -1;
  self->network_lifecycle_id = -1;
  collection_remove_all (&self->pools);
  collection_remove_all (&self->networks);
  _ferry_host_inventory_set_loaded (self, FALSE);
}

/* --------------------------------------------------------------- object */

static void
ferry_host_inventory_dispose (GObject *object)
{
  FerryHostInventory *self = (FerryHostInventory *)object;

  if (self->conn != NULL)
    ferry_host_inventory_close (self);

  G_OBJECT_CLASS (ferry_host_inventory_parent_class)->dispose (object);
}

static void
ferry_host_inventory_finalize (GObject *object)
{
  FerryHostInventory *self = (FerryHostInventory *)object;

  collection_clear (&self->pools);
  collection_clear (&self->networks);

  G_OBJECT_CLASS (ferry_host_inventory_parent_class)->finalize (object);
}

static void
ferry_host_inventory_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FerryHostInventory *self = FERRY_HOST_INVENTORY (object);

  switch (prop_id)
    {
    case PROP_POOLS:
      g_value_set_object (value, self->pools.store);
      break;
    case PROP_NETWORKS:
      g_value_set_object (value, self->networks.store);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_host_inventory_class_init (FerryHostInventoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ferry_host_inventory_dispose;
  object_class->finalize = ferry_host_inventory_finalize;
  object_class->get_property = ferry_host_inventory_get_property;

  properties[PROP_POOLS] = g_param_spec_object ("pools", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_NETWORKS] = g_param_spec_object ("networks", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  /* TRUE once the first listing is in the models, until closed. */
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_host_inventory_init (FerryHostInventory *self)
{
  self->pool_lifecycle_id = -1;
  self->pool_refresh_id = -1;
  self->network_lifecycle_id = -1;
  collection_init (&self->pools, &_ferry_host_inventory_pool_kind, FERRY_TYPE_POOL);
  collection_init (&self->networks, &_ferry_host_inventory_network_kind, FERRY_TYPE_NETWORK);
}

/**
 * ferry_host_inventory_new:
 *
 * Returns: (transfer full): an empty inventory; FerryConnection loads it
 */
FerryHostInventory *
ferry_host_inventory_new (void)
{
  return g_object_new (FERRY_TYPE_HOST_INVENTORY, NULL);
}

/**
 * ferry_host_inventory_get_pools:
 *
 * Returns: (transfer none): a #GListModel of #FerryPool, kept current by events
 */
GListModel *
ferry_host_inventory_get_pools (FerryHostInventory *self)
{
  g_return_val_if_fail (FERRY_IS_HOST_INVENTORY (self), NULL);
  return G_LIST_MODEL (self->pools.store);
}

/**
 * ferry_host_inventory_get_networks:
 *
 * Returns: (transfer none): a #GListModel of #FerryNetwork, kept current by events
 */
GListModel *
ferry_host_inventory_get_networks (FerryHostInventory *self)
{
  g_return_val_if_fail (FERRY_IS_HOST_INVENTORY (self), NULL);
  return G_LIST_MODEL (self->networks.store);
}

gboolean
ferry_host_inventory_get_loaded (FerryHostInventory *self)
{
  g_return_val_if_fail (FERRY_IS_HOST_INVENTORY (self), FALSE);
  return self->loaded;
}

/**
 * ferry_host_inventory_find_pool:
 *
 * Returns: (transfer none) (nullable): the pool called @name
 */
FerryPool *
ferry_host_inventory_find_pool (FerryHostInventory *self,
                                const char         *name)
{
  g_return_val_if_fail (FERRY_IS_HOST_INVENTORY (self), NULL);
  return collection_find_by_name (&self->pools, name);
}

/**
 * ferry_host_inventory_find_network:
 *
 * Returns: (transfer none) (nullable): the network called @name
 */
FerryNetwork *
ferry_host_inventory_find_network (FerryHostInventory *self,
                                   const char         *name)
{
  g_return_val_if_fail (FERRY_IS_HOST_INVENTORY (self), NULL);
  return collection_find_by_name (&self->networks, name);
}
