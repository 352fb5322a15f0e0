/* ferry-pool-ops.h — storage pool and volume operations on a connection.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ferry-connection.h"
#include "ferry-pool-config.h"
#include "ferry-pool.h"

G_BEGIN_DECLS

/**
 * FerryPoolOp:
 * @FERRY_POOL_OP_BUILD: make the target directory (virStoragePoolBuild)
 * @FERRY_POOL_OP_START: mount and activate (virStoragePoolCreate)
 * @FERRY_POOL_OP_STOP: deactivate and unmount (virStoragePoolDestroy)
 * @FERRY_POOL_OP_REFRESH: list the volumes again (virStoragePoolRefresh)
 * @FERRY_POOL_OP_AUTOSTART_ON: start with libvirtd
 * @FERRY_POOL_OP_AUTOSTART_OFF: do not start with libvirtd
 * @FERRY_POOL_OP_UNDEFINE: forget the definition (virStoragePoolUndefine)
 * @FERRY_POOL_OP_DELETE: remove the target directory (virStoragePoolDelete);
 *   for a network pool, the data on the server stays
 */
typedef enum
{
  FERRY_POOL_OP_BUILD,
  FERRY_POOL_OP_START,
  FERRY_POOL_OP_STOP,
  FERRY_POOL_OP_REFRESH,
  FERRY_POOL_OP_AUTOSTART_ON,
  FERRY_POOL_OP_AUTOSTART_OFF,
  FERRY_POOL_OP_UNDEFINE,
  FERRY_POOL_OP_DELETE,
} FerryPoolOp;

typedef struct
{
  FerryPoolState state;
  guint64        capacity;     /* bytes */
  guint64        allocation;
  guint64        available;
} FerryPoolSpace;

gboolean     ferry_pool_op_allowed            (FerryPoolOp          op,
                                               FerryPool           *pool);
const char  *ferry_pool_op_describe           (FerryPoolOp          op);

void         ferry_pool_op_async              (FerryConnection     *connection,
                                               const char          *pool_name,
                                               FerryPoolOp          op,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean     ferry_pool_op_finish             (FerryConnection     *connection,
                                               GAsyncResult        *result,
                                               GError             **error);

void         ferry_pool_define_async          (FerryConnection     *connection,
                                               FerryPoolConfig     *config,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean     ferry_pool_define_finish         (FerryConnection     *connection,
                                               GAsyncResult        *result,
                                               GError             **error);

void         ferry_pool_load_config_async     (FerryConnection     *connection,
                                               const char          *pool_name,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
FerryPoolConfig *ferry_pool_load_config_finish (FerryConnection    *connection,
                                               GAsyncResult        *result,
                                               GError             **error);

void         ferry_pool_get_space_async       (FerryConnection     *connection,
                                               const char          *pool_name,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean     ferry_pool_get_space_finish      (FerryConnection     *connection,
                                               GAsyncResult        *result,
                                               FerryPoolSpace      *space,
                                               GError             **error);

void         ferry_pool_scan_exports_async    (FerryConnection     *connection,
                                               const char          *server,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GStrv        ferry_pool_scan_exports_finish   (FerryConnection     *connection,
                                               GAsyncResult        *result,
                                               GError             **error);
GStrv        ferry_pool_parse_sources         (const char          *xml,
                                               GError             **error);

/* Volumes (ferry-pool-volumes.c). */
void         ferry_pool_list_volumes_async    (FerryConnection     *connection,
                                               const char          *pool_name,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GListModel  *ferry_pool_list_volumes_finish   (FerryConnection     *connection,
                                               GAsyncResult        *result,
                                               GError             **error);
void         ferry_pool_create_volume_async   (FerryConnection     *connection,
                                               const char          *pool_name,
                                               const char          *name,
                                               const char          *format,
                                               guint64              capacity,
                                               guint64              allocation,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean     ferry_pool_create_volume_finish  (FerryConnection     *connection,
                                               GAsyncResult        *result,
                                               GError             **error);
void         ferry_pool_delete_volume_async   (FerryConnection     *connection,
                                               const char          *pool_name,
                                               const char          *name,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean     ferry_pool_delete_volume_finish  (FerryConnection     *connection,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
