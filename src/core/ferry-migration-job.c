/* ferry-migration-job.c — one VM moving between two hosts: its state, its
 * progress from job statistics, control while it runs, and the verified
 * outcome. All libvirt work is in ferry-migration-job-workers.c.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ferry-connection-private.h"
#include "ferry-disk-cache.h"
#include "ferry-enums.h"
#include "ferry-error.h"
#include "ferry-migration-job-private.h"
#include "ferry-migration-options.h"
#include "ferry-migration-params.h"

/* ≥ 2 Hz, so progress is never more than half a second behind. */
#define POLL_INTERVAL_MS 400
#define DEFAULT_STALL_TIMEOUT 30

enum {
  PROP_0,
  PROP_STATE,
  PROP_PLACEMENT,
  PROP_MESSAGE,
  PROP_STALLED,
  PROP_FRACTION,
  PROP_DATA_PROCESSED,
  PROP_DATA_REMAINING,
  PROP_DATA_TOTAL,
  PROP_SPEED,
  PROP_DIRTY_RATE,
  PROP_ITERATION,
  PROP_EXPECTED_DOWNTIME,
  PROP_ELAPSED,
  PROP_ETA,
  N_PROPS
};

enum {
  SIGNAL_SAMPLE_ADDED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (FerryMigrationJob, ferry_migration_job, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- helpers */

void
_ferry_migration_job_log (FerryMigrationJob  *self,
                          FerryEventSeverity  severity,
                          const char         *host,
                          const char         *message)
{
  g_autoptr(FerryEvent) event = ferry_event_new (severity, host, self->name, message);
  g_autofree char *line = ferry_event_to_string (event);

  g_debug ("migration: %s", line);
  g_list_store_append (self->events, event);
}

void
_ferry_migration_job_set_state (FerryMigrationJob   *self,
           FerryMigrationState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  self->went_postcopy |= state == FERRY_MIGRATION_STATE_POSTCOPY;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_ferry_migration_job_set_message (FerryMigrationJob *self,
             const char        *message)
{
  if (g_strcmp0 (self->message, message) == 0)
    return;
  g_free (self->message);
  self->message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

void
_ferry_migration_job_set_stalled (FerryMigrationJob *self,
             gboolean           stalled)
{
  if (self->stalled == !!stalled)
    return;
  self->stalled = !!stalled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALLED]);
}

gboolean
_ferry_migration_job_is_running (FerryMigrationJob *self)
{
  return self->state == FERRY_MIGRATION_STATE_MIGRATING ||
         self->state == FERRY_MIGRATION_STATE_POSTCOPY ||
         self->state == FERRY_MIGRATION_STATE_COMPLETING;
}

void
_ferry_migration_job_notify_progress (FerryMigrationJob *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_FRACTION; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * _ferry_migration_explain:
 *
 * Returns: (transfer full) (nullable): what to do about a libvirt migration
 *   error, in words a newer admin can act on, or %NULL
 */
char *
_ferry_migration_explain (const char *message)
{
  static const struct {
    const char *pattern;
    const char *advice;
  } advice[] = {
    { "same host", N_("Source and destination are the same host (same host UUID or host name). "
                      "Pick another destination.") },
    { "Storage pool not found",
      N_("The destination has no storage pool for the disk's path. Define the same pool there "
         "first, or pre-create the disk image.") },
    { "Lost connection to destination",
      N_("The link to the destination broke. The VM keeps running on the source; check the "
         "network and try again.") },
    { "keepalive", N_("A host stopped answering. The VM keeps running on the source.") },
    { "qemu unexpectedly closed the monitor",
      N_("The QEMU process of the VM on one host ended unexpectedly (it crashed or was killed). "
         "See below where the VM runs.") },
    { "client socket is closed",
      N_("Ferry lost its connection to a host while the VM was moving (its libvirtd stopped or "
         "restarted). libvirt settles the migration when it starts again; see where the VM runs "
         "below.") },
    { "canceled by client", N_("The migration was cancelled; the VM keeps running on the source.") },
    { "already exists", N_("A VM with the same name or UUID already exists on the destination.") },
    { "offline migration must be specified with the persistent flag",
      N_("Offline migration needs “Persistent on destination”.") },
  };

  if (message == NULL)
    return NULL;
  /* Storage safety has one source of truth, shared with the disk editor. */
  if (ferry_disk_migration_error_explain (message) != NULL)
    return g_strdup (ferry_disk_migration_error_explain (message));
  for (guint i = 0; i < G_N_ELEMENTS (advice); i++)
    if (strstr (message, advice[i].pattern) != NULL)
      return g_strdup (_(advice[i].advice));
  return NULL;
}

/* ------------------------------------------------------------------- poll */

static void
poll_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  FerryMigrationJob *self = FERRY_MIGRATION_JOB (object);
  g_autofree FerryJobStats *stats = g_task_propagate_pointer (G_TASK (result), NULL);
  gint64 now = g_get_monotonic_time ();

  self->poll_in_flight = FALSE;
  if (stats == NULL || !_ferry_migration_job_is_running (self))
    return;
  if (stats->type == FERRY_JOB_TYPE_NONE)
    return;   /* not started yet, or already gone */
  /* A job being cancelled reads all zeros in its last moments; the figures
   * it reached are what the user wants to see once it has ended. */
  if (stats->data_total == 0 && self->stats.data_total > 0)
    return;

  self->stats = *stats;
  g_array_append_val (self->samples, *stats);

  /* Max downtime can only be set on a running migration job. */
  if (!self->downtime_applied && self->plan.max_downtime_ms > 0)
    {
      self->downtime_applied = TRUE;
      _ferry_migration_job_control (self, FERRY_JOB_CONTROL_DOWNTIME, self->plan.max_downtime_ms);
    }

  if (stats->data_processed > self->last_processed)
    {
      self->last_processed = stats->data_processed;
      self->progress_usec = now;
      _ferry_migration_job_set_stalled (self, FALSE);
    }
  else if (now - self->progress_usec > (gint64)self->stall_timeout * G_USEC_PER_SEC && !self->stalled)
    {
      g_autofree char *text =
        g_strdup_printf (_("No data moved for %u seconds: the link to the destination may be down "
                           "or the destination unreachable. Cancel to keep the VM on the source."),
                         self->stall_timeout);

      _ferry_migration_job_set_stalled (self, TRUE);
      _ferry_migration_job_set_message (self, text);
      _ferry_migration_job_log (self, FERRY_EVENT_SEVERITY_WARNING, NULL, text);
      _ferry_migration_job_probe_destination (self);
    }

  if (stats->data_remaining == 0 && stats->data_total > 0 &&
      self->state == FERRY_MIGRATION_STATE_MIGRATING)
    _ferry_migration_job_set_state (self, FERRY_MIGRATION_STATE_COMPLETING);

  _ferry_migration_job_notify_progress (self);
  g_signal_emit (self, signals[SIGNAL_SAMPLE_ADDED], 0);
}

static gboolean
poll_tick_cb (gpointer user_data)
{
  FerryMigrationJob *self = user_data;
  g_autoptr(GTask) task = NULL;

  /* A slow host must not pile up requests: one poll at a time. */
  if (self->poll_in_flight || self->dom == NULL)
    return G_SOURCE_CONTINUE;

  self->poll_in_flight = TRUE;
  virDomainRef (self->dom);
  task = g_task_new (self, NULL, poll_cb, NULL);
  g_task_set_source_tag (task, poll_tick_cb);
  g_task_set_task_data (task, self->dom, (GDestroyNotify)virDomainFree);
  g_task_run_in_thread (task, _ferry_migration_job_poll_worker);
  return G_SOURCE_CONTINUE;
}

static gboolean
postcopy_timer_cb (gpointer user_data)
{
  FerryMigrationJob *self = user_data;

  self->postcopy_source = 0;
  _ferry_migration_job_log (self, FERRY_EVENT_SEVERITY_INFO, NULL,
                            _("Switching to post-copy as planned"));
  ferry_migration_job_start_postcopy (self);
  return G_SOURCE_REMOVE;
}

/* For the iteration event: a planned switch to post-copy counts from QEMU's
 * first memory pass, not from the call that starts the migration. Before
 * QEMU migrates, libvirt has not enabled post-copy on it yet and QEMU
 * refuses the switch. "Immediately" means as virsh's --postcopy-after-precopy
 * does: once the first pass has copied all memory (the second pass starts). */
void
_ferry_migration_job_plan_postcopy (FerryMigrationJob *self,
                                    int                iteration)
{
  if (self->plan.postcopy_after < 0 || self->postcopy_planned || self->task == NULL)
    return;
  if (self->plan.postcopy_after == 0 && iteration >= 2)
    {
      self->postcopy_planned = TRUE;
      postcopy_timer_cb (self);
    }
  else if (self->plan.postcopy_after > 0 && iteration >= 1)
    {
      self->postcopy_planned = TRUE;
      self->postcopy_source = g_timeout_add_seconds (self->plan.postcopy_after, postcopy_timer_cb, self);
    }
}

/* ----------------------------------------------------------------- finish */

static void
destination_state_cb (FerryMigrationJob *self);

static void
finish (FerryMigrationJob *self,
        GError            *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_clear_handle_id (&self->postcopy_source, g_source_remove);
  g_clear_handle_id (&self->probe_source, g_source_remove);
  _ferry_migration_job_unregister (self);
  if (self->destination != NULL)
    g_signal_handlers_disconnect_by_func (self->destination, destination_state_cb, self);
  _ferry_migration_job_unwatch (self);
  _ferry_migration_job_notify_progress (self);

  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* The outcome rule: the VM must run exactly once, wherever the migration
 * left it; anything else is reported loudly. */
static GError *
check_outcome (FerryMigrationJob  *self,
               FerryMigrateResult *result)
{
  g_autofree char *explanation = NULL;

  switch (result->placement)
    {
    case FERRY_PLACEMENT_BOTH:
      return g_error_new (FERRY_ERROR, FERRY_ERROR_FAILED,
                          _("The VM is running on BOTH hosts. Shut down one copy now (keep the "
                            "one whose disks the other does not write to) before data is lost."));
    case FERRY_PLACEMENT_NEITHER:
      if (self->was_active)
        return g_error_new (FERRY_ERROR, FERRY_ERROR_FAILED,
                            _("The VM is running on NEITHER host after the migration. Check both "
                              "hosts; start it where its disks are current."));
      break;
    case FERRY_PLACEMENT_SOURCE:
    case FERRY_PLACEMENT_DESTINATION:
    case FERRY_PLACEMENT_UNKNOWN:
    default:
      break;
    }

  if (result->ok)
    return NULL;

  explanation = _ferry_migration_explain (result->error->message);
  if (explanation == NULL)
    return g_error_copy (result->error);
  return g_error_new (result->error->domain, result->error->code, "%s\n%s",
                      result->error->message, explanation);
}

static void
migrate_cb (GObject      *object,
            GAsyncResult *res,
            gpointer      user_data)
{
  FerryMigrationJob *self = FERRY_MIGRATION_JOB (object);
  g_autofree FerryMigrateResult *result = g_task_propagate_pointer (G_TASK (res), NULL);
  g_autoptr(GError) libvirt_error = g_steal_pointer (&result->error);
  g_autofree char *tidied = g_steal_pointer (&result->tidied);
  GError *error;
  g_autofree char *where = NULL;

  result->error = libvirt_error;
  self->placement = result->placement;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACEMENT]);
  if (result->have_final_stats)
    {
      /* The destination's statistics need not name post-copy's page requests. */
      if (self->went_postcopy)
        result->final_stats.has_downtime = FALSE;
      self->stats = result->final_stats;
      g_array_append_val (self->samples, result->final_stats);
    }

  /* Post-copy broke off: "running on both hosts" would be false and alarming;
   * the VM is split between them and waits for a recovery. */
  if (result->needs_recovery)
    {
      finish (self, _ferry_migration_job_report_recovery (self, libvirt_error));
      return;
    }

  error = check_outcome (self, result);
  if (g_atomic_int_get (&self->source_lost))
    {
      /* Not the migration's end: only Ferry's sight of it ended. */
      g_clear_error (&error);
      error = _ferry_migration_job_source_lost_error (self);
    }
  if (self->placement == FERRY_PLACEMENT_UNKNOWN && self->adopted && self->plan.destination_uri == NULL &&
      !g_atomic_int_get (&self->source_lost))
    where = g_strdup_printf (_("The VM no longer runs on %s; the destination is not connected, so "
                               "where it runs now is not known."),
                             ferry_connection_get_display_name (self->source));
  else if (self->placement == FERRY_PLACEMENT_UNKNOWN)
    where = g_strdup (_("Where the VM runs is not known: a host did not answer. Look at both "
                        "hosts before starting it anywhere."));
  else
    where = g_strdup_printf (_("The VM runs on: %s"), ferry_placement_to_string (self->placement));

  if (error == NULL)
    {
      _ferry_migration_job_set_state (self, FERRY_MIGRATION_STATE_COMPLETED);
      _ferry_migration_job_set_message (self, where);
      _ferry_migration_job_log (self, FERRY_EVENT_SEVERITY_INFO, NULL, _("Migration completed"));
    }
  else
    {
      /* Ferry's own abort after losing the destination reaches libvirt as
       * "canceled by client", but the user cancelled nothing: a failure,
       * with the reason, not "Cancelled" (several jobs at once showed it). */
      if (self->lost_reason != NULL)
        {
          GError *lost = g_error_new (FERRY_ERROR, FERRY_ERROR_UNREACHABLE, "%s", self->lost_reason);

          g_error_free (error);
          error = lost;
        }
      _ferry_migration_job_set_state (self, self->abort_requested && self->lost_reason == NULL &&
                                      self->placement == FERRY_PLACEMENT_SOURCE ?
                                      FERRY_MIGRATION_STATE_CANCELLED : FERRY_MIGRATION_STATE_FAILED);
      _ferry_migration_job_set_message (self, error->message);
      _ferry_migration_job_log (self, self->state == FERRY_MIGRATION_STATE_CANCELLED ?
                                FERRY_EVENT_SEVERITY_WARNING : FERRY_EVENT_SEVERITY_ERROR,
                                NULL, error->message);
    }
  if (tidied != NULL)
    _ferry_migration_job_log (self, FERRY_EVENT_SEVERITY_WARNING, NULL, tidied);
  _ferry_migration_job_log (self, FERRY_EVENT_SEVERITY_INFO, NULL, where);
  finish (self, error);
}

/* A managed-direct migration whose destination connection is lost would hang
 * for minutes inside libvirt; abort it so the VM stays on the source. */
static void
destination_state_cb (FerryMigrationJob *self)
{
  FerryConnectionState state = ferry_connection_get_state (self->destination);

  if (!_ferry_migration_job_is_running (self) || self->plan.peer_to_peer ||
      state == FERRY_CONNECTION_STATE_CONNECTED)
    return;

  _ferry_migration_job_destination_lost (self, _("Lost the connection to the destination; aborting so the VM "
                            "keeps running on the source"));
}

static void
prepare_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  FerryMigrationJob *self = FERRY_MIGRATION_JOB (object);
  g_autoptr(GTask) worker = NULL;
  GError *error = NULL;
  virDomainPtr dom = g_task_propagate_pointer (G_TASK (result), &error);

