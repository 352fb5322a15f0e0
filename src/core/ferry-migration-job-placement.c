/* ferry-migration-job-placement.c — after a migration: where the VM runs,
 * asked of both hosts, and the definitions a broken migration left behind.
 *
 * Runs in the migration's worker thread. A host that does not answer is
 * "unknown", never "not there": "running on neither host" is an alarm and
 * must be true. A migration broken at the wrong moment (a daemon restarting
 * during the confirm step, the destination's QEMU dying) leaves a shut-off
 * definition where the VM no longer or never ran; the user asked for exactly
 * one, so Ferry removes such a leftover and says so. A definition that was
 * on the destination before the migration is never touched.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libvirt/virterror.h>

#include "ferry-connection-private.h"
#include "ferry-core-private.h"
#include "ferry-migration-job-private.h"

/* What a host says of the VM. */
enum {
  ACTIVITY_UNKNOWN = -2,   /* the host did not answer */
  ACTIVITY_ABSENT = -1,
  ACTIVITY_DEFINED = 0,
  ACTIVITY_RUNNING = 1,
};

static int
domain_activity (virConnectPtr  conn,
                 const char    *uuid)
{
  virDomainPtr d;
  int active;

  if (conn == NULL)
    return ACTIVITY_UNKNOWN;
  d = virDomainLookupByUUIDString (conn, uuid);
  if (d == NULL)
    {
      /* "No such domain" only counts from a host that still answers. */
      active = virConnectIsAlive (conn) == 1 ? ACTIVITY_ABSENT : ACTIVITY_UNKNOWN;
      virResetLastError ();
      return active;
    }
  active = virDomainIsActive (d);
  virDomainFree (d);
  virResetLastError ();
  return active < 0 ? ACTIVITY_UNKNOWN : active;
}

/* The VM on a host whose connection is gone (a libvirtd restarting after a
 * crash): asked again through new connections, a few times, for at most
 * about 20 s. libvirtd's own recovery of a broken migration runs as it
 * starts, so its answer is the settled one. */
static int
domain_activity_reopened (const char *uri,
                          const char *uuid)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  for (guint attempt = 0; uri != NULL && attempt < 3 && g_get_monotonic_time () < deadline; attempt++)
    {
      virConnectPtr conn = virConnectOpen (uri);
      int activity = domain_activity (conn, uuid);

      if (conn != NULL)
        virConnectClose (conn);
      virResetLastError ();
      if (activity != ACTIVITY_UNKNOWN)
        return activity;
      g_usleep (2 * G_USEC_PER_SEC);
    }
  return ACTIVITY_UNKNOWN;
}

FerryPlacement
_ferry_migration_job_verify_placement (FerryMigrationJob *self)
{
  /* A destination that stopped answering would hang this question too. */
  gboolean lost = g_atomic_int_get (&self->destination_lost);
  int src, dst;

  src = domain_activity (self->sconn, self->uuid);
  if (src == ACTIVITY_UNKNOWN)
    src = domain_activity_reopened (ferry_connection_get_uri (self->source), self->uuid);
  /* Peer-to-peer has no destination connection: look there ourselves. */
  dst = lost ? ACTIVITY_UNKNOWN : domain_activity (self->dconn, self->uuid);
  if (dst == ACTIVITY_UNKNOWN && !lost)
    dst = domain_activity_reopened (self->plan.destination_uri, self->uuid);

  if (src == ACTIVITY_RUNNING && dst == ACTIVITY_RUNNING)
    return FERRY_PLACEMENT_BOTH;
  if (src == ACTIVITY_RUNNING)
    return FERRY_PLACEMENT_SOURCE;
  if (dst == ACTIVITY_RUNNING)
    return FERRY_PLACEMENT_DESTINATION;
  /* "Neither" is an alarm: only when both hosts really said so. */
  if (src == ACTIVITY_UNKNOWN || dst == ACTIVITY_UNKNOWN)
    return FERRY_PLACEMENT_UNKNOWN;
  return FERRY_PLACEMENT_NEITHER;
}

/* Worker, before migrating: does the destination know the VM already? */
gboolean
_ferry_migration_job_destination_has_vm (FerryMigrationJob *self)
{
  /* Peer-to-peer has no destination connection; opening one only for this
   * could ask for a password. Unknown counts as "had it": nothing there will
   * be removed. */
  return domain_activity (self->dconn, self->uuid) != ACTIVITY_ABSENT;
}

/* Undefines the shut-off VM on the host behind @conn (or @uri when @conn is
 * gone); TRUE when a leftover was removed. */
static gboolean
undefine_leftover (virConnectPtr  conn,
                   const char    *uri,
                   const char    *uuid)
{
  virConnectPtr own = NULL;
  virDomainPtr d;
  gboolean removed = FALSE;

  if (conn == NULL || virConnectIsAlive (conn) != 1)
    conn = own = uri != NULL ? virConnectOpen (uri) : NULL;
  if (conn != NULL && (d = virDomainLookupByUUIDString (conn, uuid)) != NULL)
    {
      /* Only a definition that does not run: a running VM is never touched. */
      if (virDomainIsActive (d) == 0)
        removed = virDomainUndefineFlags (d, VIR_DOMAIN_UNDEFINE_KEEP_NVRAM) == 0;
      virDomainFree (d);
    }
  if (own != NULL)
    virConnectClose (own);
  virResetLastError ();
  return removed;
}

/**
 * _ferry_migration_job_tidy_leftovers:
 * @placement: where the VM runs now
 * @destination_had_it: whether the destination knew the VM before
 *
 * Returns: (nullable): what was removed, for the event log
 */
char *
_ferry_migration_job_tidy_leftovers (FerryMigrationJob *self,
                                     FerryPlacement     placement,
                                     gboolean           destination_had_it)
{
  const FerryMigrationPlan *plan = &self->plan;

  if (placement == FERRY_PLACEMENT_DESTINATION && (plan->flags & VIR_MIGRATE_UNDEFINE_SOURCE) &&
      undefine_leftover (self->sconn, ferry_connection_get_uri (self->source), self->uuid))
    return g_strdup (_("Removed the VM’s definition left on the source: the migration was asked to "
                       "undefine it there, and libvirt could not finish that step."));
  if (placement == FERRY_PLACEMENT_SOURCE && !destination_had_it &&
      !g_atomic_int_get (&self->destination_lost) &&
      undefine_leftover (self->dconn, plan->destination_uri, self->uuid))
    return g_strdup (_("Removed the definition the failed migration left on the destination: the "
                       "VM runs on the source only."));
  return NULL;
}
