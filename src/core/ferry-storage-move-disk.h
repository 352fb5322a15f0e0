/* ferry-storage-move-disk.h — one disk of a storage move, as the progress view shows it.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FERRY_TYPE_STORAGE_MOVE_DISK (ferry_storage_move_disk_get_type ())

G_DECLARE_FINAL_TYPE (FerryStorageMoveDisk, ferry_storage_move_disk, FERRY, STORAGE_MOVE_DISK, GObject)

const char *ferry_storage_move_disk_get_target      (FerryStorageMoveDisk *self);
const char *ferry_storage_move_disk_get_source      (FerryStorageMoveDisk *self);
const char *ferry_storage_move_disk_get_destination (FerryStorageMoveDisk *self);
double      ferry_storage_move_disk_get_fraction    (FerryStorageMoveDisk *self);
gboolean    ferry_storage_move_disk_get_moved       (FerryStorageMoveDisk *self);

/* Core-internal: made and changed by FerryStorageMove, on the main thread. */
FerryStorageMoveDisk *_ferry_storage_move_disk_new  (const char           *target);
void        _ferry_storage_move_disk_update         (FerryStorageMoveDisk *self,
                                                     const char           *source,
                                                     const char           *destination,
                                                     double                fraction,
                                                     gboolean              moved);

G_END_DECLS
