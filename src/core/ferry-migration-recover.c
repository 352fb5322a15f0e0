/* ferry-migration-recover.c — a post-copy migration that broke off, and its
 * recovery.
 *
 * After the switch to post-copy the VM's memory is split: the destination
 * runs its vCPUs and fetches the pages it lacks from the source. When the
 * link between the two QEMUs breaks, neither host holds a whole VM; QEMU
 * pauses the migration and libvirt keeps it, with the source paused
 * (reason "post-copy failed") and the destination waiting for pages. Nothing
 * is lost yet: once the link works again, the same migration call with
 * VIR_MIGRATE_POSTCOPY_RESUME picks it up where it stopped. Ferry reports
 * this as its own outcome, never as "running on both hosts" or a plain
 * failure, and the recovery runs through the job's usual steps (prepare,
 * migrate, poll, placement) so it ends like any other migration.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libvirt/virterror.h>

#include "ferry-core-private.h"
#include "ferry-error.h"
#include "ferry-migration-job-private.h"

/* Whether a host holds the VM in a broken post-copy migration. */
static gboolean
broken_on (virConnectPtr  conn,
           const char    *uuid)
{
  virDomainPtr d;
  int state = 0, reason = 0;
  gboolean broken;

  if (conn == NULL || (d = virDomainLookupByUUIDString (conn, uuid)) == NULL)
    {
      virResetLastError ();
      return FALSE;
    }
  broken = virDomainGetState (d, &state, &reason, 0) == 0 &&
           ((state == VIR_DOMAIN_PAUSED && reason == VIR_DOMAIN_PAUSED_POSTCOPY_FAILED) ||
            (state == VIR_DOMAIN_RUNNING && reason == VIR_DOMAIN_RUNNING_POSTCOPY_FAILED));
  virDomainFree (d);
  virResetLastError ();
  return broken;
}

/**
 * _ferry_migration_job_postcopy_broken:
 *
 * In the migration's worker thread, after libvirt's migrate call failed.
 * The source answers for the migration it drives; the destination only when
 * the source cannot (its libvirtd is gone).
 */
gboolean
_ferry_migration_job_postcopy_broken (FerryMigrationJob *self)
{
  if (!(self->plan.flags & VIR_MIGRATE_POSTCOPY))
    return FALSE;
  if (virConnectIsAlive (self->sconn) == 1)
    return broken_on (self->sconn, self->uuid);
  return !g_atomic_int_get (&self->destination_lost) && broken_on (self->dconn, self->uuid);
}

/**
 * ferry_migration_recover_advice:
 *
 * Returns: (transfer full): what an admin needs to know about a post-copy
 *   migration that broke off between @source and @destination (host names)
 */
char *
ferry_migration_recover_advice (const char *source,
                                const char *destination)
{
  return g_strdup_printf (_("Post-copy broke off: the VM is paused, its memory split between %s "
                            "and %s. Nothing is lost yet, but it runs nowhere until the migration "
                            "is recovered. Do not start, stop or undefine it on either host. Fix "
                            "the link (or the host) between them, then press Recover (or run "
                            "virsh migrate with --postcopy --postcopy-resume and the same options)."),
                          source, destination);
}

/* Main thread, from the migrate step: the outcome, told. */
GError *
_ferry_migration_job_report_recovery (FerryMigrationJob *self,
                                      const GError      *libvirt_error)
{
  g_autofree char *advice = NULL;

  advice = ferry_migration_recover_advice (ferry_connection_get_display_name (self->source),
                                           self->destination ?
                                           ferry_connection_get_display_name (self->destination) :
                                           self->plan.destination_uri);
  if (libvirt_error != NULL)
    _ferry_migration_job_log (self, FERRY_EVENT_SEVERITY_WARNING, NULL, libvirt_error->message);
  _ferry_migration_job_set_state (self, FERRY_MIGRATION_STATE_NEEDS_RECOVERY);
  _ferry_migration_job_set_message (self, advice);
  _ferry_migration_job_log (self, FERRY_EVENT_SEVERITY_ERROR, NULL, advice);
  return g_error_new_literal (FERRY_ERROR, FERRY_ERROR_FAILED, advice);
}

