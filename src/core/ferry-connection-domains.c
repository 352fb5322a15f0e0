/* ferry-connection-domains.c — a connection's domain list: one bulk listing,
 * then kept current by lifecycle events (never by polling the whole list).
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

/* Events arrive in bursts (a host starting many VMs, an event storm); refresh
 * the affected domains in one worker call per burst, not one per event. */
#define REFRESH_DELAY_MS 50

static FerryDomainInfo *
info_new_for_domain (virDomainPtr dom)
{
  FerryDomainInfo *info = g_new0 (FerryDomainInfo, 1);
  char uuid[VIR_UUID_STRING_BUFLEN];

  info->name = g_strdup (virDomainGetName (dom));
  if (virDomainGetUUIDString (dom, uuid) == 0)
    info->uuid = g_strdup (uuid);
  info->id = (int)virDomainGetID (dom);   /* (unsigned)-1 when inactive */
  return info;
}

/* Fills what the bulk stats did not provide; one RPC. */
static void
info_read_basic (virDomainPtr     dom,
                 FerryDomainInfo *info)
{
  virDomainInfo di;
  int state, reason;

  if (virDomainGetInfo (dom, &di) == 0)
    {
      info->state = di.state;
      info->vcpus = di.nrVirtCpu;
      info->memory_kib = di.maxMem;
    }
  if (virDomainGetState (dom, &state, &reason, 0) == 0)
    {
      info->state = state;
      info->reason = reason;
    }
  virResetLastError ();
}

static GHashTable *
list_uuid_set (virConnectPtr conn,
               unsigned int  flags)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  virDomainPtr *doms = NULL;
  int n = virConnectListAllDomains (conn, &doms, flags);

  for (int i = 0; i < n; i++)
    {
      char uuid[VIR_UUID_STRING_BUFLEN];

      if (virDomainGetUUIDString (doms[i], uuid) == 0)
        g_hash_table_add (set, g_strdup (uuid));
      virDomainFree (doms[i]);
    }
  free (doms);
  virResetLastError ();
  return set;
}

static gboolean
typed_param_uint (virTypedParameterPtr  params,
                  int                   n,
                  const char           *name,
                  guint64              *value)
{
  for (int i = 0; i < n; i++)
    {
      if (g_strcmp0 (params[i].field, name) != 0)
        continue;
      switch (params[i].type)
        {
        case VIR_TYPED_PARAM_INT:
          *value = (guint64)MAX (params[i].value.i, 0);
          return TRUE;
        case VIR_TYPED_PARAM_UINT:
          *value = params[i].value.ui;
          return TRUE;
        case VIR_TYPED_PARAM_LLONG:
          *value = (guint64)MAX (params[i].value.l, 0);
          return TRUE;
        case VIR_TYPED_PARAM_ULLONG:
          *value = params[i].value.ul;
          return TRUE;
        case VIR_TYPED_PARAM_DOUBLE:
        case VIR_TYPED_PARAM_BOOLEAN:
        case VIR_TYPED_PARAM_STRING:
        default:
          return FALSE;
        }
    }
  return FALSE;
}

/**
 * _ferry_connection_list_domains:
 *
 * Worker thread only. Lists every domain with a handful of RPCs (bulk stats
 * plus two filtered listings), whatever the number of domains, so a host with
 * thousands of VMs lists as fast as `virsh list --all`.
 *
 * Returns: (transfer full) (element-type FerryDomainInfo): the domains, or
 *   %NULL with @error set
 */
