/* ferry-pool-ops.c — a pool's life on one host: define, build, start, stop,
 * refresh, autostart, undefine, delete; its definition and its space. Each is
 * one worker call (ferry-pool-call.c); the pool list follows through events.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libvirt/virterror.h>

#include "ferry-error.h"
#include "ferry-pool-ops-private.h"

/**
 * ferry_pool_op_allowed:
 *
 * Returns: whether @op makes sense for @pool in its current state; the UI
 *   enables its pool actions from this
 */
gboolean
ferry_pool_op_allowed (FerryPoolOp  op,
                       FerryPool   *pool)
{
  gboolean active;

  g_return_val_if_fail (FERRY_IS_POOL (pool), FALSE);

  active = ferry_pool_get_active (pool);
  switch (op)
    {
    case FERRY_POOL_OP_BUILD:
    case FERRY_POOL_OP_START:
    case FERRY_POOL_OP_DELETE:
      return !active;
    case FERRY_POOL_OP_STOP:
    case FERRY_POOL_OP_REFRESH:
      return active;
    case FERRY_POOL_OP_AUTOSTART_ON:
      return ferry_pool_get_persistent (pool) && !ferry_pool_get_autostart (pool);
    case FERRY_POOL_OP_AUTOSTART_OFF:
      return ferry_pool_get_persistent (pool) && ferry_pool_get_autostart (pool);
    case FERRY_POOL_OP_UNDEFINE:
      return ferry_pool_get_persistent (pool);
    default:
      return FALSE;
    }
}

/**
 * ferry_pool_op_describe:
 *
 * Returns: what @op does, as a step in a progress list ("Starting the pool")
 */
const char *
ferry_pool_op_describe (FerryPoolOp op)
{
  switch (op)
    {
    case FERRY_POOL_OP_BUILD:
      return _("Creating the mount directory");
    case FERRY_POOL_OP_START:
      return _("Starting the pool (mounting it)");
    case FERRY_POOL_OP_STOP:
      return _("Stopping the pool (unmounting it)");
    case FERRY_POOL_OP_REFRESH:
      return _("Refreshing the volume list");
    case FERRY_POOL_OP_AUTOSTART_ON:
      return _("Turning autostart on");
    case FERRY_POOL_OP_AUTOSTART_OFF:
      return _("Turning autostart off");
    case FERRY_POOL_OP_UNDEFINE:
      return _("Removing the pool definition");
    case FERRY_POOL_OP_DELETE:
      return _("Deleting the mount directory");
    default:
      g_return_val_if_reached (NULL);
    }
}

static int
run_op (virStoragePoolPtr pool,
        FerryPoolOp       op)
{
  switch (op)
    {
    case FERRY_POOL_OP_BUILD:
      return virStoragePoolBuild (pool, 0);
    case FERRY_POOL_OP_START:
      return virStoragePoolCreate (pool, 0);
    case FERRY_POOL_OP_STOP:
      return virStoragePoolDestroy (pool);
    case FERRY_POOL_OP_REFRESH:
      return virStoragePoolRefresh (pool, 0);
    case FERRY_POOL_OP_AUTOSTART_ON:
      return virStoragePoolSetAutostart (pool, 1);
    case FERRY_POOL_OP_AUTOSTART_OFF:
      return virStoragePoolSetAutostart (pool, 0);
    case FERRY_POOL_OP_UNDEFINE:
      return virStoragePoolUndefine (pool);
    case FERRY_POOL_OP_DELETE:
      return virStoragePoolDelete (pool, 0);
    default:
      return -1;
    }
}

/* Worker: the UUID is read first, since after an undefine there is nothing
 * left to read it from. */
static char *
pool_uuid (virStoragePoolPtr pool)
{
  char uuid[VIR_UUID_STRING_BUFLEN];

  return virStoragePoolGetUUIDString (pool, uuid) == 0 ? g_strdup (uuid) : NULL;
}

