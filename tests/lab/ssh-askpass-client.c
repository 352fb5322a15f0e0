/* ssh-askpass-client.c — opens one qemu+ssh:// connection the way Ferry does,
 * answering ssh's prompts through FerryAskpassServer, and reports what ssh
 * asked. tests/lab/test-ssh-askpass.sh runs it in the lab's client namespace
 * against a password-only account whose host key ssh does not know: the
 * proof that Ferry's askpass path works with a real sshd and a real libvirt.
 *
 * Usage: ssh-askpass-client [OPTIONS] URI PASSWORD
 *   --wrong-first       answer the first password prompt with a wrong password
 *   --refuse=WHAT       cancel every prompt of kind WHAT: host-key, password or all
 *   --timeout=SECONDS   give up after this long (default 60)
 *
 * Output, one item a line (the test greps it):
 *   prompt N kind=KIND answer=ANSWER text=ESCAPED-PROMPT
 *   state=connected|failed|timeout
 *   seconds=S
 *   domains=N
 *   error=MESSAGE
 * Exit status: 0 only if the connection reached the connected state.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "ferry-core.h"

typedef struct
{
  const char *password;
  gboolean    wrong_first;
  gboolean    refuse_host_key;
  gboolean    refuse_password;
  guint       n_prompts;
  guint       n_password_prompts;
  gboolean    timed_out;
} Client;

static const char *
kind_name (FerryCredentialKind kind)
{
  switch (kind)
    {
    case FERRY_CREDENTIAL_USERNAME: return "username";
    case FERRY_CREDENTIAL_PASSWORD: return "password";
    case FERRY_CREDENTIAL_PROMPT:   return "prompt";
    case FERRY_CREDENTIAL_SECRET:   return "secret";
    case FERRY_CREDENTIAL_HOST_KEY: return "host-key";
    default:                        return "unknown";
    }
}

typedef struct
{
  Client           *client;
  FerryAuthRequest *request;
} Answer;

/* Answered from an idle, not inside the signal: the UI answers later too (from
 * a dialog), and the server must not rely on an answer during emission. */
static gboolean
answer_cb (gpointer user_data)
{
  Answer *a = user_data;
  Client *client = a->client;
  guint n_fields = ferry_auth_request_get_n_fields (a->request);
  gboolean refuse = FALSE;

  for (guint i = 0; i < n_fields; i++)
    {
      FerryCredentialKind kind = ferry_auth_request_get_field_kind (a->request, i);
      g_autofree char *text = g_strescape (ferry_auth_request_get_field_prompt (a->request, i), NULL);
      const char *shown;

      client->n_prompts++;
      if (kind == FERRY_CREDENTIAL_HOST_KEY)
        {
          refuse = refuse || client->refuse_host_key;
          shown = refuse ? "refuse" : "accept";
          if (!refuse)
            ferry_auth_request_set_answer (a->request, i, "y");
        }
      else if (kind == FERRY_CREDENTIAL_SECRET || kind == FERRY_CREDENTIAL_PASSWORD)
        {
          gboolean wrong = client->wrong_first && client->n_password_prompts == 0;

          client->n_password_prompts++;
          refuse = refuse || client->refuse_password;
          shown = refuse ? "refuse" : wrong ? "wrong" : "right";
          if (!refuse)
            ferry_auth_request_set_answer (a->request, i, wrong ? "not-the-password" : client->password);
        }
      else
        {
          /* Nothing else is expected from this account: refusing makes a
           * surprise visible in the report instead of guessing an answer. */
          refuse = TRUE;
          shown = "refuse";
        }
      printf ("prompt %u kind=%s answer=%s text=%s\n", client->n_prompts, kind_name (kind), shown, text);
      fflush (stdout);
    }

  if (refuse)
    ferry_auth_request_cancel (a->request);
  else
    ferry_auth_request_submit (a->request);

  g_object_unref (a->request);
  g_free (a);
  return G_SOURCE_REMOVE;
}

static void
auth_request_cb (FerryConnectionManager *manager,
                 FerryConnection        *connection,
                 FerryAuthRequest       *request,
                 Client                 *client)
{
  Answer *a = g_new0 (Answer, 1);

  a->client = client;
  a->request = g_object_ref (request);
  g_idle_add (answer_cb, a);
}

