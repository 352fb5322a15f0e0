/* test-migrate-multi.c — several VMs at once, and a destination added from
 * the Migrate dialog itself ("Other Host…"), against test-driver hosts; and
 * the host page's VM list, which selects several VMs.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "ferry-connection-dialog.h"
#include "ferry-host-page.h"
#include "ferry-migrate-dialog.h"
#include "ferry-test-gtk.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000

typedef struct
{
  FerryConnectionManager *manager;
  FerryConnection        *host_a;   /* test:///default */
  FerryConnection        *host_b;   /* generated: vm-00000 shut off, vm-00001/2 running */
  char                   *host_b_uri;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->manager = ferry_connection_manager_new (NULL);
  f->host_b_uri = ferry_test_write_host (5);
  f->host_a = ferry_connection_manager_add (f->manager, "test:///default", "Host A", FALSE, FALSE);
  f->host_b = ferry_connection_manager_add (f->manager, f->host_b_uri, "Host B", FALSE, FALSE);
  ferry_connection_manager_connect (f->manager, f->host_a);
  ferry_connection_manager_connect (f->manager, f->host_b);
  ferry_test_wait_property (f->host_a, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  ferry_test_wait_property (f->host_b, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  ferry_test_wait_property (f->host_a, "domains-listed", TRUE, TIMEOUT_MS);
  ferry_test_wait_property (f->host_b, "domains-listed", TRUE, TIMEOUT_MS);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
  g_clear_object (&f->manager);
  g_clear_pointer (&f->host_b_uri, g_free);
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

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The dialog for the VMs named, all on @source, on screen. */
static FerryMigrateDialog *
open_dialog (Fixture         *f,
             FerryConnection *source,
             const char      *first,
             const char      *second)
{
  g_autoptr(GPtrArray) domains = g_ptr_array_new ();
  FerryMigrateDialog *dialog;

  g_ptr_array_add (domains, find_domain (source, first));
  g_ptr_array_add (domains, find_domain (source, second));
  /* Without readiness checks, as in test-migrate-dialog: test-driver hosts
   * are always "the same host". */
  dialog = g_object_new (FERRY_TYPE_MIGRATE_DIALOG,
                         "manager", f->manager,
                         "source", source,
                         "domains", domains,
                         "check-readiness", FALSE,
                         NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
job_started_cb (FerryMigrateDialog *dialog,
                FerryMigrationJob  *job,
                GPtrArray          *jobs)
{
  g_ptr_array_add (jobs, g_object_ref (job));
}

static gboolean
jobs_ended (gpointer user_data)
{
  GPtrArray *jobs = user_data;

  for (guint i = 0; i < jobs->len; i++)
    {
      FerryMigrationState state = ferry_migration_job_get_state (g_ptr_array_index (jobs, i));

      if (state != FERRY_MIGRATION_STATE_FAILED && state != FERRY_MIGRATION_STATE_COMPLETED &&
          state != FERRY_MIGRATION_STATE_CANCELLED)
        return FALSE;
    }
  return TRUE;
}

/* Two running VMs: the title counts them, and Migrate starts a job for each. */
static void
test_two_vms (Fixture       *f,
              gconstpointer  data)
{
  FerryMigrateDialog *dialog = open_dialog (f, f->host_b, "vm-00001", "vm-00002");
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);
  AdwWindowTitle *title;
  GtkWidget *row;

  title = ADW_WINDOW_TITLE (ferry_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_WINDOW_TITLE));
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Migrate 2 VMs");
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (title), "vm-00001, vm-00002"));

  /* Both run: live, as for one VM; offline says why not. */
  row = find_row (GTK_WIDGET (dialog), "_Offline");
  g_assert_false (gtk_widget_get_sensitive (row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Needs the VMs shut off; vm-00001 is running");
  g_assert_true (gtk_widget_get_sensitive (find_row (GTK_WIDGET (dialog), "_Live")));

  g_signal_connect (dialog, "job-started", G_CALLBACK (job_started_cb), jobs);
  adw_action_row_activate (ADW_ACTION_ROW (find_row (GTK_WIDGET (dialog), "Host A")));
  g_assert_true (ferry_migrate_dialog_get_destination (dialog) == f->host_a);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.migrate", NULL));

  g_assert_cmpuint (jobs->len, ==, 2);
  g_assert_cmpstr (ferry_migration_job_get_domain_name (g_ptr_array_index (jobs, 0)), ==, "vm-00001");
  g_assert_cmpstr (ferry_migration_job_get_domain_name (g_ptr_array_index (jobs, 1)), ==, "vm-00002");
  for (guint i = 0; i < jobs->len; i++)
    g_assert_true (ferry_migration_job_get_destination (g_ptr_array_index (jobs, i)) == f->host_a);
  g_assert_cmpuint (ferry_migrate_dialog_get_jobs (dialog)->len, ==, 2);
  g_assert_true (ferry_migrate_dialog_get_job (dialog) == g_ptr_array_index (jobs, 0));

  /* Pressing again starts nothing more. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.migrate", NULL);
  g_assert_cmpuint (jobs->len, ==, 2);

  gtk_window_destroy (GTK_WINDOW (dialog));
  ferry_test_wait_until (jobs_ended, jobs, TIMEOUT_MS, "both migrations to end");
}

/* A running VM and a shut-off one: no mode fits both, and each says why. */
static void
test_mixed_states (Fixture       *f,
                   gconstpointer  data)
{
  FerryMigrateDialog *dialog = open_dialog (f, f->host_b, "vm-00000", "vm-00001");
  GtkWidget *live = find_row (GTK_WIDGET (dialog), "_Live");
  GtkWidget *offline = find_row (GTK_WIDGET (dialog), "_Offline");
  GtkWidget *migrate;

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (live)), ==,
                   "Needs running VMs; vm-00000 is shut off");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (offline)), ==,
                   "Needs the VMs shut off; vm-00001 is running");
  g_assert_false (gtk_widget_get_sensitive (offline));

  adw_action_row_activate (ADW_ACTION_ROW (find_row (GTK_WIDGET (dialog), "Host A")));
  migrate = ferry_test_find_button (GTK_WIDGET (dialog), "_Migrate");
  g_assert_false (gtk_widget_get_sensitive (migrate));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (migrate), ==,
                   "Needs running VMs; vm-00000 is shut off");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
