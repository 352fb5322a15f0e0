/* ferry-disk-info.c — one disk of a VM, read from a <disk> element. Immutable: a new
 * reading of the domain XML makes new objects.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ferry-domain-disks-private.h"
#include "ferry-enums.h"

struct _FerryDiskInfo
{
  GObject              parent_instance;

  char                *target;
  char                *bus;
  FerryDiskDevice      device;
  FerryDiskSourceType  source_type;
  char                *source_path;   /* file, block device or directory */
  char                *protocol;      /* network disks: rbd, iscsi, nbd, gluster… */
  char                *source_name;   /* network disks: image, IQN/LUN, export */
  char                *pool;          /* volume disks */
  char                *volume;
  char                *format;
  char                *discard;
  FerryDiskCache       cache;
  FerryDiskIo          io;
  guint                readonly : 1;
  guint                shareable : 1;
  guint                empty : 1;
};

enum {
  PROP_0,
  PROP_TARGET,
  PROP_BUS,
  PROP_DEVICE,
  PROP_SOURCE_TYPE,
  PROP_SOURCE_LABEL,
  PROP_FORMAT,
  PROP_CACHE,
  PROP_IO,
  PROP_DISCARD,
  PROP_READONLY,
  PROP_SHAREABLE,
  PROP_EMPTY,
  PROP_WRITABLE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryDiskInfo, ferry_disk_info, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static const char * const device_names[] = {
  [FERRY_DISK_DEVICE_DISK] = "disk",
  [FERRY_DISK_DEVICE_CDROM] = "cdrom",
  [FERRY_DISK_DEVICE_FLOPPY] = "floppy",
  [FERRY_DISK_DEVICE_LUN] = "lun",
};

static const char * const source_type_names[] = {
  [FERRY_DISK_SOURCE_FILE] = "file",
  [FERRY_DISK_SOURCE_BLOCK] = "block",
  [FERRY_DISK_SOURCE_NETWORK] = "network",
  [FERRY_DISK_SOURCE_VOLUME] = "volume",
};

const char *
ferry_disk_device_to_string (FerryDiskDevice device)
{
  g_return_val_if_fail (device < G_N_ELEMENTS (device_names), NULL);
  return device_names[device];
}

static guint
name_index (const char         *name,
            const char * const *names,
            guint               n_names,
            guint               fallback)
{
  for (guint i = 0; name != NULL && i < n_names; i++)
    if (g_str_equal (name, names[i]))
      return i;
  return fallback;
}

FerryDiskInfo *
_ferry_disk_info_new_from_node (xmlNodePtr disk)
{
  FerryDiskInfo *self = g_object_new (FERRY_TYPE_DISK_INFO, NULL);
  g_autofree char *type = _ferry_xml_prop (disk, "type");
  g_autofree char *device = _ferry_xml_prop (disk, "device");
  g_autofree char *cache = NULL;
  g_autofree char *io = NULL;
  xmlNodePtr target = _ferry_xml_child (disk, "target");
  xmlNodePtr source = _ferry_xml_child (disk, "source");
  xmlNodePtr driver = _ferry_xml_child (disk, "driver");

  /* libvirt's defaults: type='file', device='disk'. */
  self->source_type = name_index (type ? type : "file", source_type_names,
                                  G_N_ELEMENTS (source_type_names), FERRY_DISK_SOURCE_OTHER);
  self->device = name_index (device, device_names, G_N_ELEMENTS (device_names),
                             FERRY_DISK_DEVICE_DISK);
  if (target != NULL)
    {
      self->target = _ferry_xml_prop (target, "dev");
      self->bus = _ferry_xml_prop (target, "bus");
    }
  if (source != NULL)
    {
      self->source_path = _ferry_xml_prop (source, "file");
      if (self->source_path == NULL)
        self->source_path = _ferry_xml_prop (source, "dev");
      if (self->source_path == NULL)
        self->source_path = _ferry_xml_prop (source, "dir");
      self->protocol = _ferry_xml_prop (source, "protocol");
      self->source_name = _ferry_xml_prop (source, "name");
      self->pool = _ferry_xml_prop (source, "pool");
      self->volume = _ferry_xml_prop (source, "volume");
    }
  if (driver != NULL)
    {
      self->format = _ferry_xml_prop (driver, "type");
      self->discard = _ferry_xml_prop (driver, "discard");
      cache = _ferry_xml_prop (driver, "cache");
      io = _ferry_xml_prop (driver, "io");
    }
  /* A value this Ferry does not know reads as the default rather than failing the
   * whole VM; the editor then shows what libvirt will use. */
  if (!ferry_disk_cache_from_string (cache, &self->cache))
    self->cache = FERRY_DISK_CACHE_DEFAULT;
  if (!ferry_disk_io_from_string (io, &self->io))
    self->io = FERRY_DISK_IO_DEFAULT;

  /* libvirt always treats a CD-ROM as read-only. */
  self->readonly = _ferry_xml_child (disk, "readonly") != NULL ||
                   self->device == FERRY_DISK_DEVICE_CDROM;
  self->shareable = _ferry_xml_child (disk, "shareable") != NULL;
  /* An empty drive (no medium) has no source, or one without a location; a network
   * source is located by its protocol and hosts even without a name (nbd). */
  self->empty = source == NULL ||
                (self->source_type != FERRY_DISK_SOURCE_NETWORK && self->source_path == NULL &&
                 self->volume == NULL);
  return self;
}

static void
ferry_disk_info_finalize (GObject *object)
{
  FerryDiskInfo *self = (FerryDiskInfo *)object;

  g_free (self->target);
  g_free (self->bus);
  g_free (self->source_path);
  g_free (self->protocol);
  g_free (self->source_name);
  g_free (self->pool);
  g_free (self->volume);
  g_free (self->format);
  g_free (self->discard);

  G_OBJECT_CLASS (ferry_disk_info_parent_class)->finalize (object);
}

static void
ferry_disk_info_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FerryDiskInfo *self = FERRY_DISK_INFO (object);

