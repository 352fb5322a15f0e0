/* fuzz-job-stats.c — the job statistics parser, from typed parameters as
 * virDomainGetJobStats() hands them over.
 *
 * The input is binary: one byte for the job type, then per parameter one byte
 * choosing the field name (below 0x80: one of libvirt's, else the next
 * bytes, up to the field's full 80 with no terminating NUL), one byte of type
 * (any value, libvirt's or not) and 8 bytes of value, little-endian.
 * Oracles: nothing crashes; the fraction done is within 0–1; the ETA is a
 * count of seconds or -1.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <libvirt/libvirt.h>

#include "ferry-core.h"
#include "fuzz-common.h"

#define MAX_PARAMS 64

static const char *const names[] = {
  VIR_DOMAIN_JOB_OPERATION, VIR_DOMAIN_JOB_TIME_ELAPSED, VIR_DOMAIN_JOB_DATA_TOTAL,
  VIR_DOMAIN_JOB_DATA_PROCESSED, VIR_DOMAIN_JOB_DATA_REMAINING, VIR_DOMAIN_JOB_MEMORY_TOTAL,
  VIR_DOMAIN_JOB_MEMORY_PROCESSED, VIR_DOMAIN_JOB_MEMORY_REMAINING, VIR_DOMAIN_JOB_MEMORY_BPS,
  VIR_DOMAIN_JOB_MEMORY_DIRTY_RATE, VIR_DOMAIN_JOB_MEMORY_PAGE_SIZE,
  VIR_DOMAIN_JOB_MEMORY_ITERATION, VIR_DOMAIN_JOB_MEMORY_POSTCOPY_REQS,
  VIR_DOMAIN_JOB_DISK_TOTAL, VIR_DOMAIN_JOB_DISK_PROCESSED, VIR_DOMAIN_JOB_DISK_REMAINING,
  VIR_DOMAIN_JOB_DISK_BPS, VIR_DOMAIN_JOB_DOWNTIME, VIR_DOMAIN_JOB_SETUP_TIME,
};

/* What a string parameter points at: libvirt's strings are NUL-terminated. */
static char string_value[] = "fuzz";

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  virTypedParameter params[MAX_PARAMS];
  const uint8_t *p = data;
  const uint8_t *end = data + size;
  int nparams = 0;
  int type;
  FerryJobStats stats;
  double fraction;

  if (size < 1)
    return 0;
  type = (int8_t)*p++;
  memset (params, 0, sizeof params);

  while (nparams < MAX_PARAMS && end - p >= 2)
    {
      virTypedParameter *param = &params[nparams];
      uint8_t choice = *p++;
      guint64 value = 0;

      if (choice < 0x80)
        {
          g_strlcpy (param->field, names[choice % G_N_ELEMENTS (names)], sizeof param->field);
        }
      else
        {
          size_t length = MIN ((size_t)(choice - 0x80), (size_t)(end - p));

          /* The whole array may be used, without a NUL, as a hostile
           * libvirt could send. */
          length = MIN (length, sizeof param->field);
          memcpy (param->field, p, length);
          p += length;
        }
      if (p == end)
        break;
      param->type = *p++;
      for (guint i = 0; i < 8 && p < end; i++)
        value |= (guint64)*p++ << (8 * i);
      if (param->type == VIR_TYPED_PARAM_STRING)
        param->value.s = string_value;
      else if (param->type == VIR_TYPED_PARAM_DOUBLE)
        memcpy (&param->value.d, &value, sizeof param->value.d);
      else
        param->value.ul = value;
      nparams++;
    }

  ferry_job_stats_parse (&stats, type, params, nparams);
  fraction = ferry_job_stats_fraction (&stats);
  fuzz_check (!isnan (fraction) && fraction >= 0.0 && fraction <= 1.0);
  fuzz_check (ferry_job_stats_eta_seconds (&stats) >= -1);
  fuzz_check (stats.type >= FERRY_JOB_TYPE_NONE && stats.type <= FERRY_JOB_TYPE_CANCELLED);
  return 0;
}
