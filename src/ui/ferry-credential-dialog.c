/* ferry-credential-dialog.c — asks the user for what a host wants while a
 * connection opens: user name, password, passphrase, or whether to trust an
 * unknown SSH host key. Whatever closes the dialog answers the request, so
 * the waiting worker is never left hanging.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "ferry-credential-dialog.h"
#include "ferry-secrets.h"

struct _FerryCredentialDialog
{
  AdwMessageDialog  parent_instance;

  FerryAuthRequest *request;
  FerryConnection  *connection;
  GPtrArray        *entries;   /* one GtkEditable per field, NULL for host keys */

  /* Template Widgets */
  GtkListBox       *fields_list;
  GtkListBox       *remember_list;
  GtkSwitch        *remember_switch;
};

static gboolean
is_secret (FerryCredentialKind kind)
{
  return kind == FERRY_CREDENTIAL_PASSWORD || kind == FERRY_CREDENTIAL_SECRET;
}

G_DEFINE_FINAL_TYPE (FerryCredentialDialog, ferry_credential_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
ferry_credential_dialog_response (AdwMessageDialog *dialog,
                                  const char       *response)
{
  FerryCredentialDialog *self = FERRY_CREDENTIAL_DIALOG (dialog);

  if (g_strcmp0 (response, "connect") == 0)
    {
      for (guint i = 0; i < self->entries->len; i++)
        {
          GtkEditable *entry = g_ptr_array_index (self->entries, i);

          if (entry != NULL)
            ferry_auth_request_set_answer (self->request, i, gtk_editable_get_text (entry));
          else
            ferry_auth_request_set_answer (self->request, i, "y");

          /* Only with the user's consent, and only into the keyring. */
          if (entry != NULL && gtk_switch_get_active (self->remember_switch) &&
              is_secret (ferry_auth_request_get_field_kind (self->request, i)))
            ferry_secrets_store_async (ferry_auth_request_get_uri (self->request),
                                       ferry_auth_request_get_field_prompt (self->request, i),
                                       gtk_editable_get_text (entry), NULL, NULL, NULL);
        }
      ferry_auth_request_submit (self->request);
    }
  else
    {
      ferry_auth_request_cancel (self->request);
      /* "Cancel" means this connection attempt, not one prompt: ssh would
       * otherwise ask again, up to three times. */
      if (self->connection != NULL)
        ferry_connection_cancel (self->connection);
    }
}

static void
ferry_credential_dialog_dispose (GObject *object)
{
  FerryCredentialDialog *self = (FerryCredentialDialog *)object;

  /* Closed by any means without an answer: refuse, so the open can fail cleanly. */
  if (self->request != NULL)
    ferry_auth_request_cancel (self->request);
  g_clear_object (&self->request);
  g_clear_object (&self->connection);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_CREDENTIAL_DIALOG);

  G_OBJECT_CLASS (ferry_credential_dialog_parent_class)->dispose (object);
}

static void
ferry_credential_dialog_class_init (FerryCredentialDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = ferry_credential_dialog_dispose;
  dialog_class->response = ferry_credential_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ferry-credential-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryCredentialDialog, fields_list);
  gtk_widget_class_bind_template_child (widget_class, FerryCredentialDialog, remember_list);
  gtk_widget_class_bind_template_child (widget_class, FerryCredentialDialog, remember_switch);
}

static void
ferry_credential_dialog_init (FerryCredentialDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_ptr_array_new ();
}

static void
entry_activated_cb (FerryCredentialDialog *self)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "connect");
}

static GtkWidget *
row_for_field (FerryCredentialDialog *self,
               guint                  field)
{
  FerryCredentialKind kind = ferry_auth_request_get_field_kind (self->request, field);
  const char *prompt = ferry_auth_request_get_field_prompt (self->request, field);
  const char *value = ferry_auth_request_get_field_default (self->request, field);
  GtkWidget *row;

  switch (kind)
    {
    case FERRY_CREDENTIAL_USERNAME:
      row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("User Name"));
      break;
    case FERRY_CREDENTIAL_PASSWORD:
      row = adw_password_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Password"));
      value = NULL;
      break;
    case FERRY_CREDENTIAL_SECRET:
      row = adw_password_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), prompt);
      value = NULL;
      break;
    case FERRY_CREDENTIAL_PROMPT:
      row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), prompt);
      break;
    case FERRY_CREDENTIAL_HOST_KEY:
    default:
      /* The decision is the dialog's response; the prompt (with the key's
       * fingerprint) is the body text, so no row. */
      g_ptr_array_add (self->entries, NULL);
      return NULL;
    }

  if (value != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), value);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (entry_activated_cb), self);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  g_ptr_array_add (self->entries, row);
  return row;
}

/**
 * ferry_credential_dialog_new:
 *
 * Returns: (transfer full): a dialog answering @request for @connection
 */
