/* ferry-disk-cache.c — ratings and explanations of disk cache and I/O modes.
 *
 * What libvirt 9 itself enforces before a migration (qemuMigrationSrcIsSafe), per disk that is
 * writable and not empty and not copied with copy-storage:
 *   - a file on a local file system is refused ("Migration without shared storage is unsafe");
 *     network disks (rbd, iscsi, nbd, gluster…) and files on shared or cluster file systems pass;
 *   - then the disk passes if it is shareable or its cache is none or directsync;
 *   - otherwise it passes only if QEMU can drop the destination's page cache at switch-over
 *     (every QEMU since 3.1, so Debian 12's 7.2), else "Migration may lead to data corruption if
 *     disks use cache other than none or directsync".
 * VIR_MIGRATE_UNSAFE skips all of it. So on current hosts the cache mode rarely blocks a
 * migration, but it still decides what survives a host crash and whether older hosts accept
 * the move: none/directsync is the choice that is right everywhere.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ferry-disk-cache.h"
#include "ferry-error.h"

static const char * const cache_names[] = {
  [FERRY_DISK_CACHE_DEFAULT] = "default",
  [FERRY_DISK_CACHE_NONE] = "none",
  [FERRY_DISK_CACHE_WRITETHROUGH] = "writethrough",
  [FERRY_DISK_CACHE_WRITEBACK] = "writeback",
  [FERRY_DISK_CACHE_DIRECTSYNC] = "directsync",
  [FERRY_DISK_CACHE_UNSAFE] = "unsafe",
};

static const char * const io_names[] = {
  [FERRY_DISK_IO_DEFAULT] = "default",
  [FERRY_DISK_IO_NATIVE] = "native",
  [FERRY_DISK_IO_THREADS] = "threads",
  [FERRY_DISK_IO_IO_URING] = "io_uring",
};

static const FerryCacheRating ratings[] = {
  { FERRY_DISK_CACHE_DEFAULT, FERRY_SAFETY_CAUTION, FERRY_SAFETY_CAUTION,
    N_("Hypervisor default (writeback for QEMU)"),
    N_("No mode is set, so QEMU uses writeback: the host's page cache holds writes until the "
       "guest flushes them. Data is safe when the guest flushes, but the host cache must be "
       "dropped on the destination after a live migration, which only newer QEMU does. "
       "Set “none” for disks on shared storage.") },
  { FERRY_DISK_CACHE_NONE, FERRY_SAFETY_GOOD, FERRY_SAFETY_GOOD,
    N_("No host cache — recommended for migration"),
    N_("The host's page cache is bypassed, so the destination never reads stale data from it, "
       "and every guest flush reaches the storage. This is the mode migration guides ask for "
       "on shared storage, and every libvirt version accepts it for live migration.") },
  { FERRY_DISK_CACHE_WRITETHROUGH, FERRY_SAFETY_GOOD, FERRY_SAFETY_CAUTION,
    N_("Host cache for reads, every write synced"),
    N_("Each write is synced to the storage before the guest sees it complete, so no data is "
       "lost on a host crash, but reads go through the host's page cache, which can be stale "
       "on the destination after a migration. Newer QEMU drops it at switch-over; older hosts "
       "refuse the migration.") },
  { FERRY_DISK_CACHE_WRITEBACK, FERRY_SAFETY_CAUTION, FERRY_SAFETY_CAUTION,
    N_("Host cache for reads and writes, synced on guest flush"),
    N_("Writes wait in the host's page cache until the guest flushes them: fast, and safe for "
       "guests that flush, but the cache must be dropped on the destination after a live "
       "migration. Newer QEMU does that; older hosts refuse the migration.") },
  { FERRY_DISK_CACHE_DIRECTSYNC, FERRY_SAFETY_GOOD, FERRY_SAFETY_GOOD,
    N_("No host cache, every write synced — safest, slowest"),
    N_("The host's page cache is bypassed and every write is synced before it completes. "
       "Nothing is lost on a host crash and migration is always consistent; writes are slower "
       "than with “none”.") },
  { FERRY_DISK_CACHE_UNSAFE, FERRY_SAFETY_RISK, FERRY_SAFETY_RISK,
    N_("Flushes ignored — for throw-away VMs only"),
    N_("The guest's flushes are ignored, so a host crash or a migration can leave the disk "
       "image inconsistent. Use it only for VMs whose disks can be thrown away, such as "
       "installers, and never for a VM you migrate.") },
};

const char *
ferry_disk_cache_to_string (FerryDiskCache mode)
{
  g_return_val_if_fail (mode < G_N_ELEMENTS (cache_names), NULL);
  return cache_names[mode];
}

gboolean
ferry_disk_cache_from_string (const char     *str,
                              FerryDiskCache *mode)
{
  if (str == NULL || *str == '\0')
    {
      *mode = FERRY_DISK_CACHE_DEFAULT;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (cache_names); i++)
    if (g_str_equal (str, cache_names[i]))
      {
        *mode = i;
        return TRUE;
      }
  return FALSE;
}

const char *
ferry_disk_io_to_string (FerryDiskIo io)
{
  g_return_val_if_fail (io < G_N_ELEMENTS (io_names), NULL);
  return io_names[io];
}

gboolean
ferry_disk_io_from_string (const char  *str,
                           FerryDiskIo *io)
{
  if (str == NULL || *str == '\0')
    {
      *io = FERRY_DISK_IO_DEFAULT;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (io_names); i++)
    if (g_str_equal (str, io_names[i]))
      {
        *io = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * ferry_disk_io_summary:
 *
 * Returns: one translated line about an I/O mode, for a combo row
 */
