/* ferry-domain-disks-private.h — shared by ferry-domain-disks*.c and ferry-disk-info.c
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libvirt/libvirt.h>
#include <libxml/tree.h>

#include "ferry-domain-disks.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* The first child element of @node called @name, or NULL. */
xmlNodePtr     _ferry_xml_child           (xmlNodePtr  node,
                                           const char *name);
/* @node's attribute @name as a new string, or NULL. */
char          *_ferry_xml_prop            (xmlNodePtr  node,
                                           const char *name);

/* A domain document and its <devices> element (NULL when it has none), or NULL with
 * @error set when @xml is not a domain. */
xmlDocPtr      _ferry_domain_xml_read      (const char  *xml,
                                            xmlNodePtr  *devices,
                                            GError     **error);
/* The document as libvirt writes it: no XML declaration. */
char          *_ferry_domain_xml_write     (xmlDocPtr    doc);
/* The <disk> of @devices whose <target dev> is @target, or NULL. */
xmlNodePtr     _ferry_domain_xml_find_disk (xmlNodePtr   devices,
                                            const char  *target);

/* Worker: the VM @domain (a UUID or a name) on @conn, or NULL with @error set. */
virDomainPtr   _ferry_domain_disks_lookup  (virConnectPtr  conn,
                                            const char    *domain,
                                            GError       **error);

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
