/* ferry-volume.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FERRY_TYPE_VOLUME (ferry_volume_get_type ())

G_DECLARE_FINAL_TYPE (FerryVolume, ferry_volume, FERRY, VOLUME, GObject)

const char *ferry_volume_get_name       (FerryVolume *self);
const char *ferry_volume_get_path       (FerryVolume *self);
const char *ferry_volume_get_format     (FerryVolume *self);
guint64     ferry_volume_get_capacity   (FerryVolume *self);
guint64     ferry_volume_get_allocation (FerryVolume *self);

/* Core-internal: made by the volume listing's worker, read-only after. */
FerryVolume *_ferry_volume_new (const char *name,
                                const char *path,
                                const char *format,
                                guint64     capacity,
                                guint64     allocation);

G_END_DECLS
