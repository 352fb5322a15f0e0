/* ferry-pool.c — a libvirt storage pool as seen by Ferry: properties only.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ferry-enums.h"
#include "ferry-pool.h"

struct _FerryPool
{
  GObject         parent_instance;

  char           *name;
  char           *uuid;
  char           *type;
  char           *target_path;
  char           *source_host;
  char           *source_dir;
  FerryPoolState  state;
  guint64         capacity;
  guint64         allocation;
  guint64         available;
  guint           active : 1;
  guint           persistent : 1;
  guint           autostart : 1;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_UUID,
  PROP_TYPE,
  PROP_STATE,
  PROP_STATE_LABEL,
  PROP_ACTIVE,
  PROP_PERSISTENT,
  PROP_AUTOSTART,
  PROP_CAPACITY,
  PROP_ALLOCATION,
  PROP_AVAILABLE,
  PROP_TARGET_PATH,
  PROP_SOURCE_HOST,
  PROP_SOURCE_DIR,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryPool, ferry_pool, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

void
_ferry_pool_info_free (FerryPoolInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->uuid);
  g_free (info->type);
  g_free (info->target_path);
  g_free (info->source_host);
  g_free (info->source_dir);
  g_free (info);
}

static void
ferry_pool_finalize (GObject *object)
{
  FerryPool *self = (FerryPool *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->type, g_free);
  g_clear_pointer (&self->target_path, g_free);
  g_clear_pointer (&self->source_host, g_free);
  g_clear_pointer (&self->source_dir, g_free);

  G_OBJECT_CLASS (ferry_pool_parent_class)->finalize (object);
}

static void
ferry_pool_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  FerryPool *self = FERRY_POOL (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_TYPE:
      g_value_set_string (value, self->type);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_STATE_LABEL:
      g_value_set_string (value, ferry_pool_state_to_string (self->state));
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_PERSISTENT:
      g_value_set_boolean (value, self->persistent);
      break;
    case PROP_AUTOSTART:
      g_value_set_boolean (value, self->autostart);
      break;
    case PROP_CAPACITY:
      g_value_set_uint64 (value, self->capacity);
      break;
    case PROP_ALLOCATION:
      g_value_set_uint64 (value, self->allocation);
      break;
    case PROP_AVAILABLE:
      g_value_set_uint64 (value, self->available);
      break;
    case PROP_TARGET_PATH:
      g_value_set_string (value, self->target_path);
      break;
    case PROP_SOURCE_HOST:
      g_value_set_string (value, self->source_host);
      break;
    case PROP_SOURCE_DIR:
      g_value_set_string (value, self->source_dir);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_pool_class_init (FerryPoolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ferry_pool_finalize;
  object_class->get_property = ferry_pool_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, ro);
  /* libvirt's own word for the backend: dir, netfs, fs, logical, iscsi … */
  properties[PROP_TYPE] = g_param_spec_string ("type", NULL, NULL, NULL, ro);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL,
                                              FERRY_TYPE_POOL_STATE,
                                              FERRY_POOL_STATE_INACTIVE, ro);
  properties[PROP_STATE_LABEL] = g_param_spec_string ("state-label", NULL, NULL, NULL, ro);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, ro);
  properties[PROP_PERSISTENT] = g_param_spec_boolean ("persistent", NULL, NULL, FALSE, ro);
  properties[PROP_AUTOSTART] = g_param_spec_boolean ("autostart", NULL, NULL, FALSE, ro);
  /* Bytes. libvirt reports 0 for all three while the pool is inactive. */
  properties[PROP_CAPACITY] = g_param_spec_uint64 ("capacity", NULL, NULL,
                                                   0, G_MAXUINT64, 0, ro);
  properties[PROP_ALLOCATION] = g_param_spec_uint64 ("allocation", NULL, NULL,
                                                     0, G_MAXUINT64, 0, ro);
  properties[PROP_AVAILABLE] = g_param_spec_uint64 ("available", NULL, NULL,
                                                    0, G_MAXUINT64, 0, ro);
  properties[PROP_TARGET_PATH] = g_param_spec_string ("target-path", NULL, NULL, NULL, ro);
  /* Where a network pool's data lives: the server and its export (or Gluster
   * volume, CIFS share). Both NULL for local pools. */
  properties[PROP_SOURCE_HOST] = g_param_spec_string ("source-host", NULL, NULL, NULL, ro);
  properties[PROP_SOURCE_DIR] = g_param_spec_string ("source-dir", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_pool_init (FerryPool *self)
{
}

static FerryPoolState
state_from_info (int state)
{
  /* A newer libvirt may add states; show those as inaccessible rather than
   * storing a value the enum does not have. */
  if (state < FERRY_POOL_STATE_INACTIVE || state > FERRY_POOL_STATE_INACCESSIBLE)
    return FERRY_POOL_STATE_INACCESSIBLE;
  return (FerryPoolState)state;
}

FerryPool *
_ferry_pool_new (const FerryPoolInfo *info)
{
  FerryPool *self = g_object_new (FERRY_TYPE_POOL, NULL);

  self->name = g_strdup (info->name);
  self->uuid = g_strdup (info->uuid);
  self->type = g_strdup (info->type);
  self->target_path = g_strdup (info->target_path);
  self->source_host = g_strdup (info->source_host);
  self->source_dir = g_strdup (info->source_dir);
  self->state = state_from_info (info->state);
  self->capacity = info->capacity;
  self->allocation = info->allocation;
  self->available = info->available;
  self->active = !!info->active;
  self->persistent = !!info->persistent;
  self->autostart = !!info->autostart;

  return self;
}

static void
update_string (FerryPool   *self,
               char       **field,
               const char  *value,
               guint        prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

#define UPDATE_FIELD(field, value, prop)                                   \
  G_STMT_START {                                                          \
    if (self->field != (value))                                           \
      {                                                                   \
        self->field = (value);                                            \
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);      \
      }                                                                   \
  } G_STMT_END

/* Runs on the main thread only: property notifications drive the UI. */
void
_ferry_pool_update (FerryPool           *self,
                    const FerryPoolInfo *info)
{
  FerryPoolState state;

  g_return_if_fail (FERRY_IS_POOL (self));

  g_object_freeze_notify (G_OBJECT (self));

  update_string (self, &self->name, info->name, PROP_NAME);
  update_string (self, &self->type, info->type, PROP_TYPE);
  update_string (self, &self->target_path, info->target_path, PROP_TARGET_PATH);
  update_string (self, &self->source_host, info->source_host, PROP_SOURCE_HOST);
  update_string (self, &self->source_dir, info->source_dir, PROP_SOURCE_DIR);
  state = state_from_info (info->state);
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_LABEL]);
    }
  UPDATE_FIELD (active, (guint)!!info->active, PROP_ACTIVE);
  UPDATE_FIELD (persistent, (guint)!!info->persistent, PROP_PERSISTENT);
  UPDATE_FIELD (autostart, (guint)!!info->autostart, PROP_AUTOSTART);
  UPDATE_FIELD (capacity, info->capacity, PROP_CAPACITY);
  UPDATE_FIELD (allocation, info->allocation, PROP_ALLOCATION);
  UPDATE_FIELD (available, info->available, PROP_AVAILABLE);

  g_object_thaw_notify (G_OBJECT (self));
}

