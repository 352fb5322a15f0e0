/* ferry-migration-attach.c — following a migration Ferry did not start (an
 * earlier Ferry that died, ferry-migrate, `virsh migrate --p2p`): finding such
 * jobs on a host, and the worker that waits for an adopted job to end.
 *
 * An adopted job is an ordinary FerryMigrationJob: the same polling, events
 * log, stall detection, cancel and placement check; only the step that
 * starts the migration is replaced by waiting for the running one to end.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libvirt/virterror.h>

#include "ferry-connection-private.h"
#include "ferry-core-private.h"
#include "ferry-error.h"
#include "ferry-migration-job-private.h"

/* Jobs this process runs, by domain UUID: discovery must never offer one of
 * them again. Main thread only. */
static GHashTable *running_jobs;

void
_ferry_migration_job_register (FerryMigrationJob *self)
{
  if (running_jobs == NULL)
    running_jobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_replace (running_jobs, g_strdup (self->uuid), self);
}

void
_ferry_migration_job_unregister (FerryMigrationJob *self)
{
  if (running_jobs != NULL && g_hash_table_lookup (running_jobs, self->uuid) == self)
    g_hash_table_remove (running_jobs, self->uuid);
}

/**
 * ferry_migration_job_lookup_running:
 * @domain_uuid: the VM's UUID
 *
 * Returns: (transfer none) (nullable): the job this process runs for the VM
 */
FerryMigrationJob *
ferry_migration_job_lookup_running (const char *domain_uuid)
{
  FerryMigrationJob *job;

  g_return_val_if_fail (domain_uuid != NULL, NULL);
  job = running_jobs ? g_hash_table_lookup (running_jobs, domain_uuid) : NULL;
  /* An adopted job that lost its source follows nothing any more, even in the
   * moment before it ends: the migration may be adopted again at once. */
  if (job != NULL && g_atomic_int_get (&job->source_lost))
    return NULL;
  return job;
}

/**
 * ferry_migration_job_new_attached:
 * @source: the host the VM is migrating away from
 * @destination: (nullable): the destination, if Ferry has it open
 * @destination_uri: (nullable): where to look for the VM afterwards when
 *   @destination is not open
 *
 * A job that follows a migration already running on @source. Run it with
 * ferry_migration_job_run_async(); it succeeds only when the VM ends up
 * running on the destination.
 *
 * Returns: (transfer full): the job, not yet attached
 */
FerryMigrationJob *
ferry_migration_job_new_attached (FerryConnection *source,
                                  FerryConnection *destination,
                                  const char      *domain_uuid,
                                  const char      *domain_name,
                                  const char      *destination_uri)
{
  FerryMigrationPlan plan = { 0 };
  FerryMigrationJob *self;

  /* Ferry did not start it, so it cannot drive a managed-direct migration:
   * whatever runs is driven by the source's libvirtd, as peer-to-peer is. */
  plan.peer_to_peer = TRUE;
  plan.postcopy_after = -1;
  plan.destination_uri = g_strdup (destination_uri != NULL ? destination_uri :
                                   destination != NULL ? ferry_connection_get_uri (destination) : NULL);
  self = ferry_migration_job_new (source, destination, domain_uuid, domain_name, &plan);
  self->adopted = TRUE;
  return self;
}

gboolean
ferry_migration_job_get_adopted (FerryMigrationJob *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_JOB (self), FALSE);
  return self->adopted;
}

/**
 * ferry_migration_job_get_source_lost:
 *
 * Returns: %TRUE when an adopted job stopped following because its source
 *   connection was lost: the migration may still run there, and Ferry adopts
 *   it again when the source reconnects
 */
gboolean
ferry_migration_job_get_source_lost (FerryMigrationJob *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_JOB (self), FALSE);
  return g_atomic_int_get (&self->source_lost);
}

const char *
ferry_migration_job_get_domain_uuid (FerryMigrationJob *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_JOB (self), NULL);
  return self->uuid;
}

/* ------------------------------------------------------------- discovery */

/**
 * _ferry_migration_found_kind:
 * @state: virDomainGetState's state, @reason its reason
 * @job_type: the job's type (VIR_DOMAIN_JOB_*), @operation its operation
 *
 * Pure: what a domain's state and job say about a migration out of it.
 */
