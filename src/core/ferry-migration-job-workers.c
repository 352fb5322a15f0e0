/* ferry-migration-job-workers.c — everything a migration job asks libvirt,
 * each in a worker thread: prepare, migrate (blocking until done), poll job
 * statistics, control (abort, speed, downtime, post-copy), and the events
 * that narrate it.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "ferry-connection-private.h"
#include "ferry-core-private.h"
#include "ferry-error.h"
#include "ferry-migration-job-private.h"

/* ----------------------------------------------------------------- events */

static const char *
lifecycle_text (int event,
                int detail)
{
  switch (event)
    {
    case VIR_DOMAIN_EVENT_STARTED:
      return detail == VIR_DOMAIN_EVENT_STARTED_MIGRATED ? _("Started (incoming migration)")
                                                         : _("Started");
    case VIR_DOMAIN_EVENT_SUSPENDED:
      switch (detail)
        {
        case VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED:
          return _("Paused for the final switch-over");
        case VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY:
          return _("Paused: running on the destination (post-copy)");
        case VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY_FAILED:
          return _("Paused: post-copy failed; the VM needs recovery");
        default:
          return _("Paused");
        }
    case VIR_DOMAIN_EVENT_RESUMED:
      switch (detail)
        {
        case VIR_DOMAIN_EVENT_RESUMED_MIGRATED:
          return _("Resumed after migration");
        case VIR_DOMAIN_EVENT_RESUMED_POSTCOPY:
          return _("Resumed in post-copy");
        default:
          return _("Resumed");
        }
    case VIR_DOMAIN_EVENT_STOPPED:
      return detail == VIR_DOMAIN_EVENT_STOPPED_MIGRATED ? _("Stopped (migrated away)")
                                                         : _("Stopped");
    case VIR_DOMAIN_EVENT_DEFINED:
      return _("Defined");
    case VIR_DOMAIN_EVENT_UNDEFINED:
      return _("Undefined");
    default:
      return _("State changed");
    }
}

typedef struct
{
  GWeakRef  job;
  char     *host;
} EventContext;

static void
event_context_free (void *opaque)
{
  EventContext *ctx = opaque;

  g_weak_ref_clear (&ctx->job);
  g_free (ctx->host);
  g_free (ctx);
}

static EventContext *
event_context_new (FerryMigrationJob *self,
                   FerryConnection   *connection)
{
  EventContext *ctx = g_new0 (EventContext, 1);

  g_weak_ref_init (&ctx->job, self);
  ctx->host = g_strdup (connection ? ferry_connection_get_display_name (connection) : NULL);
  return ctx;
}

/* Main thread (libvirt's event loop runs on the GLib main context). */
static int
lifecycle_cb (virConnectPtr  conn,
              virDomainPtr   dom,
              int            event,
              int            detail,
              void          *opaque)
{
  EventContext *ctx = opaque;
  g_autoptr(FerryMigrationJob) self = g_weak_ref_get (&ctx->job);
  char uuid[VIR_UUID_STRING_BUFLEN];

  if (self == NULL || virDomainGetUUIDString (dom, uuid) != 0 || g_strcmp0 (uuid, self->uuid) != 0)
    return 0;
  _ferry_migration_job_log (self,
                            event == VIR_DOMAIN_EVENT_SUSPENDED &&
                            detail == VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY_FAILED ?
                            FERRY_EVENT_SEVERITY_ERROR : FERRY_EVENT_SEVERITY_INFO,
                            ctx->host, lifecycle_text (event, detail));
  return 0;
}

static int
iteration_cb (virConnectPtr  conn,
              virDomainPtr   dom,
              int            iteration,
              void          *opaque)
{
  EventContext *ctx = opaque;
  g_autoptr(FerryMigrationJob) self = g_weak_ref_get (&ctx->job);

  if (self != NULL)
    _ferry_migration_job_iteration (self, iteration);
  return 0;
}

