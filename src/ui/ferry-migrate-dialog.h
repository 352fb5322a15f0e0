/* ferry-migrate-dialog.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-core.h"

G_BEGIN_DECLS

#define FERRY_TYPE_MIGRATE_DIALOG (ferry_migrate_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FerryMigrateDialog, ferry_migrate_dialog, FERRY, MIGRATE_DIALOG, AdwWindow)

FerryMigrateDialog    *ferry_migrate_dialog_new             (GtkWindow              *parent,
                                                             FerryConnectionManager *manager,
                                                             FerryConnection        *source,
                                                             FerryDomain            *domain);
FerryMigrateDialog    *ferry_migrate_dialog_new_for_domains (GtkWindow              *parent,
                                                             FerryConnectionManager *manager,
                                                             FerryConnection        *source,
                                                             GPtrArray              *domains);
FerryMigrationOptions *ferry_migrate_dialog_get_options     (FerryMigrateDialog     *self);
FerryConnection       *ferry_migrate_dialog_get_destination (FerryMigrateDialog     *self);
void                   ferry_migrate_dialog_set_destination (FerryMigrateDialog     *self,
                                                             FerryConnection        *destination);
FerryMigrationJob     *ferry_migrate_dialog_get_job         (FerryMigrateDialog     *self);
GPtrArray             *ferry_migrate_dialog_get_jobs        (FerryMigrateDialog     *self);

G_END_DECLS
