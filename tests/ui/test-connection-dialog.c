/* test-connection-dialog.c — the Add/Edit connection dialog: the URI follows
 * the fields, mistakes are shown on the row at fault and block Add, and every
 * way out answers the caller.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ferry-connection-dialog.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000

/* Transport row items, as the user sees them. */
enum {
  LOCAL,
  SSH,
  LIBSSH,
  LIBSSH2,
  TLS,
  TCP,
  UNIX,
  CUSTOM,
};

static FerryConnectionDialog *
present_new (FerryConnection *connection)
{
  FerryConnectionDialog *dialog = ferry_connection_dialog_new (NULL, connection);

  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static gboolean
time_reached (gpointer user_data)
{
  return g_get_monotonic_time () >= *(gint64 *)user_data;
}

/* Runs the main loop for @ms: long enough for a button's delayed click. */
static void
iterate_for (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  ferry_test_wait_until (time_reached, &deadline, ms + TIMEOUT_MS, "time to pass");
}

static gpointer
child (FerryConnectionDialog *dialog,
       const char            *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                   FERRY_TYPE_CONNECTION_DIALOG, name);

  g_assert_nonnull (object);
  return object;
}

static void
type (FerryConnectionDialog *dialog,
      const char            *row,
      const char            *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, row)), text);
}

static void
choose (FerryConnectionDialog *dialog,
        const char            *row,
        guint                  item)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (dialog, row)), item);
}

static gboolean
visible (FerryConnectionDialog *dialog,
         const char            *name)
{
  return gtk_widget_get_visible (GTK_WIDGET (child (dialog, name)));
}

/* What Enter does in a field: activate the window's default widget. */
static void
press_enter_in (FerryConnectionDialog *dialog,
                const char            *name)
{
  GtkWidget *field = child (dialog, name);

  g_assert_true (gtk_widget_grab_focus (field));
  gtk_widget_activate_default (field);
}

/* The URI is valid: shown, no message, no row marked, Add available. */
static void
assert_valid (FerryConnectionDialog *dialog,
              const char            *uri)
{
  g_assert_cmpstr (ferry_connection_dialog_get_uri (dialog), ==, uri);
  if (visible (dialog, "uri_label"))
    g_assert_cmpstr (gtk_label_get_text (child (dialog, "uri_label")), ==, uri);
  g_assert_null (ferry_connection_dialog_get_error_message (dialog));
  g_assert_false (visible (dialog, "error_label"));
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "add_button")));
}

/* The URI is invalid: @message under the fields, @row marked, Add blocked. */
static void
assert_invalid (FerryConnectionDialog *dialog,
                const char            *row,
                const char            *message)
{
  const char *rows[] = { "transport_row", "user_row", "host_row", "port_row", "path_row",
                         "socket_row", "custom_row" };

  g_assert_cmpstr (ferry_connection_dialog_get_error_message (dialog), ==, message);
  g_assert_true (visible (dialog, "error_label"));
  g_assert_cmpstr (gtk_label_get_text (child (dialog, "error_label")), ==, message);
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "add_button")));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_assert_cmpint (gtk_widget_has_css_class (child (dialog, rows[i]), "error"),
                     ==, g_str_equal (rows[i], row));
}

