/* ferry-application.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-core.h"

G_BEGIN_DECLS

#define FERRY_TYPE_APPLICATION (ferry_application_get_type ())

G_DECLARE_FINAL_TYPE (FerryApplication, ferry_application, FERRY, APPLICATION, AdwApplication)

FerryApplication       *ferry_application_new                    (void);
FerryConnectionManager *ferry_application_get_connection_manager (FerryApplication *self);
GSettings              *ferry_application_get_settings           (FerryApplication *self);

G_END_DECLS
