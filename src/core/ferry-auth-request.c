/* ferry-auth-request.c — credentials libvirt asks for while a connection opens.
 *
 * libvirt calls the auth callback inside virConnectOpenAuth, in the worker
 * thread. The worker wraps the request in this object, hands it to the main
 * thread (where the UI asks the user) and waits until it is submitted or
 * cancelled. Answers are secrets: they are wiped on free and never logged.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ferry-auth-request-private.h"

typedef struct
{
  FerryCredentialKind  kind;
  char                *prompt;
  char                *default_value;
  char                *answer;
} Field;

struct _FerryAuthRequest
{
  GObject  parent_instance;

  char    *uri;
  GArray  *fields;

  /* Guarded by mutex: written on the main thread, waited on in the worker. */
  GMutex   mutex;
  GCond    cond;
  gboolean done;
  gboolean accepted;

  /* Optional: told on the main thread once the request is answered. */
  FerryAuthRequestDone done_func;
  gpointer             done_data;
  GDestroyNotify       done_destroy;
};

G_DEFINE_FINAL_TYPE (FerryAuthRequest, ferry_auth_request, G_TYPE_OBJECT)

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

static void
field_clear (Field *field)
{
  g_free (field->prompt);
  g_free (field->default_value);
  wipe_free (field->answer);
}

static void
ferry_auth_request_finalize (GObject *object)
{
  FerryAuthRequest *self = (FerryAuthRequest *)object;

  if (self->done_destroy != NULL)
    self->done_destroy (self->done_data);
  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->fields, g_array_unref);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (ferry_auth_request_parent_class)->finalize (object);
}

static void
ferry_auth_request_class_init (FerryAuthRequestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ferry_auth_request_finalize;
}

static void
ferry_auth_request_init (FerryAuthRequest *self)
{
  self->fields = g_array_new (FALSE, TRUE, sizeof (Field));
  g_array_set_clear_func (self->fields, (GDestroyNotify)field_clear);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
}

static FerryCredentialKind
kind_for (virConnectCredentialPtr cred)
{
  switch (cred->type)
    {
    case VIR_CRED_USERNAME:
    case VIR_CRED_AUTHNAME:
      return FERRY_CREDENTIAL_USERNAME;
    case VIR_CRED_PASSPHRASE:
      return FERRY_CREDENTIAL_PASSWORD;
    case VIR_CRED_NOECHOPROMPT:
      return FERRY_CREDENTIAL_SECRET;
    case VIR_CRED_ECHOPROMPT:
      /* libvirt's libssh transports ask to trust an unknown host key this way,
       * expecting "y"; show it as the decision it is, not as a text field. */
      if (cred->prompt != NULL && strstr (cred->prompt, "host key") != NULL)
        return FERRY_CREDENTIAL_HOST_KEY;
      return FERRY_CREDENTIAL_PROMPT;
    default:
      return FERRY_CREDENTIAL_PROMPT;
    }
}

FerryAuthRequest *
_ferry_auth_request_new (const char              *uri,
                         virConnectCredentialPtr  cred,
                         unsigned int             ncred)
{
  FerryAuthRequest *self = g_object_new (FERRY_TYPE_AUTH_REQUEST, NULL);

  self->uri = g_strdup (uri);
  for (guint i = 0; i < ncred; i++)
    {
      Field field = { 0 };

      field.kind = kind_for (&cred[i]);
      field.prompt = g_strdup (cred[i].prompt ? cred[i].prompt : "");
      field.default_value = g_strdup (cred[i].defresult);
      g_array_append_val (self->fields, field);
    }
  return self;
}

/* ssh's prompts come as plain text (through ferry-askpass); tell the kinds
 * apart by their wording, which OpenSSH has kept for decades. */
static FerryCredentialKind
kind_for_prompt (const char *prompt)
{
  g_autofree char *lower = g_utf8_strdown (prompt, -1);

  if (strstr (lower, "continue connecting") != NULL || strstr (lower, "authenticity of host") != NULL)
    return FERRY_CREDENTIAL_HOST_KEY;
  if (strstr (lower, "password") != NULL || strstr (lower, "passphrase") != NULL ||
      strstr (lower, "pin") != NULL)
    return FERRY_CREDENTIAL_SECRET;
  return FERRY_CREDENTIAL_PROMPT;
}

FerryAuthRequest *
_ferry_auth_request_new_prompt (const char *uri,
                                const char *prompt)
{
  FerryAuthRequest *self = g_object_new (FERRY_TYPE_AUTH_REQUEST, NULL);
  Field field = { 0 };

  self->uri = g_strdup (uri);
  field.kind = kind_for_prompt (prompt);
  field.prompt = g_strdup (prompt);
  g_array_append_val (self->fields, field);
  return self;
}

void
_ferry_auth_request_set_done (FerryAuthRequest     *self,
                              FerryAuthRequestDone  done,
                              gpointer              user_data,
                              GDestroyNotify        destroy)
{
  self->done_func = done;
  self->done_data = user_data;
  self->done_destroy = destroy;
}

char *
_ferry_auth_request_dup_answer (FerryAuthRequest *self,
                                guint             field)
{
  char *answer;

  g_mutex_lock (&self->mutex);
  answer = g_strdup (g_array_index (self->fields, Field, field).answer);
  g_mutex_unlock (&self->mutex);
  return answer;
}

