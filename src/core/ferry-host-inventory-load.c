/* ferry-host-inventory-load.c — reading a host's pools and networks in a
 * worker: their XML descriptions, one listing of each kind, and the first
 * load that fills the models and starts following events.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "ferry-connection-private.h"
#include "ferry-core-private.h"
#include "ferry-error.h"
#include "ferry-host-inventory-private.h"

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
      /* For the pool editor's "same source already defined" check. */
      info->source_host = xml_desc_string (&desc, "/pool/source/host/@name");
      info->source_dir = xml_desc_string (&desc, "/pool/source/dir/@path");
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

const Kind _ferry_host_inventory_pool_kind = {
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

const Kind _ferry_host_inventory_network_kind = {
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
  _ferry_events_wait_unwatched ();

  /* Register before listing: a change made while the listing runs is then
   * in the listing or in an event, never lost between the two. */
  ref = _ferry_weak_ref_new (source_object);
  data->pool_lifecycle_id =
    virConnectStoragePoolEventRegisterAny (data->conn, NULL, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,
                                           VIR_STORAGE_POOL_EVENT_CALLBACK (
                                             _ferry_host_inventory_pool_lifecycle_cb),
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
                                               VIR_STORAGE_POOL_EVENT_CALLBACK (
                                                 _ferry_host_inventory_pool_refresh_cb),
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
                                       VIR_NETWORK_EVENT_CALLBACK (
                                         _ferry_host_inventory_network_lifecycle_cb),
                                       ref, _ferry_weak_ref_free);
  if (data->network_lifecycle_id < 0)
    {
      _ferry_weak_ref_free (ref);
      ferry_set_error_from_libvirt (&data->networks_error, "virConnectNetworkEventRegisterAny");
    }

  /* A host without a storage driver (or without a network driver) still
   * shows the other half. */
  if (data->pools_error == NULL)
    data->pools = list_all (&_ferry_host_inventory_pool_kind, data->conn, &data->pools_error);
  if (data->networks_error == NULL)
    data->networks = list_all (&_ferry_host_inventory_network_kind, data->conn,
                               &data->networks_error);

  g_task_return_boolean (task, TRUE);
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
      _ferry_host_inventory_unwatch (data->conn, data->pool_lifecycle_id, data->pool_refresh_id,
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
    _ferry_host_inventory_collection_set (&self->pools, data->pools);
  if (data->networks != NULL)
    _ferry_host_inventory_collection_set (&self->networks, data->networks);
  _ferry_host_inventory_set_loaded (self, TRUE);
  /* Events that came while listing. */
  _ferry_host_inventory_schedule_refresh (self);

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
