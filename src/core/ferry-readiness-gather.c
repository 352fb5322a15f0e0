/* ferry-readiness-gather.c — everything the readiness checks look at, read
 * from both hosts in one worker. Each fact is optional: a driver that lacks
 * an API (the test driver has no free-memory call, no CPU comparison) leaves
 * it unknown and the check says so, instead of the whole run failing.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "ferry-readiness-private.h"
#include "ferry-core-private.h"
#include "ferry-error.h"

/* libvirt hands out strings from malloc(). */
static char *
take (char *s)
{
  char *copy = g_strdup (s);

  free (s);
  return copy;
}

static char **
guest_arches (const char *caps)
{
  g_autoptr(GStrvBuilder) arches = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Up to a few architectures; the capabilities list each guest type. */
  for (guint i = 1; i <= 16; i++)
    {
      g_autofree char *xpath = g_strdup_printf ("(/capabilities/guest/arch/@name)[%u]", i);
      g_autofree char *arch = _ferry_xml_xpath_string (caps, xpath);

      if (arch == NULL)
        break;
      /* One architecture is listed once per OS type (hvm, xen…). */
      if (!g_hash_table_contains (seen, arch))
        g_strv_builder_add (arches, arch);
      g_hash_table_add (seen, g_steal_pointer (&arch));
    }
  return g_strv_builder_end (arches);
}

static void
gather_pools (virConnectPtr       conn,
              FerryReadinessHost *host)
{
  virStoragePoolPtr *pools = NULL;
  int n = virConnectListAllStoragePools (conn, &pools, 0);

  for (int i = 0; i < n; i++)
    {
      virStoragePoolInfo info = { 0 };
      g_autofree char *xml = take (virStoragePoolGetXMLDesc (pools[i], 0));
      g_autofree char *type = xml ? _ferry_xml_xpath_string (xml, "/pool/@type") : NULL;
      g_autofree char *path = xml ? _ferry_xml_xpath_string (xml, "/pool/target/path") : NULL;
      int active = virStoragePoolIsActive (pools[i]);

      if (active == 1)
        virStoragePoolGetInfo (pools[i], &info);
      g_ptr_array_add (host->pools,
                       _ferry_readiness_pool_new (virStoragePoolGetName (pools[i]), type, path,
                                                  active == 1, info.available));
      virStoragePoolFree (pools[i]);
    }
  free (pools);
}

static void
gather_networks (virConnectPtr       conn,
                 FerryReadinessHost *host)
{
  virNetworkPtr *networks = NULL;
  virInterfacePtr *ifaces = NULL;
  int n = virConnectListAllNetworks (conn, &networks, 0);

  for (int i = 0; i < n; i++)
    {
      g_autofree char *xml = take (virNetworkGetXMLDesc (networks[i], 0));
      g_autofree char *bridge = xml ? _ferry_xml_xpath_string (xml, "/network/bridge/@name") : NULL;

      g_ptr_array_add (host->networks,
                       _ferry_readiness_network_new (virNetworkGetName (networks[i]), bridge,
                                                     virNetworkIsActive (networks[i]) == 1));
      virNetworkFree (networks[i]);
    }
  free (networks);

  /* Bridges the VM plugs into directly are host interfaces. */
  n = virConnectListAllInterfaces (conn, &ifaces, VIR_CONNECT_LIST_INTERFACES_ACTIVE);
  if (n >= 0)
    {
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

      for (int i = 0; i < n; i++)
        {
          g_strv_builder_add (names, virInterfaceGetName (ifaces[i]));
          virInterfaceFree (ifaces[i]);
        }
      host->interfaces = g_strv_builder_end (names);
    }
  free (ifaces);
}

/* Free memory; a driver that cannot tell gets an estimate from the total
 * minus what its running VMs were given. */