GPtrArray *
_ferry_connection_list_domains (virConnectPtr   conn,
                                GError        **error)
{
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify)_ferry_domain_info_free);
  g_autoptr(GHashTable) persistent = NULL;
  g_autoptr(GHashTable) autostart = NULL;
  g_autoptr(GHashTable) managed_save = NULL;
  virDomainStatsRecordPtr *records = NULL;
  int n;

  FERRY_LIBVIRT_ENTER ();

  /* NOWAIT: a domain busy in a job (one arriving by migration) would hold
   * the whole list for libvirt's 30 s job timeout; its balloon figures are
   * then left out and read as for drivers without them. */
  n = virConnectGetAllDomainStats (conn,
                                   VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_VCPU |
                                   VIR_DOMAIN_STATS_BALLOON,
                                   &records, VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT);
  if (n < 0)
    {
      /* Drivers without bulk stats: list, then ask each domain. */
      virDomainPtr *doms = NULL;

      virResetLastError ();
      n = virConnectListAllDomains (conn, &doms, 0);
      if (n < 0)
        {
          ferry_set_error_from_libvirt (error, "virConnectListAllDomains");
          return NULL;
        }
      for (int i = 0; i < n; i++)
        {
          FerryDomainInfo *info = info_new_for_domain (doms[i]);

          info_read_basic (doms[i], info);
          g_ptr_array_add (infos, info);
          virDomainFree (doms[i]);
        }
      free (doms);
    }
  else
    {
      for (int i = 0; i < n; i++)
        {
          virDomainStatsRecordPtr rec = records[i];
          FerryDomainInfo *info = info_new_for_domain (rec->dom);
          guint64 state = 0, reason = 0, vcpus = 0, memory = 0;
          gboolean have_vcpus, have_memory;

          typed_param_uint (rec->params, rec->nparams, "state.state", &state);
          typed_param_uint (rec->params, rec->nparams, "state.reason", &reason);
          have_vcpus = typed_param_uint (rec->params, rec->nparams, "vcpu.current", &vcpus);
          have_memory = typed_param_uint (rec->params, rec->nparams, "balloon.maximum", &memory);
          info->state = (int)state;
          info->reason = (int)reason;
          info->vcpus = (guint)vcpus;
          info->memory_kib = memory;
          if (!have_vcpus || !have_memory)
            info_read_basic (rec->dom, info);
          g_ptr_array_add (infos, info);
        }
      virDomainStatsRecordListFree (records);
    }

  persistent = list_uuid_set (conn, VIR_CONNECT_LIST_DOMAINS_PERSISTENT);
  autostart = list_uuid_set (conn, VIR_CONNECT_LIST_DOMAINS_AUTOSTART);
  managed_save = list_uuid_set (conn, VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE);
  for (guint i = 0; i < infos->len; i++)
    {
      FerryDomainInfo *info = g_ptr_array_index (infos, i);

      info->persistent = g_hash_table_contains (persistent, info->uuid);
      info->autostart = g_hash_table_contains (autostart, info->uuid);
      info->managed_save = g_hash_table_contains (managed_save, info->uuid);
    }

  return g_steal_pointer (&infos);
}

/* Main thread: replaces the model's contents in one items-changed emission. */
void
_ferry_connection_set_domains (FerryConnection *self,
                               GPtrArray       *infos)
{
  g_autoptr(GPtrArray) domains = g_ptr_array_new_with_free_func (g_object_unref);

  g_hash_table_remove_all (self->domains_by_uuid);
  for (guint i = 0; i < infos->len; i++)
    {
      FerryDomain *domain = _ferry_domain_new (g_ptr_array_index (infos, i));

      g_hash_table_insert (self->domains_by_uuid,
                           (gpointer)ferry_domain_get_uuid (domain), domain);
      g_ptr_array_add (domains, domain);
    }
  g_list_store_splice (self->domains, 0, g_list_model_get_n_items (G_LIST_MODEL (self->domains)),
                       domains->pdata, domains->len);

  if (!self->domains_listed)
    {
      self->domains_listed = TRUE;
      _ferry_connection_notify (self, FERRY_CONNECTION_PROP_DOMAINS_LISTED);
    }
}

/* ------------------------------------------------------------------ events */

typedef struct
{
  virConnectPtr  conn;
  char         **uuids;
} RefreshData;

typedef struct
{
  char            *uuid;
  FerryDomainInfo *info;    /* NULL: the domain is gone */
} RefreshResult;

static void
refresh_data_free (RefreshData *data)
{
  _ferry_conn_release (data->conn);
  g_strfreev (data->uuids);
  g_free (data);
}

static void
refresh_result_free (RefreshResult *result)
{
  g_free (result->uuid);
  _ferry_domain_info_free (result->info);
  g_free (result);
}

