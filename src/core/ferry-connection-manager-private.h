/* ferry-connection-manager-private.h — shared by ferry-connection-manager*.c
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-connection-manager.h"
#include "ferry-event.h"

G_BEGIN_DECLS

/* ferry-connection-manager-rediscover.c, main thread: looks for migrations
 * going out of @connection that this process does not run, and adopts them. */
void _ferry_connection_manager_rediscover (FerryConnectionManager *self,
                                           FerryConnection        *connection);

/* ferry-connection-manager.c, main thread: logs @message and emits ::notice. */
void _ferry_connection_manager_notice (FerryConnectionManager *self,
                                       FerryConnection        *connection,
                                       const char             *vm,
                                       FerryEventSeverity      severity,
                                       const char             *message);

G_END_DECLS