static gboolean
timeout_cb (gpointer user_data)
{
  Client *client = user_data;

  client->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryAskpassServer) askpass = NULL;
  g_autoptr(FerryConnectionManager) manager = NULL;
  g_autofree char *refuse = NULL;
  g_autofree char *settings_file = NULL;
  g_autoptr(GSettings) settings = NULL;
  FerryConnection *connection;
  FerryConnectionState state;
  const char *askpass_program = g_getenv ("FERRY_ASKPASS");
  const char *message;
  Client client = { 0 };
  int timeout = 60;
  gint64 started;
  guint timeout_id;
  GOptionEntry entries[] = {
    { "wrong-first", 0, 0, G_OPTION_ARG_NONE, &client.wrong_first, "Answer the first password prompt wrongly", NULL },
    { "refuse", 0, 0, G_OPTION_ARG_STRING, &refuse, "Cancel prompts of this kind: host-key, password or all", "WHAT" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, "Give up after SECONDS (default 60)", "SECONDS" },
    { "settings", 0, 0, G_OPTION_ARG_FILENAME, &settings_file,
      "Save the host in Ferry's settings, kept in this key file (as the app saves added hosts)", "FILE" },
    { NULL }
  };

  context = g_option_context_new ("URI PASSWORD");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 3 || timeout <= 0)
    {
      fprintf (stderr, "usage: %s [--wrong-first] [--refuse=host-key|password|all] [--timeout=S] URI PASSWORD%s%s\n",
               g_get_prgname (), error ? ": " : "", error ? error->message : "");
      return 2;
    }
  if (refuse != NULL)
    {
      client.refuse_host_key = g_str_equal (refuse, "host-key") || g_str_equal (refuse, "all");
      client.refuse_password = g_str_equal (refuse, "password") || g_str_equal (refuse, "all");
      if (!client.refuse_host_key && !client.refuse_password)
        {
          fprintf (stderr, "--refuse takes host-key, password or all\n");
          return 2;
        }
    }
  client.password = argv[2];
  if (askpass_program == NULL)
    {
      fprintf (stderr, "FERRY_ASKPASS must name the ferry-askpass program\n");
      return 2;
    }

  ferry_core_init ();

  /* As FerryApplication does: the environment is exported before anything
   * can spawn ssh, and before worker threads exist (setenv is not thread-safe). */
  askpass = ferry_askpass_server_new (askpass_program, &error);
  if (askpass == NULL)
    {
      fprintf (stderr, "cannot start the askpass server: %s\n", error->message);
      return 1;
    }
  ferry_askpass_server_export_environment (askpass);

  if (settings_file != NULL)
    {
      g_autoptr(GSettingsBackend) backend = g_keyfile_settings_backend_new (settings_file, "/", NULL);

      settings = g_settings_new_with_backend (SCHEMA_ID, backend);
    }
  manager = ferry_connection_manager_new (settings);
  ferry_connection_manager_set_askpass_server (manager, askpass);
  g_signal_connect (manager, "auth-request", G_CALLBACK (auth_request_cb), &client);
  connection = ferry_connection_manager_add (manager, argv[1], NULL, FALSE, settings != NULL);

  started = g_get_monotonic_time ();
  timeout_id = g_timeout_add_seconds (timeout, timeout_cb, &client);
  ferry_connection_manager_connect (manager, connection);

  /* Bounded: a prompt nobody answers or an ssh that hangs ends as "timeout". */
  for (;;)
    {
      state = ferry_connection_get_state (connection);
      if (state == FERRY_CONNECTION_STATE_CONNECTED || state == FERRY_CONNECTION_STATE_FAILED ||
          client.timed_out)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  if (!client.timed_out)
    g_source_remove (timeout_id);

  printf ("state=%s\nseconds=%.1f\n",
          state == FERRY_CONNECTION_STATE_CONNECTED ? "connected" :
          state == FERRY_CONNECTION_STATE_FAILED ? "failed" : "timeout",
          (g_get_monotonic_time () - started) / (double)G_USEC_PER_SEC);
  printf ("domains=%u\n", g_list_model_get_n_items (ferry_connection_get_domains (connection)));
  message = ferry_connection_get_error_message (connection);
  {
    g_autofree char *escaped = g_strescape (message ? message : "", NULL);

    printf ("error=%s\n", escaped);
  }
  fflush (stdout);
  if (settings != NULL)
    g_settings_sync ();

  return state == FERRY_CONNECTION_STATE_CONNECTED ? 0 : 1;
}