  switch (prop_id)
    {
    case PROP_TARGET: g_value_set_string (value, self->target); break;
    case PROP_BUS: g_value_set_string (value, self->bus); break;
    case PROP_DEVICE: g_value_set_enum (value, self->device); break;
    case PROP_SOURCE_TYPE: g_value_set_enum (value, self->source_type); break;
    case PROP_SOURCE_LABEL: g_value_take_string (value, ferry_disk_info_dup_source_label (self)); break;
    case PROP_FORMAT: g_value_set_string (value, self->format); break;
    case PROP_CACHE: g_value_set_enum (value, self->cache); break;
    case PROP_IO: g_value_set_enum (value, self->io); break;
    case PROP_DISCARD: g_value_set_string (value, self->discard); break;
    case PROP_READONLY: g_value_set_boolean (value, self->readonly); break;
    case PROP_SHAREABLE: g_value_set_boolean (value, self->shareable); break;
    case PROP_EMPTY: g_value_set_boolean (value, self->empty); break;
    case PROP_WRITABLE: g_value_set_boolean (value, ferry_disk_info_get_writable (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_disk_info_class_init (FerryDiskInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ferry_disk_info_finalize;
  object_class->get_property = ferry_disk_info_get_property;

  properties[PROP_TARGET] = g_param_spec_string ("target", NULL, NULL, NULL, flags);
  properties[PROP_BUS] = g_param_spec_string ("bus", NULL, NULL, NULL, flags);
  properties[PROP_DEVICE] = g_param_spec_enum ("device", NULL, NULL, FERRY_TYPE_DISK_DEVICE,
                                               FERRY_DISK_DEVICE_DISK, flags);
  properties[PROP_SOURCE_TYPE] = g_param_spec_enum ("source-type", NULL, NULL,
                                                    FERRY_TYPE_DISK_SOURCE_TYPE,
                                                    FERRY_DISK_SOURCE_FILE, flags);
  properties[PROP_SOURCE_LABEL] = g_param_spec_string ("source-label", NULL, NULL, NULL, flags);
  properties[PROP_FORMAT] = g_param_spec_string ("format", NULL, NULL, NULL, flags);
  properties[PROP_CACHE] = g_param_spec_enum ("cache", NULL, NULL, FERRY_TYPE_DISK_CACHE,
                                              FERRY_DISK_CACHE_DEFAULT, flags);
  properties[PROP_IO] = g_param_spec_enum ("io", NULL, NULL, FERRY_TYPE_DISK_IO,
                                           FERRY_DISK_IO_DEFAULT, flags);
  properties[PROP_DISCARD] = g_param_spec_string ("discard", NULL, NULL, NULL, flags);
  properties[PROP_READONLY] = g_param_spec_boolean ("readonly", NULL, NULL, FALSE, flags);
  properties[PROP_SHAREABLE] = g_param_spec_boolean ("shareable", NULL, NULL, FALSE, flags);
  properties[PROP_EMPTY] = g_param_spec_boolean ("empty", NULL, NULL, FALSE, flags);
  properties[PROP_WRITABLE] = g_param_spec_boolean ("writable", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_disk_info_init (FerryDiskInfo *self)
{
}

const char *
ferry_disk_info_get_target (FerryDiskInfo *self)
{
  g_return_val_if_fail (FERRY_IS_DISK_INFO (self), NULL);
  return self->target;
}

const char *
ferry_disk_info_get_bus (FerryDiskInfo *self)
{
  g_return_val_if_fail (FERRY_IS_DISK_INFO (self), NULL);
  return self->bus;
}

FerryDiskDevice
ferry_disk_info_get_device (FerryDiskInfo *self)
{
  g_return_val_if_fail (FERRY_IS_DISK_INFO (self), FERRY_DISK_DEVICE_DISK);
  return self->device;
}

FerryDiskSourceType
ferry_disk_info_get_source_type (FerryDiskInfo *self)
{
  g_return_val_if_fail (FERRY_IS_DISK_INFO (self), FERRY_DISK_SOURCE_OTHER);
  return self->source_type;
}

const char *
ferry_disk_info_get_source_path (FerryDiskInfo *self)
{
  g_return_val_if_fail (FERRY_IS_DISK_INFO (self), NULL);
  return self->source_path;
}

const char *
ferry_disk_info_get_protocol (FerryDiskInfo *self)
{
  g_return_val_if_fail (FERRY_IS_DISK_INFO (self), NULL);
  return self->protocol;
}

const char *
ferry_disk_info_get_source_name (FerryDiskInfo *self)
{
  g_return_val_if_fail (FERRY_IS_DISK_INFO (self), NULL);
  return self->source_name;
}

const char *
ferry_disk_info_get_pool (FerryDiskInfo *self)
{
  g_return_val_if_fail (FERRY_IS_DISK_INFO (self), NULL);
  return self->pool;
}

const char *
ferry_disk_info_get_volume (FerryDiskInfo *self)
{
  g_return_val_if_fail (FERRY_IS_DISK_INFO (self), NULL);
  return self->volume;
}

const char *
ferry_disk_info_get_format (FerryDiskInfo *self)
{
  g_return_val_if_fail (FERRY_IS_DISK_INFO (self), NULL);
  return self->format;
}

FerryDiskCache
ferry_disk_info_get_cache (FerryDiskInfo *self)
{
  g_return_val_if_fail (FERRY_IS_DISK_INFO (self), FERRY_DISK_CACHE_DEFAULT);
  return self->cache;
}

FerryDiskIo
ferry_disk_info_get_io (FerryDiskInfo *self)
{
  g_return_val_if_fail (FERRY_IS_DISK_INFO (self), FERRY_DISK_IO_DEFAULT);
  return self->io;
}

const char *
ferry_disk_info_get_discard (FerryDiskInfo *self)
{
  g_return_val_if_fail (FERRY_IS_DISK_INFO (self), NULL);
  return self->discard;
}

gboolean
ferry_disk_info_get_readonly (FerryDiskInfo *self)
{
  g_return_val_if_fail (FERRY_IS_DISK_INFO (self), FALSE);
  return self->readonly;
}

gboolean
ferry_disk_info_get_shareable (FerryDiskInfo *self)
{
  g_return_val_if_fail (FERRY_IS_DISK_INFO (self), FALSE);
  return self->shareable;
}

gboolean
ferry_disk_info_get_empty (FerryDiskInfo *self)
{
  g_return_val_if_fail (FERRY_IS_DISK_INFO (self), FALSE);
  return self->empty;
}

/* Whether the guest can write to the disk: the disks whose cache mode matters for
 * migration (libvirt skips read-only and empty ones in its safety check). */
gboolean
ferry_disk_info_get_writable (FerryDiskInfo *self)
{
  g_return_val_if_fail (FERRY_IS_DISK_INFO (self), FALSE);
  return !self->readonly && !self->empty;
}

/**
 * ferry_disk_info_dup_source_label:
 *
 * Returns: (transfer full): where the disk's data lives, in one line: a path,
 *   "rbd: pool/image", "volume lab-shared/a.qcow2", or "No medium"
 */
char *
ferry_disk_info_dup_source_label (FerryDiskInfo *self)
{
  g_return_val_if_fail (FERRY_IS_DISK_INFO (self), NULL);

  if (self->empty)
    return g_strdup (_("No medium"));
  if (self->source_type == FERRY_DISK_SOURCE_NETWORK)
    return g_strdup_printf ("%s: %s", self->protocol ? self->protocol : "network",
                            self->source_name ? self->source_name : "");
  if (self->volume != NULL)
    /* Translators: a disk that is a storage volume: "volume POOL/VOLUME" */
    return g_strdup_printf (_("volume %s/%s"), self->pool ? self->pool : "?", self->volume);
  return g_strdup (self->source_path);
}
