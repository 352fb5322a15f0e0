/* ferry-pool-config.c — a storage pool definition being edited: one string
 * property per field the editor shows, over the pool's XML document.
 *
 * The document is the source of truth: a property change writes its one node
 * at once (ferry-pool-config-xml.c), and everything Ferry does not model stays
 * as it was loaded. Values are kept as the user typed them, so validation
 * (ferry-pool-config-validate.c) can say what is wrong with "07a5" instead of
 * the editor losing it.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ferry-error.h"
#include "ferry-pool-config-private.h"

struct _FerryPoolConfig
{
  GObject                parent_instance;

  GVirConfigStoragePool *pool;
  char                  *uuid;
  char                  *pool_type;
  char                  *values[FERRY_POOL_N_FIELDS];   /* NULL when absent */
};

enum {
  PROP_0,
  PROP_UUID,
  PROP_POOL_TYPE,
  /* One per FerryPoolField, in the same order. */
  PROP_FIRST_FIELD,
  N_PROPS = PROP_FIRST_FIELD + FERRY_POOL_N_FIELDS
};

G_DEFINE_FINAL_TYPE (FerryPoolConfig, ferry_pool_config, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static const char *const field_names[FERRY_POOL_N_FIELDS] = {
  [FERRY_POOL_FIELD_NAME] = "name",
  [FERRY_POOL_FIELD_SOURCE_HOST] = "source-host",
  [FERRY_POOL_FIELD_SOURCE_DIR] = "source-dir",
  [FERRY_POOL_FIELD_FORMAT] = "format",
  [FERRY_POOL_FIELD_PROTOCOL_VERSION] = "protocol-version",
  [FERRY_POOL_FIELD_MOUNT_OPTIONS] = "mount-options",
  [FERRY_POOL_FIELD_TARGET_PATH] = "target-path",
  [FERRY_POOL_FIELD_MODE] = "mode",
  [FERRY_POOL_FIELD_OWNER] = "owner",
  [FERRY_POOL_FIELD_GROUP] = "group",
};

static void
ferry_pool_config_finalize (GObject *object)
{
  FerryPoolConfig *self = (FerryPoolConfig *)object;

  g_clear_object (&self->pool);
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->pool_type, g_free);
  for (guint i = 0; i < FERRY_POOL_N_FIELDS; i++)
    g_clear_pointer (&self->values[i], g_free);

  G_OBJECT_CLASS (ferry_pool_config_parent_class)->finalize (object);
}

static void
ferry_pool_config_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FerryPoolConfig *self = FERRY_POOL_CONFIG (object);

  if (prop_id == PROP_UUID)
    g_value_set_string (value, self->uuid);
  else if (prop_id == PROP_POOL_TYPE)
    g_value_set_string (value, self->pool_type);
  else if (prop_id >= PROP_FIRST_FIELD && prop_id < N_PROPS)
    g_value_set_string (value, ferry_pool_config_get_field (self, prop_id - PROP_FIRST_FIELD));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ferry_pool_config_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FerryPoolConfig *self = FERRY_POOL_CONFIG (object);

  if (prop_id >= PROP_FIRST_FIELD && prop_id < N_PROPS)
    ferry_pool_config_set_field (self, prop_id - PROP_FIRST_FIELD, g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ferry_pool_config_class_init (FerryPoolConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ferry_pool_config_finalize;
  object_class->get_property = ferry_pool_config_get_property;
  object_class->set_property = ferry_pool_config_set_property;

  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, ro);
  properties[PROP_POOL_TYPE] = g_param_spec_string ("pool-type", NULL, NULL, NULL, ro);
  /* Every field reads as "" when absent, so entries bind to it directly. */
  for (guint i = 0; i < FERRY_POOL_N_FIELDS; i++)
    properties[PROP_FIRST_FIELD + i] = g_param_spec_string (field_names[i], NULL, NULL, "", rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_pool_config_init (FerryPoolConfig *self)
{
}

static FerryPoolConfig *
config_new_for (GVirConfigStoragePool *pool)
{
  FerryPoolConfig *self = g_object_new (FERRY_TYPE_POOL_CONFIG, NULL);
  const char *uuid = gvir_config_storage_pool_get_uuid (pool);

  self->pool = pool;
  self->uuid = uuid != NULL && uuid[0] != '\0' ? g_strdup (uuid) : NULL;
  self->pool_type = _ferry_pool_xml_pool_type (pool);
  for (guint i = 0; i < FERRY_POOL_N_FIELDS; i++)
    self->values[i] = _ferry_pool_xml_read (pool, i);
  return self;
}

/**
 * ferry_pool_config_new:
 *
 * Returns: (transfer full): a new NFS pool (type netfs, format nfs) with
 *   every other field empty
 */
FerryPoolConfig *
ferry_pool_config_new (void)
{
  GVirConfigStoragePool *pool = gvir_config_storage_pool_new ();
  FerryPoolConfig *self;

  _ferry_pool_xml_skeleton (pool);
  self = config_new_for (pool);
  ferry_pool_config_set_field (self, FERRY_POOL_FIELD_FORMAT, "nfs");
  return self;
}

/**
 * ferry_pool_config_new_from_xml:
 * @xml: a pool definition, as virStoragePoolGetXMLDesc() returns it
 *
 * Returns: (transfer full) (nullable): the config, or NULL with @error set
 *   when @xml is not a pool document
 */
FerryPoolConfig *
ferry_pool_config_new_from_xml (const char  *xml,
                                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GVirConfigStoragePool *pool;

  g_return_val_if_fail (xml != NULL, NULL);

  pool = gvir_config_storage_pool_new_from_xml (xml, &local_error);
  if (pool == NULL)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT,
                   _("The pool definition is not valid XML: %s"), local_error->message);
      return NULL;
    }
  return config_new_for (pool);
}