  if (dom == NULL)
    {
      _ferry_migration_job_set_state (self, FERRY_MIGRATION_STATE_FAILED);
      _ferry_migration_job_set_message (self, error->message);
      finish (self, error);
      return;
    }
  self->dom = dom;

  if (self->abort_requested)
    {
      _ferry_migration_job_set_state (self, FERRY_MIGRATION_STATE_CANCELLED);
      _ferry_migration_job_set_message (self, _("Cancelled before anything was sent; the VM stays on the source."));
      finish (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, self->message));
      return;
    }

  _ferry_migration_job_set_state (self, self->resuming ? FERRY_MIGRATION_STATE_POSTCOPY
                                                      : FERRY_MIGRATION_STATE_MIGRATING);
  _ferry_migration_job_log (self, FERRY_EVENT_SEVERITY_INFO, NULL,
                            self->resuming ? _("Recovering the broken post-copy migration") :
                            self->adopted ? _("Following a migration that was already running")
                                          : _("Migration started"));
  self->start_usec = self->progress_usec = g_get_monotonic_time ();
  self->poll_source = g_timeout_add (POLL_INTERVAL_MS, poll_tick_cb, self);
  if (self->destination != NULL)
    g_signal_connect_swapped (self->destination, "notify::state",
                              G_CALLBACK (destination_state_cb), self);

  worker = g_task_new (self, NULL, migrate_cb, NULL);
  g_task_set_source_tag (worker, _ferry_migration_job_migrate_worker);
  g_task_run_in_thread (worker, self->adopted ? _ferry_migration_job_attach_worker
                                              : _ferry_migration_job_migrate_worker);
}

