/* ferry-connection-manager.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-askpass-server.h"
#include "ferry-connection.h"
#include "ferry-migration-job.h"

G_BEGIN_DECLS

#define FERRY_TYPE_CONNECTION_MANAGER (ferry_connection_manager_get_type ())

G_DECLARE_FINAL_TYPE (FerryConnectionManager, ferry_connection_manager,
                      FERRY, CONNECTION_MANAGER, GObject)

FerryConnectionManager *ferry_connection_manager_new            (GSettings              *settings);
GListModel             *ferry_connection_manager_get_connections (FerryConnectionManager *self);
FerryConnection        *ferry_connection_manager_lookup         (FerryConnectionManager *self,
                                                                 const char             *uri);
FerryConnection        *ferry_connection_manager_add            (FerryConnectionManager *self,
                                                                 const char             *uri,
                                                                 const char             *display_name,
                                                                 gboolean                autoconnect,
                                                                 gboolean                save);
void                    ferry_connection_manager_remove         (FerryConnectionManager *self,
                                                                 FerryConnection        *connection);
void                    ferry_connection_manager_connect        (FerryConnectionManager *self,
                                                                 FerryConnection        *connection);
void                    ferry_connection_manager_autoconnect    (FerryConnectionManager *self);
GListModel             *ferry_connection_manager_get_jobs       (FerryConnectionManager *self);
void                    ferry_connection_manager_add_job        (FerryConnectionManager *self,
                                                                 FerryMigrationJob      *job);
gboolean                ferry_connection_manager_get_autoconnect (FerryConnectionManager *self,
                                                                 FerryConnection        *connection);
GListModel             *ferry_connection_manager_get_events     (FerryConnectionManager *self);
void                    ferry_connection_manager_set_askpass_server (FerryConnectionManager *self,
                                                                 FerryAskpassServer     *server);

G_END_DECLS