connection_dialog_shown (gpointer user_data)
{
  GtkWidget **found = user_data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  *found = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (FERRY_IS_CONNECTION_DIALOG (w) && gtk_widget_get_visible (w))
        *found = w;
    }
  return *found != NULL;
}

typedef struct
{
  FerryMigrateDialog *dialog;
  FerryConnectionManager *manager;
  const char *uri;
} AddedWait;

static gboolean
added_is_destination (gpointer user_data)
{
  AddedWait *wait = user_data;
  FerryConnection *c = ferry_connection_manager_lookup (wait->manager, wait->uri);

  return c != NULL && ferry_migrate_dialog_get_destination (wait->dialog) == c;
}

/* "Other Host…" opens the Add Connection dialog over the Migrate dialog; the
 * host added there is connected and chosen. */
static void
test_other_host (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *uri = ferry_test_write_host (3);
  FerryMigrateDialog *dialog = open_dialog (f, f->host_a, "test", "test");
  GtkWidget *row = find_row (GTK_WIDGET (dialog), "Other Host…");
  GtkWidget *connection_dialog = NULL;
  AdwComboRow *transport;
  GtkWidget *entry;
  AddedWait wait = { dialog, f->manager, uri };
  FerryConnection *c;

  g_assert_nonnull (row);
  /* The last row, after the hosts. */
  g_assert_null (gtk_widget_get_next_sibling (row));
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));

  adw_action_row_activate (ADW_ACTION_ROW (row));
  ferry_test_wait_until (connection_dialog_shown, &connection_dialog, TIMEOUT_MS,
                         "the Add Connection dialog");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (connection_dialog)) == GTK_WINDOW (dialog));

  /* A custom URI, as the main window's test types it. */
  transport = ADW_COMBO_ROW (ferry_test_find_widget (connection_dialog, ADW_TYPE_COMBO_ROW));
  adw_combo_row_set_selected (transport,
                              g_list_model_get_n_items (adw_combo_row_get_model (transport)) - 1);
  entry = ferry_test_find_mapped (connection_dialog, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), uri);
  ferry_test_press_button (connection_dialog, "_Add");

  ferry_test_wait_until (added_is_destination, &wait, TIMEOUT_MS, "the new host chosen");
  c = ferry_connection_manager_lookup (f->manager, uri);
  g_assert_cmpint (ferry_connection_get_state (c), ==, FERRY_CONNECTION_STATE_CONNECTED);
  g_assert_nonnull (find_row (GTK_WIDGET (dialog), ferry_connection_get_display_name (c)));
  g_assert_cmpstr (ferry_migration_options_get_destination_uri (ferry_migrate_dialog_get_options (dialog)),
                   ==, uri);

  gtk_window_destroy (GTK_WINDOW (dialog));
  ferry_connection_manager_remove (f->manager, c);
}

