/* ferry-pool-editor.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-core.h"

G_BEGIN_DECLS

#define FERRY_TYPE_POOL_EDITOR (ferry_pool_editor_get_type ())

G_DECLARE_FINAL_TYPE (FerryPoolEditor, ferry_pool_editor, FERRY, POOL_EDITOR, AdwWindow)

FerryPoolEditor *ferry_pool_editor_new        (FerryConnection *connection,
                                               FerryPoolConfig *config,
                                               gboolean         running);
FerryPoolConfig *ferry_pool_editor_get_config (FerryPoolEditor *self);
gboolean         ferry_pool_editor_get_busy   (FerryPoolEditor *self);
void             ferry_pool_editor_set_manager (FerryPoolEditor        *self,
                                                FerryConnectionManager *manager);

G_END_DECLS
