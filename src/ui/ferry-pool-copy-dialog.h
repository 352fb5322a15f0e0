/* ferry-pool-copy-dialog.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-core.h"

G_BEGIN_DECLS

#define FERRY_TYPE_POOL_COPY_DIALOG (ferry_pool_copy_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FerryPoolCopyDialog, ferry_pool_copy_dialog, FERRY, POOL_COPY_DIALOG,
                      AdwWindow)

FerryPoolCopyDialog *ferry_pool_copy_dialog_new      (GtkWindow              *parent,
                                                      FerryConnectionManager *manager,
                                                      FerryConnection        *source,
                                                      const char             *pool_name);
GtkWidget           *ferry_pool_copy_dialog_get_list (FerryPoolCopyDialog    *self);

G_END_DECLS
