/* test-pool-copy.c — "the same pool on the other host", as a user does it:
 * three test-driver hosts (each its own fixture file, so each its own
 * libvirt instance). The New NFS Pool editor on host a, with host b checked
 * on its Other Hosts page, creates the pool on a and then on b: libvirt on b
 * has it, running and autostarted. Then the pools view's "Define on Another
 * Host…" for that pool greys out b (it has the pool) and defines it on c,
 * showing c's steps; with the other hosts gone, the action is disabled.
 *
 * Set FERRY_SCREENSHOT_DIR to keep screenshots of the page and the dialog.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "ferry-connection-private.h"
#include "ferry-core.h"
#include "ferry-pool-copy-dialog.h"
#include "ferry-pool-copy-list-private.h"
#include "ferry-pool-editor-private.h"
#include "ferry-pools-view-private.h"
#include "ferry-test-gtk.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000
#define POOL "ferry-copied"

static FerryConnection *
open_host (FerryConnectionManager *manager,
           const char             *name)
{
  g_autofree char *uri = ferry_test_write_host (0);
  FerryConnection *c = ferry_connection_manager_add (manager, uri, name, FALSE, FALSE);

  ferry_connection_manager_connect (manager, c);
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  ferry_test_wait_property (ferry_connection_get_inventory (c), "loaded", TRUE, TIMEOUT_MS);
  return c;
}

/* ------------------------------------------------- what libvirt says */

typedef struct
{
  virConnectPtr      conn;
  int                found;
  int                active;
  int                autostart;
  unsigned long long capacity;
} PoolFacts;

/* A worker: libvirt is never called on the main thread, not even here. */
static void
facts_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PoolFacts *facts = task_data;
  virStoragePoolPtr pool = virStoragePoolLookupByName (facts->conn, POOL);
  virStoragePoolInfo info;

  if (pool != NULL)
    {
      facts->found = 1;
      facts->active = virStoragePoolIsActive (pool);
      virStoragePoolGetAutostart (pool, &facts->autostart);
      if (virStoragePoolGetInfo (pool, &info) == 0)
        facts->capacity = info.capacity;
      virStoragePoolFree (pool);
    }
  virResetLastError ();
  virConnectClose (facts->conn);
  g_task_return_boolean (task, TRUE);
}

static void
facts_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(gboolean *)user_data = TRUE;
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static gboolean
is_set (gpointer user_data)
{
  return *(gpointer *)user_data != NULL;
}

static gboolean
is_true (gpointer user_data)
{
  return *(gboolean *)user_data;
}

/* The pool as libvirt on @c has it, read through Ferry's own connection to
 * that host (a fixture file's instance lives in the connection that opened it). */
static PoolFacts
pool_facts (FerryConnection *c)
{
  PoolFacts facts = { _ferry_connection_ref_conn (c), 0 };
  gboolean done = FALSE;
  g_autoptr(GTask) task = g_task_new (NULL, NULL, facts_cb, &done);

  g_assert_nonnull (facts.conn);
  g_task_set_task_data (task, &facts, NULL);
  g_task_run_in_thread (task, facts_worker);
  ferry_test_wait_until (is_true, &done, TIMEOUT_MS, "libvirt's answer");
  return facts;
}

/* ------------------------------------------------------------ the rows */

static AdwActionRow *
host_row (FerryPoolCopyList *list,
          FerryConnection   *c)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_object_get_data (G_OBJECT (row), "connection") == c)
      return ADW_ACTION_ROW (row);
  return NULL;
}

static guint
n_rows (FerryPoolCopyList *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n += g_object_get_data (G_OBJECT (row), "connection") != NULL;
  return n;
}

static GtkCheckButton *
row_check (AdwActionRow *row)
{
  return GTK_CHECK_BUTTON (ferry_test_find_widget (GTK_WIDGET (row), GTK_TYPE_CHECK_BUTTON));
}

static gboolean
pool_autostarted (gpointer user_data)
{
  FerryPool *pool = ferry_host_inventory_find_pool (ferry_connection_get_inventory (user_data),
                                                    POOL);

  return pool != NULL && ferry_pool_get_autostart (pool);
}

static void
define_pool (FerryConnection *c,
             const char      *name)
{
  g_autoptr(FerryPoolConfig) config = ferry_pool_config_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_object_set (config, "name", name, "source-host", "nfs.example.com", "source-dir", "/srv/vms",
                "target-path", "/var/lib/libvirt/c-own", NULL);
  ferry_pool_define_async (c, config, NULL, result_cb, &result);
  ferry_test_wait_until (is_set, &result, TIMEOUT_MS, "pool defined");
  g_assert_true (ferry_pool_define_finish (c, result, &error));
  g_assert_no_error (error);
}

