/* ferry-uri.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * FerryUriTransport:
 * @FERRY_URI_TRANSPORT_LOCAL: no transport in the URI (`qemu:///system`)
 * @FERRY_URI_TRANSPORT_SSH: `+ssh`, the ssh command
 * @FERRY_URI_TRANSPORT_LIBSSH: `+libssh`
 * @FERRY_URI_TRANSPORT_LIBSSH2: `+libssh2`
 * @FERRY_URI_TRANSPORT_TLS: `+tls`
 * @FERRY_URI_TRANSPORT_TCP: `+tcp`, unencrypted
 * @FERRY_URI_TRANSPORT_UNIX: `+unix`, a local socket
 *
 * The nick of each value (`ssh`, `tls`…) is what follows the `+` in the URI.
 */
typedef enum
{
  FERRY_URI_TRANSPORT_LOCAL,
  FERRY_URI_TRANSPORT_SSH,
  FERRY_URI_TRANSPORT_LIBSSH,
  FERRY_URI_TRANSPORT_LIBSSH2,
  FERRY_URI_TRANSPORT_TLS,
  FERRY_URI_TRANSPORT_TCP,
  FERRY_URI_TRANSPORT_UNIX,
} FerryUriTransport;

/**
 * FerryUriField:
 *
 * The part of a #FerryUri that ferry_uri_validate_full() found at fault.
 */
typedef enum
{
  FERRY_URI_FIELD_NONE,
  FERRY_URI_FIELD_DRIVER,
  FERRY_URI_FIELD_TRANSPORT,
  FERRY_URI_FIELD_USER,
  FERRY_URI_FIELD_HOST,
  FERRY_URI_FIELD_PORT,
  FERRY_URI_FIELD_PATH,
  FERRY_URI_FIELD_PARAMS,
} FerryUriField;

#define FERRY_TYPE_URI (ferry_uri_get_type ())

G_DECLARE_FINAL_TYPE (FerryUri, ferry_uri, FERRY, URI, GObject)

FerryUri          *ferry_uri_new                 (void);
FerryUri          *ferry_uri_new_from_string     (const char         *uri,
                                                  GError            **error);
char              *ferry_uri_to_string           (FerryUri           *self);
gboolean           ferry_uri_validate            (FerryUri           *self,
                                                  GError            **error);
gboolean           ferry_uri_validate_full       (FerryUri           *self,
                                                  FerryUriField      *invalid_field,
                                                  GError            **error);
gboolean           ferry_uri_validate_custom     (const char         *uri,
                                                  GError            **error);
gboolean           ferry_uri_equal               (FerryUri           *a,
                                                  FerryUri           *b);

const char        *ferry_uri_get_driver          (FerryUri           *self);
void               ferry_uri_set_driver          (FerryUri           *self,
                                                  const char         *driver);
FerryUriTransport  ferry_uri_get_transport       (FerryUri           *self);
void               ferry_uri_set_transport       (FerryUri           *self,
                                                  FerryUriTransport   transport);
const char        *ferry_uri_get_user            (FerryUri           *self);
void               ferry_uri_set_user            (FerryUri           *self,
                                                  const char         *user);
const char        *ferry_uri_get_host            (FerryUri           *self);
void               ferry_uri_set_host            (FerryUri           *self,
                                                  const char         *host);
guint              ferry_uri_get_port            (FerryUri           *self);
void               ferry_uri_set_port            (FerryUri           *self,
                                                  guint               port);
const char        *ferry_uri_get_path            (FerryUri           *self);
void               ferry_uri_set_path            (FerryUri           *self,
                                                  const char         *path);

guint              ferry_uri_get_n_params        (FerryUri           *self);
const char        *ferry_uri_get_param_name      (FerryUri           *self,
                                                  guint               index);
const char        *ferry_uri_get_param_value     (FerryUri           *self,
                                                  guint               index);
const char        *ferry_uri_get_param           (FerryUri           *self,
                                                  const char         *name);
void               ferry_uri_set_param           (FerryUri           *self,
                                                  const char         *name,
                                                  const char         *value);
void               ferry_uri_add_param           (FerryUri           *self,
                                                  const char         *name,
                                                  const char         *value);
void               ferry_uri_clear_params        (FerryUri           *self);

G_END_DECLS
