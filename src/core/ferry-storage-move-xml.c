/* ferry-storage-move-xml.c — the pure parts of a storage move: each disk's copy plan, the
 * copy's volume name, the disk XML a block copy writes to, and the VM's definition
 * rewritten to use the copies (through libxml2: everything else stays as it was).
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-object.h>
#include <libxml/tree.h>
#include <string.h>

#include "ferry-core-private.h"
#include "ferry-domain-disks-private.h"
#include "ferry-error.h"
#include "ferry-storage-move-private.h"

#define X(s) ((const xmlChar *)(s))

FerryStorageMoveCopy *
_ferry_storage_move_copy_new (const FerryStorageMoveFacts     *facts,
                              const FerryStorageMoveDiskFacts *disk)
{
  FerryStorageMoveCopy *copy = g_new0 (FerryStorageMoveCopy, 1);

  copy->target = g_strdup (disk->target);
  copy->source = g_strdup (disk->source);
  copy->source_pool = g_strdup (disk->pool);
  copy->source_volume = g_strdup (disk->volume);
  copy->as_volume = disk->source_type == FERRY_DISK_SOURCE_VOLUME;
  copy->format = g_strdup (ferry_storage_move_destination_format (facts, disk));
  copy->capacity = disk->capacity;
  return copy;
}

void
_ferry_storage_move_copy_free (FerryStorageMoveCopy *copy)
{
  g_free (copy->target);
  g_free (copy->source);
  g_free (copy->source_pool);
  g_free (copy->source_volume);
  g_free (copy->format);
  g_free (copy->volume);
  g_free (copy->path);
  /* virStorageVolFree only drops a reference: no RPC. */
  if (copy->vol != NULL)
    virStorageVolFree (copy->vol);
  g_free (copy);
}

gboolean
_ferry_storage_move_pool_is_block (const char *pool_type)
{
  return g_strcmp0 (pool_type, "logical") == 0 || g_strcmp0 (pool_type, "disk") == 0;
}

/* @name without a disk image extension. */
static char *
stem (const char *name)
{
  static const char * const extensions[] = { ".qcow2", ".qcow", ".img", ".raw", NULL };

  for (guint i = 0; extensions[i] != NULL; i++)
    if (g_str_has_suffix (name, extensions[i]) && strlen (name) > strlen (extensions[i]))
      return g_strndup (name, strlen (name) - strlen (extensions[i]));
  return g_strdup (name);
}

/**
 * _ferry_storage_move_volume_name:
 * @taken: (nullable): names already in the destination pool
 *
 * The copy keeps its image's name, with the extension of its new format when that changes
 * (.qcow2, .img for raw), and a number added when the pool already has that name.
 */
