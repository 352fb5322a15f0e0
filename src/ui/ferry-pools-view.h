/* ferry-pools-view.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-core.h"

G_BEGIN_DECLS

#define FERRY_TYPE_POOLS_VIEW (ferry_pools_view_get_type ())

G_DECLARE_FINAL_TYPE (FerryPoolsView, ferry_pools_view, FERRY, POOLS_VIEW, GtkWidget)

GtkWidget  *ferry_pools_view_new       (void);
GListModel *ferry_pools_view_get_model (FerryPoolsView *self);
void        ferry_pools_view_set_model (FerryPoolsView *self,
                                        GListModel     *model);
FerryConnection *ferry_pools_view_get_connection (FerryPoolsView  *self);
void        ferry_pools_view_set_connection (FerryPoolsView  *self,
                                             FerryConnection *connection);
FerryConnectionManager *ferry_pools_view_get_manager (FerryPoolsView         *self);
void        ferry_pools_view_set_manager    (FerryPoolsView         *self,
                                             FerryConnectionManager *manager);

G_END_DECLS
