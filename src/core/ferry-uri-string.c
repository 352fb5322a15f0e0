/* ferry-uri-string.c — a libvirt connection URI as text: built from the
 * fields, escaping what needs it, and parsed back into them.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ferry-enums.h"
#include "ferry-error.h"
#include "ferry-uri-private.h"

/* What g_uri_parse() is asked for: the query stays encoded so that an escaped
 * "&" or "=" inside a value does not split it; hosts are not DNS-normalised
 * (validation judges them as typed); a password is split off so that it can
 * be refused rather than taken for part of the user name. */
#define PARSE_FLAGS (G_URI_FLAGS_ENCODED_QUERY | G_URI_FLAGS_NON_DNS | G_URI_FLAGS_HAS_PASSWORD)

/* Characters left as they are when building. Everything else is
 * percent-escaped: ":" and "@" in a user would end it early, "&", "=", "+" and
 * "%" in a query value would change what libvirt reads. */
#define PATH_ALLOWED_CHARS   G_URI_RESERVED_CHARS_ALLOWED_IN_PATH
#define HOST_ALLOWED_CHARS   G_URI_RESERVED_CHARS_SUBCOMPONENT_DELIMITERS
#define VALUE_ALLOWED_CHARS  "/:,"

/* Building */

static const char *
transport_nick (FerryUriTransport transport)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (FERRY_TYPE_URI_TRANSPORT);
  GEnumValue *value = g_enum_get_value (klass, transport);

  /* The nicks are static strings, so they outlive the class reference. */
  return value != NULL ? value->value_nick : NULL;
}

/**
 * ferry_uri_to_string:
 *
 * Builds the URI, escaping what needs it. Works on an invalid URI too (the
 * dialog shows what the fields make), but only a valid one is worth opening.
 *
 * Returns: (transfer full): the URI, such as `qemu+ssh://root@host/system`
 */
char *
ferry_uri_to_string (FerryUri *self)
{
  GString *s;

  g_return_val_if_fail (FERRY_IS_URI (self), NULL);

  s = g_string_new (self->driver);
  if (self->transport != FERRY_URI_TRANSPORT_LOCAL)
    g_string_append_printf (s, "+%s", transport_nick (self->transport));
  g_string_append (s, "://");

  if (self->user != NULL)
    {
      g_string_append_uri_escaped (s, self->user, NULL, FALSE);
      g_string_append_c (s, '@');
    }
  if (self->host != NULL && strchr (self->host, ':') != NULL)
    g_string_append_printf (s, "[%s]", self->host);
  else if (self->host != NULL)
    g_string_append_uri_escaped (s, self->host, HOST_ALLOWED_CHARS, FALSE);
  if (self->port != 0)
    g_string_append_printf (s, ":%u", self->port);

  g_string_append_c (s, '/');
  if (self->path != NULL)
    g_string_append_uri_escaped (s, self->path, PATH_ALLOWED_CHARS, FALSE);

  for (guint i = 0; i < self->params->len; i++)
    {
      Param *param = g_ptr_array_index (self->params, i);

      g_string_append_c (s, i == 0 ? '?' : '&');
      g_string_append_uri_escaped (s, param->name, NULL, FALSE);
      g_string_append_c (s, '=');
      g_string_append_uri_escaped (s, param->value, VALUE_ALLOWED_CHARS, FALSE);
    }

  return g_string_free (s, FALSE);
}

/* Parsing */

gboolean
_ferry_uri_set_invalid (GError     **error,
                        const char  *message)
{
  g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT, message);
  return FALSE;
}

/* Finds the port text of @string's authority: [*start, *end). */
static gboolean
find_port (const char  *string,
           const char **start,
           const char **end)
{
  const char *authority = strstr (string, "://");
  const char *authority_end;
  const char *host;
  const char *at;
  const char *colon;

  if (authority == NULL)
    return FALSE;
  authority += 3;
  authority_end = authority + strcspn (authority, "/?#");

  at = g_strrstr_len (authority, authority_end - authority, "@");
  host = at != NULL ? at + 1 : authority;
  if (*host == '[')
    host = memchr (host, ']', authority_end - host);
  if (host == NULL)
    return FALSE;

  colon = memchr (host, ':', authority_end - host);
  if (colon == NULL)
    return FALSE;
  *start = colon + 1;
  *end = authority_end;
  return TRUE;
}

/* Says which part of @string GUri stumbled on, in Ferry's words: GLib's own
 * messages say only that the URI is bad, and change between GLib versions. */
static void
set_parse_error (const char  *string,
                 GError      *guri_error,
                 const char  *port_text,
                 GError     **error)
{
  GQuark domain = FERRY_ERROR;
  int code = FERRY_ERROR_INVALID_INPUT;

  switch (guri_error->code)
    {
    case G_URI_ERROR_BAD_USER:
      g_set_error (error, domain, code,
                   _("The user name in “%s” is not valid; check its %%-escapes"), string);
      break;
    case G_URI_ERROR_BAD_HOST:
      g_set_error (error, domain, code,
                   _("The host in “%s” is not valid; check its %%-escapes and brackets"), string);
      break;
    case G_URI_ERROR_BAD_PATH:
      g_set_error (error, domain, code,
                   _("The path in “%s” is not valid; check its %%-escapes"), string);
      break;
    case G_URI_ERROR_BAD_QUERY:
      g_set_error (error, domain, code,
                   _("The parameters in “%s” are not valid; check their %%-escapes"), string);
      break;
    case G_URI_ERROR_BAD_PORT:
      if (port_text != NULL && strchr (port_text, ':') != NULL)
        g_set_error (error, domain, code,
                     _("“%s” has an IPv6 address without brackets; write it as [address]"),
                     string);
      else
        g_set_error (error, domain, code, _("The port in “%s” is not a number"), string);
      break;
    case G_URI_ERROR_FAILED:
    case G_URI_ERROR_BAD_SCHEME:
      g_set_error (error, domain, code, _("“%s” is not a URI; write it like qemu:///system"),
                   string);
      break;
    case G_URI_ERROR_BAD_PASSWORD:
    case G_URI_ERROR_BAD_AUTH_PARAMS:
    case G_URI_ERROR_BAD_FRAGMENT:
    default:
      g_set_error (error, domain, code, _("“%s” is not a valid URI; check its %%-escapes"),
                   string);
      break;
    }
}

