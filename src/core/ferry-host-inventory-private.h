/* ferry-host-inventory-private.h — shared by ferry-host-inventory*.c
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libvirt/libvirt.h>

#include "ferry-host-inventory.h"

G_BEGIN_DECLS

/* Pools and networks are handled alike; a kind says how to read one kind of
 * libvirt object in a worker and how to make and update its items on the
 * main thread. Objects are virStoragePoolPtr or virNetworkPtr: the libvirt
 * functions for both have the same shapes and are called through these
 * pointers (hence the casts below). */
typedef struct
{
  /* Worker side. */
  const char   *list_all_name;     /* for the error message */
  int         (*list_all)      (virConnectPtr   conn,
                                gpointer      **objects,
                                unsigned int    flags);
  unsigned int  active_flag;
  unsigned int  persistent_flag;
  unsigned int  autostart_flag;
  gpointer    (*lookup)        (virConnectPtr   conn,
                                const char     *uuid);
  int         (*get_uuid)      (gpointer        object,
                                char           *uuid);
  int         (*is_active)     (gpointer        object);
  int         (*is_persistent) (gpointer        object);
  int         (*get_autostart) (gpointer        object,
                                int            *autostart);
  int         (*free_object)   (gpointer        object);
  gpointer    (*info_read)     (gpointer        object);
  void        (*info_set_flags) (gpointer       info,
                                 gboolean       active,
                                 gboolean       persistent,
                                 gboolean       autostart);
  const char *(*info_uuid)     (gconstpointer   info);
  void        (*info_free)     (gpointer        info);

  /* Main thread side. */
  gpointer    (*item_new)      (gconstpointer   info);
  void        (*item_update)   (gpointer        item,
                                gconstpointer   info);
  const char *(*item_uuid)     (gpointer        item);
} Kind;

typedef struct
{
  const Kind *kind;
  GListStore *store;
  GHashTable *by_uuid;   /* uuid → item (borrowed from the store) */
  GHashTable *pending;   /* uuids waiting for a batched refresh */
} Collection;

struct _FerryHostInventory
{
  GObject        parent_instance;

  /* Our own reference while loading or loaded; NULL when closed. Only
   * workers make calls with it. */
  virConnectPtr  conn;
  int            pool_lifecycle_id;
  int            pool_refresh_id;
  int            network_lifecycle_id;

  /* Bumped by every load and close, so a worker that returns after the
   * inventory moved on is recognised and its result dropped. */
  guint          generation;

  Collection     pools;
  Collection     networks;
  guint          refresh_source;
  guint          loaded : 1;
};

/* ferry-host-inventory.c */
void      _ferry_host_inventory_collection_set   (Collection         *coll,
                                                  GPtrArray          *infos);
void      _ferry_host_inventory_collection_apply (Collection         *coll,
                                                  const char         *uuid,
                                                  gconstpointer       info);
void      _ferry_host_inventory_set_loaded       (FerryHostInventory *self,
                                                  gboolean            loaded);

/* ferry-host-inventory-load.c */
extern const Kind _ferry_host_inventory_pool_kind;
extern const Kind _ferry_host_inventory_network_kind;

/* ferry-host-inventory-events.c */
void      _ferry_host_inventory_pool_lifecycle_cb    (virConnectPtr      conn,
                                                      virStoragePoolPtr  pool,
                                                      int                event,
                                                      int                detail,
                                                      void              *opaque);
void      _ferry_host_inventory_pool_refresh_cb      (virConnectPtr      conn,
                                                      virStoragePoolPtr  pool,
                                                      void              *opaque);
void      _ferry_host_inventory_network_lifecycle_cb (virConnectPtr      conn,
                                                      virNetworkPtr      net,
                                                      int                event,
                                                      int                detail,
                                                      void              *opaque);
void      _ferry_host_inventory_unwatch              (virConnectPtr      conn,
                                                      int                pool_lifecycle_id,
                                                      int                pool_refresh_id,
                                                      int                network_lifecycle_id);
void      _ferry_host_inventory_schedule_refresh     (FerryHostInventory *self);

G_END_DECLS