static gboolean
rows_sorted (gpointer user_data)
{
  GtkMultiSelection *selection = user_data;
  GtkSortListModel *sorted = GTK_SORT_LIST_MODEL (gtk_multi_selection_get_model (selection));

  return g_list_model_get_n_items (G_LIST_MODEL (selection)) == 5 &&
         gtk_sort_list_model_get_pending (sorted) == 0;
}

/* The VM list selects several VMs; the first is the one single-VM questions
 * are about. */
static void
test_host_page_multi (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = g_object_new (FERRY_TYPE_HOST_PAGE, NULL);
  GtkSelectionModel *model;
  g_autoptr(GListModel) selected = NULL;
  g_autoptr(FerryDomain) first = NULL;
  g_autoptr(FerryDomain) second = NULL;

  gtk_window_set_child (GTK_WINDOW (window), page);
  ferry_host_page_set_connection (FERRY_HOST_PAGE (page), f->host_b);
  gtk_window_present (GTK_WINDOW (window));

  model = gtk_column_view_get_model (GTK_COLUMN_VIEW (ferry_test_find_widget (page, GTK_TYPE_COLUMN_VIEW)));
  g_assert_true (GTK_IS_MULTI_SELECTION (model));
  ferry_test_wait_until (rows_sorted, model, TIMEOUT_MS, "5 sorted rows");

  selected = ferry_host_page_get_selected_domains (FERRY_HOST_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (selected), ==, 0);
  g_assert_null (ferry_host_page_get_selected_domain (FERRY_HOST_PAGE (page)));
  g_clear_object (&selected);

  g_assert_true (gtk_selection_model_select_item (model, 0, TRUE));
  g_assert_true (gtk_selection_model_select_item (model, 1, FALSE));
  selected = ferry_host_page_get_selected_domains (FERRY_HOST_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (selected), ==, 2);
  first = g_list_model_get_item (selected, 0);
  second = g_list_model_get_item (selected, 1);
  g_assert_cmpstr (ferry_domain_get_name (first), ==, "vm-00000");
  g_assert_cmpstr (ferry_domain_get_name (second), ==, "vm-00001");
  g_assert_true (ferry_host_page_get_selected_domain (FERRY_HOST_PAGE (page)) == first);

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer user_data)
{
  LabelWait *w = user_data;
  GtkWidget *label = ferry_test_find_label (w->root, w->text);

  return label != NULL && gtk_widget_get_mapped (label) && gtk_widget_get_height (label) > 0;
}

/* The list's gesture for @button, as the user's press reaches it. */
static GtkGesture *
find_gesture (GtkWidget *list,
              GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (list);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type) &&
          (type != GTK_TYPE_GESTURE_CLICK ||
           gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_SECONDARY))
        return GTK_GESTURE (controller);
    }
  return NULL;
}

/* A right click in the middle of the row that shows @name. */
static void
right_click_row (GtkWidget  *list,
                 const char *name)
{
  LabelWait w = { list, name };
  GtkWidget *label;
  graphene_point_t point;

  ferry_test_wait_until (label_shown, &w, TIMEOUT_MS, "the row on screen");
  label = ferry_test_find_label (list, name);
  g_assert_true (gtk_widget_compute_point (label, list,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (label) / 2.0,
                                                                 gtk_widget_get_height (label) / 2.0),
                                           &point));
  g_signal_emit_by_name (find_gesture (list, GTK_TYPE_GESTURE_CLICK), "pressed", 1,
                         (double)point.x, (double)point.y);
}

static char *
selected_names (GtkWidget *page)
{
  g_autoptr(GListModel) selected = ferry_host_page_get_selected_domains (FERRY_HOST_PAGE (page));
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (selected); i++)
    {
      g_autoptr(FerryDomain) domain = g_list_model_get_item (selected, i);

      g_strv_builder_add (names, ferry_domain_get_name (domain));
    }
  strv = g_strv_builder_end (names);
  return g_strjoinv (",", strv);
}

static void
assert_selected (GtkWidget  *page,
                 const char *names)
{
  g_autofree char *now = selected_names (page);

  g_assert_cmpstr (now, ==, names);
}

