/* ferry-stall-probe.h — how late the main loop comes back: a benchmark probe.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The environment variable that turns the probe on: the report file's path. */
#define FERRY_STALL_PROBE_ENV "FERRY_STALL_PROBE"

#define FERRY_TYPE_STALL_PROBE (ferry_stall_probe_get_type ())

G_DECLARE_FINAL_TYPE (FerryStallProbe, ferry_stall_probe, FERRY, STALL_PROBE, GObject)

FerryStallProbe *ferry_stall_probe_new                  (guint             interval_ms);
FerryStallProbe *ferry_stall_probe_new_from_environment (void);
guint            ferry_stall_probe_get_n_samples        (FerryStallProbe  *self);
guint64          ferry_stall_probe_get_max_us           (FerryStallProbe  *self);
guint64          ferry_stall_probe_get_percentile_us    (FerryStallProbe  *self,
                                                         double            percent);
void             ferry_stall_probe_reset                (FerryStallProbe  *self);
gboolean         ferry_stall_probe_append_report        (FerryStallProbe  *self,
                                                         const char       *path,
                                                         const char       *label,
                                                         GError          **error);

G_END_DECLS
