/* ferry-storage-move.h — move some of a VM's disks into another storage pool on the same
 * host: live with a block copy for a running VM, by cloning the volumes for a shut-off one.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ferry-connection.h"

G_BEGIN_DECLS

/* The format of the copies. */
typedef enum
{
  FERRY_STORAGE_FORMAT_KEEP,
  FERRY_STORAGE_FORMAT_QCOW2,
  FERRY_STORAGE_FORMAT_RAW,
} FerryStorageFormat;

typedef enum
{
  FERRY_STORAGE_MOVE_STATE_IDLE,
  FERRY_STORAGE_MOVE_STATE_CHECKING,    /* gathering facts, readiness */
  FERRY_STORAGE_MOVE_STATE_COPYING,     /* destination volumes made, data moving */
  FERRY_STORAGE_MOVE_STATE_SWITCHING,   /* pivot / definition update: cannot be cancelled */
  FERRY_STORAGE_MOVE_STATE_CANCELLING,
  FERRY_STORAGE_MOVE_STATE_COMPLETED,
  FERRY_STORAGE_MOVE_STATE_FAILED,
  FERRY_STORAGE_MOVE_STATE_CANCELLED,
} FerryStorageMoveState;

#define FERRY_TYPE_STORAGE_MOVE (ferry_storage_move_get_type ())

G_DECLARE_FINAL_TYPE (FerryStorageMove, ferry_storage_move, FERRY, STORAGE_MOVE, GObject)

FerryStorageMove      *ferry_storage_move_new            (FerryConnection     *connection,
                                                          const char          *domain,
                                                          const char * const  *targets,
                                                          const char          *pool,
                                                          FerryStorageFormat   format);
void                   ferry_storage_move_set_bandwidth  (FerryStorageMove    *self,
                                                          guint64              mib_per_second);

void                   ferry_storage_move_check_async    (FerryStorageMove    *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GPtrArray             *ferry_storage_move_check_finish   (FerryStorageMove    *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
void                   ferry_storage_move_run_async      (FerryStorageMove    *self,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean               ferry_storage_move_run_finish     (FerryStorageMove    *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
void                   ferry_storage_move_cancel         (FerryStorageMove    *self);

FerryStorageMoveState  ferry_storage_move_get_state      (FerryStorageMove    *self);
double                 ferry_storage_move_get_fraction   (FerryStorageMove    *self);
const char            *ferry_storage_move_get_current_disk (FerryStorageMove  *self);
const char            *ferry_storage_move_get_message    (FerryStorageMove    *self);
gboolean               ferry_storage_move_get_live       (FerryStorageMove    *self);
gboolean               ferry_storage_move_get_cancellable (FerryStorageMove   *self);
GListModel            *ferry_storage_move_get_disks      (FerryStorageMove    *self);
GListModel            *ferry_storage_move_get_results    (FerryStorageMove    *self);
const char            *ferry_storage_move_get_domain     (FerryStorageMove    *self);
const char            *ferry_storage_move_get_pool       (FerryStorageMove    *self);
FerryStorageFormat     ferry_storage_move_get_format     (FerryStorageMove    *self);

const char            *ferry_storage_move_state_to_string (FerryStorageMoveState state);
const char            *ferry_storage_format_to_string    (FerryStorageFormat   format);

G_END_DECLS
