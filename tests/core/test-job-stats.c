/* test-job-stats.c — what Ferry reads from libvirt's job statistics: the
 * figures an admin sees after a migration, above all its downtime. */
#include "config.h"

#include <libvirt/libvirt.h>

#include "ferry-core.h"
#include "ferry-job-stats.h"

static void
parse_stats (FerryJobStats *stats,
             int            type,
             guint64        downtime_ms,
             guint64        postcopy_requests)
{
  virTypedParameterPtr params = NULL;
  int nparams = 0, max = 0;

  g_assert_cmpint (virTypedParamsAddULLong (&params, &nparams, &max, VIR_DOMAIN_JOB_TIME_ELAPSED, 9000), ==, 0);
  g_assert_cmpint (virTypedParamsAddULLong (&params, &nparams, &max, VIR_DOMAIN_JOB_DOWNTIME, downtime_ms), ==, 0);
  g_assert_cmpint (virTypedParamsAddULLong (&params, &nparams, &max, VIR_DOMAIN_JOB_MEMORY_DIRTY_RATE, 100), ==, 0);
  g_assert_cmpint (virTypedParamsAddULLong (&params, &nparams, &max, VIR_DOMAIN_JOB_MEMORY_PAGE_SIZE, 4096), ==, 0);
  /* libvirt names the field only when post-copy served page requests. */
  if (postcopy_requests > 0)
    g_assert_cmpint (virTypedParamsAddULLong (&params, &nparams, &max, VIR_DOMAIN_JOB_MEMORY_POSTCOPY_REQS,
                                              postcopy_requests), ==, 0);
  ferry_job_stats_parse (stats, type, params, nparams);
  virTypedParamsFree (params, nparams);
}

/* A pre-copy migration's downtime is the pause the VM really had. */
static void
test_precopy_downtime (void)
{
  FerryJobStats stats;

  parse_stats (&stats, VIR_DOMAIN_JOB_COMPLETED, 38, 0);
  g_assert_cmpint (stats.type, ==, FERRY_JOB_TYPE_COMPLETED);
  g_assert_true (stats.has_downtime);
  g_assert_cmpuint (stats.downtime_ms, ==, 38);
  g_assert_cmpuint (stats.elapsed_ms, ==, 9000);
  /* Pages per second become bytes per second. */
  g_assert_cmpuint (stats.memory_dirty_rate, ==, 100 * 4096);
}

/* While the job runs the figure is QEMU's expectation (often the maximum
 * set), which a summary must not report as the downtime the VM had. */
static void
test_running_expected_only (void)
{
  FerryJobStats stats;

  parse_stats (&stats, VIR_DOMAIN_JOB_UNBOUNDED, 400, 0);
  g_assert_cmpuint (stats.downtime_ms, ==, 400);
  g_assert_false (stats.has_downtime);
}

/* After a switch to post-copy, libvirt's figure spans the whole post-copy
 * phase, while the VM ran on the destination: Ferry shows none rather than
 * calling seconds of running "downtime". */
static void
test_postcopy_no_downtime (void)
{
  FerryJobStats stats;

  parse_stats (&stats, VIR_DOMAIN_JOB_COMPLETED, 21000, 3187);
  g_assert_false (stats.has_downtime);
  g_assert_cmpuint (stats.memory_postcopy_requests, ==, 3187);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ferry_core_init ();   /* libvirt's per-thread error state, which virTypedParams* reset */

  g_test_add_func ("/job-stats/precopy-downtime", test_precopy_downtime);
  g_test_add_func ("/job-stats/running-expected-only", test_running_expected_only);
  g_test_add_func ("/job-stats/postcopy-no-downtime", test_postcopy_no_downtime);
  return g_test_run ();
}