const char *
ferry_disk_io_summary (FerryDiskIo io)
{
  switch (io)
    {
    case FERRY_DISK_IO_NATIVE:
      return _("Linux native AIO — needs cache “none” or “directsync”");
    case FERRY_DISK_IO_THREADS:
      return _("A pool of host threads — works with every cache mode");
    case FERRY_DISK_IO_IO_URING:
      return _("io_uring — fast on recent kernels");
    case FERRY_DISK_IO_DEFAULT:
    default:
      return _("Hypervisor default");
    }
}

/**
 * ferry_disk_cache_rate:
 *
 * Returns: (transfer none): how safe @mode is for data and for migration. The text fields are
 *   untranslated (N_); pass them through gettext to show them.
 */
const FerryCacheRating *
ferry_disk_cache_rate (FerryDiskCache mode)
{
  g_return_val_if_fail (mode < G_N_ELEMENTS (ratings), NULL);
  return &ratings[mode];
}

/* Whether every libvirt/QEMU accepts a live migration of a writable disk in this mode
 * without VIR_MIGRATE_UNSAFE (the rule that does not depend on QEMU's cache-drop). */
gboolean
ferry_disk_cache_migration_safe (FerryDiskCache mode)
{
  return mode == FERRY_DISK_CACHE_NONE || mode == FERRY_DISK_CACHE_DIRECTSYNC;
}

/**
 * ferry_disk_mode_check:
 *
 * QEMU refuses io=native on a disk whose cache leaves O_DIRECT off ("aio=native was specified,
 * but it requires cache.direct=on"); say so before anything is sent.
 */
gboolean
ferry_disk_mode_check (FerryDiskCache cache,
                       FerryDiskIo    io,
                       GError       **error)
{
  if (io == FERRY_DISK_IO_NATIVE && !ferry_disk_cache_migration_safe (cache))
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT,
                   _("I/O mode “native” needs cache mode “none” or “directsync” (QEMU refuses "
                     "it with cache mode “%s”)."), cache_names[cache]);
      return FALSE;
    }
  return TRUE;
}

/* What libvirt's "Migration without shared storage is unsafe" means and the two ways out. */
const char *
ferry_disk_unsafe_migration_explanation (void)
{
  return _("libvirt refuses to migrate a VM whose writable disks are files on this host's own "
           "file system: the destination could not reach them, or both hosts would write the "
           "same image. Either choose “Copy storage” so the disks are copied to the destination "
           "during the migration, or, if the storage really is shared (for example a cluster "
           "file system libvirt does not recognise), choose “Unsafe” to skip the check.");
}

/* What libvirt's "Migration may lead to data corruption if disks use cache other than none
 * or directsync" means (a QEMU that cannot drop the destination's page cache) and the way out. */
const char *
ferry_disk_cache_migration_explanation (void)
{
  return _("This host's QEMU cannot drop the destination's page cache at switch-over, so libvirt "
           "only migrates writable disks whose cache mode is “none” or “directsync”. Set cache "
           "mode “none” (“Make Migration-Safe” in the VM's Disks window) and restart the VM, or "
           "choose “Unsafe” to skip the check.");
}

/**
 * ferry_disk_migration_error_explain:
 * @libvirt_message: the message of a failed migration
 *
 * Returns: (nullable): the explanation of libvirt's storage safety refusals
 *   (qemuMigrationSrcIsSafe), or %NULL when @libvirt_message is about something else
 */
const char *
ferry_disk_migration_error_explain (const char *libvirt_message)
{
  if (libvirt_message == NULL)
    return NULL;
  if (strstr (libvirt_message, "Migration without shared storage is unsafe") != NULL)
    return ferry_disk_unsafe_migration_explanation ();
  if (strstr (libvirt_message, "cache other than none or directsync") != NULL)
    return ferry_disk_cache_migration_explanation ();
  return NULL;
}