/**
 * ferry_migration_plan_set_resume:
 *
 * Turns a migration plan into the plan that recovers it. libvirt wants the
 * flags of the migration that broke (so the VM ends persistent where it was
 * asked to, and the source's definition goes if it was to), post-copy among
 * them, plus VIR_MIGRATE_POSTCOPY_RESUME.
 *
 * Returns: %FALSE with @error set when the plan cannot have run in post-copy
 */
gboolean
ferry_migration_plan_set_resume (FerryMigrationPlan  *plan,
                                 GError             **error)
{
  g_return_val_if_fail (plan != NULL, FALSE);

  if (plan->offline || !(plan->flags & VIR_MIGRATE_LIVE))
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT,
                           _("Only a live migration can have run in post-copy; there is nothing "
                             "to recover."));
      return FALSE;
    }
  plan->flags |= VIR_MIGRATE_POSTCOPY | VIR_MIGRATE_POSTCOPY_RESUME;
  plan->postcopy_after = -1;   /* already in post-copy: no switch to plan */
  return TRUE;
}

/**
 * ferry_migration_job_get_recoverable:
 *
 * Returns: whether ferry_migration_job_recover_async() applies: the job broke
 *   off in post-copy, or it was never started (recovering a migration that
 *   another process started and lost)
 */
gboolean
ferry_migration_job_get_recoverable (FerryMigrationJob *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_JOB (self), FALSE);

  return self->task == NULL && !self->adopted &&
         (self->state == FERRY_MIGRATION_STATE_NEEDS_RECOVERY ||
          (self->state == FERRY_MIGRATION_STATE_PREPARING && self->start_usec == 0));
}

/**
 * ferry_migration_job_recover_async:
 *
 * Recovers a post-copy migration that broke off, to the same destination,
 * once its cause is fixed; finish with ferry_migration_job_run_finish(). The
 * job then goes on as a migration in post-copy and ends as one does. If the
 * link is still broken, it ends needing recovery again.
 */
void
ferry_migration_job_recover_async (FerryMigrationJob   *self,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (FERRY_IS_MIGRATION_JOB (self));
  g_return_if_fail (self->task == NULL);

  if (!ferry_migration_job_get_recoverable (self))
    g_set_error_literal (&error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT,
                         _("Only a migration that broke off in post-copy can be recovered."));
  else
    ferry_migration_plan_set_resume (&self->plan, &error);
  if (error != NULL)
    {
      g_task_report_error (self, callback, user_data, ferry_migration_job_recover_async,
                           g_steal_pointer (&error));
      return;
    }

  self->resuming = TRUE;
  self->postcopy_planned = TRUE;
  self->abort_requested = FALSE;
  g_clear_pointer (&self->lost_reason, g_free);
  g_atomic_int_set (&self->destination_lost, 0);
  _ferry_migration_job_set_stalled (self, FALSE);
  _ferry_migration_job_set_state (self, FERRY_MIGRATION_STATE_PREPARING);
  _ferry_migration_job_start (self, callback, user_data);
}

/**
 * ferry_migration_job_new_broken:
 * @destination: (nullable): the destination host; required to recover a
 *   managed-direct migration
 * @plan: the options to recover with (libvirt wants the broken migration's);
 *   the job takes over its contents
 *
 * A job for a VM found paused in a post-copy migration that broke off
 * (FERRY_FOUND_NEEDS_RECOVERY), by a Ferry that did not start it: it starts
 * in the needs-recovery state, told as such, and Recover applies to it.
 *
 * Returns: (transfer full): the job
 */
FerryMigrationJob *
ferry_migration_job_new_broken (FerryConnection    *source,
                                FerryConnection    *destination,
                                const char         *domain_uuid,
                                const char         *domain_name,
                                FerryMigrationPlan *plan)
{
  FerryMigrationJob *self = ferry_migration_job_new (source, destination, domain_uuid, domain_name, plan);

  g_return_val_if_fail (self != NULL, NULL);
  _ferry_migration_job_log (self, FERRY_EVENT_SEVERITY_WARNING, ferry_connection_get_display_name (source),
                            _("Found paused in a post-copy migration that broke off"));
  g_error_free (_ferry_migration_job_report_recovery (self, NULL));
  return self;
}
