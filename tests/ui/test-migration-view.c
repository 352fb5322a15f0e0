/* test-migration-view.c — progress figures, the events log, the chart and
 * the progress view of one migration, without libvirt: the test driver
 * cannot migrate, so the view is bound to a job that never runs, and the
 * figures are checked through the formatting helpers they come from.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "ferry-events-view.h"
#include "ferry-format.h"
#include "ferry-migrate-dialog.h"
#include "ferry-migration-job-private.h"
#include "ferry-migration-view.h"
#include "ferry-progress-chart.h"
#include "ferry-test-gtk.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 10000

static void
assert_format (char       *text,
               const char *expected)
{
  g_assert_cmpstr (text, ==, expected);
  g_free (text);
}

/* GLib puts a no-break space between a size and its unit, so that "1.5 GiB"
 * never wraps apart in a label. */
static void
test_format_bytes (void)
{
  assert_format (ferry_format_bytes (0), "0 bytes");
  assert_format (ferry_format_bytes (512), "512 bytes");
  assert_format (ferry_format_bytes (1536), "1.5\u00a0KiB");
  assert_format (ferry_format_bytes (G_GUINT64_CONSTANT (3) << 29), "1.5\u00a0GiB");
  assert_format (ferry_format_bytes (G_GUINT64_CONSTANT (2) << 40), "2.0\u00a0TiB");
}

static void
test_format_speed (void)
{
  assert_format (ferry_format_speed (12 * 1024 * 1024), "12.0\u00a0MiB/s");
  assert_format (ferry_format_speed (0), "0 bytes/s");
  assert_format (ferry_format_speed (G_GUINT64_CONSTANT (1) << 30), "1.0\u00a0GiB/s");
}

static void
test_format_duration (void)
{
  assert_format (ferry_format_duration (0), "0 s");
  assert_format (ferry_format_duration (59), "59 s");
  assert_format (ferry_format_duration (60), "1 min 00 s");
  assert_format (ferry_format_duration (65), "1 min 05 s");
  assert_format (ferry_format_duration (3599), "59 min 59 s");
  assert_format (ferry_format_duration (3600 + 3 * 60 + 59), "1 h 03 min");
  assert_format (ferry_format_milliseconds (0), "0 ms");
  assert_format (ferry_format_milliseconds (300), "300 ms");
  assert_format (ferry_format_milliseconds (1500), "1.5 s");
  assert_format (ferry_format_milliseconds (65000), "1 min 05 s");
}

static void
test_format_eta (void)
{
  assert_format (ferry_format_eta (-1), "—");
  assert_format (ferry_format_eta (G_MININT64), "—");
  assert_format (ferry_format_eta (0), "0 s");
  assert_format (ferry_format_eta (125), "2 min 05 s");
}

