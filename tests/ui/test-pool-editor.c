/* test-pool-editor.c — a user fills the New NFS Pool editor with bad values,
 * reads the message under each field, scans the server's exports, fixes the
 * values and presses Create: the pool is defined, started and autostarted on
 * a test-driver host. Then the pools view's actions on it, and the editor on
 * a running pool.
 *
 * Set FERRY_SCREENSHOT_DIR to keep screenshots of the editor.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ferry-core.h"
#include "ferry-pool-editor-private.h"
#include "ferry-pools-view-private.h"
#include "ferry-test-gtk.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000

/* One connection for the whole program: the test driver's default host
 * (and the pool test_create makes) lives as long as a connection is open. */
static FerryConnection *shared;

static FerryConnection *
connect_default (void)
{
  if (shared == NULL)
    {
      shared = ferry_connection_new ("test:///default");
      ferry_connection_open_async (shared, NULL, NULL, NULL);
      ferry_test_wait_property (shared, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
      ferry_test_wait_property (ferry_connection_get_inventory (shared), "loaded", TRUE,
                                TIMEOUT_MS);
    }
  return g_object_ref (shared);
}

static void
type (AdwEntryRow *row,
      const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
assert_error (FerryPoolEditor *editor,
              FerryPoolField   field,
              const char      *message)
{
  AdwActionRow *error = editor->errors[field];

  if (message == NULL)
    {
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error)));
      g_assert_false (gtk_widget_has_css_class (editor->inputs[field], "error"));
      return;
    }
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (error)), ==, message);
  g_assert_true (gtk_widget_has_css_class (editor->inputs[field], "error"));
}

static gboolean
has_export_row (gpointer user_data)
{
  FerryPoolEditor *editor = user_data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (editor->scan_stack), "list") == 0;
}

static void
finished_cb (FerryPoolEditor *editor,
             const char      *name,
             char           **out)
{
  *out = g_strdup (name);
}

static gboolean
is_set (gpointer user_data)
{
  return *(char **)user_data != NULL;
}

static gboolean
pool_running_autostart (gpointer user_data)
{
  FerryPool *pool = ferry_host_inventory_find_pool (user_data, "ferry-ui-nfs");

  return pool != NULL && ferry_pool_get_active (pool) && ferry_pool_get_autostart (pool);
}

static void
test_create (void)
{
  g_autoptr(FerryConnection) c = connect_default ();
  FerryHostInventory *inventory = ferry_connection_get_inventory (c);
  FerryPoolEditor *editor = ferry_pool_editor_new (c, NULL, FALSE);
  g_autofree char *finished = NULL;
  FerryPool *pool;

  gtk_window_present (GTK_WINDOW (editor));
  ferry_test_flush ();
  /* Nothing typed yet: no field complains. */
  for (guint field = 0; field < FERRY_POOL_N_FIELDS; field++)
    assert_error (editor, field, NULL);

  type (editor->name_row, "default-pool");
  type (editor->host_row, "nas /srv");
  type (editor->dir_row, "srv/nfs");
  type (editor->target_row, "/etc");
  type (editor->mode_row, "0789");
  type (editor->owner_row, "qemu");
  assert_error (editor, FERRY_POOL_FIELD_NAME, "This host already has a pool named “default-pool”");
  assert_error (editor, FERRY_POOL_FIELD_SOURCE_HOST,
                "A host name has no spaces or “/”: put the export path in its own field");
  assert_error (editor, FERRY_POOL_FIELD_SOURCE_DIR,
                "Use an absolute path, starting with “/”, such as /srv/nfs/vms");
  assert_error (editor, FERRY_POOL_FIELD_TARGET_PATH,
                "/etc is a system directory: mounting over it hides what is there. "
                "Use a directory of its own, such as /etc/nfs-pool");
  assert_error (editor, FERRY_POOL_FIELD_MODE, "Write the mode in octal digits (0–7), such as 0755");
  assert_error (editor, FERRY_POOL_FIELD_OWNER,
                "Enter the owner as a number (a UID from 0 to 4294967294), not a name");
  /* Untouched fields stay quiet until Create is pressed. */
  assert_error (editor, FERRY_POOL_FIELD_GROUP, NULL);

  /* GlusterFS: the export field becomes a volume name, the NFS version
   * and the scan do not apply. */
  adw_combo_row_set_selected (editor->format_row, 2);
  g_assert_cmpstr (ferry_pool_config_get_field (editor->config, FERRY_POOL_FIELD_FORMAT), ==, "glusterfs");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (editor->dir_row)), ==, "Gluster _volume");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (editor->version_row)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (editor->scan_button)));
  adw_combo_row_set_selected (editor->format_row, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (editor->dir_row)), ==, "_Export path");
  ferry_test_flush ();
  ferry_test_screenshot (GTK_WIDGET (editor), "pool-editor-errors");

  /* Create with errors sends nothing. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.create", NULL);
  g_assert_false (ferry_pool_editor_get_busy (editor));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->progress_group)));

  /* Scan the server, pick its export. */
  type (editor->host_row, "nfs.example.com");
  assert_error (editor, FERRY_POOL_FIELD_SOURCE_HOST, NULL);
  gtk_menu_button_popup (editor->scan_button);
  ferry_test_wait_until (has_export_row, editor, TIMEOUT_MS, "exports listed");
  ferry_test_flush ();
  ferry_test_screenshot (GTK_WIDGET (editor), "pool-editor-scan");
  gtk_widget_activate (gtk_widget_get_first_child (GTK_WIDGET (editor->scan_list)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor->dir_row)), ==, "/testshare");
  assert_error (editor, FERRY_POOL_FIELD_SOURCE_DIR, NULL);

  type (editor->name_row, "ferry-ui-nfs");
  type (editor->target_row, "/var/lib/libvirt/ferry-ui-nfs");
  type (editor->mode_row, "0755");
  type (editor->owner_row, "107");
  adw_combo_row_set_selected (editor->version_row, 2);
  for (guint field = 0; field < FERRY_POOL_N_FIELDS; field++)
    assert_error (editor, field, NULL);
  g_assert_true (gtk_switch_get_active (editor->autostart_switch));

  g_signal_connect (editor, "finished", G_CALLBACK (finished_cb), &finished);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.create", NULL);
  g_assert_true (ferry_pool_editor_get_busy (editor));
  ferry_test_wait_until (is_set, &finished, TIMEOUT_MS, "pool created");
  g_assert_cmpstr (finished, ==, "ferry-ui-nfs");
  ferry_test_wait_until (pool_running_autostart, inventory, TIMEOUT_MS, "pool running");
  pool = ferry_host_inventory_find_pool (inventory, "ferry-ui-nfs");
  g_assert_cmpstr (ferry_pool_get_source_dir (pool), ==, "/testshare");
  g_assert_cmpstr (ferry_pool_get_target_path (pool), ==, "/var/lib/libvirt/ferry-ui-nfs");
  /* Active with its space known: what the pools view's capacity bar shows. */
  g_assert_cmpuint (ferry_pool_get_capacity (pool), >, 0);
  g_assert_cmpuint (ferry_pool_get_available (pool), <=, ferry_pool_get_capacity (pool));
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
}

