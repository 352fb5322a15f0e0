/* test-migrate-dialog.c — the Migrate dialog against two test-driver hosts:
 * which destinations it offers, which options it rules out and why, what
 * the presets set, and the virsh command it shows.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <adwaita.h>

#include "ferry-migrate-dialog.h"
#include "ferry-migrate-dialog-private.h"
#include "ferry-migration-view.h"
#include "ferry-storage-move-window.h"
#include "ferry-test-gtk.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000

typedef struct
{
  FerryConnectionManager *manager;
  FerryConnection        *host_a;   /* test:///default: one running VM, "test" */
  FerryConnection        *host_b;   /* generated: vm-00000 is shut off */
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

/* The row titled @title, as a user reads the dialog. */
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

/* Entry rows have no subtitle in libadwaita 1.2: the reason is their tooltip. */
static const char *
row_subtitle (GtkWidget *row)
{
  if (ADW_IS_ENTRY_ROW (row))
    return gtk_widget_get_tooltip_text (row);
  if (ADW_IS_EXPANDER_ROW (row))
    return adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* Chooses the row's radio button, as a click on the row would. */
static void
choose (GtkWidget  *root,
        const char *title)
{
  GtkWidget *row = find_row (root, title);

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_sensitive (row));
  adw_action_row_activate (ADW_ACTION_ROW (row));
}

static void
assert_disabled_because (FerryMigrateDialog *dialog,
                         const char         *title,
                         const char         *property)
{
  GtkWidget *row = find_row (GTK_WIDGET (dialog), title);
  g_autofree char *reason =
    ferry_migration_options_why_disabled (ferry_migrate_dialog_get_options (dialog), property);

  g_assert_nonnull (row);
  g_assert_nonnull (reason);
  g_assert_false (gtk_widget_get_sensitive (row));
  g_assert_cmpstr (row_subtitle (row), ==, reason);
}