char *
_ferry_storage_move_volume_name (const FerryStorageMoveCopy *copy,
                                 const char * const         *taken)
{
  g_autofree char *base = copy->source_volume ? g_strdup (copy->source_volume)
                                              : g_path_get_basename (copy->source ? copy->source
                                                                                  : copy->target);
  g_autofree char *name_stem = stem (base);
  const char *ext = g_str_equal (copy->format, "qcow2") ? ".qcow2" : ".img";
  g_autofree char *name = NULL;

  /* Keep a name whose extension already says the format (disk.qcow2 stays disk.qcow2). */
  if (g_str_equal (copy->format, "qcow2") ? g_str_has_suffix (base, ".qcow2")
                                          : g_str_has_suffix (base, ".img") || g_str_has_suffix (base, ".raw"))
    name = g_strdup (base);
  else
    name = g_strconcat (name_stem, ext, NULL);

  for (guint n = 2; taken != NULL && g_strv_contains (taken, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s-%u%s", name_stem, n, ext);
    }
  return g_steal_pointer (&name);
}

static void
set_source (xmlNodePtr                  disk,
            const FerryStorageMoveCopy *copy,
            const char                 *pool,
            gboolean                    block)
{
  static const char * const source_attributes[] = {
    "file", "dev", "dir", "pool", "volume", "mode", "protocol", "name", "index", NULL,
  };
  xmlNodePtr source = _ferry_xml_child (disk, "source");
  const char *type = copy->as_volume ? "volume" : block ? "block" : "file";

  if (source == NULL)
    source = xmlNewChild (disk, NULL, X ("source"), NULL);
  for (guint i = 0; source_attributes[i] != NULL; i++)
    xmlUnsetProp (source, X (source_attributes[i]));
  xmlSetProp (disk, X ("type"), X (type));
  if (copy->as_volume)
    {
      xmlSetProp (source, X ("pool"), X (pool));
      xmlSetProp (source, X ("volume"), X (copy->volume));
    }
  else
    xmlSetProp (source, X (block ? "dev" : "file"), X (copy->path));
}

/**
 * _ferry_storage_move_mirror_xml:
 *
 * Returns: (transfer full): the <disk> a block copy of @copy writes to
 */
char *
_ferry_storage_move_mirror_xml (const FerryStorageMoveCopy *copy,
                                gboolean                    block)
{
  g_autoptr(xmlDoc) doc = xmlNewDoc (X ("1.0"));
  xmlNodePtr disk = xmlNewNode (NULL, X ("disk"));
  xmlNodePtr driver;
  xmlBufferPtr buffer = xmlBufferCreate ();
  char *text;

  xmlDocSetRootElement (doc, disk);
  xmlSetProp (disk, X ("type"), X (block ? "block" : "file"));
  xmlSetProp (xmlNewChild (disk, NULL, X ("source"), NULL), X (block ? "dev" : "file"), X (copy->path));
  driver = xmlNewChild (disk, NULL, X ("driver"), NULL);
  xmlSetProp (driver, X ("type"), X (copy->format));
  xmlNodeDump (buffer, doc, disk, 0, 0);
  text = g_strdup ((const char *)xmlBufferContent (buffer));
  xmlBufferFree (buffer);
  return text;
}

/**
 * _ferry_storage_move_rewrite:
 * @copies: (element-type FerryStorageMoveCopy): the disks that moved, with their new path
 * @out_xml: (out): the new definition
 *
 * Points each moved disk of the definition @xml at its copy: the disk's type and <source>,
 * and <driver type> for the copy's format. A full copy has no backing chain, so any
 * <backingStore> goes. Nothing else changes.
 */
gboolean
_ferry_storage_move_rewrite (const char  *xml,
                             GPtrArray   *copies,
                             const char  *pool,
                             gboolean     block,
                             char       **out_xml,
                             GError     **error)
{
  xmlNodePtr devices = NULL;
  g_autoptr(xmlDoc) doc = _ferry_domain_xml_read (xml, &devices, error);

  if (doc == NULL)
    return FALSE;
  for (guint i = 0; i < copies->len; i++)
    {
      const FerryStorageMoveCopy *copy = g_ptr_array_index (copies, i);
      xmlNodePtr disk = _ferry_domain_xml_find_disk (devices, copy->target);
      xmlNodePtr driver, backing;

      if (disk == NULL)
        {
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT,
                       _("The VM has no disk “%s”."), copy->target);
          return FALSE;
        }
      set_source (disk, copy, pool, block);
      driver = _ferry_xml_child (disk, "driver");
      if (driver != NULL)
        xmlSetProp (driver, X ("type"), X (copy->format));
      while ((backing = _ferry_xml_child (disk, "backingStore")) != NULL)
        {
          /* The whitespace before it goes too, so the layout stays tidy. */
          if (backing->prev != NULL && xmlIsBlankNode (backing->prev))
            {
              xmlNodePtr blank = backing->prev;

              xmlUnlinkNode (blank);
              xmlFreeNode (blank);
            }
          xmlUnlinkNode (backing);
          xmlFreeNode (backing);
        }
    }
  *out_xml = _ferry_domain_xml_write (doc);
  return TRUE;
}

/* Whether the running VM's XML shows @target's block copy as ready to pivot. */
gboolean
_ferry_storage_move_mirror_ready (const char *live_xml,
                                  const char *target)
{
  g_autofree char *xpath = g_strdup_printf ("/domain/devices/disk[target/@dev='%s']/mirror/@ready",
                                            target);
  g_autofree char *ready = NULL;

  /* Targets are checked names (letters and digits), never quotes. */
  if (strchr (target, '\'') != NULL)
    return FALSE;
  ready = _ferry_xml_xpath_string (live_xml, xpath);
  return g_strcmp0 (ready, "yes") == 0;
}
