/* ferry-job-stats.h — one reading of a migration's progress.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Mirrors virDomainJobType. */
typedef enum
{
  FERRY_JOB_TYPE_NONE,
  FERRY_JOB_TYPE_BOUNDED,
  FERRY_JOB_TYPE_UNBOUNDED,
  FERRY_JOB_TYPE_COMPLETED,
  FERRY_JOB_TYPE_FAILED,
  FERRY_JOB_TYPE_CANCELLED,
} FerryJobType;

typedef struct
{
  FerryJobType type;
  int          operation;           /* virDomainJobOperation, 0 when unknown */
  guint64      elapsed_ms;
  guint64      data_total;          /* bytes; memory + disk */
  guint64      data_processed;
  guint64      data_remaining;
  guint64      memory_total;
  guint64      memory_processed;
  guint64      memory_remaining;
  guint64      memory_bps;          /* transfer speed, bytes/s */
  guint64      memory_dirty_rate;   /* bytes/s (libvirt gives pages/s) */
  guint64      memory_iteration;
  guint64      memory_postcopy_requests;
  guint64      disk_total;
  guint64      disk_processed;
  guint64      disk_remaining;
  guint64      disk_bps;
  guint64      downtime_ms;         /* expected while running, real when completed */
  gboolean     has_downtime;        /* a real downtime: completed, and not after post-copy */
} FerryJobStats;

struct _virTypedParameter;

void    ferry_job_stats_parse     (FerryJobStats                   *stats,
                                   int                              type,
                                   const struct _virTypedParameter *params,
                                   int                              nparams);
double  ferry_job_stats_fraction  (const FerryJobStats             *stats);
gint64  ferry_job_stats_eta_seconds (const FerryJobStats           *stats);

G_END_DECLS
