/* test-rediscover-ui.c — a migration found running when a host connected:
 * the window says so at once, and Show opens its progress view. The test
 * driver cannot run a migration, so the manager's job-discovered signal is
 * emitted here with an adopted job, as the manager does when it finds one
 * (the lab proves finding a real one: tests/lab/test-rediscover.sh).
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ferry-migration-view.h"
#include "ferry-window.h"
#include "ferry-test-gtk.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000

static gboolean
progress_window_shown (gpointer user_data)
{
  return ferry_test_find_toplevel (ADW_TYPE_WINDOW) != NULL;
}

static void
test_discovered_job_toast (void)
{
  g_autoptr(FerryConnectionManager) manager = ferry_connection_manager_new (NULL);
  FerryConnection *c = ferry_connection_manager_add (manager, "test:///default", "Host A", FALSE, FALSE);
  g_autoptr(FerryMigrationJob) job = NULL;
  g_autoptr(FerryDomain) domain = NULL;
  GtkWidget *window, *label, *button, *view;
  GtkWindow *progress;

  window = g_object_new (FERRY_TYPE_WINDOW, "manager", manager, NULL);
  gtk_window_present (GTK_WINDOW (window));
  ferry_connection_manager_connect (manager, c);
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  /* Connecting looked for migrations and found none: nothing announced. */
  ferry_test_flush ();
  g_assert_cmpuint (g_list_model_get_n_items (ferry_connection_manager_get_jobs (manager)), ==, 0);

  domain = g_list_model_get_item (ferry_connection_get_domains (c), 0);
  job = ferry_migration_job_new_attached (c, NULL, ferry_domain_get_uuid (domain), "test", NULL);
  ferry_connection_manager_add_job (manager, job);
  g_signal_emit_by_name (manager, "job-discovered", job);
  ferry_test_flush ();

  /* Said without hunting: which VM, from which host, found on connecting. */
  label = ferry_test_find_label (window, "Migration of test from Host A is running (found when Ferry connected)");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_mapped (label));
  button = ferry_test_find_button (window, "_Show");
  g_assert_nonnull (button);
  ferry_test_screenshot (window, "rediscover-toast");

  /* Show opens the same progress view as for Ferry's own jobs. */
  ferry_test_press_button (window, "_Show");
  /* An activated button clicks when its press animation ends, a moment later. */
  ferry_test_wait_until (progress_window_shown, NULL, TIMEOUT_MS, "the progress window");
  progress = ferry_test_find_toplevel (ADW_TYPE_WINDOW);
  g_assert_nonnull (progress);
  view = ferry_test_find_widget (GTK_WIDGET (progress), FERRY_TYPE_MIGRATION_VIEW);
  g_assert_nonnull (view);
  g_assert_true (ferry_migration_view_get_job (FERRY_MIGRATION_VIEW (view)) == job);
  ferry_test_screenshot (GTK_WIDGET (progress), "rediscover-progress");

  gtk_window_destroy (progress);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
}

static gboolean
message_dialog_shown (gpointer user_data)
{
  return ferry_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* An interrupted migration that Ferry settled on its own when a host
 * connected: the window tells what was done (or what not to do) in a dialog,
 * and it is in the events log. The manager's notice signal is emitted here as
 * the rediscovery emits it after settling. */
static guint
count_message_dialogs (void)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      n += ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (w);
    }
  return n;
}

static void
test_settled_notice (void)
{
  g_autoptr(FerryConnectionManager) manager = ferry_connection_manager_new (NULL);
  const char *text = "The migration of web01 to Host B had finished, but its last step on Host A never ran. "
                     "Ferry stopped the stale paused copy on Host A; its definition stays there. "
                     "The VM runs on Host B.";
  g_autoptr(FerryEvent) event = ferry_event_new (FERRY_EVENT_SEVERITY_INFO, "Host A", "web01", text);
  GtkWidget *window;
  GtkWindow *dialog;

  window = g_object_new (FERRY_TYPE_WINDOW, "manager", manager, NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_emit_by_name (manager, "notice", event);
  ferry_test_wait_until (message_dialog_shown, NULL, TIMEOUT_MS, "the notice dialog");
  dialog = ferry_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Interrupted Migration Finished");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==, text);
  ferry_test_screenshot (GTK_WIDGET (dialog), "rediscover-settled");

  /* A warning (Ferry left the VM alone) says it needs attention. */
  gtk_window_destroy (dialog);
  g_clear_object (&event);
  event = ferry_event_new (FERRY_EVENT_SEVERITY_WARNING, "Host A", "web01", "web01 is paused on Host A …");
  g_signal_emit_by_name (manager, "notice", event);
  ferry_test_wait_until (message_dialog_shown, NULL, TIMEOUT_MS, "the warning dialog");
  dialog = ferry_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Interrupted Migration Needs Attention");

  /* A second VM settled while it is open joins the same dialog: one to
   * close, both messages in it, and the heading still asks for attention. */
  g_clear_object (&event);
  event = ferry_event_new (FERRY_EVENT_SEVERITY_INFO, "Host A", "db01", "The migration of db01 finished.");
  g_signal_emit_by_name (manager, "notice", event);
  g_assert_cmpuint (count_message_dialogs (), ==, 1);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Interrupted Migrations Need Attention");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "web01 is paused on Host A …\n\nThe migration of db01 finished.");
  ferry_test_screenshot (GTK_WIDGET (dialog), "rediscover-two-notices");
  gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ferry_core_init ();

  g_test_add_func ("/ui/rediscover/discovered-job-toast", test_discovered_job_toast);
  g_test_add_func ("/ui/rediscover/settled-notice", test_settled_notice);
  return g_test_run ();
}