static void
gather_memory (virConnectPtr       conn,
               FerryReadinessHost *host,
               guint64             total)
{
  virDomainPtr *domains = NULL;
  guint64 used = 0;
  int n;

  host->memory_free = virNodeGetFreeMemory (conn);
  if (host->memory_free > 0)
    return;
  n = virConnectListAllDomains (conn, &domains, VIR_CONNECT_LIST_DOMAINS_ACTIVE);
  for (int i = 0; i < n; i++)
    {
      virDomainInfo info;

      if (virDomainGetInfo (domains[i], &info) == 0)
        used += (guint64)info.memory * 1024;
      virDomainFree (domains[i]);
    }
  free (domains);
  host->memory_free = total > used ? total - used : 0;
  host->memory_free_estimated = TRUE;
}

static void
gather_host (virConnectPtr       conn,
             FerryReadinessHost *host)
{
  unsigned long version = 0;
  virNodeInfo node = { 0 };
  g_autofree char *caps = NULL;
  const char *type;

  host->uri = take (virConnectGetURI (conn));
  host->hostname = take (virConnectGetHostname (conn));
  if ((caps = take (virConnectGetCapabilities (conn))) != NULL)
    {
      host->host_uuid = _ferry_xml_xpath_string (caps, "/capabilities/host/uuid");
      host->host_cpu_model = _ferry_xml_xpath_string (caps, "/capabilities/host/cpu/model");
      host->guest_arches = guest_arches (caps);
    }
  if (virConnectGetLibVersion (conn, &version) == 0)
    host->libvirt_version = version;
  if ((type = virConnectGetType (conn)) != NULL)
    host->hv_type = g_strdup (type);
  if (virConnectGetVersion (conn, &version) == 0)
    host->hv_version = version;
  if (virNodeGetInfo (conn, &node) == 0)
    host->cpus = node.cpus;
  gather_memory (conn, host, (guint64)node.memory * 1024);
  gather_pools (conn, host);
  gather_networks (conn, host);
  virResetLastError ();
}

/* Which source pool holds each disk, and how big its image is. */
static void
locate_disks (virConnectPtr        conn,
              FerryReadinessFacts *facts)
{
  for (guint i = 0; i < facts->disks->len; i++)
    {
      FerryReadinessDisk *disk = g_ptr_array_index (facts->disks, i);
      virStorageVolPtr vol = NULL;
      virStorageVolInfo info;

      if (disk->source == NULL || disk->protocol != NULL)
        continue;
      if (disk->pool != NULL)
        {
          virStoragePoolPtr pool = virStoragePoolLookupByName (conn, disk->pool);

          if (pool != NULL)
            {
              vol = virStorageVolLookupByName (pool, strchr (disk->source, '/') + 1);
              virStoragePoolFree (pool);
            }
        }
      else if ((vol = virStorageVolLookupByPath (conn, disk->source)) != NULL)
        {
          virStoragePoolPtr pool = virStoragePoolLookupByVolume (vol);

          if (pool != NULL)
            {
              disk->pool = g_strdup (virStoragePoolGetName (pool));
              virStoragePoolFree (pool);
            }
        }
      /* A pool that has not seen the file yet (no refresh) still holds it. */
      for (guint p = 0; disk->pool == NULL && p < facts->source.pools->len; p++)
        {
          FerryReadinessPool *pool = g_ptr_array_index (facts->source.pools, p);
          g_autofree char *dir = g_path_get_dirname (disk->source);

          if (pool->target_path != NULL && g_str_equal (dir, pool->target_path))
            disk->pool = g_strdup (pool->name);
        }
      if (vol != NULL && virStorageVolGetInfo (vol, &info) == 0)
        disk->allocation = info.allocation;
      g_clear_pointer (&vol, virStorageVolFree);
    }
  virResetLastError ();
}

