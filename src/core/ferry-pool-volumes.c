/* ferry-pool-volumes.c — a pool's volumes: listed, created, deleted, each in
 * a worker. Volume XML is built with libvirt-gconfig.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libvirt-gconfig/libvirt-gconfig.h>
#include <libvirt/virterror.h>

#include "ferry-core-private.h"
#include "ferry-error.h"
#include "ferry-pool-config-private.h"
#include "ferry-pool-ops-private.h"
#include "ferry-volume.h"

static void
note_changed (PoolCall          *call,
              virStoragePoolPtr  pool)
{
  char uuid[VIR_UUID_STRING_BUFLEN];

  if (virStoragePoolGetUUIDString (pool, uuid) == 0)
    call->changed_uuid = g_strdup (uuid);
}

/* Worker: one volume as the list shows it; NULL when it vanished meanwhile. */
static FerryVolume *
volume_read (virStorageVolPtr vol)
{
  virStorageVolInfo info = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *format = NULL;
  char *tmp;

  if (virStorageVolGetInfo (vol, &info) < 0)
    return NULL;
  if ((tmp = virStorageVolGetPath (vol)) != NULL)
    {
      path = g_strdup (tmp);
      free (tmp);
    }
  if ((tmp = virStorageVolGetXMLDesc (vol, 0)) != NULL)
    {
      format = _ferry_xml_xpath_string (tmp, "/volume/target/format/@type");
      free (tmp);
    }
  return _ferry_volume_new (virStorageVolGetName (vol), path, format,
                            info.capacity, info.allocation);
}

static gpointer
list_work (PoolCall  *call,
           GError   **error)
{
  virStoragePoolPtr pool = _ferry_pool_call_lookup (call, error);
  virStorageVolPtr *vols = NULL;
  GListStore *store;
  int n;

  if (pool == NULL)
    return NULL;
  n = virStoragePoolListAllVolumes (pool, &vols, 0);
  if (n < 0)
    {
      if (virStoragePoolIsActive (pool) == 0)
        g_set_error (error, FERRY_ERROR, FERRY_ERROR_LIBVIRT,
                     /* Translators: %s is a storage pool name */
                     _("Pool “%s” is not running: start it to see its volumes"), call->pool_name);
      else
        ferry_set_error_from_libvirt (error, "virStoragePoolListAllVolumes");
      virStoragePoolFree (pool);
      return NULL;
    }
  store = g_list_store_new (FERRY_TYPE_VOLUME);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(FerryVolume) volume = volume_read (vols[i]);

      if (volume != NULL)
        g_list_store_append (store, volume);
      virStorageVolFree (vols[i]);
    }
  free (vols);
  virStoragePoolFree (pool);
  return store;
}

/**
 * ferry_pool_list_volumes_async:
 *
 * Lists the volumes of @pool_name, which must be running.
 */
void
ferry_pool_list_volumes_async (FerryConnection     *connection,
                               const char          *pool_name,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_CONNECTION (connection));
  g_return_if_fail (pool_name != NULL);

  _ferry_pool_call_run (connection, _ferry_pool_call_new (pool_name, list_work, g_object_unref),
                        ferry_pool_list_volumes_async, cancellable, callback, user_data);
}

/**
 * ferry_pool_list_volumes_finish:
 *
 * Returns: (transfer full) (nullable): a #GListModel of #FerryVolume
 */
GListModel *
ferry_pool_list_volumes_finish (FerryConnection  *connection,
                                GAsyncResult     *result,
                                GError          **error)
{
  return _ferry_pool_call_finish (connection, result, ferry_pool_list_volumes_async, error);
}

/* ---------------------------------------------------------------- create */

char *
_ferry_pool_volume_xml (const char *name,
                        const char *format,
                        guint64     capacity,
                        guint64     allocation)
{
  g_autoptr(GVirConfigStorageVol) vol = gvir_config_storage_vol_new ();
  g_autoptr(GVirConfigStorageVolTarget) target = gvir_config_storage_vol_target_new ();

  gvir_config_storage_vol_set_name (vol, name);
  gvir_config_storage_vol_set_capacity (vol, capacity);
  gvir_config_storage_vol_set_allocation (vol, allocation);
  gvir_config_storage_vol_target_set_format (target, format);
  gvir_config_storage_vol_set_target (vol, target);
  return gvir_config_object_to_xml (GVIR_CONFIG_OBJECT (vol));
}