static GUri *
parse_guri (const char  *string,
            guint       *port,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *port_text = NULL;
  GUri *guri;
  const char *start;
  const char *end;

  guri = g_uri_parse (string, PARSE_FLAGS, &local_error);
  if (guri != NULL)
    {
      *port = MAX (g_uri_get_port (guri), 0);
      return guri;
    }

  /* GUri refuses a port above 65535 outright. Keep the number and parse the
   * rest, so that validation can say which port is out of range. */
  if (g_error_matches (local_error, G_URI_ERROR, G_URI_ERROR_BAD_PORT) &&
      find_port (string, &start, &end))
    {
      guint64 number;

      port_text = g_strndup (start, end - start);
      if (g_ascii_string_to_unsigned (port_text, 10, 0, G_MAXUINT, &number, NULL))
        {
          g_autofree char *head = g_strndup (string, start - 1 - string);
          g_autofree char *rest = g_strconcat (head, end, NULL);

          guri = g_uri_parse (rest, PARSE_FLAGS, NULL);
          if (guri != NULL)
            {
              *port = number;
              return guri;
            }
        }
    }

  set_parse_error (string, local_error, port_text, error);
  return NULL;
}

static gboolean
parse_scheme (FerryUri    *self,
              const char  *scheme,
              GError     **error)
{
  g_autoptr(GEnumClass) klass = NULL;
  g_auto(GStrv) parts = g_strsplit (scheme, "+", 2);
  GEnumValue *value;

  ferry_uri_set_driver (self, parts[0]);
  if (parts[1] == NULL)
    return TRUE;

  klass = g_type_class_ref (FERRY_TYPE_URI_TRANSPORT);
  value = g_enum_get_value_by_nick (klass, parts[1]);
  /* "local" is the absence of a transport, never written out. */
  if (value == NULL || value->value == FERRY_URI_TRANSPORT_LOCAL)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT,
                   _("The transport “%s” is unknown; use ssh, libssh, libssh2, tls, tcp or unix"),
                   parts[1]);
      return FALSE;
    }
  ferry_uri_set_transport (self, value->value);
  return TRUE;
}

static gboolean
parse_query (FerryUri    *self,
             const char  *query,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GUriParamsIter iter;
  char *name;
  char *value;

  g_uri_params_iter_init (&iter, query, -1, "&", G_URI_PARAMS_NONE);
  while (g_uri_params_iter_next (&iter, &name, &value, &local_error))
    {
      ferry_uri_add_param (self, name, value);
      g_free (name);
      g_free (value);
    }
  if (local_error == NULL)
    return TRUE;

  g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT,
               _("The parameters “%s” are not name=value pairs joined by “&”"), query);
  return FALSE;
}

/**
 * ferry_uri_new_from_string:
 * @uri: a libvirt URI such as `qemu+ssh://root@host:2222/system?keyfile=/k`
 *
 * Splits @uri into fields. Only the syntax is checked here (any driver is
 * taken); ferry_uri_validate() judges the fields.
 *
 * Returns: (transfer full) (nullable): the fields, or %NULL with
 *   %FERRY_ERROR_INVALID_INPUT set
 */
FerryUri *
ferry_uri_new_from_string (const char  *uri,
                           GError     **error)
{
  g_autoptr(FerryUri) self = NULL;
  g_autoptr(GUri) guri = NULL;
  const char *path;
  guint port = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (uri == NULL || uri[0] == '\0')
    {
      _ferry_uri_set_invalid (error, _("The URI is empty"));
      return NULL;
    }

  guri = parse_guri (uri, &port, error);
  if (guri == NULL)
    return NULL;

  if (g_uri_get_host (guri) == NULL)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT,
                   _("“%s” has no “//” after the driver, as in qemu:///system"), uri);
      return NULL;
    }
  if (g_uri_get_password (guri) != NULL)
    {
      _ferry_uri_set_invalid (error,
                              _("A password does not belong in the URI; Ferry asks for it when connecting"));
      return NULL;
    }
  if (g_uri_get_fragment (guri) != NULL)
    {
      _ferry_uri_set_invalid (error, _("A libvirt URI has no “#” part"));
      return NULL;
    }

  self = ferry_uri_new ();
  if (!parse_scheme (self, g_uri_get_scheme (guri), error))
    return NULL;
  ferry_uri_set_user (self, g_uri_get_user (guri));
  ferry_uri_set_host (self, g_uri_get_host (guri));
  ferry_uri_set_port (self, port);
  path = g_uri_get_path (guri);
  ferry_uri_set_path (self, path[0] == '/' ? path + 1 : path);
  if (g_uri_get_query (guri) != NULL && !parse_query (self, g_uri_get_query (guri), error))
    return NULL;

  return g_steal_pointer (&self);
}
