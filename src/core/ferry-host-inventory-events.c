/* ferry-host-inventory-events.c — keeping the inventory current: libvirt's
 * pool and network events name what changed, and the named objects are read
 * again in one worker call per burst.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "ferry-connection-private.h"
#include "ferry-core-private.h"
#include "ferry-host-inventory-private.h"

/* Events arrive in bursts (a host autostarting its pools, a script defining
 * many networks); refresh the affected objects in one worker call per burst. */
#define REFRESH_DELAY_MS 50

/* --------------------------------------------------------------- events */

/* Dispatched by libvirt's event loop, which runs on the GLib main context:
 * this is the main thread. Only local libvirt calls (no RPC) are allowed here. */
static void
note_changed (void       *opaque,
              gboolean    is_pool,
              const char *uuid)
{
  g_autoptr(FerryHostInventory) self = g_weak_ref_get (opaque);
  Collection *coll;

  if (self == NULL)
    return;
  coll = is_pool ? &self->pools : &self->networks;
  g_hash_table_add (coll->pending, g_strdup (uuid));
  _ferry_host_inventory_schedule_refresh (self);
}

void
_ferry_host_inventory_pool_lifecycle_cb (virConnectPtr      conn,
                                         virStoragePoolPtr  pool,
                                         int                event,
                                         int                detail,
                                         void              *opaque)
{
  char uuid[VIR_UUID_STRING_BUFLEN];

  if (virStoragePoolGetUUIDString (pool, uuid) == 0)
    note_changed (opaque, TRUE, uuid);
}

/* A refresh changes capacity and allocation, nothing else. */
void
_ferry_host_inventory_pool_refresh_cb (virConnectPtr      conn,
                                       virStoragePoolPtr  pool,
                                       void              *opaque)
{
  char uuid[VIR_UUID_STRING_BUFLEN];

  if (virStoragePoolGetUUIDString (pool, uuid) == 0)
    note_changed (opaque, TRUE, uuid);
}

void
_ferry_host_inventory_network_lifecycle_cb (virConnectPtr  conn,
                                            virNetworkPtr  net,
                                            int            event,
                                            int            detail,
                                            void          *opaque)
{
  char uuid[VIR_UUID_STRING_BUFLEN];

  if (virNetworkGetUUIDString (net, uuid) == 0)
    note_changed (opaque, FALSE, uuid);
}

/* Main thread: deregistering is an RPC, so it runs in a worker, which is
 * handed the caller's reference to @conn (transfer full) and releases it. */
void
_ferry_host_inventory_unwatch (virConnectPtr conn,
                               int           pool_lifecycle_id,
                               int           pool_refresh_id,
                               int           network_lifecycle_id)
{
  const FerryEventWatch watches[] = {
    { FERRY_EVENT_WATCH_POOL, pool_lifecycle_id },
    { FERRY_EVENT_WATCH_POOL, pool_refresh_id },
    { FERRY_EVENT_WATCH_NETWORK, network_lifecycle_id },
  };

  _ferry_events_unwatch (conn, watches, G_N_ELEMENTS (watches));
}

/* -------------------------------------------------------------- refresh */

/* Worker: one object by UUID, NULL when it is gone. */
static gpointer
info_lookup (const Kind    *kind,
             virConnectPtr  conn,
             const char    *uuid)
{
  gpointer object = kind->lookup (conn, uuid);
  gpointer info = NULL;
  int autostart = 0;

  if (object != NULL)
    {
      info = kind->info_read (object);
      if (info != NULL)
        kind->info_set_flags (info,
                              kind->is_active (object) == 1,
                              kind->is_persistent (object) == 1,
                              kind->get_autostart (object, &autostart) == 0 && autostart);
      kind->free_object (object);
    }
  virResetLastError ();
  return info;
}

typedef struct
{
  virConnectPtr   conn;
  guint           generation;
  char          **pool_uuids;
  char          **network_uuids;
} RefreshData;

typedef struct
{
  char          *uuid;
  gpointer       info;       /* NULL: the object is gone */
  GDestroyNotify info_free;
} RefreshResult;

typedef struct
{
  GPtrArray *pools;          /* of RefreshResult */
  GPtrArray *networks;
} RefreshResults;

