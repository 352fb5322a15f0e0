/* ferry-domain-disks-private.h — shared by ferry-domain-disks*.c and ferry-disk-info.c
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/tree.h>

#include "ferry-domain-disks.h"

G_BEGIN_DECLS

/* The first child element of @node called @name, or NULL. */
xmlNodePtr     _ferry_xml_child           (xmlNodePtr  node,
                                           const char *name);
/* @node's attribute @name as a new string, or NULL. */
char          *_ferry_xml_prop            (xmlNodePtr  node,
                                           const char *name);

/* A FerryDiskInfo for one <disk> element. */
FerryDiskInfo *_ferry_disk_info_new_from_node (xmlNodePtr disk);

/* @xml with every FerryDiskChange of @changes set, or NULL. */
char          *_ferry_domain_disks_apply_changes (const char  *xml,
                                                  GPtrArray   *changes,
                                                  GError     **error);
/* The <disk> element of @target alone, with its modes set (for a live update). */
char          *_ferry_domain_disks_disk_xml      (const char     *xml,
                                                  const char     *target,
                                                  FerryDiskCache  cache,
                                                  FerryDiskIo     io);

G_END_DECLS
