/* ferry-volumes-window.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-core.h"

G_BEGIN_DECLS

#define FERRY_TYPE_VOLUMES_WINDOW (ferry_volumes_window_get_type ())

G_DECLARE_FINAL_TYPE (FerryVolumesWindow, ferry_volumes_window, FERRY, VOLUMES_WINDOW, AdwWindow)

FerryVolumesWindow *ferry_volumes_window_new        (FerryConnection    *connection,
                                                     const char         *pool_name);
GListModel         *ferry_volumes_window_get_volumes (FerryVolumesWindow *self);

G_END_DECLS
