/* test-host-page-list.c — the host page's VM list, on a test-driver host with
 * many VMs, opens at the top when the host lists its VMs for the first time
 * (it used to open scrolled down to about the 22nd row).
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ferry-host-page.h"
#include "ferry-test-gtk.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000
#define N_VMS      200

static gboolean
list_settled (gpointer user_data)
{
  GtkMultiSelection *selection = user_data;
  GtkSortListModel *sorted = GTK_SORT_LIST_MODEL (gtk_multi_selection_get_model (selection));
  GtkFilterListModel *filtered = GTK_FILTER_LIST_MODEL (gtk_sort_list_model_get_model (sorted));

  return g_list_model_get_n_items (G_LIST_MODEL (selection)) == N_VMS &&
         gtk_sort_list_model_get_pending (sorted) == 0 &&
         gtk_filter_list_model_get_pending (filtered) == 0;
}

static gboolean
at_top (gpointer user_data)
{
  return gtk_adjustment_get_value (GTK_ADJUSTMENT (user_data)) == 0.0;
}

/* The label showing @text that is on screen inside @scrolled's viewport. */
static gboolean
label_visible_in (GtkWidget  *root,
                  GtkWidget  *scrolled,
                  const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    {
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (root, scrolled, &bounds));
      return bounds.origin.y >= 0 &&
             bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_visible_in (child, scrolled, text))
      return TRUE;
  return FALSE;
}

/* The user opens a host with 200 VMs: the page is on screen, empty, while the
 * host connects; then the VMs are listed, filtered and sorted incrementally.
 * The list must show its first rows, not rows from the middle. */
static void
test_first_listing_at_top (void)
{
  g_autoptr(FerryConnectionManager) manager = ferry_connection_manager_new (NULL);
  g_autofree char *uri = ferry_test_write_host (N_VMS);
  FerryConnection *host = ferry_connection_manager_add (manager, uri, "Many VMs", FALSE, FALSE);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = g_object_new (FERRY_TYPE_HOST_PAGE, NULL);
  GtkWidget *view;
  GtkWidget *scrolled;
  GtkAdjustment *vadjustment;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), page);
  ferry_host_page_set_connection (FERRY_HOST_PAGE (page), host);
  gtk_window_present (GTK_WINDOW (window));
  ferry_test_flush ();

  ferry_connection_manager_connect (manager, host);
  ferry_test_wait_property (host, "domains-listed", TRUE, TIMEOUT_MS);
  view = ferry_test_find_widget (page, GTK_TYPE_COLUMN_VIEW);
  ferry_test_wait_until (list_settled, gtk_column_view_get_model (GTK_COLUMN_VIEW (view)),
                         TIMEOUT_MS, "200 VMs listed and sorted");
  ferry_test_flush ();

  scrolled = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  /* The view settles over a few frames (slow on a loaded machine); the list
   * used to settle scrolled down and stay there. */
  ferry_test_wait_until (at_top, vadjustment, TIMEOUT_MS, "the list at its top");
  ferry_test_flush ();
  /* 200 rows do not fit: the list can scroll, and it stays at the top. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >,
                     gtk_adjustment_get_page_size (vadjustment));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 0.0);
  g_assert_true (label_visible_in (view, scrolled, "vm-00000"));
  ferry_test_screenshot (window, "host-page-first-listing");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ferry_core_init ();
  g_test_add_func ("/host-page/first-listing-at-top", test_first_listing_at_top);
  return g_test_run ();
}
