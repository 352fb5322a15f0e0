/* ferry-storage-move-readiness.c — the checks before a storage move, in words: the
 * destination pool exists, is active and has room; each disk is one Ferry can copy (not a
 * CD-ROM, not shared with other VMs, not a network disk outside any pool); the chosen
 * format fits the pool. Pure: facts in, FerryReadinessResult out.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ferry-readiness-private.h"
#include "ferry-storage-move-readiness.h"

/* Pools whose volumes are block devices: they hold raw images only. */
static const char * const block_pool_types[] = { "logical", "disk", NULL };
/* Pools whose volumes are files. */
static const char * const file_pool_types[] = { "dir", "fs", "netfs", NULL };

static void
disk_facts_free (FerryStorageMoveDiskFacts *disk)
{
  g_free (disk->target);
  g_free (disk->source);
  g_free (disk->protocol);
  g_free (disk->format);
  g_free (disk->pool);
  g_free (disk->volume);
  g_free (disk);
}

FerryStorageMoveDiskFacts *
ferry_storage_move_disk_facts_new (const char *target)
{
  FerryStorageMoveDiskFacts *disk = g_new0 (FerryStorageMoveDiskFacts, 1);

  disk->target = g_strdup (target);
  return disk;
}

FerryStorageMoveFacts *
ferry_storage_move_facts_new (void)
{
  FerryStorageMoveFacts *facts = g_new0 (FerryStorageMoveFacts, 1);

  facts->disks = g_ptr_array_new_with_free_func ((GDestroyNotify)disk_facts_free);
  return facts;
}

void
ferry_storage_move_facts_free (FerryStorageMoveFacts *facts)
{
  if (facts == NULL)
    return;
  g_free (facts->domain);
  g_free (facts->pool);
  g_free (facts->pool_type);
  g_ptr_array_unref (facts->disks);
  g_free (facts);
}

/**
 * ferry_storage_move_destination_format:
 *
 * Returns: "qcow2" or "raw" as chosen, or with %FERRY_STORAGE_FORMAT_KEEP the disk's own
 *   format (raw when the definition names none, as QEMU then reads it)
 */
const char *
ferry_storage_move_destination_format (const FerryStorageMoveFacts     *facts,
                                       const FerryStorageMoveDiskFacts *disk)
{
  switch (facts->format)
    {
    case FERRY_STORAGE_FORMAT_QCOW2:
      return "qcow2";
    case FERRY_STORAGE_FORMAT_RAW:
      return "raw";
    case FERRY_STORAGE_FORMAT_KEEP:
    default:
      return disk->format != NULL ? disk->format : "raw";
    }
}

/* The bytes the copy takes at once: a raw copy may be written in full, a qcow2 one holds
 * what the image holds now. */
static guint64
bytes_needed (const FerryStorageMoveFacts     *facts,
              const FerryStorageMoveDiskFacts *disk)
{
  if (g_str_equal (ferry_storage_move_destination_format (facts, disk), "raw"))
    return disk->capacity;
  return disk->allocation;
}

/* Adds a blocker for @disk when it cannot move, and returns FALSE. */
static gboolean
check_disk_kind (GPtrArray                       *results,
                 const FerryStorageMoveFacts     *f,
                 const FerryStorageMoveDiskFacts *disk)
{
  g_autofree char *title = NULL;
  g_autofree char *network_why = NULL;
  const char *why = NULL;

  if (!disk->found)
    {
      title = g_strdup_printf (_("%s has no disk %s"), f->domain, disk->target);
      why = _("Pick the disk by its target name, as the VM’s definition lists it (vda, sdb…).");
    }
  else if (disk->empty)
    {
      title = g_strdup_printf (_("Disk %s has no medium"), disk->target);
      why = _("The drive is empty: there is nothing to move.");
    }
  else if (disk->device == FERRY_DISK_DEVICE_CDROM || disk->device == FERRY_DISK_DEVICE_FLOPPY ||
           disk->readonly)
    {
      title = g_strdup_printf (_("Disk %s is read-only"), disk->target);
      why = _("A CD-ROM, floppy or read-only disk is never written, so a copy gains nothing: "
              "change its medium in the VM’s settings instead.");
    }
  else if (disk->shareable)
    {
      title = g_strdup_printf (_("Disk %s is shared with other VMs"), disk->target);
      why = _("A shareable disk is used by other VMs at the same time. A copy would be this "
              "VM’s alone, and the VMs would no longer see each other’s writes.");
    }
  else if (disk->source_type == FERRY_DISK_SOURCE_NETWORK && disk->pool == NULL)
    {
      title = g_strdup_printf (_("Disk %s is a network disk outside any pool"), disk->target);
      /* Translators: %s is a protocol: rbd, iscsi, nbd, gluster… */
      why = network_why =
        g_strdup_printf (_("Its image lives on a storage server (%s) that no storage pool on this "
                           "host describes, so Ferry cannot read its size or copy it. Move it with "
                           "the storage server’s own tools."),
                         disk->protocol ? disk->protocol : "?");
    }
  else if (disk->source_type != FERRY_DISK_SOURCE_FILE &&
           disk->source_type != FERRY_DISK_SOURCE_BLOCK &&
           disk->source_type != FERRY_DISK_SOURCE_VOLUME)
    {
      title = g_strdup_printf (_("Disk %s is not a file, a block device or a volume"), disk->target);
      why = _("Ferry moves disk images only.");
    }
  else if (g_strcmp0 (disk->pool, f->pool) == 0)
    {
      title = g_strdup_printf (_("Disk %s is already in pool “%s”"), disk->target, f->pool);
      why = _("Pick another destination pool.");
    }
  else if (!f->active && disk->pool == NULL)
    {
      title = g_strdup_printf (_("Disk %s is not in a storage pool"), disk->target);
      why = _("A shut-off VM’s disk is moved by cloning its volume, and this image is in no "
              "pool on this host. Start the VM to move it live, or define a pool on its "
              "directory first.");
    }

  if (title == NULL)
    return TRUE;
  _ferry_readiness_add (results, "move-disk", disk->target, FERRY_READINESS_BLOCKER, title, why,
                        disk->source, NULL, NULL);
  return FALSE;
}

