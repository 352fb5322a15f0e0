/* test-migrate-dialog.c — the Migrate dialog against two test-driver hosts:
 * which destinations it offers, which options it rules out and why, what
 * the presets set, and the virsh command it shows.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "ferry-migrate-dialog.h"
#include "ferry-migration-view.h"
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

static const char *
row_subtitle (GtkWidget *row)
{
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
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (root)), "virsh "))
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

/* The command is the one label that starts with "virsh". */
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
  g_test_add ("/ui/migrate-dialog/migrate", Fixture, NULL,
              fixture_set_up, test_migrate, fixture_tear_down);

  return g_test_run ();
}
