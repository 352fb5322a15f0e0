/* ferry-domain-disks.c — a VM's disks in its domain XML: read them, and change the cache and
 * I/O modes of one disk or of all. Pure functions: XML in, XML out, no libvirt calls.
 *
 * The document is edited with libxml2 and written back whole, so every element and
 * attribute Ferry does not know (metadata in other namespaces, addresses, boot order,
 * other <driver> attributes) stays exactly as it was.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/xmlsave.h>

#include "ferry-domain-disks.h"
#include "ferry-domain-disks-private.h"
#include "ferry-error.h"

xmlNodePtr
_ferry_xml_child (xmlNodePtr  node,
                  const char *name)
{
  for (xmlNodePtr child = node ? node->children : NULL; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && xmlStrEqual (child->name, (const xmlChar *)name))
      return child;
  return NULL;
}

char *
_ferry_xml_prop (xmlNodePtr  node,
                 const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *)name);
  char *copy = g_strdup ((const char *)value);

  xmlFree (value);
  return copy;
}

FerryDiskChange *
ferry_disk_change_new (const char     *target,
                       FerryDiskCache  cache,
                       FerryDiskIo     io)
{
  FerryDiskChange *change = g_new0 (FerryDiskChange, 1);

  change->target = g_strdup (target);
  change->cache = cache;
  change->io = io;
  return change;
}

void
ferry_disk_change_free (FerryDiskChange *change)
{
  if (change == NULL)
    return;
  g_free (change->target);
  g_free (change->live_error);
  g_free (change);
}

/* Parses @xml and returns it with its <devices> element. */
xmlDocPtr
_ferry_domain_xml_read (const char  *xml,
                        xmlNodePtr  *devices,
                        GError     **error)
{
  xmlDocPtr doc = NULL;
  xmlNodePtr root;

  if (xml != NULL)
    doc = xmlReadMemory (xml, (int)strlen (xml), NULL, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  root = doc ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL || !xmlStrEqual (root->name, (const xmlChar *)"domain"))
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT,
                           _("This is not a VM definition (domain XML)."));
      if (doc != NULL)
        xmlFreeDoc (doc);
      return NULL;
    }
  *devices = _ferry_xml_child (root, "devices");
  return doc;
}

static gboolean
is_disk (xmlNodePtr node)
{
  return node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, (const xmlChar *)"disk");
}

char *
_ferry_domain_xml_write (xmlDocPtr doc)
{
  xmlBufferPtr buffer = xmlBufferCreate ();
  /* libvirt writes domain XML without a declaration; so do we. */
  xmlSaveCtxtPtr save = xmlSaveToBuffer (buffer, "UTF-8", XML_SAVE_NO_DECL);
  char *text;

  xmlSaveDoc (save, doc);
  xmlSaveClose (save);
  text = g_strdup ((const char *)xmlBufferContent (buffer));
  xmlBufferFree (buffer);
  return text;
}

/**
 * ferry_domain_disks_parse:
 *
 * Returns: (transfer full): a FerryDiskInfo per <disk> of the domain, in document order
 */
GListStore *
ferry_domain_disks_parse (const char  *xml,
                          GError     **error)
{
  xmlNodePtr devices = NULL;
  g_autoptr(xmlDoc) doc = _ferry_domain_xml_read (xml, &devices, error);
  GListStore *disks;

  if (doc == NULL)
    return NULL;
  disks = g_list_store_new (FERRY_TYPE_DISK_INFO);
  for (xmlNodePtr node = devices ? devices->children : NULL; node != NULL; node = node->next)
    if (is_disk (node))
      {
        g_autoptr(FerryDiskInfo) info = _ferry_disk_info_new_from_node (node);

        g_list_store_append (disks, info);
      }
  return disks;
}

xmlNodePtr
_ferry_domain_xml_find_disk (xmlNodePtr  devices,
                             const char *target)
{
  for (xmlNodePtr node = devices ? devices->children : NULL; node != NULL; node = node->next)
    {
      g_autofree char *dev = NULL;

      if (!is_disk (node))
        continue;
      dev = _ferry_xml_prop (_ferry_xml_child (node, "target"), "dev");
      if (g_strcmp0 (dev, target) == 0)
        return node;
    }
  return NULL;
}

/* The disk's <driver>, made (as <driver name='qemu'/>, before the first child element,
 * indented like it) when there is none. */
static xmlNodePtr
ensure_driver (xmlNodePtr disk)
{
  xmlNodePtr driver = _ferry_xml_child (disk, "driver");
  xmlNodePtr first = disk->children;

  if (driver != NULL)
    return driver;
  driver = xmlNewNode (disk->ns, (const xmlChar *)"driver");
  xmlNewProp (driver, (const xmlChar *)"name", (const xmlChar *)"qemu");
  while (first != NULL && first->type != XML_ELEMENT_NODE)
    first = first->next;
  if (first == NULL)
    return xmlAddChild (disk, driver);
  xmlAddPrevSibling (first, driver);
  if (driver->prev != NULL && xmlNodeIsText (driver->prev) && xmlIsBlankNode (driver->prev))
    xmlAddNextSibling (driver, xmlCopyNode (driver->prev, 1));
  return driver;
}

static void
set_attribute (xmlNodePtr  driver,
               const char *name,
               const char *value)
{
  if (value != NULL)
    xmlSetProp (driver, (const xmlChar *)name, (const xmlChar *)value);
  else
    xmlUnsetProp (driver, (const xmlChar *)name);
}

