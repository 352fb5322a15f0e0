/* ferry-host-row.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-core.h"

G_BEGIN_DECLS

#define FERRY_TYPE_HOST_ROW (ferry_host_row_get_type ())

G_DECLARE_FINAL_TYPE (FerryHostRow, ferry_host_row, FERRY, HOST_ROW, AdwActionRow)

FerryHostRow    *ferry_host_row_new            (FerryConnection *connection);
FerryConnection *ferry_host_row_get_connection (FerryHostRow    *self);

G_END_DECLS
