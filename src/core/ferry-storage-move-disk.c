/* ferry-storage-move-disk.c — one disk of a storage move: where it comes from, where it
 * goes, how far the copy is. Changed only on the main thread by FerryStorageMove.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-storage-move-disk.h"

struct _FerryStorageMoveDisk
{
  GObject   parent_instance;

  char     *target;
  char     *source;
  char     *destination;
  double    fraction;
  gboolean  moved;
};

enum {
  PROP_0,
  PROP_TARGET,
  PROP_SOURCE,
  PROP_DESTINATION,
  PROP_FRACTION,
  PROP_MOVED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryStorageMoveDisk, ferry_storage_move_disk, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
ferry_storage_move_disk_finalize (GObject *object)
{
  FerryStorageMoveDisk *self = FERRY_STORAGE_MOVE_DISK (object);

  g_free (self->target);
  g_free (self->source);
  g_free (self->destination);

  G_OBJECT_CLASS (ferry_storage_move_disk_parent_class)->finalize (object);
}

static void
ferry_storage_move_disk_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  FerryStorageMoveDisk *self = FERRY_STORAGE_MOVE_DISK (object);

  switch (prop_id)
    {
    case PROP_TARGET:
      g_value_set_string (value, self->target);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_DESTINATION:
      g_value_set_string (value, self->destination);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_MOVED:
      g_value_set_boolean (value, self->moved);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_storage_move_disk_class_init (FerryStorageMoveDiskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ferry_storage_move_disk_finalize;
  object_class->get_property = ferry_storage_move_disk_get_property;

  properties[PROP_TARGET] =
    g_param_spec_string ("target", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESTINATION] =
    g_param_spec_string ("destination", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MOVED] =
    g_param_spec_boolean ("moved", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_storage_move_disk_init (FerryStorageMoveDisk *self)
{
}

FerryStorageMoveDisk *
_ferry_storage_move_disk_new (const char *target)
{
  FerryStorageMoveDisk *self = g_object_new (FERRY_TYPE_STORAGE_MOVE_DISK, NULL);

  self->target = g_strdup (target);
  return self;
}

static void
set_string (FerryStorageMoveDisk  *self,
            char                 **field,
            const char            *value,
            guint                  prop)
{
  if (value == NULL || g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* NULL strings leave the value as it was: the worker does not know everything at once. */
void
_ferry_storage_move_disk_update (FerryStorageMoveDisk *self,
                                 const char           *source,
                                 const char           *destination,
                                 double                fraction,
                                 gboolean              moved)
{
  g_return_if_fail (FERRY_IS_STORAGE_MOVE_DISK (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->source, source, PROP_SOURCE);
  set_string (self, &self->destination, destination, PROP_DESTINATION);
  fraction = CLAMP (fraction, 0.0, 1.0);
  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (self->moved != !!moved)
    {
      self->moved = !!moved;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MOVED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
ferry_storage_move_disk_get_target (FerryStorageMoveDisk *self)
{
  g_return_val_if_fail (FERRY_IS_STORAGE_MOVE_DISK (self), NULL);
  return self->target;
}

const char *
ferry_storage_move_disk_get_source (FerryStorageMoveDisk *self)
{
  g_return_val_if_fail (FERRY_IS_STORAGE_MOVE_DISK (self), NULL);
  return self->source;
}

const char *
ferry_storage_move_disk_get_destination (FerryStorageMoveDisk *self)
{
  g_return_val_if_fail (FERRY_IS_STORAGE_MOVE_DISK (self), NULL);
  return self->destination;
}

double
ferry_storage_move_disk_get_fraction (FerryStorageMoveDisk *self)
{
  g_return_val_if_fail (FERRY_IS_STORAGE_MOVE_DISK (self), 0.0);
  return self->fraction;
}

gboolean
ferry_storage_move_disk_get_moved (FerryStorageMoveDisk *self)
{
  g_return_val_if_fail (FERRY_IS_STORAGE_MOVE_DISK (self), FALSE);
  return self->moved;
}
