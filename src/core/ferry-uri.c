/* ferry-uri.c — libvirt connection URIs as fields: the object, its
 * accessors and its parameters.
 *
 * Pure string work: nothing here talks to libvirt, so the Add dialog can check
 * every keystroke on the main thread. Building and parsing the URI's text is
 * in ferry-uri-string.c, checking the fields in ferry-uri-validate.c.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ferry-enums.h"
#include "ferry-uri-private.h"

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

Param *
_ferry_uri_find_param (FerryUri   *self,
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

  param = _ferry_uri_find_param (self, name, 0);
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

  param = _ferry_uri_find_param (self, name, 0);
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