static gboolean
check_disk_format (GPtrArray                       *results,
                   const FerryStorageMoveFacts     *f,
                   const FerryStorageMoveDiskFacts *disk)
{
  const char *format = ferry_storage_move_destination_format (f, disk);
  g_autofree char *title = NULL;
  g_autofree char *facts = NULL;

  if (f->pool_type == NULL || !g_strv_contains (block_pool_types, f->pool_type) ||
      g_str_equal (format, "raw"))
    return TRUE;

  title = g_strdup_printf (_("Disk %s cannot be %s in pool “%s”"), disk->target, format, f->pool);
  facts = g_strdup_printf (_("“%s” is a %s pool: its volumes are block devices."), f->pool, f->pool_type);
  _ferry_readiness_add (results, "move-format", disk->target, FERRY_READINESS_BLOCKER, title,
                        _("This pool holds raw volumes only. Choose the raw format for the copy."),
                        facts, NULL, NULL);
  return FALSE;
}

static void
check_pool (GPtrArray                   *results,
            const FerryStorageMoveFacts *f)
{
  g_autofree char *title = NULL;

  if (!f->pool_found)
    {
      title = g_strdup_printf (_("There is no storage pool “%s” on this host"), f->pool);
      _ferry_readiness_add (results, "move-pool", f->pool, FERRY_READINESS_BLOCKER, title,
                            _("Pick one of the host’s pools, or define the pool first."), NULL, NULL, NULL);
    }
  else if (!f->pool_active)
    {
      title = g_strdup_printf (_("Pool “%s” is not active"), f->pool);
      _ferry_readiness_add (results, "move-pool", f->pool, FERRY_READINESS_BLOCKER, title,
                            _("Its storage is not mounted or not reachable now. Start the pool first."),
                            NULL, NULL, NULL);
    }
  else if (!g_strv_contains (block_pool_types, f->pool_type) &&
           !g_strv_contains (file_pool_types, f->pool_type))
    {
      title = g_strdup_printf (_("Ferry cannot move disks into a “%s” pool"), f->pool_type);
      _ferry_readiness_add (results, "move-pool", f->pool, FERRY_READINESS_BLOCKER, title,
                            _("Disks move into directory, file system, network file system (NFS, "
                              "GlusterFS), LVM and disk pools."), NULL, NULL, NULL);
    }
}

