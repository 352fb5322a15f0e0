/* test-readiness-page.c — the readiness page on two test-driver hosts: results
 * grouped by severity, a host fix carried out from its button, options and
 * editor fixes handed out through ::fix-requested, and has-blockers.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ferry-readiness-page.h"
#include "ferry-test-gtk.h"
#include "ferry-test-utils.h"
#include "core/test-readiness-fixtures.h"

#define TIMEOUT_MS 5000

typedef struct
{
  char                  *dir;
  FerryConnection       *source;
  FerryConnection       *destination;
  FerryMigrationOptions *options;
  FerryReadiness        *readiness;
  GtkWidget             *window;
  FerryReadinessPage    *page;
  FerryReadinessResult  *requested;
} Fixture;

static FerryConnection *
open_host (const char *dir,
           const char *name,
           const char *xml)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *uri = g_strdup_printf ("test://%s", path);
  FerryConnection *connection;

  g_assert_true (g_file_set_contents (path, xml, -1, NULL));
  connection = ferry_connection_new (uri);
  ferry_connection_open_async (connection, NULL, NULL, NULL);
  ferry_test_wait_property (connection, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  return connection;
}

static gboolean
checked (gpointer user_data)
{
  Fixture *f = user_data;

  return !ferry_readiness_get_running (f->readiness) &&
         g_list_model_get_n_items (ferry_readiness_get_results (f->readiness)) > 0;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  f->dir = g_dir_make_tmp ("ferry-readiness-page-XXXXXX", NULL);
  f->source = open_host (f->dir, "source.xml", source_host);
  f->destination = open_host (f->dir, "destination.xml", destination_host);
  f->options = ferry_migration_options_new ();
  f->readiness = ferry_readiness_new (f->source, f->destination, data, f->options);
  f->page = FERRY_READINESS_PAGE (ferry_readiness_page_new (f->readiness));
  gtk_widget_set_margin_top (GTK_WIDGET (f->page), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (f->page), 18);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (f->page));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 720, 780);
  gtk_window_set_child (GTK_WINDOW (f->window), scroller);
  gtk_window_present (GTK_WINDOW (f->window));
  ferry_test_wait_until (checked, f, TIMEOUT_MS, "first check");
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *s = g_build_filename (f->dir, "source.xml", NULL);
  g_autofree char *d = g_build_filename (f->dir, "destination.xml", NULL);

  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->requested);
  g_clear_object (&f->readiness);
  g_clear_object (&f->options);
  g_clear_object (&f->source);
  g_clear_object (&f->destination);
  g_unlink (s);
  g_unlink (d);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GtkWidget *
row_titled (Fixture    *f,
            const char *title)
{
  GtkWidget *child = GTK_WIDGET (f->page);

  /* Depth-first walk through every widget of the page. */
  while (child != NULL)
    {
      if (ADW_IS_EXPANDER_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;
      if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != NULL && gtk_widget_get_next_sibling (child) == NULL)
            child = child == GTK_WIDGET (f->page) ? NULL : gtk_widget_get_parent (child);
          child = child ? gtk_widget_get_next_sibling (child) : NULL;
        }
    }
  return NULL;
}

static gboolean
in_group (GtkWidget  *row,
          const char *group_title)
{
  GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

  return group != NULL && gtk_widget_get_visible (group) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), group_title) == 0;
}

static gboolean
nas_ok (gpointer user_data)
{
  Fixture *f = user_data;
  FerryReadinessResult *r = ferry_readiness_lookup (f->readiness, "disk-storage", "nas");

  return !ferry_readiness_get_running (f->readiness) &&
         r != NULL && ferry_readiness_result_get_severity (r) == FERRY_READINESS_OK;
}

static void
test_host_fix (Fixture *f, gconstpointer data)
{
  GtkWidget *row = row_titled (f, "Disk vda: pool “nas” is missing on the destination");

  g_assert_nonnull (row);
  g_assert_true (in_group (row, "Blockers"));
  g_assert_true (in_group (row_titled (f, "Source and destination are the same host"), "Blockers"));
  g_assert_true (in_group (row_titled (f, "The destination has enough free memory"), "Passed"));
  g_assert_true (ferry_readiness_page_get_has_blockers (f->page));
  ferry_test_screenshot (f->window, "readiness-page-before-fix");

  /* The button does the fix through core, then checks again. */
  ferry_test_press_button (row, "Define Pool on Destination");
  ferry_test_wait_until (nas_ok, f, TIMEOUT_MS, "the pool fix and the new check");
  row = row_titled (f, "Disk vda is on shared storage the destination has");
  g_assert_nonnull (row);
  g_assert_true (in_group (row, "Passed"));
  /* Still the same host: Migrate stays disabled. */
  g_assert_true (ferry_readiness_page_get_has_blockers (f->page));
  ferry_test_screenshot (f->window, "readiness-page-after-fix");
}

static gboolean
fix_requested_cb (FerryReadinessPage   *page,
                  FerryReadinessResult *result,
                  Fixture              *f)
{
  g_set_object (&f->requested, result);
  /* The editor is the dialog's business; options fixes are left to the page. */
  return g_str_equal (ferry_readiness_result_get_fix_id (result), "make-migration-safe");
}

static gboolean
requested (gpointer user_data)
{
  return ((Fixture *)user_data)->requested != NULL;
}

static void
test_requested_fixes (Fixture *f, gconstpointer data)
{
  g_signal_connect (f->page, "fix-requested", G_CALLBACK (fix_requested_cb), f);

  ferry_test_press_button (row_titled (f, "Disk vda uses cache mode “writeback”"), "Make Migration-Safe…");
  ferry_test_wait_until (requested, f, TIMEOUT_MS, "fix-requested for the editor");
  g_assert_cmpstr (ferry_readiness_result_get_subject (f->requested), ==, "vda");

  g_clear_object (&f->requested);
  ferry_test_press_button (row_titled (f, "Disk vda is not on shared storage"), "Copy Storage");
  ferry_test_wait_until (requested, f, TIMEOUT_MS, "fix-requested for copy storage");
  g_assert_cmpstr (ferry_readiness_result_get_fix_id (f->requested), ==, "choose-copy-storage");
  /* Not handled: the page chose copy storage, and the results followed. */
  g_assert_cmpint (ferry_migration_options_get_copy_storage (f->options), ==, FERRY_MIGRATION_COPY_STORAGE_ALL);
  g_assert_nonnull (row_titled (f, "Disk vda: no active pool on the destination to copy it into"));
}

static void
test_check_again (Fixture *f, gconstpointer data)
{
  GtkWidget *check = ferry_test_find_button (GTK_WIDGET (f->page), "Check _Again");

  g_assert_nonnull (check);
  ferry_test_press_button (GTK_WIDGET (f->page), "Check _Again");
  ferry_test_wait_property (f->readiness, "running", TRUE, TIMEOUT_MS);
  g_assert_false (gtk_widget_is_sensitive (check));
  ferry_test_wait_until (checked, f, TIMEOUT_MS, "second check");
  g_assert_true (gtk_widget_is_sensitive (check));
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ferry_core_init ();

  g_test_add ("/readiness-page/host-fix", Fixture, "nas-vm", setup, test_host_fix, teardown);
  g_test_add ("/readiness-page/requested-fixes", Fixture, "dir-vm", setup, test_requested_fixes, teardown);
  g_test_add ("/readiness-page/check-again", Fixture, "web", setup, test_check_again, teardown);

  return g_test_run ();
}