static void
refresh_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RefreshData *data = task_data;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify)refresh_result_free);

  FERRY_LIBVIRT_ENTER ();

  for (guint i = 0; data->uuids[i] != NULL; i++)
    {
      RefreshResult *result = g_new0 (RefreshResult, 1);
      virDomainPtr dom = virDomainLookupByUUIDString (data->conn, data->uuids[i]);

      result->uuid = g_strdup (data->uuids[i]);
      if (dom != NULL)
        {
          int persistent, autostart = 0;

          result->info = info_new_for_domain (dom);
          info_read_basic (dom, result->info);
          persistent = virDomainIsPersistent (dom);
          result->info->persistent = persistent == 1;
          if (virDomainGetAutostart (dom, &autostart) == 0)
            result->info->autostart = autostart != 0;
          result->info->managed_save = virDomainHasManagedSaveImage (dom, 0) == 1;
          virDomainFree (dom);
        }
      virResetLastError ();
      g_ptr_array_add (results, result);
    }

  g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify)g_ptr_array_unref);
}

static void
apply_refresh (FerryConnection *self,
               RefreshResult   *result)
{
  FerryDomain *domain = g_hash_table_lookup (self->domains_by_uuid, result->uuid);
  guint position;

  if (result->info != NULL && domain != NULL)
    {
      _ferry_domain_update (domain, result->info);
    }
  else if (result->info != NULL)
    {
      g_autoptr(FerryDomain) added = _ferry_domain_new (result->info);

      g_hash_table_insert (self->domains_by_uuid, (gpointer)ferry_domain_get_uuid (added), added);
      g_list_store_append (self->domains, added);
    }
  else if (domain != NULL &&
           g_list_store_find (self->domains, domain, &position))
    {
      g_hash_table_remove (self->domains_by_uuid, result->uuid);
      g_list_store_remove (self->domains, position);
    }
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  FerryConnection *self = FERRY_CONNECTION (object);
  g_autoptr(GPtrArray) results = g_task_propagate_pointer (G_TASK (result), NULL);

  /* A closed or reopened connection makes this batch stale. */
  if (results == NULL || self->conn == NULL || g_task_get_task_data (G_TASK (result)) == NULL)
    return;
  if (((RefreshData *)g_task_get_task_data (G_TASK (result)))->conn != self->conn)
    return;

  for (guint i = 0; i < results->len; i++)
    apply_refresh (self, g_ptr_array_index (results, i));
}

static gboolean
refresh_pending_cb (gpointer user_data)
{
  FerryConnection *self = user_data;
  g_autoptr(GTask) task = NULL;
  RefreshData *data;

  self->refresh_source = 0;
  if (self->conn == NULL || g_hash_table_size (self->pending_refresh) == 0)
    return G_SOURCE_REMOVE;

  data = g_new0 (RefreshData, 1);
  data->conn = self->conn;
  virConnectRef (data->conn);
  data->uuids = (char **)g_hash_table_get_keys_as_array (self->pending_refresh, NULL);
  g_hash_table_steal_all (self->pending_refresh);

  task = g_task_new (self, self->cancellable, refresh_cb, NULL);
  g_task_set_source_tag (task, refresh_pending_cb);
  g_task_set_task_data (task, data, (GDestroyNotify)refresh_data_free);
  g_task_run_in_thread (task, refresh_worker);

  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (FerryConnection *self)
{
  if (self->domains_listed && self->refresh_source == 0 &&
      g_hash_table_size (self->pending_refresh) > 0)
    self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_pending_cb, self);
}

/**
 * _ferry_domain_event_describe:
 * @event: a virDomainEventType
 * @detail: its detail, a virDomainEvent*DetailType of @event
 * @severity: (out): how bad it is
 *
 * Pure: what a lifecycle event means, in a few words for the events log.
 * Unknown events (a newer libvirt) are named by number rather than dropped.
 *
 * Returns: (transfer full): "Started", "Paused (migration)", …
 */
