/* ferry-uri-validate.c — checks a libvirt connection URI's fields, with
 * messages that say exactly what is wrong and where.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ferry-enums.h"
#include "ferry-core-private.h"
#include "ferry-error.h"
#include "ferry-uri-private.h"

#define MAX_HOST_LENGTH   253
#define MAX_LABEL_LENGTH  63
#define MAX_USER_LENGTH   255
#define MAX_PORT          65535

/* Validation */

typedef enum
{
  TEXT_OK,
  TEXT_SPACE,
  TEXT_CONTROL,
} TextProblem;

static TextProblem
text_problem (const char *text)
{
  if (text == NULL)
    return TEXT_OK;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) && !g_unichar_iscntrl (c))
        return TEXT_SPACE;
      if (g_unichar_iscntrl (c))
        return TEXT_CONTROL;
    }
  return TEXT_OK;
}

static gboolean
invalid (GError        **error,
         FerryUriField  *invalid_field,
         FerryUriField   field,
         const char     *message)
{
  if (invalid_field != NULL)
    *invalid_field = field;
  return _ferry_uri_set_invalid (error, message);
}

/* Names for "The %s transport …" messages: these are what users know the
 * transports by, and are the same in every language. */
static const char *
transport_name (FerryUriTransport transport)
{
  switch (transport)
    {
    case FERRY_URI_TRANSPORT_SSH:
      return "SSH";
    case FERRY_URI_TRANSPORT_LIBSSH:
      return "libssh";
    case FERRY_URI_TRANSPORT_LIBSSH2:
      return "libssh2";
    case FERRY_URI_TRANSPORT_TLS:
      return "TLS";
    case FERRY_URI_TRANSPORT_TCP:
      return "TCP";
    case FERRY_URI_TRANSPORT_UNIX:
      return _("Unix socket");
    case FERRY_URI_TRANSPORT_LOCAL:
    default:
      return _("local");
    }
}

static gboolean
transport_is_remote (FerryUriTransport transport)
{
  return transport != FERRY_URI_TRANSPORT_LOCAL && transport != FERRY_URI_TRANSPORT_UNIX;
}

static gboolean
transport_takes_user (FerryUriTransport transport)
{
  return transport == FERRY_URI_TRANSPORT_SSH ||
         transport == FERRY_URI_TRANSPORT_LIBSSH ||
         transport == FERRY_URI_TRANSPORT_LIBSSH2;
}

/* A host name is DNS labels of letters, digits and inner hyphens; an IPv4
 * address is one made only of digits; an IPv6 address has a colon. */
static char *
host_problem (const char *host)
{
  gsize length = strlen (host);
  gboolean numeric = TRUE;
  g_auto(GStrv) labels = NULL;

  if (length > MAX_HOST_LENGTH)
    return g_strdup_printf (_("The host name is %zu characters long; the limit is %d"),
                            length, MAX_HOST_LENGTH);

  if (strchr (host, ':') != NULL)
    {
      /* Zone ids ("%eth0") are left out: libvirt cannot take them either. */
      if (strchr (host, '%') != NULL || !g_hostname_is_ip_address (host))
        return g_strdup_printf (_("“%s” is not a valid IPv6 address"), host);
      return NULL;
    }

  for (const char *p = host; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
        {
          g_autofree char *c = g_strndup (p, g_utf8_next_char (p) - p);

          return g_strdup_printf (_("The host name “%s” contains “%s”; a host name has only "
                                    "letters, digits, “-” and “.”"), host, c);
        }
      if (!g_ascii_isdigit (*p) && *p != '.')
        numeric = FALSE;
    }

  if (numeric && !g_hostname_is_ip_address (host))
    return g_strdup_printf (_("“%s” is not a valid IPv4 address"), host);

  labels = g_strsplit (host, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      gsize label_length = strlen (labels[i]);

      /* One trailing dot, as in "host.example.", names the DNS root. */
      if (label_length == 0 && labels[i + 1] == NULL && i > 0)
        break;
      if (label_length == 0)
        return g_strdup_printf (_("The host name “%s” has an empty part between dots"), host);
      if (label_length > MAX_LABEL_LENGTH)
        return g_strdup_printf (_("A part of the host name “%s” is longer than %d characters"),
                                host, MAX_LABEL_LENGTH);
      if (labels[i][0] == '-' || labels[i][label_length - 1] == '-')
        return g_strdup_printf (_("A part of the host name “%s” starts or ends with “-”"), host);
    }
  return NULL;
}

static gboolean
validate_host (FerryUri       *self,
               FerryUriField  *invalid_field,
               GError        **error)
{
  g_autofree char *problem = NULL;
  g_autofree char *message = NULL;

  if (transport_is_remote (self->transport) && self->host == NULL)
    message = g_strdup_printf (_("The %s transport needs a host"),
                               transport_name (self->transport));
  else if (!transport_is_remote (self->transport) && self->host != NULL)
    message = g_strdup_printf (_("The %s transport takes no host"),
                               transport_name (self->transport));
  if (message != NULL)
    return invalid (error, invalid_field, FERRY_URI_FIELD_HOST, message);

  switch (text_problem (self->host))
    {
    case TEXT_SPACE:
      return invalid (error, invalid_field, FERRY_URI_FIELD_HOST,
                      _("The host name contains a space"));
    case TEXT_CONTROL:
      return invalid (error, invalid_field, FERRY_URI_FIELD_HOST,
                      _("The host name contains a control character"));
    case TEXT_OK:
    default:
      break;
    }

  if (self->host != NULL && (problem = host_problem (self->host)) != NULL)
    return invalid (error, invalid_field, FERRY_URI_FIELD_HOST, problem);
  return TRUE;
}

