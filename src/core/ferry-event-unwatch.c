/* ferry-event-unwatch.c — deregistering libvirt event callbacks, for the
 * connection's domain events and the inventory's pool and network events.
 *
 * Deregistering is an RPC, so it runs in a worker, never on the main thread.
 * libvirt refuses a second registration of the same callback on one
 * connection ("event callback already tracked") whatever the opaque, so code
 * that registers again on a connection first waits, bounded, until every
 * queued deregistration has run: a count kept from the moment the main thread
 * queues one until its worker is done.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "ferry-connection-private.h"
#include "ferry-core-private.h"

#define MAX_WATCHES 4

typedef struct
{
  virConnectPtr   conn;
  FerryEventWatch watches[MAX_WATCHES];
  guint           n_watches;
} UnwatchData;

static GMutex unwatch_lock;
static GCond  unwatch_cond;
static guint  unwatch_pending;

/* Worker: waits up to a few seconds for queued deregistrations to finish. */
void
_ferry_events_wait_unwatched (void)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  g_mutex_lock (&unwatch_lock);
  while (unwatch_pending > 0)
    if (!g_cond_wait_until (&unwatch_cond, &unwatch_lock, deadline))
      break;
  g_mutex_unlock (&unwatch_lock);
}

static void
unwatch_data_free (UnwatchData *data)
{
  _ferry_conn_release (data->conn);
  g_free (data);
}

static void
unwatch_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  UnwatchData *data = task_data;

  FERRY_LIBVIRT_ENTER ();
  for (guint i = 0; i < data->n_watches; i++)
    {
      int id = data->watches[i].id;

      switch (data->watches[i].kind)
        {
        case FERRY_EVENT_WATCH_DOMAIN:
          virConnectDomainEventDeregisterAny (data->conn, id);
          break;
        case FERRY_EVENT_WATCH_POOL:
          virConnectStoragePoolEventDeregisterAny (data->conn, id);
          break;
        case FERRY_EVENT_WATCH_NETWORK:
          virConnectNetworkEventDeregisterAny (data->conn, id);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  /* A connection that died has forgotten its callbacks already. */
  virResetLastError ();
  g_mutex_lock (&unwatch_lock);
  unwatch_pending--;
  g_cond_broadcast (&unwatch_cond);
  g_mutex_unlock (&unwatch_lock);
  g_task_return_boolean (task, TRUE);
}

/* Main thread: deregisters the @watches with an id >= 0 in a worker, which
 * is handed the caller's reference to @conn (transfer full) and releases it. */
void
_ferry_events_unwatch (virConnectPtr          conn,
                       const FerryEventWatch *watches,
                       guint                  n_watches)
{
  g_autoptr(GTask) task = NULL;
  UnwatchData *data;

  g_return_if_fail (n_watches <= MAX_WATCHES);

  if (conn == NULL)
    return;
  data = g_new0 (UnwatchData, 1);
  data->conn = conn;
  for (guint i = 0; i < n_watches; i++)
    if (watches[i].id >= 0)
      data->watches[data->n_watches++] = watches[i];
  if (data->n_watches == 0)
    {
      unwatch_data_free (data);
      return;
    }

  g_mutex_lock (&unwatch_lock);
  unwatch_pending++;
  g_mutex_unlock (&unwatch_lock);

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, _ferry_events_unwatch);
  g_task_set_task_data (task, data, (GDestroyNotify)unwatch_data_free);
  g_task_run_in_thread (task, unwatch_worker);
}