char *
_ferry_domain_event_describe (int                 event,
                              int                 detail,
                              FerryEventSeverity *severity)
{
  const char *text = NULL;

  *severity = FERRY_EVENT_SEVERITY_INFO;

  switch (event)
    {
    case VIR_DOMAIN_EVENT_DEFINED:
      switch (detail)
        {
        case VIR_DOMAIN_EVENT_DEFINED_ADDED: text = _("Defined"); break;
        case VIR_DOMAIN_EVENT_DEFINED_UPDATED: text = _("Defined (updated)"); break;
        case VIR_DOMAIN_EVENT_DEFINED_RENAMED: text = _("Defined (renamed)"); break;
        case VIR_DOMAIN_EVENT_DEFINED_FROM_SNAPSHOT: text = _("Defined (from snapshot)"); break;
        default: text = _("Defined"); break;
        }
      break;
    case VIR_DOMAIN_EVENT_UNDEFINED:
      switch (detail)
        {
        case VIR_DOMAIN_EVENT_UNDEFINED_RENAMED: text = _("Undefined (renamed)"); break;
        case VIR_DOMAIN_EVENT_UNDEFINED_REMOVED:
        default: text = _("Undefined"); break;
        }
      break;
    case VIR_DOMAIN_EVENT_STARTED:
      switch (detail)
        {
        case VIR_DOMAIN_EVENT_STARTED_MIGRATED: text = _("Started (migration)"); break;
        case VIR_DOMAIN_EVENT_STARTED_RESTORED: text = _("Started (restored)"); break;
        case VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT: text = _("Started (from snapshot)"); break;
        case VIR_DOMAIN_EVENT_STARTED_WAKEUP: text = _("Started (woken up)"); break;
        case VIR_DOMAIN_EVENT_STARTED_BOOTED:
        default: text = _("Started"); break;
        }
      break;
    case VIR_DOMAIN_EVENT_SUSPENDED:
      switch (detail)
        {
        case VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED: text = _("Paused (migration)"); break;
        case VIR_DOMAIN_EVENT_SUSPENDED_RESTORED: text = _("Paused (restored)"); break;
        case VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT: text = _("Paused (from snapshot)"); break;
        case VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY: text = _("Paused (post-copy)"); break;
        case VIR_DOMAIN_EVENT_SUSPENDED_IOERROR:
          text = _("Paused (I/O error)");
          *severity = FERRY_EVENT_SEVERITY_WARNING;
          break;
        case VIR_DOMAIN_EVENT_SUSPENDED_WATCHDOG:
          text = _("Paused (watchdog)");
          *severity = FERRY_EVENT_SEVERITY_WARNING;
          break;
        case VIR_DOMAIN_EVENT_SUSPENDED_API_ERROR:
          text = _("Paused (API error)");
          *severity = FERRY_EVENT_SEVERITY_WARNING;
          break;
        case VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY_FAILED:
          text = _("Paused (post-copy failed)");
          *severity = FERRY_EVENT_SEVERITY_ERROR;
          break;
        case VIR_DOMAIN_EVENT_SUSPENDED_PAUSED:
        default: text = _("Paused"); break;
        }
      break;
    case VIR_DOMAIN_EVENT_RESUMED:
      switch (detail)
        {
        case VIR_DOMAIN_EVENT_RESUMED_MIGRATED: text = _("Resumed (migration)"); break;
        case VIR_DOMAIN_EVENT_RESUMED_FROM_SNAPSHOT: text = _("Resumed (from snapshot)"); break;
        case VIR_DOMAIN_EVENT_RESUMED_POSTCOPY: text = _("Resumed (post-copy)"); break;
        case VIR_DOMAIN_EVENT_RESUMED_UNPAUSED:
        default: text = _("Resumed"); break;
        }
      break;
    case VIR_DOMAIN_EVENT_STOPPED:
      switch (detail)
        {
        case VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN: text = _("Stopped (shut down)"); break;
        case VIR_DOMAIN_EVENT_STOPPED_DESTROYED: text = _("Stopped (destroyed)"); break;
        case VIR_DOMAIN_EVENT_STOPPED_MIGRATED: text = _("Stopped (migrated)"); break;
        case VIR_DOMAIN_EVENT_STOPPED_SAVED: text = _("Stopped (saved)"); break;
        case VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT: text = _("Stopped (from snapshot)"); break;
        case VIR_DOMAIN_EVENT_STOPPED_CRASHED:
          text = _("Stopped (crashed)");
          *severity = FERRY_EVENT_SEVERITY_ERROR;
          break;
        case VIR_DOMAIN_EVENT_STOPPED_FAILED:
          text = _("Stopped (failed)");
          *severity = FERRY_EVENT_SEVERITY_ERROR;
          break;
        default: text = _("Stopped"); break;
        }
      break;
    case VIR_DOMAIN_EVENT_SHUTDOWN:
      switch (detail)
        {
        case VIR_DOMAIN_EVENT_SHUTDOWN_GUEST: text = _("Shutting down (by the guest)"); break;
        case VIR_DOMAIN_EVENT_SHUTDOWN_HOST: text = _("Shutting down (by the host)"); break;
        case VIR_DOMAIN_EVENT_SHUTDOWN_FINISHED:
        default: text = _("Shutting down"); break;
        }
      break;
    case VIR_DOMAIN_EVENT_PMSUSPENDED:
      switch (detail)
        {
        case VIR_DOMAIN_EVENT_PMSUSPENDED_DISK: text = _("Suspended (to disk)"); break;
        case VIR_DOMAIN_EVENT_PMSUSPENDED_MEMORY:
        default: text = _("Suspended (to memory)"); break;
        }
      break;
    case VIR_DOMAIN_EVENT_CRASHED:
      *severity = FERRY_EVENT_SEVERITY_ERROR;
      switch (detail)
        {
        case VIR_DOMAIN_EVENT_CRASHED_CRASHLOADED: text = _("Crashed (crash kernel loaded)"); break;
        case VIR_DOMAIN_EVENT_CRASHED_PANICKED:
        default: text = _("Crashed (guest panic)"); break;
        }
      break;
    default:
      break;
    }

  if (text == NULL)
    /* Translators: a libvirt lifecycle event this Ferry does not know. */
    return g_strdup_printf (_("Event %d (detail %d)"), event, detail);
  return g_strdup (text);
}