static gpointer
op_work (PoolCall  *call,
         GError   **error)
{
  virStoragePoolPtr pool = _ferry_pool_call_lookup (call, error);
  int ret;

  if (pool == NULL)
    return NULL;
  call->changed_uuid = pool_uuid (pool);
  ret = run_op (pool, call->op);
  if (ret < 0)
    {
      g_autofree char *plain = NULL;

      /* libvirt's own message says what failed (mount's error, a busy
       * directory); callers show it under the step that failed. A mount
       * failure Ferry knows is said in plain words first. */
      ferry_set_error_from_libvirt (error, ferry_pool_op_describe (call->op));
      plain = _ferry_pool_explain_mount_error ((*error)->message);
      if (plain != NULL)
        g_prefix_error (error, "%s %s ", plain, _("libvirt said:"));
    }
  virStoragePoolFree (pool);
  return ret < 0 ? NULL : POOL_CALL_DONE;
}

/**
 * ferry_pool_op_async:
 * @pool_name: the pool, by name on @connection
 *
 * Runs @op in a worker. The pool list follows through libvirt's events, and
 * for autostart through a re-read of the pool.
 */
void
ferry_pool_op_async (FerryConnection     *connection,
                     const char          *pool_name,
                     FerryPoolOp          op,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  PoolCall *call;

  g_return_if_fail (FERRY_IS_CONNECTION (connection));
  g_return_if_fail (pool_name != NULL);

  call = _ferry_pool_call_new (pool_name, op_work, NULL);
  call->op = op;
  _ferry_pool_call_run (connection, call, ferry_pool_op_async, cancellable, callback, user_data);
}

gboolean
ferry_pool_op_finish (FerryConnection  *connection,
                      GAsyncResult     *result,
                      GError          **error)
{
  return _ferry_pool_call_finish (connection, result, ferry_pool_op_async, error) != NULL;
}

/* ---------------------------------------------------------------- define */

static gpointer
define_work (PoolCall  *call,
             GError   **error)
{
  virStoragePoolPtr pool = virStoragePoolDefineXML (call->conn, call->xml, 0);

  if (pool == NULL)
    {
      ferry_set_error_from_libvirt (error, _("Defining the pool"));
      return NULL;
    }
  call->changed_uuid = pool_uuid (pool);
  virStoragePoolFree (pool);
  return POOL_CALL_DONE;
}

/**
 * ferry_pool_define_async:
 *
 * Defines (or, for a config loaded from an existing pool, redefines) the
 * pool @config describes. The XML is taken now: later edits of @config are
 * not part of this call. A @config that fails ferry_pool_config_validate()
 * is refused with its message, and nothing is sent to the host.
 */
void
ferry_pool_define_async (FerryConnection     *connection,
                         FerryPoolConfig     *config,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  PoolCall *call;

  g_return_if_fail (FERRY_IS_CONNECTION (connection));
  g_return_if_fail (FERRY_IS_POOL_CONFIG (config));

  /* The editor validates as the user types; this makes sure a definition it
   * did not check never reaches the host. (Duplicates are the host's to
   * refuse: the pool list the editor checks them against may be stale.) */
  if (!ferry_pool_config_validate (config, NULL, &error))
    {
      g_task_report_error (connection, callback, user_data, ferry_pool_define_async,
                           g_steal_pointer (&error));
      return;
    }

  call = _ferry_pool_call_new (ferry_pool_config_get_field (config, FERRY_POOL_FIELD_NAME),
                               define_work, NULL);
  call->xml = ferry_pool_config_to_xml (config);
  _ferry_pool_call_run (connection, call, ferry_pool_define_async, cancellable, callback,
                        user_data);
}

gboolean
ferry_pool_define_finish (FerryConnection  *connection,
                          GAsyncResult     *result,
                          GError          **error)
{
  return _ferry_pool_call_finish (connection, result, ferry_pool_define_async, error) != NULL;
}

/* ----------------------------------------------------------- load config */

