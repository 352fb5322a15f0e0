/* test-templates.c — every widget type builds from its template and is freed
 * again, under fatal warnings (a typo in a .ui file only shows at run time).
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "ferry-connection-dialog.h"
#include "ferry-credential-dialog.h"
#include "ferry-disks-window.h"
#include "ferry-host-page.h"
#include "ferry-host-row.h"
#include "ferry-job-row.h"
#include "ferry-pool-copy-dialog.h"
#include "ferry-pool-editor.h"
#include "ferry-preferences-window.h"
#include "ferry-storage-move-window.h"
#include "ferry-volumes-window.h"
#include "ferry-window.h"

static void
test_window (void)
{
  GtkWidget *window = g_object_new (FERRY_TYPE_WINDOW, NULL);

  gtk_window_present (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_preferences_window (void)
{
  GtkWidget *window = GTK_WIDGET (ferry_preferences_window_new ());

  gtk_window_present (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_host_page (void)
{
  GtkWidget *page = g_object_ref_sink (g_object_new (FERRY_TYPE_HOST_PAGE, NULL));

  g_assert_finalize_object (page);
}

static void
test_host_row (void)
{
  g_autoptr(FerryConnection) c = ferry_connection_new ("test:///default");
  GtkWidget *row = g_object_ref_sink (GTK_WIDGET (ferry_host_row_new (c)));

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "test:///default");
  g_assert_finalize_object (row);
}

static void
test_credential_dialog (void)
{
  g_autoptr(FerryConnection) c = ferry_connection_new ("test:///default");
  GtkWidget *dialog;

  /* Built through the real auth path in test-window; here only the template. */
  dialog = g_object_new (FERRY_TYPE_CREDENTIAL_DIALOG, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_connection_dialog (void)
{
  GtkWidget *dialog = GTK_WIDGET (ferry_connection_dialog_new (NULL, NULL));

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Not connected: the VM's disk windows build and show that they have
 * nothing to read. */
static void
test_disk_windows (void)
{
  g_autoptr(FerryConnection) c = ferry_connection_new ("test:///default");
  GtkWidget *disks = GTK_WIDGET (ferry_disks_window_new (c, "test"));
  GtkWidget *move = GTK_WIDGET (ferry_storage_move_window_new (c, "test"));

  gtk_window_present (GTK_WINDOW (disks));
  gtk_window_present (GTK_WINDOW (move));
  gtk_window_destroy (GTK_WINDOW (disks));
  gtk_window_destroy (GTK_WINDOW (move));
}

static void
test_pool_windows (void)
{
  g_autoptr(FerryConnection) c = ferry_connection_new ("test:///default");
  GtkWidget *editor = GTK_WIDGET (ferry_pool_editor_new (c, NULL, FALSE));
  GtkWidget *volumes = GTK_WIDGET (ferry_volumes_window_new (c, "default-pool"));
  g_autoptr(FerryConnectionManager) manager = ferry_connection_manager_new (NULL);
  GtkWidget *copy = GTK_WIDGET (ferry_pool_copy_dialog_new (NULL, manager, c, "default-pool"));

  /* Not connected: all build, and the volume list says why it is empty. */
  gtk_window_present (GTK_WINDOW (editor));
  gtk_window_present (GTK_WINDOW (volumes));
  gtk_window_present (GTK_WINDOW (copy));
  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (volumes));
  gtk_window_destroy (GTK_WINDOW (copy));
}

static void
test_job_row (void)
{
  g_autoptr(FerryConnection) c = ferry_connection_new ("test:///default");
  FerryMigrationPlan plan = { 0 };
  g_autoptr(FerryMigrationJob) job = ferry_migration_job_new (c, NULL, "uuid", "vm1", &plan);
  GtkWidget *row = g_object_ref_sink (ferry_job_row_new (job));

  /* A job that has not started: its row names the VM and its phase. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "vm1");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Preparing"));
  g_assert_finalize_object (row);
}

static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
  GtkWindow *overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  g_assert_nonnull (overlay);
  gtk_window_destroy (overlay);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ferry_core_init ();

  g_test_add_func ("/ui/templates/window", test_window);
  g_test_add_func ("/ui/templates/preferences-window", test_preferences_window);
  g_test_add_func ("/ui/templates/host-page", test_host_page);
  g_test_add_func ("/ui/templates/host-row", test_host_row);
  g_test_add_func ("/ui/templates/help-overlay", test_help_overlay);
  g_test_add_func ("/ui/templates/job-row", test_job_row);
  g_test_add_func ("/ui/templates/credential-dialog", test_credential_dialog);
  g_test_add_func ("/ui/templates/connection-dialog", test_connection_dialog);
  g_test_add_func ("/ui/templates/pool-windows", test_pool_windows);
  g_test_add_func ("/ui/templates/disk-windows", test_disk_windows);

  return g_test_run ();
}