/* ---------------------------------------------------------------- GObject */

static void
ferry_migration_job_dispose (GObject *object)
{
  FerryMigrationJob *self = (FerryMigrationJob *)object;

  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_clear_handle_id (&self->postcopy_source, g_source_remove);
  g_clear_handle_id (&self->probe_source, g_source_remove);
  _ferry_migration_job_unregister (self);
  _ferry_migration_job_unwatch (self);

  G_OBJECT_CLASS (ferry_migration_job_parent_class)->dispose (object);
}

static void
ferry_migration_job_finalize (GObject *object)
{
  FerryMigrationJob *self = (FerryMigrationJob *)object;

  ferry_migration_plan_clear (&self->plan);
  g_clear_object (&self->source);
  g_clear_object (&self->destination);
  g_clear_object (&self->events);
  g_clear_pointer (&self->samples, g_array_unref);
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->lost_reason, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (ferry_migration_job_parent_class)->finalize (object);
}

static void
ferry_migration_job_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FerryMigrationJob *self = FERRY_MIGRATION_JOB (object);
  const FerryJobStats *st = &self->stats;

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PLACEMENT:
      g_value_set_enum (value, self->placement);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_STALLED:
      g_value_set_boolean (value, self->stalled);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->state == FERRY_MIGRATION_STATE_COMPLETED ? 1.0 :
                          ferry_job_stats_fraction (st));
      break;
    case PROP_DATA_PROCESSED:
      g_value_set_uint64 (value, st->data_processed);
      break;
    case PROP_DATA_REMAINING:
      g_value_set_uint64 (value, st->data_remaining);
      break;
    case PROP_DATA_TOTAL:
      g_value_set_uint64 (value, st->data_total);
      break;
    case PROP_SPEED:
      g_value_set_uint64 (value, st->memory_bps + st->disk_bps);
      break;
    case PROP_DIRTY_RATE:
      g_value_set_uint64 (value, st->memory_dirty_rate);
      break;
    case PROP_ITERATION:
      g_value_set_uint64 (value, st->memory_iteration);
      break;
    case PROP_EXPECTED_DOWNTIME:
      g_value_set_uint64 (value, st->downtime_ms);
      break;
    case PROP_ELAPSED:
      g_value_set_uint64 (value, ferry_migration_job_get_elapsed_ms (self));
      break;
    case PROP_ETA:
      g_value_set_int64 (value, ferry_job_stats_eta_seconds (st));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_migration_job_class_init (FerryMigrationJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ferry_migration_job_dispose;
  object_class->finalize = ferry_migration_job_finalize;
  object_class->get_property = ferry_migration_job_get_property;

  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, FERRY_TYPE_MIGRATION_STATE,
                                              FERRY_MIGRATION_STATE_PREPARING, ro);
  properties[PROP_PLACEMENT] = g_param_spec_enum ("placement", NULL, NULL, FERRY_TYPE_PLACEMENT,
                                                  FERRY_PLACEMENT_UNKNOWN, ro);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, ro);
  properties[PROP_STALLED] = g_param_spec_boolean ("stalled", NULL, NULL, FALSE, ro);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0, ro);
  properties[PROP_DATA_PROCESSED] =
    g_param_spec_uint64 ("data-processed", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_DATA_REMAINING] =
    g_param_spec_uint64 ("data-remaining", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_DATA_TOTAL] = g_param_spec_uint64 ("data-total", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_SPEED] = g_param_spec_uint64 ("speed", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_DIRTY_RATE] = g_param_spec_uint64 ("dirty-rate", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_ITERATION] = g_param_spec_uint64 ("iteration", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_EXPECTED_DOWNTIME] =
    g_param_spec_uint64 ("expected-downtime", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_ELAPSED] = g_param_spec_uint64 ("elapsed", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_ETA] = g_param_spec_int64 ("eta", NULL, NULL, -1, G_MAXINT64, -1, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FerryMigrationJob::sample-added:
   *
   * A new job statistics reading is in; charts redraw on it.
   */
  signals[SIGNAL_SAMPLE_ADDED] =
    g_signal_new ("sample-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ferry_migration_job_init (FerryMigrationJob *self)
{
  self->events = g_list_store_new (FERRY_TYPE_EVENT);
  self->samples = g_array_new (FALSE, TRUE, sizeof (FerryJobStats));
  self->stall_timeout = DEFAULT_STALL_TIMEOUT;
  for (guint i = 0; i < G_N_ELEMENTS (self->callback_ids); i++)
    self->callback_ids[i] = -1;
}

/* ------------------------------------------------------------ public API */

/**
 * ferry_migration_job_new:
 * @destination: (nullable): the destination host; required for managed
 *   direct migration, used to verify the outcome otherwise
 * @plan: resolved options; the job takes over its contents
 *
 * Returns: (transfer full): a job, not yet started
 */
FerryMigrationJob *
ferry_migration_job_new (FerryConnection    *source,
                         FerryConnection    *destination,
                         const char         *domain_uuid,
                         const char         *domain_name,
                         FerryMigrationPlan *plan)
{
  FerryMigrationJob *self;

  g_return_val_if_fail (FERRY_IS_CONNECTION (source), NULL);
  g_return_val_if_fail (!destination || FERRY_IS_CONNECTION (destination), NULL);
  g_return_val_if_fail (domain_uuid != NULL, NULL);

  self = g_object_new (FERRY_TYPE_MIGRATION_JOB, NULL);
  self->source = g_object_ref (source);
  self->destination = destination ? g_object_ref (destination) : NULL;
  self->uuid = g_strdup (domain_uuid);
  self->name = g_strdup (domain_name ? domain_name : domain_uuid);
  self->plan = *plan;
  memset (plan, 0, sizeof *plan);
  return self;
}

/**
 * ferry_migration_job_run_async:
 *
 * Starts the migration. The job keeps itself alive until it ends, whatever
 * happens to the window that started it.
 */
void
ferry_migration_job_run_async (FerryMigrationJob   *self,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_MIGRATION_JOB (self));
  g_return_if_fail (self->task == NULL);

  _ferry_migration_job_start (self, callback, user_data);
}

/* Also the way back in for a post-copy recovery, which runs the same steps. */
void
_ferry_migration_job_start (FerryMigrationJob   *self,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) worker = NULL;

  self->task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (self->task, ferry_migration_job_run_async);
  _ferry_migration_job_register (self);

  self->sconn = _ferry_connection_ref_conn (self->source);
  if (self->destination != NULL)
    self->dconn = _ferry_connection_ref_conn (self->destination);

  if (self->sconn == NULL ||
      (!self->plan.peer_to_peer && self->dconn == NULL))
    {
      GError *error = g_error_new (FERRY_ERROR, FERRY_ERROR_NOT_CONNECTED,
                                   self->sconn == NULL ?
                                   _("Not connected to the source host") :
                                   _("Not connected to the destination host"));

      _ferry_migration_job_set_state (self, FERRY_MIGRATION_STATE_FAILED);
      _ferry_migration_job_set_message (self, error->message);
      finish (self, error);
      return;
    }

  /* libvirt refuses a destination with the source's host name or UUID, and
   * checking placement on "both" would then see the one VM twice. */
  if (self->destination != NULL &&
      g_strcmp0 (ferry_connection_get_hostname (self->source),
                 ferry_connection_get_hostname (self->destination)) == 0)
    {
      GError *error = g_error_new (FERRY_ERROR, FERRY_ERROR_INVALID_INPUT,
                                   _("Source and destination are the same host (%s). "
                                     "Pick another destination."),
                                   ferry_connection_get_hostname (self->source));

      self->placement = FERRY_PLACEMENT_SOURCE;
      _ferry_migration_job_set_state (self, FERRY_MIGRATION_STATE_FAILED);
      _ferry_migration_job_set_message (self, error->message);
      finish (self, error);
      return;
    }

  _ferry_migration_job_log (self, FERRY_EVENT_SEVERITY_INFO,
                            ferry_connection_get_display_name (self->source),
                            _("Preparing the migration"));
  worker = g_task_new (self, NULL, prepare_cb, NULL);
  g_task_set_source_tag (worker, _ferry_migration_job_prepare_worker);
  g_task_run_in_thread (worker, _ferry_migration_job_prepare_worker);
}

