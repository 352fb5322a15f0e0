/* ferry-job-row.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-core.h"

G_BEGIN_DECLS

#define FERRY_TYPE_JOB_ROW (ferry_job_row_get_type ())

G_DECLARE_FINAL_TYPE (FerryJobRow, ferry_job_row, FERRY, JOB_ROW, AdwActionRow)

GtkWidget         *ferry_job_row_new     (FerryMigrationJob *job);
FerryMigrationJob *ferry_job_row_get_job (FerryJobRow       *self);

G_END_DECLS