static GtkWidget *
find_command_label (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) &&
      (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (root)), "virsh ") ||
       strstr (gtk_label_get_label (GTK_LABEL (root)), "\nvirsh ") != NULL))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_command_label (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The command is the one label with a line that starts with "virsh". */
static const char *
command_text (FerryMigrateDialog *dialog)
{
  GtkWidget *label = find_command_label (GTK_WIDGET (dialog));

  g_assert_nonnull (label);
  return gtk_label_get_label (GTK_LABEL (label));
}

/* The dialog for @name on @source, on screen. Without its readiness checks:
 * test-driver hosts all report one hostname, so the checks rightly find
 * "the same host" and Migrate would never go (test-migrate-readiness tests
 * that); these tests are about the options and the jobs. */
static FerryMigrateDialog *
open_dialog (Fixture         *f,
             FerryConnection *source,
             const char      *name)
{
  FerryMigrateDialog *dialog = g_object_new (FERRY_TYPE_MIGRATE_DIALOG,
                                             "manager", f->manager,
                                             "source", source,
                                             "domain", find_domain (source, name),
                                             "check-readiness", FALSE,
                                             NULL);

  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
test_destinations (Fixture       *f,
                   gconstpointer  data)
{
  FerryMigrateDialog *dialog = open_dialog (f, f->host_a, "test");
  FerryMigrationOptions *options = ferry_migrate_dialog_get_options (dialog);
  GtkWidget *migrate;
  GtkWidget *row;


  /* The other host is offered, the source is not. */
  row = find_row (GTK_WIDGET (dialog), "Host B");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_sensitive (row));
  g_assert_true (g_str_has_prefix (row_subtitle (row), "Connected"));
  g_assert_null (find_row (GTK_WIDGET (dialog), "Host A"));

  /* No destination yet: Migrate is off and says why. */
  migrate = ferry_test_find_button (GTK_WIDGET (dialog), "_Migrate");
  g_assert_nonnull (migrate);
  g_assert_false (gtk_widget_get_sensitive (migrate));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (migrate), ==, "Choose a destination host");
  g_assert_null (ferry_migrate_dialog_get_destination (dialog));

  /* Choosing it points the options at it, and Migrate can go. */
  choose (GTK_WIDGET (dialog), "Host B");
  g_assert_true (ferry_migrate_dialog_get_destination (dialog) == f->host_b);
  g_assert_cmpstr (ferry_migration_options_get_destination_uri (options), ==, f->host_b_uri);
  g_assert_true (gtk_widget_get_sensitive (migrate));
  g_assert_null (gtk_widget_get_tooltip_text (migrate));
  g_assert_nonnull (strstr (command_text (dialog), f->host_b_uri));

  /* A running VM moves live by default; offline is ruled out, with the reason. */
  g_assert_cmpint (ferry_migration_options_get_mode (options), ==, FERRY_MIGRATION_MODE_LIVE);
  row = find_row (GTK_WIDGET (dialog), "_Offline");
  g_assert_false (gtk_widget_get_sensitive (row));
  g_assert_cmpstr (row_subtitle (row), ==, "Needs the VM shut off; this one is running");

  /* A host that goes away is no destination. */
  ferry_connection_close (f->host_b);
  ferry_test_wait_property (f->host_b, "state", FERRY_CONNECTION_STATE_DISCONNECTED, TIMEOUT_MS);
  g_assert_false (gtk_widget_get_sensitive (find_row (GTK_WIDGET (dialog), "Host B")));
  g_assert_false (gtk_widget_get_sensitive (migrate));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (migrate), "Not connected to Host B"));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_shut_off_vm (Fixture       *f,
                  gconstpointer  data)
{
  FerryDomain *vm = find_domain (f->host_b, "vm-00000");
  FerryMigrateDialog *dialog = open_dialog (f, f->host_b, "vm-00000");
  FerryMigrationOptions *options = ferry_migrate_dialog_get_options (dialog);
  GtkWidget *row;

  g_assert_false (ferry_domain_is_active (vm));

  /* Offline is the only way a shut-off VM moves, so it is chosen. */
  g_assert_cmpint (ferry_migration_options_get_mode (options), ==, FERRY_MIGRATION_MODE_OFFLINE);
  row = find_row (GTK_WIDGET (dialog), "_Live");
  g_assert_false (gtk_widget_get_sensitive (row));
  g_assert_cmpstr (row_subtitle (row), ==, "Needs a running VM; this one is shut off");
  g_assert_nonnull (find_row (GTK_WIDGET (dialog), "Host A"));
  g_assert_null (find_row (GTK_WIDGET (dialog), "Host B"));

  /* Offline moves no memory: the options that tune the copy are off. */
  assert_disabled_because (dialog, "P_arallel Connections", "parallel");
  assert_disabled_because (dialog, "Po_st-Copy", "postcopy");
  assert_disabled_because (dialog, "_Copy Storage", "copy-storage");
  assert_disabled_because (dialog, "_Tunnelled", "connectivity:tunnelled");
  /* Persistent is on and must stay on. */
  assert_disabled_because (dialog, "Keep _Defined", "persistent");

  choose (GTK_WIDGET (dialog), "Host A");
  g_assert_true (gtk_widget_get_sensitive (ferry_test_find_button (GTK_WIDGET (dialog), "_Migrate")));
  g_assert_nonnull (strstr (command_text (dialog), "--offline"));

  /* Presets are for running VMs: they are off here. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.preset", "s", "safe");
  g_assert_cmpint (ferry_migration_options_get_mode (options), ==, FERRY_MIGRATION_MODE_OFFLINE);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_conflicts (Fixture       *f,
                gconstpointer  data)
{
  FerryMigrateDialog *dialog = open_dialog (f, f->host_a, "test");
  FerryMigrationOptions *options = ferry_migrate_dialog_get_options (dialog);
  GtkWidget *parallel;
  GtkWidget *tls;

  choose (GTK_WIDGET (dialog), "Host B");

  parallel = find_row (GTK_WIDGET (dialog), "P_arallel Connections");
  g_assert_true (gtk_widget_get_sensitive (parallel));
  g_assert_cmpstr (row_subtitle (parallel), ==, "Send memory over several connections at once");

  /* Tunnelled rules out parallel connections, copying storage, post-copy
   * and TLS, each with its reason. */
  choose (GTK_WIDGET (dialog), "_Tunnelled");
  g_assert_cmpint (ferry_migration_options_get_connectivity (options), ==,
                   FERRY_MIGRATION_CONNECTIVITY_TUNNELLED);
  assert_disabled_because (dialog, "P_arallel Connections", "parallel");
  g_assert_cmpstr (row_subtitle (parallel), ==, "Parallel connections cannot be tunnelled");
  assert_disabled_because (dialog, "_Copy Storage", "copy-storage");
  assert_disabled_because (dialog, "Po_st-Copy", "postcopy");
  assert_disabled_because (dialog, "_Encrypt with TLS", "tls");

  /* Back to managed direct: all of them come back. */
  choose (GTK_WIDGET (dialog), "_Managed Direct");
  g_assert_true (gtk_widget_get_sensitive (parallel));
  tls = find_row (GTK_WIDGET (dialog), "_Encrypt with TLS");
  g_assert_true (gtk_widget_get_sensitive (tls));

  /* With parallel on, post-copy is out, and tunnelled too; parallel itself
   * stays usable so it can be turned off. */
  ferry_migration_options_set_parallel (options, TRUE);
  g_assert_true (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (parallel)));
  assert_disabled_because (dialog, "Po_st-Copy", "postcopy");
  assert_disabled_because (dialog, "_Tunnelled", "connectivity:tunnelled");
  g_assert_true (gtk_widget_get_sensitive (parallel));

  /* An option the row turns on but the others rule out keeps its row usable,
   * and Migrate off with the reason. */
  ferry_migration_options_set_connectivity (options, FERRY_MIGRATION_CONNECTIVITY_TUNNELLED);
  g_assert_true (gtk_widget_get_sensitive (parallel));
  g_assert_cmpstr (row_subtitle (parallel), ==, "Parallel connections cannot be tunnelled");
  g_assert_false (gtk_widget_get_sensitive (ferry_test_find_button (GTK_WIDGET (dialog), "_Migrate")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (ferry_test_find_button (GTK_WIDGET (dialog), "_Migrate")),
                   ==, "Parallel connections cannot be tunnelled");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_presets (Fixture       *f,
              gconstpointer  data)
{
  FerryMigrateDialog *dialog = open_dialog (f, f->host_a, "test");
  FerryMigrationOptions *o = ferry_migrate_dialog_get_options (dialog);
  GtkWidget *widget = GTK_WIDGET (dialog);

  choose (widget, "Host B");

  g_assert_true (gtk_widget_activate_action (widget, "dialog.preset", "s", "minimal-downtime"));
  g_assert_cmpint (ferry_migration_options_get_mode (o), ==, FERRY_MIGRATION_MODE_LIVE);
  g_assert_cmpuint (ferry_migration_options_get_max_downtime (o), ==, 100);
  g_assert_true (ferry_migration_options_get_auto_converge (o));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (
    adw_action_row_get_activatable_widget (ADW_ACTION_ROW (find_row (widget, "Maximum _Downtime"))))),
    ==, 100);
  g_assert_true (adw_expander_row_get_enable_expansion (
    ADW_EXPANDER_ROW (find_row (widget, "_Auto-Converge"))));

  g_assert_true (gtk_widget_activate_action (widget, "dialog.preset", "s", "busy"));
  g_assert_true (ferry_migration_options_get_auto_converge (o));
  g_assert_true (ferry_migration_options_get_postcopy (o));
  g_assert_cmpint (ferry_migration_options_get_postcopy_after (o), ==,
                   FERRY_MIGRATION_POSTCOPY_AFTER_SECONDS);
  g_assert_cmpuint (ferry_migration_options_get_postcopy_after_seconds (o), ==, 30);
  /* A preset starts from the defaults: the previous one's downtime is gone. */
  g_assert_cmpuint (ferry_migration_options_get_max_downtime (o), ==, 0);
  g_assert_true (gtk_widget_get_sensitive (find_row (widget, "_Delay")));

  g_assert_true (gtk_widget_activate_action (widget, "dialog.preset", "s", "move-storage"));
  g_assert_cmpint (ferry_migration_options_get_copy_storage (o), ==, FERRY_MIGRATION_COPY_STORAGE_ALL);
  g_assert_false (ferry_migration_options_get_postcopy (o));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_row (widget, "_Copy Storage"))),
                    ==, FERRY_MIGRATION_COPY_STORAGE_ALL);
  g_assert_nonnull (strstr (command_text (dialog), "--copy-storage-all"));

  /* Tunnelled cannot copy storage: the preset moves to peer-to-peer. */
  assert_disabled_because (dialog, "_Tunnelled", "connectivity:tunnelled");
  g_assert_true (gtk_widget_activate_action (widget, "dialog.preset", "s", "safe"));
  choose (widget, "_Tunnelled");
  g_assert_true (gtk_widget_activate_action (widget, "dialog.preset", "s", "move-storage"));
  g_assert_cmpint (ferry_migration_options_get_connectivity (o), ==,
                   FERRY_MIGRATION_CONNECTIVITY_PEER_TO_PEER);

  g_assert_true (gtk_widget_activate_action (widget, "dialog.preset", "s", "safe"));
  g_assert_cmpint (ferry_migration_options_get_mode (o), ==, FERRY_MIGRATION_MODE_LIVE);
  g_assert_true (ferry_migration_options_get_persistent (o));
  g_assert_true (ferry_migration_options_get_undefine_source (o));
  g_assert_cmpint (ferry_migration_options_get_copy_storage (o), ==, FERRY_MIGRATION_COPY_STORAGE_NONE);
  g_assert_false (ferry_migration_options_get_auto_converge (o));
  /* The way to the destination stays as chosen. */
  g_assert_cmpint (ferry_migration_options_get_connectivity (o), ==,
                   FERRY_MIGRATION_CONNECTIVITY_PEER_TO_PEER);
  g_assert_cmpstr (ferry_migration_options_get_destination_uri (o), ==, f->host_b_uri);
  g_assert_true (gtk_widget_get_sensitive (ferry_test_find_button (widget, "_Migrate")));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_command (Fixture       *f,
              gconstpointer  data)
{
  FerryMigrateDialog *dialog = open_dialog (f, f->host_a, "test");
  FerryMigrationOptions *o = ferry_migrate_dialog_get_options (dialog);
  GtkWidget *widget = GTK_WIDGET (dialog);
  g_autofree char *before = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *tls;
  GtkWidget *uri_row;

  choose (widget, "Host B");
  before = g_strdup (command_text (dialog));
  g_assert_true (g_str_has_prefix (before, "virsh -c test:///default migrate --live"));

  /* The command follows every change, made on the rows or on the options. */
  tls = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (find_row (widget, "_Encrypt with TLS")));
  gtk_switch_set_active (GTK_SWITCH (tls), TRUE);
  g_assert_true (ferry_migration_options_get_tls (o));
  g_assert_nonnull (strstr (command_text (dialog), "--tls"));

  uri_row = find_row (widget, "Migration _Address (tcp://host:port)");
  gtk_editable_set_text (GTK_EDITABLE (uri_row), "tcp://10.0.0.2:49152");
  g_assert_cmpstr (ferry_migration_options_get_migrate_uri (o), ==, "tcp://10.0.0.2:49152");
  g_assert_nonnull (strstr (command_text (dialog), "--migrateuri tcp://10.0.0.2:49152"));

  ferry_migration_options_set_destination_name (o, "web 02");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (widget, "New _Name (optional)"))),
                   ==, "web 02");
  g_assert_nonnull (strstr (command_text (dialog), "--dname 'web 02'"));

  expected = ferry_migration_options_to_virsh_command (o, "test", "test:///default");
  g_strchomp (expected);
  g_assert_cmpstr (command_text (dialog), ==, expected);
  g_assert_cmpstr (command_text (dialog), !=, before);

  g_assert_true (gtk_widget_activate_action (widget, "dialog.copy-command", NULL));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static GtkWidget *
