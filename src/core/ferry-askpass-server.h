/* ferry-askpass-server.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-auth-request.h"

G_BEGIN_DECLS

#define FERRY_TYPE_ASKPASS_SERVER (ferry_askpass_server_get_type ())

G_DECLARE_FINAL_TYPE (FerryAskpassServer, ferry_askpass_server, FERRY, ASKPASS_SERVER, GObject)

FerryAskpassServer *ferry_askpass_server_new          (const char          *askpass_program,
                                                       GError             **error);
const char         *ferry_askpass_server_get_socket_path (FerryAskpassServer *self);
void                ferry_askpass_server_export_environment (FerryAskpassServer *self);

G_END_DECLS
