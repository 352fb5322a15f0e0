/* test-disks-window.c — the Disks window on libvirt's test driver: a user picks a cache
 * mode, presses Apply, and the VM's definition has it; the io/cache rule blocks Apply
 * with its message; "Make Safe" changes every writable disk; a running VM says its
 * change takes effect at the next boot.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "ferry-disk-group.h"
#include "ferry-disks-window.h"
#include "ferry-host-page.h"
#include "ferry-test-gtk.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000

static FerryConnection *
open_host (void)
{
  /* Shared with test-domain-disks-ops; the test driver changes only its memory. */
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "disks-host.xml", NULL);
  g_autofree char *uri = g_strdup_printf ("test://%s", path);
  FerryConnection *connection;

  connection = ferry_connection_new (uri);
  ferry_connection_open_async (connection, NULL, NULL, NULL);
  ferry_test_wait_property (connection, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  return connection;
}

static gboolean
window_ready (gpointer user_data)
{
  FerryDisksWindow *window = user_data;

  return !ferry_disks_window_get_busy (window) &&
         ferry_test_find_mapped (GTK_WIDGET (window), FERRY_TYPE_DISK_GROUP) != NULL;
}

static FerryDisksWindow *
open_window (FerryConnection *connection,
             const char      *domain)
{
  FerryDisksWindow *window = ferry_disks_window_new (connection, domain);

  gtk_window_present (GTK_WINDOW (window));
  ferry_test_wait_until (window_ready, window, TIMEOUT_MS, "the disks to show");
  return window;
}

static void
collect_groups (GtkWidget *widget,
                GPtrArray *groups)
{
  if (FERRY_IS_DISK_GROUP (widget))
    g_ptr_array_add (groups, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_groups (c, groups);
}

static FerryDiskGroup *
group_for (FerryDisksWindow *window,
           const char       *target)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();

  collect_groups (GTK_WIDGET (window), groups);
  for (guint i = 0; i < groups->len; i++)
    if (g_str_equal (ferry_disk_info_get_target (ferry_disk_group_get_disk (groups->pdata[i])), target))
      return groups->pdata[i];
  return NULL;
}

/* The cache combo of a disk, the way a user reaches it: by its title. */
static AdwComboRow *
combo (FerryDiskGroup *group,
       const char     *title)
{
  for (GtkWidget *w = ferry_test_find_widget (GTK_WIDGET (group), ADW_TYPE_COMBO_ROW); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (ADW_IS_COMBO_ROW (w) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), title) == 0)
      return ADW_COMBO_ROW (w);
  g_assert_not_reached ();
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  FerryDomainDisks **disks = user_data;
  g_autoptr(GError) error = NULL;

  *disks = ferry_domain_disks_read_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer user_data)
{
  return *(gpointer *)user_data != NULL;
}

/* The VM's definition as libvirt has it now, read apart from the window. */
static FerryDomainDisks *
read_definition (FerryConnection *connection,
                 const char      *domain)
{
  FerryDomainDisks *disks = NULL;

  ferry_domain_disks_read_async (connection, domain, NULL, read_cb, &disks);
  ferry_test_wait_until (is_set, &disks, TIMEOUT_MS, "the definition");
  return disks;
}

static FerryDiskInfo *
disk_at (FerryDomainDisks *disks,
         guint             position)
{
  FerryDiskInfo *info = g_list_model_get_item (G_LIST_MODEL (disks->disks), position);

  g_object_unref (info);   /* the store keeps it */
  return info;
}

static gboolean
shows_vda_cache_none (gpointer user_data)
{
  FerryDisksWindow *window = user_data;
  FerryDiskGroup *vda = group_for (window, "vda");

  return window_ready (window) && vda != NULL &&
         ferry_disk_info_get_cache (ferry_disk_group_get_disk (vda)) == FERRY_DISK_CACHE_NONE;
}

