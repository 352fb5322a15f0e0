/* ferry-auth-request.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  FERRY_CREDENTIAL_USERNAME,     /* shown, prefilled with libvirt's default */
  FERRY_CREDENTIAL_PASSWORD,     /* hidden */
  FERRY_CREDENTIAL_PROMPT,       /* free text shown while typed */
  FERRY_CREDENTIAL_SECRET,       /* free text hidden while typed */
  FERRY_CREDENTIAL_HOST_KEY,     /* yes/no: trust an unknown SSH host key */
} FerryCredentialKind;

#define FERRY_TYPE_AUTH_REQUEST (ferry_auth_request_get_type ())

G_DECLARE_FINAL_TYPE (FerryAuthRequest, ferry_auth_request, FERRY, AUTH_REQUEST, GObject)

const char          *ferry_auth_request_get_uri          (FerryAuthRequest *self);
guint                ferry_auth_request_get_n_fields     (FerryAuthRequest *self);
FerryCredentialKind  ferry_auth_request_get_field_kind   (FerryAuthRequest *self,
                                                          guint             field);
const char          *ferry_auth_request_get_field_prompt (FerryAuthRequest *self,
                                                          guint             field);
const char          *ferry_auth_request_get_field_default (FerryAuthRequest *self,
                                                          guint             field);
void                 ferry_auth_request_set_answer       (FerryAuthRequest *self,
                                                          guint             field,
                                                          const char       *answer);
void                 ferry_auth_request_submit           (FerryAuthRequest *self);
void                 ferry_auth_request_cancel           (FerryAuthRequest *self);
gboolean             ferry_auth_request_is_done          (FerryAuthRequest *self);

G_END_DECLS