static void
undefine_pool (FerryConnection *c,
               const char      *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  ferry_pool_op_async (c, name, FERRY_POOL_OP_UNDEFINE, NULL, result_cb, &result);
  ferry_test_wait_until (is_set, &result, TIMEOUT_MS, "pool undefined");
  g_assert_true (ferry_pool_op_finish (c, result, &error));
  g_assert_no_error (error);
}

/* The editor closes itself once every step is done, here and on the other
 * hosts; on a failure it stays open on the step that failed. */
static gboolean
is_gone (gpointer user_data)
{
  return *(gpointer *)user_data == NULL;
}

/* ---------------------------------------------------------------- tests */

/* The inventory hears of the pool through libvirt's events, a little after
 * the editor's steps are done. */
static gboolean
pool_active (gpointer user_data)
{
  FerryPool *pool = ferry_host_inventory_find_pool (ferry_connection_get_inventory (user_data),
                                                    POOL);

  return pool != NULL && ferry_pool_get_active (pool);
}

static FerryConnectionManager *manager;
static FerryConnection *host_a, *host_b, *host_c;

static void
test_editor_also_define_on (void)
{
  FerryPoolEditor *editor;
  AdwActionRow *row;
  GtkWidget *last;
  FerryPool *pool;
  PoolFacts facts;

  host_a = open_host (manager, "host-a");
  host_b = open_host (manager, "host-b");

  editor = ferry_pool_editor_new (host_a, NULL, FALSE);
  ferry_pool_editor_set_manager (editor, manager);
  gtk_window_present (GTK_WINDOW (editor));

  gtk_editable_set_text (GTK_EDITABLE (editor->name_row), POOL);
  gtk_editable_set_text (GTK_EDITABLE (editor->host_row), "nfs.example.com");
  gtk_editable_set_text (GTK_EDITABLE (editor->dir_row), "/srv/vms");
  gtk_editable_set_text (GTK_EDITABLE (editor->target_row), "/var/lib/libvirt/" POOL);

  /* The second page lists the other open host, not this one, unchecked. */
  adw_view_stack_set_visible_child_name (editor->view_stack, "hosts");
  ferry_test_flush ();
  g_assert_cmpuint (n_rows (editor->copy_list), ==, 1);
  row = host_row (editor->copy_list, host_b);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "host-b");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  g_assert_false (gtk_check_button_get_active (row_check (row)));

  /* Clicking the row checks the host. */
  gtk_widget_activate (GTK_WIDGET (row));
  g_assert_true (gtk_check_button_get_active (row_check (row)));
  g_assert_cmpuint (ferry_pool_copy_list_get_n_selected (editor->copy_list), ==, 1);
  ferry_test_flush ();
  ferry_test_screenshot (GTK_WIDGET (editor), "pool-editor-other-hosts");

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *)&editor);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.create", NULL);
  g_assert_true (ferry_pool_editor_get_busy (editor));
  /* The progress list ends with the copy, after this host's own steps. */
  last = gtk_widget_get_last_child (GTK_WIDGET (editor->progress_list));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (last)), ==,
                   "Defining the pool on host-b");
  last = gtk_widget_get_prev_sibling (last);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (last)), ==,
                   "Turning autostart on");
  ferry_test_wait_until (is_gone, &editor, TIMEOUT_MS, "pool created here and on host-b");

  /* On this host: active, and its space known. */
  ferry_test_wait_until (pool_active, host_a, TIMEOUT_MS, "the pool active on host-a");
  pool = ferry_host_inventory_find_pool (ferry_connection_get_inventory (host_a), POOL);
  g_assert_cmpuint (ferry_pool_get_capacity (pool), >, 0);

  /* On host b, as libvirt there has it: defined, running, started at boot. */
  facts = pool_facts (host_b);
  g_assert_true (facts.found);
  g_assert_cmpint (facts.active, ==, 1);
  g_assert_cmpint (facts.autostart, ==, 1);
  g_assert_cmpuint (facts.capacity, >, 0);
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
}

static gboolean
action_enabled_is (FerryPoolsView *view,
                   gboolean        enabled)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (view->actions), "copy") == enabled;
}

static gboolean
copy_disabled (gpointer user_data)
{
  return action_enabled_is (user_data, FALSE);
}

static gboolean
find_dialog (gpointer user_data)
{
  *(GtkWindow **)user_data = ferry_test_find_toplevel (FERRY_TYPE_POOL_COPY_DIALOG);
  return *(GtkWindow **)user_data != NULL;
}

static gboolean
row_succeeded (gpointer user_data)
{
  GtkImage *icon = g_object_get_data (user_data, "icon");

  return gtk_widget_get_visible (GTK_WIDGET (icon)) &&
         g_strcmp0 (gtk_image_get_icon_name (icon), "object-select-symbolic") == 0;
}

/* A row that shows a run's outcome (its status icon, set up by
 * ferry-pool-copy-list.c): a copy to that host ran and is over. */
