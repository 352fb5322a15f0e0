/* ferry-dialogs.c — small shared pieces of feedback: a toast, a confirmation.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-dialogs.h"

/* Errors of background actions: long enough to be read, then gone. */
void
ferry_show_toast (AdwToastOverlay *overlay,
                  const char      *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (overlay, toast);
}

/**
 * ferry_confirm_dialog_new:
 * @response: the id of the destructive response; the other is "cancel"
 * @label: its button label, with a mnemonic
 *
 * Returns: (transfer none): a dialog asking to confirm something that cannot
 *   be undone; Cancel is the default, and what Escape does
 */
GtkWidget *
ferry_confirm_dialog_new (GtkWindow  *parent,
                          const char *heading,
                          const char *body,
                          const char *response,
                          const char *label)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response,
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}
