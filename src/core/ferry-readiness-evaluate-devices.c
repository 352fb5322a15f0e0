/* ferry-readiness-evaluate-devices.c — devices that block migration, and the
 * networks and bridges the VM's NICs need on the destination. Pure.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ferry-readiness-private.h"

static void
check_devices (GPtrArray                 *results,
               const FerryReadinessFacts *f,
               FerryMigrationOptions     *options)
{
  g_autoptr(GString) facts = g_string_new (NULL);
  gboolean offline = ferry_migration_options_get_mode (options) == FERRY_MIGRATION_MODE_OFFLINE;

  if (f->blocking_devices->len == 0)
    {
      _ferry_readiness_add (results, "devices", NULL, FERRY_READINESS_OK,
                            _("No devices that block migration"), NULL,
                            _("No host devices, mediated devices or filesystem passthrough."),
                            NULL, NULL);
      return;
    }
  for (guint i = 0; i < f->blocking_devices->len; i++)
    g_string_append_printf (facts, "%s%s", i ? "; " : "", (char *)g_ptr_array_index (f->blocking_devices, i));
  if (offline)
    _ferry_readiness_add (results, "devices", NULL, FERRY_READINESS_WARNING,
                          _("The VM uses devices of this host"),
                          _("An offline migration moves the definition, but the VM will start on "
                            "the destination only if the same devices exist there."),
                          facts->str, NULL, NULL);
  else
    _ferry_readiness_add (results, "devices", NULL, FERRY_READINESS_BLOCKER,
                          _("The VM uses devices that cannot migrate"),
                          _("Devices handed to the VM from the host (PCI passthrough, SR-IOV "
                            "functions, vGPUs) and shared folders (virtiofs, 9p) keep state QEMU "
                            "cannot move. Remove them from the VM (hot-unplug), or shut it down "
                            "and migrate offline."),
                          facts->str, NULL, NULL);
}

static const FerryReadinessNetwork *
find_network (const FerryReadinessHost *host,
              const char               *name,
              gboolean                  by_bridge)
{
  for (guint i = 0; i < host->networks->len; i++)
    {
      const FerryReadinessNetwork *network = g_ptr_array_index (host->networks, i);

      if (g_strcmp0 (by_bridge ? network->bridge : network->name, name) == 0)
        return network;
    }
  return NULL;
}

static void
check_network (GPtrArray                 *results,
               const FerryReadinessFacts *f,
               const char                *name,
               FerryReadinessSeverity     bad)
{
  const FerryReadinessNetwork *network = find_network (&f->destination, name, FALSE);
  g_autofree char *title = NULL;
  g_autofree char *facts = NULL;

  if (network == NULL)
    {
      title = g_strdup_printf (_("Network “%s” is missing on the destination"), name);
      facts = g_strdup_printf (_("A NIC uses virtual network “%s”; the destination has no network of that name."), name);
      _ferry_readiness_add (results, "networks", name, bad, title,
                            _("The VM’s network card is plugged into a libvirt virtual network, and "
                              "QEMU on the destination cannot start without it. Define the same "
                              "network there."),
                            facts, "define-network-on-destination", _("Define Network on Destination"));
    }
  else if (!network->active)
    {
      title = g_strdup_printf (_("Network “%s” is not active on the destination"), name);
      facts = g_strdup_printf (_("Network “%s” is defined on the destination but not started."), name);
      _ferry_readiness_add (results, "networks", name, bad, title,
                            _("The network exists on the destination but is not started, so the "
                              "VM’s network card could not be connected there."),
                            facts, "define-network-on-destination", _("Start Network on Destination"));
    }
  else
    {
      title = g_strdup_printf (_("Network “%s” is active on the destination"), name);
      _ferry_readiness_add (results, "networks", name, FERRY_READINESS_OK, title, NULL, NULL, NULL, NULL);
    }
}

/* A bridge or a macvtap parent device: a host interface the destination must have. */
static void
check_interface (GPtrArray                 *results,
                 const FerryReadinessFacts *f,
                 const char                *name,
                 FerryReadinessSeverity     bad)
{
  const char * const *interfaces = (const char * const *)f->destination.interfaces;
  g_autofree char *title = NULL;

  if (find_network (&f->destination, name, TRUE) != NULL ||
      (interfaces != NULL && g_strv_contains (interfaces, name)))
    {
      title = g_strdup_printf (_("Host interface “%s” exists on the destination"), name);
      _ferry_readiness_add (results, "networks", name, FERRY_READINESS_OK, title, NULL, NULL, NULL, NULL);
    }
  else if (interfaces == NULL)
    {
      title = g_strdup_printf (_("Could not check host interface “%s” on the destination"), name);
      _ferry_readiness_add (results, "networks", name, FERRY_READINESS_WARNING, title,
                            _("The destination does not list its host interfaces to libvirt. Make "
                              "sure a bridge or device of this name exists there, or the VM will "
                              "not start."),
                            NULL, NULL, NULL);
    }
  else
    {
      title = g_strdup_printf (_("Host interface “%s” is missing on the destination"), name);
      _ferry_readiness_add (results, "networks", name, bad, title,
                            _("The VM’s network card is attached directly to this host interface "
                              "(a bridge or a physical device). Create one of the same name on the "
                              "destination."),
                            NULL, NULL, NULL);
    }
}

static void
check_networks (GPtrArray                 *results,
                const FerryReadinessFacts *f,
                FerryMigrationOptions     *options)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  FerryReadinessSeverity bad = ferry_migration_options_get_mode (options) == FERRY_MIGRATION_MODE_OFFLINE
                                 ? FERRY_READINESS_WARNING : FERRY_READINESS_BLOCKER;

  for (guint i = 0; i < f->nics->len; i++)
    {
      const FerryReadinessNic *nic = g_ptr_array_index (f->nics, i);

      if (nic->source == NULL || !g_hash_table_add (seen, nic->source))
        continue;
      if (g_strcmp0 (nic->type, "network") == 0)
        check_network (results, f, nic->source, bad);
      else if (g_strcmp0 (nic->type, "bridge") == 0 || g_strcmp0 (nic->type, "direct") == 0)
        check_interface (results, f, nic->source, bad);
    }
  if (g_hash_table_size (seen) == 0)
    _ferry_readiness_add (results, "networks", NULL, FERRY_READINESS_OK,
                          _("No network the destination must provide"), NULL, NULL, NULL, NULL);
}

void
_ferry_readiness_evaluate_devices (GPtrArray                 *results,
                                   const FerryReadinessFacts *f,
                                   FerryMigrationOptions     *options)
{
  check_devices (results, f, options);
  check_networks (results, f, options);
}
