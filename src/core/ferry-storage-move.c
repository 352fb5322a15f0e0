/* ferry-storage-move.c — moving a VM's disks into another pool of the same host: the state
 * the window binds to, and the main-thread side of the worker in
 * ferry-storage-move-workers.c, whose updates arrive here in order.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ferry-connection-private.h"
#include "ferry-core-private.h"
#include "ferry-enums.h"
#include "ferry-error.h"
#include "ferry-readiness-result.h"
#include "ferry-storage-move-private.h"

struct _FerryStorageMove
{
  GObject                parent_instance;

  FerryConnection       *connection;
  char                  *domain;
  GStrv                  targets;
  char                  *pool;
  FerryStorageFormat     format;
  guint64                bandwidth;     /* MiB/s, 0: unlimited */

  FerryStorageMoveState  state;
  double                 fraction;
  char                  *current_disk;
  char                  *message;
  gboolean               live;
  GListStore            *disks;         /* FerryStorageMoveDisk */
  GListStore            *results;       /* FerryReadinessResult */

  GMainContext          *context;       /* where updates are applied */
  GCancellable          *cancellable;
  GTask                 *task;
};

enum {
  PROP_0,
  PROP_STATE,
  PROP_FRACTION,
  PROP_CURRENT_DISK,
  PROP_MESSAGE,
  PROP_LIVE,
  PROP_CANCELLABLE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryStorageMove, ferry_storage_move, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------- updates */

static gboolean
can_cancel (FerryStorageMove *self)
{
  return self->state == FERRY_STORAGE_MOVE_STATE_CHECKING ||
         self->state == FERRY_STORAGE_MOVE_STATE_COPYING;
}

static void
set_state (FerryStorageMove      *self,
           FerryStorageMoveState  state)
{
  gboolean could_cancel = can_cancel (self);

  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (could_cancel != can_cancel (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANCELLABLE]);
}

static void
set_string (FerryStorageMove  *self,
            char             **field,
            const char        *value,
            guint              prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_fraction (FerryStorageMove *self,
              double            fraction)
{
  fraction = CLAMP (fraction, 0.0, 1.0);
  if (self->fraction == fraction)
    return;
  self->fraction = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static void
update_free (FerryStorageMoveUpdate *update)
{
  g_clear_object (&update->self);
  g_free (update->source);
  g_free (update->destination);
  g_free (update->message);
  g_clear_pointer (&update->results, g_ptr_array_unref);
  g_free (update);
}

FerryStorageMoveUpdate *
_ferry_storage_move_update_new (FerryStorageMove *self)
{
  FerryStorageMoveUpdate *update = g_new0 (FerryStorageMoveUpdate, 1);

  update->self = g_object_ref (self);
  update->disk = -1;
  update->fraction = -1.0;
  update->live = -1;
  return update;
}

/* Main thread. */
static gboolean
apply_update (gpointer user_data)
{
  FerryStorageMoveUpdate *update = user_data;
  FerryStorageMove *self = update->self;

  g_object_freeze_notify (G_OBJECT (self));
  /* A cancel asked for on the main thread stays visible until the worker ends. */
  if (update->state != FERRY_STORAGE_MOVE_STATE_IDLE &&
      !(self->state == FERRY_STORAGE_MOVE_STATE_CANCELLING &&
        update->state == FERRY_STORAGE_MOVE_STATE_COPYING))
    set_state (self, update->state);
  if (update->disk >= 0)
    {
      g_autoptr(FerryStorageMoveDisk) disk = g_list_model_get_item (G_LIST_MODEL (self->disks),
                                                                     update->disk);

      _ferry_storage_move_disk_update (disk, update->source, update->destination,
                                       update->disk_fraction, update->moved);
      set_string (self, &self->current_disk, ferry_storage_move_disk_get_target (disk),
                  PROP_CURRENT_DISK);
    }
  if (update->fraction >= 0.0)
    set_fraction (self, update->fraction);
  if (update->message != NULL)
    set_string (self, &self->message, update->message, PROP_MESSAGE);
  if (update->results != NULL)
    {
      g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                           update->results->pdata, update->results->len);
    }
  if (update->live >= 0 && self->live != !!update->live)
    {
      self->live = !!update->live;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  return G_SOURCE_REMOVE;
}

/* Any thread: @update is applied on the move's context, after every earlier one. */
void
_ferry_storage_move_post (FerryStorageMove       *self,
                          FerryStorageMoveUpdate *update)
{
  _ferry_context_post (self->context, apply_update, update, (GDestroyNotify)update_free);
}

/* ------------------------------------------------------------------ tasks */

static FerryStorageMoveRun *
run_new (FerryStorageMove  *self,
         GError           **error)
{
  FerryStorageMoveRun *run;
  virConnectPtr conn = _ferry_connection_ref_conn (self->connection);

  if (conn == NULL)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_NOT_CONNECTED, _("Not connected to %s"),
                   ferry_connection_get_display_name (self->connection));
      return NULL;
    }
  run = g_new0 (FerryStorageMoveRun, 1);
  run->self = g_object_ref (self);
  run->conn = conn;
  run->domain = g_strdup (self->domain);
  run->targets = g_strdupv (self->targets);
  run->pool = g_strdup (self->pool);
  run->format = self->format;
  run->bandwidth = self->bandwidth * 1024 * 1024;
  run->cancellable = self->cancellable ? g_object_ref (self->cancellable) : g_cancellable_new ();
  return run;
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  FerryStorageMove *self = FERRY_STORAGE_MOVE (object);
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->disks));

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u disk moved to pool “%s”",
                                                            "%u disks moved to pool “%s”", n),
                                               n, self->pool);

      set_state (self, FERRY_STORAGE_MOVE_STATE_COMPLETED);
      set_string (self, &self->message, text, PROP_MESSAGE);
      g_task_return_boolean (task, TRUE);
      return;
    }
  set_state (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ?
                   FERRY_STORAGE_MOVE_STATE_CANCELLED : FERRY_STORAGE_MOVE_STATE_FAILED);
  set_string (self, &self->message, error->message, PROP_MESSAGE);
  g_task_return_error (task, g_steal_pointer (&error));
}