/**
 * ferry_pool_config_to_xml:
 *
 * Returns: (transfer full): the definition, with every change made so far and
 *   everything Ferry does not model as it was loaded
 */
char *
ferry_pool_config_to_xml (FerryPoolConfig *self)
{
  g_return_val_if_fail (FERRY_IS_POOL_CONFIG (self), NULL);
  return gvir_config_object_to_xml (GVIR_CONFIG_OBJECT (self->pool));
}

/**
 * ferry_pool_config_get_uuid:
 *
 * Returns: (nullable): the pool's UUID; NULL for a pool never defined
 */
const char *
ferry_pool_config_get_uuid (FerryPoolConfig *self)
{
  g_return_val_if_fail (FERRY_IS_POOL_CONFIG (self), NULL);
  return self->uuid;
}

/**
 * ferry_pool_config_get_pool_type:
 *
 * Returns: (nullable): libvirt's pool type: "netfs" for a new config
 */
const char *
ferry_pool_config_get_pool_type (FerryPoolConfig *self)
{
  g_return_val_if_fail (FERRY_IS_POOL_CONFIG (self), NULL);
  return self->pool_type;
}

/**
 * ferry_pool_config_get_field:
 *
 * Returns: (not nullable): the field's value as typed; "" when absent
 */
const char *
ferry_pool_config_get_field (FerryPoolConfig *self,
                             FerryPoolField   field)
{
  g_return_val_if_fail (FERRY_IS_POOL_CONFIG (self), NULL);
  g_return_val_if_fail (field < FERRY_POOL_N_FIELDS, NULL);
  return self->values[field] != NULL ? self->values[field] : "";
}

/**
 * ferry_pool_config_set_field:
 * @value: (nullable): the new value; NULL or "" removes the field
 *
 * Writes the field's node in the document. Setting the value it already has
 * changes nothing, not even whitespace elsewhere.
 */
void
ferry_pool_config_set_field (FerryPoolConfig *self,
                             FerryPoolField   field,
                             const char      *value)
{
  g_return_if_fail (FERRY_IS_POOL_CONFIG (self));
  g_return_if_fail (field < FERRY_POOL_N_FIELDS);

  if (value != NULL && value[0] == '\0')
    value = NULL;
  if (g_strcmp0 (self->values[field], value) == 0)
    return;

  _ferry_pool_xml_write (self->pool, field, value);
  g_free (self->values[field]);
  self->values[field] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_FIELD + field]);
}

/**
 * ferry_pool_field_get_property_name:
 *
 * Returns: the #FerryPoolConfig property that holds @field
 */
const char *
ferry_pool_field_get_property_name (FerryPoolField field)
{
  g_return_val_if_fail (field < FERRY_POOL_N_FIELDS, NULL);
  return field_names[field];
}
