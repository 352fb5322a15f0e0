/* ferry-pool-call.c — how every pool and volume operation runs: its libvirt
 * work in a worker, then, on the main thread, the host inventory re-reads the
 * pool the call changed (libvirt sends no event for autostart or for volumes
 * coming and going), then the caller's callback.
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
#include "ferry-pool-ops-private.h"

static void
pool_call_free (PoolCall *call)
{
  if (call->conn != NULL)
    _ferry_conn_release (call->conn);
  g_free (call->pool_name);
  g_free (call->xml);
  g_free (call->name);
  g_free (call->format);
  g_free (call->changed_uuid);
  g_free (call);
}

PoolCall *
_ferry_pool_call_new (const char     *pool_name,
                      PoolWorkFunc    work,
                      GDestroyNotify  result_free)
{
  PoolCall *call = g_new0 (PoolCall, 1);

  call->pool_name = g_strdup (pool_name);
  call->work = work;
  call->result_free = result_free;
  return call;
}

/* Worker: @call->pool_name, looked up on @call->conn. */
virStoragePoolPtr
_ferry_pool_call_lookup (PoolCall  *call,
                         GError   **error)
{
  virStoragePoolPtr pool = virStoragePoolLookupByName (call->conn, call->pool_name);

  if (pool == NULL)
    {
      if (virGetLastErrorCode () == VIR_ERR_NO_STORAGE_POOL)
        g_set_error (error, FERRY_ERROR, FERRY_ERROR_LIBVIRT,
                     /* Translators: %s is a storage pool name */
                     _("There is no storage pool “%s” on this host (any more)"), call->pool_name);
      else
        ferry_set_error_from_libvirt (error, "virStoragePoolLookupByName");
    }
  return pool;
}

static void
pool_call_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  PoolCall *call = task_data;
  g_autoptr(GError) error = NULL;
  gpointer result;

  FERRY_LIBVIRT_ENTER ();

  result = call->work (call, &error);
  virResetLastError ();
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, call->result_free);
}

/* Main thread. */
static void
pool_call_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  PoolCall *call = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gpointer value = g_task_propagate_pointer (G_TASK (result), &error);

  if (call->changed_uuid != NULL)
    _ferry_host_inventory_pool_changed (ferry_connection_get_inventory (FERRY_CONNECTION (object)),
                                        call->changed_uuid);
  if (value == NULL)
    g_task_return_error (outer, g_steal_pointer (&error));
  else
    g_task_return_pointer (outer, value, call->result_free);
}

/* Main thread: takes @call. */
void
_ferry_pool_call_run (FerryConnection     *connection,
                      PoolCall            *call,
                      gpointer             source_tag,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) outer = g_task_new (connection, cancellable, callback, user_data);
  g_autoptr(GTask) inner = NULL;

  g_task_set_source_tag (outer, source_tag);
  call->conn = _ferry_connection_ref_conn (connection);
  if (call->conn == NULL)
    {
      g_task_return_new_error (outer, FERRY_ERROR, FERRY_ERROR_NOT_CONNECTED,
                               _("Not connected to %s"),
                               ferry_connection_get_display_name (connection));
      pool_call_free (call);
      return;
    }

  /* No cancellable on the worker: a libvirt call cannot be interrupted, and
   * the inventory must still hear about a change that did happen. */
  inner = g_task_new (connection, NULL, pool_call_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, _ferry_pool_call_run);
  g_task_set_task_data (inner, call, (GDestroyNotify)pool_call_free);
  g_task_run_in_thread (inner, pool_call_worker);
}

gpointer
_ferry_pool_call_finish (FerryConnection  *connection,
                         GAsyncResult     *result,
                         gpointer          source_tag,
                         GError          **error)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (g_task_is_valid (result, connection), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