FerryFoundKind
_ferry_migration_found_kind (int state,
                             int reason,
                             int job_type,
                             int operation)
{
  /* Before the job: a post-copy that failed keeps its job, but nothing runs
   * in it any more. */
  if (state == VIR_DOMAIN_PAUSED && reason == VIR_DOMAIN_PAUSED_POSTCOPY_FAILED)
    return FERRY_FOUND_NEEDS_RECOVERY;
  if (job_type != VIR_DOMAIN_JOB_NONE && operation == VIR_DOMAIN_JOB_OPERATION_MIGRATION_OUT)
    return FERRY_FOUND_RUNNING;
  /* Post-copy that lost its link leaves the VM paused on both hosts, with no
   * job: only "recover" brings it back. */
  if (state == VIR_DOMAIN_PAUSED &&
      (reason == VIR_DOMAIN_PAUSED_POSTCOPY_FAILED || reason == VIR_DOMAIN_PAUSED_POSTCOPY))
    return FERRY_FOUND_NEEDS_RECOVERY;
  /* A client-driven migration whose client died between the destination's
   * last step and the source's: no job is left to end it. */
  if (state == VIR_DOMAIN_PAUSED && reason == VIR_DOMAIN_PAUSED_MIGRATION && job_type == VIR_DOMAIN_JOB_NONE)
    return FERRY_FOUND_INTERRUPTED;
  return FERRY_FOUND_NONE;
}

void
ferry_found_migration_free (FerryFoundMigration *found)
{
  if (found == NULL)
    return;
  g_free (found->uuid);
  g_free (found->name);
  g_free (found);
}

/**
 * _ferry_migration_domain_job:
 * @operation: (out) (optional): the job's VIR_DOMAIN_JOB_OPERATION, 0 when unknown
 *
 * The one answer to "does a job run on this VM", for discovery and settling
 * alike. Worker thread.
 *
 * Returns: the job's VIR_DOMAIN_JOB_* type, or FERRY_JOB_UNKNOWN when the host
 * will not say. No answer is not "no job": a destination refuses statistics
 * for its incoming migration ("available only on the source host"), and its
 * VM then reads paused (migrating) like an interrupted one. Drivers without
 * job statistics (the test driver) have no jobs to report either way.
 */
int
_ferry_migration_domain_job (virDomainPtr  dom,
                             int          *operation)
{
  virTypedParameterPtr params = NULL;
  int nparams = 0, type = VIR_DOMAIN_JOB_NONE, op = 0;

  if (virDomainGetJobStats (dom, &type, &params, &nparams, 0) == 0)
    virTypedParamsGetInt (params, nparams, VIR_DOMAIN_JOB_OPERATION, &op);
  else
    type = FERRY_JOB_UNKNOWN;
  virTypedParamsFree (params, nparams);
  virResetLastError ();
  if (operation != NULL)
    *operation = op;
  return type;
}

static FerryFoundKind
domain_found_kind (virDomainPtr dom)
{
  int operation = 0, state = 0, reason = 0, type;

  if (virDomainGetState (dom, &state, &reason, 0) < 0)
    state = VIR_DOMAIN_NOSTATE;
  type = _ferry_migration_domain_job (dom, &operation);
  return _ferry_migration_found_kind (state, reason, type, operation);
}

static void
find_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify)ferry_found_migration_free);
  virDomainPtr *doms = NULL;
  int n;

  FERRY_LIBVIRT_ENTER ();

  /* Only running or paused domains can have a migration going out. */
  n = virConnectListAllDomains (task_data, &doms, VIR_CONNECT_LIST_DOMAINS_ACTIVE);
  if (n < 0)
    {
      g_autoptr(GError) error = NULL;

      ferry_set_error_from_libvirt (&error, "virConnectListAllDomains");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (int i = 0; i < n; i++)
    {
      FerryFoundKind kind = domain_found_kind (doms[i]);
      char uuid[VIR_UUID_STRING_BUFLEN];

      if (kind != FERRY_FOUND_NONE && virDomainGetUUIDString (doms[i], uuid) == 0)
        {
          FerryFoundMigration *f = g_new0 (FerryFoundMigration, 1);

          f->uuid = g_strdup (uuid);
          f->name = g_strdup (virDomainGetName (doms[i]));
          f->kind = kind;
          g_ptr_array_add (found, f);
        }
      virDomainFree (doms[i]);
    }
  free (doms);
  virResetLastError ();
  g_task_return_pointer (task, g_steal_pointer (&found), (GDestroyNotify)g_ptr_array_unref);
}

/**
 * ferry_connection_find_migrations_async:
 *
 * Looks, off the main thread, for migrations going out of the host that this
 * process does not run itself.
 */