static gpointer
load_config_work (PoolCall  *call,
                  GError   **error)
{
  virStoragePoolPtr pool = _ferry_pool_call_lookup (call, error);
  char *xml;

  if (pool == NULL)
    return NULL;
  /* The persistent definition: what the editor changes, not the running
   * state (which may differ until the pool is restarted). For an inactive
   * pool they are the same, so the flag is only asked for a running one; a
   * driver that does not know it (the test driver) gives the running state,
   * which the editor only shows: it does not change a running pool. */
  xml = virStoragePoolGetXMLDesc (pool, virStoragePoolIsActive (pool) == 1 ?
                                        VIR_STORAGE_XML_INACTIVE : 0);
  if (xml == NULL && virGetLastErrorCode () == VIR_ERR_INVALID_ARG)
    xml = virStoragePoolGetXMLDesc (pool, 0);
  if (xml == NULL)
    ferry_set_error_from_libvirt (error, "virStoragePoolGetXMLDesc");
  virStoragePoolFree (pool);
  return xml;
}

/**
 * ferry_pool_load_config_async:
 *
 * Reads the persistent definition of @pool_name, for editing.
 */
void
ferry_pool_load_config_async (FerryConnection     *connection,
                              const char          *pool_name,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_CONNECTION (connection));
  g_return_if_fail (pool_name != NULL);

  _ferry_pool_call_run (connection, _ferry_pool_call_new (pool_name, load_config_work, free),
                        ferry_pool_load_config_async, cancellable, callback, user_data);
}

/**
 * ferry_pool_load_config_finish:
 *
 * Returns: (transfer full) (nullable): the pool's config
 */
FerryPoolConfig *
ferry_pool_load_config_finish (FerryConnection  *connection,
                               GAsyncResult     *result,
                               GError          **error)
{
  char *xml = _ferry_pool_call_finish (connection, result, ferry_pool_load_config_async, error);
  FerryPoolConfig *config;

  if (xml == NULL)
    return NULL;
  config = ferry_pool_config_new_from_xml (xml, error);
  free (xml);
  return config;
}

/* ----------------------------------------------------------------- space */

static gpointer
space_work (PoolCall  *call,
            GError   **error)
{
  virStoragePoolPtr pool = _ferry_pool_call_lookup (call, error);
  virStoragePoolInfo info;
  FerryPoolSpace *space = NULL;

  if (pool == NULL)
    return NULL;
  if (virStoragePoolGetInfo (pool, &info) < 0)
    {
      ferry_set_error_from_libvirt (error, "virStoragePoolGetInfo");
    }
  else
    {
      space = g_new0 (FerryPoolSpace, 1);
      space->state = (FerryPoolState)CLAMP (info.state, FERRY_POOL_STATE_INACTIVE,
                                            FERRY_POOL_STATE_INACCESSIBLE);
      space->capacity = info.capacity;
      space->allocation = info.allocation;
      space->available = info.available;
    }
  virStoragePoolFree (pool);
  return space;
}

/**
 * ferry_pool_get_space_async:
 *
 * Reads @pool_name's state and sizes now (the pool list's figures are as of
 * the last event).
 */
void
ferry_pool_get_space_async (FerryConnection     *connection,
                            const char          *pool_name,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_CONNECTION (connection));
  g_return_if_fail (pool_name != NULL);

  _ferry_pool_call_run (connection, _ferry_pool_call_new (pool_name, space_work, g_free),
                        ferry_pool_get_space_async, cancellable, callback, user_data);
}

gboolean
ferry_pool_get_space_finish (FerryConnection  *connection,
                             GAsyncResult     *result,
                             FerryPoolSpace   *space,
                             GError          **error)
{
  g_autofree FerryPoolSpace *value =
    _ferry_pool_call_finish (connection, result, ferry_pool_get_space_async, error);

  if (value == NULL)
    return FALSE;
  if (space != NULL)
    *space = *value;
  return TRUE;
}