/* DEFAULT removes the attribute: libvirt writes none for the hypervisor's default. */
static void
set_disk_modes (xmlNodePtr     disk,
                FerryDiskCache cache,
                FerryDiskIo    io)
{
  xmlNodePtr driver = _ferry_xml_child (disk, "driver");

  if (driver == NULL && cache == FERRY_DISK_CACHE_DEFAULT && io == FERRY_DISK_IO_DEFAULT)
    return;
  driver = ensure_driver (disk);
  set_attribute (driver, "cache",
                 cache == FERRY_DISK_CACHE_DEFAULT ? NULL : ferry_disk_cache_to_string (cache));
  set_attribute (driver, "io", io == FERRY_DISK_IO_DEFAULT ? NULL : ferry_disk_io_to_string (io));
}

/**
 * ferry_domain_disks_set_modes:
 * @out_xml: (out): the new document
 *
 * Sets the cache and I/O modes of the disk whose target is @target, and nothing else.
 * Refuses a pair QEMU would refuse (see ferry_disk_mode_check()).
 */
gboolean
ferry_domain_disks_set_modes (const char      *xml,
                              const char      *target,
                              FerryDiskCache   cache,
                              FerryDiskIo      io,
                              char           **out_xml,
                              GError         **error)
{
  xmlNodePtr devices = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  xmlNodePtr disk;

  g_return_val_if_fail (target != NULL, FALSE);
  g_return_val_if_fail (out_xml != NULL, FALSE);

  if (!ferry_disk_mode_check (cache, io, error))
    return FALSE;
  doc = _ferry_domain_xml_read (xml, &devices, error);
  if (doc == NULL)
    return FALSE;
  disk = _ferry_domain_xml_find_disk (devices, target);
  if (disk == NULL)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT,
                   _("The VM has no disk “%s”."), target);
      return FALSE;
    }
  set_disk_modes (disk, cache, io);
  *out_xml = _ferry_domain_xml_write (doc);
  return TRUE;
}

/**
 * ferry_domain_disks_make_migration_safe:
 * @out_xml: (out): the new document (a copy of @xml when nothing changed)
 * @changed: (out) (element-type FerryDiskChange): the disks set to cache “none”
 *
 * Sets cache “none” on every writable disk (not read-only, not an empty drive) whose
 * cache is neither “none” nor “directsync”, keeping its I/O mode: “none” satisfies
 * every I/O mode, “native” included.
 */
gboolean
ferry_domain_disks_make_migration_safe (const char  *xml,
                                        char       **out_xml,
                                        GPtrArray  **changed,
                                        GError     **error)
{
  xmlNodePtr devices = NULL;
  g_autoptr(xmlDoc) doc = _ferry_domain_xml_read (xml, &devices, error);
  g_autoptr(GPtrArray) changes = NULL;

  g_return_val_if_fail (out_xml != NULL && changed != NULL, FALSE);

  if (doc == NULL)
    return FALSE;
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify)ferry_disk_change_free);
  for (xmlNodePtr node = devices ? devices->children : NULL; node != NULL; node = node->next)
    {
      g_autoptr(FerryDiskInfo) info = NULL;

      if (!is_disk (node))
        continue;
      info = _ferry_disk_info_new_from_node (node);
      if (!ferry_disk_info_get_writable (info) || ferry_disk_info_get_target (info) == NULL ||
          ferry_disk_cache_migration_safe (ferry_disk_info_get_cache (info)))
        continue;
      set_disk_modes (node, FERRY_DISK_CACHE_NONE, ferry_disk_info_get_io (info));
      g_ptr_array_add (changes, ferry_disk_change_new (ferry_disk_info_get_target (info),
                                                       FERRY_DISK_CACHE_NONE,
                                                       ferry_disk_info_get_io (info)));
    }
  *out_xml = _ferry_domain_xml_write (doc);
  *changed = g_steal_pointer (&changes);
  return TRUE;
}

/* Applies @changes to @xml one after the other (ferry-domain-disks-ops.c). */
char *
_ferry_domain_disks_apply_changes (const char  *xml,
                                   GPtrArray   *changes,
                                   GError     **error)
{
  g_autofree char *current = g_strdup (xml);

  for (guint i = 0; i < changes->len; i++)
    {
      FerryDiskChange *change = g_ptr_array_index (changes, i);
      char *next = NULL;

      if (!ferry_domain_disks_set_modes (current, change->target, change->cache, change->io,
                                         &next, error))
        return NULL;
      g_free (current);
      current = next;
    }
  return g_steal_pointer (&current);
}

/* The <disk> element of @target in @xml with its modes set, alone, for a live device
 * update; NULL when @xml has no such disk. */
char *
_ferry_domain_disks_disk_xml (const char     *xml,
                              const char     *target,
                              FerryDiskCache  cache,
                              FerryDiskIo     io)
{
  xmlNodePtr devices = NULL;
  g_autoptr(xmlDoc) doc = _ferry_domain_xml_read (xml, &devices, NULL);
  xmlNodePtr disk = doc ? _ferry_domain_xml_find_disk (devices, target) : NULL;
  xmlBufferPtr buffer;
  char *text;

  if (disk == NULL)
    return NULL;
  set_disk_modes (disk, cache, io);
  buffer = xmlBufferCreate ();
  xmlNodeDump (buffer, doc, disk, 0, 0);
  text = g_strdup ((const char *)xmlBufferContent (buffer));
  xmlBufferFree (buffer);
  return text;
}