static void
test_apply (void)
{
  g_autoptr(FerryConnection) connection = open_host ();
  FerryDisksWindow *window = open_window (connection, "disks-off");
  FerryDiskGroup *vda = group_for (window, "vda");
  GtkWidget *apply = ferry_test_find_button (GTK_WIDGET (window), "_Apply");
  g_autoptr(FerryDomainDisks) disks = NULL;

  g_assert_nonnull (vda);
  g_assert_nonnull (group_for (window, "sda"));
  g_assert_false (gtk_widget_is_sensitive (apply));   /* nothing changed yet */
  g_assert_cmpuint (adw_combo_row_get_selected (combo (vda, "_Cache Mode")), ==, FERRY_DISK_CACHE_WRITEBACK);

  /* The subtitle explains the chosen mode, from the one table. */
  adw_combo_row_set_selected (combo (vda, "_Cache Mode"), FERRY_DISK_CACHE_NONE);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (combo (vda, "_Cache Mode"))), ==,
                   ferry_disk_cache_rate (FERRY_DISK_CACHE_NONE)->summary);
  g_assert_true (gtk_widget_is_sensitive (apply));

  /* A pressed button clicks after a short delay; the window then saves and reads again. */
  ferry_test_press_button (GTK_WIDGET (window), "_Apply");
  ferry_test_wait_until (shows_vda_cache_none, window, TIMEOUT_MS, "the window to show the new mode");

  disks = read_definition (connection, "disks-off");
  g_assert_cmpint (ferry_disk_info_get_cache (disk_at (disks, 0)), ==, FERRY_DISK_CACHE_NONE);
  g_assert_cmpstr (ferry_disk_info_get_discard (disk_at (disks, 0)), ==, "unmap");
  g_assert_cmpint (ferry_disk_info_get_cache (disk_at (disks, 1)), ==, FERRY_DISK_CACHE_DEFAULT);
  /* The window read it again too: nothing left to apply. */
  vda = group_for (window, "vda");
  g_assert_cmpint (ferry_disk_info_get_cache (ferry_disk_group_get_disk (vda)), ==, FERRY_DISK_CACHE_NONE);
  g_assert_false (gtk_widget_is_sensitive (apply));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
label_shown (gpointer user_data)
{
  return gtk_widget_get_mapped (user_data);
}

static gboolean
time_passed (gpointer user_data)
{
  return g_get_monotonic_time () >= *(gint64 *)user_data;
}

/* Keeps a picture of the screen (Xvfb) with the test's output, to look at. Needs
 * ImageMagick's import; without it the picture is skipped, not the test. */
static void
save_screenshot (const char *name)
{
  g_autofree char *import = g_find_program_in_path ("import");
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  const char *argv[] = { "import", "-window", "root", path, NULL };
  gint64 until = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;
  g_autoptr(GError) error = NULL;

  /* Let the last changes reach the screen. */
  ferry_test_wait_until (time_passed, &until, TIMEOUT_MS, "a few frames");
  if (import == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_message ("no screenshot: import or DISPLAY missing");
      return;
    }
  argv[0] = import;
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("screenshot: %s", path);
}

