/* test-migration-recover.c — a post-copy migration that broke off, told as
 * its own outcome, and the rules of its recovery. libvirt's test driver
 * cannot break a post-copy migration (it migrates nothing), so the lab
 * proves the real fault and recovery (tests/lab/test-postcopy-recover.sh);
 * here: the plan a recovery sends, the report an admin reads, which jobs may
 * be recovered, and that a VM simply running is never taken for a broken
 * post-copy.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-connection-private.h"
#include "ferry-core.h"
#include "ferry-migration-job-private.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000
#define TEST_UUID "6695eb01-f6a4-8304-79aa-97f2502e193f"   /* test:///default's "test" */

static void
plan_for (FerryMigrationPlan     *plan,
          FerryMigrationMode      mode,
          gboolean                postcopy)
{
  g_autoptr(FerryMigrationOptions) options = ferry_migration_options_new ();
  g_autoptr(GError) error = NULL;

  ferry_migration_options_set_destination_uri (options, "test:///tmp/host-b.xml");
  ferry_migration_options_set_mode (options, mode);
  ferry_migration_options_set_postcopy (options, postcopy);
  g_assert_true (ferry_migration_plan_init (plan, G_OBJECT (options), &error));
  g_assert_no_error (error);
}

static FerryMigrationJob *
make_job (FerryConnection *source,
          FerryConnection *destination)
{
  FerryMigrationPlan plan;

  plan_for (&plan, FERRY_MIGRATION_MODE_LIVE, TRUE);
  return ferry_migration_job_new (source, destination, TEST_UUID, "web01", &plan);
}

