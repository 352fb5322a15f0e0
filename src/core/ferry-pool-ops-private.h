/* ferry-pool-ops-private.h — the worker engine shared by ferry-pool-ops.c and
 * ferry-pool-volumes.c.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libvirt/libvirt.h>

#include "ferry-pool-ops.h"

G_BEGIN_DECLS

typedef struct _PoolCall PoolCall;

/* Worker: does the libvirt work. Returns the task's result (TRUE-ish pointer
 * for calls without one), or NULL with @error set. */
typedef gpointer (*PoolWorkFunc) (PoolCall  *call,
                                  GError   **error);

struct _PoolCall
{
  virConnectPtr   conn;
  char           *pool_name;
  PoolWorkFunc    work;
  GDestroyNotify  result_free;

  /* Inputs, as the call needs them. */
  FerryPoolOp     op;
  char           *xml;
  char           *name;
  char           *format;
  guint64         capacity;
  guint64         allocation;

  /* Set by the worker: the pool whose listing the call changed, re-read by
   * the host inventory on the main thread afterwards. */
  char           *changed_uuid;
};

#define POOL_CALL_DONE GINT_TO_POINTER (1)

PoolCall          *_ferry_pool_call_new     (const char           *pool_name,
                                             PoolWorkFunc          work,
                                             GDestroyNotify        result_free);
void               _ferry_pool_call_run     (FerryConnection      *connection,
                                             PoolCall             *call,
                                             gpointer              source_tag,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gpointer           _ferry_pool_call_finish  (FerryConnection      *connection,
                                             GAsyncResult         *result,
                                             gpointer              source_tag,
                                             GError              **error);
virStoragePoolPtr  _ferry_pool_call_lookup  (PoolCall             *call,
                                             GError              **error);
/* The <volume> XML for a new volume (ferry-pool-volumes.c, also used by storage moves). */
char              *_ferry_pool_volume_xml   (const char           *name,
                                             const char           *format,
                                             guint64               capacity,
                                             guint64               allocation);

/* ferry-pool-mount-error.c */
char              *_ferry_pool_explain_mount_error (const char *message);

G_END_DECLS