static GListModel *
make_events (void)
{
  GListStore *store = g_list_store_new (FERRY_TYPE_EVENT);
  g_autoptr(FerryEvent) a = ferry_event_new (FERRY_EVENT_SEVERITY_INFO, "host-a", "web01",
                                             "Migration started");
  g_autoptr(FerryEvent) b = ferry_event_new (FERRY_EVENT_SEVERITY_WARNING, "host-b", "db01",
                                             "No data moved for 30 seconds");
  g_autoptr(FerryEvent) c = ferry_event_new (FERRY_EVENT_SEVERITY_ERROR, NULL, "web01",
                                             "Migration failed");

  g_list_store_append (store, a);
  g_list_store_append (store, b);
  g_list_store_append (store, c);
  return G_LIST_MODEL (store);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static void
test_events_view (void)
{
  g_autoptr(GListModel) events = make_events ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = ferry_events_view_new (events);
  g_autofree char *all = NULL;
  g_autofree char *filtered = NULL;
  g_autofree char *expected = NULL;

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ferry_events_view_get_model (FERRY_EVENTS_VIEW (view)) == events);
  g_assert_cmpuint (ferry_events_view_get_n_shown (FERRY_EVENTS_VIEW (view)), ==, 3);

  /* Copy gives every event, one ferry_event_to_string() line each. */
  all = ferry_events_view_to_text (FERRY_EVENTS_VIEW (view));
  {
    g_autoptr(FerryEvent) first = g_list_model_get_item (events, 0);
    g_autofree char *line = ferry_event_to_string (first);

    g_assert_true (g_str_has_prefix (all, line));
  }
  g_assert_cmpuint (count_lines (all), ==, 3);
  g_assert_nonnull (strstr (all, "No data moved for 30 seconds"));

  /* The filter matches host or VM, ignoring case; not the message. */
  ferry_events_view_set_filter_text (FERRY_EVENTS_VIEW (view), "WEB01");
  g_assert_cmpuint (ferry_events_view_get_n_shown (FERRY_EVENTS_VIEW (view)), ==, 2);
  ferry_events_view_set_filter_text (FERRY_EVENTS_VIEW (view), "host-b");
  g_assert_cmpuint (ferry_events_view_get_n_shown (FERRY_EVENTS_VIEW (view)), ==, 1);
  filtered = ferry_events_view_to_text (FERRY_EVENTS_VIEW (view));
  g_assert_nonnull (strstr (filtered, "db01"));
  g_assert_null (strstr (filtered, "web01"));
  ferry_events_view_set_filter_text (FERRY_EVENTS_VIEW (view), "started");
  g_assert_cmpuint (ferry_events_view_get_n_shown (FERRY_EVENTS_VIEW (view)), ==, 0);
  ferry_events_view_set_filter_text (FERRY_EVENTS_VIEW (view), NULL);
  g_assert_cmpuint (ferry_events_view_get_n_shown (FERRY_EVENTS_VIEW (view)), ==, 3);

  g_assert_true (gtk_widget_activate_action (view, "events.copy", NULL));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A job that is never run: enough to bind a view to, and no libvirt call. */
static FerryMigrationJob *
make_job (FerryConnection *source,
          FerryConnection *destination,
          gboolean         postcopy)
{
  g_autoptr(FerryMigrationOptions) options = ferry_migration_options_new ();
  g_autoptr(GError) error = NULL;
  FerryMigrationPlan plan;

  ferry_migration_options_set_destination_uri (options, ferry_connection_get_uri (destination));
  ferry_migration_options_set_postcopy (options, postcopy);
  ferry_migration_plan_init (&plan, G_OBJECT (options), &error);
  g_assert_no_error (error);
  return ferry_migration_job_new (source, destination, "6695eb01-f6a4-8304-79aa-97f2502e193f",
                                  "web01", &plan);
}

static void
test_progress_chart (void)
{
  g_autoptr(FerryConnection) a = ferry_connection_new ("test:///default");
  g_autoptr(FerryConnection) b = ferry_connection_new ("test:///tmp/host-b.xml");
  g_autoptr(FerryMigrationJob) job = make_job (a, b, FALSE);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = ferry_progress_chart_new (job);

  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ferry_progress_chart_get_job (FERRY_PROGRESS_CHART (chart)) == job);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (chart)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);
  /* No readings yet: the empty chart still draws. */
  g_signal_emit_by_name (job, "sample-added");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  ferry_progress_chart_set_job (FERRY_PROGRESS_CHART (chart), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (w))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer user_data)
{
  return find_message_dialog () != NULL;
}

static gboolean
no_message_dialog (gpointer user_data)
{
  return find_message_dialog () == NULL;
}

static void
test_view_cancel_confirmation (void)
{
  g_autoptr(FerryConnection) a = ferry_connection_new ("test:///default");
  g_autoptr(FerryConnection) b = ferry_connection_new ("test:///tmp/host-b.xml");
  g_autoptr(FerryMigrationJob) job = make_job (a, b, TRUE);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = ferry_migration_view_new (job);
  g_autoptr(FerryMigrationOptions) options = ferry_migration_options_new ();
  g_autofree char *title = NULL;
  GtkWidget *cancel;
  AdwMessageDialog *dialog;

  gtk_window_set_default_size (GTK_WINDOW (window), 560, 720);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ferry_migration_view_get_job (FERRY_MIGRATION_VIEW (view)) == job);

  /* "VM: source → destination", and no figures before the first reading. */
  title = g_strdup_printf ("web01: %s → %s", ferry_connection_get_display_name (a),
                           ferry_connection_get_display_name (b));
  g_assert_nonnull (ferry_test_find_label (view, title));
  g_assert_nonnull (ferry_test_find_label (view, "Preparing"));
  g_assert_nonnull (ferry_test_find_label (view, "—"));

  /* Nothing runs yet: the running controls are off, Cancel is on. */
  ferry_migration_options_set_postcopy (options, TRUE);
  ferry_migration_view_set_options (FERRY_MIGRATION_VIEW (view), options);
  g_assert_false (gtk_widget_get_sensitive (ferry_test_find_button (view, "Switch to _Post-Copy")));
  g_assert_false (gtk_widget_get_sensitive (ferry_test_find_button (view, "Apply")));
  cancel = ferry_test_find_button (view, "_Cancel Migration");
  g_assert_nonnull (cancel);
  g_assert_true (gtk_widget_get_sensitive (cancel));

  /* Cancel asks first; keeping on changes nothing. */
  ferry_test_press_button (view, "_Cancel Migration");
  ferry_test_wait_until (has_message_dialog, NULL, TIMEOUT_MS, "the confirmation");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cancel the Migration?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "The VM keeps running on the source.");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "keep");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  ferry_test_press_button (GTK_WIDGET (dialog), "_Keep Migrating");
  ferry_test_wait_until (no_message_dialog, NULL, TIMEOUT_MS, "the confirmation to close");
  g_assert_true (gtk_widget_get_sensitive (cancel));

  /* Confirming cancels: the job is told, and Cancel cannot be pressed twice. */
  ferry_test_press_button (view, "_Cancel Migration");
  ferry_test_wait_until (has_message_dialog, NULL, TIMEOUT_MS, "the confirmation");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  ferry_test_press_button (GTK_WIDGET (dialog), "_Cancel Migration");
  ferry_test_wait_until (no_message_dialog, NULL, TIMEOUT_MS, "the confirmation to close");
  g_assert_false (gtk_widget_get_sensitive (cancel));
  g_assert_nonnull (ferry_test_find_label (view, "Preparing — cancelling…"));
  g_assert_cmpint (ferry_migration_job_get_state (job), ==, FERRY_MIGRATION_STATE_PREPARING);

  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A reading from libvirt, as the job's poll would take it: the scripted
 * stats source for the view's figures. */
