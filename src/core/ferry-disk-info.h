/* ferry-disk-info.h — one disk of a VM, as its domain XML describes it.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ferry-disk-cache.h"

G_BEGIN_DECLS

/* <disk device='…'> */
typedef enum
{
  FERRY_DISK_DEVICE_DISK,
  FERRY_DISK_DEVICE_CDROM,
  FERRY_DISK_DEVICE_FLOPPY,
  FERRY_DISK_DEVICE_LUN,
} FerryDiskDevice;

/* <disk type='…'>: where the data lives. OTHER covers dir, nvme, vhostuser… */
typedef enum
{
  FERRY_DISK_SOURCE_FILE,
  FERRY_DISK_SOURCE_BLOCK,
  FERRY_DISK_SOURCE_NETWORK,
  FERRY_DISK_SOURCE_VOLUME,
  FERRY_DISK_SOURCE_OTHER,
} FerryDiskSourceType;

#define FERRY_TYPE_DISK_INFO (ferry_disk_info_get_type ())

G_DECLARE_FINAL_TYPE (FerryDiskInfo, ferry_disk_info, FERRY, DISK_INFO, GObject)

const char          *ferry_disk_info_get_target      (FerryDiskInfo *self);
const char          *ferry_disk_info_get_bus         (FerryDiskInfo *self);
FerryDiskDevice      ferry_disk_info_get_device      (FerryDiskInfo *self);
FerryDiskSourceType  ferry_disk_info_get_source_type (FerryDiskInfo *self);
const char          *ferry_disk_info_get_source_path (FerryDiskInfo *self);
const char          *ferry_disk_info_get_protocol    (FerryDiskInfo *self);
const char          *ferry_disk_info_get_source_name (FerryDiskInfo *self);
const char          *ferry_disk_info_get_pool        (FerryDiskInfo *self);
const char          *ferry_disk_info_get_volume      (FerryDiskInfo *self);
const char          *ferry_disk_info_get_format      (FerryDiskInfo *self);
FerryDiskCache       ferry_disk_info_get_cache       (FerryDiskInfo *self);
FerryDiskIo          ferry_disk_info_get_io          (FerryDiskInfo *self);
const char          *ferry_disk_info_get_discard     (FerryDiskInfo *self);
gboolean             ferry_disk_info_get_readonly    (FerryDiskInfo *self);
gboolean             ferry_disk_info_get_shareable   (FerryDiskInfo *self);
gboolean             ferry_disk_info_get_empty       (FerryDiskInfo *self);
gboolean             ferry_disk_info_get_writable    (FerryDiskInfo *self);
char                *ferry_disk_info_dup_source_label (FerryDiskInfo *self);

const char          *ferry_disk_device_to_string     (FerryDiskDevice device);

G_END_DECLS
