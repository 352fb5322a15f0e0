/* ferry-disks-window.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-core.h"

G_BEGIN_DECLS

#define FERRY_TYPE_DISKS_WINDOW (ferry_disks_window_get_type ())

G_DECLARE_FINAL_TYPE (FerryDisksWindow, ferry_disks_window, FERRY, DISKS_WINDOW, AdwWindow)

/* The disks of the VM called (or with the UUID) @domain on @connection. */
FerryDisksWindow *ferry_disks_window_new        (FerryConnection  *connection,
                                                 const char       *domain);
FerryConnection  *ferry_disks_window_get_connection (FerryDisksWindow *self);
const char       *ferry_disks_window_get_domain (FerryDisksWindow *self);
gboolean          ferry_disks_window_get_busy   (FerryDisksWindow *self);
void              ferry_disks_window_reload     (FerryDisksWindow *self);

G_END_DECLS
