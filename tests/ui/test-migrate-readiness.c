/* test-migrate-readiness.c — the Migrate dialog's Readiness tab on two
 * test-driver hosts: checks start when a destination is chosen, Migrate
 * waits for them and stays off while a blocker remains, an options fix
 * changes the dialog's own options, and "Make Migration-Safe…" opens the
 * VM's disk editor.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ferry-disks-window.h"
#include "ferry-migrate-dialog.h"
#include "ferry-readiness-page.h"
#include "ferry-test-gtk.h"
#include "ferry-test-utils.h"
#include "core/test-readiness-fixtures.h"

#define TIMEOUT_MS 10000

typedef struct
{
  char                   *dir;
  FerryConnectionManager *manager;
  FerryConnection        *source;
  FerryConnection        *destination;
  FerryMigrateDialog     *dialog;
} Fixture;

static FerryConnection *
add_host (Fixture    *f,
          const char *file,
          const char *title,
          const char *xml)
{
  g_autofree char *path = g_build_filename (f->dir, file, NULL);
  g_autofree char *uri = g_strdup_printf ("test://%s", path);
  FerryConnection *connection;

  g_assert_true (g_file_set_contents (path, xml, -1, NULL));
  connection = ferry_connection_manager_add (f->manager, uri, title, FALSE, FALSE);
  ferry_connection_manager_connect (f->manager, connection);
  ferry_test_wait_property (connection, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  ferry_test_wait_property (connection, "domains-listed", TRUE, TIMEOUT_MS);
  return connection;
}

static FerryDomain *
find_domain (FerryConnection *connection,
             const char      *name)
{
  GListModel *domains = ferry_connection_get_domains (connection);

  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(FerryDomain) domain = g_list_model_get_item (domains, i);

      if (g_strcmp0 (ferry_domain_get_name (domain), name) == 0)
        return domain;
    }
  g_assert_not_reached ();
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("ferry-migrate-readiness-XXXXXX", NULL);
  f->manager = ferry_connection_manager_new (NULL);
  f->source = add_host (f, "source.xml", "Source", source_host);
  f->destination = add_host (f, "destination.xml", "Destination", destination_host);
  /* Readiness is on by default: the dialog as the app opens it. */
  f->dialog = ferry_migrate_dialog_new (NULL, f->manager, f->source, find_domain (f->source, data));
  gtk_window_set_default_size (GTK_WINDOW (f->dialog), 720, 860);
  gtk_window_present (GTK_WINDOW (f->dialog));
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->dialog));
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
  g_clear_object (&f->manager);
  g_remove (g_build_filename (f->dir, "source.xml", NULL));
  g_remove (g_build_filename (f->dir, "destination.xml", NULL));
  g_rmdir (f->dir);
  g_free (f->dir);
}

static FerryReadinessPage *
readiness_page (Fixture *f)
{
  return FERRY_READINESS_PAGE (ferry_test_find_widget (GTK_WIDGET (f->dialog), FERRY_TYPE_READINESS_PAGE));
}

static gboolean
checked (gpointer user_data)
{
  FerryReadiness *readiness = ferry_readiness_page_get_readiness (readiness_page (user_data));

  return readiness != NULL && !ferry_readiness_get_running (readiness) &&
         g_list_model_get_n_items (ferry_readiness_get_results (readiness)) > 0;
}

static GtkWidget *
readiness_row (Fixture    *f,
               const char *id)
{
  GtkWidget *row = ferry_test_find_named (GTK_WIDGET (readiness_page (f)), id);

  g_assert_nonnull (row);
  return row;
}

/* The options stack: Destination, Connection, Advanced, Readiness. */
static GtkStack *
options_stack (Fixture *f)
{
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (readiness_page (f)), GTK_TYPE_STACK);

  while (stack != NULL && gtk_stack_get_child_by_name (GTK_STACK (stack), "readiness") == NULL)
    stack = gtk_widget_get_ancestor (gtk_widget_get_parent (stack), GTK_TYPE_STACK);
  g_assert_nonnull (stack);
  return GTK_STACK (stack);
}

static GtkStackPage *
readiness_tab (Fixture *f)
{
  GtkStack *stack = options_stack (f);

  return gtk_stack_get_page (stack, gtk_stack_get_child_by_name (stack, "readiness"));
}

/* Chooses the destination, waits for the checks, and opens the tab. */
static void
choose_destination (Fixture *f)
{
  ferry_migrate_dialog_set_destination (f->dialog, f->destination);
  ferry_test_wait_until (checked, f, TIMEOUT_MS, "the readiness checks");
  gtk_stack_set_visible_child_name (options_stack (f), "readiness");
}

