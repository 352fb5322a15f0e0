/* ferry-disk-group.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-core.h"

G_BEGIN_DECLS

#define FERRY_TYPE_DISK_GROUP (ferry_disk_group_get_type ())

G_DECLARE_FINAL_TYPE (FerryDiskGroup, ferry_disk_group, FERRY, DISK_GROUP, AdwPreferencesGroup)

GtkWidget      *ferry_disk_group_new         (FerryDiskInfo  *disk,
                                              FerryDiskInfo  *live_disk);
FerryDiskInfo  *ferry_disk_group_get_disk    (FerryDiskGroup *self);
FerryDiskCache  ferry_disk_group_get_cache   (FerryDiskGroup *self);
void            ferry_disk_group_set_cache   (FerryDiskGroup *self,
                                              FerryDiskCache  cache);
FerryDiskIo     ferry_disk_group_get_io      (FerryDiskGroup *self);
void            ferry_disk_group_set_io      (FerryDiskGroup *self,
                                              FerryDiskIo     io);
gboolean        ferry_disk_group_get_changed (FerryDiskGroup *self);
gboolean        ferry_disk_group_get_valid   (FerryDiskGroup *self);

G_END_DECLS
