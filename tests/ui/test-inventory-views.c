/* test-inventory-views.c — the storage pool and network lists.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ferry-networks-view.h"
#include "ferry-pools-view.h"
#include "ferry-test-gtk.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000
#define GIB (1024ull * 1024 * 1024)

/* Rows the column view has actually made widgets for. */
static guint
count_rows (GtkWidget *view)
{
  GtkWidget *list = ferry_test_find_widget (view, GTK_TYPE_LIST_VIEW);
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (gtk_widget_get_css_name (child), "row") && gtk_widget_get_visible (child))
      n++;
  return n;
}

typedef struct
{
  GtkWidget *view;
  guint      n_rows;
} RowsWait;

static gboolean
rows_shown (gpointer user_data)
{
  RowsWait *wait = user_data;

  return gtk_widget_get_mapped (wait->view) && count_rows (wait->view) == wait->n_rows;
}

static const char *
visible_page (GtkWidget *view)
{
  GtkStack *stack = GTK_STACK (ferry_test_find_widget (view, GTK_TYPE_STACK));

  return gtk_stack_get_visible_child_name (stack);
}

static FerryPool *
make_pool (const char     *name,
           const char     *type,
           FerryPoolState  state,
           guint64         capacity,
           guint64         allocation)
{
  FerryPoolInfo info = {
    .name = (char *)name,
    .uuid = (char *)name,
    .type = (char *)type,
    .target_path = (char *)"/srv/pool",
    .state = state,
    .capacity = capacity,
    .allocation = allocation,
    .available = capacity - allocation,
    .active = state == FERRY_POOL_STATE_RUNNING,
    .persistent = TRUE,
    .autostart = state == FERRY_POOL_STATE_RUNNING,
  };

  return _ferry_pool_new (&info);
}

static FerryNetwork *
make_network (const char *name,
              gboolean    active,
              const char *bridge,
              const char *forward_mode)
{
  FerryNetworkInfo info = {
    .name = (char *)name,
    .uuid = (char *)name,
    .bridge = (char *)bridge,
    .forward_mode = (char *)forward_mode,
    .active = active,
    .persistent = TRUE,
    .autostart = active,
  };

  return _ferry_network_new (&info);
}

static void
test_templates (void)
{
  GtkWidget *pools = g_object_ref_sink (ferry_pools_view_new ());
  GtkWidget *networks = g_object_ref_sink (ferry_networks_view_new ());

  g_assert_null (ferry_pools_view_get_model (FERRY_POOLS_VIEW (pools)));
  g_assert_cmpstr (visible_page (pools), ==, "empty");
  g_assert_cmpstr (visible_page (networks), ==, "empty");

  g_assert_finalize_object (pools);
  g_assert_finalize_object (networks);
}

/* Shows @view with @model in a window, and checks the rows, then the empty
 * page once the model is emptied. */
static void
check_view_rows (GtkWidget  *view,
                 GListStore *store)
{
  GtkWidget *window = gtk_window_new ();
  RowsWait wait = { view, g_list_model_get_n_items (G_LIST_MODEL (store)) };
  GListModel *shown;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 400);
  gtk_window_set_child (GTK_WINDOW (window), view);
  g_object_set (view, "model", store, NULL);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_cmpstr (visible_page (view), ==, "list");
  ferry_test_wait_until (rows_shown, &wait, TIMEOUT_MS, "one row per item");

  /* Sorted by name at start; the model itself keeps its order. */
  shown = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (
            ferry_test_find_widget (view, GTK_TYPE_COLUMN_VIEW))));
  while (gtk_sort_list_model_get_pending (GTK_SORT_LIST_MODEL (
           gtk_single_selection_get_model (GTK_SINGLE_SELECTION (shown)))) > 0)
    g_main_context_iteration (NULL, TRUE);
  {
    g_autoptr(GObject) first = g_list_model_get_item (shown, 0);
    g_autofree char *name = NULL;

    g_object_get (first, "name", &name, NULL);
    g_assert_cmpstr (name, ==, "alpha");
  }

  g_list_store_remove_all (store);
  g_assert_cmpstr (visible_page (view), ==, "empty");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_pools_rows (void)
{
  g_autoptr(GListStore) store = g_list_store_new (FERRY_TYPE_POOL);
  g_autoptr(FerryPool) images = make_pool ("images", "dir", FERRY_POOL_STATE_RUNNING,
                                           500 * GIB, 120 * GIB);
  g_autoptr(FerryPool) alpha = make_pool ("alpha", "netfs", FERRY_POOL_STATE_INACTIVE, 0, 0);
  g_autoptr(FerryPool) full = make_pool ("full", "logical", FERRY_POOL_STATE_DEGRADED,
                                         100 * GIB, 97 * GIB);
  GtkWidget *view = ferry_pools_view_new ();

  g_list_store_append (store, images);
  g_list_store_append (store, alpha);
  g_list_store_append (store, full);
  check_view_rows (view, store);
}

static void
test_networks_rows (void)
{
  g_autoptr(GListStore) store = g_list_store_new (FERRY_TYPE_NETWORK);
  g_autoptr(FerryNetwork) lan = make_network ("lan", TRUE, "virbr0", "nat");
  g_autoptr(FerryNetwork) alpha = make_network ("alpha", FALSE, NULL, NULL);
  GtkWidget *view = ferry_networks_view_new ();

  g_list_store_append (store, lan);
  g_list_store_append (store, alpha);
  check_view_rows (view, store);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ferry_core_init ();

  g_test_add_func ("/ui/inventory-views/templates", test_templates);
  g_test_add_func ("/ui/inventory-views/pools-rows", test_pools_rows);
  g_test_add_func ("/ui/inventory-views/networks-rows", test_networks_rows);

  return g_test_run ();
}
