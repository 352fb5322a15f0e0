/* ferry-host-inventory.c — a host's storage pools and virtual networks: one
 * listing, then kept current by libvirt's pool and network events.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "ferry-connection-private.h"
#include "ferry-core-private.h"
#include "ferry-error.h"
#include "ferry-host-inventory.h"

/* Events arrive in bursts (a host autostarting its pools, a script defining
 * many networks); refresh the affected objects in one worker call per burst. */
#define REFRESH_DELAY_MS 50

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
static void
collection_set (Collection *coll,
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
static void
collection_apply (Collection    *coll,
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

/* ------------------------------------------------------ XML descriptions */

typedef struct
{
  xmlDocPtr          doc;
  xmlXPathContextPtr ctx;
} XmlDesc;

static void
xml_desc_clear (XmlDesc *desc)
{
  g_clear_pointer (&desc->ctx, xmlXPathFreeContext);
  g_clear_pointer (&desc->doc, xmlFreeDoc);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (XmlDesc, xml_desc_clear)

/* Takes @xml (libvirt's, freed with free()). FALSE when it does not parse. */
static gboolean
xml_desc_parse (XmlDesc *desc,
                char    *xml)
{
  if (xml == NULL)
    return FALSE;
  desc->doc = xmlReadMemory (xml, (int)strlen (xml), "desc.xml", NULL,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  free (xml);
  if (desc->doc == NULL)
    return FALSE;
  desc->ctx = xmlXPathNewContext (desc->doc);
  return desc->ctx != NULL;
}

/* The string value of @expr, or NULL when it selects nothing or is empty. */
static char *
xml_desc_string (XmlDesc    *desc,
                 const char *expr)
{
  g_autofree char *string_expr = g_strdup_printf ("string(%s)", expr);
  xmlXPathObjectPtr obj = xmlXPathEvalExpression ((const xmlChar *)string_expr, desc->ctx);
  char *value = NULL;

  if (obj != NULL && obj->type == XPATH_STRING &&
      obj->stringval != NULL && obj->stringval[0] != '\0')
    value = g_strdup ((const char *)obj->stringval);
  xmlXPathFreeObject (obj);
  return value;
}

static gboolean
xml_desc_has (XmlDesc    *desc,
              const char *expr)
{
  xmlXPathObjectPtr obj = xmlXPathEvalExpression ((const xmlChar *)expr, desc->ctx);
  gboolean found = obj != NULL && obj->type == XPATH_NODESET &&
                   !xmlXPathNodeSetIsEmpty (obj->nodesetval);

  xmlXPathFreeObject (obj);
  return found;
}

/* ---------------------------------------------------------- worker side */

/* Worker: name and UUID are local; info and XML are one RPC each. */
static FerryPoolInfo *
pool_info_read (virStoragePoolPtr pool)
{
  g_autoptr(FerryPoolInfo) info = g_new0 (FerryPoolInfo, 1);
  g_auto(XmlDesc) desc = { NULL, NULL };
  char uuid[VIR_UUID_STRING_BUFLEN];
  virStoragePoolInfo pi;

  info->name = g_strdup (virStoragePoolGetName (pool));
  if (virStoragePoolGetUUIDString (pool, uuid) != 0)
    return NULL;
  info->uuid = g_strdup (uuid);

  if (virStoragePoolGetInfo (pool, &pi) == 0)
    {
      info->state = pi.state;
      info->capacity = pi.capacity;
      info->allocation = pi.allocation;
      info->available = pi.available;
    }
  if (xml_desc_parse (&desc, virStoragePoolGetXMLDesc (pool, 0)))
    {
      info->type = xml_desc_string (&desc, "/pool/@type");
      info->target_path = xml_desc_string (&desc, "/pool/target/path");
    }
  virResetLastError ();
  return g_steal_pointer (&info);
}

static FerryNetworkInfo *
network_info_read (virNetworkPtr net)
{
  g_autoptr(FerryNetworkInfo) info = g_new0 (FerryNetworkInfo, 1);
  g_auto(XmlDesc) desc = { NULL, NULL };
  char uuid[VIR_UUID_STRING_BUFLEN];

  info->name = g_strdup (virNetworkGetName (net));
  if (virNetworkGetUUIDString (net, uuid) != 0)
    return NULL;
  info->uuid = g_strdup (uuid);

  if (xml_desc_parse (&desc, virNetworkGetXMLDesc (net, 0)))
    {
      info->bridge = xml_desc_string (&desc, "/network/bridge/@name");
      /* <forward/> without a mode means NAT; no <forward> at all, isolated. */
      if (xml_desc_has (&desc, "/network/forward"))
        {
          info->forward_mode = xml_desc_string (&desc, "/network/forward/@mode");
          if (info->forward_mode == NULL)
            info->forward_mode = g_strdup ("nat");
        }
    }
  virResetLastError ();
  return g_steal_pointer (&info);
}

/* Worker: the UUIDs of the objects matching @flags, in one RPC. */
static GHashTable *
uuid_set (const Kind    *kind,
          virConnectPtr  conn,
          unsigned int   flags)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gpointer *objects = NULL;
  int n = kind->list_all (conn, &objects, flags);

  for (int i = 0; i < n; i++)
    {
      char uuid[VIR_UUID_STRING_BUFLEN];

      if (kind->get_uuid (objects[i], uuid) == 0)
        g_hash_table_add (set, g_strdup (uuid));
      kind->free_object (objects[i]);
    }
  free (objects);
  virResetLastError ();
  return set;
}

/* Worker: every object, with the flags from three filtered listings rather
 * than three calls per object. */
static GPtrArray *
list_all (const Kind     *kind,
          virConnectPtr   conn,
          GError        **error)
{
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (kind->info_free);
  g_autoptr(GHashTable) active = NULL;
  g_autoptr(GHashTable) persistent = NULL;
  g_autoptr(GHashTable) autostart = NULL;
  gpointer *objects = NULL;
  int n;

  n = kind->list_all (conn, &objects, 0);
  if (n < 0)
    {
      ferry_set_error_from_libvirt (error, kind->list_all_name);
      return NULL;
    }
  for (int i = 0; i < n; i++)
    {
      gpointer info = kind->info_read (objects[i]);

      if (info != NULL)
        g_ptr_array_add (infos, info);
      kind->free_object (objects[i]);
    }
  free (objects);

  active = uuid_set (kind, conn, kind->active_flag);
  persistent = uuid_set (kind, conn, kind->persistent_flag);
  autostart = uuid_set (kind, conn, kind->autostart_flag);
  for (guint i = 0; i < infos->len; i++)
    {
      gpointer info = g_ptr_array_index (infos, i);
      const char *uuid = kind->info_uuid (info);

      kind->info_set_flags (info,
                            g_hash_table_contains (active, uuid),
                            g_hash_table_contains (persistent, uuid),
                            g_hash_table_contains (autostart, uuid));
    }
  return g_steal_pointer (&infos);
}

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

/* ---------------------------------------------------------------- kinds */

static void
pool_info_set_flags (gpointer info,
                     gboolean active,
                     gboolean persistent,
                     gboolean autostart)
{
  FerryPoolInfo *pool = info;

  pool->active = active;
  pool->persistent = persistent;
  pool->autostart = autostart;
}

static const char *
pool_info_uuid (gconstpointer info)
{
  return ((const FerryPoolInfo *)info)->uuid;
}

static void
network_info_set_flags (gpointer info,
                        gboolean active,
                        gboolean persistent,
                        gboolean autostart)
{
  FerryNetworkInfo *net = info;

  net->active = active;
  net->persistent = persistent;
  net->autostart = autostart;
}

static const char *
network_info_uuid (gconstpointer info)
{
  return ((const FerryNetworkInfo *)info)->uuid;
}

typedef int         (*ListAllFunc)   (virConnectPtr, gpointer **, unsigned int);
typedef gpointer    (*LookupFunc)    (virConnectPtr, const char *);
typedef int         (*GetUuidFunc)   (gpointer, char *);
typedef int         (*ObjectFunc)    (gpointer);
typedef int         (*AutostartFunc) (gpointer, int *);
typedef gpointer    (*InfoReadFunc)  (gpointer);
typedef gpointer    (*ItemNewFunc)   (gconstpointer);
typedef void        (*ItemUpdateFunc) (gpointer, gconstpointer);
typedef const char *(*ItemUuidFunc)  (gpointer);

static const Kind pool_kind = {
  .list_all_name = "virConnectListAllStoragePools",
  .list_all = (ListAllFunc)virConnectListAllStoragePools,
  .active_flag = VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE,
  .persistent_flag = VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT,
  .autostart_flag = VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART,
  .lookup = (LookupFunc)virStoragePoolLookupByUUIDString,
  .get_uuid = (GetUuidFunc)virStoragePoolGetUUIDString,
  .is_active = (ObjectFunc)virStoragePoolIsActive,
  .is_persistent = (ObjectFunc)virStoragePoolIsPersistent,
  .get_autostart = (AutostartFunc)virStoragePoolGetAutostart,
  .free_object = (ObjectFunc)virStoragePoolFree,
  .info_read = (InfoReadFunc)pool_info_read,
  .info_set_flags = pool_info_set_flags,
  .info_uuid = pool_info_uuid,
  .info_free = (GDestroyNotify)_ferry_pool_info_free,
  .item_new = (ItemNewFunc)_ferry_pool_new,
  .item_update = (ItemUpdateFunc)_ferry_pool_update,
  .item_uuid = (ItemUuidFunc)ferry_pool_get_uuid,
};

static const Kind network_kind = {
  .list_all_name = "virConnectListAllNetworks",
  .list_all = (ListAllFunc)virConnectListAllNetworks,
  .active_flag = VIR_CONNECT_LIST_NETWORKS_ACTIVE,
  .persistent_flag = VIR_CONNECT_LIST_NETWORKS_PERSISTENT,
  .autostart_flag = VIR_CONNECT_LIST_NETWORKS_AUTOSTART,
  .lookup = (LookupFunc)virNetworkLookupByUUIDString,
  .get_uuid = (GetUuidFunc)virNetworkGetUUIDString,
  .is_active = (ObjectFunc)virNetworkIsActive,
  .is_persistent = (ObjectFunc)virNetworkIsPersistent,
  .get_autostart = (AutostartFunc)virNetworkGetAutostart,
  .free_object = (ObjectFunc)virNetworkFree,
  .info_read = (InfoReadFunc)network_info_read,
  .info_set_flags = network_info_set_flags,
  .info_uuid = network_info_uuid,
  .info_free = (GDestroyNotify)_ferry_network_info_free,
  .item_new = (ItemNewFunc)_ferry_network_new,
  .item_update = (ItemUpdateFunc)_ferry_network_update,
  .item_uuid = (ItemUuidFunc)ferry_network_get_uuid,
};

/* --------------------------------------------------------------- events */

static void schedule_refresh (FerryHostInventory *self);

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
  schedule_refresh (self);
}

static void
pool_lifecycle_cb (virConnectPtr      conn,
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
static void
pool_refresh_cb (virConnectPtr      conn,
                 virStoragePoolPtr  pool,
                 void              *opaque)
{
  char uuid[VIR_UUID_STRING_BUFLEN];

  if (virStoragePoolGetUUIDString (pool, uuid) == 0)
    note_changed (opaque, TRUE, uuid);
}

static void
network_lifecycle_cb (virConnectPtr  conn,
                      virNetworkPtr  net,
                      int            event,
                      int            detail,
                      void          *opaque)
{
  char uuid[VIR_UUID_STRING_BUFLEN];

  if (virNetworkGetUUIDString (net, uuid) == 0)
    note_changed (opaque, FALSE, uuid);
}

typedef struct
{
  virConnectPtr conn;
  int           pool_lifecycle_id;
  int           pool_refresh_id;
  int           network_lifecycle_id;
} UnwatchData;

static void
unwatch_data_free (UnwatchData *data)
{
  _ferry_conn_release (data->conn);
  g_free (data);
}

static void
unwatch_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  UnwatchData *data = task_data;

  FERRY_LIBVIRT_ENTER ();
  if (data->pool_lifecycle_id >= 0)
    virConnectStoragePoolEventDeregisterAny (data->conn, data->pool_lifecycle_id);
  if (data->pool_refresh_id >= 0)
    virConnectStoragePoolEventDeregisterAny (data->conn, data->pool_refresh_id);
  if (data->network_lifecycle_id >= 0)
    virConnectNetworkEventDeregisterAny (data->conn, data->network_lifecycle_id);
  virResetLastError ();
  g_task_return_boolean (task, TRUE);
}

/* Main thread: deregistering is an RPC, so it runs in a worker, which is
 * handed the caller's reference to @conn (transfer full) and releases it. */
static void
unwatch (virConnectPtr conn,
         int           pool_lifecycle_id,
         int           pool_refresh_id,
         int           network_lifecycle_id)
{
  g_autoptr(GTask) task = NULL;
  UnwatchData *data;

  if (pool_lifecycle_id < 0 && pool_refresh_id < 0 && network_lifecycle_id < 0)
    {
      _ferry_conn_release (conn);
      return;
    }

  data = g_new0 (UnwatchData, 1);
  data->conn = conn;
  data->pool_lifecycle_id = pool_lifecycle_id;
  data->pool_refresh_id = pool_refresh_id;
  data->network_lifecycle_id = network_lifecycle_id;

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, unwatch);
  g_task_set_task_data (task, data, (GDestroyNotify)unwatch_data_free);
  g_task_run_in_thread (task, unwatch_worker);
}

/* -------------------------------------------------------------- refresh */

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

  results->pools = refresh_all (&pool_kind, data->conn, data->pool_uuids);
  results->networks = refresh_all (&network_kind, data->conn, data->network_uuids);
  g_task_return_pointer (task, results, (GDestroyNotify)refresh_results_free);
}