static gboolean
row_done (gpointer user_data)
{
  return gtk_widget_get_visible (g_object_get_data (user_data, "icon"));
}

/* Depends on test_editor_also_define_on's pool. */
static void
test_dialog (void)
{
  GtkWidget *window = gtk_window_new ();
  FerryPoolsView *view = FERRY_POOLS_VIEW (ferry_pools_view_new ());
  FerryPoolCopyDialog *dialog = NULL;
  FerryPoolCopyList *list;
  GtkWidget *define;
  AdwActionRow *row;
  PoolFacts facts;

  host_c = open_host (manager, "host-c");
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 500);
  ferry_pools_view_set_manager (view, manager);
  ferry_pools_view_set_connection (view, host_a);
  gtk_window_present (GTK_WINDOW (window));
  /* Host a's only pool: the one the editor made. */
  gtk_single_selection_set_selected (view->selection, 0);
  ferry_test_flush ();
  g_assert_cmpstr (ferry_pool_get_name (_ferry_pools_view_selected_pool (view)), ==, POOL);
  g_assert_true (action_enabled_is (view, TRUE));

  gtk_widget_activate_action (GTK_WIDGET (view), "pools.copy", NULL);
  ferry_test_wait_until (find_dialog, &dialog, TIMEOUT_MS, "copy dialog shown");
  list = FERRY_POOL_COPY_LIST (ferry_pool_copy_dialog_get_list (dialog));
  ferry_test_flush ();

  /* b has the pool: greyed out, saying so. c is free. Nothing is checked yet,
   * so Define cannot be pressed. */
  g_assert_cmpuint (n_rows (list), ==, 2);
  row = host_row (list, host_b);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==,
                   "Already has a pool named “" POOL "”");
  g_assert_false (gtk_check_button_get_active (row_check (row)));
  row = host_row (list, host_c);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  define = ferry_test_find_button (GTK_WIDGET (dialog), "_Define");
  g_assert_false (gtk_widget_is_sensitive (define));

  gtk_widget_activate (GTK_WIDGET (row));
  g_assert_true (gtk_widget_is_sensitive (define));
  ferry_test_flush ();
  ferry_test_screenshot (GTK_WIDGET (dialog), "pool-copy-dialog");

  /* c has another pool on the same NFS export: libvirt there refuses a
   * second one. The row says so in words, with each step's outcome. */
  define_pool (host_c, "c-own");
  ferry_test_press_button (GTK_WIDGET (dialog), "_Define");
  ferry_test_wait_until (row_done, row, TIMEOUT_MS, "copy to host-c");
  g_assert_cmpstr (gtk_image_get_icon_name (g_object_get_data (G_OBJECT (row), "icon")), ==,
                   "dialog-error-symbolic");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row),
                                   "The pool could not be defined on host-c.\nDefined: failed ("));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "c-own"));
  g_assert_nonnull (ferry_test_find_button (GTK_WIDGET (dialog), "_Retry"));
  ferry_test_flush ();
  ferry_test_screenshot (GTK_WIDGET (dialog), "pool-copy-dialog-failed");

  /* Without that pool, Retry defines it. */
  undefine_pool (host_c, "c-own");
  ferry_test_press_button (GTK_WIDGET (dialog), "_Retry");
  ferry_test_wait_until (row_succeeded, row, TIMEOUT_MS, "copy to host-c, again");
  ferry_test_flush ();
  ferry_test_screenshot (GTK_WIDGET (dialog), "pool-copy-dialog-done");

  /* c's row reads the copy's report, step by step; the dialog only closes now. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Defined: done"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Started: done"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Autostart set: done"));
  g_assert_false (gtk_widget_get_visible (define));
  g_assert_nonnull (ferry_test_find_button (GTK_WIDGET (dialog), "_Close"));
  facts = pool_facts (host_c);
  g_assert_cmpint (facts.active, ==, 1);
  g_assert_cmpint (facts.autostart, ==, 1);
  /* c's own pools view shows it so too, though libvirt sends no autostart event. */
  ferry_test_wait_until (pool_autostarted, host_c, TIMEOUT_MS, "autostart in host-c's pool list");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* No other host open: nowhere to define it, so the action is off. */
  ferry_connection_close (host_b);
  ferry_connection_close (host_c);
  ferry_test_wait_until (copy_disabled, view, TIMEOUT_MS, "pools.copy disabled");
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ferry_core_init ();
  /* A blinking cursor's timer can fire while another window holds the X
   * focus, which GTK reports as a warning (fatal here). */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  manager = ferry_connection_manager_new (NULL);

  g_test_add_func ("/ui/pool-copy/editor-also-define-on", test_editor_also_define_on);
  g_test_add_func ("/ui/pool-copy/dialog", test_dialog);

  status = g_test_run ();
  if (host_a != NULL)
    ferry_connection_close (host_a);
  g_clear_object (&manager);
  return status;
}