/* Dispatched by libvirt's event loop, which runs on the GLib main context:
 * this is the main thread. Only local libvirt calls (no RPC) are allowed here. */
static int
lifecycle_event_cb (virConnectPtr  conn,
                    virDomainPtr   dom,
                    int            event,
                    int            detail,
                    void          *opaque)
{
  g_autoptr(FerryConnection) self = g_weak_ref_get (opaque);
  char uuid[VIR_UUID_STRING_BUFLEN];

  g_autofree char *what = NULL;
  FerryEventSeverity severity;

  if (self == NULL || virDomainGetUUIDString (dom, uuid) != 0)
    return 0;

  /* virDomainGetName is local: the name travels with the event. */
  what = _ferry_domain_event_describe (event, detail, &severity);
  _ferry_connection_emit_domain_event (self, virDomainGetName (dom), what, severity);

  g_hash_table_add (self->pending_refresh, g_strdup (uuid));
  schedule_refresh (self);
  return 0;
}

/**
 * _ferry_connection_watch_domains:
 *
 * Worker thread only.
 *
 * Returns: the lifecycle callback id, or -1 with @error set
 */
int
_ferry_connection_watch_domains (FerryConnection  *self,
                                 virConnectPtr     conn,
                                 GError          **error)
{
  GWeakRef *ref = _ferry_weak_ref_new (self);
  int id;

  FERRY_LIBVIRT_ENTER ();

  id = virConnectDomainEventRegisterAny (conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                         VIR_DOMAIN_EVENT_CALLBACK (lifecycle_event_cb),
                                         ref, _ferry_weak_ref_free);
  if (id < 0)
    {
      _ferry_weak_ref_free (ref);
      ferry_set_error_from_libvirt (error, "virConnectDomainEventRegisterAny");
    }
  return id;
}

/* Main thread: deregistering is an RPC, so it runs in a worker that holds its
 * own reference to @conn. */
void
_ferry_connection_unwatch_domains (virConnectPtr conn,
                                   int           callback_id)
{
  FerryEventWatch watch = { FERRY_EVENT_WATCH_DOMAIN, callback_id };

  if (conn == NULL || callback_id < 0)
    return;
  virConnectRef (conn);
  _ferry_events_unwatch (conn, &watch, 1);
}

/**
 * ferry_connection_find_domain:
 * @name_or_uuid: a VM's name or UUID
 *
 * Looks among the listed VMs only: no libvirt call, so the main thread may ask.
 *
 * Returns: (transfer none) (nullable): the VM of that name or UUID
 */
FerryDomain *
ferry_connection_find_domain (FerryConnection *self,
                              const char      *name_or_uuid)
{
  GListModel *domains;

  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);

  domains = G_LIST_MODEL (self->domains);
  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(FerryDomain) d = g_list_model_get_item (domains, i);

      if (g_strcmp0 (ferry_domain_get_name (d), name_or_uuid) == 0 ||
          g_strcmp0 (ferry_domain_get_uuid (d), name_or_uuid) == 0)
        return d;   /* the list keeps its reference */
    }
  return NULL;
}
