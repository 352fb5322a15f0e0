/* test-storage-move-window.c — the Move Storage window on libvirt's test driver: a user
 * ticks disks and picks a pool; the checks show what cannot move with the reason, and Move
 * is enabled only when nothing blocks; pressing Move shows the progress and the outcome.
 * Also reached from the Disks window.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "ferry-disks-window.h"
#include "ferry-storage-move-window.h"
#include "ferry-test-gtk.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000

static FerryConnection *
open_host (void)
{
  /* Shared with test-storage-move; the test driver changes only its memory. */
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "storage-move-host.xml", NULL);
  g_autofree char *uri = g_strdup_printf ("test://%s", path);
  FerryConnection *connection = ferry_connection_new (uri);

  ferry_connection_open_async (connection, NULL, NULL, NULL);
  ferry_test_wait_property (connection, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  ferry_test_wait_property (ferry_connection_get_inventory (connection), "loaded", TRUE, TIMEOUT_MS);
  return connection;
}

static gboolean
settled (gpointer user_data)
{
  FerryStorageMoveWindow *window = user_data;

  return ferry_test_find_mapped (GTK_WIDGET (window), GTK_TYPE_CHECK_BUTTON) != NULL &&
         !ferry_storage_move_window_get_checking (window);
}

static void
wait_settled (FerryStorageMoveWindow *window)
{
  ferry_test_wait_until (settled, window, TIMEOUT_MS, "the checks");
}

static void
collect_checks (GtkWidget *widget,
                GPtrArray *checks)
{
  if (GTK_IS_CHECK_BUTTON (widget))
    g_ptr_array_add (checks, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_checks (child, checks);
}

/* The check button of the disk row titled @target. */
static GtkCheckButton *
disk_check (FerryStorageMoveWindow *window,
            const char             *target)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();

  collect_checks (GTK_WIDGET (window), checks);
  for (guint i = 0; i < checks->len; i++)
    if (g_strcmp0 (g_object_get_data (checks->pdata[i], "target"), target) == 0)
      return checks->pdata[i];
  g_error ("no disk row %s", target);
}

static void
tick (FerryStorageMoveWindow *window,
      const char             *target,
      gboolean                active)
{
  gtk_check_button_set_active (disk_check (window, target), active);
  wait_settled (window);
}

static AdwComboRow *
combo_row (FerryStorageMoveWindow *window,
           const char             *title)
{
  GtkWidget *label = ferry_test_find_label (GTK_WIDGET (window), title);
  GtkWidget *row = label ? gtk_widget_get_ancestor (label, ADW_TYPE_COMBO_ROW) : NULL;

  g_assert_nonnull (row);
  return ADW_COMBO_ROW (row);
}

static void
pick_pool (FerryStorageMoveWindow *window,
           const char             *name)
{
  AdwComboRow *row = combo_row (window, "_Pool");
  GListModel *labels = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (labels), i), name))
      {
        adw_combo_row_set_selected (row, i);
        wait_settled (window);
        return;
      }
  g_error ("no pool %s", name);
}