const char *
ferry_pool_get_name (FerryPool *self)
{
  g_return_val_if_fail (FERRY_IS_POOL (self), NULL);
  return self->name;
}

const char *
ferry_pool_get_uuid (FerryPool *self)
{
  g_return_val_if_fail (FERRY_IS_POOL (self), NULL);
  return self->uuid;
}

/**
 * ferry_pool_get_pool_type:
 *
 * The #FerryPool:type property (ferry_pool_get_type() is the GType).
 *
 * Returns: (nullable): libvirt's pool type: "dir", "netfs", "logical" …
 */
const char *
ferry_pool_get_pool_type (FerryPool *self)
{
  g_return_val_if_fail (FERRY_IS_POOL (self), NULL);
  return self->type;
}

FerryPoolState
ferry_pool_get_state (FerryPool *self)
{
  g_return_val_if_fail (FERRY_IS_POOL (self), FERRY_POOL_STATE_INACTIVE);
  return self->state;
}

gboolean
ferry_pool_get_active (FerryPool *self)
{
  g_return_val_if_fail (FERRY_IS_POOL (self), FALSE);
  return self->active;
}

gboolean
ferry_pool_get_persistent (FerryPool *self)
{
  g_return_val_if_fail (FERRY_IS_POOL (self), FALSE);
  return self->persistent;
}

