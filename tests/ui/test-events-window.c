/* test-events-window.c — the events window lists the manager's events and
 * saves them as text.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ferry-events-view.h"
#include "ferry-events-window.h"
#include "ferry-window.h"
#include "ferry-test-gtk.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000

static gboolean
n_shown_is (FerryEventsView *view,
            guint            n)
{
  return ferry_events_view_get_n_shown (view) == n;
}

static gboolean
two_events_shown (gpointer user_data)
{
  return n_shown_is (user_data, 2);
}

static void
test_events_window_lists_and_saves (void)
{
  g_autofree char *uri_b = ferry_test_write_host (2);
  g_autoptr(FerryConnectionManager) manager = ferry_connection_manager_new (NULL);
  FerryConnection *a = ferry_connection_manager_add (manager, "test:///default", "host-a", FALSE, FALSE);
  FerryConnection *b = ferry_connection_manager_add (manager, uri_b, "host-b", FALSE, FALSE);
  FerryEventsWindow *window = ferry_events_window_new (manager);
  FerryEventsView *view = ferry_events_window_get_view (window);
  g_autofree char *dir = g_dir_make_tmp ("ferry-events-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "events.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path ("/nonexistent/dir/events.txt");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) lines = NULL;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ferry_events_view_get_model (view) == ferry_connection_manager_get_events (manager));
  g_assert_cmpuint (ferry_events_view_get_n_shown (view), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (ferry_test_find_button (GTK_WIDGET (window),
                                                                   "_Save as Text…")));

  ferry_connection_manager_connect (manager, a);
  ferry_connection_manager_connect (manager, b);
  ferry_test_wait_until (two_events_shown, view, TIMEOUT_MS, "both hosts' events shown");
  g_assert_true (gtk_widget_is_sensitive (ferry_test_find_button (GTK_WIDGET (window),
                                                                  "_Save as Text…")));

  /* Saved: what is shown, as "Copy" copies it. */
  g_assert_true (ferry_events_window_save_to_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  expected = ferry_events_view_to_text (view);
  g_assert_cmpstr (contents, ==, expected);
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);   /* two lines and "" */
  g_assert_nonnull (strstr (contents, "host-a"));
  g_assert_nonnull (strstr (contents, "host-b"));
  g_assert_nonnull (strstr (lines[0], "Connected"));
  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&expected, g_free);

  /* Filtered by host: only that host's lines are saved. */
  ferry_events_view_set_filter_text (view, "host-b");
  while (!n_shown_is (view, 1))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ferry_events_window_save_to_file (window, file, &error));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "host-b"));
  g_assert_null (strstr (contents, "host-a"));

  /* A place that cannot be written to gives an error, not a crash. */
  g_assert_false (ferry_events_window_save_to_file (window, bad, &error));
  g_assert_nonnull (error);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_main_window_shows_events (void)
{
  g_autoptr(FerryConnectionManager) manager = ferry_connection_manager_new (NULL);
  GtkWidget *window = g_object_new (FERRY_TYPE_WINDOW, "manager", manager, NULL);
  GtkWindow *first = NULL;
  GtkWindow *second = NULL;
  GList *toplevels;

  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (gtk_widget_activate_action (window, "win.show-events", NULL));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (FERRY_IS_EVENTS_WINDOW (l->data))
      first = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (first);
  g_assert_true (gtk_window_get_transient_for (first) == GTK_WINDOW (window));
  g_assert_true (ferry_events_view_get_model (ferry_events_window_get_view (FERRY_EVENTS_WINDOW (first)))
                 == ferry_connection_manager_get_events (manager));

  /* Closed, then asked for again: the same window comes back. */
  gtk_window_close (first);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (first)));
  g_assert_true (gtk_widget_activate_action (window, "win.show-events", NULL));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (FERRY_IS_EVENTS_WINDOW (l->data))
      {
        g_assert_null (second);
        second = l->data;
      }
  g_list_free (toplevels);
  g_assert_true (second == first);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (second)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_events_window_template (void)
{
  GtkWidget *window = GTK_WIDGET (ferry_events_window_new (NULL));

  g_assert_nonnull (ferry_events_window_get_view (FERRY_EVENTS_WINDOW (window)));
  gtk_window_present (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ferry_core_init ();

  g_test_add_func ("/ui/events-window/template", test_events_window_template);
  g_test_add_func ("/ui/events-window/lists-and-saves", test_events_window_lists_and_saves);
  g_test_add_func ("/ui/events-window/from-main-window", test_main_window_shows_events);

  return g_test_run ();
}