static void
check_room (GPtrArray                   *results,
            const FerryStorageMoveFacts *f,
            guint64                      needed,
            guint64                      capacity)
{
  g_autofree char *need = g_format_size_full (needed, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *free_ = g_format_size_full (f->pool_available, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *full = g_format_size_full (capacity, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *facts = g_strdup_printf (_("The copies need %s now and can grow to %s; "
                                              "pool “%s” has %s free."), need, full, f->pool, free_);
  g_autofree char *title = NULL;

  if (needed > f->pool_available)
    {
      title = g_strdup_printf (_("Not enough room in pool “%s”: %s needed, %s free"), f->pool, need, free_);
      _ferry_readiness_add (results, "move-room", f->pool, FERRY_READINESS_BLOCKER, title,
                            _("Free space in the pool, pick a larger pool, or move fewer disks."),
                            facts, NULL, NULL);
    }
  else if (capacity > f->pool_available)
    {
      title = g_strdup_printf (_("The disks may outgrow pool “%s”"), f->pool);
      _ferry_readiness_add (results, "move-room", f->pool, FERRY_READINESS_WARNING, title,
                            _("The copies fit now, but as the guest writes they can grow past the "
                              "room left; a full pool pauses the VM."), facts, NULL, NULL);
    }
  else
    {
      title = g_strdup_printf (_("Room in pool “%s”: %s needed, %s free"), f->pool, need, free_);
      _ferry_readiness_add (results, "move-room", f->pool, FERRY_READINESS_OK, title, NULL, facts,
                            NULL, NULL);
    }
}

/* @results reordered blockers first, then warnings, then the rest, each in check order. */
static GPtrArray *
worst_first (GPtrArray *results)
{
  static const FerryReadinessSeverity order[] = {
    FERRY_READINESS_BLOCKER, FERRY_READINESS_WARNING, FERRY_READINESS_OK,
  };
  GPtrArray *sorted = g_ptr_array_new_full (results->len, g_object_unref);

  for (guint s = 0; s < G_N_ELEMENTS (order); s++)
    for (guint i = 0; i < results->len; i++)
      if (ferry_readiness_result_get_severity (results->pdata[i]) == order[s])
        g_ptr_array_add (sorted, g_object_ref (results->pdata[i]));
  return sorted;
}

/**
 * ferry_storage_move_evaluate:
 *
 * Returns: (transfer full) (element-type FerryReadinessResult): the verdicts, blockers first
 */
GPtrArray *
ferry_storage_move_evaluate (const FerryStorageMoveFacts *f)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  guint64 needed = 0, capacity = 0;
  guint movable = 0;

  g_return_val_if_fail (f != NULL, NULL);

  check_pool (results, f);
  if (f->disks->len == 0)
    _ferry_readiness_add (results, "move-disk", f->domain, FERRY_READINESS_BLOCKER,
                          _("No disk chosen"), _("Pick at least one disk to move."), NULL, NULL, NULL);
  if (f->active && !f->persistent)
    _ferry_readiness_add (results, "move-transient", f->domain, FERRY_READINESS_WARNING,
                          _("The VM has no persistent definition"),
                          _("The running VM moves to the copies, but nothing records it: when it "
                            "stops, it is gone, as every transient VM is."), NULL, NULL, NULL);

  for (guint i = 0; i < f->disks->len; i++)
    {
      const FerryStorageMoveDiskFacts *disk = g_ptr_array_index (f->disks, i);
      g_autofree char *title = NULL;
      g_autofree char *facts = NULL;
      g_autofree char *size = NULL;

      if (!check_disk_kind (results, f, disk) || !check_disk_format (results, f, disk))
        continue;
      movable++;
      needed += bytes_needed (f, disk);
      capacity += disk->capacity;
      size = g_format_size_full (bytes_needed (f, disk), G_FORMAT_SIZE_IEC_UNITS);
      title = g_strdup_printf (f->active ? _("Disk %s can move live (%s to copy)")
                                         : _("Disk %s can move by cloning (%s to copy)"),
                               disk->target, size);
      facts = g_strdup_printf (_("%s: %s, copied as %s"), disk->source ? disk->source : disk->target,
                               disk->format ? disk->format : "raw",
                               ferry_storage_move_destination_format (f, disk));
      _ferry_readiness_add (results, "move-disk", disk->target, FERRY_READINESS_OK, title, NULL,
                            facts, NULL, NULL);
    }
  if (f->pool_found && f->pool_active && movable > 0)
    check_room (results, f, needed, capacity);

  return worst_first (results);
}

/**
 * ferry_storage_move_results_blocked:
 * @why: (out) (optional): the blockers' titles and explanations, one per line
 *
 * Returns: whether any result is a blocker
 */
gboolean
ferry_storage_move_results_blocked (GPtrArray  *results,
                                    char      **why)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < results->len; i++)
    {
      FerryReadinessResult *r = g_ptr_array_index (results, i);

      if (ferry_readiness_result_get_severity (r) != FERRY_READINESS_BLOCKER)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, ferry_readiness_result_get_title (r));
      if (ferry_readiness_result_get_explanation (r) != NULL)
        g_string_append_printf (text, ". %s", ferry_readiness_result_get_explanation (r));
    }
  if (why != NULL)
    *why = text->len > 0 ? g_strdup (text->str) : NULL;
  return text->len > 0;
}