/* Migrate waits for the checks and stays off while a blocker remains. */
static void
test_blocks (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *migrate = ferry_test_find_button (GTK_WIDGET (f->dialog), "_Migrate");
  GtkWidget *placeholder = GTK_WIDGET (ferry_test_find_widget (GTK_WIDGET (f->dialog), ADW_TYPE_STATUS_PAGE));

  /* Nothing to check before there is a destination. */
  g_assert_true (gtk_widget_get_visible (placeholder));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (readiness_page (f))));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (migrate), ==, "Choose a destination host");

  ferry_migrate_dialog_set_destination (f->dialog, f->destination);
  /* The checks run off the main thread; Migrate waits for them. */
  g_assert_false (gtk_widget_get_sensitive (migrate));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (migrate), ==, "Checking whether the VM can move…");
  ferry_test_wait_until (checked, f, TIMEOUT_MS, "the readiness checks");
  g_assert_false (gtk_widget_get_visible (placeholder));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (readiness_page (f))));

  /* Test-driver hosts share one hostname: "the same host", which nothing
   * overrides. The local disk blocks too, and the tab asks for attention. */
  g_assert_true (ferry_readiness_page_get_has_blockers (readiness_page (f)));
  g_assert_nonnull (readiness_row (f, "same-host"));
  g_assert_false (gtk_widget_get_sensitive (migrate));
  g_assert_true (g_str_has_suffix (gtk_widget_get_tooltip_text (migrate),
                                   "problems block the migration: see Readiness"));
  g_assert_true (gtk_stack_page_get_needs_attention (readiness_tab (f)));
  gtk_stack_set_visible_child_name (options_stack (f), "readiness");
  ferry_test_screenshot (GTK_WIDGET (f->dialog), "migrate-dialog-readiness");
  g_assert_false (gtk_widget_get_visible (ferry_test_find_named (GTK_WIDGET (f->dialog),
                                                                 "unsafe-group")));
  /* Even the action itself (the shortcut, or a stale button) starts nothing. */
  gtk_widget_activate_action (GTK_WIDGET (f->dialog), "dialog.migrate", NULL);
  g_assert_null (ferry_migrate_dialog_get_job (f->dialog));
}

/* "Copy Storage" on the local disk changes the dialog's own options: the
 * row and the virsh command follow, and the disk is checked again. */
static void
test_options_fix (Fixture       *f,
                  gconstpointer  data)
{
  FerryMigrationOptions *options = ferry_migrate_dialog_get_options (f->dialog);
  FerryReadiness *readiness;

  choose_destination (f);
  readiness = ferry_readiness_page_get_readiness (readiness_page (f));
  g_assert_cmpint (ferry_readiness_result_get_severity (ferry_readiness_lookup (readiness, "disk-storage", "vda")),
                   ==, FERRY_READINESS_BLOCKER);

  ferry_test_press_button (readiness_row (f, "disk-storage"), "Copy Storage");
  ferry_test_wait_property (options, "copy-storage", FERRY_MIGRATION_COPY_STORAGE_ALL, TIMEOUT_MS);
  ferry_test_screenshot (GTK_WIDGET (f->dialog), "migrate-dialog-readiness-copy-storage");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (ferry_test_find_named (GTK_WIDGET (f->dialog),
                                                                                     "command"))),
                            "--copy-storage-all"));
  /* Now it is to be copied, and the destination has no pool for it. */
  g_assert_null (ferry_readiness_lookup (readiness, "disk-storage", "vda"));
  g_assert_nonnull (ferry_readiness_lookup (readiness, "disk-storage", "local"));
}

static gboolean
disks_window_shown (gpointer user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (FERRY_IS_DISKS_WINDOW (window))
        {
          *(FerryDisksWindow **)user_data = FERRY_DISKS_WINDOW (window);
          return TRUE;
        }
    }
  return FALSE;
}

/* The cache-mode warning's fix opens the VM's disk editor, for this VM on
 * the source, over the dialog. */
static void
test_editor_fix (Fixture       *f,
                 gconstpointer  data)
{
  FerryDisksWindow *window = NULL;

  choose_destination (f);
  ferry_test_press_button (readiness_row (f, "cache-mode"), "Make Migration-Safe…");
  ferry_test_wait_until (disks_window_shown, &window, TIMEOUT_MS, "the disk editor");
  g_assert_true (ferry_disks_window_get_connection (window) == f->source);
  g_assert_cmpstr (ferry_disks_window_get_domain (window), ==, "dir-vm");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (window)) == GTK_WINDOW (f->dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (window)));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ferry_core_init ();

  g_test_add ("/ui/migrate-readiness/blocks", Fixture, "dir-vm", setup, test_blocks, teardown);
  g_test_add ("/ui/migrate-readiness/options-fix", Fixture, "dir-vm", setup, test_options_fix, teardown);
  g_test_add ("/ui/migrate-readiness/editor-fix", Fixture, "dir-vm", setup, test_editor_fix, teardown);

  return g_test_run ();
}
