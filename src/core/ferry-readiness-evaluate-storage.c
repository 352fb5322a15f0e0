/* ferry-readiness-evaluate-storage.c — the disk checks: where each disk lives
 * and whether the destination can reach it (or receive a copy), read-only and
 * shareable disks, CD-ROM media, and cache modes. Pure.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ferry-readiness-private.h"

/* Pool types whose storage every host reaches over the network. */
static gboolean
pool_type_shared (const char *type)
{
  static const char * const shared[] = {
    "netfs", "iscsi", "iscsi-direct", "rbd", "gluster", "sheepdog", "vstorage", "mpath", NULL,
  };

  return type != NULL && g_strv_contains (shared, type);
}

static const FerryReadinessPool *
source_pool (const FerryReadinessFacts *f,
             const FerryReadinessDisk  *disk)
{
  return _ferry_readiness_host_find_pool (&f->source, disk->pool);
}

/* The destination pool that would hold @disk's image: the same pool (name,
 * type and target path) for shared storage, or any pool on the same directory
 * for a copy (libvirt creates copied images in such a pool). */
static const FerryReadinessPool *
destination_pool (const FerryReadinessFacts *f,
                  const FerryReadinessDisk  *disk,
                  gboolean                   same_name)
{
  const FerryReadinessPool *src = source_pool (f, disk);
  g_autofree char *dir = disk->source ? g_path_get_dirname (disk->source) : NULL;

  for (guint i = 0; i < f->destination.pools->len; i++)
    {
      const FerryReadinessPool *pool = g_ptr_array_index (f->destination.pools, i);

      if (same_name && src != NULL && g_str_equal (pool->name, src->name))
        return pool;
      if (!same_name && pool->target_path != NULL && g_strcmp0 (pool->target_path, dir) == 0)
        return pool;
    }
  return NULL;
}

static gboolean
copied (const FerryReadinessDisk *disk,
        FerryMigrationOptions    *options)
{
  const char * const *only = ferry_migration_options_get_copy_storage_disks (options);

  if (ferry_migration_options_get_copy_storage (options) == FERRY_MIGRATION_COPY_STORAGE_NONE)
    return FALSE;
  return only == NULL || only[0] == NULL || g_strv_contains (only, disk->target);
}

/* A disk on a shared pool: the destination needs that very pool, active. */
static void
check_shared_disk (GPtrArray                 *results,
                   const FerryReadinessFacts *f,
                   const FerryReadinessDisk  *disk,
                   FerryReadinessSeverity     bad)
{
  const FerryReadinessPool *src = source_pool (f, disk);
  const FerryReadinessPool *dst = destination_pool (f, disk, TRUE);
  g_autofree char *title = NULL;
  g_autofree char *facts = g_strdup_printf (_("%s is in pool “%s” (%s, %s) on the source."),
                                            disk->source, src->name, src->type,
                                            src->target_path ? src->target_path : _("no target path"));

  if (dst == NULL)
    {
      title = g_strdup_printf (_("Disk %s: pool “%s” is missing on the destination"), disk->target, src->name);
      _ferry_readiness_add (results, "disk-storage", src->name, bad, title,
                            _("The disk is on shared storage, but the destination has no pool of that "
                              "name, so QEMU there could not open it. Define the same pool on the "
                              "destination: it then mounts the same storage at the same path."),
                            facts, "define-pool-on-destination", _("Define Pool on Destination"));
    }
  else if (g_strcmp0 (dst->type, src->type) != 0 || g_strcmp0 (dst->target_path, src->target_path) != 0)
    {
      g_autofree char *more = g_strdup_printf (_("%s On the destination it is %s at %s."), facts,
                                               dst->type ? dst->type : "?",
                                               dst->target_path ? dst->target_path : "?");

      title = g_strdup_printf (_("Disk %s: pool “%s” differs on the destination"), disk->target, src->name);
      _ferry_readiness_add (results, "disk-storage", src->name, bad, title,
                            _("A pool of that name exists on the destination, but of another type or "
                              "at another path, so the disk’s path would not lead to the same image "
                              "there. Make the pools alike (same type, same target path)."),
                            more, NULL, NULL);
    }
  else if (!dst->active)
    {
      title = g_strdup_printf (_("Disk %s: pool “%s” is not active on the destination"), disk->target, src->name);
      _ferry_readiness_add (results, "disk-storage", src->name, bad, title,
                            _("The pool is defined on the destination but not started, so its storage "
                              "is not mounted there. Start it (and set it to start at boot)."),
                            facts, "define-pool-on-destination", _("Start Pool on Destination"));
    }
  else
    {
      title = g_strdup_printf (_("Disk %s is on shared storage the destination has"), disk->target);
      _ferry_readiness_add (results, "disk-storage", src->name, FERRY_READINESS_OK, title, NULL,
                            facts, NULL, NULL);
    }
}