static void
feed_stats (FerryMigrationJob   *job,
            const FerryJobStats *stats)
{
  job->stats = *stats;
  _ferry_migration_job_notify_progress (job);
}

static GtkWidget *
find_labelled_bar (GtkWidget  *view,
                   const char *heading)
{
  GtkWidget *label = ferry_test_find_label (view, heading);

  g_assert_nonnull (label);
  /* The heading's row, then the bar under it. */
  return ferry_test_find_widget (gtk_widget_get_parent (gtk_widget_get_parent (label)),
                                 GTK_TYPE_PROGRESS_BAR);
}

/* Copying storage shows a second bar, "Storage", with its own figures; a
 * migration that copies no disk shows none. */
static void
test_view_storage (void)
{
  g_autoptr(FerryConnection) a = ferry_connection_new ("test:///default");
  g_autoptr(FerryConnection) b = ferry_connection_new ("test:///tmp/host-b.xml");
  g_autoptr(FerryMigrationJob) job = make_job (a, b, FALSE);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = ferry_migration_view_new (job);
  FerryJobStats stats = {
    .type = FERRY_JOB_TYPE_UNBOUNDED,
    .data_total = G_GUINT64_CONSTANT (12) << 30,
    .data_processed = G_GUINT64_CONSTANT (3) << 30,
    .data_remaining = G_GUINT64_CONSTANT (9) << 30,
    .memory_total = G_GUINT64_CONSTANT (2) << 30,
    .memory_bps = 8 << 20,
    .disk_total = G_GUINT64_CONSTANT (10) << 30,
    .disk_processed = G_GUINT64_CONSTANT (5) << 29,
    .disk_remaining = G_GUINT64_CONSTANT (15) << 29,
    .disk_bps = 48 << 20,
  };
  GtkWidget *heading;
  GtkWidget *bar;

  gtk_window_set_default_size (GTK_WINDOW (window), 560, 900);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));

  /* No reading yet: no storage bar. */
  heading = ferry_test_find_label (view, "Storage");
  g_assert_nonnull (heading);
  g_assert_false (gtk_widget_is_visible (heading));

  feed_stats (job, &stats);
  g_assert_true (gtk_widget_is_visible (heading));
  bar = find_labelled_bar (view, "Storage");
  g_assert_nonnull (bar);
  g_assert_true (bar != ferry_test_find_widget (view, GTK_TYPE_PROGRESS_BAR));
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)), 0.25, 1e-9);
  g_assert_nonnull (ferry_test_find_label (view, "2.5\u00a0GiB of 10.0\u00a0GiB at 48.0\u00a0MiB/s"));
  g_assert_nonnull (ferry_test_find_label (view, "25 %"));
  /* The totals above count memory and disks together, and so does the speed. */
  g_assert_nonnull (ferry_test_find_label (view, "12.0\u00a0GiB"));
  g_assert_nonnull (ferry_test_find_label (view, "56.0\u00a0MiB/s"));
  ferry_test_screenshot (window, "migration-view-storage");

  /* Disks done and the copy idle: no speed to give. */
  stats.disk_processed = stats.disk_total;
  stats.disk_remaining = 0;
  stats.disk_bps = 0;
  feed_stats (job, &stats);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)), ==, 1.0);
  g_assert_nonnull (ferry_test_find_label (view, "10.0\u00a0GiB of 10.0\u00a0GiB"));
  g_assert_nonnull (ferry_test_find_label (view, "100 %"));

  /* Shared storage: memory only, and the bar goes. */
  stats.disk_total = stats.disk_processed = 0;
  feed_stats (job, &stats);
  g_assert_false (gtk_widget_is_visible (heading));

  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_null (gpointer user_data)
{
  return *(gpointer *)user_data == NULL;
}

