/* ferry-auth-request-private.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libvirt/libvirt.h>

#include "ferry-auth-request.h"

G_BEGIN_DECLS

FerryAuthRequest *_ferry_auth_request_new  (const char              *uri,
                                            virConnectCredentialPtr  cred,
                                            unsigned int             ncred);
gboolean          _ferry_auth_request_wait (FerryAuthRequest        *self,
                                            GCancellable            *cancellable,
                                            guint                    timeout_seconds);
void              _ferry_auth_request_fill (FerryAuthRequest        *self,
                                            virConnectCredentialPtr  cred,
                                            unsigned int             ncred);

typedef void (*FerryAuthRequestDone) (FerryAuthRequest *request,
                                      gboolean          accepted,
                                      gpointer          user_data);

FerryAuthRequest *_ferry_auth_request_new_prompt (const char            *uri,
                                                  const char            *prompt);
void              _ferry_auth_request_set_done   (FerryAuthRequest      *self,
                                                  FerryAuthRequestDone   done,
                                                  gpointer               user_data,
                                                  GDestroyNotify         destroy);
char             *_ferry_auth_request_dup_answer (FerryAuthRequest      *self,
                                                  guint                  field);

G_END_DECLS