/* ----------------------------------------------------------------- object */

static void
ferry_storage_move_dispose (GObject *object)
{
  FerryStorageMove *self = FERRY_STORAGE_MOVE (object);

  g_clear_object (&self->connection);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ferry_storage_move_parent_class)->dispose (object);
}

static void
ferry_storage_move_finalize (GObject *object)
{
  FerryStorageMove *self = FERRY_STORAGE_MOVE (object);

  g_free (self->domain);
  g_strfreev (self->targets);
  g_free (self->pool);
  g_free (self->current_disk);
  g_free (self->message);
  g_clear_object (&self->disks);
  g_clear_object (&self->results);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (ferry_storage_move_parent_class)->finalize (object);
}

static void
ferry_storage_move_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FerryStorageMove *self = FERRY_STORAGE_MOVE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_CURRENT_DISK:
      g_value_set_string (value, self->current_disk);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_LIVE:
      g_value_set_boolean (value, self->live);
      break;
    case PROP_CANCELLABLE:
      g_value_set_boolean (value, can_cancel (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_storage_move_class_init (FerryStorageMoveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ferry_storage_move_dispose;
  object_class->finalize = ferry_storage_move_finalize;
  object_class->get_property = ferry_storage_move_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, FERRY_TYPE_STORAGE_MOVE_STATE,
                       FERRY_STORAGE_MOVE_STATE_IDLE, flags);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0, flags);
  properties[PROP_CURRENT_DISK] = g_param_spec_string ("current-disk", NULL, NULL, NULL, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_LIVE] = g_param_spec_boolean ("live", NULL, NULL, FALSE, flags);
  properties[PROP_CANCELLABLE] = g_param_spec_boolean ("cancellable", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_storage_move_init (FerryStorageMove *self)
{
  self->disks = g_list_store_new (FERRY_TYPE_STORAGE_MOVE_DISK);
  self->results = g_list_store_new (FERRY_TYPE_READINESS_RESULT);
  self->context = g_main_context_ref_thread_default ();
}

/* ------------------------------------------------------------------- API */

/**
 * ferry_storage_move_new:
 * @domain: the VM's name or UUID on @connection
 * @targets: the disks to move, by target (vda, sdb…)
 * @pool: the destination pool, on the same host
 *
 * Returns: (transfer full): a move that has not started; updates to it are applied on the
 *   thread-default main context of the caller
 */
FerryStorageMove *
ferry_storage_move_new (FerryConnection     *connection,
                        const char          *domain,
                        const char * const  *targets,
                        const char          *pool,
                        FerryStorageFormat   format)
{
  FerryStorageMove *self;

  g_return_val_if_fail (FERRY_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (domain != NULL && pool != NULL, NULL);

  self = g_object_new (FERRY_TYPE_STORAGE_MOVE, NULL);
  self->connection = g_object_ref (connection);
  self->domain = g_strdup (domain);
  self->targets = g_strdupv ((char **)targets);
  if (self->targets == NULL)
    self->targets = g_new0 (char *, 1);
  self->pool = g_strdup (pool);
  self->format = format;
  for (guint i = 0; self->targets[i] != NULL; i++)
    {
      g_autoptr(FerryStorageMoveDisk) disk = _ferry_storage_move_disk_new (self->targets[i]);

      g_list_store_append (self->disks, disk);
    }
  return self;
}

/**
 * ferry_storage_move_set_bandwidth:
 * @mib_per_second: the most a live copy may read and write per second; 0: no limit
 */
void
ferry_storage_move_set_bandwidth (FerryStorageMove *self,
                                  guint64           mib_per_second)
{
  g_return_if_fail (FERRY_IS_STORAGE_MOVE (self));
  self->bandwidth = mib_per_second;
}

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *results = g_task_propagate_pointer (G_TASK (result), &error);

  if (results == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, results, (GDestroyNotify)g_ptr_array_unref);
}

/**
 * ferry_storage_move_check_async:
 *
 * Reads the facts from the host and judges them, without moving anything. The verdicts
 * also fill ferry_storage_move_get_results().
 */
void
ferry_storage_move_check_async (FerryStorageMove    *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) worker = NULL;
  g_autoptr(GError) error = NULL;
  FerryStorageMoveRun *run;

  g_return_if_fail (FERRY_IS_STORAGE_MOVE (self));

  g_task_set_source_tag (task, ferry_storage_move_check_async);
  run = run_new (self, &error);
  if (run == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  worker = g_task_new (self, cancellable, check_done_cb, g_object_ref (task));
  g_task_set_task_data (worker, run, (GDestroyNotify)_ferry_storage_move_run_free);
  g_task_run_in_thread (worker, _ferry_storage_move_check_worker);
}

/**
 * ferry_storage_move_check_finish:
 *
 * Returns: (transfer container) (element-type FerryReadinessResult): the verdicts,
 *   blockers first
 */
GPtrArray *
ferry_storage_move_check_finish (FerryStorageMove  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ferry_storage_move_run_async:
 *
 * Checks, then moves. Refused (%FERRY_ERROR_INVALID_INPUT, with every blocker in the
 * message) before anything is made when a check fails. Ends with the state COMPLETED,
 * FAILED or CANCELLED.
 */
void
ferry_storage_move_run_async (FerryStorageMove    *self,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) worker = NULL;
  g_autoptr(GError) error = NULL;
  FerryStorageMoveRun *run;

  g_return_if_fail (FERRY_IS_STORAGE_MOVE (self));
  g_return_if_fail (self->task == NULL && self->state == FERRY_STORAGE_MOVE_STATE_IDLE);

  self->task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (self->task, ferry_storage_move_run_async);
  self->cancellable = g_cancellable_new ();
  set_state (self, FERRY_STORAGE_MOVE_STATE_CHECKING);
  set_string (self, &self->message, _("Checking…"), PROP_MESSAGE);
  run = run_new (self, &error);
  if (run == NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->task);

      set_state (self, FERRY_STORAGE_MOVE_STATE_FAILED);
      set_string (self, &self->message, error->message, PROP_MESSAGE);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  worker = g_task_new (self, NULL, run_done_cb, NULL);
  g_task_set_task_data (worker, run, (GDestroyNotify)_ferry_storage_move_run_free);
  g_task_run_in_thread (worker, _ferry_storage_move_run_worker);
}

gboolean
ferry_storage_move_run_finish (FerryStorageMove  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ferry_storage_move_cancel:
 *
 * Asks the worker to stop before the VM switches to the copies: it aborts the copies and
 * deletes them. Ignored once the switch has begun.
 */
void
ferry_storage_move_cancel (FerryStorageMove *self)
{
  g_return_if_fail (FERRY_IS_STORAGE_MOVE (self));

  if (!can_cancel (self))
    return;
  set_state (self, FERRY_STORAGE_MOVE_STATE_CANCELLING);
  set_string (self, &self->message, _("Cancelling: stopping the copies and deleting them…"),
              PROP_MESSAGE);
  g_cancellable_cancel (self->cancellable);
}

FerryStorageMoveState
ferry_storage_move_get_state (FerryStorageMove *self)
{
  g_return_val_if_fail (FERRY_IS_STORAGE_MOVE (self), FERRY_STORAGE_MOVE_STATE_IDLE);
  return self->state;
}

double
ferry_storage_move_get_fraction (FerryStorageMove *self)
{
  g_return_val_if_fail (FERRY_IS_STORAGE_MOVE (self), 0.0);
  return self->fraction;
}

const char *
ferry_storage_move_get_current_disk (FerryStorageMove *self)
{
  g_return_val_if_fail (FERRY_IS_STORAGE_MOVE (self), NULL);
  return self->current_disk;
}

const char *
ferry_storage_move_get_message (FerryStorageMove *self)
{
  g_return_val_if_fail (FERRY_IS_STORAGE_MOVE (self), NULL);
  return self->message;
}

gboolean
ferry_storage_move_get_live (FerryStorageMove *self)
{
  g_return_val_if_fail (FERRY_IS_STORAGE_MOVE (self), FALSE);
  return self->live;
}

gboolean
ferry_storage_move_get_cancellable (FerryStorageMove *self)
{
  g_return_val_if_fail (FERRY_IS_STORAGE_MOVE (self), FALSE);
  return can_cancel (self);
}

/**
 * ferry_storage_move_get_disks:
 *
 * Returns: (transfer none): a FerryStorageMoveDisk per disk to move
 */
GListModel *
ferry_storage_move_get_disks (FerryStorageMove *self)
{
  g_return_val_if_fail (FERRY_IS_STORAGE_MOVE (self), NULL);
  return G_LIST_MODEL (self->disks);
}

/**
 * ferry_storage_move_get_results:
 *
 * Returns: (transfer none): the readiness verdicts of the last check
 */
GListModel *
ferry_storage_move_get_results (FerryStorageMove *self)
{
  g_return_val_if_fail (FERRY_IS_STORAGE_MOVE (self), NULL);
  return G_LIST_MODEL (self->results);
}

const char *
ferry_storage_move_get_domain (FerryStorageMove *self)
{
  g_return_val_if_fail (FERRY_IS_STORAGE_MOVE (self), NULL);
  return self->domain;
}

const char *
ferry_storage_move_get_pool (FerryStorageMove *self)
{
  g_return_val_if_fail (FERRY_IS_STORAGE_MOVE (self), NULL);
  return self->pool;
}

FerryStorageFormat
ferry_storage_move_get_format (FerryStorageMove *self)
{
  g_return_val_if_fail (FERRY_IS_STORAGE_MOVE (self), FERRY_STORAGE_FORMAT_KEEP);
  return self->format;
}

const char *
ferry_storage_move_state_to_string (FerryStorageMoveState state)
{
  switch (state)
    {
    case FERRY_STORAGE_MOVE_STATE_IDLE:
      return _("Not started");
    case FERRY_STORAGE_MOVE_STATE_CHECKING:
      return _("Checking");
    case FERRY_STORAGE_MOVE_STATE_COPYING:
      return _("Copying");
    case FERRY_STORAGE_MOVE_STATE_SWITCHING:
      return _("Switching");
    case FERRY_STORAGE_MOVE_STATE_CANCELLING:
      return _("Cancelling");
    case FERRY_STORAGE_MOVE_STATE_COMPLETED:
      return _("Completed");
    case FERRY_STORAGE_MOVE_STATE_FAILED:
      return _("Failed");
    case FERRY_STORAGE_MOVE_STATE_CANCELLED:
      return _("Cancelled");
    default:
      return "?";
    }
}

const char *
ferry_storage_format_to_string (FerryStorageFormat format)
{
  switch (format)
    {
    case FERRY_STORAGE_FORMAT_QCOW2:
      return "qcow2";
    case FERRY_STORAGE_FORMAT_RAW:
      return "raw";
    case FERRY_STORAGE_FORMAT_KEEP:
    default:
      return _("Keep the current format");
    }
}