static int
job_completed_cb (virConnectPtr         conn,
                  virDomainPtr          dom,
                  virTypedParameterPtr  params,
                  int                   nparams,
                  void                 *opaque)
{
  EventContext *ctx = opaque;
  g_autoptr(FerryMigrationJob) self = g_weak_ref_get (&ctx->job);
  FerryJobStats stats;
  g_autofree char *text = NULL;

  if (self == NULL)
    return 0;
  ferry_job_stats_parse (&stats, FERRY_JOB_TYPE_COMPLETED, params, nparams);
  if (stats.has_downtime)
    text = g_strdup_printf (_("Job completed; downtime %" G_GUINT64_FORMAT " ms"), stats.downtime_ms);
  _ferry_migration_job_log (self, FERRY_EVENT_SEVERITY_INFO, ctx->host,
                            text ? text : _("Job completed"));
  return 0;
}

/* ---------------------------------------------------------------- prepare */

/* Looks the VM up on the source and starts listening to its events there and
 * on the destination, before anything moves. */
void
_ferry_migration_job_prepare_worker (GTask        *task,
                                     gpointer      source_object,
                                     gpointer      task_data,
                                     GCancellable *cancellable)
{
  FerryMigrationJob *self = source_object;
  g_autoptr(GError) error = NULL;
  virDomainPtr dom;

  FERRY_LIBVIRT_ENTER ();

  dom = virDomainLookupByUUIDString (self->sconn, self->uuid);
  if (dom == NULL)
    {
      ferry_set_error_from_libvirt (&error, "virDomainLookupByUUIDString");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The outcome rule needs to know whether the VM ran before it moved. */
  self->was_active = virDomainIsActive (dom) == 1;

  self->callback_ids[0] =
    virConnectDomainEventRegisterAny (self->sconn, dom, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                      VIR_DOMAIN_EVENT_CALLBACK (lifecycle_cb),
                                      event_context_new (self, self->source), event_context_free);
  self->callback_ids[1] =
    virConnectDomainEventRegisterAny (self->sconn, dom, VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION,
                                      VIR_DOMAIN_EVENT_CALLBACK (iteration_cb),
                                      event_context_new (self, self->source), event_context_free);
  self->callback_ids[2] =
    virConnectDomainEventRegisterAny (self->sconn, dom, VIR_DOMAIN_EVENT_ID_JOB_COMPLETED,
                                      VIR_DOMAIN_EVENT_CALLBACK (job_completed_cb),
                                      event_context_new (self, self->source), event_context_free);
  /* The VM does not exist on the destination yet: watch all, filter by UUID. */
  if (self->dconn != NULL)
    self->callback_ids[3] =
      virConnectDomainEventRegisterAny (self->dconn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                        VIR_DOMAIN_EVENT_CALLBACK (lifecycle_cb),
                                        event_context_new (self, self->destination),
                                        event_context_free);
  virResetLastError ();

  g_task_return_pointer (task, dom, (GDestroyNotify)virDomainFree);
}

/* ---------------------------------------------------------------- migrate */

static gboolean
completed_stats (virConnectPtr  conn,
                 const char    *uuid,
                 FerryJobStats *stats)
{
  virTypedParameterPtr params = NULL;
  int nparams = 0, type = 0;
  virDomainPtr d;
  gboolean ok;

  if (conn == NULL || (d = virDomainLookupByUUIDString (conn, uuid)) == NULL)
    {
      virResetLastError ();
      return FALSE;
    }
  ok = virDomainGetJobStats (d, &type, &params, &nparams, VIR_DOMAIN_JOB_STATS_COMPLETED) == 0 &&
       type == VIR_DOMAIN_JOB_COMPLETED;
  if (ok)
    ferry_job_stats_parse (stats, type, params, nparams);
  virTypedParamsFree (params, nparams);
  virDomainFree (d);
  virResetLastError ();
  return ok;
}

/* The destination keeps the completed job's statistics (the source's copy
 * goes with the undefined domain). */
gboolean
_ferry_migration_job_completed_stats (FerryMigrationJob *self,
                                      FerryJobStats     *stats)
{
  return (!g_atomic_int_get (&self->destination_lost) && completed_stats (self->dconn, self->uuid, stats)) ||
         completed_stats (self->sconn, self->uuid, stats);
}

/* Blocks until libvirt finishes the migration, then checks both hosts. */
void
_ferry_migration_job_migrate_worker (GTask        *task,
                                     gpointer      source_object,
                                     gpointer      task_data,
                                     GCancellable *cancellable)
{
  FerryMigrationJob *self = source_object;
  FerryMigrateResult *result = g_new0 (FerryMigrateResult, 1);
  const FerryMigrationPlan *plan = &self->plan;
  gboolean destination_had_it;
  int ret;

  FERRY_LIBVIRT_ENTER ();

  /* A definition the destination has before is the user's, never tidied away. */
  destination_had_it = _ferry_migration_job_destination_has_vm (self);
  if (plan->peer_to_peer)
    {
      ret = virDomainMigrateToURI3 (self->dom, plan->destination_uri,
                                    plan->params, plan->nparams, plan->flags);
    }
  else
    {
      virDomainPtr ddom = virDomainMigrate3 (self->dom, self->dconn,
                                             plan->params, plan->nparams, plan->flags);
      ret = ddom != NULL ? 0 : -1;
      if (ddom != NULL)
        virDomainFree (ddom);
    }
  if (ret < 0)
    {
      ferry_set_error_from_libvirt (&result->error, "migrate");
      /* When the destination's libvirtd dies in a migration the client drives,
       * libvirt fails with no cause at all ("An error occurred, but the cause is
       * unknown"): say which host went away. */
      if (!plan->peer_to_peer && virConnectIsAlive (self->dconn) != 1)
        g_prefix_error_literal (&result->error,
                                _("Lost the connection to the destination host during the migration "
                                  "(its libvirtd stopped or the network failed). libvirt said: "));
    }
  result->ok = ret == 0;

  result->have_final_stats = _ferry_migration_job_completed_stats (self, &result->final_stats);
  result->placement = _ferry_migration_job_verify_placement (self);
  /* Both hosts hold part of a broken post-copy VM: nothing is a leftover. */
  result->needs_recovery = !result->ok && _ferry_migration_job_postcopy_broken (self);
  if (result->needs_recovery)
    result->placement = FERRY_PLACEMENT_UNKNOWN;   /* split, not "both" */
  else
    result->tidied = _ferry_migration_job_tidy_leftovers (self, result->placement, destination_had_it);

  g_task_return_pointer (task, result, g_free);
}

/* ------------------------------------------------------------------- poll */

void
_ferry_migration_job_poll_worker (GTask        *task,
                                  gpointer      source_object,
                                  gpointer      task_data,
                                  GCancellable *cancellable)
{
  virTypedParameterPtr params = NULL;
  int nparams = 0, type = 0;
  FerryJobStats *stats;

  FERRY_LIBVIRT_ENTER ();

  if (virDomainGetJobStats (task_data, &type, &params, &nparams, 0) < 0)
    {
      g_autoptr(GError) error = NULL;

      ferry_set_error_from_libvirt (&error, "virDomainGetJobStats");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  stats = g_new0 (FerryJobStats, 1);
  ferry_job_stats_parse (stats, type, params, nparams);
  virTypedParamsFree (params, nparams);
  g_task_return_pointer (task, stats, g_free);
}

/* ------------------------------------------------------------------ probe */

/* Any cheap RPC: an answer proves the destination still listens. */
void
_ferry_migration_job_probe_worker (GTask        *task,
                                   gpointer      source_object,
                                   gpointer      task_data,
                                   GCancellable *cancellable)
{
  unsigned long version = 0;

  FERRY_LIBVIRT_ENTER ();
  if (virConnectGetLibVersion (task_data, &version) < 0)
    {
      virResetLastError ();
      g_task_return_new_error (task, FERRY_ERROR, FERRY_ERROR_UNREACHABLE, "no answer");
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* ---------------------------------------------------------------- control */

typedef struct
{
  virDomainPtr dom;
  int          what;
  guint64      value;
} Control;

static void
control_free (Control *control)
{
  virDomainFree (control->dom);
  g_free (control);
}

static void
control_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Control *c = task_data;
  g_autoptr(GError) error = NULL;
  int ret = -1;

  FERRY_LIBVIRT_ENTER ();

  switch (c->what)
    {
    case FERRY_JOB_CONTROL_ABORT:
      ret = virDomainAbortJob (c->dom);
      break;
    case FERRY_JOB_CONTROL_SPEED:
      ret = virDomainMigrateSetMaxSpeed (c->dom, c->value, 0);
      break;
    case FERRY_JOB_CONTROL_POSTCOPY_SPEED:
      ret = virDomainMigrateSetMaxSpeed (c->dom, c->value, VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY);
      break;
    case FERRY_JOB_CONTROL_DOWNTIME:
      ret = virDomainMigrateSetMaxDowntime (c->dom, c->value, 0);
      break;
    case FERRY_JOB_CONTROL_POSTCOPY:
      ret = virDomainMigrateStartPostCopy (c->dom, 0);
      break;
    default:
      g_assert_not_reached ();
    }
  if (ret < 0)
    {
      ferry_set_error_from_libvirt (&error, "migration control");
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_boolean (task, TRUE);
}

static void
control_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Control *c = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  _ferry_migration_job_control_done (FERRY_MIGRATION_JOB (object), c->what, error);
}

/* Main thread. */
void
_ferry_migration_job_control (FerryMigrationJob *self,
                              int                what,
                              guint64            value)
{
  g_autoptr(GTask) task = NULL;
  Control *c;

  if (self->dom == NULL)
    return;

  c = g_new0 (Control, 1);
  c->dom = self->dom;
  virDomainRef (c->dom);
  c->what = what;
  c->value = value;
  task = g_task_new (self, NULL, control_cb, NULL);
  g_task_set_source_tag (task, _ferry_migration_job_control);
  g_task_set_task_data (task, c, (GDestroyNotify)control_free);
  g_task_run_in_thread (task, control_worker);
}

/* -------------------------------------------------------------- teardown */

typedef struct
{
  virConnectPtr sconn;
  virConnectPtr dconn;
  virDomainPtr  dom;
  int           ids[4];
} Unwatch;

static void
unwatch_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Unwatch *u = task_data;

  FERRY_LIBVIRT_ENTER ();
  for (guint i = 0; i < 3; i++)
    if (u->ids[i] >= 0)
      virConnectDomainEventDeregisterAny (u->sconn, u->ids[i]);
  if (u->dconn != NULL && u->ids[3] >= 0)
    virConnectDomainEventDeregisterAny (u->dconn, u->ids[3]);
  virResetLastError ();
  if (u->dom != NULL)
    virDomainFree (u->dom);
  if (u->sconn != NULL)
    virConnectClose (u->sconn);
  if (u->dconn != NULL)
    virConnectClose (u->dconn);
  g_task_return_boolean (task, TRUE);
}

/* Main thread: hands the job's libvirt handles and event registrations to a
 * worker that lets go of them. */
void
_ferry_migration_job_unwatch (FerryMigrationJob *self)
{
  g_autoptr(GTask) task = NULL;
  Unwatch *u;

  if (self->sconn == NULL && self->dconn == NULL && self->dom == NULL)
    return;

  u = g_new0 (Unwatch, 1);
  u->sconn = g_steal_pointer (&self->sconn);
  u->dconn = g_steal_pointer (&self->dconn);
  u->dom = g_steal_pointer (&self->dom);
  memcpy (u->ids, self->callback_ids, sizeof u->ids);
  for (guint i = 0; i < G_N_ELEMENTS (self->callback_ids); i++)
    self->callback_ids[i] = -1;

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, _ferry_migration_job_unwatch);
  g_task_set_task_data (task, u, g_free);
  g_task_run_in_thread (task, unwatch_worker);
}
