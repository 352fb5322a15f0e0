/* ferry-connection-dialog.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-core.h"

G_BEGIN_DECLS

#define FERRY_TYPE_CONNECTION_DIALOG (ferry_connection_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FerryConnectionDialog, ferry_connection_dialog,
                      FERRY, CONNECTION_DIALOG, AdwWindow)

FerryConnectionDialog *ferry_connection_dialog_new               (GtkWindow              *parent,
                                                                  FerryConnection        *connection);
void                   ferry_connection_dialog_set_autoconnect   (FerryConnectionDialog  *self,
                                                                  gboolean                autoconnect);
const char            *ferry_connection_dialog_get_uri           (FerryConnectionDialog  *self);
const char            *ferry_connection_dialog_get_error_message (FerryConnectionDialog  *self);
void                   ferry_connection_dialog_run_async         (FerryConnectionDialog  *self,
                                                                  GCancellable           *cancellable,
                                                                  GAsyncReadyCallback     callback,
                                                                  gpointer                user_data);
gboolean               ferry_connection_dialog_run_finish        (FerryConnectionDialog  *self,
                                                                  GAsyncResult           *result,
                                                                  char                  **uri,
                                                                  char                  **display_name,
                                                                  gboolean               *autoconnect,
                                                                  GError                **error);

G_END_DECLS