gboolean
ferry_migration_job_run_finish (FerryMigrationJob  *self,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_JOB (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
ferry_migration_job_set_stall_timeout (FerryMigrationJob *self,
                                       guint              seconds)
{
  g_return_if_fail (FERRY_IS_MIGRATION_JOB (self));
  self->stall_timeout = MAX (seconds, 1);
}

FerryMigrationState
ferry_migration_job_get_state (FerryMigrationJob *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_JOB (self), FERRY_MIGRATION_STATE_FAILED);
  return self->state;
}

const char *
ferry_migration_job_get_domain_name (FerryMigrationJob *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_JOB (self), NULL);
  return self->name;
}

/**
 * ferry_migration_job_get_source:
 *
 * Returns: (transfer none): the source host
 */
FerryConnection *
ferry_migration_job_get_source (FerryMigrationJob *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_JOB (self), NULL);
  return self->source;
}

/**
 * ferry_migration_job_get_destination:
 *
 * Returns: (transfer none) (nullable): the destination host, if Ferry has it open
 */
FerryConnection *
ferry_migration_job_get_destination (FerryMigrationJob *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_JOB (self), NULL);
  return self->destination;
}

/**
 * ferry_migration_job_get_stats:
 *
 * Returns: (transfer none): the latest job statistics (the final ones once done)
 */