/* A disk only this host has: it must be copied, into a destination pool on
 * the same directory with room for it. */
static void
check_local_disk (GPtrArray                 *results,
                  const FerryReadinessFacts *f,
                  const FerryReadinessDisk  *disk,
                  FerryMigrationOptions     *options)
{
  const FerryReadinessPool *src = source_pool (f, disk);
  const FerryReadinessPool *dst = destination_pool (f, disk, FALSE);
  g_autofree char *size = g_format_size_full (disk->allocation, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *facts = g_strdup_printf (_("%s (%s) is in %s on the source, not on shared storage."),
                                            disk->source, size,
                                            src ? src->name : _("no pool"));
  g_autofree char *title = NULL;

  if (!copied (disk, options))
    {
      title = g_strdup_printf (_("Disk %s is not on shared storage"), disk->target);
      if (ferry_migration_options_get_unsafe (options))
        _ferry_readiness_add (results, "disk-storage", disk->target, FERRY_READINESS_WARNING, title,
                              _("“Unsafe” is chosen, so libvirt will not check this disk. The "
                                "destination must reach the very same image at the same path, or "
                                "the VM loses its disk."),
                              facts, NULL, NULL);
      else
        _ferry_readiness_add (results, "disk-storage", disk->target, FERRY_READINESS_BLOCKER, title,
                              ferry_disk_unsafe_migration_explanation (), facts,
                              "choose-copy-storage", _("Copy Storage"));
      return;
    }
  if (dst == NULL || !dst->active)
    {
      title = g_strdup_printf (_("Disk %s: no active pool on the destination to copy it into"), disk->target);
      _ferry_readiness_add (results, "disk-storage", src ? src->name : disk->target, FERRY_READINESS_BLOCKER,
                            title,
                            _("To copy a disk, libvirt creates its image on the destination in a "
                              "storage pool whose directory holds the same path. The destination "
                              "has no such active pool."),
                            facts, src ? "define-pool-on-destination" : NULL,
                            dst != NULL ? _("Start Pool on Destination") : _("Define Pool on Destination"));
      return;
    }
  if (dst->available < disk->allocation)
    {
      g_autofree char *room = g_format_size_full (dst->available, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *more = g_strdup_printf (_("%s Pool “%s” on the destination has %s free."),
                                               facts, dst->name, room);

      title = g_strdup_printf (_("Disk %s does not fit in the destination pool"), disk->target);
      _ferry_readiness_add (results, "disk-storage", dst->name, FERRY_READINESS_BLOCKER, title,
                            _("The copy would fill the destination’s storage and fail part way."),
                            more, NULL, NULL);
      return;
    }
  title = g_strdup_printf (_("Disk %s will be copied to pool “%s”"), disk->target, dst->name);
  _ferry_readiness_add (results, "disk-storage", dst->name, FERRY_READINESS_OK, title, NULL, facts, NULL, NULL);
}

static gboolean
reachable_on_destination (const FerryReadinessFacts *f,
                          const FerryReadinessDisk  *disk)
{
  const FerryReadinessPool *src = source_pool (f, disk);
  const FerryReadinessPool *dst;

  if (disk->protocol != NULL)
    return TRUE;
  if (src == NULL || !pool_type_shared (src->type))
    return FALSE;
  dst = destination_pool (f, disk, TRUE);
  return dst != NULL && dst->active && g_strcmp0 (dst->target_path, src->target_path) == 0;
}

static void
check_readonly_disk (GPtrArray                 *results,
                     const FerryReadinessFacts *f,
                     const FerryReadinessDisk  *disk)
{
  g_autofree char *title = NULL;
  g_autofree char *facts = g_strdup_printf (_("%s is %s."), disk->source,
                                            disk->readonly ? _("read-only") : _("shareable"));

  if (reachable_on_destination (f, disk))
    {
      title = g_strdup_printf (_("Disk %s (read-only or shared) is on shared storage"), disk->target);
      _ferry_readiness_add (results, "disk-readonly", disk->target, FERRY_READINESS_OK, title, NULL,
                            facts, NULL, NULL);
      return;
    }
  title = g_strdup_printf (_("Disk %s is read-only or shared and not on shared storage"), disk->target);
  _ferry_readiness_add (results, "disk-readonly", disk->target, FERRY_READINESS_WARNING, title,
                        _("libvirt never copies read-only or shareable disks, and does not check "
                          "them: the same image must already exist at the same path on the "
                          "destination, or the VM loses the disk there."),
                        facts, NULL, NULL);
}

static void
check_media (GPtrArray                 *results,
             const FerryReadinessFacts *f,
             const FerryReadinessDisk  *disk)
{
  g_autofree char *title = NULL;
  g_autofree char *facts = g_strdup_printf (_("%s holds %s."), disk->target, disk->source);

  if (reachable_on_destination (f, disk))
    {
      title = g_strdup_printf (_("The medium in %s is on shared storage"), disk->target);
      _ferry_readiness_add (results, "cdrom-media", disk->target, FERRY_READINESS_OK, title, NULL,
                            facts, NULL, NULL);
      return;
    }
  title = g_strdup_printf (_("A medium is inserted in %s"), disk->target);
  _ferry_readiness_add (results, "cdrom-media", disk->target, FERRY_READINESS_WARNING, title,
                        _("The image in this drive is not on storage the destination shares. The "
                          "destination must have the same file at the same path, or the migration "
                          "fails. Eject the medium if the VM no longer needs it."),
                        facts, "eject-media", _("Eject"));
}

static void
check_cache (GPtrArray                *results,
             const FerryReadinessDisk *disk)
{
  const FerryCacheRating *rating = ferry_disk_cache_rate (disk->cache);
  g_autofree char *title = NULL;
  g_autofree char *facts = g_strdup_printf (_("%s: cache mode “%s” — %s."), disk->target,
                                            ferry_disk_cache_to_string (disk->cache),
                                            g_dgettext (GETTEXT_PACKAGE, rating->summary));

  if (ferry_disk_cache_migration_safe (disk->cache))
    {
      title = g_strdup_printf (_("Disk %s uses a migration-safe cache mode"), disk->target);
      _ferry_readiness_add (results, "cache-mode", disk->target, FERRY_READINESS_OK, title,
                            g_dgettext (GETTEXT_PACKAGE, rating->explanation), facts, NULL, NULL);
      return;
    }
  title = g_strdup_printf (_("Disk %s uses cache mode “%s”"), disk->target,
                           ferry_disk_cache_to_string (disk->cache));
  _ferry_readiness_add (results, "cache-mode", disk->target, FERRY_READINESS_WARNING, title,
                        g_dgettext (GETTEXT_PACKAGE, rating->explanation), facts,
                        "make-migration-safe", _("Make Migration-Safe…"));
}

void
_ferry_readiness_evaluate_storage (GPtrArray                 *results,
                                   const FerryReadinessFacts *f,
                                   FerryMigrationOptions     *options)
{
  gboolean offline = ferry_migration_options_get_mode (options) == FERRY_MIGRATION_MODE_OFFLINE;

  for (guint i = 0; i < f->disks->len; i++)
    {
      const FerryReadinessDisk *disk = g_ptr_array_index (f->disks, i);
      const FerryReadinessPool *src = source_pool (f, disk);
      gboolean media = g_strcmp0 (disk->device, "cdrom") == 0 || g_strcmp0 (disk->device, "floppy") == 0;

      if (disk->source == NULL)
        continue;   /* an empty drive */
      if (media)
        check_media (results, f, disk);
      else if (disk->readonly || disk->shareable)
        check_readonly_disk (results, f, disk);
      else if (disk->protocol != NULL)
        {
          g_autofree char *title = g_strdup_printf (_("Disk %s is network storage (%s)"),
                                                    disk->target, disk->protocol);

          _ferry_readiness_add (results, "disk-storage", disk->target, FERRY_READINESS_OK, title,
                                _("Each host opens network storage itself."), disk->source, NULL, NULL);
        }
      else if (src != NULL && pool_type_shared (src->type))
        check_shared_disk (results, f, disk, offline ? FERRY_READINESS_WARNING : FERRY_READINESS_BLOCKER);
      else if (!offline)
        check_local_disk (results, f, disk, options);
      else
        {
          g_autofree char *title = g_strdup_printf (_("Disk %s stays on the source"), disk->target);

          _ferry_readiness_add (results, "disk-storage", disk->target, FERRY_READINESS_WARNING, title,
                                _("An offline migration moves only the definition. The destination "
                                  "must have this disk at the same path before the VM starts there."),
                                disk->source, NULL, NULL);
        }

      if (!media && !disk->readonly && !offline)
        check_cache (results, disk);
    }
}