static gboolean
left_recovery (gpointer user_data)
{
  return ferry_migration_job_get_state (user_data) != FERRY_MIGRATION_STATE_NEEDS_RECOVERY &&
         ferry_migration_job_get_state (user_data) != FERRY_MIGRATION_STATE_PREPARING;
}

/* Post-copy broke off: the view says so, with what to do, keeps the events,
 * and its Recover button starts the recovery (here it fails at once: the
 * test's hosts are not connected, and that is told like any failure). */
static void
test_view_needs_recovery (void)
{
  g_autoptr(FerryConnection) a = ferry_connection_new ("test:///default");
  g_autoptr(FerryConnection) b = ferry_connection_new ("test:///tmp/host-b.xml");
  g_autoptr(FerryMigrationJob) job = make_job (a, b, TRUE);
  g_autoptr(GError) libvirt_error = g_error_new_literal (FERRY_ERROR, FERRY_ERROR_LIBVIRT,
                                                         "operation failed: job 'migration in' failed in post-copy phase");
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = ferry_migration_view_new (job);
  GtkWidget *recover;

  gtk_window_set_default_size (GTK_WINDOW (window), 720, 760);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  _ferry_migration_job_log (job, FERRY_EVENT_SEVERITY_INFO, NULL, "Post-copy started: the VM now runs on the destination");
  error = _ferry_migration_job_report_recovery (job, libvirt_error);
  ferry_test_flush ();

  g_assert_nonnull (ferry_test_find_label (view, "Migration Needs Recovery"));
  g_assert_nonnull (ferry_test_find_label (view, "Needs recovery"));
  g_assert_nonnull (ferry_test_find_label (view, ferry_migration_job_get_message (job)));
  g_assert_true (gtk_widget_get_visible (ferry_test_find_label (view, ferry_migration_job_get_message (job))));
  /* Nothing to cancel: the only way on is Recover, the suggested action. */
  g_assert_false (gtk_widget_get_visible (ferry_test_find_button (view, "_Cancel Migration")));
  recover = ferry_test_find_button (view, "_Recover");
  g_assert_nonnull (recover);
  g_assert_true (gtk_widget_get_visible (recover));
  g_assert_true (gtk_widget_has_css_class (recover, "suggested-action"));
  /* The events stay: libvirt's words and the earlier steps. */
  g_assert_nonnull (ferry_test_find_label (view, "Post-copy started: the VM now runs on the destination"));
  g_assert_nonnull (ferry_test_find_label (view, libvirt_error->message));
  ferry_test_screenshot (window, "migration-view-needs-recovery");

  ferry_test_press_button (view, "_Recover");
  ferry_test_wait_until (left_recovery, job, TIMEOUT_MS, "the recovery to end");
  g_assert_true (job->plan.flags & VIR_MIGRATE_POSTCOPY_RESUME);
  g_assert_cmpint (ferry_migration_job_get_state (job), ==, FERRY_MIGRATION_STATE_FAILED);
  g_assert_cmpstr (ferry_migration_job_get_message (job), ==, "Not connected to the source host");
  ferry_test_flush ();
  g_assert_false (gtk_widget_get_visible (recover));
  g_assert_nonnull (ferry_test_find_label (view, "Migration Failed"));

  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_templates (void)
{
  GtkWidget *widget;
  GtkWidget *dialog;

  widget = g_object_ref_sink (g_object_new (FERRY_TYPE_EVENTS_VIEW, NULL));
  g_assert_finalize_object (widget);
  widget = g_object_ref_sink (g_object_new (FERRY_TYPE_PROGRESS_CHART, NULL));
  g_assert_finalize_object (widget);
  widget = g_object_ref_sink (g_object_new (FERRY_TYPE_MIGRATION_VIEW, NULL));
  g_assert_finalize_object (widget);

  dialog = g_object_new (FERRY_TYPE_MIGRATE_DIALOG, NULL);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  ferry_test_wait_until (is_null, &dialog, TIMEOUT_MS, "the dialog to be freed");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ferry_core_init ();

  g_test_add_func ("/ui/format/bytes", test_format_bytes);
  g_test_add_func ("/ui/format/speed", test_format_speed);
  g_test_add_func ("/ui/format/duration", test_format_duration);
  g_test_add_func ("/ui/format/eta", test_format_eta);
  g_test_add_func ("/ui/migration-view/templates", test_templates);
  g_test_add_func ("/ui/migration-view/events", test_events_view);
  g_test_add_func ("/ui/migration-view/chart", test_progress_chart);
  g_test_add_func ("/ui/migration-view/cancel-confirmation", test_view_cancel_confirmation);
  g_test_add_func ("/ui/migration-view/storage", test_view_storage);
  g_test_add_func ("/ui/migration-view/needs-recovery", test_view_needs_recovery);

  return g_test_run ();
}
