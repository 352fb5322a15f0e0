/* ferry-networks-view.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-core.h"

G_BEGIN_DECLS

#define FERRY_TYPE_NETWORKS_VIEW (ferry_networks_view_get_type ())

G_DECLARE_FINAL_TYPE (FerryNetworksView, ferry_networks_view, FERRY, NETWORKS_VIEW, GtkWidget)

GtkWidget  *ferry_networks_view_new       (void);
GListModel *ferry_networks_view_get_model (FerryNetworksView *self);
void        ferry_networks_view_set_model (FerryNetworksView *self,
                                           GListModel        *model);

G_END_DECLS
