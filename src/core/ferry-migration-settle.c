/* ferry-migration-settle.c — a migration whose driver (a client-driven
 * migration's Ferry, killed or crashed) died between the destination's last
 * step and the source's. libvirt then keeps the source's QEMU paused for
 * good ("migrating" with no job, or, in post-copy, "post-copy failed" with a
 * job no resume can end), whether or not the VM runs on the destination:
 * nobody is left to confirm or cancel. Ferry decides what that
 * last step would have been, from what both hosts show, and does it:
 *
 *  - the destination runs the VM, having finished receiving it ("migrated"):
 *    the paused copy on the source is stale; stop it (and remove its
 *    definition when the migration was to undefine it), as libvirt's own
 *    confirm step does. Resuming it would run the VM twice.
 *  - the destination does not have the VM at all: the switch never happened;
 *    resume it on the source, as libvirt's cancel step does.
 *  - anything else (destination unknown or unreachable, post-copy still
 *    pulling memory from the source, a paused copy there too): touch nothing
 *    and say why. Stopping the source in post-copy would lose the VM.
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
#include "ferry-migration-settle.h"
#include "ferry-migration-job-private.h"
#include "ferry-migration-settle-private.h"

typedef struct
{
  virConnectPtr     sconn;
  virConnectPtr     dconn;      /* NULL: destination not connected */
  char             *uuid;
  char             *source_name;
  char             *destination_name;
  gboolean          undefine_source;
  FerrySettleResult result;
  char             *message;
} SettleData;

static void
settle_data_free (SettleData *data)
{
  _ferry_conn_release (data->sconn);
  _ferry_conn_release (data->dconn);
  g_free (data->uuid);
  g_free (data->source_name);
  g_free (data->destination_name);
  g_free (data->message);
  g_free (data);
}

/**
 * _ferry_migration_settle_decide:
 * @source_state, @source_reason: virDomainGetState on the source
 * @source_has_job: whether a job still runs there
 * @destination_known: whether the destination could be asked
 * @destination_state, @destination_reason: the VM there; VIR_DOMAIN_NOSTATE
 *   when it has no running or paused VM with that UUID
 *
 * Pure: the step that settles it (see the file comment).
 */
FerrySettleResult
_ferry_migration_settle_decide (int      source_state,
                                int      source_reason,
                                gboolean source_has_job,
                                gboolean destination_known,
                                int      destination_state,
                                int      destination_reason)
{
  if (source_state != VIR_DOMAIN_PAUSED)
    return FERRY_SETTLE_NOTHING;
  /* libvirt also calls a post-copy "failed" when only its client died: QEMU
   * finished, the destination says "migrated", and the source keeps its job
   * and a stale copy that no resume can end ("migration is still running").
   * A post-copy that really broke never reads "migrated" on the destination:
   * that one is recovery's business. */
  if (source_reason == VIR_DOMAIN_PAUSED_POSTCOPY_FAILED)
    return destination_known && destination_state == VIR_DOMAIN_RUNNING &&
           destination_reason == VIR_DOMAIN_RUNNING_MIGRATED ? FERRY_SETTLE_FINISHED : FERRY_SETTLE_NOTHING;
  if (source_reason != VIR_DOMAIN_PAUSED_MIGRATION || source_has_job)
    return FERRY_SETTLE_NOTHING;
  if (!destination_known)
    return FERRY_SETTLE_UNDECIDED;
  /* "Migrated": the destination finished receiving it (in post-copy the
   * reason stays "post-copy" until the last page arrived). Any other reason
   * may be a different start of the same VM: nothing is stopped on a guess. */
  if (destination_state == VIR_DOMAIN_RUNNING && destination_reason == VIR_DOMAIN_RUNNING_MIGRATED)
    return FERRY_SETTLE_FINISHED;
  if (destination_state == VIR_DOMAIN_NOSTATE)
    return FERRY_SETTLE_RESUMED;
  return FERRY_SETTLE_UNDECIDED;
}

/* The VM's state on a host: VIR_DOMAIN_NOSTATE when it is not active there.
 * FALSE when the host could not be asked. */
static gboolean
active_state (virConnectPtr conn,
              const char   *uuid,
              int          *state,
              int          *reason)
{
  virDomainPtr dom = virDomainLookupByUUIDString (conn, uuid);
  gboolean asked = TRUE;

  *state = VIR_DOMAIN_NOSTATE;
  *reason = 0;
  if (dom == NULL)
    {
      asked = virGetLastErrorCode () == VIR_ERR_NO_DOMAIN;
      virResetLastError ();
      return asked;
    }
  if (virDomainIsActive (dom) == 1)
    asked = virDomainGetState (dom, state, reason, 0) == 0;
  virDomainFree (dom);
  virResetLastError ();
  return asked;
}

