/* ferry-migration-options.c — every `virsh migrate` capability as one object
 * the Migrate dialog binds to: its properties, getters and setters.
 *
 * Pure data: nothing here talks to libvirt, so the dialog can check every
 * change on the main thread. Which options go together is in
 * ferry-migration-options-rules.c, whether each value is right in
 * ferry-migration-options-validate.c, and the equivalent virsh command in
 * ferry-migration-options-virsh.c. The translation into libvirt flags and typed
 * parameters is in ferry-migration-params.c.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-enums.h"
#include "ferry-migration-options-private.h"

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FerryMigrationOptions, ferry_migration_options, G_TYPE_OBJECT)

/* For the rules, which judge options by property id and enum values by nick. */
GParamSpec *
_ferry_migration_options_pspec (guint prop_id)
{
  return properties[prop_id];
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */
/* ------------------------------------------------------------------------ */

static void
ferry_migration_options_finalize (GObject *object)
{
  FerryMigrationOptions *self = (FerryMigrationOptions *)object;
  Options *o = &self->o;

  g_clear_pointer (&o->destination_uri, g_free);
  g_clear_pointer (&o->migrate_uri, g_free);
  g_clear_pointer (&o->listen_address, g_free);
  g_clear_pointer (&o->copy_storage_disks, g_strfreev);
  g_clear_pointer (&o->nbd_uri, g_free);
  g_clear_pointer (&o->compression_methods, g_strfreev);
  g_clear_pointer (&o->destination_name, g_free);
  g_clear_pointer (&o->destination_xml, g_free);
  g_clear_pointer (&o->persistent_xml, g_free);

  G_OBJECT_CLASS (ferry_migration_options_parent_class)->finalize (object);
}

static void
ferry_migration_options_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  FerryMigrationOptions *self = FERRY_MIGRATION_OPTIONS (object);
  const Options *o = &self->o;

  switch (prop_id)
    {
    case PROP_MODE: g_value_set_enum (value, o->mode); break;
    case PROP_CONNECTIVITY: g_value_set_enum (value, o->connectivity); break;
    case PROP_DESTINATION_URI: g_value_set_string (value, o->destination_uri); break;
    case PROP_MIGRATE_URI: g_value_set_string (value, o->migrate_uri); break;
    case PROP_LISTEN_ADDRESS: g_value_set_string (value, o->listen_address); break;
    case PROP_TLS: g_value_set_boolean (value, o->tls); break;
    case PROP_PERSISTENT: g_value_set_boolean (value, o->persistent); break;
    case PROP_UNDEFINE_SOURCE: g_value_set_boolean (value, o->undefine_source); break;
    case PROP_SUSPEND: g_value_set_boolean (value, o->suspend); break;
    case PROP_COPY_STORAGE: g_value_set_enum (value, o->copy_storage); break;
    case PROP_COPY_STORAGE_DISKS: g_value_set_boxed (value, o->copy_storage_disks); break;
    case PROP_NBD_PORT: g_value_set_uint (value, o->nbd_port); break;
    case PROP_NBD_URI: g_value_set_string (value, o->nbd_uri); break;
    case PROP_UNSAFE: g_value_set_boolean (value, o->unsafe); break;
    case PROP_AUTO_CONVERGE: g_value_set_boolean (value, o->auto_converge); break;
    case PROP_AUTO_CONVERGE_INITIAL: g_value_set_int (value, o->auto_converge_initial); break;
    case PROP_AUTO_CONVERGE_INCREMENT: g_value_set_int (value, o->auto_converge_increment); break;
    case PROP_COMPRESSED: g_value_set_boolean (value, o->compressed); break;
    case PROP_COMPRESSION_METHODS: g_value_set_boxed (value, o->compression_methods); break;
    case PROP_PARALLEL: g_value_set_boolean (value, o->parallel); break;
    case PROP_PARALLEL_CONNECTIONS: g_value_set_uint (value, o->parallel_connections); break;
    case PROP_POSTCOPY: g_value_set_boolean (value, o->postcopy); break;
    case PROP_POSTCOPY_AFTER: g_value_set_enum (value, o->postcopy_after); break;
    case PROP_POSTCOPY_AFTER_SECONDS: g_value_set_uint (value, o->postcopy_after_seconds); break;
    case PROP_ZEROCOPY: g_value_set_boolean (value, o->zerocopy); break;
    case PROP_BANDWIDTH: g_value_set_uint64 (value, o->bandwidth); break;
    case PROP_POSTCOPY_BANDWIDTH: g_value_set_uint64 (value, o->postcopy_bandwidth); break;
    case PROP_MAX_DOWNTIME: g_value_set_uint64 (value, o->max_downtime); break;
    case PROP_TIMEOUT: g_value_set_uint (value, o->timeout); break;
    case PROP_TIMEOUT_ACTION: g_value_set_enum (value, o->timeout_action); break;
    case PROP_DESTINATION_NAME: g_value_set_string (value, o->destination_name); break;
    case PROP_DESTINATION_XML: g_value_set_string (value, o->destination_xml); break;
    case PROP_PERSISTENT_XML: g_value_set_string (value, o->persistent_xml); break;
    case PROP_ABORT_ON_ERROR: g_value_set_boolean (value, o->abort_on_error); break;
    case PROP_CHANGE_PROTECTION: g_value_set_boolean (value, o->change_protection); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
notify (FerryMigrationOptions *self,
        guint                  prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* Text fields bound to entries hand over "" for nothing: store it as NULL, so
 * that "set" always means "has a value". */
static void
set_string (FerryMigrationOptions  *self,
            char                  **field,
            const char             *value,
            guint                   prop_id)
{
  g_return_if_fail (value == NULL || g_utf8_validate (value, -1, NULL));

  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  notify (self, prop_id);
}

static void
set_strv (FerryMigrationOptions  *self,
          char                 ***field,
          const char * const     *value,
          guint                   prop_id)
{
  if (value != NULL && value[0] == NULL)
    value = NULL;
  if (*field == NULL && value == NULL)
    return;
  if (*field != NULL && value != NULL && g_strv_equal ((const char * const *)*field, value))
    return;
  g_strfreev (*field);
  *field = g_strdupv ((char **)value);
  notify (self, prop_id);
}

static void
set_boolean (FerryMigrationOptions *self,
             gboolean              *field,
             gboolean               value,
             guint                  prop_id)
{
  value = !!value;
  if (*field == value)
    return;
  *field = value;
  notify (self, prop_id);
}

static void
set_uint (FerryMigrationOptions *self,
          guint                 *field,
          guint                  value,
          guint                  prop_id)
{
  if (*field == value)
    return;
  *field = value;
  notify (self, prop_id);
}

static void
set_int (FerryMigrationOptions *self,
         int                   *field,
         int                    value,
         guint                  prop_id)
{
  if (*field == value)
    return;
  *field = value;
  notify (self, prop_id);
}

static void
set_uint64 (FerryMigrationOptions *self,
            guint64               *field,
            guint64                value,
            guint                  prop_id)
{
  if (*field == value)
    return;
  *field = value;
  notify (self, prop_id);
}

static void
ferry_migration_options_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  FerryMigrationOptions *self = FERRY_MIGRATION_OPTIONS (object);
  Options *o = &self->o;

  switch (prop_id)
    {
    case PROP_MODE:
      ferry_migration_options_set_mode (self, g_value_get_enum (value));
      break;
    case PROP_CONNECTIVITY:
      ferry_migration_options_set_connectivity (self, g_value_get_enum (value));
      break;
    case PROP_COPY_STORAGE:
      ferry_migration_options_set_copy_storage (self, g_value_get_enum (value));
      break;
    case PROP_POSTCOPY_AFTER:
      ferry_migration_options_set_postcopy_after (self, g_value_get_enum (value));
      break;
    case PROP_TIMEOUT_ACTION:
      ferry_migration_options_set_timeout_action (self, g_value_get_enum (value));
      break;
    case PROP_DESTINATION_URI: set_string (self, &o->destination_uri, g_value_get_string (value), prop_id); break;
    case PROP_MIGRATE_URI: set_string (self, &o->migrate_uri, g_value_get_string (value), prop_id); break;
    case PROP_LISTEN_ADDRESS: set_string (self, &o->listen_address, g_value_get_string (value), prop_id); break;
    case PROP_NBD_URI: set_string (self, &o->nbd_uri, g_value_get_string (value), prop_id); break;
    case PROP_DESTINATION_NAME: set_string (self, &o->destination_name, g_value_get_string (value), prop_id); break;
    case PROP_DESTINATION_XML: set_string (self, &o->destination_xml, g_value_get_string (value), prop_id); break;
    case PROP_PERSISTENT_XML: set_string (self, &o->persistent_xml, g_value_get_string (value), prop_id); break;
    case PROP_COPY_STORAGE_DISKS: set_strv (self, &o->copy_storage_disks, g_value_get_boxed (value), prop_id); break;
    case PROP_COMPRESSION_METHODS: set_strv (self, &o->compression_methods, g_value_get_boxed (value), prop_id); break;
    case PROP_TLS: set_boolean (self, &o->tls, g_value_get_boolean (value), prop_id); break;
    case PROP_PERSISTENT: set_boolean (self, &o->persistent, g_value_get_boolean (value), prop_id); break;
    case PROP_UNDEFINE_SOURCE: set_boolean (self, &o->undefine_source, g_value_get_boolean (value), prop_id); break;
    case PROP_SUSPEND: set_boolean (self, &o->suspend, g_value_get_boolean (value), prop_id); break;
    case PROP_UNSAFE: set_boolean (self, &o->unsafe, g_value_get_boolean (value), prop_id); break;
    case PROP_AUTO_CONVERGE: set_boolean (self, &o->auto_converge, g_value_get_boolean (value), prop_id); break;
    case PROP_COMPRESSED: set_boolean (self, &o->compressed, g_value_get_boolean (value), prop_id); break;
    case PROP_PARALLEL: set_boolean (self, &o->parallel, g_value_get_boolean (value), prop_id); break;
    case PROP_POSTCOPY: set_boolean (self, &o->postcopy, g_value_get_boolean (value), prop_id); break;
    case PROP_ZEROCOPY: set_boolean (self, &o->zerocopy, g_value_get_boolean (value), prop_id); break;
    case PROP_ABORT_ON_ERROR: set_boolean (self, &o->abort_on_error, g_value_get_boolean (value), prop_id); break;
    case PROP_CHANGE_PROTECTION: set_boolean (self, &o->change_protection, g_value_get_boolean (value), prop_id); break;
    case PROP_NBD_PORT: set_uint (self, &o->nbd_port, g_value_get_uint (value), prop_id); break;
    case PROP_PARALLEL_CONNECTIONS: set_uint (self, &o->parallel_connections, g_value_get_uint (value), prop_id); break;
    case PROP_POSTCOPY_AFTER_SECONDS: set_uint (self, &o->postcopy_after_seconds, g_value_get_uint (value), prop_id); break;
    case PROP_TIMEOUT: set_uint (self, &o->timeout, g_value_get_uint (value), prop_id); break;
    case PROP_AUTO_CONVERGE_INITIAL: set_int (self, &o->auto_converge_initial, g_value_get_int (value), prop_id); break;
    case PROP_AUTO_CONVERGE_INCREMENT: set_int (self, &o->auto_converge_increment, g_value_get_int (value), prop_id); break;
    case PROP_BANDWIDTH: set_uint64 (self, &o->bandwidth, g_value_get_uint64 (value), prop_id); break;
    case PROP_POSTCOPY_BANDWIDTH: set_uint64 (self, &o->postcopy_bandwidth, g_value_get_uint64 (value), prop_id); break;
    case PROP_MAX_DOWNTIME: set_uint64 (self, &o->max_downtime, g_value_get_uint64 (value), prop_id); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_migration_options_class_init (FerryMigrationOptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ferry_migration_options_finalize;
  object_class->get_property = ferry_migration_options_get_property;
  object_class->set_property = ferry_migration_options_set_property;

  /* Numbers take any value their type holds: validate() explains a wrong one
   * in a sentence, where a narrow GParamSpec range would only warn. */
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, FERRY_TYPE_MIGRATION_MODE,
                       FERRY_MIGRATION_MODE_LIVE, rw);
  properties[PROP_CONNECTIVITY] =
    g_param_spec_enum ("connectivity", NULL, NULL, FERRY_TYPE_MIGRATION_CONNECTIVITY,
                       FERRY_MIGRATION_CONNECTIVITY_MANAGED_DIRECT, rw);
  properties[PROP_DESTINATION_URI] = g_param_spec_string ("destination-uri", NULL, NULL, NULL, rw);
  /* The data channel, such as tcp://10.0.0.2:49152. */
  properties[PROP_MIGRATE_URI] = g_param_spec_string ("migrate-uri", NULL, NULL, NULL, rw);
  properties[PROP_LISTEN_ADDRESS] = g_param_spec_string ("listen-address", NULL, NULL, NULL, rw);
  properties[PROP_TLS] = g_param_spec_boolean ("tls", NULL, NULL, FALSE, rw);
  properties[PROP_PERSISTENT] = g_param_spec_boolean ("persistent", NULL, NULL, TRUE, rw);
  properties[PROP_UNDEFINE_SOURCE] = g_param_spec_boolean ("undefine-source", NULL, NULL, TRUE, rw);
  /* Leave the VM paused on the destination (VIR_MIGRATE_PAUSED). */
  properties[PROP_SUSPEND] = g_param_spec_boolean ("suspend", NULL, NULL, FALSE, rw);
  properties[PROP_COPY_STORAGE] =
    g_param_spec_enum ("copy-storage", NULL, NULL, FERRY_TYPE_MIGRATION_COPY_STORAGE,
                       FERRY_MIGRATION_COPY_STORAGE_NONE, rw);
  /* Target devices (vda…); none means every non-shared writable disk. */
  properties[PROP_COPY_STORAGE_DISKS] =
    g_param_spec_boxed ("copy-storage-disks", NULL, NULL, G_TYPE_STRV, rw);
  /* 0 lets libvirt choose. */
  properties[PROP_NBD_PORT] = g_param_spec_uint ("nbd-port", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_NBD_URI] = g_param_spec_string ("nbd-uri", NULL, NULL, NULL, rw);
  properties[PROP_UNSAFE] = g_param_spec_boolean ("unsafe", NULL, NULL, FALSE, rw);
  properties[PROP_AUTO_CONVERGE] = g_param_spec_boolean ("auto-converge", NULL, NULL, FALSE, rw);
  /* Percent; -1 leaves QEMU's default. */
  properties[PROP_AUTO_CONVERGE_INITIAL] =
    g_param_spec_int ("auto-converge-initial", NULL, NULL, G_MININT, G_MAXINT, -1, rw);
  properties[PROP_AUTO_CONVERGE_INCREMENT] =
    g_param_spec_int ("auto-converge-increment", NULL, NULL, G_MININT, G_MAXINT, -1, rw);
  properties[PROP_COMPRESSED] = g_param_spec_boolean ("compressed", NULL, NULL, FALSE, rw);
  /* Some of xbzrle, mt, zlib, zstd; none means libvirt's default. */
  properties[PROP_COMPRESSION_METHODS] =
    g_param_spec_boxed ("compression-methods", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_PARALLEL] = g_param_spec_boolean ("parallel", NULL, NULL, FALSE, rw);
  /* 0 leaves QEMU's default (2). */
  properties[PROP_PARALLEL_CONNECTIONS] =
    g_param_spec_uint ("parallel-connections", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_POSTCOPY] = g_param_spec_boolean ("postcopy", NULL, NULL, FALSE, rw);
  properties[PROP_POSTCOPY_AFTER] =
    g_param_spec_enum ("postcopy-after", NULL, NULL, FERRY_TYPE_MIGRATION_POSTCOPY_AFTER,
                       FERRY_MIGRATION_POSTCOPY_AFTER_MANUAL, rw);
  properties[PROP_POSTCOPY_AFTER_SECONDS] =
    g_param_spec_uint ("postcopy-after-seconds", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_ZEROCOPY] = g_param_spec_boolean ("zerocopy", NULL, NULL, FALSE, rw);
  /* MiB/s, as libvirt takes them; 0 is no limit. */
  properties[PROP_BANDWIDTH] =
    g_param_spec_uint64 ("bandwidth", NULL, NULL, 0, G_MAXUINT64, 0, rw);
  properties[PROP_POSTCOPY_BANDWIDTH] =
    g_param_spec_uint64 ("postcopy-bandwidth", NULL, NULL, 0, G_MAXUINT64, 0, rw);
  /* Milliseconds; 0 leaves QEMU's default. Applied by the running job. */
  properties[PROP_MAX_DOWNTIME] =
    g_param_spec_uint64 ("max-downtime", NULL, NULL, 0, G_MAXUINT64, 0, rw);
  /* Seconds; 0 is none. Applied by the running job. */
  properties[PROP_TIMEOUT] = g_param_spec_uint ("timeout", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_TIMEOUT_ACTION] =
    g_param_spec_enum ("timeout-action", NULL, NULL, FERRY_TYPE_MIGRATION_TIMEOUT_ACTION,
                       FERRY_MIGRATION_TIMEOUT_ACTION_SUSPEND, rw);
  properties[PROP_DESTINATION_NAME] = g_param_spec_string ("destination-name", NULL, NULL, NULL, rw);
  properties[PROP_DESTINATION_XML] = g_param_spec_string ("destination-xml", NULL, NULL, NULL, rw);
  properties[PROP_PERSISTENT_XML] = g_param_spec_string ("persistent-xml", NULL, NULL, NULL, rw);
  properties[PROP_ABORT_ON_ERROR] = g_param_spec_boolean ("abort-on-error", NULL, NULL, FALSE, rw);
  properties[PROP_CHANGE_PROTECTION] =
    g_param_spec_boolean ("change-protection", NULL, NULL, FALSE, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_migration_options_init (FerryMigrationOptions *self)
{
  self->o.persistent = TRUE;
  self->o.undefine_source = TRUE;
  self->o.auto_converge_initial = -1;
  self->o.auto_converge_increment = -1;
}

FerryMigrationOptions *
ferry_migration_options_new (void)
{
  return g_object_new (FERRY_TYPE_MIGRATION_OPTIONS, NULL);
}

/* ------------------------------------------------------------------------ */
/* Accessors                                                                 */
/* ------------------------------------------------------------------------ */

#define GETTER(type, name, fallback)                                          \
  type                                                                        \
  ferry_migration_options_get_##name (FerryMigrationOptions *self)            \
  {                                                                           \
    g_return_val_if_fail (FERRY_IS_MIGRATION_OPTIONS (self), fallback);       \
    return self->o.name;                                                      \
  }

GETTER (FerryMigrationMode, mode, FERRY_MIGRATION_MODE_LIVE)
GETTER (FerryMigrationConnectivity, connectivity, FERRY_MIGRATION_CONNECTIVITY_MANAGED_DIRECT)
GETTER (const char *, destination_uri, NULL)
GETTER (const char *, migrate_uri, NULL)
GETTER (const char *, listen_address, NULL)
GETTER (gboolean, tls, FALSE)
GETTER (gboolean, persistent, FALSE)
GETTER (gboolean, undefine_source, FALSE)
GETTER (gboolean, suspend, FALSE)
GETTER (FerryMigrationCopyStorage, copy_storage, FERRY_MIGRATION_COPY_STORAGE_NONE)
GETTER (guint, nbd_port, 0)
GETTER (const char *, nbd_uri, NULL)
GETTER (gboolean, unsafe, FALSE)
GETTER (gboolean, auto_converge, FALSE)
GETTER (int, auto_converge_initial, -1)
GETTER (int, auto_converge_increment, -1)
GETTER (gboolean, compressed, FALSE)
GETTER (gboolean, parallel, FALSE)
GETTER (guint, parallel_connections, 0)
GETTER (gboolean, postcopy, FALSE)
GETTER (FerryMigrationPostcopyAfter, postcopy_after, FERRY_MIGRATION_POSTCOPY_AFTER_MANUAL)
GETTER (guint, postcopy_after_seconds, 0)
GETTER (gboolean, zerocopy, FALSE)
GETTER (guint64, bandwidth, 0)
GETTER (guint64, postcopy_bandwidth, 0)
GETTER (guint64, max_downtime, 0)
GETTER (guint, timeout, 0)
GETTER (FerryMigrationTimeoutAction, timeout_action, FERRY_MIGRATION_TIMEOUT_ACTION_SUSPEND)
GETTER (const char *, destination_name, NULL)
GETTER (const char *, destination_xml, NULL)
GETTER (const char *, persistent_xml, NULL)
GETTER (gboolean, abort_on_error, FALSE)
GETTER (gboolean, change_protection, FALSE)

#undef GETTER

/**
 * ferry_migration_options_get_copy_storage_disks:
 *
 * Returns: (nullable) (transfer none): the disks to copy, or %NULL for all
 */
const char * const *
ferry_migration_options_get_copy_storage_disks (FerryMigrationOptions *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_OPTIONS (self), NULL);
  return (const char * const *)self->o.copy_storage_disks;
}

/**
 * ferry_migration_options_get_compression_methods:
 *
 * Returns: (nullable) (transfer none): the methods, or %NULL for libvirt's default
 */
const char * const *
ferry_migration_options_get_compression_methods (FerryMigrationOptions *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_OPTIONS (self), NULL);
  return (const char * const *)self->o.compression_methods;
}

/* Each setter stores the value and notifies only when it changed. */
#define SETTER(kind, type, name, prop_id)                                     \
  void                                                                        \
  ferry_migration_options_set_##name (FerryMigrationOptions *self,            \
                                      type                   value)           \
  {                                                                           \
    g_return_if_fail (FERRY_IS_MIGRATION_OPTIONS (self));                     \
    set_##kind (self, &self->o.name, value, prop_id);                         \
  }

SETTER (string, const char *, destination_uri, PROP_DESTINATION_URI)
SETTER (string, const char *, migrate_uri, PROP_MIGRATE_URI)
SETTER (string, const char *, listen_address, PROP_LISTEN_ADDRESS)
SETTER (string, const char *, nbd_uri, PROP_NBD_URI)
SETTER (string, const char *, destination_name, PROP_DESTINATION_NAME)
SETTER (string, const char *, destination_xml, PROP_DESTINATION_XML)
SETTER (string, const char *, persistent_xml, PROP_PERSISTENT_XML)
SETTER (strv, const char * const *, copy_storage_disks, PROP_COPY_STORAGE_DISKS)
SETTER (strv, const char * const *, compression_methods, PROP_COMPRESSION_METHODS)
SETTER (boolean, gboolean, tls, PROP_TLS)
SETTER (boolean, gboolean, persistent, PROP_PERSISTENT)
SETTER (boolean, gboolean, undefine_source, PROP_UNDEFINE_SOURCE)
SETTER (boolean, gboolean, suspend, PROP_SUSPEND)
SETTER (boolean, gboolean, unsafe, PROP_UNSAFE)
SETTER (boolean, gboolean, auto_converge, PROP_AUTO_CONVERGE)
SETTER (boolean, gboolean, compressed, PROP_COMPRESSED)
SETTER (boolean, gboolean, parallel, PROP_PARALLEL)
SETTER (boolean, gboolean, postcopy, PROP_POSTCOPY)
SETTER (boolean, gboolean, zerocopy, PROP_ZEROCOPY)
SETTER (boolean, gboolean, abort_on_error, PROP_ABORT_ON_ERROR)
SETTER (boolean, gboolean, change_protection, PROP_CHANGE_PROTECTION)
SETTER (uint, guint, nbd_port, PROP_NBD_PORT)
SETTER (uint, guint, parallel_connections, PROP_PARALLEL_CONNECTIONS)
SETTER (uint, guint, postcopy_after_seconds, PROP_POSTCOPY_AFTER_SECONDS)
SETTER (uint, guint, timeout, PROP_TIMEOUT)
SETTER (int, int, auto_converge_initial, PROP_AUTO_CONVERGE_INITIAL)
SETTER (int, int, auto_converge_increment, PROP_AUTO_CONVERGE_INCREMENT)
SETTER (uint64, guint64, bandwidth, PROP_BANDWIDTH)
SETTER (uint64, guint64, postcopy_bandwidth, PROP_POSTCOPY_BANDWIDTH)
SETTER (uint64, guint64, max_downtime, PROP_MAX_DOWNTIME)

#undef SETTER

/* Enum fields have their own types, so each gets its own setter; a value the
 * enum does not have is a programming error. */
#define ENUM_SETTER(type, name, prop_id)                                      \
  void                                                                        \
  ferry_migration_options_set_##name (FerryMigrationOptions *self,            \
                                      type                   value)           \
  {                                                                           \
    GEnumClass *enum_class;                                                   \
                                                                              \
    g_return_if_fail (FERRY_IS_MIGRATION_OPTIONS (self));                     \
    enum_class = G_PARAM_SPEC_ENUM (properties[prop_id])->enum_class;         \
    g_return_if_fail (g_enum_get_value (enum_class, (int)value) != NULL);     \
                                                                              \
    if (self->o.name == value)                                                \
      return;                                                                 \
    self->o.name = value;                                                     \
    notify (self, prop_id);                                                   \
  }

ENUM_SETTER (FerryMigrationMode, mode, PROP_MODE)
ENUM_SETTER (FerryMigrationConnectivity, connectivity, PROP_CONNECTIVITY)
ENUM_SETTER (FerryMigrationCopyStorage, copy_storage, PROP_COPY_STORAGE)
ENUM_SETTER (FerryMigrationPostcopyAfter, postcopy_after, PROP_POSTCOPY_AFTER)
ENUM_SETTER (FerryMigrationTimeoutAction, timeout_action, PROP_TIMEOUT_ACTION)

#undef ENUM_SETTER
