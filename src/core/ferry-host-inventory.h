/* ferry-host-inventory.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ferry-network.h"
#include "ferry-pool.h"

G_BEGIN_DECLS

#define FERRY_TYPE_HOST_INVENTORY (ferry_host_inventory_get_type ())

G_DECLARE_FINAL_TYPE (FerryHostInventory, ferry_host_inventory, FERRY, HOST_INVENTORY, GObject)

FerryHostInventory *ferry_host_inventory_new           (void);
GListModel         *ferry_host_inventory_get_pools     (FerryHostInventory *self);
GListModel         *ferry_host_inventory_get_networks  (FerryHostInventory *self);
gboolean            ferry_host_inventory_get_loaded    (FerryHostInventory *self);
FerryPool          *ferry_host_inventory_find_pool     (FerryHostInventory *self,
                                                        const char         *name);
FerryNetwork       *ferry_host_inventory_find_network  (FerryHostInventory *self,
                                                        const char         *name);
void                ferry_host_inventory_close         (FerryHostInventory *self);

/* Core-internal: FerryConnection hands its open libvirt connection (a
 * virConnectPtr, named here without libvirt's header) to the inventory. */
struct _virConnect;

void                _ferry_host_inventory_load_async   (FerryHostInventory  *self,
                                                        struct _virConnect  *conn,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean            _ferry_host_inventory_load_finish  (FerryHostInventory  *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
/* Main thread: re-read the pool with @uuid soon (after a change libvirt sends
 * no event for, such as autostart or a volume created). */
void                _ferry_host_inventory_pool_changed (FerryHostInventory *self,
                                                        const char         *uuid);

G_END_DECLS
