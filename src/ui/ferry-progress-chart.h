/* ferry-progress-chart.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-core.h"

G_BEGIN_DECLS

#define FERRY_TYPE_PROGRESS_CHART (ferry_progress_chart_get_type ())

G_DECLARE_FINAL_TYPE (FerryProgressChart, ferry_progress_chart, FERRY, PROGRESS_CHART, GtkWidget)

GtkWidget         *ferry_progress_chart_new     (FerryMigrationJob  *job);
FerryMigrationJob *ferry_progress_chart_get_job (FerryProgressChart *self);
void               ferry_progress_chart_set_job (FerryProgressChart *self,
                                                 FerryMigrationJob  *job);

G_END_DECLS