row_control (GtkWidget  *root,
             const char *title)
{
  GtkWidget *row = find_row (root, title);

  g_assert_nonnull (row);
  return adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
}

static void
assert_usable (FerryMigrateDialog *dialog,
               const char         *title,
               const char         *subtitle)
{
  GtkWidget *row = find_row (GTK_WIDGET (dialog), title);

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_sensitive (row));
  if (subtitle != NULL)
    g_assert_cmpstr (row_subtitle (row), ==, subtitle);
}

static gboolean
has_destination_xml (gpointer user_data)
{
  return ferry_migration_options_get_destination_xml (user_data) != NULL;
}

static gboolean
chooser_has_file (gpointer user_data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (user_data);

  return file != NULL;
}

static gboolean
has_persistent_xml (gpointer user_data)
{
  return ferry_migration_options_get_persistent_xml (user_data) != NULL;
}

/* FERRY_SCREENSHOT_DIR/NAME.png of the Advanced page, tall enough to show
 * every row, with the expanders open. */
static void
screenshot_advanced (FerryMigrateDialog *dialog,
                     const char         *name)
{
  GtkWidget *widget = GTK_WIDGET (dialog);
  GtkWidget *switcher = ferry_test_find_widget (widget, GTK_TYPE_STACK_SWITCHER);
  const char *expanders[] = { "P_arallel Connections", "Po_st-Copy", "Destination Definition (_XML)" };

  if (g_getenv ("FERRY_SCREENSHOT_DIR") == NULL)
    return;
  gtk_stack_set_visible_child_name (gtk_stack_switcher_get_stack (GTK_STACK_SWITCHER (switcher)),
                                    "advanced");
  for (guint i = 0; i < G_N_ELEMENTS (expanders); i++)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find_row (widget, expanders[i])), TRUE);
  /* A shown window keeps its size: hide it to show it again taller. */
  gtk_widget_set_visible (widget, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 600, 2700);
  gtk_window_present (GTK_WINDOW (dialog));
  ferry_test_screenshot (widget, name);
}

