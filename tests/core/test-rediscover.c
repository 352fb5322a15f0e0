/* test-rediscover.c — finding migrations Ferry did not start, and adopting
 * one. libvirt's test driver has no job statistics, so the lab proves a real
 * adopted migration (tests/lab/test-rediscover.sh); here: the rule that reads
 * a domain's state and job, discovery that finds nothing (and is no error),
 * and an adopted job's life and its place in the registry that keeps
 * discovery from offering a job this process runs.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-core.h"
#include "ferry-migration-job-private.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000

static void
test_found_kind (void)
{
  /* A migration going out is what an earlier Ferry left running. */
  g_assert_cmpint (_ferry_migration_found_kind (VIR_DOMAIN_RUNNING, 0, VIR_DOMAIN_JOB_UNBOUNDED,
                                                VIR_DOMAIN_JOB_OPERATION_MIGRATION_OUT), ==, FERRY_FOUND_RUNNING);
  g_assert_cmpint (_ferry_migration_found_kind (VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_MIGRATION,
                                                VIR_DOMAIN_JOB_UNBOUNDED,
                                                VIR_DOMAIN_JOB_OPERATION_MIGRATION_OUT), ==, FERRY_FOUND_RUNNING);
  /* The arriving side, other jobs and no job are not ours to follow. */
  g_assert_cmpint (_ferry_migration_found_kind (VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_MIGRATION,
                                                VIR_DOMAIN_JOB_UNBOUNDED,
                                                VIR_DOMAIN_JOB_OPERATION_MIGRATION_IN), ==, FERRY_FOUND_NONE);
  g_assert_cmpint (_ferry_migration_found_kind (VIR_DOMAIN_RUNNING, 0, VIR_DOMAIN_JOB_UNBOUNDED,
                                                VIR_DOMAIN_JOB_OPERATION_SAVE), ==, FERRY_FOUND_NONE);
  /* A destination will not tell about its incoming migration: its VM, paused
   * (migrating), is not taken for an interrupted one. */
  g_assert_cmpint (_ferry_migration_found_kind (VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_MIGRATION,
                                                FERRY_JOB_UNKNOWN, 0), ==, FERRY_FOUND_NONE);
  /* A failed post-copy keeps its job; nothing runs in it. */
  g_assert_cmpint (_ferry_migration_found_kind (VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_POSTCOPY_FAILED,
                                                VIR_DOMAIN_JOB_UNBOUNDED, VIR_DOMAIN_JOB_OPERATION_MIGRATION_OUT),
                   ==, FERRY_FOUND_NEEDS_RECOVERY);
  /* Paused by a migration, and no job left to end it: its driver died. */
  g_assert_cmpint (_ferry_migration_found_kind (VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_MIGRATION,
                                                VIR_DOMAIN_JOB_NONE, 0), ==, FERRY_FOUND_INTERRUPTED);
  g_assert_cmpint (_ferry_migration_found_kind (VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER,
                                                VIR_DOMAIN_JOB_NONE, 0), ==, FERRY_FOUND_NONE);
  g_assert_cmpint (_ferry_migration_found_kind (VIR_DOMAIN_RUNNING, 0, VIR_DOMAIN_JOB_NONE,
                                                VIR_DOMAIN_JOB_OPERATION_MIGRATION_OUT), ==, FERRY_FOUND_NONE);
  /* Broken post-copy: paused, no job; it needs "recover". */
  g_assert_cmpint (_ferry_migration_found_kind (VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_POSTCOPY_FAILED,
                                                VIR_DOMAIN_JOB_NONE, 0), ==, FERRY_FOUND_NEEDS_RECOVERY);
  g_assert_cmpint (_ferry_migration_found_kind (VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_POSTCOPY,
                                                VIR_DOMAIN_JOB_NONE, 0), ==, FERRY_FOUND_NEEDS_RECOVERY);
  g_assert_cmpint (_ferry_migration_found_kind (VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER,
                                                VIR_DOMAIN_JOB_NONE, 0), ==, FERRY_FOUND_NONE);
}

static FerryConnection *
open_default (void)
{
  FerryConnection *c = ferry_connection_new ("test:///default");

  ferry_connection_open_async (c, NULL, NULL, NULL);
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  return c;
}

static void
test_discovery_finds_nothing (void)
{
  g_autoptr(FerryConnection) c = open_default ();
  g_autoptr(FerryConnection) closed = ferry_connection_new ("test:///default");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  /* A driver without job statistics has nothing running: no error. */
  ferry_connection_find_migrations_async (c, NULL, ferry_test_store_result, &result);
  found = ferry_connection_find_migrations_finish (c, (result = ferry_test_wait_result (&result, TIMEOUT_MS, "find")), &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpuint (found->len, ==, 0);

  g_clear_object (&result);
  ferry_connection_find_migrations_async (closed, NULL, ferry_test_store_result, &result);
  g_assert_null (ferry_connection_find_migrations_finish (closed, (result = ferry_test_wait_result (&result, TIMEOUT_MS, "find")),
                                                          &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_NOT_CONNECTED);
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
}

static void
test_adopted_job_without_migration (void)
{
  g_autoptr(FerryConnection) c = open_default ();
  g_autoptr(FerryMigrationJob) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FerryDomain *d = g_list_model_get_item (ferry_connection_get_domains (c), 0);
  g_autofree char *uuid = g_strdup (ferry_domain_get_uuid (d));

  g_object_unref (d);
  job = ferry_migration_job_new_attached (c, NULL, uuid, "test", NULL);
  g_assert_true (ferry_migration_job_get_adopted (job));
  g_assert_null (ferry_migration_job_lookup_running (uuid));

  /* While it runs, discovery must never offer the same VM again. */
  ferry_migration_job_run_async (job, ferry_test_store_result, &result);
  g_assert_true (ferry_migration_job_lookup_running (uuid) == job);
  /* Unless it lost its source: then it follows nothing, and the reconnect's
   * discovery must adopt the migration again at once (the lab proves the
   * real drop, tests/lab/test-ui-rediscover.sh). Set by hand, on the main
   * thread, before the job's outcome is read (that runs from the main loop). */
  g_atomic_int_set (&job->source_lost, TRUE);
  g_assert_null (ferry_migration_job_lookup_running (uuid));
  g_atomic_int_set (&job->source_lost, FALSE);
  g_assert_true (ferry_migration_job_lookup_running (uuid) == job);

  /* Nothing was migrating: it ends at once, the VM where it was, and says so
   * instead of claiming success. */
  g_assert_false (ferry_migration_job_run_finish (job, (result = ferry_test_wait_result (&result, TIMEOUT_MS, "adopted job")),
                                                  &error));
  g_assert_nonnull (error);
  g_assert_cmpint (ferry_migration_job_get_state (job), ==, FERRY_MIGRATION_STATE_FAILED);
  g_assert_cmpint (ferry_migration_job_get_placement (job), ==, FERRY_PLACEMENT_SOURCE);
  /* The source answered all along: a real end, not a lost connection. */
  g_assert_false (ferry_migration_job_get_source_lost (job));
  g_assert_null (ferry_migration_job_lookup_running (uuid));
  g_assert_cmpuint (g_list_model_get_n_items (ferry_migration_job_get_events (job)), >, 0);
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ferry_core_init ();

  g_test_add_func ("/rediscover/found-kind", test_found_kind);
  g_test_add_func ("/rediscover/discovery-finds-nothing", test_discovery_finds_nothing);
  g_test_add_func ("/rediscover/adopted-job-without-migration", test_adopted_job_without_migration);
  return g_test_run ();
}