const FerryJobStats *
ferry_migration_job_get_stats (FerryMigrationJob *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_JOB (self), NULL);
  return &self->stats;
}

/**
 * ferry_migration_job_get_samples:
 *
 * Returns: (transfer none) (array length=n_samples): every reading so far, for charts
 */
const FerryJobStats *
ferry_migration_job_get_samples (FerryMigrationJob *self,
                                 guint             *n_samples)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_JOB (self), NULL);
  *n_samples = self->samples->len;
  return (const FerryJobStats *)(gpointer)self->samples->data;
}

FerryPlacement
ferry_migration_job_get_placement (FerryMigrationJob *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_JOB (self), FERRY_PLACEMENT_UNKNOWN);
  return self->placement;
}

gboolean
ferry_migration_job_get_stalled (FerryMigrationJob *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_JOB (self), FALSE);
  return self->stalled;
}

/**
 * ferry_migration_job_get_postcopy_allowed:
 *
 * Returns: whether the job was started with post-copy enabled, which libvirt
 *   requires before a switch to post-copy
 */
gboolean
ferry_migration_job_get_postcopy_allowed (FerryMigrationJob *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_JOB (self), FALSE);
  return (self->plan.flags & VIR_MIGRATE_POSTCOPY) != 0;
}

const char *
ferry_migration_job_get_message (FerryMigrationJob *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_JOB (self), NULL);
  return self->message;
}

guint64
ferry_migration_job_get_elapsed_ms (FerryMigrationJob *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_JOB (self), 0);
  if (self->stats.elapsed_ms > 0)
    return self->stats.elapsed_ms;
  if (self->start_usec == 0)
    return 0;
  return (guint64)(g_get_monotonic_time () - self->start_usec) / 1000;
}

/**
 * ferry_migration_job_get_events:
 *
 * Returns: (transfer none): a #GListModel of #FerryEvent for this migration
 */
GListModel *
ferry_migration_job_get_events (FerryMigrationJob *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_JOB (self), NULL);
  return G_LIST_MODEL (self->events);
}

