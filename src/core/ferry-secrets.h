/* ferry-secrets.h — passwords the user asked Ferry to remember, kept in the
 * desktop keyring (Secret Service) and nowhere else.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     ferry_secrets_lookup_async  (const char          *uri,
                                      const char          *prompt,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
char    *ferry_secrets_lookup_finish (GAsyncResult        *result,
                                      GError             **error);
void     ferry_secrets_store_async   (const char          *uri,
                                      const char          *prompt,
                                      const char          *secret,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean ferry_secrets_store_finish  (GAsyncResult        *result,
                                      GError             **error);
void     ferry_secrets_forget_async  (const char          *uri,
                                      const char          *prompt,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean ferry_secrets_forget_finish (GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
