/* ferry-pool-config.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * FerryPoolField:
 * @FERRY_POOL_FIELD_NAME: the pool's name
 * @FERRY_POOL_FIELD_SOURCE_HOST: the server (`<source><host name>`)
 * @FERRY_POOL_FIELD_SOURCE_DIR: the export path, Gluster volume or CIFS share
 *   (`<source><dir path>`)
 * @FERRY_POOL_FIELD_FORMAT: auto, nfs, glusterfs or cifs (`<source><format type>`)
 * @FERRY_POOL_FIELD_PROTOCOL_VERSION: the NFS version (`<source><protocol ver>`)
 * @FERRY_POOL_FIELD_MOUNT_OPTIONS: extra mount options (`<fs:mount_opts>`)
 * @FERRY_POOL_FIELD_TARGET_PATH: where the host mounts it (`<target><path>`)
 * @FERRY_POOL_FIELD_MODE: the target directory's mode, octal
 * @FERRY_POOL_FIELD_OWNER: the target directory's owner, a user id
 * @FERRY_POOL_FIELD_GROUP: the target directory's group, a group id
 *
 * What the editor shows one input for; validation reports per field.
 */
typedef enum
{
  FERRY_POOL_FIELD_NAME,
  FERRY_POOL_FIELD_SOURCE_HOST,
  FERRY_POOL_FIELD_SOURCE_DIR,
  FERRY_POOL_FIELD_FORMAT,
  FERRY_POOL_FIELD_PROTOCOL_VERSION,
  FERRY_POOL_FIELD_MOUNT_OPTIONS,
  FERRY_POOL_FIELD_TARGET_PATH,
  FERRY_POOL_FIELD_MODE,
  FERRY_POOL_FIELD_OWNER,
  FERRY_POOL_FIELD_GROUP,
  FERRY_POOL_N_FIELDS,
} FerryPoolField;

#define FERRY_TYPE_POOL_CONFIG (ferry_pool_config_get_type ())

G_DECLARE_FINAL_TYPE (FerryPoolConfig, ferry_pool_config, FERRY, POOL_CONFIG, GObject)

FerryPoolConfig *ferry_pool_config_new              (void);
FerryPoolConfig *ferry_pool_config_new_from_xml     (const char       *xml,
                                                     GError          **error);
char            *ferry_pool_config_to_xml           (FerryPoolConfig  *self);

const char      *ferry_pool_config_get_uuid         (FerryPoolConfig  *self);
const char      *ferry_pool_config_get_pool_type    (FerryPoolConfig  *self);
const char      *ferry_pool_config_get_field        (FerryPoolConfig  *self,
                                                     FerryPoolField    field);
void             ferry_pool_config_set_field        (FerryPoolConfig  *self,
                                                     FerryPoolField    field,
                                                     const char       *value);
const char      *ferry_pool_field_get_property_name (FerryPoolField    field);

/* Validation (ferry-pool-config-validate.c). @pools is the host's pool list
 * (a #GListModel of #FerryPool) for the duplicate checks, or NULL. */
char            *ferry_pool_config_check_field      (FerryPoolConfig  *self,
                                                     FerryPoolField    field,
                                                     GListModel       *pools);
gboolean         ferry_pool_config_validate         (FerryPoolConfig  *self,
                                                     GListModel       *pools,
                                                     GError          **error);
char            *ferry_pool_check_volume_name       (const char       *name);
char            *ferry_pool_check_volume_size       (guint64           capacity,
                                                     guint64           allocation);

G_END_DECLS
