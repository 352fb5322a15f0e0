/* ferry-migration-job-control.c — acting on a running migration: cancel,
 * tuning, post-copy, and giving up on a destination that stopped answering.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ferry-connection-private.h"
#include "ferry-error.h"
#include "ferry-migration-job-private.h"

/* ----------------------------------------------------------- destination */

#define PROBE_TIMEOUT_SECONDS 10

void
_ferry_migration_job_destination_lost (FerryMigrationJob *self,
                  const char        *why)
{
  if (!_ferry_migration_job_is_running (self) || g_atomic_int_get (&self->destination_lost))
    return;
  g_atomic_int_set (&self->destination_lost, TRUE);
  /* A cancel the user asked for first stays a cancel. */
  if (!self->abort_requested)
    self->lost_reason = g_strdup (why);
  _ferry_migration_job_log (self, FERRY_EVENT_SEVERITY_ERROR,
                            self->destination ? ferry_connection_get_display_name (self->destination) : NULL,
                            why);
  ferry_migration_job_cancel (self);
}

static gboolean
probe_timeout_cb (gpointer user_data)
{
  FerryMigrationJob *self = user_data;

  self->probe_source = 0;
  _ferry_migration_job_destination_lost (self, _("The destination does not answer; aborting so the VM keeps running "
                            "on the source"));
  return G_SOURCE_REMOVE;
}

static void
probe_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  FerryMigrationJob *self = FERRY_MIGRATION_JOB (object);

  if (self->probe_source == 0)
    return;   /* too late: already given up on it */
  g_clear_handle_id (&self->probe_source, g_source_remove);
  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    _ferry_migration_job_destination_lost (self, _("The destination stopped answering; aborting so the VM keeps "
                              "running on the source"));
}

/* A stalled managed-direct migration whose destination is gone would sit in
 * libvirt for many minutes (keepalive does not end it): ask the destination
 * something, and abort if it cannot answer in time. */
void
_ferry_migration_job_probe_destination (FerryMigrationJob *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->plan.peer_to_peer || self->dconn == NULL || self->probe_source != 0)
    return;

  virConnectRef (self->dconn);
  task = g_task_new (self, NULL, probe_cb, NULL);
  g_task_set_source_tag (task, _ferry_migration_job_probe_destination);
  g_task_set_task_data (task, self->dconn, (GDestroyNotify)_ferry_conn_release);
  self->probe_source = g_timeout_add_seconds (PROBE_TIMEOUT_SECONDS, probe_timeout_cb, self);
  g_task_run_in_thread (task, _ferry_migration_job_probe_worker);
}

/* ---------------------------------------------------------------- control */

void
_ferry_migration_job_control_done (FerryMigrationJob *self,
                                   int                what,
                                   GError            *error)
{
  g_autoptr(GError) owned = error;
  static const char *names[] = {
    N_("Cancel"), N_("Bandwidth change"), N_("Post-copy bandwidth change"),
    N_("Max downtime change"), N_("Switch to post-copy"),
  };

  if (owned != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("%s failed: %s"), _(names[what]), owned->message);

      _ferry_migration_job_log (self, FERRY_EVENT_SEVERITY_WARNING, NULL, text);
      return;
    }

  switch (what)
    {
    case FERRY_JOB_CONTROL_POSTCOPY:
      _ferry_migration_job_set_state (self, FERRY_MIGRATION_STATE_POSTCOPY);
      _ferry_migration_job_log (self, FERRY_EVENT_SEVERITY_INFO, NULL,
                                _("Post-copy started: the VM now runs on the destination"));
      break;
    case FERRY_JOB_CONTROL_ABORT:
      _ferry_migration_job_log (self, FERRY_EVENT_SEVERITY_INFO, NULL, _("Cancel requested"));
      break;
    default:
      _ferry_migration_job_log (self, FERRY_EVENT_SEVERITY_INFO, NULL, _(names[what]));
      break;
    }
}

void
_ferry_migration_job_iteration (FerryMigrationJob *self,
                                int                iteration)
{
  g_autofree char *text = g_strdup_printf (_("Memory pass %d"), iteration);

  _ferry_migration_job_log (self, FERRY_EVENT_SEVERITY_INFO, NULL, text);
  if ((guint64)iteration > self->stats.memory_iteration)
    {
      self->stats.memory_iteration = iteration;
      g_object_notify (G_OBJECT (self), "iteration");
    }
  _ferry_migration_job_plan_postcopy (self, iteration);
}

/**
 * ferry_migration_job_cancel:
 *
 * Aborts the migration (virDomainAbortJob): the VM keeps running on the
 * source. After post-copy started there is no going back; libvirt refuses.
 */
void
ferry_migration_job_cancel (FerryMigrationJob *self)
{
  g_return_if_fail (FERRY_IS_MIGRATION_JOB (self));

  self->abort_requested = TRUE;
  if (_ferry_migration_job_is_running (self))
    _ferry_migration_job_control (self, FERRY_JOB_CONTROL_ABORT, 0);
}

void
ferry_migration_job_set_bandwidth (FerryMigrationJob *self,
                                   guint64            mib_per_second)
{
  g_return_if_fail (FERRY_IS_MIGRATION_JOB (self));
  _ferry_migration_job_control (self, self->state == FERRY_MIGRATION_STATE_POSTCOPY ?
                                FERRY_JOB_CONTROL_POSTCOPY_SPEED : FERRY_JOB_CONTROL_SPEED,
                                mib_per_second);
}

void
ferry_migration_job_set_max_downtime (FerryMigrationJob *self,
                                      guint64            milliseconds)
{
  g_return_if_fail (FERRY_IS_MIGRATION_JOB (self));
  self->downtime_applied = TRUE;
  _ferry_migration_job_control (self, FERRY_JOB_CONTROL_DOWNTIME, milliseconds);
}

void
ferry_migration_job_start_postcopy (FerryMigrationJob *self)
{
  g_return_if_fail (FERRY_IS_MIGRATION_JOB (self));
  if (self->state == FERRY_MIGRATION_STATE_MIGRATING)
    _ferry_migration_job_control (self, FERRY_JOB_CONTROL_POSTCOPY, 0);
}