/* The dialog is destroyed and nothing keeps it alive. */
static void
destroy_and_check (FerryConnectionDialog *dialog)
{
  gpointer weak = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_window_destroy (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (weak);
}

static void
test_fields_make_uri (void)
{
  FerryConnectionDialog *dialog = present_new (NULL);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Add Connection");
  /* The first field has the focus, not Cancel (where Enter would cancel). */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (dialog)) == child (dialog, "transport_row"));
  g_assert_cmpstr (gtk_button_get_label (child (dialog, "add_button")), ==, "_Add");

  /* Local: only the daemon is asked for. */
  assert_valid (dialog, "qemu:///system");
  g_assert_false (visible (dialog, "user_row"));
  g_assert_false (visible (dialog, "host_row"));
  g_assert_false (visible (dialog, "port_row"));
  g_assert_true (visible (dialog, "path_row"));
  choose (dialog, "path_row", 1);
  assert_valid (dialog, "qemu:///session");

  choose (dialog, "transport_row", SSH);
  g_assert_true (visible (dialog, "user_row"));
  g_assert_true (visible (dialog, "host_row"));
  g_assert_true (visible (dialog, "port_row"));
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "port_spin")), ==, "Default");
  type (dialog, "user_row", "root");
  type (dialog, "host_row", "host-b.example.org");
  assert_valid (dialog, "qemu+ssh://root@host-b.example.org/session");
  /* The URI follows the port as it is typed, before the spin button commits. */
  type (dialog, "port_spin", "2222");
  assert_valid (dialog, "qemu+ssh://root@host-b.example.org:2222/session");
  choose (dialog, "path_row", 0);
  assert_valid (dialog, "qemu+ssh://root@host-b.example.org:2222/system");

  /* Users that need escaping, and IPv6 hosts in brackets. */
  type (dialog, "user_row", "a@b%c");
  type (dialog, "host_row", "fe80::1");
  choose (dialog, "transport_row", LIBSSH2);
  assert_valid (dialog, "qemu+libssh2://a%40b%25c@[fe80::1]:2222/system");

  /* TLS takes no user: the hidden row does not count. */
  choose (dialog, "transport_row", TLS);
  g_assert_false (visible (dialog, "user_row"));
  assert_valid (dialog, "qemu+tls://[fe80::1]:2222/system");

  choose (dialog, "transport_row", UNIX);
  g_assert_false (visible (dialog, "host_row"));
  g_assert_true (visible (dialog, "socket_row"));
  assert_valid (dialog, "qemu+unix:///system");
  type (dialog, "socket_row", "/run/libvirt/virtqemud-sock");
  assert_valid (dialog, "qemu+unix:///system?socket=/run/libvirt/virtqemud-sock");

  choose (dialog, "transport_row", TCP);
  assert_valid (dialog, "qemu+tcp://[fe80::1]:2222/system");

  destroy_and_check (dialog);
}

static void
test_invalid_host (void)
{
  FerryConnectionDialog *dialog = present_new (NULL);

  choose (dialog, "transport_row", SSH);
  assert_invalid (dialog, "host_row", "The SSH transport needs a host");

  type (dialog, "host_row", "my_host");
  assert_invalid (dialog, "host_row",
                  "The host name “my_host” contains “_”; a host name has only letters, digits, "
                  "“-” and “.”");
  type (dialog, "host_row", "300.1.2.3");
  assert_invalid (dialog, "host_row", "“300.1.2.3” is not a valid IPv4 address");

  type (dialog, "host_row", "my-host");
  assert_valid (dialog, "qemu+ssh://my-host/system");

  type (dialog, "user_row", "jo smith");
  assert_invalid (dialog, "user_row", "The user name contains a space");

  destroy_and_check (dialog);
}

static void
test_invalid_port (void)
{
  FerryConnectionDialog *dialog = present_new (NULL);

  choose (dialog, "transport_row", TLS);
  type (dialog, "host_row", "h");
  type (dialog, "port_spin", "70000");
  assert_invalid (dialog, "port_row", "Port 70000 is out of range (1–65535)");

  /* Pressing Enter with the mistake does nothing. */
  press_enter_in (dialog, "port_spin");
  iterate_for (500);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  type (dialog, "port_spin", "16514");
  assert_valid (dialog, "qemu+tls://h:16514/system");

  choose (dialog, "transport_row", UNIX);
  type (dialog, "socket_row", "run/sock");
  assert_invalid (dialog, "socket_row", "The socket path “run/sock” is not absolute");

  destroy_and_check (dialog);
}

