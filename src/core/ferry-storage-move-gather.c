/* ferry-storage-move-gather.c — what a storage move needs to know, read from the host in a
 * worker: the VM (running? persistent?), each chosen disk (kind, image, pool, size) and the
 * destination pool (type, state, free space).
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-object.h>
#include <libvirt/virterror.h>

#include "ferry-core-private.h"
#include "ferry-domain-disks-private.h"
#include "ferry-error.h"
#include "ferry-storage-move-private.h"

static FerryDiskInfo *
find_disk (GListModel *disks,
           const char *target)
{
  for (guint i = 0; i < g_list_model_get_n_items (disks); i++)
    {
      g_autoptr(FerryDiskInfo) info = g_list_model_get_item (disks, i);

      if (g_strcmp0 (ferry_disk_info_get_target (info), target) == 0)
        return info;
    }
  return NULL;
}

/* The pool volume that holds @disk's image, or NULL (not an error: many images are in no
 * pool). Fills in the disk's pool, volume, path and sizes from it. */
static void
find_volume (virConnectPtr              conn,
             FerryStorageMoveDiskFacts *disk,
             FerryDiskInfo             *info)
{
  virStorageVolPtr vol = NULL;
  virStoragePoolPtr pool = NULL;
  virStorageVolInfo vinfo;

  if (disk->source_type == FERRY_DISK_SOURCE_VOLUME)
    {
      pool = virStoragePoolLookupByName (conn, ferry_disk_info_get_pool (info));
      vol = pool ? virStorageVolLookupByName (pool, ferry_disk_info_get_volume (info)) : NULL;
    }
  else if (disk->source != NULL)
    {
      vol = virStorageVolLookupByPath (conn, disk->source);
      pool = vol ? virStoragePoolLookupByVolume (vol) : NULL;
    }
  if (vol != NULL && pool != NULL)
    {
      g_free (disk->pool);
      disk->pool = g_strdup (virStoragePoolGetName (pool));
      disk->volume = g_strdup (virStorageVolGetName (vol));
      if (disk->source == NULL)
        disk->source = virStorageVolGetPath (vol);
      if (virStorageVolGetInfo (vol, &vinfo) == 0)
        {
          disk->capacity = vinfo.capacity;
          disk->allocation = vinfo.allocation;
        }
    }
  if (vol != NULL)
    virStorageVolFree (vol);
  if (pool != NULL)
    virStoragePoolFree (pool);
  virResetLastError ();
}

static FerryStorageMoveDiskFacts *
disk_facts (virConnectPtr  conn,
            virDomainPtr   dom,
            GListModel    *disks,
            const char    *target)
{
  FerryStorageMoveDiskFacts *disk = ferry_storage_move_disk_facts_new (target);
  FerryDiskInfo *info = find_disk (disks, target);
  virDomainBlockInfo binfo;

  if (info == NULL)
    return disk;
  disk->found = TRUE;
  disk->device = ferry_disk_info_get_device (info);
  disk->source_type = ferry_disk_info_get_source_type (info);
  disk->protocol = g_strdup (ferry_disk_info_get_protocol (info));
  disk->format = g_strdup (ferry_disk_info_get_format (info));
  disk->readonly = ferry_disk_info_get_readonly (info);
  disk->shareable = ferry_disk_info_get_shareable (info);
  disk->empty = ferry_disk_info_get_empty (info);
  if (disk->source_type == FERRY_DISK_SOURCE_FILE || disk->source_type == FERRY_DISK_SOURCE_BLOCK)
    disk->source = g_strdup (ferry_disk_info_get_source_path (info));
  if (disk->source_type == FERRY_DISK_SOURCE_VOLUME)
    disk->pool = g_strdup (ferry_disk_info_get_pool (info));
  if (disk->empty || disk->source_type == FERRY_DISK_SOURCE_NETWORK)
    return disk;

  find_volume (conn, disk, info);
  /* Images in no pool: the hypervisor knows their size. */
  if (disk->capacity == 0 && virDomainGetBlockInfo (dom, target, &binfo, 0) == 0)
    {
      disk->capacity = binfo.capacity;
      disk->allocation = binfo.allocation;
    }
  virResetLastError ();
  return disk;
}

static gboolean
pool_facts (virConnectPtr           conn,
            FerryStorageMoveFacts  *facts,
            GError                **error)
{
  virStoragePoolPtr pool = virStoragePoolLookupByName (conn, facts->pool);
  virStoragePoolInfo info;
  g_autofree char *xml = NULL;

  if (pool == NULL)
    {
      if (virGetLastErrorCode () != VIR_ERR_NO_STORAGE_POOL)
        {
          ferry_set_error_from_libvirt (error, "virStoragePoolLookupByName");
          return FALSE;
        }
      virResetLastError ();
      return TRUE;
    }
  facts->pool_found = TRUE;
  /* Free space as it is now, not as the pool last looked. */
  if (virStoragePoolIsActive (pool) == 1)
    virStoragePoolRefresh (pool, 0);
  if (virStoragePoolGetInfo (pool, &info) == 0)
    {
      facts->pool_active = info.state == VIR_STORAGE_POOL_RUNNING ||
                           info.state == VIR_STORAGE_POOL_DEGRADED;
      facts->pool_available = info.available;
    }
  xml = virStoragePoolGetXMLDesc (pool, 0);
  facts->pool_type = xml ? _ferry_xml_xpath_string (xml, "/pool/@type") : NULL;
  virStoragePoolFree (pool);
  virResetLastError ();
  return TRUE;
}

/**
 * _ferry_storage_move_gather:
 *
 * Worker. Reads the running VM's XML when it runs (what QEMU uses now), else its
 * definition.
 *
 * Returns: (transfer full): the facts, or %NULL when the host could not be asked
 */
FerryStorageMoveFacts *
_ferry_storage_move_gather (virConnectPtr        conn,
                            virDomainPtr         dom,
                            const char * const  *targets,
                            const char          *pool,
                            FerryStorageFormat   format,
                            GError             **error)
{
  g_autoptr(FerryStorageMoveFacts) facts = ferry_storage_move_facts_new ();
  g_autofree char *xml = NULL;
  g_autoptr(GListStore) disks = NULL;
  int active, persistent;

  FERRY_LIBVIRT_ENTER ();

  facts->domain = g_strdup (virDomainGetName (dom));
  facts->pool = g_strdup (pool);
  facts->format = format;
  active = virDomainIsActive (dom);
  persistent = virDomainIsPersistent (dom);
  if (active >= 0 && persistent >= 0)
    xml = virDomainGetXMLDesc (dom, active == 1 ? 0 : VIR_DOMAIN_XML_INACTIVE);
  if (xml == NULL)
    {
      ferry_set_error_from_libvirt (error, "virDomainGetXMLDesc");
      return NULL;
    }
  facts->active = active == 1;
  facts->persistent = persistent == 1;
  disks = ferry_domain_disks_parse (xml, error);
  if (disks == NULL)
    return NULL;
  for (guint i = 0; targets != NULL && targets[i] != NULL; i++)
    g_ptr_array_add (facts->disks, disk_facts (conn, dom, G_LIST_MODEL (disks), targets[i]));
  if (!pool_facts (conn, facts, error))
    return NULL;
  return g_steal_pointer (&facts);
}