static gboolean
move_enabled (FerryStorageMoveWindow *window)
{
  GtkWidget *button = ferry_test_find_button (GTK_WIDGET (window), "_Move");

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

/* Some label on screen contains @text. */
static gboolean
shows (GtkWidget  *widget,
       const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shows (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
move_ended (gpointer user_data)
{
  FerryStorageMove *move = ferry_storage_move_window_get_move (user_data);
  FerryStorageMoveState state = ferry_storage_move_get_state (move);

  return state == FERRY_STORAGE_MOVE_STATE_COMPLETED || state == FERRY_STORAGE_MOVE_STATE_FAILED;
}

static void
test_choices (void)
{
  g_autoptr(FerryConnection) connection = open_host ();
  FerryStorageMoveWindow *window = ferry_storage_move_window_new (connection, "vm-off");

  gtk_window_present (GTK_WINDOW (window));
  wait_settled (window);
  /* Every disk of the VM is offered; none is ticked, so nothing can move yet. */
  g_assert_nonnull (disk_check (window, "vda"));
  g_assert_nonnull (disk_check (window, "sda"));
  g_assert_true (shows (GTK_WIDGET (window), "No disk chosen"));
  g_assert_false (move_enabled (window));

  /* The pools say how much room they have. */
  pick_pool (window, "fast");
  g_assert_true (g_str_has_suffix (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (combo_row (window, "_Pool"))),
                                                               adw_combo_row_get_selected (combo_row (window, "_Pool"))),
                                   "free)"));
  tick (window, "vda", TRUE);
  g_assert_true (shows (GTK_WIDGET (window), "Disk vda can move by cloning"));
  g_assert_true (move_enabled (window));

  /* A CD-ROM is refused with the reason, and Move is off. */
  tick (window, "sda", TRUE);
  g_assert_true (shows (GTK_WIDGET (window), "Disk sda is read-only"));
  g_assert_true (shows (GTK_WIDGET (window), "change its medium"));
  g_assert_false (move_enabled (window));
  tick (window, "sda", FALSE);

  /* A pool without room for a raw copy. */
  tick (window, "vde", TRUE);
  g_assert_true (shows (GTK_WIDGET (window), "Not enough room in pool “fast”"));
  g_assert_false (move_enabled (window));
  ferry_test_screenshot (GTK_WIDGET (window), "storage-move-window-refused");
  /* As qcow2 it fits (with a warning that it may outgrow the pool). */
  adw_combo_row_set_selected (combo_row (window, "_Format"), FERRY_STORAGE_FORMAT_QCOW2);
  wait_settled (window);
  g_assert_true (shows (GTK_WIDGET (window), "may outgrow pool “fast”"));
  g_assert_true (move_enabled (window));
  tick (window, "vde", FALSE);

  /* The same pool the disk is in. */
  pick_pool (window, "slow");
  g_assert_true (shows (GTK_WIDGET (window), "already in pool “slow”"));
  g_assert_false (move_enabled (window));

  gtk_window_destroy (GTK_WINDOW (window));
  ferry_connection_close (connection);
}

/* The test driver refuses to clone across pools: the run shows its progress rows and ends
 * Failed with libvirt's reason in the window; the choices stay locked on the outcome. */
static void
test_move_outcome (void)
{
  g_autoptr(FerryConnection) connection = open_host ();
  FerryStorageMoveWindow *window = ferry_storage_move_window_new (connection, "vm-off");
  FerryStorageMove *move;

  gtk_window_present (GTK_WINDOW (window));
  wait_settled (window);
  pick_pool (window, "fast");
  tick (window, "vda", TRUE);
  ferry_test_press_button (GTK_WIDGET (window), "_Move");
  move = ferry_storage_move_window_get_move (window);
  ferry_test_wait_until (move_ended, window, TIMEOUT_MS, "the move to end");
  g_assert_cmpint (ferry_storage_move_get_state (move), ==, FERRY_STORAGE_MOVE_STATE_FAILED);
  ferry_test_wait_until ((FerryTestCondition)gtk_widget_get_mapped,
                         ferry_test_find_label (GTK_WIDGET (window), "Failed"), TIMEOUT_MS, "the outcome");
  g_assert_true (shows (GTK_WIDGET (window), ferry_storage_move_get_message (move)));
  g_assert_false (move_enabled (window));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (disk_check (window, "vda"))));
  ferry_test_screenshot (GTK_WIDGET (window), "storage-move-window-outcome");

  gtk_window_destroy (GTK_WINDOW (window));
  ferry_connection_close (connection);
}

static gboolean
storage_window_open (gpointer user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (FERRY_IS_STORAGE_MOVE_WINDOW (window))
        {
          *(GtkWindow **)user_data = window;
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_from_disks_window (void)
{
  g_autoptr(FerryConnection) connection = open_host ();
  FerryDisksWindow *disks = ferry_disks_window_new (connection, "vm-off");
  GtkWindow *window = NULL;

  gtk_window_present (GTK_WINDOW (disks));
  ferry_test_wait_until ((FerryTestCondition)gtk_widget_get_mapped, disks, TIMEOUT_MS, "the Disks window");
  ferry_test_press_button (GTK_WIDGET (disks), "_Move Storage…");
  ferry_test_wait_until (storage_window_open, &window, TIMEOUT_MS, "the Move Storage window");
  g_assert_true (gtk_window_get_transient_for (window) == GTK_WINDOW (disks));
  wait_settled (FERRY_STORAGE_MOVE_WINDOW (window));
  ferry_test_screenshot (GTK_WIDGET (window), "storage-move-window");

  gtk_window_destroy (window);
  gtk_window_destroy (GTK_WINDOW (disks));
  ferry_connection_close (connection);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ferry_core_init ();
  g_test_add_func ("/storage-move-window/choices", test_choices);
  g_test_add_func ("/storage-move-window/move-outcome", test_move_outcome);
  g_test_add_func ("/storage-move-window/from-disks-window", test_from_disks_window);
  return g_test_run ();
}
