/* test-credentials.c — a remembered password is used without asking; one
 * that fails is forgotten and the user is asked again. Runs with a private
 * keyring (tests/run-with-keyring.sh).
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ferry-credential-dialog.h"
#include "ferry-secrets.h"
#include "ferry-window.h"
#include "ferry-test-gtk.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000

static GtkWidget *
visible_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (FERRY_IS_CREDENTIAL_DIALOG (w) && gtk_widget_get_visible (w))
        return w;
    }
  return NULL;
}

/* Answers dialogs until the connection settles; returns how many password
 * dialogs the user saw. */
static guint
answer_until_settled (FerryConnection *c,
                      const char      *password,
                      gboolean         remember)
{
  guint password_dialogs = 0;

  while (ferry_connection_get_state (c) == FERRY_CONNECTION_STATE_CONNECTING ||
         ferry_connection_get_state (c) == FERRY_CONNECTION_STATE_AUTHENTICATING)
    {
      GtkWidget *dialog = visible_dialog ();
      GtkWidget *row;

      if (dialog == NULL)
        {
          g_main_context_iteration (NULL, TRUE);
          continue;
        }
      row = ferry_test_find_widget (dialog, ADW_TYPE_ENTRY_ROW);
      if (ADW_IS_PASSWORD_ENTRY_ROW (row))
        {
          password_dialogs++;
          gtk_editable_set_text (GTK_EDITABLE (row), password);
          gtk_switch_set_active (GTK_SWITCH (ferry_test_find_widget (dialog, GTK_TYPE_SWITCH)), remember);
        }
      else
        {
          gtk_editable_set_text (GTK_EDITABLE (row), "admin");
        }
      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
      gtk_widget_activate (ferry_test_find_button (dialog, "C_onnect"));
      while (dialog != NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  return password_dialogs;
}

static void
test_remembered_password (void)
{
  g_autofree char *uri = ferry_test_write_auth_host ();
  g_autoptr(FerryConnectionManager) manager = ferry_connection_manager_new (NULL);
  FerryConnection *c = ferry_connection_manager_add (manager, uri, NULL, FALSE, FALSE);
  GtkWidget *window = g_object_new (FERRY_TYPE_WINDOW, "manager", manager, NULL);

  gtk_window_present (GTK_WINDOW (window));

  /* First time: asked, and the user ticks "Remember Password". */
  ferry_connection_manager_connect (manager, c);
  g_assert_cmpuint (answer_until_settled (c, "s3cret", TRUE), ==, 1);
  g_assert_cmpint (ferry_connection_get_state (c), ==, FERRY_CONNECTION_STATE_CONNECTED);

  /* Next time: the keyring answers; no password dialog. */
  ferry_connection_close (c);
  ferry_connection_manager_connect (manager, c);
  g_assert_cmpuint (answer_until_settled (c, "unused", FALSE), ==, 0);
  g_assert_cmpint (ferry_connection_get_state (c), ==, FERRY_CONNECTION_STATE_CONNECTED);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_assert_true (ferry_secrets_store_finish (result, NULL));
  *(gboolean *)user_data = TRUE;
}

static void
auth_request_cb (FerryConnectionManager *manager,
                 FerryConnection        *c,
                 FerryAuthRequest       *request,
                 char                  **prompt)
{
  for (guint i = 0; i < ferry_auth_request_get_n_fields (request); i++)
    if (ferry_auth_request_get_field_kind (request, i) == FERRY_CREDENTIAL_PASSWORD)
      *prompt = g_strdup (ferry_auth_request_get_field_prompt (request, i));
}

static void
test_stale_password_forgotten (void)
{
  g_autofree char *uri = ferry_test_write_auth_host ();
  g_autoptr(FerryConnectionManager) manager = ferry_connection_manager_new (NULL);
  FerryConnection *c = ferry_connection_manager_add (manager, uri, NULL, FALSE, FALSE);
  GtkWidget *window = g_object_new (FERRY_TYPE_WINDOW, "manager", manager, NULL);
  g_autofree char *prompt = NULL;
  gboolean stored = FALSE;

  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (manager, "auth-request", G_CALLBACK (auth_request_cb), &prompt);

  /* Learn the prompt, then put an outdated password in the keyring for it. */
  ferry_connection_manager_connect (manager, c);
  answer_until_settled (c, "s3cret", FALSE);
  g_assert_nonnull (prompt);
  ferry_connection_close (c);
  ferry_secrets_store_async (uri, prompt, "changed-since", NULL, store_cb, &stored);
  while (!stored)
    g_main_context_iteration (NULL, TRUE);

  /* The remembered password fails… */
  ferry_connection_manager_connect (manager, c);
  g_assert_cmpuint (answer_until_settled (c, "unused", FALSE), ==, 0);
  g_assert_cmpint (ferry_connection_get_state (c), ==, FERRY_CONNECTION_STATE_FAILED);

  /* …so trying again asks the user, who connects with the new one. */
  ferry_connection_manager_connect (manager, c);
  g_assert_cmpuint (answer_until_settled (c, "s3cret", FALSE), ==, 1);
  g_assert_cmpint (ferry_connection_get_state (c), ==, FERRY_CONNECTION_STATE_CONNECTED);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ferry_core_init ();

  g_test_add_func ("/ui/credentials/remembered-password", test_remembered_password);
  g_test_add_func ("/ui/credentials/stale-password-forgotten", test_stale_password_forgotten);

  return g_test_run ();
}
