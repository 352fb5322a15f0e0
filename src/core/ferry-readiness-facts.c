/* ferry-readiness-facts.c — the plain data a readiness run gathers.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-readiness-private.h"

static void
pool_free (FerryReadinessPool *pool)
{
  g_free (pool->name);
  g_free (pool->type);
  g_free (pool->target_path);
  g_free (pool);
}

static void
network_free (FerryReadinessNetwork *network)
{
  g_free (network->name);
  g_free (network->bridge);
  g_free (network);
}

static void
disk_free (FerryReadinessDisk *disk)
{
  g_free (disk->target);
  g_free (disk->device);
  g_free (disk->type);
  g_free (disk->source);
  g_free (disk->protocol);
  g_free (disk->pool);
  g_free (disk);
}

static void
nic_free (FerryReadinessNic *nic)
{
  g_free (nic->type);
  g_free (nic->source);
  g_free (nic);
}

static void
host_init (FerryReadinessHost *host)
{
  host->pools = g_ptr_array_new_with_free_func ((GDestroyNotify)pool_free);
  host->networks = g_ptr_array_new_with_free_func ((GDestroyNotify)network_free);
}

void
_ferry_readiness_host_clear (FerryReadinessHost *host)
{
  g_clear_pointer (&host->uri, g_free);
  g_clear_pointer (&host->hostname, g_free);
  g_clear_pointer (&host->host_uuid, g_free);
  g_clear_pointer (&host->host_cpu_model, g_free);
  g_clear_pointer (&host->guest_arches, g_strfreev);
  g_clear_pointer (&host->hv_type, g_free);
  g_clear_pointer (&host->pools, g_ptr_array_unref);
  g_clear_pointer (&host->networks, g_ptr_array_unref);
  g_clear_pointer (&host->interfaces, g_strfreev);
}

FerryReadinessFacts *
_ferry_readiness_facts_new (void)
{
  FerryReadinessFacts *facts = g_new0 (FerryReadinessFacts, 1);

  host_init (&facts->source);
  host_init (&facts->destination);
  facts->state = VIR_DOMAIN_NOSTATE;
  facts->cpu_compare = VIR_CPU_COMPARE_ERROR;
  facts->disks = g_ptr_array_new_with_free_func ((GDestroyNotify)disk_free);
  facts->nics = g_ptr_array_new_with_free_func ((GDestroyNotify)nic_free);
  facts->blocking_devices = g_ptr_array_new_with_free_func (g_free);
  return facts;
}

void
_ferry_readiness_facts_free (FerryReadinessFacts *facts)
{
  if (facts == NULL)
    return;
  _ferry_readiness_host_clear (&facts->source);
  _ferry_readiness_host_clear (&facts->destination);
  g_free (facts->name);
  g_free (facts->uuid);
  g_free (facts->arch);
  g_free (facts->cpu_mode);
  g_free (facts->cpu_model);
  g_free (facts->cpu_compare_error);
  g_ptr_array_unref (facts->disks);
  g_ptr_array_unref (facts->nics);
  g_ptr_array_unref (facts->blocking_devices);
  g_free (facts->clash_name);
  g_free (facts);
}

FerryReadinessPool *
_ferry_readiness_pool_new (const char *name,
                           const char *type,
                           const char *target_path,
                           gboolean    active,
                           guint64     available)
{
  FerryReadinessPool *pool = g_new0 (FerryReadinessPool, 1);

  pool->name = g_strdup (name);
  pool->type = g_strdup (type);
  pool->target_path = g_strdup (target_path);
  pool->active = active;
  pool->available = available;
  return pool;
}

FerryReadinessNetwork *
_ferry_readiness_network_new (const char *name,
                              const char *bridge,
                              gboolean    active)
{
  FerryReadinessNetwork *network = g_new0 (FerryReadinessNetwork, 1);

  network->name = g_strdup (name);
  network->bridge = g_strdup (bridge);
  network->active = active;
  return network;
}

FerryReadinessPool *
_ferry_readiness_host_find_pool (const FerryReadinessHost *host,
                                 const char               *name)
{
  for (guint i = 0; name != NULL && i < host->pools->len; i++)
    {
      FerryReadinessPool *pool = g_ptr_array_index (host->pools, i);

      if (g_strcmp0 (pool->name, name) == 0)
        return pool;
    }
  return NULL;
}