static void
test_custom_uri (void)
{
  FerryConnectionDialog *dialog = present_new (NULL);

  choose (dialog, "transport_row", SSH);
  type (dialog, "host_row", "h");

  /* Custom mode starts from what the form made, and shows only the URI. */
  choose (dialog, "transport_row", CUSTOM);
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "custom_row")), ==, "qemu+ssh://h/system");
  g_assert_true (visible (dialog, "custom_row"));
  g_assert_false (visible (dialog, "host_row"));
  g_assert_false (visible (dialog, "path_row"));
  assert_valid (dialog, "qemu+ssh://h/system");

  /* Drivers Ferry does not know are left to libvirt. */
  type (dialog, "custom_row", "lxc:///system");
  assert_valid (dialog, "lxc:///system");
  type (dialog, "custom_row", "qemu+ssh:///system");
  assert_invalid (dialog, "custom_row", "The SSH transport needs a host");
  type (dialog, "custom_row", "qemu:///sys tem");
  assert_invalid (dialog, "custom_row", "A URI cannot contain spaces; write them as %20");
  type (dialog, "custom_row", "");
  assert_invalid (dialog, "custom_row", "The URI is empty");

  /* Back in the form, what was typed fills the fields when it fits, under
   * the transport just chosen. */
  type (dialog, "custom_row", "qemu+ssh://admin@host-c:22/session?keyfile=/k");
  choose (dialog, "transport_row", LIBSSH);
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "user_row")), ==, "admin");
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "host_row")), ==, "host-c");
  assert_valid (dialog, "qemu+libssh://admin@host-c:22/session?keyfile=/k");

  destroy_and_check (dialog);
}

static void
test_edit_prefill (void)
{
  g_autoptr(FerryConnection) ssh = ferry_connection_new ("qemu+ssh://root@h:2222/session?keyfile=/k");
  g_autoptr(FerryConnection) other = ferry_connection_new ("test:///default");
  FerryConnectionDialog *dialog;

  ferry_connection_set_display_name (ssh, "Lab B");
  dialog = present_new (ssh);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit Connection");
  g_assert_cmpstr (gtk_button_get_label (child (dialog, "add_button")), ==, "_Save");
  g_assert_cmpuint (adw_combo_row_get_selected (child (dialog, "transport_row")), ==, SSH);
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "user_row")), ==, "root");
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "host_row")), ==, "h");
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "port_spin")), ==, "2222");
  g_assert_cmpuint (adw_combo_row_get_selected (child (dialog, "path_row")), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "name_row")), ==, "Lab B");
  assert_valid (dialog, "qemu+ssh://root@h:2222/session?keyfile=/k");
  destroy_and_check (dialog);

  /* A URI the form cannot show opens as text; an unnamed host leaves Name empty. */
  dialog = present_new (other);
  g_assert_cmpuint (adw_combo_row_get_selected (child (dialog, "transport_row")), ==, CUSTOM);
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "custom_row")), ==, "test:///default");
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "name_row")), ==, "");
  assert_valid (dialog, "test:///default");
  destroy_and_check (dialog);
}

typedef struct
{
  gboolean  done;
  gboolean  accepted;
  GError   *error;
  char     *uri;
  char     *name;
  gboolean  autoconnect;
} RunResult;

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  RunResult *run = user_data;

  run->accepted = ferry_connection_dialog_run_finish (FERRY_CONNECTION_DIALOG (object), result,
                                                      &run->uri, &run->name, &run->autoconnect,
                                                      &run->error);
  run->done = TRUE;
}

static gboolean
run_done (gpointer user_data)
{
  return ((RunResult *)user_data)->done;
}

static void
run_result_clear (RunResult *run)
{
  g_clear_error (&run->error);
  g_clear_pointer (&run->uri, g_free);
  g_clear_pointer (&run->name, g_free);
}