void
ferry_connection_find_migrations_async (FerryConnection     *connection,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  virConnectPtr conn;

  g_return_if_fail (FERRY_IS_CONNECTION (connection));

  task = g_task_new (connection, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_connection_find_migrations_async);
  conn = _ferry_connection_ref_conn (connection);
  if (conn == NULL)
    {
      g_task_return_new_error (task, FERRY_ERROR, FERRY_ERROR_NOT_CONNECTED,
                               _("Not connected to %s"), ferry_connection_get_display_name (connection));
      return;
    }
  g_task_set_task_data (task, conn, (GDestroyNotify)_ferry_conn_release);
  g_task_run_in_thread (task, find_worker);
}

/**
 * ferry_connection_find_migrations_finish:
 *
 * Returns: (transfer full) (element-type FerryFoundMigration): what was
 *   found, without the jobs this process runs; %NULL on error
 */
GPtrArray *
ferry_connection_find_migrations_finish (FerryConnection  *connection,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  GPtrArray *found;

  g_return_val_if_fail (g_task_is_valid (result, connection), NULL);

  found = g_task_propagate_pointer (G_TASK (result), error);
  /* Main thread: the registry of running jobs is read here only. */
  for (guint i = 0; found != NULL && i < found->len;)
    {
      FerryFoundMigration *f = g_ptr_array_index (found, i);

      if (ferry_migration_job_lookup_running (f->uuid) != NULL)
        g_ptr_array_remove_index (found, i);
      else
        i++;
    }
  return found;
}

/* ---------------------------------------------------------------- attach */

/* Waits for the running job to end, then checks both hosts: the adopted
 * counterpart of the migrate worker. */
void
_ferry_migration_job_attach_worker (GTask        *task,
                                    gpointer      source_object,
                                    gpointer      task_data,
                                    GCancellable *cancellable)
{
  FerryMigrationJob *self = source_object;
  FerryMigrateResult *result = g_new0 (FerryMigrateResult, 1);
  int type = VIR_DOMAIN_JOB_UNBOUNDED;
  gboolean asked = TRUE;

  FERRY_LIBVIRT_ENTER ();

  /* Ends when the job does, or when the source stops answering. */
  while (type != VIR_DOMAIN_JOB_NONE)
    {
      virTypedParameterPtr params = NULL;
      int nparams = 0;

      asked = virDomainGetJobStats (self->dom, &type, &params, &nparams, 0) == 0;
      if (!asked)
        type = VIR_DOMAIN_JOB_NONE;
      virTypedParamsFree (params, nparams);
      if (type != VIR_DOMAIN_JOB_NONE)
        g_usleep (G_USEC_PER_SEC / 2);
    }
  virResetLastError ();

  /* The connection, not the job, ended. A peer-to-peer migration is driven by
   * the source's libvirtd and goes on without Ferry: asking where the VM runs
   * now would see it still on the source and call that the end. Nothing is
   * known; rediscovery adopts the migration again when the source reconnects. */
  if (!asked && virConnectIsAlive (self->sconn) != 1)
    {
      virResetLastError ();
      g_atomic_int_set (&self->source_lost, TRUE);
      result->placement = FERRY_PLACEMENT_UNKNOWN;
      /* Worded on the main thread (_ferry_migration_job_source_lost_error):
       * the host's display name may change there. */
      result->error = g_error_new_literal (FERRY_ERROR, FERRY_ERROR_UNREACHABLE, "");
      g_task_return_pointer (task, result, g_free);
      return;
    }

  result->placement = _ferry_migration_job_verify_placement (self);
  /* A cancelled or failed job leaves no completed statistics worth showing
   * (libvirt reports zeros): the last polled ones stay. */
  if (result->placement == FERRY_PLACEMENT_DESTINATION)
    result->have_final_stats = _ferry_migration_job_completed_stats (self, &result->final_stats);
  result->ok = result->placement == FERRY_PLACEMENT_DESTINATION;
  if (!result->ok)
    result->error = g_error_new_literal (FERRY_ERROR, FERRY_ERROR_FAILED,
                                         result->placement == FERRY_PLACEMENT_SOURCE ?
                                         _("The migration ended without moving the VM; it runs on the source.") :
                                         _("The migration ended; the VM is no longer running on the source."));
  /* What ran before on the destination is not known: nothing is tidied. */
  g_task_return_pointer (task, result, g_free);
}

/* Main thread: what an adopted job that lost its source says as its outcome. */
GError *
_ferry_migration_job_source_lost_error (FerryMigrationJob *self)
{
  return g_error_new (FERRY_ERROR, FERRY_ERROR_UNREACHABLE,
                      _("Lost the connection to %s; the migration may still be running there. "
                        "Ferry follows it again when it reconnects."),
                      ferry_connection_get_display_name (self->source));
}
