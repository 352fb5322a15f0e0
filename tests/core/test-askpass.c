/* test-askpass.c — ssh's prompts reach Ferry through ferry-askpass and the
 * answers come back: the path every qemu+ssh:// password takes.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "ferry-core.h"
#include "ferry-test-utils.h"

typedef struct
{
  const char          *answer;     /* NULL: refuse */
  FerryCredentialKind  kind;
  char                *prompt;
} Handler;

static void
request_cb (FerryAskpassServer *server,
            const char         *destination,
            FerryAuthRequest   *request,
            Handler            *handler)
{
  g_assert_cmpuint (ferry_auth_request_get_n_fields (request), ==, 1);
  handler->kind = ferry_auth_request_get_field_kind (request, 0);
  handler->prompt = g_strdup (ferry_auth_request_get_field_prompt (request, 0));
  if (handler->answer == NULL)
    {
      ferry_auth_request_cancel (request);
      return;
    }
  ferry_auth_request_set_answer (request, 0, handler->answer);
  ferry_auth_request_submit (request);
}

typedef struct
{
  gboolean  done;
  char     *out;
  int       status;
} Run;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Run *run = user_data;
  GSubprocess *process = G_SUBPROCESS (object);

  g_subprocess_communicate_utf8_finish (process, result, &run->out, NULL, NULL);
  run->status = g_subprocess_get_exit_status (process);
  run->done = TRUE;
}

static gboolean
run_done (gpointer user_data)
{
  return ((Run *)user_data)->done;
}

/* Runs ferry-askpass as ssh would: the prompt is its only argument. */
static void
ask (FerryAskpassServer *server,
     const char         *prompt,
     Handler            *handler,
     Run                *run)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gulong id = g_signal_connect (server, "request", G_CALLBACK (request_cb), handler);

  g_subprocess_launcher_setenv (launcher, "FERRY_ASKPASS_SOCKET",
                                ferry_askpass_server_get_socket_path (server), TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("FERRY_ASKPASS"), prompt, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicate_cb, run);
  ferry_test_wait_until (run_done, run, 20000, "ferry-askpass to exit");
  g_signal_handler_disconnect (server, id);
}

static void
test_password (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryAskpassServer) server = ferry_askpass_server_new (g_getenv ("FERRY_ASKPASS"), &error);
  Handler handler = { "p@ss word\twith\\odd 'chars' ✓" };
  Run run = { 0 };

  g_assert_no_error (error);
  ask (server, "root@ferry-lab-b's password: ", &handler, &run);

  g_assert_cmpint (handler.kind, ==, FERRY_CREDENTIAL_SECRET);
  g_assert_cmpstr (handler.prompt, ==, "root@ferry-lab-b's password: ");
  g_assert_cmpint (run.status, ==, 0);
  /* Exactly the password, byte for byte, as ssh reads it (one line). */
  g_assert_cmpstr (run.out, ==, "p@ss word\twith\\odd 'chars' ✓\n");
  g_free (run.out);
  g_free (handler.prompt);
}

static void
test_host_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryAskpassServer) server = ferry_askpass_server_new (g_getenv ("FERRY_ASKPASS"), &error);
  Handler handler = { "y" };
  Run run = { 0 };
  const char *prompt =
    "The authenticity of host 'ferry-lab-b (10.254.0.2)' can't be established.\n"
    "ED25519 key fingerprint is SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG.\n"
    "Are you sure you want to continue connecting (yes/no/[fingerprint])? ";

  g_assert_no_error (error);
  ask (server, prompt, &handler, &run);

  /* Shown as a trust decision with the whole text (fingerprint included). */
  g_assert_cmpint (handler.kind, ==, FERRY_CREDENTIAL_HOST_KEY);
  g_assert_cmpstr (handler.prompt, ==, prompt);
  g_assert_cmpstr (run.out, ==, "yes\n");
  g_free (run.out);
  g_free (handler.prompt);
}

static void
test_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryAskpassServer) server = ferry_askpass_server_new (g_getenv ("FERRY_ASKPASS"), &error);
  Handler handler = { NULL };
  Run run = { 0 };

  g_assert_no_error (error);
  ask (server, "Enter passphrase for key '/root/.ssh/id_ed25519': ", &handler, &run);

  /* Nothing on stdout and a failure status: ssh treats it as "no answer". */
  g_assert_cmpint (run.status, !=, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_free (run.out);
  g_free (handler.prompt);
}

static void
test_socket_private (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryAskpassServer) server = ferry_askpass_server_new (g_getenv ("FERRY_ASKPASS"), &error);
  g_autofree char *dir = g_path_get_dirname (ferry_askpass_server_get_socket_path (server));
  GStatBuf st;

  g_assert_no_error (error);
  /* Only this user may reach the socket that hands out passwords. */
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ferry_core_init ();

  g_test_add_func ("/core/askpass/password", test_password);
  g_test_add_func ("/core/askpass/host-key", test_host_key);
  g_test_add_func ("/core/askpass/refused", test_refused);
  g_test_add_func ("/core/askpass/socket-private", test_socket_private);

  return g_test_run ();
}