static gboolean
is_running (gpointer user_data)
{
  return ferry_domain_is_active (user_data);
}

/* The section of @menu that is @section itself, not a copy. */
static gboolean
has_section (GMenuModel *menu,
             GMenuModel *section)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) link = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (link == section)
        return TRUE;
    }
  return FALSE;
}

/* Right click, or the Menu key, on a VM row: the row is selected first, and
 * the menu (the More menu's own model inside) acts on it. */
static void
test_host_page_context_menu (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = g_object_new (FERRY_TYPE_HOST_PAGE, NULL);
  FerryDomain *vm3 = find_domain (f->host_b, "vm-00003");
  GtkSelectionModel *model;
  GtkWidget *list;
  GtkWidget *popover;
  GtkWidget *more;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), page);
  ferry_host_page_set_connection (FERRY_HOST_PAGE (page), f->host_b);
  gtk_window_present (GTK_WINDOW (window));
  list = ferry_test_find_widget (page, GTK_TYPE_COLUMN_VIEW);
  model = gtk_column_view_get_model (GTK_COLUMN_VIEW (list));
  ferry_test_wait_until (rows_sorted, model, TIMEOUT_MS, "5 sorted rows");

  /* Two other VMs selected; a right click on vm-00003 selects it alone. */
  g_assert_true (gtk_selection_model_select_item (model, 0, TRUE));
  g_assert_true (gtk_selection_model_select_item (model, 1, FALSE));
  right_click_row (list, "vm-00003");
  assert_selected (page, "vm-00003");

  /* Not the More button's own popover: the page's, after its content. */
  popover = gtk_widget_get_last_child (page);
  g_assert_true (GTK_IS_POPOVER_MENU (popover));
  g_assert_true (gtk_widget_get_visible (popover));
  /* The More menu's model, the very same object, is a section of it. */
  more = ferry_test_find_widget (page, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (more)));
  g_assert_true (has_section (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover)),
                              gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (more))));

  ferry_test_screenshot (popover, "host-page-context-menu");
  ferry_test_screenshot (window, "host-page-context-menu-row");

  /* Its Start starts that VM, and only that one. */
  g_assert_false (ferry_domain_is_active (vm3));
  g_assert_true (gtk_widget_activate_action (popover, "vm.start", NULL));
  ferry_test_wait_until (is_running, vm3, TIMEOUT_MS, "vm-00003 to run");
  g_assert_false (ferry_domain_is_active (find_domain (f->host_b, "vm-00000")));
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* A right click on one of several selected VMs keeps them all. */
  g_assert_true (gtk_selection_model_select_item (model, 1, FALSE));
  assert_selected (page, "vm-00001,vm-00003");
  right_click_row (list, "vm-00001");
  assert_selected (page, "vm-00001,vm-00003");
  g_assert_true (gtk_widget_get_visible (popover));
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* The Menu key opens it for the row with the focus, selecting it; off
   * the list it does nothing. */
  gtk_selection_model_unselect_all (model);
  gtk_widget_grab_focus (ferry_test_find_label (list, "vm-00002"));
  for (GtkWidget *w = ferry_test_find_label (list, "vm-00002"); !gtk_widget_has_focus (w) && w != list;
       w = gtk_widget_get_parent (w))
    gtk_widget_grab_focus (w);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), list));
  g_assert_true (gtk_widget_activate_action (page, "vm.context-menu", NULL));
  assert_selected (page, "vm-00002");
  g_assert_true (gtk_widget_get_visible (popover));
  gtk_popover_popdown (GTK_POPOVER (popover));
  g_assert_nonnull (find_gesture (list, GTK_TYPE_GESTURE_LONG_PRESS));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ferry_core_init ();

  g_test_add ("/ui/migrate-multi/two-vms", Fixture, NULL,
              fixture_set_up, test_two_vms, fixture_tear_down);
  g_test_add ("/ui/migrate-multi/mixed-states", Fixture, NULL,
              fixture_set_up, test_mixed_states, fixture_tear_down);
  g_test_add ("/ui/migrate-multi/other-host", Fixture, NULL,
              fixture_set_up, test_other_host, fixture_tear_down);
  g_test_add ("/ui/migrate-multi/host-page", Fixture, NULL,
              fixture_set_up, test_host_page_multi, fixture_tear_down);
  g_test_add ("/ui/migrate-multi/host-page-context-menu", Fixture, NULL,
              fixture_set_up, test_host_page_context_menu, fixture_tear_down);

  return g_test_run ();
}
