/* ferry-uri.c — libvirt connection URIs: built from fields, parsed back into
 * them, and checked with messages that say exactly what is wrong.
 *
 * Pure string work: nothing here talks to libvirt, so the Add dialog can check
 * every keystroke on the main thread.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ferry-enums.h"
#include "ferry-error.h"
#include "ferry-uri.h"

#define MAX_HOST_LENGTH   253
#define MAX_LABEL_LENGTH  63
#define MAX_USER_LENGTH   255
#define MAX_PORT          65535

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

typedef struct
{
  char *name;
  char *value;
} Param;

struct _FerryUri
{
  GObject            parent_instance;

  char              *driver;
  FerryUriTransport  transport;
  char              *user;
  char              *host;
  guint              port;
  char              *path;
  GPtrArray         *params;   /* of Param, in URI order */
};

enum {
  PROP_0,
  PROP_DRIVER,
  PROP_TRANSPORT,
  PROP_USER,
  PROP_HOST,
  PROP_PORT,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FerryUri, ferry_uri, G_TYPE_OBJECT)

static void
param_free (gpointer data)
{
  Param *param = data;

  g_free (param->name);
  g_free (param->value);
  g_free (param);
}

static void
ferry_uri_finalize (GObject *object)
{
  FerryUri *self = (FerryUri *)object;

  g_clear_pointer (&self->driver, g_free);
  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->params, g_ptr_array_unref);

  G_OBJECT_CLASS (ferry_uri_parent_class)->finalize (object);
}

