/* test-connection-open.c — opening a connection: credentials, hosts that
 * refuse or never answer, cancel, and VM actions.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <libvirt/libvirt.h>
#include <string.h>
#include <unistd.h>

#include "ferry-core.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GError **error = user_data;

  ferry_connection_open_finish (FERRY_CONNECTION (object), result, error);
}

typedef struct
{
  const char *user;
  const char *password;
  gboolean    cancel;
  guint       n_requests;
  gboolean    saw_username;
  gboolean    saw_password;
} Answers;

static void
auth_request_cb (FerryConnection  *c,
                 FerryAuthRequest *request,
                 Answers          *answers)
{
  answers->n_requests++;
  g_assert_cmpint (ferry_connection_get_state (c), ==, FERRY_CONNECTION_STATE_AUTHENTICATING);
  if (answers->cancel)
    {
      ferry_auth_request_cancel (request);
      return;
    }
  for (guint i = 0; i < ferry_auth_request_get_n_fields (request); i++)
    {
      switch (ferry_auth_request_get_field_kind (request, i))
        {
        case FERRY_CREDENTIAL_USERNAME:
          answers->saw_username = TRUE;
          ferry_auth_request_set_answer (request, i, answers->user);
          break;
        case FERRY_CREDENTIAL_PASSWORD:
          answers->saw_password = TRUE;
          ferry_auth_request_set_answer (request, i, answers->password);
          break;
        case FERRY_CREDENTIAL_PROMPT:
        case FERRY_CREDENTIAL_SECRET:
        case FERRY_CREDENTIAL_HOST_KEY:
        default:
          g_assert_not_reached ();
        }
    }
  ferry_auth_request_submit (request);
}

static FerryConnectionState
open_with_answers (const char *uri,
                   Answers    *answers,
                   GError    **error)
{
  g_autoptr(FerryConnection) c = ferry_connection_new (uri);

  if (answers != NULL)
    g_signal_connect (c, "auth-request", G_CALLBACK (auth_request_cb), answers);
  ferry_connection_open_async (c, NULL, open_cb, error);
  while (ferry_connection_get_state (c) == FERRY_CONNECTION_STATE_CONNECTING ||
         ferry_connection_get_state (c) == FERRY_CONNECTION_STATE_AUTHENTICATING)
    g_main_context_iteration (NULL, TRUE);
  return ferry_connection_get_state (c);
}

static void
test_auth (void)
{
  g_autofree char *uri = ferry_test_write_auth_host ();
  Answers right = { "admin", "s3cret", FALSE };
  Answers wrong = { "admin", "guess", FALSE };
  Answers cancel = { NULL, NULL, TRUE };
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(GError) e4 = NULL;

  g_assert_cmpint (open_with_answers (uri, &right, &e1), ==, FERRY_CONNECTION_STATE_CONNECTED);
  g_assert_no_error (e1);
  g_assert_true (right.saw_username && right.saw_password);

  /* A wrong password fails with libvirt's authentication error, not a hang. */
  g_assert_cmpint (open_with_answers (uri, &wrong, &e2), ==, FERRY_CONNECTION_STATE_FAILED);
  g_assert_error (e2, FERRY_ERROR, FERRY_ERROR_AUTH);

  g_assert_cmpint (open_with_answers (uri, &cancel, &e3), ==, FERRY_CONNECTION_STATE_FAILED);
  g_assert_error (e3, FERRY_ERROR, FERRY_ERROR_AUTH);

  /* Nobody to ask (no UI): refused at once rather than waiting. */
  g_assert_cmpint (open_with_answers (uri, NULL, &e4), ==, FERRY_CONNECTION_STATE_FAILED);
  g_assert_error (e4, FERRY_ERROR, FERRY_ERROR_AUTH);
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
}

static void
test_silent_host_times_out (void)
{
  guint16 port;
  g_autoptr(GSocket) listener = ferry_test_listen_silently (&port);
  g_autofree char *uri = g_strdup_printf ("qemu+tcp://127.0.0.1:%u/system", port);
  g_autoptr(FerryConnection) c = ferry_connection_new (uri);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_object_set (c, "open-timeout", 2, NULL);
  ferry_connection_open_async (c, NULL, open_cb, &error);
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_FAILED, TIMEOUT_MS);

  /* The main loop kept running all along (this test iterated it), and the
   * user gets a sentence that says what to check. */
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (ferry_connection_get_error_message (c), "did not answer within 2 seconds"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 15 * G_USEC_PER_SEC);
}

static void
test_silent_host_cancel (void)
{
  guint16 port;
  g_autoptr(GSocket) listener = ferry_test_listen_silently (&port);
  g_autofree char *uri = g_strdup_printf ("qemu+tcp://127.0.0.1:%u/system", port);
  g_autoptr(FerryConnection) c = ferry_connection_new (uri);
  g_autoptr(GError) error = NULL;

  ferry_connection_open_async (c, NULL, open_cb, &error);
  g_assert_cmpint (ferry_connection_get_state (c), ==, FERRY_CONNECTION_STATE_CONNECTING);
  ferry_connection_cancel (c);

  g_assert_cmpint (ferry_connection_get_state (c), ==, FERRY_CONNECTION_STATE_DISCONNECTED);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* It can be opened again (the hung worker's late result is dropped). */
  g_clear_error (&error);
  g_object_set (c, "open-timeout", 1, NULL);
  ferry_connection_open_async (c, NULL, open_cb, &error);
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_FAILED, TIMEOUT_MS);
}