/* Runs a dialog, lets @answer act on it, and checks it is gone after. */
static void
run_dialog (FerryConnectionDialog *dialog,
            GCancellable          *cancellable,
            void                 (*answer) (FerryConnectionDialog *dialog,
                                            GCancellable          *cancellable),
            RunResult             *run)
{
  gpointer weak = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  ferry_connection_dialog_run_async (dialog, cancellable, run_cb, run);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  answer (dialog, cancellable);
  ferry_test_wait_until (run_done, run, TIMEOUT_MS, "the dialog's answer");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (weak);
}

static void
add_ssh (FerryConnectionDialog *dialog,
         GCancellable          *cancellable)
{
  choose (dialog, "transport_row", SSH);
  type (dialog, "user_row", "root");
  type (dialog, "host_row", "host-b");
  type (dialog, "name_row", "  Host B ");
  gtk_switch_set_active (child (dialog, "autoconnect_switch"), TRUE);
  /* Enter in a field adds when the URI is valid. */
  press_enter_in (dialog, "host_row");
}

static void
close_window (FerryConnectionDialog *dialog,
              GCancellable          *cancellable)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
}

static void
press_cancel (FerryConnectionDialog *dialog,
              GCancellable          *cancellable)
{
  /* A valid URI makes no difference. */
  choose (dialog, "transport_row", TCP);
  type (dialog, "host_row", "h");
  close_window (dialog, cancellable);
}

static void
cancel_cancellable (FerryConnectionDialog *dialog,
                    GCancellable          *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
test_run_add (void)
{
  RunResult run = { 0 };

  run_dialog (ferry_connection_dialog_new (NULL, NULL), NULL, add_ssh, &run);
  g_assert_no_error (run.error);
  g_assert_true (run.accepted);
  g_assert_cmpstr (run.uri, ==, "qemu+ssh://root@host-b/system");
  g_assert_cmpstr (run.name, ==, "Host B");
  g_assert_true (run.autoconnect);
  run_result_clear (&run);
}

static void
test_run_cancel (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  RunResult run = { 0 };

  run_dialog (ferry_connection_dialog_new (NULL, NULL), NULL, press_cancel, &run);
  g_assert_false (run.accepted);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (run.uri);
  run_result_clear (&run);

  run_dialog (ferry_connection_dialog_new (NULL, NULL), cancellable, cancel_cancellable, &run);
  g_assert_false (run.accepted);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  run_result_clear (&run);
}

/* Closed with its parent: the caller still gets an answer. */
static void
test_run_parent_destroyed (void)
{
  GtkWidget *parent = gtk_window_new ();
  RunResult run = { 0 };
  FerryConnectionDialog *dialog;

  gtk_window_present (GTK_WINDOW (parent));
  dialog = ferry_connection_dialog_new (GTK_WINDOW (parent), NULL);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (parent));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  ferry_connection_dialog_run_async (dialog, NULL, run_cb, &run);
  gtk_window_destroy (GTK_WINDOW (parent));
  ferry_test_wait_until (run_done, &run, TIMEOUT_MS, "the dialog's answer");
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  run_result_clear (&run);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (dialog);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ferry_core_init ();

  g_test_add_func ("/ui/connection-dialog/fields-make-uri", test_fields_make_uri);
  g_test_add_func ("/ui/connection-dialog/invalid-host", test_invalid_host);
  g_test_add_func ("/ui/connection-dialog/invalid-port", test_invalid_port);
  g_test_add_func ("/ui/connection-dialog/custom-uri", test_custom_uri);
  g_test_add_func ("/ui/connection-dialog/edit-prefill", test_edit_prefill);
  g_test_add_func ("/ui/connection-dialog/run-add", test_run_add);
  g_test_add_func ("/ui/connection-dialog/run-cancel", test_run_cancel);
  g_test_add_func ("/ui/connection-dialog/run-parent-destroyed", test_run_parent_destroyed);

  return g_test_run ();
}
