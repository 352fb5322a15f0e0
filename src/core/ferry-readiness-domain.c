/* ferry-readiness-domain.c — what the readiness checks need from a VM's XML:
 * memory, vCPUs, CPU, disks, NICs and the devices that block migration.
 * Pure (libxml2 only), so the tests feed it XML directly.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-readiness-private.h"

typedef struct
{
  xmlDocPtr          doc;
  xmlXPathContextPtr ctx;
} Xml;

static void
xml_clear (Xml *x)
{
  g_clear_pointer (&x->ctx, xmlXPathFreeContext);
  g_clear_pointer (&x->doc, xmlFreeDoc);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Xml, xml_clear)

static gboolean
xml_open (Xml        *x,
          const char *xml)
{
  x->doc = xmlReadMemory (xml, (int)strlen (xml), NULL, NULL,
                          XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (x->doc == NULL)
    return FALSE;
  x->ctx = xmlXPathNewContext (x->doc);
  return x->ctx != NULL;
}

/* The string value of @expr (an XPath string expression) relative to @node
 * (the document when NULL); NULL when empty. */
static char *
xml_string (Xml        *x,
            xmlNodePtr  node,
            const char *expr)
{
  g_autofree char *wrapped = g_strdup_printf ("string(%s)", expr);
  xmlXPathObjectPtr result;
  char *value = NULL;

  x->ctx->node = node != NULL ? node : xmlDocGetRootElement (x->doc);
  result = xmlXPathEvalExpression ((const xmlChar *)wrapped, x->ctx);
  if (result != NULL && result->stringval != NULL && result->stringval[0] != '\0')
    value = g_strstrip (g_strdup ((const char *)result->stringval));
  xmlXPathFreeObject (result);
  return value;
}

static gboolean
xml_exists (Xml        *x,
            xmlNodePtr  node,
            const char *expr)
{
  g_autofree char *wrapped = g_strdup_printf ("boolean(%s)", expr);
  xmlXPathObjectPtr result;
  gboolean value;

  x->ctx->node = node != NULL ? node : xmlDocGetRootElement (x->doc);
  result = xmlXPathEvalExpression ((const xmlChar *)wrapped, x->ctx);
  value = result != NULL && result->boolval;
  xmlXPathFreeObject (result);
  return value;
}

/* The nodes @expr selects; free the returned object with xmlXPathFreeObject. */
static xmlXPathObjectPtr
xml_nodes (Xml        *x,
           const char *expr)
{
  x->ctx->node = xmlDocGetRootElement (x->doc);
  return xmlXPathEvalExpression ((const xmlChar *)expr, x->ctx);
}

#define FOREACH_NODE(obj, node) \
  for (int _i = 0; (obj) != NULL && (obj)->nodesetval != NULL && _i < (obj)->nodesetval->nodeNr && \
       ((node) = (obj)->nodesetval->nodeTab[_i], TRUE); _i++)

/* <memory unit='…'> in bytes. */
static guint64
memory_bytes (Xml *x)
{
  g_autofree char *value = xml_string (x, NULL, "/domain/memory");
  g_autofree char *unit = xml_string (x, NULL, "/domain/memory/@unit");
  static const struct { const char *unit; guint64 factor; } units[] = {
    { "b", 1 }, { "bytes", 1 }, { "KB", 1000 }, { "k", 1024 }, { "KiB", 1024 },
    { "MB", 1000000 }, { "M", 1048576 }, { "MiB", 1048576 },
    { "GB", 1000000000 }, { "G", 1073741824 }, { "GiB", 1073741824 },
  };
  guint64 factor = 1024;   /* libvirt's default unit is KiB */

  if (value == NULL)
    return 0;
  for (guint i = 0; unit != NULL && i < G_N_ELEMENTS (units); i++)
    if (g_str_equal (unit, units[i].unit))
      factor = units[i].factor;
  return g_ascii_strtoull (value, NULL, 10) * factor;
}

