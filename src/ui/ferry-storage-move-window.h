/* ferry-storage-move-window.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-core.h"

G_BEGIN_DECLS

#define FERRY_TYPE_STORAGE_MOVE_WINDOW (ferry_storage_move_window_get_type ())

G_DECLARE_FINAL_TYPE (FerryStorageMoveWindow, ferry_storage_move_window, FERRY, STORAGE_MOVE_WINDOW, AdwWindow)

/* Moves disks of the VM called (or with the UUID) @domain on @connection into another pool. */
FerryStorageMoveWindow *ferry_storage_move_window_new       (FerryConnection        *connection,
                                                             const char             *domain);
FerryStorageMove       *ferry_storage_move_window_get_move  (FerryStorageMoveWindow *self);
gboolean                ferry_storage_move_window_get_checking (FerryStorageMoveWindow *self);

G_END_DECLS
