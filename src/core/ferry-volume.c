/* ferry-volume.c — one storage volume as listed: a snapshot, not kept
 * current (the volumes window lists again after each change).
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-volume.h"

struct _FerryVolume
{
  GObject  parent_instance;

  char    *name;
  char    *path;
  char    *format;
  guint64  capacity;
  guint64  allocation;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_PATH,
  PROP_FORMAT,
  PROP_CAPACITY,
  PROP_ALLOCATION,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryVolume, ferry_volume, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
ferry_volume_finalize (GObject *object)
{
  FerryVolume *self = (FerryVolume *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->format, g_free);

  G_OBJECT_CLASS (ferry_volume_parent_class)->finalize (object);
}

static void
ferry_volume_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FerryVolume *self = FERRY_VOLUME (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_FORMAT:
      g_value_set_string (value, self->format);
      break;
    case PROP_CAPACITY:
      g_value_set_uint64 (value, self->capacity);
      break;
    case PROP_ALLOCATION:
      g_value_set_uint64 (value, self->allocation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_volume_class_init (FerryVolumeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ferry_volume_finalize;
  object_class->get_property = ferry_volume_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, ro);
  /* The image format (qcow2, raw …) from the volume's <target><format>. */
  properties[PROP_FORMAT] = g_param_spec_string ("format", NULL, NULL, NULL, ro);
  /* Bytes: the size the guest sees, and what the host has written. */
  properties[PROP_CAPACITY] = g_param_spec_uint64 ("capacity", NULL, NULL,
                                                   0, G_MAXUINT64, 0, ro);
  properties[PROP_ALLOCATION] = g_param_spec_uint64 ("allocation", NULL, NULL,
                                                     0, G_MAXUINT64, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_volume_init (FerryVolume *self)
{
}

FerryVolume *
_ferry_volume_new (const char *name,
                   const char *path,
                   const char *format,
                   guint64     capacity,
                   guint64     allocation)
{
  FerryVolume *self = g_object_new (FERRY_TYPE_VOLUME, NULL);

  self->name = g_strdup (name);
  self->path = g_strdup (path);
  self->format = g_strdup (format);
  self->capacity = capacity;
  self->allocation = allocation;
  return self;
}

const char *
ferry_volume_get_name (FerryVolume *self)
{
  g_return_val_if_fail (FERRY_IS_VOLUME (self), NULL);
  return self->name;
}

/**
 * ferry_volume_get_path:
 *
 * Returns: (nullable): the volume's file on the host, as a disk's source
 */
const char *
ferry_volume_get_path (FerryVolume *self)
{
  g_return_val_if_fail (FERRY_IS_VOLUME (self), NULL);
  return self->path;
}

/**
 * ferry_volume_get_format:
 *
 * Returns: (nullable): "qcow2", "raw" …; NULL when libvirt does not say
 */
const char *
ferry_volume_get_format (FerryVolume *self)
{
  g_return_val_if_fail (FERRY_IS_VOLUME (self), NULL);
  return self->format;
}

guint64
ferry_volume_get_capacity (FerryVolume *self)
{
  g_return_val_if_fail (FERRY_IS_VOLUME (self), 0);
  return self->capacity;
}

guint64
ferry_volume_get_allocation (FerryVolume *self)
{
  g_return_val_if_fail (FERRY_IS_VOLUME (self), 0);
  return self->allocation;
}