FerryCredentialDialog *
ferry_credential_dialog_new (GtkWindow        *parent,
                             FerryConnection  *connection,
                             FerryAuthRequest *request)
{
  FerryCredentialDialog *self;
  const char *name = ferry_connection_get_display_name (connection);
  gboolean host_key = FALSE;
  GtkWidget *first = NULL;

  g_return_val_if_fail (FERRY_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (FERRY_IS_AUTH_REQUEST (request), NULL);

  self = g_object_new (FERRY_TYPE_CREDENTIAL_DIALOG, "transient-for", parent, NULL);
  self->request = g_object_ref (request);
  self->connection = g_object_ref (connection);

  for (guint i = 0; i < ferry_auth_request_get_n_fields (request); i++)
    {
      GtkWidget *row = row_for_field (self, i);

      if (row != NULL)
        {
          gtk_list_box_append (self->fields_list, row);
          if (first == NULL && gtk_editable_get_text (GTK_EDITABLE (row))[0] == '\0')
            first = row;
        }
      else
        {
          host_key = TRUE;
          adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                                       ferry_auth_request_get_field_prompt (request, i));
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->fields_list),
                          gtk_widget_get_first_child (GTK_WIDGET (self->fields_list)) != NULL);
  for (guint i = 0; i < ferry_auth_request_get_n_fields (request); i++)
    if (is_secret (ferry_auth_request_get_field_kind (request, i)))
      gtk_widget_set_visible (GTK_WIDGET (self->remember_list), TRUE);

  if (host_key)
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Unknown Host Key"));
      adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "connect",
                                             _("_Trust and Connect"));
    }
  else
    {
      g_autofree char *body = g_strdup_printf (_("%s asks for credentials to open %s."),
                                               name, ferry_connection_get_uri (connection));

      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
    }

  if (first != NULL)
    gtk_widget_grab_focus (first);
  return self;
}

/* ---------------------------------------------------- remembered secrets */

#define STORED_PROMPT_KEY "ferry-stored-secret-prompt"
#define SKIP_STORED_KEY "ferry-skip-stored-secret"

typedef struct
{
  GtkWindow        *parent;
  FerryConnection  *connection;
  FerryAuthRequest *request;
} Pending;

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->parent);
  g_clear_object (&pending->connection);
  g_clear_object (&pending->request);
  g_free (pending);
}

static void
present_dialog (GtkWindow        *parent,
                FerryConnection  *connection,
                FerryAuthRequest *request)
{
  gtk_window_present (GTK_WINDOW (ferry_credential_dialog_new (parent, connection, request)));
}

/* A remembered secret that did not work is forgotten, so the next attempt
 * asks the user instead of failing the same way again. */
static void
state_changed_cb (FerryConnection *connection)
{
  const char *prompt = g_object_get_data (G_OBJECT (connection), STORED_PROMPT_KEY);

  if (prompt == NULL)
    return;

  switch (ferry_connection_get_state (connection))
    {
    case FERRY_CONNECTION_STATE_FAILED:
      ferry_secrets_forget_async (ferry_connection_get_uri (connection), prompt, NULL, NULL, NULL);
      g_object_set_data (G_OBJECT (connection), SKIP_STORED_KEY, GINT_TO_POINTER (TRUE));
      g_object_set_data (G_OBJECT (connection), STORED_PROMPT_KEY, NULL);
      break;
    case FERRY_CONNECTION_STATE_CONNECTED:
      g_object_set_data (G_OBJECT (connection), STORED_PROMPT_KEY, NULL);
      break;
    case FERRY_CONNECTION_STATE_DISCONNECTED:
    case FERRY_CONNECTION_STATE_CONNECTING:
    case FERRY_CONNECTION_STATE_AUTHENTICATING:
    default:
      break;
    }
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Pending *pending = user_data;
  char *secret = ferry_secrets_lookup_finish (result, NULL);

  if (secret == NULL)
    {
      present_dialog (pending->parent, pending->connection, pending->request);
    }
  else
    {
      ferry_auth_request_set_answer (pending->request, 0, secret);
      secret_password_free (secret);
      g_object_set_data_full (G_OBJECT (pending->connection), STORED_PROMPT_KEY,
                              g_strdup (ferry_auth_request_get_field_prompt (pending->request, 0)),
                              g_free);
      ferry_auth_request_submit (pending->request);
    }
  pending_free (pending);
}

/**
 * ferry_credential_dialog_answer:
 *
 * Answers @request from the keyring when the user asked Ferry to remember it
 * (and it did not just fail), else asks with a credential dialog.
 */
void
ferry_credential_dialog_answer (GtkWindow        *parent,
                                FerryConnection  *connection,
                                FerryAuthRequest *request)
{
  Pending *pending;

  g_return_if_fail (FERRY_IS_CONNECTION (connection));
  g_return_if_fail (FERRY_IS_AUTH_REQUEST (request));

  if (g_object_get_data (G_OBJECT (connection), SKIP_STORED_KEY) != NULL ||
      ferry_auth_request_get_n_fields (request) != 1 ||
      !is_secret (ferry_auth_request_get_field_kind (request, 0)))
    {
      g_object_set_data (G_OBJECT (connection), SKIP_STORED_KEY, NULL);
      present_dialog (parent, connection, request);
      return;
    }

  if (g_object_get_data (G_OBJECT (connection), "ferry-watching-secrets") == NULL)
    {
      g_object_set_data (G_OBJECT (connection), "ferry-watching-secrets", GINT_TO_POINTER (TRUE));
      g_signal_connect (connection, "notify::state", G_CALLBACK (state_changed_cb), NULL);
    }

  pending = g_new0 (Pending, 1);
  pending->parent = parent ? g_object_ref (parent) : NULL;
  pending->connection = g_object_ref (connection);
  pending->request = g_object_ref (request);
  ferry_secrets_lookup_async (ferry_auth_request_get_uri (request),
                              ferry_auth_request_get_field_prompt (request, 0),
                              NULL, lookup_cb, pending);
}