static gpointer
create_work (PoolCall  *call,
             GError   **error)
{
  virStoragePoolPtr pool = _ferry_pool_call_lookup (call, error);
  virStorageVolPtr vol;

  if (pool == NULL)
    return NULL;
  vol = virStorageVolCreateXML (pool, call->xml, 0);
  if (vol == NULL)
    ferry_set_error_from_libvirt (error, "virStorageVolCreateXML");
  else
    virStorageVolFree (vol);
  note_changed (call, pool);
  virStoragePoolFree (pool);
  return vol != NULL ? POOL_CALL_DONE : NULL;
}

/**
 * ferry_pool_create_volume_async:
 * @name: the new volume's file name (see ferry_pool_check_volume_name())
 * @format: "qcow2" or "raw"
 * @capacity: the size the guest sees, in bytes
 * @allocation: how much to allocate now, in bytes (0: grow as written)
 */
void
ferry_pool_create_volume_async (FerryConnection     *connection,
                                const char          *pool_name,
                                const char          *name,
                                const char          *format,
                                guint64              capacity,
                                guint64              allocation,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *problem = NULL;
  PoolCall *call;

  g_return_if_fail (FERRY_IS_CONNECTION (connection));
  g_return_if_fail (pool_name != NULL && name != NULL && format != NULL);

  /* Refused here, before anything reaches the host, in the words the form
   * uses. */
  problem = ferry_pool_check_volume_name (name);
  if (problem == NULL)
    problem = ferry_pool_check_volume_size (capacity, allocation);
  if (problem == NULL && !g_str_equal (format, "qcow2") && !g_str_equal (format, "raw"))
    /* Translators: %s is a disk image format */
    problem = g_strdup_printf (_("“%s” is not a volume format Ferry creates: use qcow2 or raw"),
                               format);
  if (problem != NULL)
    {
      g_task_report_new_error (connection, callback, user_data, ferry_pool_create_volume_async,
                               FERRY_ERROR, FERRY_ERROR_INVALID_INPUT, "%s", problem);
      return;
    }

  call = _ferry_pool_call_new (pool_name, create_work, NULL);
  call->xml = _ferry_pool_volume_xml (name, format, capacity, allocation);
  _ferry_pool_call_run (connection, call, ferry_pool_create_volume_async, cancellable, callback,
                        user_data);
}

gboolean
ferry_pool_create_volume_finish (FerryConnection  *connection,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  return _ferry_pool_call_finish (connection, result, ferry_pool_create_volume_async,
                                  error) != NULL;
}

/* ---------------------------------------------------------------- delete */

static gpointer
delete_work (PoolCall  *call,
             GError   **error)
{
  virStoragePoolPtr pool = _ferry_pool_call_lookup (call, error);
  virStorageVolPtr vol;
  int ret = -1;

  if (pool == NULL)
    return NULL;
  vol = virStorageVolLookupByName (pool, call->name);
  if (vol == NULL)
    {
      ferry_set_error_from_libvirt (error, "virStorageVolLookupByName");
    }
  else
    {
      ret = virStorageVolDelete (vol, 0);
      if (ret < 0)
        ferry_set_error_from_libvirt (error, "virStorageVolDelete");
      virStorageVolFree (vol);
    }
  note_changed (call, pool);
  virStoragePoolFree (pool);
  return ret < 0 ? NULL : POOL_CALL_DONE;
}

/**
 * ferry_pool_delete_volume_async:
 *
 * Deletes volume @name (its file and data) from @pool_name.
 */
void
ferry_pool_delete_volume_async (FerryConnection     *connection,
                                const char          *pool_name,
                                const char          *name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  PoolCall *call;

  g_return_if_fail (FERRY_IS_CONNECTION (connection));
  g_return_if_fail (pool_name != NULL && name != NULL);

  call = _ferry_pool_call_new (pool_name, delete_work, NULL);
  call->name = g_strdup (name);
  _ferry_pool_call_run (connection, call, ferry_pool_delete_volume_async, cancellable, callback,
                        user_data);
}

gboolean
ferry_pool_delete_volume_finish (FerryConnection  *connection,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  return _ferry_pool_call_finish (connection, result, ferry_pool_delete_volume_async,
                                  error) != NULL;
}