static void
parse_disks (Xml                 *x,
             FerryReadinessFacts *facts)
{
  xmlXPathObjectPtr disks = xml_nodes (x, "/domain/devices/disk");
  xmlNodePtr node;

  FOREACH_NODE (disks, node)
    {
      FerryReadinessDisk *disk = g_new0 (FerryReadinessDisk, 1);
      g_autofree char *cache = xml_string (x, node, "driver/@cache");
      g_autofree char *volume = xml_string (x, node, "source/@volume");

      disk->target = xml_string (x, node, "target/@dev");
      disk->device = xml_string (x, node, "@device");
      disk->type = xml_string (x, node, "@type");
      disk->protocol = xml_string (x, node, "source/@protocol");
      if (volume != NULL)
        {
          disk->pool = xml_string (x, node, "source/@pool");
          disk->source = g_strdup_printf ("%s/%s", disk->pool, volume);
        }
      else
        disk->source = xml_string (x, node, "source/@file|source/@dev|source/@dir|source/@name");
      if (disk->device == NULL)
        disk->device = g_strdup ("disk");
      if (cache == NULL || !ferry_disk_cache_from_string (cache, &disk->cache))
        disk->cache = FERRY_DISK_CACHE_DEFAULT;
      disk->readonly = xml_exists (x, node, "readonly");
      disk->shareable = xml_exists (x, node, "shareable");
      g_ptr_array_add (facts->disks, disk);
    }
  xmlXPathFreeObject (disks);
}

static void
parse_nics (Xml                 *x,
            FerryReadinessFacts *facts)
{
  xmlXPathObjectPtr nics = xml_nodes (x, "/domain/devices/interface");
  xmlNodePtr node;

  FOREACH_NODE (nics, node)
    {
      FerryReadinessNic *nic = g_new0 (FerryReadinessNic, 1);

      /* A running VM's XML shows a NIC on a libvirt network as what the network
       * gave it (type "bridge", "direct"…), with the network's name kept in
       * source/@network: the network is what the destination needs. */
      nic->source = xml_string (x, node, "source/@network");
      if (nic->source != NULL)
        nic->type = g_strdup ("network");
      else
        {
          nic->type = xml_string (x, node, "@type");
          nic->source = xml_string (x, node, "source/@bridge|source/@dev");
        }
      /* An SR-IOV VF handed to the guest is a host device, not a network. */
      if (g_strcmp0 (nic->type, "hostdev") == 0)
        {
          g_autofree char *addr = xml_string (x, node,
            "concat(source/address/@domain, ':', source/address/@bus, ':', "
            "source/address/@slot, '.', source/address/@function)");

          g_ptr_array_add (facts->blocking_devices,
                           g_strdup_printf (_("SR-IOV network function %s (interface type “hostdev”)"),
                                            addr));
        }
      g_ptr_array_add (facts->nics, nic);
    }
  xmlXPathFreeObject (nics);
}

static void
parse_blocking_devices (Xml                 *x,
                        FerryReadinessFacts *facts)
{
  xmlXPathObjectPtr nodes = xml_nodes (x, "/domain/devices/hostdev|/domain/devices/filesystem|"
                                          "/domain/devices/shmem");
  xmlNodePtr node;

  FOREACH_NODE (nodes, node)
    {
      const char *element = (const char *)node->name;
      g_autofree char *type = xml_string (x, node, "@type");

      if (g_str_equal (element, "hostdev") && g_strcmp0 (type, "mdev") == 0)
        {
          g_autofree char *uuid = xml_string (x, node, "source/address/@uuid");

          g_ptr_array_add (facts->blocking_devices,
                           g_strdup_printf (_("mediated device (vGPU) %s"), uuid ? uuid : ""));
        }
      else if (g_str_equal (element, "hostdev") && g_strcmp0 (type, "pci") == 0)
        {
          g_autofree char *addr = xml_string (x, node,
            "concat(source/address/@domain, ':', source/address/@bus, ':', "
            "source/address/@slot, '.', source/address/@function)");

          g_ptr_array_add (facts->blocking_devices,
                           g_strdup_printf (_("PCI passthrough device %s"), addr));
        }
      else if (g_str_equal (element, "hostdev"))
        g_ptr_array_add (facts->blocking_devices,
                         g_strdup_printf (_("host device (%s)"), type ? type : "?"));
      else if (g_str_equal (element, "filesystem"))
        {
          g_autofree char *driver = xml_string (x, node, "driver/@type");
          g_autofree char *target = xml_string (x, node, "target/@dir");

          /* QEMU blocks migration of both virtiofs and 9p shares. */
          g_ptr_array_add (facts->blocking_devices,
                           g_strdup_printf (_("filesystem passthrough “%s” (%s)"),
                                            target ? target : "", driver ? driver : "9p"));
        }
      else
        {
          g_autofree char *name = xml_string (x, node, "@name");

          g_ptr_array_add (facts->blocking_devices,
                           g_strdup_printf (_("shared memory device “%s”"), name ? name : ""));
        }
    }
  xmlXPathFreeObject (nodes);
}