/* What no account can be called on the hosts libvirt runs on (besides
 * ssh's rule, those of systemd's relaxed user names, the loosest in use): ":" separates
 * /etc/passwd's fields, "/" would be a path, a leading "-" reads as an option,
 * and a number is taken for a user id. Anything else, "@" of a directory
 * account ("admin@EXAMPLE.COM") included, is left to the host to judge. */
static char *
user_problem (const char *user)
{
  /* OpenSSH refuses these in a user name (CVE-2023-51385: its configuration
   * can hand the name to a shell); Ferry refuses them for every transport. */
  const char *shell_special = strpbrk (user, "'`\"$\\;&<>|()");

  if (shell_special != NULL)
    return g_strdup_printf (_("A user name cannot contain “%c”"), *shell_special);
  if (user[0] == '-')
    return g_strdup (_("A user name cannot start with “-”"));
  if (g_str_equal (user, ".") || g_str_equal (user, ".."))
    return g_strdup_printf (_("“%s” is not a user name"), user);
  if (strchr (user, ':') != NULL)
    return g_strdup (_("A user name cannot contain “:”"));
  if (strchr (user, '/') != NULL)
    return g_strdup (_("A user name cannot contain “/”"));
  if (strspn (user, "0123456789") == strlen (user))
    return g_strdup_printf (_("“%s” is a number; use the user’s name, not its id"), user);
  return NULL;
}

static gboolean
validate_user (FerryUri       *self,
               FerryUriField  *invalid_field,
               GError        **error)
{
  g_autofree char *message = NULL;
  g_autofree char *problem = NULL;
  glong length;

  if (self->user == NULL)
    return TRUE;

  if (!transport_takes_user (self->transport))
    {
      message = g_strdup_printf (_("The %s transport takes no user name"),
                                 transport_name (self->transport));
      return invalid (error, invalid_field, FERRY_URI_FIELD_USER, message);
    }

  switch (text_problem (self->user))
    {
    case TEXT_SPACE:
      return invalid (error, invalid_field, FERRY_URI_FIELD_USER,
                      _("The user name contains a space"));
    case TEXT_CONTROL:
      return invalid (error, invalid_field, FERRY_URI_FIELD_USER,
                      _("The user name contains a control character"));
    case TEXT_OK:
    default:
      break;
    }

  problem = user_problem (self->user);
  if (problem != NULL)
    return invalid (error, invalid_field, FERRY_URI_FIELD_USER, problem);

  length = g_utf8_strlen (self->user, -1);
  if (length > MAX_USER_LENGTH)
    {
      message = g_strdup_printf (_("The user name is %ld characters long; the limit is %d"),
                                 length, MAX_USER_LENGTH);
      return invalid (error, invalid_field, FERRY_URI_FIELD_USER, message);
    }
  return TRUE;
}

static gboolean
validate_port (FerryUri       *self,
               FerryUriField  *invalid_field,
               GError        **error)
{
  g_autofree char *message = NULL;

  if (self->port == 0)
    return TRUE;
  if (self->port > MAX_PORT)
    message = g_strdup_printf (_("Port %u is out of range (1–%d)"), self->port, MAX_PORT);
  else if (!transport_is_remote (self->transport))
    message = g_strdup_printf (_("The %s transport takes no port"),
                               transport_name (self->transport));
  else
    return TRUE;
  return invalid (error, invalid_field, FERRY_URI_FIELD_PORT, message);
}

static gboolean
validate_path (FerryUri       *self,
               FerryUriField  *invalid_field,
               GError        **error)
{
  g_autofree char *message = NULL;

  switch (text_problem (self->path))
    {
    case TEXT_SPACE:
      return invalid (error, invalid_field, FERRY_URI_FIELD_PATH, _("The path contains a space"));
    case TEXT_CONTROL:
      return invalid (error, invalid_field, FERRY_URI_FIELD_PATH,
                      _("The path contains a control character"));
    case TEXT_OK:
    default:
      break;
    }

  if (g_strcmp0 (self->driver, "test") == 0)
    {
      if (self->path == NULL)
        return invalid (error, invalid_field, FERRY_URI_FIELD_PATH,
                        _("The test driver needs a path, such as “default”"));
      if (_ferry_path_has_dot_component (self->path))
        {
          message = g_strdup_printf (_("The path “%s” contains “.” or “..”; write the file’s "
                                       "path without them"), self->path);
          return invalid (error, invalid_field, FERRY_URI_FIELD_PATH, message);
        }
      return TRUE;
    }

  if (self->path == NULL)
    return invalid (error, invalid_field, FERRY_URI_FIELD_PATH,
                    _("The path is missing; use “system” or “session”"));
  if (strcmp (self->path, "system") != 0 && strcmp (self->path, "session") != 0)
    {
      message = g_strdup_printf (_("The path must be “system” or “session”, not “%s”"),
                                 self->path);
      return invalid (error, invalid_field, FERRY_URI_FIELD_PATH, message);
    }
  return TRUE;
}