/* Does the step. Worker thread. */
static gboolean
settle_do (SettleData   *data,
           virDomainPtr  dom,
           const char   *name,
           GError      **error)
{
  switch (data->result)
    {
    case FERRY_SETTLE_FINISHED:
      if (virDomainDestroy (dom) < 0)
        {
          ferry_set_error_from_libvirt (error, "virDomainDestroy");
          return FALSE;
        }
      if (data->undefine_source && virDomainIsPersistent (dom) == 1 && virDomainUndefine (dom) < 0)
        {
          ferry_set_error_from_libvirt (error, "virDomainUndefine");
          return FALSE;
        }
      data->message = g_strdup_printf (data->undefine_source ?
                                       _("The migration of %s to %s had finished, but its last step on %s "
                                         "never ran. Ferry stopped the stale paused copy on %s and removed its "
                                         "definition there. The VM runs on %s.") :
                                       _("The migration of %s to %s had finished, but its last step on %s "
                                         "never ran. Ferry stopped the stale paused copy on %s; its definition "
                                         "stays there. The VM runs on %s."),
                                       name, data->destination_name, data->source_name,
                                       data->source_name, data->destination_name);
      return TRUE;
    case FERRY_SETTLE_RESUMED:
      if (virDomainResume (dom) < 0)
        {
          ferry_set_error_from_libvirt (error, "virDomainResume");
          return FALSE;
        }
      data->message = g_strdup_printf (_("The migration of %s stopped before the VM ran on %s. "
                                         "Ferry resumed it on %s, where it keeps running."),
                                       name, data->destination_name, data->source_name);
      return TRUE;
    case FERRY_SETTLE_UNDECIDED:
      data->message = g_strdup_printf (data->dconn == NULL ?
                                       _("%s is paused on %s by a migration that was interrupted. Connect "
                                         "its destination so Ferry can tell where it must run; until then, "
                                         "do not resume it.") :
                                       _("%s is paused on %s by a migration that was interrupted, and %s "
                                         "does not show it finished. Ferry left both alone; do not resume it "
                                         "on %s before you know where it runs."),
                                       name, data->source_name, data->destination_name, data->source_name);
      return TRUE;
    case FERRY_SETTLE_NOTHING:
    default:
      return TRUE;
    }
}

static void
settle_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SettleData *data = task_data;
  g_autoptr(GError) error = NULL;
  virDomainPtr dom;
  int state = 0, reason = 0, dstate = VIR_DOMAIN_NOSTATE, dreason = 0;
  gboolean known;

  FERRY_LIBVIRT_ENTER ();

  dom = virDomainLookupByUUIDString (data->sconn, data->uuid);
  if (dom == NULL)
    {
      virResetLastError ();
      g_task_return_int (task, FERRY_SETTLE_NOTHING);
      return;
    }
  if (virDomainGetState (dom, &state, &reason, 0) < 0)
    state = VIR_DOMAIN_NOSTATE;
  known = data->dconn != NULL && active_state (data->dconn, data->uuid, &dstate, &dreason);
  data->result = _ferry_migration_settle_decide (state, reason,
                                                 _ferry_migration_domain_job (dom, NULL) != VIR_DOMAIN_JOB_NONE,
                                                 known, dstate, dreason);
  if (!settle_do (data, dom, virDomainGetName (dom), &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, data->result);
  virDomainFree (dom);
  virResetLastError ();
}

/**
 * ferry_migration_settle_async:
 * @source: the host the VM was migrating away from
 * @destination: (nullable): where it was going, if Ferry has it open
 * @undefine_source: whether the migration was to remove the source's
 *   definition (what Ferry can no longer know when another process started it)
 *
 * Off the main thread: finds a VM that an interrupted migration left paused on
 * @source with no job, and does the step that migration never did.
 */
void
ferry_migration_settle_async (FerryConnection     *source,
                              FerryConnection     *destination,
                              const char          *domain_uuid,
                              gboolean             undefine_source,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SettleData *data;

  g_return_if_fail (FERRY_IS_CONNECTION (source));
  g_return_if_fail (destination == NULL || FERRY_IS_CONNECTION (destination));
  g_return_if_fail (domain_uuid != NULL);

  task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_migration_settle_async);
  data = g_new0 (SettleData, 1);
  data->sconn = _ferry_connection_ref_conn (source);
  data->dconn = destination != NULL ? _ferry_connection_ref_conn (destination) : NULL;
  data->uuid = g_strdup (domain_uuid);
  data->source_name = g_strdup (ferry_connection_get_display_name (source));
  data->destination_name = g_strdup (destination != NULL ? ferry_connection_get_display_name (destination) :
                                     _("the destination"));
  data->undefine_source = undefine_source;
  g_task_set_task_data (task, data, (GDestroyNotify)settle_data_free);
  if (data->sconn == NULL)
    {
      g_task_return_new_error (task, FERRY_ERROR, FERRY_ERROR_NOT_CONNECTED, _("Not connected to %s"),
                               data->source_name);
      return;
    }
  g_task_run_in_thread (task, settle_worker);
}

/**
 * ferry_migration_settle_finish:
 * @message: (out) (optional) (transfer full): what Ferry did or why it did
 *   nothing, for the user; %NULL for %FERRY_SETTLE_NOTHING
 *
 * Returns: what was done; %FERRY_SETTLE_NOTHING with @error set on failure
 */
FerrySettleResult
ferry_migration_settle_finish (FerryConnection  *source,
                               GAsyncResult     *result,
                               char            **message,
                               GError          **error)
{
  SettleData *data;
  gssize r;

  g_return_val_if_fail (g_task_is_valid (result, source), FERRY_SETTLE_NOTHING);

  data = g_task_get_task_data (G_TASK (result));
  r = g_task_propagate_int (G_TASK (result), error);
  if (message != NULL)
    *message = r > 0 ? g_strdup (data->message) : NULL;
  return r < 0 ? FERRY_SETTLE_NOTHING : (FerrySettleResult)r;
}