static void
refresh_data_free (RefreshData *data)
{
  _ferry_conn_release (data->conn);
  g_strfreev (data->pool_uuids);
  g_strfreev (data->network_uuids);
  g_free (data);
}

static void
refresh_result_free (RefreshResult *result)
{
  g_free (result->uuid);
  if (result->info != NULL)
    result->info_free (result->info);
  g_free (result);
}

static void
refresh_results_free (RefreshResults *results)
{
  g_ptr_array_unref (results->pools);
  g_ptr_array_unref (results->networks);
  g_free (results);
}

/* Worker: what each of @uuids is now. */
static GPtrArray *
refresh_all (const Kind     *kind,
             virConnectPtr   conn,
             char          **uuids)
{
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify)refresh_result_free);

  for (guint i = 0; uuids[i] != NULL; i++)
    {
      RefreshResult *result = g_new0 (RefreshResult, 1);

      result->uuid = g_strdup (uuids[i]);
      result->info = info_lookup (kind, conn, uuids[i]);
      result->info_free = kind->info_free;
      g_ptr_array_add (results, result);
    }
  return results;
}

static void
refresh_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RefreshData *data = task_data;
  RefreshResults *results = g_new0 (RefreshResults, 1);

  FERRY_LIBVIRT_ENTER ();

  results->pools = refresh_all (&_ferry_host_inventory_pool_kind, data->conn, data->pool_uuids);
  results->networks = refresh_all (&_ferry_host_inventory_network_kind, data->conn,
                                   data->network_uuids);
  g_task_return_pointer (task, results, (GDestroyNotify)refresh_results_free);
}

static void
apply_results (Collection *coll,
               GPtrArray  *results)
{
  for (guint i = 0; i < results->len; i++)
    {
      RefreshResult *result = g_ptr_array_index (results, i);

      _ferry_host_inventory_collection_apply (coll, result->uuid, result->info);
    }
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  FerryHostInventory *self = FERRY_HOST_INVENTORY (object);
  RefreshData *data = g_task_get_task_data (G_TASK (result));
  RefreshResults *results = g_task_propagate_pointer (G_TASK (result), NULL);

  /* A closed or reloaded inventory makes this batch stale. */
  if (results != NULL && data->generation == self->generation && data->conn == self->conn)
    {
      apply_results (&self->pools, results->pools);
      apply_results (&self->networks, results->networks);
    }
  g_clear_pointer (&results, refresh_results_free);
}

static char **
steal_pending (Collection *coll)
{
  char **uuids = (char **)g_hash_table_get_keys_as_array (coll->pending, NULL);

  g_hash_table_steal_all (coll->pending);
  return uuids;
}

static gboolean
refresh_pending_cb (gpointer user_data)
{
  FerryHostInventory *self = user_data;
  g_autoptr(GTask) task = NULL;
  RefreshData *data;

  self->refresh_source = 0;
  if (self->conn == NULL || !self->loaded)
    return G_SOURCE_REMOVE;

  data = g_new0 (RefreshData, 1);
  data->conn = self->conn;
  virConnectRef (data->conn);
  data->generation = self->generation;
  data->pool_uuids = steal_pending (&self->pools);
  data->network_uuids = steal_pending (&self->networks);

  task = g_task_new (self, NULL, refresh_cb, NULL);
  g_task_set_source_tag (task, refresh_pending_cb);
  g_task_set_task_data (task, data, (GDestroyNotify)refresh_data_free);
  g_task_run_in_thread (task, refresh_worker);

  return G_SOURCE_REMOVE;
}

void
_ferry_host_inventory_schedule_refresh (FerryHostInventory *self)
{
  if (self->loaded && self->conn != NULL && self->refresh_source == 0 &&
      (g_hash_table_size (self->pools.pending) > 0 ||
       g_hash_table_size (self->networks.pending) > 0))
    self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_pending_cb, self);
}

void
_ferry_host_inventory_pool_changed (FerryHostInventory *self,
                                    const char         *uuid)
{
  g_return_if_fail (FERRY_IS_HOST_INVENTORY (self));
  g_return_if_fail (uuid != NULL);

  if (self->conn == NULL)
    return;
  g_hash_table_add (self->pools.pending, g_strdup (uuid));
  _ferry_host_inventory_schedule_refresh (self);
}