static gboolean
action_enabled_is (FerryPoolsView *view,
                   const char     *name,
                   gboolean        enabled)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (view->actions), name) == enabled;
}

typedef struct
{
  FerryPoolsView *view;
  const char     *action;
  gboolean        enabled;
} EnabledWait;

static gboolean
enabled_is (gpointer user_data)
{
  EnabledWait *w = user_data;

  return action_enabled_is (w->view, w->action, w->enabled);
}

static void
select_pool (FerryPoolsView *view,
             const char     *name)
{
  GListModel *model = G_LIST_MODEL (view->selection);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FerryPool) pool = g_list_model_get_item (model, i);

      if (g_str_equal (ferry_pool_get_name (pool), name))
        gtk_single_selection_set_selected (view->selection, i);
    }
}

static gboolean
find_editor (gpointer user_data)
{
  *(GtkWindow **)user_data = ferry_test_find_toplevel (FERRY_TYPE_POOL_EDITOR);
  return *(GtkWindow **)user_data != NULL;
}

static gboolean
autostart_off (gpointer user_data)
{
  FerryPoolsView *view = user_data;
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (view->actions),
                                                               "autostart");

  return !g_variant_get_boolean (state);
}

/* Depends on test_create's pool. */
static void
test_view_actions (void)
{
  g_autoptr(FerryConnection) c = connect_default ();
  GtkWidget *window = gtk_window_new ();
  FerryPoolsView *view = FERRY_POOLS_VIEW (ferry_pools_view_new ());
  EnabledWait w = { view, "start", TRUE };
  FerryPoolEditor *editor = NULL;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 500);
  ferry_pools_view_set_connection (view, c);
  gtk_window_present (GTK_WINDOW (window));
  select_pool (view, "ferry-ui-nfs");
  ferry_test_flush ();
  ferry_test_screenshot (window, "pools-view");

  g_assert_true (action_enabled_is (view, "stop", TRUE));
  g_assert_true (action_enabled_is (view, "start", FALSE));
  g_assert_true (action_enabled_is (view, "volumes", TRUE));
  g_assert_false (autostart_off (view));

  /* Editing a running pool shows why it cannot be changed. */
  gtk_widget_activate_action (GTK_WIDGET (view), "pools.edit", NULL);
  ferry_test_wait_until (find_editor, &editor, TIMEOUT_MS, "editor shown");
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->running_group)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->create_button)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (editor->source_group)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor->dir_row)), ==, "/testshare");
  gtk_window_destroy (GTK_WINDOW (editor));

  gtk_widget_activate_action (GTK_WIDGET (view), "pools.stop", NULL);
  ferry_test_wait_until (enabled_is, &w, TIMEOUT_MS, "stopped: start enabled");
  g_assert_true (action_enabled_is (view, "volumes", FALSE));
  /* Autostart off: libvirt sends no event; the state follows anyway. */
  gtk_widget_activate_action (GTK_WIDGET (view), "pools.autostart", NULL);
  ferry_test_wait_until (autostart_off, view, TIMEOUT_MS, "autostart off");
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

  g_test_add_func ("/ui/pool-editor/create", test_create);
  g_test_add_func ("/ui/pool-editor/view-actions", test_view_actions);

  status = g_test_run ();
  if (shared != NULL)
    ferry_connection_close (shared);
  g_clear_object (&shared);
  return status;
}