/**
 * _ferry_readiness_parse_domain:
 *
 * Fills @facts' VM fields from a domain XML (the live one for a running VM).
 */
gboolean
_ferry_readiness_parse_domain (FerryReadinessFacts *facts,
                               const char          *xml,
                               GError             **error)
{
  g_auto(Xml) x = { 0 };
  g_autofree char *vcpus = NULL;
  g_autofree char *current = NULL;

  if (!xml_open (&x, xml))
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_FAILED, _("The VM’s definition is not valid XML"));
      return FALSE;
    }
  facts->memory = memory_bytes (&x);
  vcpus = xml_string (&x, NULL, "/domain/vcpu");
  current = xml_string (&x, NULL, "/domain/vcpu/@current");
  facts->vcpus = (guint)g_ascii_strtoull (current ? current : vcpus ? vcpus : "1", NULL, 10);
  g_free (facts->arch);
  facts->arch = xml_string (&x, NULL, "/domain/os/type/@arch");
  g_free (facts->cpu_mode);
  g_free (facts->cpu_model);
  facts->cpu_mode = xml_string (&x, NULL, "/domain/cpu/@mode");
  if (facts->cpu_mode == NULL && xml_exists (&x, NULL, "/domain/cpu"))
    facts->cpu_mode = g_strdup ("custom");
  facts->cpu_model = xml_string (&x, NULL, "/domain/cpu/model");

  parse_disks (&x, facts);
  parse_nics (&x, facts);
  parse_blocking_devices (&x, facts);
  return TRUE;
}

/**
 * _ferry_readiness_cpu_xml:
 *
 * Returns: (transfer full) (nullable): the <cpu> element of a domain XML as a
 *   document of its own (what virConnectCompareHypervisorCPU takes), or NULL
 *   when there is none or it names no model
 */
char *
_ferry_readiness_cpu_xml (const char *xml)
{
  g_auto(Xml) x = { 0 };
  xmlXPathObjectPtr cpus;
  xmlBufferPtr buffer;
  xmlNodePtr node = NULL;
  char *text = NULL;

  if (!xml_open (&x, xml))
    return NULL;
  cpus = xml_nodes (&x, "/domain/cpu[model]");
  if (cpus != NULL && cpus->nodesetval != NULL && cpus->nodesetval->nodeNr > 0)
    node = cpus->nodesetval->nodeTab[0];
  if (node != NULL && (buffer = xmlBufferCreate ()) != NULL)
    {
      if (xmlNodeDump (buffer, x.doc, node, 0, 0) > 0)
        text = g_strdup ((const char *)xmlBufferContent (buffer));
      xmlBufferFree (buffer);
    }
  xmlXPathFreeObject (cpus);
  return text;
}

/**
 * _ferry_readiness_ejected_disk_xml:
 *
 * Returns: (transfer full) (nullable): the <disk> element whose target is
 *   @target, without its <source>: what virDomainUpdateDeviceFlags takes to
 *   eject a medium
 */
char *
_ferry_readiness_ejected_disk_xml (const char *xml,
                                   const char *target)
{
  g_auto(Xml) x = { 0 };
  xmlXPathObjectPtr disks;
  xmlNodePtr node, disk = NULL;
  xmlBufferPtr buffer;
  char *text = NULL;

  if (target == NULL || !xml_open (&x, xml))
    return NULL;
  disks = xml_nodes (&x, "/domain/devices/disk");
  FOREACH_NODE (disks, node)
    {
      g_autofree char *dev = xml_string (&x, node, "target/@dev");

      if (disk == NULL && g_strcmp0 (dev, target) == 0)
        disk = node;
    }
  xmlXPathFreeObject (disks);
  if (disk == NULL)
    return NULL;
  for (xmlNodePtr child = disk->children, next; child != NULL; child = next)
    {
      next = child->next;
      if (child->type == XML_ELEMENT_NODE && xmlStrEqual (child->name, (const xmlChar *)"source"))
        {
          xmlUnlinkNode (child);
          xmlFreeNode (child);
        }
    }
  if ((buffer = xmlBufferCreate ()) != NULL)
    {
      if (xmlNodeDump (buffer, x.doc, disk, 0, 0) > 0)
        text = g_strdup ((const char *)xmlBufferContent (buffer));
      xmlBufferFree (buffer);
    }
  return text;
}
