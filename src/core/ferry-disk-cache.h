/* ferry-disk-cache.h — what a disk's cache and I/O modes mean for data safety and migration.
 *
 * One source of truth: the disk editor, the readiness checks and ferry-migrate all read
 * their ratings and explanations from here.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Values of <driver cache='…'/>; DEFAULT means the attribute is absent. */
typedef enum
{
  FERRY_DISK_CACHE_DEFAULT,
  FERRY_DISK_CACHE_NONE,
  FERRY_DISK_CACHE_WRITETHROUGH,
  FERRY_DISK_CACHE_WRITEBACK,
  FERRY_DISK_CACHE_DIRECTSYNC,
  FERRY_DISK_CACHE_UNSAFE,
} FerryDiskCache;

/* Values of <driver io='…'/>; DEFAULT means the attribute is absent. */
typedef enum
{
  FERRY_DISK_IO_DEFAULT,
  FERRY_DISK_IO_NATIVE,
  FERRY_DISK_IO_THREADS,
  FERRY_DISK_IO_IO_URING,
} FerryDiskIo;

typedef enum
{
  FERRY_SAFETY_GOOD,
  FERRY_SAFETY_CAUTION,
  FERRY_SAFETY_RISK,
} FerrySafety;

typedef struct
{
  FerryDiskCache mode;
  FerrySafety    data;          /* data after a host crash or power loss */
  FerrySafety    migration;     /* data the destination sees after a live migration */
  const char    *summary;       /* one line, for a combo row (translated) */
  const char    *explanation;   /* a few sentences for a newer admin (translated) */
} FerryCacheRating;

const char             *ferry_disk_cache_to_string   (FerryDiskCache  mode);
gboolean                ferry_disk_cache_from_string (const char     *str,
                                                      FerryDiskCache *mode);
const char             *ferry_disk_io_to_string      (FerryDiskIo     io);
gboolean                ferry_disk_io_from_string    (const char     *str,
                                                      FerryDiskIo    *io);
const char             *ferry_disk_io_summary        (FerryDiskIo     io);

const FerryCacheRating *ferry_disk_cache_rate        (FerryDiskCache  mode);
gboolean                ferry_disk_cache_migration_safe (FerryDiskCache mode);
gboolean                ferry_disk_mode_check        (FerryDiskCache  cache,
                                                      FerryDiskIo     io,
                                                      GError        **error);
const char             *ferry_disk_unsafe_migration_explanation (void);
const char             *ferry_disk_cache_migration_explanation  (void);
const char             *ferry_disk_migration_error_explain      (const char *libvirt_message);

G_END_DECLS
