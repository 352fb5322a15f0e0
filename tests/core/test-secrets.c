/* test-secrets.c — remembered passwords go to the keyring and come back;
 * forgetting removes them. Runs against a private gnome-keyring-daemon
 * started by tests/run-with-keyring.sh in its own D-Bus session.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-core.h"
#include "ferry-secrets.h"
#include "ferry-test-utils.h"

typedef struct
{
  gboolean  done;
  char     *secret;
  GError   *error;
} Result;

static gboolean
result_done (gpointer user_data)
{
  return ((Result *)user_data)->done;
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *r = user_data;

  r->secret = ferry_secrets_lookup_finish (result, &r->error);
  r->done = TRUE;
}

static void
bool_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;

  if (g_task_get_source_tag (G_TASK (result)) == ferry_secrets_store_async)
    ferry_secrets_store_finish (result, &r->error);
  else
    ferry_secrets_forget_finish (result, &r->error);
  r->done = TRUE;
}

static char *
lookup (const char *uri,
        const char *prompt)
{
  Result r = { 0 };

  ferry_secrets_lookup_async (uri, prompt, NULL, lookup_cb, &r);
  ferry_test_wait_until (result_done, &r, 20000, "keyring lookup");
  g_assert_no_error (r.error);
  return r.secret;
}

static void
test_remember_and_forget (void)
{
  const char *uri = "qemu+ssh://root@ferry-lab-b/system";
  Result stored = { 0 };
  Result forgotten = { 0 };
  char *secret;

  g_assert_null (lookup (uri, "Password"));

  ferry_secrets_store_async (uri, "Password", "s3cret pass", NULL, bool_cb, &stored);
  ferry_test_wait_until (result_done, &stored, 20000, "keyring store");
  g_assert_no_error (stored.error);

  secret = lookup (uri, "Password");
  g_assert_cmpstr (secret, ==, "s3cret pass");
  g_free (secret);
  /* Another prompt of the same host is another secret. */
  g_assert_null (lookup (uri, "Enter passphrase for key"));

  ferry_secrets_forget_async (uri, "Password", NULL, bool_cb, &forgotten);
  ferry_test_wait_until (result_done, &forgotten, 20000, "keyring clear");
  g_assert_no_error (forgotten.error);
  g_assert_null (lookup (uri, "Password"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/secrets/remember-and-forget", test_remember_and_forget);
  return g_test_run ();
}