static gboolean
notify_done_cb (gpointer user_data)
{
  g_autoptr(FerryAuthRequest) self = user_data;

  if (self->done_func != NULL)
    self->done_func (self, self->accepted, self->done_data);
  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable     *cancellable,
              FerryAuthRequest *self)
{
  ferry_auth_request_cancel (self);
}

/* Worker thread: blocks until the user answers, @cancellable fires, or
 * @timeout_seconds pass. Returns whether the answers were submitted. */
gboolean
_ferry_auth_request_wait (FerryAuthRequest *self,
                          GCancellable     *cancellable,
                          guint             timeout_seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_seconds * G_USEC_PER_SEC;
  gulong handler = 0;
  gboolean accepted;

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), self, NULL);

  g_mutex_lock (&self->mutex);
  while (!self->done)
    if (!g_cond_wait_until (&self->cond, &self->mutex, deadline))
      break;
  self->done = TRUE;
  accepted = self->accepted;
  g_mutex_unlock (&self->mutex);

  g_cancellable_disconnect (cancellable, handler);
  return accepted;
}

/* Worker thread: copies the answers into libvirt's credential array. libvirt
 * frees each result with free(), so they are allocated with malloc. */
void
_ferry_auth_request_fill (FerryAuthRequest        *self,
                          virConnectCredentialPtr  cred,
                          unsigned int             ncred)
{
  for (guint i = 0; i < ncred && i < self->fields->len; i++)
    {
      Field *field = &g_array_index (self->fields, Field, i);
      const char *answer = field->answer;

      if (field->kind == FERRY_CREDENTIAL_HOST_KEY)
        answer = (answer != NULL && answer[0] == 'y') ? "y" : "n";
      else if (answer == NULL)
        answer = field->default_value ? field->default_value : "";

      cred[i].result = strdup (answer);
      cred[i].resultlen = strlen (answer);
    }
}

const char *
ferry_auth_request_get_uri (FerryAuthRequest *self)
{
  g_return_val_if_fail (FERRY_IS_AUTH_REQUEST (self), NULL);
  return self->uri;
}

guint
ferry_auth_request_get_n_fields (FerryAuthRequest *self)
{
  g_return_val_if_fail (FERRY_IS_AUTH_REQUEST (self), 0);
  return self->fields->len;
}

FerryCredentialKind
ferry_auth_request_get_field_kind (FerryAuthRequest *self,
                                   guint             field)
{
  g_return_val_if_fail (FERRY_IS_AUTH_REQUEST (self), FERRY_CREDENTIAL_PROMPT);
  g_return_val_if_fail (field < self->fields->len, FERRY_CREDENTIAL_PROMPT);
  return g_array_index (self->fields, Field, field).kind;
}

const char *
ferry_auth_request_get_field_prompt (FerryAuthRequest *self,
                                     guint             field)
{
  g_return_val_if_fail (FERRY_IS_AUTH_REQUEST (self), NULL);
  g_return_val_if_fail (field < self->fields->len, NULL);
  return g_array_index (self->fields, Field, field).prompt;
}

const char *
ferry_auth_request_get_field_default (FerryAuthRequest *self,
                                      guint             field)
{
  g_return_val_if_fail (FERRY_IS_AUTH_REQUEST (self), NULL);
  g_return_val_if_fail (field < self->fields->len, NULL);
  return g_array_index (self->fields, Field, field).default_value;
}

void
ferry_auth_request_set_answer (FerryAuthRequest *self,
                               guint             field,
                               const char       *answer)
{
  Field *f;

  g_return_if_fail (FERRY_IS_AUTH_REQUEST (self));
  g_return_if_fail (field < self->fields->len);

  g_mutex_lock (&self->mutex);
  f = &g_array_index (self->fields, Field, field);
  wipe_free (f->answer);
  f->answer = g_strdup (answer);
  g_mutex_unlock (&self->mutex);
}

static void
finish (FerryAuthRequest *self,
        gboolean          accepted)
{
  gboolean notify = FALSE;

  g_mutex_lock (&self->mutex);
  if (!self->done)
    {
      self->done = TRUE;
      self->accepted = accepted;
      notify = self->done_func != NULL;
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->mutex);

  /* Cancelling may happen on any thread; the done function runs on the main one. */
  if (notify)
    g_idle_add (notify_done_cb, g_object_ref (self));
}

/**
 * ferry_auth_request_submit:
 *
 * Sends the answers set with ferry_auth_request_set_answer() to libvirt.
 */
void
ferry_auth_request_submit (FerryAuthRequest *self)
{
  g_return_if_fail (FERRY_IS_AUTH_REQUEST (self));
  finish (self, TRUE);
}

/**
 * ferry_auth_request_cancel:
 *
 * Refuses the request: the connection fails with libvirt's "authentication
 * cancelled" error. Safe from any thread, and more than once.
 */
void
ferry_auth_request_cancel (FerryAuthRequest *self)
{
  g_return_if_fail (FERRY_IS_AUTH_REQUEST (self));
  finish (self, FALSE);
}

gboolean
ferry_auth_request_is_done (FerryAuthRequest *self)
{
  gboolean done;

  g_return_val_if_fail (FERRY_IS_AUTH_REQUEST (self), TRUE);
  g_mutex_lock (&self->mutex);
  done = self->done;
  g_mutex_unlock (&self->mutex);
  return done;
}