gboolean
ferry_pool_get_autostart (FerryPool *self)
{
  g_return_val_if_fail (FERRY_IS_POOL (self), FALSE);
  return self->autostart;
}

guint64
ferry_pool_get_capacity (FerryPool *self)
{
  g_return_val_if_fail (FERRY_IS_POOL (self), 0);
  return self->capacity;
}

guint64
ferry_pool_get_allocation (FerryPool *self)
{
  g_return_val_if_fail (FERRY_IS_POOL (self), 0);
  return self->allocation;
}

guint64
ferry_pool_get_available (FerryPool *self)
{
  g_return_val_if_fail (FERRY_IS_POOL (self), 0);
  return self->available;
}

/**
 * ferry_pool_get_target_path:
 *
 * Returns: (nullable): where the pool lives on the host (its <target><path>)
 */
const char *
ferry_pool_get_target_path (FerryPool *self)
{
  g_return_val_if_fail (FERRY_IS_POOL (self), NULL);
  return self->target_path;
}

/**
 * ferry_pool_get_source_host:
 *
 * Returns: (nullable): the server of a network pool (its <source><host name>)
 */
const char *
ferry_pool_get_source_host (FerryPool *self)
{
  g_return_val_if_fail (FERRY_IS_POOL (self), NULL);
  return self->source_host;
}

/**
 * ferry_pool_get_source_dir:
 *
 * Returns: (nullable): the export, Gluster volume or share of a network pool
 *   (its <source><dir path>)
 */
const char *
ferry_pool_get_source_dir (FerryPool *self)
{
  g_return_val_if_fail (FERRY_IS_POOL (self), NULL);
  return self->source_dir;
}

/**
 * ferry_pool_state_to_string:
 *
 * Returns: a short, translated label for @state, as shown in the pool list.
 */
const char *
ferry_pool_state_to_string (FerryPoolState state)
{
  switch (state)
    {
    case FERRY_POOL_STATE_RUNNING:
      return _("Active");
    case FERRY_POOL_STATE_BUILDING:
      return _("Building");
    case FERRY_POOL_STATE_DEGRADED:
      return _("Degraded");
    case FERRY_POOL_STATE_INACCESSIBLE:
      return _("Inaccessible");
    case FERRY_POOL_STATE_INACTIVE:
    default:
      return _("Inactive");
    }
}

/**
 * ferry_pool_type_to_string:
 * @type: (nullable): a #FerryPool:type
 *
 * Returns: a short, translated name for the backend, as shown in the pool
 *   list; a type Ferry does not know is shown as libvirt spells it.
 */
const char *
ferry_pool_type_to_string (const char *type)
{
  static const struct {
    const char *type;
    const char *label;
  } labels[] = {
    { "dir", N_("Directory") },
    { "fs", N_("Filesystem") },
    { "netfs", N_("Network filesystem") },
    { "logical", N_("LVM volume group") },
    { "disk", N_("Disk") },
    { "iscsi", N_("iSCSI") },
    { "iscsi-direct", N_("iSCSI (direct)") },
    { "scsi", N_("SCSI") },
    { "mpath", N_("Multipath") },
    { "rbd", N_("Ceph RBD") },
    { "gluster", N_("Gluster") },
    { "zfs", N_("ZFS") },
    { "vstorage", N_("Virtuozzo") },
  };

  if (type == NULL)
    return _("Unknown");
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (type, labels[i].type))
      return _(labels[i].label);
  return type;
}
