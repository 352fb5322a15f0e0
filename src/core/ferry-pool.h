/* ferry-pool.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Mirrors virStoragePoolState; our own enum so the UI needs no libvirt header. */
typedef enum
{
  FERRY_POOL_STATE_INACTIVE = 0,
  FERRY_POOL_STATE_BUILDING,
  FERRY_POOL_STATE_RUNNING,
  FERRY_POOL_STATE_DEGRADED,
  FERRY_POOL_STATE_INACCESSIBLE,
} FerryPoolState;

#define FERRY_TYPE_POOL (ferry_pool_get_type ())

G_DECLARE_FINAL_TYPE (FerryPool, ferry_pool, FERRY, POOL, GObject)

const char     *ferry_pool_get_name        (FerryPool *self);
const char     *ferry_pool_get_uuid        (FerryPool *self);
const char     *ferry_pool_get_pool_type   (FerryPool *self);
FerryPoolState  ferry_pool_get_state       (FerryPool *self);
gboolean        ferry_pool_get_active      (FerryPool *self);
gboolean        ferry_pool_get_persistent  (FerryPool *self);
gboolean        ferry_pool_get_autostart   (FerryPool *self);
guint64         ferry_pool_get_capacity    (FerryPool *self);
guint64         ferry_pool_get_allocation  (FerryPool *self);
guint64         ferry_pool_get_available   (FerryPool *self);
const char     *ferry_pool_get_target_path (FerryPool *self);
const char     *ferry_pool_get_source_host (FerryPool *self);
const char     *ferry_pool_get_source_dir  (FerryPool *self);

const char     *ferry_pool_state_to_string (FerryPoolState state);
const char     *ferry_pool_type_to_string  (const char     *type);

/* Core-internal (ferry-host-inventory.c and tests): plain data read by a
 * worker thread, turned into a FerryPool on the main thread. */
typedef struct
{
  char     *name;
  char     *uuid;
  char     *type;          /* the <pool type='…'> attribute */
  char     *target_path;
  char     *source_host;   /* <source><host name>, NULL when none */
  char     *source_dir;    /* <source><dir path> */
  int       state;         /* virStoragePoolState */
  guint64   capacity;      /* bytes */
  guint64   allocation;
  guint64   available;
  gboolean  active;
  gboolean  persistent;
  gboolean  autostart;
} FerryPoolInfo;

void       _ferry_pool_info_free (FerryPoolInfo       *info);
FerryPool *_ferry_pool_new       (const FerryPoolInfo *info);
void       _ferry_pool_update    (FerryPool           *self,
                                  const FerryPoolInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryPoolInfo, _ferry_pool_info_free)

G_END_DECLS