static void
apply_results (Collection *coll,
               GPtrArray  *results)
{
  for (guint i = 0; i < results->len; i++)
    {
      RefreshResult *result = g_ptr_array_index (results, i);

      collection_apply (coll, result->uuid, result->info);
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

static void
schedule_refresh (FerryHostInventory *self)
{
  if (self->loaded && self->conn != NULL && self->refresh_source == 0 &&
      (g_hash_table_size (self->pools.pending) > 0 ||
       g_hash_table_size (self->networks.pending) > 0))
    self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_pending_cb, self);
}

/* ----------------------------------------------------------------- load */

typedef struct
{
  virConnectPtr  conn;
  guint          generation;

  /* Filled by the worker. */
  int            pool_lifecycle_id;
  int            pool_refresh_id;
  int            network_lifecycle_id;
  GPtrArray     *pools;      /* NULL when pools could not be listed */
  GPtrArray     *networks;
  GError        *pools_error;
  GError        *networks_error;
} LoadData;

static void
load_data_free (LoadData *data)
{
  _ferry_conn_release (data->conn);
  g_clear_pointer (&data->pools, g_ptr_array_unref);
  g_clear_pointer (&data->networks, g_ptr_array_unref);
  g_clear_error (&data->pools_error);
  g_clear_error (&data->networks_error);
  g_free (data);
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GWeakRef *ref;

  FERRY_LIBVIRT_ENTER ();

  /* Register before listing: a change made while the listing runs is then
   * in the listing or in an event, never lost between the two. */
  ref = _ferry_weak_ref_new (source_object);
  data->pool_lifecycle_id =
    virConnectStoragePoolEventRegisterAny (data->conn, NULL, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,
                                           VIR_STORAGE_POOL_EVENT_CALLBACK (pool_lifecycle_cb),
                                           ref, _ferry_weak_ref_free);
  if (data->pool_lifecycle_id < 0)
    {
      _ferry_weak_ref_free (ref);
      ferry_set_error_from_libvirt (&data->pools_error, "virConnectStoragePoolEventRegisterAny");
    }
  else
    {
      ref = _ferry_weak_ref_new (source_object);
      data->pool_refresh_id =
        virConnectStoragePoolEventRegisterAny (data->conn, NULL, VIR_STORAGE_POOL_EVENT_ID_REFRESH,
                                               VIR_STORAGE_POOL_EVENT_CALLBACK (pool_refresh_cb),
                                               ref, _ferry_weak_ref_free);
      if (data->pool_refresh_id < 0)
        {
          _ferry_weak_ref_free (ref);
          ferry_set_error_from_libvirt (&data->pools_error, "virConnectStoragePoolEventRegisterAny");
        }
    }

  ref = _ferry_weak_ref_new (source_object);
  data->network_lifecycle_id =
    virConnectNetworkEventRegisterAny (data->conn, NULL, VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                       VIR_NETWORK_EVENT_CALLBACK (network_lifecycle_cb),
                                       ref, _ferry_weak_ref_free);
  if (data->network_lifecycle_id < 0)
    {
      _ferry_weak_ref_free (ref);
      ferry_set_error_from_libvirt (&data->networks_error, "virConnectNetworkEventRegisterAny");
    }

  /* A host without a storage driver (or without a network driver) still
   * shows the other half. */
  if (data->pools_error == NULL)
    data->pools = list_all (&pool_kind, data->conn, &data->pools_error);
  if (data->networks_error == NULL)
    data->networks = list_all (&network_kind, data->conn, &data->networks_error);

  g_task_return_boolean (task, TRUE);
}

static void
set_loaded (FerryHostInventory *self,
            gboolean            loaded)
{
  if (self->loaded == !!loaded)
    return;
  self->loaded = !!loaded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  FerryHostInventory *self = FERRY_HOST_INVENTORY (object);
  g_autoptr(GTask) outer = user_data;
  LoadData *data = g_task_get_task_data (G_TASK (result));

  g_task_propagate_boolean (G_TASK (result), NULL);

  /* Closed or reloaded meanwhile: what this worker registered is nobody's. */
  if (data->generation != self->generation || data->conn != self->conn)
    {
      virConnectRef (data->conn);
      unwatch (data->conn, data->pool_lifecycle_id, data->pool_refresh_id,
               data->network_lifecycle_id);
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The inventory was closed while loading");
      return;
    }

  self->pool_lifecycle_id = data->pool_lifecycle_id;
  self->pool_refresh_id = data->pool_refresh_id;
  self->network_lifecycle_id = data->network_lifecycle_id;

  if (g_task_return_error_if_cancelled (outer))
    {
      ferry_host_inventory_close (self);
      return;
    }

  if (data->pools != NULL)
    collection_set (&self->pools, data->pools);
  if (data->networks != NULL)
    collection_set (&self->networks, data->networks);
  set_loaded (self, TRUE);
  /* Events that came while listing. */
  schedule_refresh (self);

  if (data->pools_error != NULL)
    g_task_return_error (outer, g_steal_pointer (&data->pools_error));
  else if (data->networks_error != NULL)
    g_task_return_error (outer, g_steal_pointer (&data->networks_error));
  else
    g_task_return_boolean (outer, TRUE);
}

/**
 * _ferry_host_inventory_load_async:
 * @conn: an open libvirt connection; the inventory takes its own reference
 *
 * Main thread. Lists the host's pools and networks in a worker and follows
 * their events from then on, until ferry_host_inventory_close(). Loading again
 * closes first. A host that can list only one of the two still shows that one;
 * the error then tells what failed.
 */
void
_ferry_host_inventory_load_async (FerryHostInventory  *self,
                                  struct _virConnect  *conn,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GTask *outer;
  LoadData *data;

  g_return_if_fail (FERRY_IS_HOST_INVENTORY (self));
  g_return_if_fail (conn != NULL);

  ferry_host_inventory_close (self);
  self->conn = conn;
  virConnectRef (conn);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, _ferry_host_inventory_load_async);

  data = g_new0 (LoadData, 1);
  data->conn = conn;
  virConnectRef (conn);
  data->generation = self->generation;
  data->pool_lifecycle_id = -1;
  data->pool_refresh_id = -1;
  data->network_lifecycle_id = -1;

  task = g_task_new (self, NULL, load_cb, outer);
  g_task_set_source_tag (task, load_worker);
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
  g_task_run_in_thread (task, load_worker);
}

gboolean
_ferry_host_inventory_load_finish (FerryHostInventory  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
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
    unwatch (g_steal_pointer (&self->conn), self->pool_lifecycle_id, self->pool_refresh_id,
             self->network_lifecycle_id);
  self->pool_lifecycle_id = -1;
  self->pool_refresh_id = -1;
  self->network_lifecycle_id = -1;
  collection_remove_all (&self->pools);
  collection_remove_all (&self->networks);
  set_loaded (self, FALSE);
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
  collection_init (&self->pools, &pool_kind, FERRY_TYPE_POOL);
  collection_init (&self->networks, &network_kind, FERRY_TYPE_NETWORK);
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