static void
compare_cpu (virConnectPtr        destination,
             virDomainPtr         dom,
             FerryReadinessFacts *facts)
{
  g_autofree char *xml = NULL;
  g_autofree char *cpu = NULL;

  facts->cpu_compare = VIR_CPU_COMPARE_ERROR;
  if (g_strcmp0 (facts->cpu_mode, "host-passthrough") == 0 ||
      g_strcmp0 (facts->cpu_mode, "maximum") == 0)
    return;
  /* The migratable XML carries the CPU a running host-model VM really got. */
  xml = take (virDomainGetXMLDesc (dom, facts->state == VIR_DOMAIN_SHUTOFF ? VIR_DOMAIN_XML_INACTIVE
                                                                            : VIR_DOMAIN_XML_MIGRATABLE));
  if (xml == NULL || (cpu = _ferry_readiness_cpu_xml (xml)) == NULL)
    {
      virResetLastError ();
      return;
    }
  facts->cpu_compare = virConnectCompareHypervisorCPU (destination, NULL, facts->arch, NULL, NULL,
                                                       cpu, 0);
  if (facts->cpu_compare == VIR_CPU_COMPARE_ERROR)
    facts->cpu_compare_error = g_strdup (virGetLastErrorMessage ());
  virResetLastError ();
}

static void
find_clash (virConnectPtr        destination,
            const char          *name,
            FerryReadinessFacts *facts)
{
  virDomainPtr other = virDomainLookupByName (destination, name);
  int reason;

  if (other == NULL)
    other = virDomainLookupByUUIDString (destination, facts->uuid);
  if (other != NULL)
    {
      char uuid[VIR_UUID_STRING_BUFLEN] = "";

      facts->clash = TRUE;
      facts->clash_name = g_strdup (virDomainGetName (other));
      if (virDomainGetState (other, &facts->clash_state, &reason, 0) < 0)
        facts->clash_state = VIR_DOMAIN_NOSTATE;
      virDomainGetUUIDString (other, uuid);
      facts->clash_same_uuid = g_strcmp0 (uuid, facts->uuid) == 0;
      virDomainFree (other);
    }
  virResetLastError ();
}

/**
 * _ferry_readiness_gather:
 * @destination_name: (nullable): the name the VM will have on the destination
 *
 * Worker thread only.
 */
FerryReadinessFacts *
_ferry_readiness_gather (virConnectPtr   source,
                         virConnectPtr   destination,
                         const char     *domain_name,
                         const char     *destination_name,
                         GError        **error)
{
  g_autoptr(FerryReadinessFacts) facts = _ferry_readiness_facts_new ();
  g_autofree char *xml = NULL;
  char uuid[VIR_UUID_STRING_BUFLEN] = "";
  virDomainPtr dom;
  int reason;

  FERRY_LIBVIRT_ENTER ();

  dom = virDomainLookupByName (source, domain_name);
  if (dom == NULL)
    dom = virDomainLookupByUUIDString (source, domain_name);
  if (dom == NULL)
    {
      ferry_set_error_from_libvirt (error, "virDomainLookupByName");
      return NULL;
    }
  facts->name = g_strdup (virDomainGetName (dom));
  virDomainGetUUIDString (dom, uuid);
  facts->uuid = g_strdup (uuid);
  if (virDomainGetState (dom, &facts->state, &reason, 0) < 0)
    facts->state = VIR_DOMAIN_NOSTATE;
  facts->persistent = virDomainIsPersistent (dom) == 1;
  xml = take (virDomainGetXMLDesc (dom, 0));
  if (xml == NULL)
    ferry_set_error_from_libvirt (error, "virDomainGetXMLDesc");
  if (xml == NULL || !_ferry_readiness_parse_domain (facts, xml, error))
    {
      virDomainFree (dom);
      return NULL;
    }

  gather_host (source, &facts->source);
  gather_host (destination, &facts->destination);
  locate_disks (source, facts);
  compare_cpu (destination, dom, facts);
  find_clash (destination, destination_name ? destination_name : facts->name, facts);
  virDomainFree (dom);
  return g_steal_pointer (&facts);
}
