/* test-window.c — the main window shows hosts and their virtual machines.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ferry-connection-dialog.h"
#include "ferry-credential-dialog.h"
#include "ferry-host-page.h"
#include "ferry-window.h"
#include "ferry-test-gtk.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000

static gboolean
view_has_rows (gpointer user_data)
{
  GtkColumnView *view = user_data;
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));

  return g_list_model_get_n_items (model) == 300;
}

/* Spinners that spin under @widget; one that spins on a hidden page still
 * redraws the window every frame (CPU burnt while the user does nothing). */
static guint
count_spinning (GtkWidget *widget)
{
  guint n = GTK_IS_SPINNER (widget) && gtk_spinner_get_spinning (GTK_SPINNER (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_spinning (child);
  return n;
}

static void
test_window_lists_host (void)
{
  g_autofree char *uri = ferry_test_write_host (300);
  g_autoptr(FerryConnectionManager) manager = ferry_connection_manager_new (NULL);
  FerryConnection *c = ferry_connection_manager_add (manager, uri, "Fixture host", FALSE, FALSE);
  GtkWidget *window;
  GtkWidget *page;
  GtkColumnView *view;
  GtkSelectionModel *model;
  g_autoptr(FerryDomain) first = NULL;
  GtkWidget *search;

  window = g_object_new (FERRY_TYPE_WINDOW, "manager", manager, NULL);
  gtk_window_present (GTK_WINDOW (window));

  /* The only host is selected and shown. */
  g_assert_true (ferry_window_get_selected_connection (FERRY_WINDOW (window)) == c);
  page = ferry_test_find_widget (window, FERRY_TYPE_HOST_PAGE);
  g_assert_true (ferry_host_page_get_connection (FERRY_HOST_PAGE (page)) == c);

  ferry_connection_manager_connect (manager, c);
  g_assert_cmpuint (count_spinning (window), >, 0);
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  /* Connected: nothing is busy, so nothing animates. */
  g_assert_cmpuint (count_spinning (window), ==, 0);

  view = GTK_COLUMN_VIEW (ferry_test_find_widget (page, GTK_TYPE_COLUMN_VIEW));
  ferry_test_wait_until (view_has_rows, view, TIMEOUT_MS, "300 rows in the VM list");

  /* Sorted by name at start (the sort runs incrementally, so wait for it). */
  model = gtk_column_view_get_model (view);
  while (gtk_sort_list_model_get_pending (GTK_SORT_LIST_MODEL (
           gtk_multi_selection_get_model (GTK_MULTI_SELECTION (model)))) > 0)
    g_main_context_iteration (NULL, TRUE);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (ferry_domain_get_name (first), ==, "vm-00000");

  /* The search filters by name. */
  search = ferry_test_find_widget (page, GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (search), "vm-0029");
  while (g_list_model_get_n_items (G_LIST_MODEL (model)) != 10)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_failed_host (void)
{
  g_autoptr(FerryConnectionManager) manager = ferry_connection_manager_new (NULL);
  FerryConnection *c = ferry_connection_manager_add (manager, "test:///no/such/file.xml",
                                                     NULL, FALSE, FALSE);
  GtkWidget *window = g_object_new (FERRY_TYPE_WINDOW, "manager", manager, NULL);
  GtkWidget *page = ferry_test_find_widget (window, FERRY_TYPE_HOST_PAGE);
  GtkStack *stack = GTK_STACK (ferry_test_find_widget (page, GTK_TYPE_STACK));

  gtk_window_present (GTK_WINDOW (window));
  ferry_connection_manager_connect (manager, c);
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_FAILED, TIMEOUT_MS);

  /* The reason is on screen, with a way to try again. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "failed");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
credential_dialog_shown (gpointer user_data)
{
  GtkWidget **dialog = user_data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  *dialog = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (FERRY_IS_CREDENTIAL_DIALOG (w) && gtk_widget_get_visible (w))
        *dialog = w;
    }
  return *dialog != NULL;
}

/* Answers the credential dialogs as a user would, typing into the rows they
 * show (libvirt may ask for the user name and the password one at a time),
 * until the connection stops authenticating. */
static void
answer_credentials (FerryConnection *c,
                    const char      *password)
{
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_AUTHENTICATING, TIMEOUT_MS);
  while (ferry_connection_get_state (c) == FERRY_CONNECTION_STATE_AUTHENTICATING)
    {
      GtkWidget *dialog = NULL;
      GtkWidget *row;

      if (!credential_dialog_shown (&dialog))
        {
          g_main_context_iteration (NULL, TRUE);
          continue;
        }
      row = ferry_test_find_widget (dialog, ADW_TYPE_ENTRY_ROW);
      g_assert_nonnull (row);
      gtk_editable_set_text (GTK_EDITABLE (row),
                             ADW_IS_PASSWORD_ENTRY_ROW (row) ? password : "admin");
      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
      ferry_test_press_button (dialog, "C_onnect");
      while (dialog != NULL && gtk_widget_get_visible (dialog))
        g_main_context_iteration (NULL, TRUE);
      if (dialog != NULL)
        g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
    }
}

static void
test_window_wrong_password_then_retry (void)
{
  g_autofree char *uri = ferry_test_write_auth_host ();
  g_autoptr(FerryConnectionManager) manager = ferry_connection_manager_new (NULL);
  FerryConnection *c = ferry_connection_manager_add (manager, uri, "Guarded host", FALSE, FALSE);
  GtkWidget *window = g_object_new (FERRY_TYPE_WINDOW, "manager", manager, NULL);
  GtkWidget *page = ferry_test_find_widget (window, FERRY_TYPE_HOST_PAGE);
  GtkStack *stack = GTK_STACK (ferry_test_find_widget (page, GTK_TYPE_STACK));

  gtk_window_present (GTK_WINDOW (window));
  ferry_connection_manager_connect (manager, c);
  answer_credentials (c, "wrong");
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_FAILED, TIMEOUT_MS);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "failed");

  /* "Try Again" on the failure page asks again; the right password connects. */
  gtk_widget_activate_action (page, "host.connect", NULL);
  answer_credentials (c, "s3cret");
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "connected");
  g_assert_cmpuint (g_list_model_get_n_items (ferry_connection_get_domains (c)), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_silent_host_cancel (void)
{
  guint16 port;
  g_autoptr(GSocket) listener = ferry_test_listen_silently (&port);
  g_autofree char *uri = g_strdup_printf ("qemu+tcp://127.0.0.1:%u/system", port);
  g_autoptr(FerryConnectionManager) manager = ferry_connection_manager_new (NULL);
  FerryConnection *c = ferry_connection_manager_add (manager, uri, NULL, FALSE, FALSE);
  g_autofree char *other_uri = ferry_test_write_host (5);
  FerryConnection *other = ferry_connection_manager_add (manager, other_uri, NULL, FALSE, FALSE);
  GtkWidget *window = g_object_new (FERRY_TYPE_WINDOW, "manager", manager, NULL);
  GtkWidget *page = ferry_test_find_widget (window, FERRY_TYPE_HOST_PAGE);
  GtkStack *stack = GTK_STACK (ferry_test_find_widget (page, GTK_TYPE_STACK));

  gtk_window_present (GTK_WINDOW (window));
  ferry_connection_manager_connect (manager, c);
  ferry_connection_manager_connect (manager, other);

  /* The hung host shows "Connecting…" with Cancel, and the other host
   * connects meanwhile: nothing waits for the hung one. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "connecting");
  ferry_test_wait_property (other, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  g_assert_cmpint (ferry_connection_get_state (c), ==, FERRY_CONNECTION_STATE_CONNECTING);

  g_assert_true (gtk_widget_activate_action (page, "host.cancel", NULL));
  g_assert_cmpint (ferry_connection_get_state (c), ==, FERRY_CONNECTION_STATE_DISCONNECTED);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "disconnected");
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
connection_dialog_shown (gpointer user_data)
{
  GtkWidget **dialog = user_data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  *dialog = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (FERRY_IS_CONNECTION_DIALOG (w) && gtk_widget_get_visible (w))
        *dialog = w;
    }
  return *dialog != NULL;
}

static gboolean
has_connections (gpointer user_data)
{
  return g_list_model_get_n_items (ferry_connection_manager_get_connections (user_data)) > 0;
}

/* The user adds a host with the Add Connection dialog (custom URI) and its
 * VMs appear; the host is saved for the next start. */
static void
test_window_add_connection (void)
{
  g_autofree char *uri = ferry_test_write_host (12);
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autoptr(FerryConnectionManager) manager = NULL;
  g_autoptr(FerryConnectionManager) restarted = NULL;
  GtkWidget *window, *dialog = NULL, *row, *page;
  AdwComboRow *transport;
  FerryConnection *c;

  g_settings_reset (settings, "connections");
  manager = ferry_connection_manager_new (settings);
  window = g_object_new (FERRY_TYPE_WINDOW, "manager", manager, NULL);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (gtk_widget_activate_action (window, "win.add-connection", NULL));
  ferry_test_wait_until (connection_dialog_shown, &dialog, TIMEOUT_MS, "connection dialog");

  /* Choose "Custom URI" (the last transport) and type the URI. */
  transport = ADW_COMBO_ROW (ferry_test_find_widget (dialog, ADW_TYPE_COMBO_ROW));
  adw_combo_row_set_selected (transport,
                              g_list_model_get_n_items (adw_combo_row_get_model (transport)) - 1);
  /* In custom mode the one entry row on screen is the URI row. */
  row = ferry_test_find_mapped (dialog, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), uri);
  g_assert_cmpstr (ferry_connection_dialog_get_uri (FERRY_CONNECTION_DIALOG (dialog)), ==, uri);
  g_assert_null (ferry_connection_dialog_get_error_message (FERRY_CONNECTION_DIALOG (dialog)));
  ferry_test_press_button (dialog, "_Add");

  ferry_test_wait_until (has_connections, manager, TIMEOUT_MS, "the new connection");
  c = ferry_connection_manager_lookup (manager, uri);
  g_assert_nonnull (c);
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  g_assert_true (ferry_window_get_selected_connection (FERRY_WINDOW (window)) == c);
  page = ferry_test_find_widget (window, FERRY_TYPE_HOST_PAGE);
  g_assert_true (ferry_host_page_get_connection (FERRY_HOST_PAGE (page)) == c);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_connection_get_domains (c)), ==, 12);

  /* Saved: a restarted Ferry knows it. */
  restarted = ferry_connection_manager_new (settings);
  g_assert_nonnull (ferry_connection_manager_lookup (restarted, uri));

  /* Remove it from the host menu. */
  g_assert_true (gtk_widget_activate_action (window, "win.remove-connection", NULL));
  g_assert_null (ferry_connection_manager_lookup (manager, uri));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ferry_core_init ();

  g_test_add_func ("/ui/window/lists-host", test_window_lists_host);
  g_test_add_func ("/ui/window/failed-host", test_window_failed_host);
  g_test_add_func ("/ui/window/wrong-password-then-retry", test_window_wrong_password_then_retry);
  g_test_add_func ("/ui/window/silent-host-cancel", test_window_silent_host_cancel);
  g_test_add_func ("/ui/window/add-connection", test_window_add_connection);

  return g_test_run ();
}