static void
ferry_uri_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  FerryUri *self = FERRY_URI (object);

  switch (prop_id)
    {
    case PROP_DRIVER:
      g_value_set_string (value, self->driver);
      break;
    case PROP_TRANSPORT:
      g_value_set_enum (value, self->transport);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_uri_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  FerryUri *self = FERRY_URI (object);

  switch (prop_id)
    {
    case PROP_DRIVER:
      ferry_uri_set_driver (self, g_value_get_string (value));
      break;
    case PROP_TRANSPORT:
      ferry_uri_set_transport (self, g_value_get_enum (value));
      break;
    case PROP_USER:
      ferry_uri_set_user (self, g_value_get_string (value));
      break;
    case PROP_HOST:
      ferry_uri_set_host (self, g_value_get_string (value));
      break;
    case PROP_PORT:
      ferry_uri_set_port (self, g_value_get_uint (value));
      break;
    case PROP_PATH:
      ferry_uri_set_path (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_uri_class_init (FerryUriClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ferry_uri_finalize;
  object_class->get_property = ferry_uri_get_property;
  object_class->set_property = ferry_uri_set_property;

  properties[PROP_DRIVER] = g_param_spec_string ("driver", NULL, NULL, "qemu", rw);
  properties[PROP_TRANSPORT] =
    g_param_spec_enum ("transport", NULL, NULL, FERRY_TYPE_URI_TRANSPORT,
                       FERRY_URI_TRANSPORT_LOCAL, rw);
  properties[PROP_USER] = g_param_spec_string ("user", NULL, NULL, NULL, rw);
  properties[PROP_HOST] = g_param_spec_string ("host", NULL, NULL, NULL, rw);
  /* Any number, so that a mistyped port reaches ferry_uri_validate() and gets
   * a message instead of being clamped into a different, valid port. */
  properties[PROP_PORT] = g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, "system", rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_uri_init (FerryUri *self)
{
  self->driver = g_strdup ("qemu");
  self->path = g_strdup ("system");
  self->params = g_ptr_array_new_with_free_func (param_free);
}

/**
 * ferry_uri_new:
 *
 * Returns: (transfer full): `qemu:///system`, to be changed field by field
 */
FerryUri *
ferry_uri_new (void)
{
  return g_object_new (FERRY_TYPE_URI, NULL);
}

/* Stores @value ("" meaning none) in @field; returns whether it changed. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (value != NULL && value[0] == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
set_string_property (FerryUri    *self,
                     char       **field,
                     const char  *value,
                     guint        prop_id)
{
  g_return_if_fail (FERRY_IS_URI (self));
  g_return_if_fail (value == NULL || g_utf8_validate (value, -1, NULL));

  if (set_string (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

const char *
ferry_uri_get_driver (FerryUri *self)
{
  g_return_val_if_fail (FERRY_IS_URI (self), NULL);
  return self->driver;
}

void
ferry_uri_set_driver (FerryUri   *self,
                      const char *driver)
{
  set_string_property (self, &self->driver, driver, PROP_DRIVER);
}

FerryUriTransport
ferry_uri_get_transport (FerryUri *self)
{
  g_return_val_if_fail (FERRY_IS_URI (self), FERRY_URI_TRANSPORT_LOCAL);
  return self->transport;
}

void
ferry_uri_set_transport (FerryUri          *self,
                         FerryUriTransport  transport)
{
  g_return_if_fail (FERRY_IS_URI (self));
  g_return_if_fail (transport <= FERRY_URI_TRANSPORT_UNIX);

  if (self->transport == transport)
    return;
  self->transport = transport;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRANSPORT]);
}

/**
 * ferry_uri_get_user:
 *
 * Returns: (nullable): the user name, unescaped, or %NULL for none
 */
const char *
ferry_uri_get_user (FerryUri *self)
{
  g_return_val_if_fail (FERRY_IS_URI (self), NULL);
  return self->user;
}

void
ferry_uri_set_user (FerryUri   *self,
                    const char *user)
{
  set_string_property (self, &self->user, user, PROP_USER);
}

/**
 * ferry_uri_get_host:
 *
 * Returns: (nullable): the host name or IP address (an IPv6 address without
 *   its brackets), or %NULL for none
 */
const char *
ferry_uri_get_host (FerryUri *self)
{
  g_return_val_if_fail (FERRY_IS_URI (self), NULL);
  return self->host;
}

void
ferry_uri_set_host (FerryUri   *self,
                    const char *host)
{
  set_string_property (self, &self->host, host, PROP_HOST);
}

/**
 * ferry_uri_get_port:
 *
 * Returns: the port, or 0 for the transport's default
 */
guint
ferry_uri_get_port (FerryUri *self)
{
  g_return_val_if_fail (FERRY_IS_URI (self), 0);
  return self->port;
}

void
ferry_uri_set_port (FerryUri *self,
                    guint     port)
{
  g_return_if_fail (FERRY_IS_URI (self));

  if (self->port == port)
    return;
  self->port = port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
}

/**
 * ferry_uri_get_path:
 *
 * Returns: (nullable): the path without its leading "/" ("system" or
 *   "session" for qemu, "default" for test:///default)
 */
const char *
ferry_uri_get_path (FerryUri *self)
{
  g_return_val_if_fail (FERRY_IS_URI (self), NULL);
  return self->path;
}

void
ferry_uri_set_path (FerryUri   *self,
                    const char *path)
{
  set_string_property (self, &self->path, path, PROP_PATH);
}

guint
ferry_uri_get_n_params (FerryUri *self)
{
  g_return_val_if_fail (FERRY_IS_URI (self), 0);
  return self->params->len;
}

static Param *
param_at (FerryUri *self,
          guint     index)
{
  g_return_val_if_fail (FERRY_IS_URI (self), NULL);
  g_return_val_if_fail (index < self->params->len, NULL);
  return g_ptr_array_index (self->params, index);
}

const char *
ferry_uri_get_param_name (FerryUri *self,
                          guint     index)
{
  Param *param = param_at (self, index);

  return param != NULL ? param->name : NULL;
}

const char *
ferry_uri_get_param_value (FerryUri *self,
                           guint     index)
{
  Param *param = param_at (self, index);

  return param != NULL ? param->value : NULL;
}

static Param *
find_param (FerryUri   *self,
            const char *name,
            guint       from)
{
  for (guint i = from; i < self->params->len; i++)
    {
      Param *param = g_ptr_array_index (self->params, i);

      if (strcmp (param->name, name) == 0)
        return param;
    }
  return NULL;
}

/**
 * ferry_uri_get_param:
 *
 * Returns: (nullable): the value of the first query parameter called @name
 */
const char *
ferry_uri_get_param (FerryUri   *self,
                     const char *name)
{
  Param *param;

  g_return_val_if_fail (FERRY_IS_URI (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  param = find_param (self, name, 0);
  return param != NULL ? param->value : NULL;
}

/**
 * ferry_uri_add_param:
 *
 * Appends @name=@value to the query, even when @name is there already (as
 * parsing does, so that validation can point the repetition out).
 */
void
ferry_uri_add_param (FerryUri   *self,
                     const char *name,
                     const char *value)
{
  Param *param;

  g_return_if_fail (FERRY_IS_URI (self));
  g_return_if_fail (name != NULL && g_utf8_validate (name, -1, NULL));
  g_return_if_fail (value != NULL && g_utf8_validate (value, -1, NULL));

  param = g_new0 (Param, 1);
  param->name = g_strdup (name);
  param->value = g_strdup (value);
  g_ptr_array_add (self->params, param);
}

/**
 * ferry_uri_set_param:
 * @value: (nullable): the new value, or %NULL to remove the parameter
 *
 * Gives the parameter @name the value @value, in place when it is there
 * already (later repetitions go), appended otherwise.
 */
void
ferry_uri_set_param (FerryUri   *self,
                     const char *name,
                     const char *value)
{
  Param *param;

  g_return_if_fail (FERRY_IS_URI (self));
  g_return_if_fail (name != NULL);

  param = find_param (self, name, 0);
  for (guint i = self->params->len; i > 0; i--)
    {
      Param *other = g_ptr_array_index (self->params, i - 1);

      if (other != param && strcmp (other->name, name) == 0)
        g_ptr_array_remove_index (self->params, i - 1);
    }

  if (value == NULL)
    {
      if (param != NULL)
        g_ptr_array_remove (self->params, param);
    }
  else if (param != NULL)
    {
      g_return_if_fail (g_utf8_validate (value, -1, NULL));
      set_string (&param->value, value);
      if (param->value == NULL)
        param->value = g_strdup ("");
    }
  else
    {
      ferry_uri_add_param (self, name, value);
    }
}

void
ferry_uri_clear_params (FerryUri *self)
{
  g_return_if_fail (FERRY_IS_URI (self));
  g_ptr_array_set_size (self->params, 0);
}

/**
 * ferry_uri_equal:
 *
 * Returns: whether @a and @b have the same fields and the same parameters in
 *   the same order
 */
gboolean
ferry_uri_equal (FerryUri *a,
                 FerryUri *b)
{
  g_return_val_if_fail (FERRY_IS_URI (a), FALSE);
  g_return_val_if_fail (FERRY_IS_URI (b), FALSE);

  if (g_strcmp0 (a->driver, b->driver) != 0 ||
      a->transport != b->transport ||
      g_strcmp0 (a->user, b->user) != 0 ||
      g_strcmp0 (a->host, b->host) != 0 ||
      a->port != b->port ||
      g_strcmp0 (a->path, b->path) != 0 ||
      a->params->len != b->params->len)
    return FALSE;

  for (guint i = 0; i < a->params->len; i++)
    {
      Param *pa = g_ptr_array_index (a->params, i);
      Param *pb = g_ptr_array_index (b->params, i);

      if (strcmp (pa->name, pb->name) != 0 || strcmp (pa->value, pb->value) != 0)
        return FALSE;
    }
  return TRUE;
}

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

static gboolean
set_invalid (GError     **error,
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
      set_invalid (error, _("The URI is empty"));
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
      set_invalid (error, _("A password does not belong in the URI; Ferry asks for it when connecting"));
      return NULL;
    }
  if (g_uri_get_fragment (guri) != NULL)
    {
      set_invalid (error, _("A libvirt URI has no “#” part"));
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
  return set_invalid (error, message);
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

static gboolean
validate_user (FerryUri       *self,
               FerryUriField  *invalid_field,
               GError        **error)
{
  g_autofree char *message = NULL;
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
  if (find_param (self, param->name, index + 1) != NULL)
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
      return set_invalid (error, _("A URI cannot contain spaces; write them as %20"));
    case TEXT_CONTROL:
      return set_invalid (error, _("The URI contains a control character"));
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
