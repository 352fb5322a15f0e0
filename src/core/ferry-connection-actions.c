/* ferry-connection-actions.c — everyday VM actions, each one RPC in a worker.
 * The domain model is not touched here: the lifecycle event that follows the
 * action updates it, the same way as for a change made by another client.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ferry-connection-private.h"
#include "ferry-core-private.h"
#include "ferry-error.h"

typedef struct
{
  virConnectPtr      conn;
  char              *uuid;
  FerryDomainAction  action;
} ActionData;

static void
action_data_free (ActionData *data)
{
  _ferry_conn_release (data->conn);
  g_free (data->uuid);
  g_free (data);
}

/**
 * ferry_domain_action_allowed:
 *
 * Returns: whether @action makes sense for @domain in its current state; the
 *   UI enables its actions from this
 */
gboolean
ferry_domain_action_allowed (FerryDomainAction  action,
                             FerryDomain       *domain)
{
  FerryDomainState state;

  g_return_val_if_fail (FERRY_IS_DOMAIN (domain), FALSE);

  state = ferry_domain_get_state (domain);
  switch (action)
    {
    case FERRY_DOMAIN_ACTION_START:
      return state == FERRY_DOMAIN_STATE_SHUTOFF || state == FERRY_DOMAIN_STATE_CRASHED;
    case FERRY_DOMAIN_ACTION_SHUTDOWN:
    case FERRY_DOMAIN_ACTION_REBOOT:
    case FERRY_DOMAIN_ACTION_PAUSE:
      return state == FERRY_DOMAIN_STATE_RUNNING || state == FERRY_DOMAIN_STATE_BLOCKED;
    case FERRY_DOMAIN_ACTION_RESUME:
      return state == FERRY_DOMAIN_STATE_PAUSED;
    case FERRY_DOMAIN_ACTION_FORCE_OFF:
      return ferry_domain_is_active (domain);
    default:
      return FALSE;
    }
}

static int
run_action (virDomainPtr      dom,
            FerryDomainAction action)
{
  switch (action)
    {
    case FERRY_DOMAIN_ACTION_START:
      return virDomainCreate (dom);
    case FERRY_DOMAIN_ACTION_SHUTDOWN:
      return virDomainShutdown (dom);
    case FERRY_DOMAIN_ACTION_REBOOT:
      return virDomainReboot (dom, 0);
    case FERRY_DOMAIN_ACTION_PAUSE:
      return virDomainSuspend (dom);
    case FERRY_DOMAIN_ACTION_RESUME:
      return virDomainResume (dom);
    case FERRY_DOMAIN_ACTION_FORCE_OFF:
      return virDomainDestroy (dom);
    default:
      return -1;
    }
}

static void
action_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ActionData *data = task_data;
  g_autoptr(GError) error = NULL;
  virDomainPtr dom;
  int ret;

  FERRY_LIBVIRT_ENTER ();

  /* Look up by UUID: a name can be reused by another VM meanwhile. */
  dom = virDomainLookupByUUIDString (data->conn, data->uuid);
  if (dom == NULL)
    {
      ferry_set_error_from_libvirt (&error, "virDomainLookupByUUIDString");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ret = run_action (dom, data->action);
  if (ret < 0)
    ferry_set_error_from_libvirt (&error, "domain action");
  virDomainFree (dom);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * ferry_connection_domain_action_async:
 *
 * Runs @action on @domain in a worker. The model follows through libvirt's
 * lifecycle events.
 */
void
ferry_connection_domain_action_async (FerryConnection     *self,
                                      FerryDomain         *domain,
                                      FerryDomainAction    action,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ActionData *data;

  g_return_if_fail (FERRY_IS_CONNECTION (self));
  g_return_if_fail (FERRY_IS_DOMAIN (domain));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_connection_domain_action_async);

  if (self->conn == NULL)
    {
      g_task_return_new_error (task, FERRY_ERROR, FERRY_ERROR_NOT_CONNECTED,
                               _("Not connected to %s"), ferry_connection_get_display_name (self));
      return;
    }

  data = g_new0 (ActionData, 1);
  data->conn = self->conn;
  virConnectRef (data->conn);
  data->uuid = g_strdup (ferry_domain_get_uuid (domain));
  data->action = action;
  g_task_set_task_data (task, data, (GDestroyNotify)action_data_free);
  g_task_run_in_thread (task, action_worker);
}

gboolean
ferry_connection_domain_action_finish (FerryConnection  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
