/* ferry-job-stats.c — turns virDomainGetJobStats' typed parameters into
 * FerryJobStats. Pure: no libvirt calls, so it is unit-tested and fuzzed.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt/libvirt.h>
#include <string.h>

#include "ferry-job-stats.h"

static gboolean
param_u64 (const virTypedParameter *p,
           guint64                 *value)
{
  switch (p->type)
    {
    case VIR_TYPED_PARAM_ULLONG:
      *value = p->value.ul;
      return TRUE;
    case VIR_TYPED_PARAM_LLONG:
      *value = p->value.l < 0 ? 0 : (guint64)p->value.l;
      return TRUE;
    case VIR_TYPED_PARAM_UINT:
      *value = p->value.ui;
      return TRUE;
    case VIR_TYPED_PARAM_INT:
      *value = p->value.i < 0 ? 0 : (guint64)p->value.i;
      return TRUE;
    case VIR_TYPED_PARAM_DOUBLE:
    case VIR_TYPED_PARAM_BOOLEAN:
    case VIR_TYPED_PARAM_STRING:
    default:
      return FALSE;
    }
}

/**
 * ferry_job_stats_parse:
 * @type: the job type virDomainGetJobStats returned
 *
 * Fills @stats from libvirt's typed parameters. Unknown or ill-typed fields are
 * ignored; missing fields stay 0. libvirt's dirty rate is in pages per second
 * and is converted to bytes per second with the reported page size.
 */
void
ferry_job_stats_parse (FerryJobStats                   *stats,
                       int                              type,
                       const struct _virTypedParameter *params,
                       int                              nparams)
{
  static const struct {
    const char *name;
    gsize       offset;
  } fields[] = {
    { VIR_DOMAIN_JOB_TIME_ELAPSED, G_STRUCT_OFFSET (FerryJobStats, elapsed_ms) },
    { VIR_DOMAIN_JOB_DATA_TOTAL, G_STRUCT_OFFSET (FerryJobStats, data_total) },
    { VIR_DOMAIN_JOB_DATA_PROCESSED, G_STRUCT_OFFSET (FerryJobStats, data_processed) },
    { VIR_DOMAIN_JOB_DATA_REMAINING, G_STRUCT_OFFSET (FerryJobStats, data_remaining) },
    { VIR_DOMAIN_JOB_MEMORY_TOTAL, G_STRUCT_OFFSET (FerryJobStats, memory_total) },
    { VIR_DOMAIN_JOB_MEMORY_PROCESSED, G_STRUCT_OFFSET (FerryJobStats, memory_processed) },
    { VIR_DOMAIN_JOB_MEMORY_REMAINING, G_STRUCT_OFFSET (FerryJobStats, memory_remaining) },
    { VIR_DOMAIN_JOB_MEMORY_BPS, G_STRUCT_OFFSET (FerryJobStats, memory_bps) },
    { VIR_DOMAIN_JOB_MEMORY_ITERATION, G_STRUCT_OFFSET (FerryJobStats, memory_iteration) },
    { VIR_DOMAIN_JOB_MEMORY_POSTCOPY_REQS, G_STRUCT_OFFSET (FerryJobStats, memory_postcopy_requests) },
    { VIR_DOMAIN_JOB_DISK_TOTAL, G_STRUCT_OFFSET (FerryJobStats, disk_total) },
    { VIR_DOMAIN_JOB_DISK_PROCESSED, G_STRUCT_OFFSET (FerryJobStats, disk_processed) },
    { VIR_DOMAIN_JOB_DISK_REMAINING, G_STRUCT_OFFSET (FerryJobStats, disk_remaining) },
    { VIR_DOMAIN_JOB_DISK_BPS, G_STRUCT_OFFSET (FerryJobStats, disk_bps) },
  };
  guint64 dirty_pages = 0, page_size = 0, value;

  memset (stats, 0, sizeof *stats);
  stats->type = (type >= FERRY_JOB_TYPE_NONE && type <= FERRY_JOB_TYPE_CANCELLED) ?
                (FerryJobType)type : FERRY_JOB_TYPE_NONE;

  for (int i = 0; params != NULL && i < nparams; i++)
    {
      const virTypedParameter *p = &params[i];

      if (!param_u64 (p, &value))
        continue;
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        if (strncmp (p->field, fields[f].name, VIR_TYPED_PARAM_FIELD_LENGTH) == 0)
          G_STRUCT_MEMBER (guint64, stats, fields[f].offset) = value;

      if (strncmp (p->field, VIR_DOMAIN_JOB_OPERATION, VIR_TYPED_PARAM_FIELD_LENGTH) == 0)
        stats->operation = (int)MIN (value, (guint64)G_MAXINT);
      else if (strncmp (p->field, VIR_DOMAIN_JOB_MEMORY_DIRTY_RATE, VIR_TYPED_PARAM_FIELD_LENGTH) == 0)
        dirty_pages = value;
      else if (strncmp (p->field, VIR_DOMAIN_JOB_MEMORY_PAGE_SIZE, VIR_TYPED_PARAM_FIELD_LENGTH) == 0)
        page_size = value;
      else if (strncmp (p->field, VIR_DOMAIN_JOB_DOWNTIME, VIR_TYPED_PARAM_FIELD_LENGTH) == 0)
        {
          stats->downtime_ms = value;
          /* While running it is only QEMU's expectation (the maximum, often):
           * a real downtime exists once the job completed. */
          stats->has_downtime = stats->type == FERRY_JOB_TYPE_COMPLETED;
        }
    }

  /* libvirt counts downtime from the pause on the source to the end of the
   * migration. After a switch to post-copy that spans the whole post-copy
   * phase, in which the VM already ran on the destination: no figure is
   * better than a false one. libvirt names the page requests only when
   * post-copy served some. */
  if (stats->memory_postcopy_requests > 0)
    stats->has_downtime = FALSE;

  /* Pages are 4 KiB when libvirt does not say (x86). Saturate, never wrap. */
  if (page_size == 0)
    page_size = 4096;
  stats->memory_dirty_rate = dirty_pages > G_MAXUINT64 / page_size ? G_MAXUINT64 :
                             dirty_pages * page_size;
}

/**
 * ferry_job_stats_fraction:
 *
 * Returns: how much of the data has been sent, 0.0–1.0. Memory the guest
 *   dirties again makes the total grow, so this can go down between readings,
 *   as it does for virsh and virt-manager.
 */
double
ferry_job_stats_fraction (const FerryJobStats *stats)
{
  if (stats->type == FERRY_JOB_TYPE_COMPLETED)
    return 1.0;
  if (stats->data_total == 0)
    return 0.0;
  if (stats->data_remaining >= stats->data_total)
    return 0.0;
  return (double)(stats->data_total - stats->data_remaining) / (double)stats->data_total;
}

/**
 * ferry_job_stats_eta_seconds:
 *
 * Returns: seconds until the data left is sent at the current speed, or -1
 *   when there is no speed to go by
 */
gint64
ferry_job_stats_eta_seconds (const FerryJobStats *stats)
{
  guint64 bps = stats->memory_bps + stats->disk_bps;

  if (bps == 0)
    return -1;
  return (gint64)MIN (stats->data_remaining / bps + (stats->data_remaining % bps ? 1 : 0),
                      (guint64)G_MAXINT64);
}