static gboolean
is_param_name (const char *name)
{
  if (name[0] == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static char *
param_problem (FerryUri *self,
               guint     index)
{
  Param *param = g_ptr_array_index (self->params, index);

  if (param->name[0] == '\0')
    return g_strdup (_("A parameter has no name"));
  if (!is_param_name (param->name))
    return g_strdup_printf (_("The parameter name “%s” may contain only letters, digits and “_”"),
                            param->name);
  if (_ferry_uri_find_param (self, param->name, index + 1) != NULL)
    return g_strdup_printf (_("The parameter “%s” is given twice"), param->name);

  switch (text_problem (param->value))
    {
    case TEXT_SPACE:
      return g_strdup_printf (_("The value of “%s” contains a space"), param->name);
    case TEXT_CONTROL:
      return g_strdup_printf (_("The value of “%s” contains a control character"), param->name);
    case TEXT_OK:
    default:
      break;
    }

  if (strcmp (param->name, "socket") == 0 && !g_path_is_absolute (param->value))
    return g_strdup_printf (_("The socket path “%s” is not absolute"), param->value);
  if (strcmp (param->name, "socket") == 0 && _ferry_path_has_dot_component (param->value))
    return g_strdup_printf (_("The socket path “%s” contains “.” or “..”; write it without them"),
                            param->value);
  return NULL;
}

static gboolean
is_known_driver (const char *driver)
{
  return g_strcmp0 (driver, "qemu") == 0 || g_strcmp0 (driver, "test") == 0;
}

/**
 * ferry_uri_validate_full:
 * @invalid_field: (out) (optional): where the problem is, on failure
 *
 * Like ferry_uri_validate(), and says which field is at fault, so that a form
 * can mark it.
 */
gboolean
ferry_uri_validate_full (FerryUri       *self,
                         FerryUriField  *invalid_field,
                         GError        **error)
{
  g_return_val_if_fail (FERRY_IS_URI (self), FALSE);

  if (invalid_field != NULL)
    *invalid_field = FERRY_URI_FIELD_NONE;

  if (self->driver == NULL)
    return invalid (error, invalid_field, FERRY_URI_FIELD_DRIVER, _("The driver is missing"));
  if (!is_known_driver (self->driver))
    {
      g_autofree char *message =
        g_strdup_printf (_("The driver “%s” is not supported; Ferry knows qemu and test"),
                         self->driver);

      return invalid (error, invalid_field, FERRY_URI_FIELD_DRIVER, message);
    }

  if (!validate_host (self, invalid_field, error) ||
      !validate_port (self, invalid_field, error) ||
      !validate_user (self, invalid_field, error) ||
      !validate_path (self, invalid_field, error))
    return FALSE;

  for (guint i = 0; i < self->params->len; i++)
    {
      g_autofree char *problem = param_problem (self, i);

      if (problem != NULL)
        return invalid (error, invalid_field, FERRY_URI_FIELD_PARAMS, problem);
    }
  return TRUE;
}

/**
 * ferry_uri_validate:
 *
 * Checks the fields: a supported driver, a host exactly when the transport
 * needs one and one that is a DNS name or an IP address, a port from 1 to
 * 65535, a user only where the transport takes one, the path, and the
 * parameters.
 *
 * Returns: %TRUE when valid, or %FALSE with %FERRY_ERROR_INVALID_INPUT and a
 *   message for the user
 */
gboolean
ferry_uri_validate (FerryUri  *self,
                    GError   **error)
{
  return ferry_uri_validate_full (self, NULL, error);
}

/**
 * ferry_uri_validate_custom:
 * @uri: a URI as the user typed it
 *
 * Checks a URI given whole, as in the Add dialog's Custom URI mode. It must
 * parse; a driver Ferry knows is then checked like ferry_uri_validate(), and
 * any other driver is left for libvirt to judge.
 */
gboolean
ferry_uri_validate_custom (const char  *uri,
                           GError     **error)
{
  g_autoptr(FerryUri) parsed = NULL;

  g_return_val_if_fail (uri != NULL, FALSE);

  switch (text_problem (uri))
    {
    case TEXT_SPACE:
      /* xgettext:no-c-format */
      return _ferry_uri_set_invalid (error, _("A URI cannot contain spaces; write them as %20"));
    case TEXT_CONTROL:
      return _ferry_uri_set_invalid (error, _("The URI contains a control character"));
    case TEXT_OK:
    default:
      break;
    }

  parsed = ferry_uri_new_from_string (uri, error);
  if (parsed == NULL)
    return FALSE;
  if (!is_known_driver (parsed->driver))
    return TRUE;
  return ferry_uri_validate (parsed, error);
}
