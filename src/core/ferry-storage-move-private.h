/* ferry-storage-move-private.h — shared by ferry-storage-move*.c
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libvirt/libvirt.h>

#include "ferry-storage-move.h"
#include "ferry-storage-move-disk.h"
#include "ferry-storage-move-readiness.h"

G_BEGIN_DECLS

/* One disk's copy, as the worker carries it out. */
typedef struct
{
  char              *target;
  char              *source;       /* the image the VM uses now */
  char              *source_pool;  /* its pool and volume, when it is in one */
  char              *source_volume;
  gboolean           as_volume;    /* <disk type='volume'>: the definition names pool and volume */
  char              *format;       /* of the copy */
  guint64            capacity;
  /* Filled in as the move goes: */
  char              *volume;       /* the copy's volume name in the destination pool */
  char              *path;
  virStorageVolPtr   vol;
  gboolean           started;      /* a block job runs for it */
  gboolean           pivoted;      /* the VM uses the copy */
  guint64            cur, end;
} FerryStorageMoveCopy;

FerryStorageMoveCopy *_ferry_storage_move_copy_new  (const FerryStorageMoveFacts     *facts,
                                                     const FerryStorageMoveDiskFacts *disk);
void                  _ferry_storage_move_copy_free (FerryStorageMoveCopy            *copy);

/* ferry-storage-move-xml.c: pure. */
char     *_ferry_storage_move_volume_name   (const FerryStorageMoveCopy *copy,
                                             const char * const         *taken);
char     *_ferry_storage_move_mirror_xml    (const FerryStorageMoveCopy *copy,
                                             gboolean                    block);
gboolean  _ferry_storage_move_rewrite       (const char                 *xml,
                                             GPtrArray                  *copies,
                                             const char                 *pool,
                                             gboolean                    block,
                                             char                      **out_xml,
                                             GError                    **error);
gboolean  _ferry_storage_move_mirror_ready  (const char                 *live_xml,
                                             const char                 *target);
gboolean  _ferry_storage_move_pool_is_block (const char                 *pool_type);

/* ferry-storage-move-gather.c: worker. */
FerryStorageMoveFacts *_ferry_storage_move_gather (virConnectPtr        conn,
                                                   virDomainPtr         dom,
                                                   const char * const  *targets,
                                                   const char          *pool,
                                                   FerryStorageFormat   format,
                                                   GError             **error);

/* What a worker hands the main thread: applied in order, by _ferry_storage_move_apply(). */
typedef struct
{
  FerryStorageMove      *self;
  FerryStorageMoveState  state;      /* IDLE: unchanged */
  int                    disk;       /* index into the disks, -1: none */
  char                  *source;
  char                  *destination;
  double                 disk_fraction;
  gboolean               moved;
  double                 fraction;   /* < 0: unchanged */
  char                  *message;
  GPtrArray             *results;    /* FerryReadinessResult, NULL: unchanged */
  int                    live;       /* -1: unchanged */
} FerryStorageMoveUpdate;

/* ferry-storage-move.c: from a worker; the update is applied on the move's main context. */
void  _ferry_storage_move_post          (FerryStorageMove       *self,
                                         FerryStorageMoveUpdate *update);
FerryStorageMoveUpdate *_ferry_storage_move_update_new (FerryStorageMove *self);

/* ferry-storage-move-workers.c */
typedef struct
{
  FerryStorageMove   *self;
  virConnectPtr       conn;
  char               *domain;
  GStrv               targets;
  char               *pool;
  FerryStorageFormat  format;
  guint64             bandwidth;    /* bytes per second, 0: unlimited */
  GCancellable       *cancellable;
} FerryStorageMoveRun;

void  _ferry_storage_move_run_free    (FerryStorageMoveRun *run);
void  _ferry_storage_move_check_worker (GTask *, gpointer, gpointer, GCancellable *);
void  _ferry_storage_move_run_worker   (GTask *, gpointer, gpointer, GCancellable *);

G_END_DECLS