/* Every option without a row before has one now: bound both ways, ruled
 * out with the reason when the others exclude it, and in the command. */
static void
test_advanced (Fixture       *f,
               gconstpointer  data)
{
  FerryMigrateDialog *dialog = open_dialog (f, f->host_a, "test");
  FerryMigrationOptions *o = ferry_migrate_dialog_get_options (dialog);
  GtkWidget *widget = GTK_WIDGET (dialog);
  const char *xml = "<domain type='test'>\n  <name>test</name>\n</domain>\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ferry-xml-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  GtkTextBuffer *buffer;
  GtkWidget *row;

  g_assert_no_error (error);
  choose (widget, "Host B");

  /* Listen address: typed in, in the options and the command. */
  gtk_editable_set_text (GTK_EDITABLE (find_row (widget, "_Listen Address on the Destination")),
                         "10.0.0.2");
  g_assert_cmpstr (ferry_migration_options_get_listen_address (o), ==, "10.0.0.2");
  g_assert_nonnull (strstr (command_text (dialog), "--listen-address 10.0.0.2"));

  /* The disk data connection applies only when storage is copied. */
  assert_disabled_because (dialog, "Dis_k Data Port", "nbd-port");
  assert_disabled_because (dialog, "Disk Data Addr_ess (tcp://host:port)", "nbd-uri");
  ferry_migration_options_set_copy_storage (o, FERRY_MIGRATION_COPY_STORAGE_ALL);
  assert_usable (dialog, "Dis_k Data Port",
                 "Where the destination listens for disk data; 0 lets libvirt choose");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (row_control (widget, "Dis_k Data Port")), 49153);
  g_assert_cmpuint (ferry_migration_options_get_nbd_port (o), ==, 49153);
  g_assert_nonnull (strstr (command_text (dialog), "--disks-port 49153"));
  /* A disk address gives the port itself: the port row says so. */
  ferry_migration_options_set_nbd_port (o, 0);
  gtk_editable_set_text (GTK_EDITABLE (find_row (widget, "Disk Data Addr_ess (tcp://host:port)")),
                         "tcp://10.0.0.2:49200");
  g_assert_cmpstr (ferry_migration_options_get_nbd_uri (o), ==, "tcp://10.0.0.2:49200");
  g_assert_nonnull (strstr (command_text (dialog), "--disks-uri tcp://10.0.0.2:49200"));
  assert_disabled_because (dialog, "Dis_k Data Port", "nbd-port");
  ferry_migration_options_set_nbd_uri (o, NULL);
  ferry_migration_options_set_copy_storage (o, FERRY_MIGRATION_COPY_STORAGE_NONE);

  /* Zero-copy needs parallel connections; then it is a switch. */
  assert_disabled_because (dialog, "_Zero-Copy", "zerocopy");
  g_assert_cmpstr (row_subtitle (find_row (widget, "_Zero-Copy")), ==,
                   "Zero-copy needs parallel connections");
  ferry_migration_options_set_parallel (o, TRUE);
  assert_usable (dialog, "_Zero-Copy", NULL);
  gtk_switch_set_active (GTK_SWITCH (row_control (widget, "_Zero-Copy")), TRUE);
  g_assert_true (ferry_migration_options_get_zerocopy (o));
  g_assert_nonnull (strstr (command_text (dialog), "--zerocopy"));
  /* …and rules out TLS, from the other side. */
  assert_disabled_because (dialog, "_Encrypt with TLS", "tls");
  ferry_migration_options_set_zerocopy (o, FALSE);
  ferry_migration_options_set_parallel (o, FALSE);

  /* Post-copy bandwidth needs post-copy. */
  assert_disabled_because (dialog, "Post-Copy Band_width", "postcopy-bandwidth");
  ferry_migration_options_set_postcopy (o, TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (row_control (widget, "Post-Copy Band_width")), 40);
  g_assert_cmpuint (ferry_migration_options_get_postcopy_bandwidth (o), ==, 40);
  g_assert_nonnull (strstr (command_text (dialog), "--postcopy-bandwidth 40"));

  /* The timeout action waits for a timeout; switching to post-copy on it
   * needs post-copy on. */
  assert_disabled_because (dialog, "At t_he Timeout", "timeout-action");
  g_assert_cmpstr (row_subtitle (find_row (widget, "At t_he Timeout")), ==, "Set a timeout first");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (row_control (widget, "_Timeout")), 600);
  g_assert_cmpuint (ferry_migration_options_get_timeout (o), ==, 600);
  g_assert_nonnull (strstr (command_text (dialog), "--timeout 600 --timeout-suspend"));
  row = find_row (widget, "At t_he Timeout");
  g_assert_true (gtk_widget_get_sensitive (row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  g_assert_cmpint (ferry_migration_options_get_timeout_action (o), ==,
                   FERRY_MIGRATION_TIMEOUT_ACTION_POSTCOPY);
  g_assert_nonnull (strstr (command_text (dialog), "--timeout 600 --timeout-postcopy"));
  /* Post-copy off: the chosen action no longer fits; the row stays usable
   * so that it can be set back, and says why. */
  ferry_migration_options_set_postcopy_bandwidth (o, 0);
  ferry_migration_options_set_postcopy (o, FALSE);
  g_assert_true (gtk_widget_get_sensitive (row));
  g_assert_cmpstr (row_subtitle (row), ==, "Turn on post-copy to switch to it on timeout");
  g_assert_false (gtk_widget_get_sensitive (ferry_test_find_button (widget, "_Migrate")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  ferry_migration_options_set_timeout (o, 0);
  g_assert_true (gtk_widget_get_sensitive (ferry_test_find_button (widget, "_Migrate")));

  /* Abort on I/O errors and change protection are plain switches. */
  gtk_switch_set_active (GTK_SWITCH (row_control (widget, "Abort on _I/O Errors")), TRUE);
  gtk_switch_set_active (GTK_SWITCH (row_control (widget, "Block Configuration _Changes")), TRUE);
  g_assert_true (ferry_migration_options_get_abort_on_error (o));
  g_assert_true (ferry_migration_options_get_change_protection (o));
  g_assert_nonnull (strstr (command_text (dialog), "--change-protection"));
  g_assert_nonnull (strstr (command_text (dialog), "--abort-on-error"));

  /* A definition read from a file: the file's text, as it is. */
  path = g_build_filename (dir, "web.xml", NULL);
  g_file_set_contents (path, xml, -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  _ferry_migrate_dialog_load_xml (dialog, "destination-xml", file);
  ferry_test_wait_until (has_destination_xml, o, TIMEOUT_MS, "the XML file to be read");
  g_assert_cmpstr (ferry_migration_options_get_destination_xml (o), ==, xml);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (
    ferry_test_find_widget (find_row (widget, "Destination Definition (_XML)"), GTK_TYPE_TEXT_VIEW)));
  {
    g_autofree char *shown = NULL;

    g_object_get (buffer, "text", &shown, NULL);
    g_assert_cmpstr (shown, ==, xml);
  }
  g_assert_nonnull (strstr (command_text (dialog), "--xml destination.xml"));
  assert_usable (dialog, "Destination Definition (_XML)",
                 "Define the VM on the destination from this XML instead of the source’s");
  ferry_migration_options_set_parallel (o, TRUE);
  ferry_migration_options_set_timeout (o, 120);
  screenshot_advanced (dialog, "migrate-dialog-advanced");
  ferry_migration_options_set_timeout (o, 0);
  ferry_migration_options_set_parallel (o, FALSE);

  /* Typed over: what is not XML stops the migration, with the reason. */
  gtk_text_buffer_set_text (buffer, "not xml", -1);
  g_assert_cmpstr (ferry_migration_options_get_destination_xml (o), ==, "not xml");
  g_assert_false (gtk_widget_get_sensitive (ferry_test_find_button (widget, "_Migrate")));
  gtk_text_buffer_set_text (buffer, "", -1);
  g_assert_null (ferry_migration_options_get_destination_xml (o));
  g_assert_true (gtk_widget_get_sensitive (ferry_test_find_button (widget, "_Migrate")));

  /* Choose File… opens a chooser; the file chosen there is read the same way. */
  g_assert_true (gtk_widget_activate_action (widget, "dialog.choose-xml", "s", "persistent-xml"));
  g_assert_nonnull (dialog->xml_chooser);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog->xml_chooser), file, NULL));
  /* The chooser selects the file once it has listed its folder. */
  ferry_test_wait_until (chooser_has_file, dialog->xml_chooser, TIMEOUT_MS, "the file selected");
  g_signal_emit_by_name (dialog->xml_chooser, "response", GTK_RESPONSE_ACCEPT);
  g_assert_null (dialog->xml_chooser);
  ferry_test_wait_until (has_persistent_xml, o, TIMEOUT_MS, "the chosen file to be read");
  g_assert_cmpstr (ferry_migration_options_get_persistent_xml (o), ==, xml);
  g_assert_nonnull (strstr (command_text (dialog), "--persistent-xml persistent.xml"));

  /* The persistent definition needs the VM kept defined; while it is set
   * its row stays usable, so that it can be cleared, and says why. */
  assert_usable (dialog, "Persistent Definition (XM_L)",
                 "The definition kept on the destination, when it differs from the one that runs");
  ferry_migration_options_set_persistent (o, FALSE);
  assert_usable (dialog, "Persistent Definition (XM_L)",
                 "A persistent definition applies only when the VM is made persistent on the destination");
  g_assert_false (gtk_widget_get_sensitive (ferry_test_find_button (widget, "_Migrate")));
  ferry_migration_options_set_persistent_xml (o, NULL);
  assert_disabled_because (dialog, "Persistent Definition (XM_L)", "persistent-xml");
  g_assert_true (gtk_widget_get_sensitive (ferry_test_find_button (widget, "_Migrate")));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_unlink (path);
  g_rmdir (dir);
}

