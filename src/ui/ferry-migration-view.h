/* ferry-migration-view.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-core.h"

G_BEGIN_DECLS

#define FERRY_TYPE_MIGRATION_VIEW (ferry_migration_view_get_type ())

G_DECLARE_FINAL_TYPE (FerryMigrationView, ferry_migration_view, FERRY, MIGRATION_VIEW, GtkWidget)

GtkWidget         *ferry_migration_view_new         (FerryMigrationJob     *job);
FerryMigrationJob *ferry_migration_view_get_job     (FerryMigrationView    *self);
void               ferry_migration_view_set_job     (FerryMigrationView    *self,
                                                     FerryMigrationJob     *job);
void               ferry_migration_view_set_options (FerryMigrationView    *self,
                                                     FerryMigrationOptions *options);

void               ferry_migration_send_notification (FerryMigrationJob    *job);

G_END_DECLS