/* The label styled "error" under @root: where a group says what is wrong. */
static GtkWidget *
find_error_label (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, "error"))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_error_label (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* io=native with a cached mode: the rule's message shows and Apply stays off. */
static void
test_io_rule (void)
{
  g_autoptr(FerryConnection) connection = open_host ();
  FerryDisksWindow *window = open_window (connection, "disks-off");
  FerryDiskGroup *vda = group_for (window, "vda");
  GtkWidget *apply = ferry_test_find_button (GTK_WIDGET (window), "_Apply");
  GtkWidget *error_label = find_error_label (GTK_WIDGET (vda));
  g_autoptr(GError) rule = NULL;

  g_assert_nonnull (error_label);
  g_assert_false (gtk_widget_get_visible (error_label));

  adw_combo_row_set_selected (combo (vda, "_I/O Mode"), FERRY_DISK_IO_NATIVE);
  ferry_disk_mode_check (FERRY_DISK_CACHE_WRITEBACK, FERRY_DISK_IO_NATIVE, &rule);
  ferry_test_wait_until (label_shown, error_label, TIMEOUT_MS, "the io/cache rule's message");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), ==, rule->message);
  g_assert_false (gtk_widget_is_sensitive (apply));
  save_screenshot ("disks-window-io-rule.png");

  /* Choosing "none" makes the pair valid again. */
  adw_combo_row_set_selected (combo (vda, "_Cache Mode"), FERRY_DISK_CACHE_NONE);
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_true (gtk_widget_is_sensitive (apply));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Make Safe on a shut-off VM: both writable disks get "none", the CD-ROM stays. */
static void
test_make_safe (void)
{
  g_autoptr(FerryConnection) connection = open_host ();
  FerryDisksWindow *window = open_window (connection, "disks-off");
  g_autoptr(FerryDomainDisks) disks = NULL;

  ferry_test_press_button (GTK_WIDGET (window), "_Make Safe");
  ferry_test_wait_until (shows_vda_cache_none, window, TIMEOUT_MS, "the window to show the new mode");
  disks = read_definition (connection, "disks-off");
  g_assert_cmpint (ferry_disk_info_get_cache (disk_at (disks, 0)), ==, FERRY_DISK_CACHE_NONE);
  g_assert_cmpint (ferry_disk_info_get_cache (disk_at (disks, 1)), ==, FERRY_DISK_CACHE_NONE);
  g_assert_cmpint (ferry_disk_info_get_cache (disk_at (disks, 2)), ==, FERRY_DISK_CACHE_DEFAULT);
  /* Nothing left to make safe. */
  g_assert_false (gtk_widget_is_sensitive (ferry_test_find_button (GTK_WIDGET (window), "_Make Safe")));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
says_next_boot (gpointer user_data)
{
  FerryDisksWindow *window = user_data;
  GtkInfoBar *bar = GTK_INFO_BAR (ferry_test_find_widget (GTK_WIDGET (window), GTK_TYPE_INFO_BAR));
  GtkWidget *label = ferry_test_find_widget (GTK_WIDGET (bar), GTK_TYPE_LABEL);

  return window_ready (window) && gtk_info_bar_get_revealed (bar) &&
         strstr (gtk_label_get_label (GTK_LABEL (label)), "libvirt: ") != NULL;
}

/* A running VM: the window says changes wait for the next boot, and after Apply it
 * gives libvirt's reason; the definition has the new mode. */
static void
test_running (void)
{
  g_autoptr(FerryConnection) connection = open_host ();
  FerryDisksWindow *window = open_window (connection, "disks-run");
  GtkInfoBar *bar = GTK_INFO_BAR (ferry_test_find_widget (GTK_WIDGET (window), GTK_TYPE_INFO_BAR));
  g_autoptr(FerryDomainDisks) disks = NULL;

  g_assert_true (gtk_info_bar_get_revealed (bar));
  adw_combo_row_set_selected (combo (group_for (window, "vda"), "_Cache Mode"), FERRY_DISK_CACHE_NONE);
  ferry_test_press_button (GTK_WIDGET (window), "_Apply");
  ferry_test_wait_until (says_next_boot, window, TIMEOUT_MS, "the next-boot report");
  save_screenshot ("disks-window-running.png");

  disks = read_definition (connection, "disks-run");
  g_assert_cmpint (ferry_disk_info_get_cache (disk_at (disks, 0)), ==, FERRY_DISK_CACHE_NONE);
  g_assert_cmpint (ferry_disk_info_get_cache (g_list_model_get_item (G_LIST_MODEL (disks->live_disks), 0)), ==,
                   FERRY_DISK_CACHE_WRITETHROUGH);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The host page's VM list: the column view that selects several items. */
static GtkSelectionModel *
find_vm_selection (GtkWidget *root)
{
  if (GTK_IS_COLUMN_VIEW (root))
    {
      GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (root));

      if (GTK_IS_MULTI_SELECTION (model))
        return model;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkSelectionModel *found = find_vm_selection (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
lists_two (gpointer user_data)
{
  return g_list_model_get_n_items (user_data) == 2;
}

static FerryDisksWindow *
find_disks_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (FERRY_IS_DISKS_WINDOW (window))
        return FERRY_DISKS_WINDOW (window);
    }
  return NULL;
}

static gboolean
disks_window_open (gpointer user_data)
{
  return find_disks_window () != NULL;
}

/* From the VM list: select a VM, "Disks…" opens its window. */
static void
test_from_host_page (void)
{
  g_autoptr(FerryConnection) connection = open_host ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = g_object_new (FERRY_TYPE_HOST_PAGE, "connection", connection, NULL);
  GtkSelectionModel *selection;
  FerryDisksWindow *disks;

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  selection = find_vm_selection (page);
  g_assert_nonnull (selection);
  /* The list filters and sorts incrementally. */
  ferry_test_wait_until (lists_two, selection, TIMEOUT_MS, "the VM list");
  g_assert_false (gtk_widget_activate_action (page, "vm.disks", NULL) &&
                  find_disks_window () != NULL);   /* nothing selected: nothing opens */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(FerryDomain) domain = g_list_model_get_item (G_LIST_MODEL (selection), i);

      if (g_str_equal (ferry_domain_get_name (domain), "disks-run"))
        gtk_selection_model_select_item (selection, i, TRUE);
    }
  g_assert_true (gtk_widget_activate_action (page, "vm.disks", NULL));
  ferry_test_wait_until (disks_window_open, NULL, TIMEOUT_MS, "the Disks window");
  disks = find_disks_window ();
  ferry_test_wait_until (window_ready, disks, TIMEOUT_MS, "the disks to show");
  g_assert_nonnull (group_for (disks, "vdb"));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (disks)) == GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (disks));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ferry_core_init ();
  g_test_add_func ("/disks-window/apply", test_apply);
  g_test_add_func ("/disks-window/io-rule", test_io_rule);
  g_test_add_func ("/disks-window/make-safe", test_make_safe);
  g_test_add_func ("/disks-window/running", test_running);
  g_test_add_func ("/disks-window/from-host-page", test_from_host_page);
  return g_test_run ();
}
