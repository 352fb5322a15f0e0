/* ferry-pool-config-private.h — shared by ferry-pool-config*.c
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libvirt-gconfig/libvirt-gconfig.h>

#include "ferry-pool-config.h"

G_BEGIN_DECLS

/* libvirt-gconfig 4.0 declares no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GVirConfigStoragePoolSource, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GVirConfigStoragePoolTarget, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GVirConfigStorageVol, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GVirConfigStorageVolTarget, g_object_unref)

/* The namespace of libvirt's netfs/fs mount options (<fs:mount_opts>). */
#define FERRY_POOL_FS_NS "http://libvirt.org/schemas/storagepool/fs/1.0"

/* ferry-pool-config-xml.c: one field of a pool document, read or written in
 * place. NULL or "" removes what @field is stored in. */
char *_ferry_pool_xml_read       (GVirConfigStoragePool *pool,
                                  FerryPoolField         field);
void  _ferry_pool_xml_write      (GVirConfigStoragePool *pool,
                                  FerryPoolField         field,
                                  const char            *value);
char *_ferry_pool_xml_pool_type  (GVirConfigStoragePool *pool);
void  _ferry_pool_xml_skeleton   (GVirConfigStoragePool *pool);

G_END_DECLS