static void
test_refused_port (void)
{
  guint16 port;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;

  /* Bind a port and close it again: nothing listens there now. */
  g_clear_object (&(GSocket *){ ferry_test_listen_silently (&port) });
  uri = g_strdup_printf ("qemu+tcp://127.0.0.1:%u/system", port);

  g_assert_cmpint (open_with_answers (uri, NULL, &error), ==, FERRY_CONNECTION_STATE_FAILED);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Connection refused"));
}

static void
action_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (ferry_connection_domain_action_finish (FERRY_CONNECTION (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
do_action (FerryConnection   *c,
           FerryDomain       *d,
           FerryDomainAction  action,
           FerryDomainState   expected)
{
  gboolean done = FALSE;

  g_assert_true (ferry_domain_action_allowed (action, d));
  ferry_connection_domain_action_async (c, d, action, NULL, action_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  /* The model follows through the lifecycle event. */
  ferry_test_wait_property (d, "state", expected, TIMEOUT_MS);
}

static void
test_domain_actions (void)
{
  g_autofree char *uri = ferry_test_write_host (3);
  g_autoptr(FerryConnection) c = ferry_connection_new (uri);
  g_autoptr(FerryDomain) d = NULL;
  g_autoptr(GError) error = NULL;

  ferry_connection_open_async (c, NULL, open_cb, &error);
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  /* vm-00000 is shut off in the fixture (libvirt lists active domains first). */
  for (guint i = 0; d == NULL; i++)
    {
      g_autoptr(FerryDomain) item = g_list_model_get_item (ferry_connection_get_domains (c), i);

      g_assert_nonnull (item);
      if (g_str_equal (ferry_domain_get_name (item), "vm-00000"))
        d = g_steal_pointer (&item);
    }
  g_assert_false (ferry_domain_action_allowed (FERRY_DOMAIN_ACTION_PAUSE, d));

  do_action (c, d, FERRY_DOMAIN_ACTION_START, FERRY_DOMAIN_STATE_RUNNING);
  do_action (c, d, FERRY_DOMAIN_ACTION_PAUSE, FERRY_DOMAIN_STATE_PAUSED);
  /* The reason says who paused it: the user, not a migration or an I/O error. */
  g_assert_cmpint (ferry_domain_get_state_reason (d), ==, VIR_DOMAIN_PAUSED_USER);
  g_assert_false (ferry_domain_action_allowed (FERRY_DOMAIN_ACTION_START, d));
  do_action (c, d, FERRY_DOMAIN_ACTION_RESUME, FERRY_DOMAIN_STATE_RUNNING);
  do_action (c, d, FERRY_DOMAIN_ACTION_FORCE_OFF, FERRY_DOMAIN_STATE_SHUTOFF);
  do_action (c, d, FERRY_DOMAIN_ACTION_START, FERRY_DOMAIN_STATE_RUNNING);
  do_action (c, d, FERRY_DOMAIN_ACTION_SHUTDOWN, FERRY_DOMAIN_STATE_SHUTOFF);
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
}

/* libvirt says the same for a certificate signed by another CA and one made
 * for another host name; the user is told which host, which CA file and both
 * possible fixes, and libvirt's own text stays for a bug report. */
static void
test_tls_certificate_advice (void)
{
  const char *raw = "authentication failed: Failed to verify peer's certificate";
  g_autofree char *with_pki =
    ferry_connection_explain_open_error ("qemu+tls://host-a.example/system?pkipath=/srv/pki", raw);
  g_autofree char *default_pki = ferry_connection_explain_open_error ("qemu+tls://10.0.0.7/system", raw);
  g_autofree char *over_ssh = ferry_connection_explain_open_error ("qemu+ssh://root@host-a.example/system", raw);
  g_autofree char *other = ferry_connection_explain_open_error ("qemu+tls://host-a.example/system",
                                                                "Cannot recv data: Connection reset by peer");

  g_assert_nonnull (with_pki);
  g_assert_true (g_str_has_prefix (with_pki, "Ferry does not trust the TLS certificate of host-a.example: "));
  g_assert_nonnull (strstr (with_pki, "certificate authority (CA) in /srv/pki/cacert.pem"));
  g_assert_nonnull (strstr (with_pki, "made for another host name"));
  g_assert_true (g_str_has_suffix (with_pki, "(libvirt: authentication failed: Failed to verify peer's certificate)"));

  g_assert_nonnull (default_pki);
  g_assert_true (g_str_has_prefix (default_pki, "Ferry does not trust the TLS certificate of 10.0.0.7: "));
  g_assert_nonnull (strstr (default_pki, geteuid () == 0 ? "in /etc/pki/CA/cacert.pem," :
                                         "in ~/.pki/libvirt/cacert.pem or /etc/pki/CA/cacert.pem,"));

  /* Only TLS certificate failures are rewritten; anything else keeps libvirt's text. */
  g_assert_null (over_ssh);
  g_assert_null (other);
  g_assert_null (ferry_connection_explain_open_error ("qemu+tls://host-a.example/system", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ferry_core_init ();

  g_test_add_func ("/core/connection-open/auth", test_auth);
  g_test_add_func ("/core/connection-open/silent-host-times-out", test_silent_host_times_out);
  g_test_add_func ("/core/connection-open/silent-host-cancel", test_silent_host_cancel);
  g_test_add_func ("/core/connection-open/refused-port", test_refused_port);
  g_test_add_func ("/core/connection-open/domain-actions", test_domain_actions);
  g_test_add_func ("/core/connection-open/tls-certificate-advice", test_tls_certificate_advice);

  return g_test_run ();
}
