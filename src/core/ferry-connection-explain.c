/* ferry-connection-explain.c — what a failed open means, in words that name
 * the host and what to fix, where libvirt's own text does not.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#include "ferry-connection.h"
#include "ferry-uri.h"

/* Where libvirt looks for the CA certificate of a qemu+tls:// URI. */
static char *
ca_certificate_location (FerryUri *uri)
{
  const char *pkipath = ferry_uri_get_param (uri, "pkipath");

  if (pkipath != NULL && pkipath[0] != '\0')
    return g_build_filename (pkipath, "cacert.pem", NULL);
  if (geteuid () == 0)
    return g_strdup ("/etc/pki/CA/cacert.pem");
  /* Not root: libvirt prefers the user's own PKI directory when it exists. */
  return g_strdup_printf (_("%s or %s"), "~/.pki/libvirt/cacert.pem", "/etc/pki/CA/cacert.pem");
}

/**
 * ferry_connection_explain_open_error:
 * @uri: the URI that failed to open
 * @libvirt_message: libvirt's error message
 *
 * libvirt reports a TLS certificate it does not trust only as "Failed to
 * verify peer's certificate", the same text whether the certificate was signed
 * by another certificate authority or made for another host name; which of
 * the two goes only to libvirt's log, which the user never sees.
 *
 * Returns: (transfer full) (nullable): a message for the user that names the
 *   host, the problem and the file to check, followed by libvirt's text; or
 *   %NULL when libvirt's text is as good as it gets
 */
char *
ferry_connection_explain_open_error (const char *uri,
                                     const char *libvirt_message)
{
  g_autoptr(FerryUri) parsed = NULL;
  g_autofree char *ca = NULL;
  const char *host;

  g_return_val_if_fail (uri != NULL, NULL);

  if (libvirt_message == NULL || strstr (libvirt_message, "Failed to verify peer's certificate") == NULL)
    return NULL;
  parsed = ferry_uri_new_from_string (uri, NULL);
  if (parsed == NULL || ferry_uri_get_transport (parsed) != FERRY_URI_TRANSPORT_TLS)
    return NULL;

  host = ferry_uri_get_host (parsed);
  ca = ca_certificate_location (parsed);
  return g_strdup_printf (_("Ferry does not trust the TLS certificate of %s: it is not signed by the "
                            "certificate authority (CA) in %s, or it was made for another host name. "
                            "Connect with the host name the certificate was made for, or use the CA "
                            "certificate that signed it. (libvirt: %s)"),
                          host != NULL && host[0] != '\0' ? host : uri, ca, libvirt_message);
}
