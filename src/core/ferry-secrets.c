/* ferry-secrets.c
 *
 * A secret is found by the connection URI and the prompt it answers (a host
 * may ask for a password and, separately, a key passphrase). URIs Ferry keeps
 * never hold passwords, so the attributes are safe to show in a keyring app.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "ferry-secrets.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    .name = "org.ferryvm.Ferry.Credential",
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
      { "uri", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "prompt", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };
  return &schema;
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, secret, (GDestroyNotify)secret_password_free);
}

/**
 * ferry_secrets_lookup_async:
 *
 * Looks up the remembered answer to @prompt for @uri. Finishes with %NULL and
 * no error when there is none.
 */
void
ferry_secrets_lookup_async (const char          *uri,
                            const char          *prompt,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, ferry_secrets_lookup_async);
  secret_password_lookup (get_schema (), cancellable, lookup_cb, task,
                          "uri", uri, "prompt", prompt, NULL);
}

/**
 * ferry_secrets_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the secret; free it with
 *   secret_password_free(), which wipes it
 */
char *
ferry_secrets_lookup_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
ferry_secrets_store_async (const char          *uri,
                           const char          *prompt,
                           const char          *secret,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  /* Translators: the name of a saved password in the desktop keyring */
  g_autofree char *label = g_strdup_printf (_("Ferry: %s"), uri);

  g_task_set_source_tag (task, ferry_secrets_store_async);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                         cancellable, store_cb, task, "uri", uri, "prompt", prompt, NULL);
}

gboolean
ferry_secrets_store_finish (GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
forget_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
ferry_secrets_forget_async (const char          *uri,
                            const char          *prompt,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, ferry_secrets_forget_async);
  secret_password_clear (get_schema (), cancellable, forget_cb, task,
                         "uri", uri, "prompt", prompt, NULL);
}

gboolean
ferry_secrets_forget_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
