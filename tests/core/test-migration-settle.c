/* test-migration-settle.c — settling a migration whose driver died between
 * its last two steps. The decision is checked for every state that matters;
 * libvirt's test driver cannot leave a VM paused by a migration (it migrates
 * nothing), so the fault matrix proves the real case in the lab
 * (tests/lab/test-fault-matrix.sh, fault ferry-restart). Here, against the
 * test driver: running, paused and shut-off VMs are never touched.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt/libvirt.h>

#include "ferry-core.h"
#include "ferry-migration-settle-private.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000

static void
test_decide (void)
{
  const int P = VIR_DOMAIN_PAUSED, MIG = VIR_DOMAIN_PAUSED_MIGRATION, R = VIR_DOMAIN_RUNNING;
  const int NONE = VIR_DOMAIN_NOSTATE;

  /* The destination finished receiving it: the source's copy is stale. */
  g_assert_cmpint (_ferry_migration_settle_decide (P, MIG, FALSE, TRUE, R, VIR_DOMAIN_RUNNING_MIGRATED),
                   ==, FERRY_SETTLE_FINISHED);
  /* It never arrived: it goes on where it was. */
  g_assert_cmpint (_ferry_migration_settle_decide (P, MIG, FALSE, TRUE, NONE, 0), ==, FERRY_SETTLE_RESUMED);
  /* Post-copy still pulls memory from the source: stopping it loses the VM. */
  g_assert_cmpint (_ferry_migration_settle_decide (P, MIG, FALSE, TRUE, R, VIR_DOMAIN_RUNNING_POSTCOPY),
                   ==, FERRY_SETTLE_UNDECIDED);
  /* Running there for another reason (booted, unpaused): maybe another start
   * of the same VM; nothing is stopped on a guess. */
  g_assert_cmpint (_ferry_migration_settle_decide (P, MIG, FALSE, TRUE, R, VIR_DOMAIN_RUNNING_BOOTED),
                   ==, FERRY_SETTLE_UNDECIDED);
  /* Paused there too (an incoming migration not finished, a broken post-copy). */
  g_assert_cmpint (_ferry_migration_settle_decide (P, MIG, FALSE, TRUE, P, VIR_DOMAIN_PAUSED_MIGRATION),
                   ==, FERRY_SETTLE_UNDECIDED);
  /* Post-copy "failed" only because its client died: the destination has it
   * all ("migrated"), so the source's copy is stale. A real break never reads
   * "migrated" there: that is recovery's, not settling's. */
  g_assert_cmpint (_ferry_migration_settle_decide (P, VIR_DOMAIN_PAUSED_POSTCOPY_FAILED, TRUE, TRUE, R,
                                                   VIR_DOMAIN_RUNNING_MIGRATED), ==, FERRY_SETTLE_FINISHED);
  g_assert_cmpint (_ferry_migration_settle_decide (P, VIR_DOMAIN_PAUSED_POSTCOPY_FAILED, TRUE, TRUE, P,
                                                   VIR_DOMAIN_PAUSED_POSTCOPY_FAILED), ==, FERRY_SETTLE_NOTHING);
  g_assert_cmpint (_ferry_migration_settle_decide (P, VIR_DOMAIN_PAUSED_POSTCOPY_FAILED, TRUE, TRUE, R,
                                                   VIR_DOMAIN_RUNNING_POSTCOPY), ==, FERRY_SETTLE_NOTHING);
  g_assert_cmpint (_ferry_migration_settle_decide (P, VIR_DOMAIN_PAUSED_POSTCOPY_FAILED, TRUE, FALSE, NONE, 0),
                   ==, FERRY_SETTLE_NOTHING);
  /* The destination could not be asked. */
  g_assert_cmpint (_ferry_migration_settle_decide (P, MIG, FALSE, FALSE, NONE, 0), ==, FERRY_SETTLE_UNDECIDED);

  /* Not an interrupted migration: a job still runs, the user paused it, a
   * broken post-copy (recover, not settle), or it simply runs. */
  g_assert_cmpint (_ferry_migration_settle_decide (P, MIG, TRUE, TRUE, NONE, 0), ==, FERRY_SETTLE_NOTHING);
  g_assert_cmpint (_ferry_migration_settle_decide (P, VIR_DOMAIN_PAUSED_USER, FALSE, TRUE, NONE, 0),
                   ==, FERRY_SETTLE_NOTHING);
  g_assert_cmpint (_ferry_migration_settle_decide (P, VIR_DOMAIN_PAUSED_POSTCOPY_FAILED, FALSE, TRUE, NONE, 0),
                   ==, FERRY_SETTLE_NOTHING);
  g_assert_cmpint (_ferry_migration_settle_decide (P, VIR_DOMAIN_PAUSED_POSTCOPY, TRUE, TRUE, R,
                                                   VIR_DOMAIN_RUNNING_POSTCOPY), ==, FERRY_SETTLE_NOTHING);
  g_assert_cmpint (_ferry_migration_settle_decide (R, VIR_DOMAIN_RUNNING_BOOTED, FALSE, TRUE, NONE, 0),
                   ==, FERRY_SETTLE_NOTHING);
}

/* Every VM of a test-driver host (running, paused by the user, shut off) is
 * left exactly as it was, with nothing to tell. */
static void
test_leaves_others_alone (void)
{
  g_autofree char *uri = ferry_test_write_host (10);
  g_autoptr(FerryConnection) source = ferry_connection_new (uri);
  g_autoptr(FerryConnection) destination = ferry_connection_new ("test:///default");
  GListModel *domains;
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (int));

  ferry_connection_open_async (source, NULL, NULL, NULL);
  ferry_connection_open_async (destination, NULL, NULL, NULL);
  ferry_test_wait_property (source, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  ferry_test_wait_property (destination, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  domains = ferry_connection_get_domains (source);
  g_assert_cmpuint (g_list_model_get_n_items (domains), ==, 10);

  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(FerryDomain) d = g_list_model_get_item (domains, i);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GAsyncResult) done = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;
      int state = ferry_domain_get_state (d);

      g_array_append_val (states, state);
      ferry_migration_settle_async (source, i % 2 ? destination : NULL, ferry_domain_get_uuid (d), TRUE,
                                    NULL, ferry_test_store_result, &result);
      done = ferry_test_wait_result (&result, TIMEOUT_MS, "settle");
      g_assert_cmpint (ferry_migration_settle_finish (source, done, &message, &error), ==, FERRY_SETTLE_NOTHING);
      g_assert_no_error (error);
      g_assert_null (message);
    }
  /* Same VMs, same states: nothing was stopped, resumed or undefined. */
  g_assert_cmpuint (g_list_model_get_n_items (domains), ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(FerryDomain) d = g_list_model_get_item (domains, i);

      g_assert_cmpint (ferry_domain_get_state (d), ==, g_array_index (states, int, i));
    }
  ferry_connection_close (source);
  ferry_connection_close (destination);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ferry_core_init ();

  g_test_add_func ("/core/migration-settle/decide", test_decide);
  g_test_add_func ("/core/migration-settle/leaves-others-alone", test_leaves_others_alone);

  return g_test_run ();
}