static void
job_started_cb (FerryMigrateDialog  *dialog,
                FerryMigrationJob   *job,
                FerryMigrationJob  **out)
{
  g_assert_null (*out);
  *out = g_object_ref (job);
}

static gboolean
job_ended (gpointer user_data)
{
  FerryMigrationState state = ferry_migration_job_get_state (user_data);

  return state == FERRY_MIGRATION_STATE_FAILED || state == FERRY_MIGRATION_STATE_COMPLETED ||
         state == FERRY_MIGRATION_STATE_CANCELLED;
}

/* The test driver cannot migrate: the job starts, fails, and says so, with
 * the VM still on the source. Enough to follow the dialog to its end. */
static void
test_migrate (Fixture       *f,
              gconstpointer  data)
{
  FerryMigrateDialog *dialog = open_dialog (f, f->host_a, "test");
  g_autoptr(FerryMigrationJob) job = NULL;
  GtkWidget *view;

  g_signal_connect (dialog, "job-started", G_CALLBACK (job_started_cb), &job);
  choose (GTK_WIDGET (dialog), "Host B");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.migrate", NULL));

  g_assert_nonnull (job);
  g_assert_true (ferry_migrate_dialog_get_job (dialog) == job);
  g_assert_cmpstr (ferry_migration_job_get_domain_name (job), ==, "test");
  g_assert_true (ferry_migration_job_get_destination (job) == f->host_b);
  view = ferry_test_find_widget (GTK_WIDGET (dialog), FERRY_TYPE_MIGRATION_VIEW);
  g_assert_nonnull (view);
  g_assert_true (gtk_widget_get_mapped (view));
  g_assert_false (gtk_widget_get_visible (ferry_test_find_button (GTK_WIDGET (dialog), "_Migrate")));

  /* Closing the dialog leaves the job to end on its own. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  ferry_test_wait_until (job_ended, job, TIMEOUT_MS, "the migration to end");
  g_assert_cmpint (ferry_migration_job_get_state (job), ==, FERRY_MIGRATION_STATE_FAILED);
  g_assert_nonnull (ferry_migration_job_get_message (job));
}

static gboolean
move_ready (gpointer window)
{
  return ferry_storage_move_window_get_move (window) != NULL;
}

/* "Move Storage Only…" hands over to the storage move window for this VM on
 * this host, which takes the dialog's place. */
static void
test_move_storage_only (Fixture       *f,
                        gconstpointer  data)
{
  FerryMigrateDialog *dialog = open_dialog (f, f->host_a, "test");
  GtkWindow *window;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  g_assert_nonnull (find_row (GTK_WIDGET (dialog), "Move _Storage Only…"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.move-storage", NULL));
  window = ferry_test_find_toplevel (FERRY_TYPE_STORAGE_MOVE_WINDOW);
  g_assert_nonnull (window);
  ferry_test_wait_until (move_ready, window, TIMEOUT_MS, "the storage move window to read the VM");
  g_assert_cmpstr (ferry_storage_move_get_domain (ferry_storage_move_window_get_move (FERRY_STORAGE_MOVE_WINDOW (window))), ==,
                   ferry_domain_get_uuid (find_domain (f->host_a, "test")));
  ferry_test_flush ();
  g_assert_null (dialog);
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ferry_core_init ();

  g_test_add ("/ui/migrate-dialog/destinations", Fixture, NULL,
              fixture_set_up, test_destinations, fixture_tear_down);
  g_test_add ("/ui/migrate-dialog/shut-off-vm", Fixture, NULL,
              fixture_set_up, test_shut_off_vm, fixture_tear_down);
  g_test_add ("/ui/migrate-dialog/conflicts", Fixture, NULL,
              fixture_set_up, test_conflicts, fixture_tear_down);
  g_test_add ("/ui/migrate-dialog/presets", Fixture, NULL,
              fixture_set_up, test_presets, fixture_tear_down);
  g_test_add ("/ui/migrate-dialog/command", Fixture, NULL,
              fixture_set_up, test_command, fixture_tear_down);
  g_test_add ("/ui/migrate-dialog/advanced", Fixture, NULL,
              fixture_set_up, test_advanced, fixture_tear_down);
  g_test_add ("/ui/migrate-dialog/move-storage-only", Fixture, NULL,
              fixture_set_up, test_move_storage_only, fixture_tear_down);
  g_test_add ("/ui/migrate-dialog/migrate", Fixture, NULL,
              fixture_set_up, test_migrate, fixture_tear_down);

  return g_test_run ();
}
