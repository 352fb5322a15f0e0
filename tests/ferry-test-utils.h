/* ferry-test-utils.h — helpers shared by the test programs.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef gboolean (*FerryTestCondition) (gpointer user_data);

/* Iterates the main context until @condition holds; fails the test after
 * @timeout_ms so no test can hang. */
void   ferry_test_wait_until     (FerryTestCondition  condition,
                                  gpointer            user_data,
                                  guint               timeout_ms,
                                  const char         *what);

/* Waits until @object's boolean or enum @property equals @value. */
void   ferry_test_wait_property  (gpointer            object,
                                  const char         *property,
                                  int                 value,
                                  guint               timeout_ms);

/* A GAsyncReadyCallback for ferry_test_wait_result(): @user_data is a
 * GAsyncResult ** that receives a reference to the result. */
void   ferry_test_store_result   (GObject            *object,
                                  GAsyncResult       *result,
                                  gpointer            user_data);

/* Waits until ferry_test_store_result() has set *@slot, and hands the result
 * over (transfer full). */
GAsyncResult *ferry_test_wait_result (GAsyncResult  **slot,
                                      guint           timeout_ms,
                                      const char     *what);

/* Writes a libvirt test-driver host with @n_domains domains: every third shut
 * off, every fifth paused, every seventh transient; names vm-00000…
 * Returns: (transfer full): the `test:///…` URI of the file. */
char  *ferry_test_write_host     (guint               n_domains);

/* Writes a test-driver host that asks for user "admin", password "s3cret".
 * Returns: (transfer full): its `test:///…` URI. */
char  *ferry_test_write_auth_host (void);

/* Binds a loopback TCP port that completes handshakes (from the listen
 * backlog) and never answers: a hung host. Returns the socket; *port is set. */
GSocket *ferry_test_listen_silently (guint16 *port);

G_END_DECLS
