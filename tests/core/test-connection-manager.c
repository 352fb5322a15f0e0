/* test-connection-manager.c — saved connections survive a restart.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-core.h"
#include "ferry-test-utils.h"

static void
test_saved_connections (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autoptr(FerryConnectionManager) manager = ferry_connection_manager_new (settings);
  g_autoptr(FerryConnectionManager) restarted = NULL;
  GListModel *connections;
  FerryConnection *c;

  g_settings_reset (settings, "connections");

  ferry_connection_manager_add (manager, "test:///default", "Test host", TRUE, TRUE);
  ferry_connection_manager_add (manager, "qemu+ssh://root@host-b/system", NULL, FALSE, TRUE);
  /* A connection for this run only (ferry --connect) is not saved. */
  ferry_connection_manager_add (manager, "qemu:///session", NULL, FALSE, FALSE);
  /* Adding a URI twice gives the existing connection. */
  c = ferry_connection_manager_add (manager, "test:///default", NULL, TRUE, FALSE);
  g_assert_cmpstr (ferry_connection_get_display_name (c), ==, "Test host");
  g_assert_cmpuint (g_list_model_get_n_items (ferry_connection_manager_get_connections (manager)), ==, 3);

  restarted = ferry_connection_manager_new (settings);
  connections = ferry_connection_manager_get_connections (restarted);
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 2);
  c = ferry_connection_manager_lookup (restarted, "test:///default");
  g_assert_nonnull (c);
  g_assert_cmpstr (ferry_connection_get_display_name (c), ==, "Test host");
  g_assert_null (ferry_connection_manager_lookup (restarted, "qemu:///session"));

  /* Autoconnect opens only the connections marked so. */
  ferry_connection_manager_autoconnect (restarted);
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_CONNECTED, 20000);
  g_assert_cmpint (ferry_connection_get_state (ferry_connection_manager_lookup (restarted,
                   "qemu+ssh://root@host-b/system")), ==, FERRY_CONNECTION_STATE_DISCONNECTED);

  ferry_connection_manager_remove (restarted, c);
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 1);
  g_clear_object (&restarted);
  restarted = ferry_connection_manager_new (settings);
  g_assert_null (ferry_connection_manager_lookup (restarted, "test:///default"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ferry_core_init ();

  g_test_add_func ("/core/connection-manager/saved", test_saved_connections);

  return g_test_run ();
}