static void
test_plan_resume (void)
{
  FerryMigrationPlan plan;
  g_autoptr(GError) error = NULL;
  unsigned long before;

  /* libvirt resumes with the broken migration's flags plus RESUME, post-copy
   * among them; no planned switch, it is in post-copy already. */
  plan_for (&plan, FERRY_MIGRATION_MODE_LIVE, TRUE);
  plan.postcopy_after = 5;
  before = plan.flags;
  g_assert_true (ferry_migration_plan_set_resume (&plan, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (plan.flags, ==, before | VIR_MIGRATE_POSTCOPY_RESUME);
  g_assert_true (plan.flags & VIR_MIGRATE_POSTCOPY);
  g_assert_true (plan.flags & VIR_MIGRATE_LIVE);
  g_assert_cmpint (plan.postcopy_after, ==, -1);
  ferry_migration_plan_clear (&plan);

  /* A live plan that did not say post-copy gets it: resume needs it. */
  plan_for (&plan, FERRY_MIGRATION_MODE_LIVE, FALSE);
  g_assert_false (plan.flags & VIR_MIGRATE_POSTCOPY);
  g_assert_true (ferry_migration_plan_set_resume (&plan, &error));
  g_assert_true (plan.flags & VIR_MIGRATE_POSTCOPY);
  ferry_migration_plan_clear (&plan);

  /* Offline and paused migrations never run in post-copy: refused, untouched. */
  plan_for (&plan, FERRY_MIGRATION_MODE_OFFLINE, FALSE);
  before = plan.flags;
  g_assert_false (ferry_migration_plan_set_resume (&plan, &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
  g_assert_cmpuint (plan.flags, ==, before);
  ferry_migration_plan_clear (&plan);
  g_clear_error (&error);

  plan_for (&plan, FERRY_MIGRATION_MODE_PAUSED, FALSE);
  g_assert_false (ferry_migration_plan_set_resume (&plan, &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
  g_assert_false (plan.flags & VIR_MIGRATE_POSTCOPY_RESUME);
  ferry_migration_plan_clear (&plan);
}

static void
test_report (void)
{
  g_autoptr(FerryConnection) a = ferry_connection_new ("test:///default");
  g_autoptr(FerryConnection) b = ferry_connection_new ("test:///tmp/host-b.xml");
  g_autoptr(FerryMigrationJob) job = make_job (a, b);
  g_autoptr(GError) libvirt_error = g_error_new_literal (FERRY_ERROR, FERRY_ERROR_LIBVIRT,
                                                         "job 'migration in' failed in post-copy phase");
  g_autoptr(GError) error = NULL;
  GListModel *events = ferry_migration_job_get_events (job);
  g_autoptr(FerryEvent) first = NULL;
  g_autoptr(FerryEvent) last = NULL;
  const char *message;

  error = _ferry_migration_job_report_recovery (job, libvirt_error);

  /* Its own state, not a failure; and what to do, naming both hosts. */
  g_assert_cmpint (ferry_migration_job_get_state (job), ==, FERRY_MIGRATION_STATE_NEEDS_RECOVERY);
  g_assert_cmpstr (ferry_migration_state_to_string (FERRY_MIGRATION_STATE_NEEDS_RECOVERY), ==, "Needs recovery");
  message = ferry_migration_job_get_message (job);
  g_assert_nonnull (strstr (message, "paused"));
  g_assert_nonnull (strstr (message, "Nothing is lost yet"));
  g_assert_nonnull (strstr (message, "Recover"));
  g_assert_nonnull (strstr (message, "--postcopy-resume"));
  g_assert_nonnull (strstr (message, ferry_connection_get_display_name (a)));
  g_assert_nonnull (strstr (message, ferry_connection_get_display_name (b)));
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==, message);

  /* The events keep libvirt's words, then Ferry's advice, as an error. */
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 2);
  first = g_list_model_get_item (events, 0);
  last = g_list_model_get_item (events, 1);
  g_assert_cmpstr (ferry_event_get_message (first), ==, libvirt_error->message);
  g_assert_cmpint (ferry_event_get_severity (last), ==, FERRY_EVENT_SEVERITY_ERROR);
  g_assert_cmpstr (ferry_event_get_message (last), ==, message);

  /* Such a job is what Recover is for. */
  g_assert_true (ferry_migration_job_get_recoverable (job));
}

static void
test_who_may_recover (void)
{
  g_autoptr(FerryConnection) a = ferry_connection_new ("test:///default");
  g_autoptr(FerryConnection) b = ferry_connection_new ("test:///tmp/host-b.xml");
  g_autoptr(FerryMigrationJob) job = make_job (a, b);
  g_autoptr(FerryMigrationJob) adopted = ferry_migration_job_new_attached (a, b, TEST_UUID, "web01", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) refusal = NULL;

  /* Never started (ferry-migrate --recover builds such a job): allowed. */
  g_assert_true (ferry_migration_job_get_recoverable (job));
  /* A job that ended any other way has nothing to recover. */
  _ferry_migration_job_set_state (job, FERRY_MIGRATION_STATE_COMPLETED);
  g_assert_false (ferry_migration_job_get_recoverable (job));
  ferry_migration_job_recover_async (job, ferry_test_store_result, &result);
  refusal = ferry_test_wait_result (&result, TIMEOUT_MS, "refusal");
  g_assert_false (ferry_migration_job_run_finish (job, refusal, &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
  g_assert_cmpint (ferry_migration_job_get_state (job), ==, FERRY_MIGRATION_STATE_COMPLETED);
  g_assert_false (job->plan.flags & VIR_MIGRATE_POSTCOPY_RESUME);
  /* A followed job has no plan of its own to resume with. */
  g_assert_false (ferry_migration_job_get_recoverable (adopted));
}

static void
test_found_broken (void)
{
  g_autoptr(FerryConnection) a = ferry_connection_new ("test:///default");
  g_autoptr(FerryConnection) b = ferry_connection_new ("test:///tmp/host-b.xml");
  g_autoptr(FerryMigrationJob) job = NULL;
  g_autoptr(FerryEvent) first = NULL;
  FerryMigrationPlan plan;

  /* Found by discovery: told as needing recovery from the start, and Recover
   * applies, with the plan it was given. */
  plan_for (&plan, FERRY_MIGRATION_MODE_LIVE, TRUE);
  job = ferry_migration_job_new_broken (a, b, TEST_UUID, "web01", &plan);
  g_assert_cmpint (ferry_migration_job_get_state (job), ==, FERRY_MIGRATION_STATE_NEEDS_RECOVERY);
  g_assert_nonnull (strstr (ferry_migration_job_get_message (job), "Nothing is lost yet"));
  g_assert_true (ferry_migration_job_get_recoverable (job));
  g_assert_true (job->plan.flags & VIR_MIGRATE_POSTCOPY);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_migration_job_get_events (job)), ==, 2);
  first = g_list_model_get_item (ferry_migration_job_get_events (job), 0);
  g_assert_cmpstr (ferry_event_get_message (first), ==, "Found paused in a post-copy migration that broke off");
}

static gpointer
broken_thread (gpointer data)
{
  return GINT_TO_POINTER (_ferry_migration_job_postcopy_broken (data));
}

static gboolean
postcopy_broken (FerryMigrationJob *job)
{
  return GPOINTER_TO_INT (g_thread_join (g_thread_new ("broken", broken_thread, job)));
}

static gpointer
close_thread (gpointer conn)
{
  virConnectClose (conn);
  return NULL;
}

static void
test_running_is_not_broken (void)
{
  g_autoptr(FerryConnection) a = ferry_connection_new ("test:///default");
  g_autoptr(FerryConnection) b = ferry_connection_new ("test:///tmp/host-b.xml");
  g_autoptr(FerryMigrationJob) job = make_job (a, b);
  virConnectPtr conn;

  ferry_connection_open_async (a, NULL, NULL, NULL);
  ferry_test_wait_property (a, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  conn = _ferry_connection_ref_conn (a);
  g_assert_nonnull (conn);
  job->sconn = conn;

  /* A failed migration of a VM that still simply runs is a plain failure. */
  g_assert_false (postcopy_broken (job));
  /* Without post-copy in the plan nothing can have broken in post-copy. */
  job->plan.flags &= ~(unsigned long)VIR_MIGRATE_POSTCOPY;
  g_assert_false (postcopy_broken (job));
  /* A VM the host does not have is not broken there either. */
  job->plan.flags |= VIR_MIGRATE_POSTCOPY;
  g_free (job->uuid);
  job->uuid = g_strdup ("00000000-0000-0000-0000-000000000001");
  g_assert_false (postcopy_broken (job));

  job->sconn = NULL;
  g_thread_join (g_thread_new ("close", close_thread, conn));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ferry_core_init ();

  g_test_add_func ("/migration-recover/plan-resume", test_plan_resume);
  g_test_add_func ("/migration-recover/report", test_report);
  g_test_add_func ("/migration-recover/who-may-recover", test_who_may_recover);
  g_test_add_func ("/migration-recover/found-broken", test_found_broken);
  g_test_add_func ("/migration-recover/running-is-not-broken", test_running_is_not_broken);
  return g_test_run ();
}
