/* ferry-storage-move-readiness.h — can these disks move into that pool? Facts gathered
 * from the host, and a pure verdict over them.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ferry-disk-info.h"
#include "ferry-storage-move.h"

G_BEGIN_DECLS

/* One disk asked to move, as the host describes it. */
typedef struct
{
  char                *target;
  gboolean             found;         /* the VM has a disk with that target */
  FerryDiskDevice      device;
  FerryDiskSourceType  source_type;
  char                *source;        /* file or block device path; NULL otherwise */
  char                *protocol;      /* network disks */
  char                *format;        /* <driver type>, NULL when unknown */
  char                *pool;          /* the pool holding the image, NULL when none */
  char                *volume;        /* its volume name in that pool */
  gboolean             readonly;
  gboolean             shareable;
  gboolean             empty;
  guint64              capacity;      /* what the guest sees, bytes */
  guint64              allocation;    /* what the image uses now, bytes */
} FerryStorageMoveDiskFacts;

typedef struct
{
  char                *domain;
  gboolean             persistent;
  gboolean             active;
  FerryStorageFormat   format;
  char                *pool;          /* the destination pool */
  gboolean             pool_found;
  gboolean             pool_active;
  char                *pool_type;
  guint64              pool_available;
  GPtrArray           *disks;         /* FerryStorageMoveDiskFacts */
} FerryStorageMoveFacts;

FerryStorageMoveFacts     *ferry_storage_move_facts_new      (void);
void                       ferry_storage_move_facts_free     (FerryStorageMoveFacts     *facts);
FerryStorageMoveDiskFacts *ferry_storage_move_disk_facts_new (const char                *target);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryStorageMoveFacts, ferry_storage_move_facts_free)

/* The format the copy of @disk will have. */
const char *ferry_storage_move_destination_format (const FerryStorageMoveFacts     *facts,
                                                   const FerryStorageMoveDiskFacts *disk);

/* FerryReadinessResult, blockers first. Pure. */
GPtrArray  *ferry_storage_move_evaluate           (const FerryStorageMoveFacts     *facts);
gboolean    ferry_storage_move_results_blocked    (GPtrArray                       *results,
                                                   char                           **why);

G_END_DECLS
