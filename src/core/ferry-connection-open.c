/* ferry-connection-open.c — a connection's life: open (in a worker, with
 * credentials asked on the main thread), cancel, time out, close, notice a lost
 * link and reconnect with backoff.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libvirt/virterror.h>

#include "ferry-auth-request-private.h"
#include "ferry-connection-private.h"
#include "ferry-core-private.h"
#include "ferry-error.h"

#define RECONNECT_MAX_DELAY 60
/* A user typing a password is not a hung host: credentials get longer. */
#define AUTH_TIMEOUT_SECONDS 300

/* What the open worker learned, handed to the main thread in one piece. */
typedef struct
{
  GWeakRef       self;
  guint          generation;
  char          *uri;
  GCancellable  *cancellable;
  guint          keepalive_interval;
  guint          keepalive_count;
  virConnectPtr  conn;
  char          *hostname;
  char          *hypervisor;
  char          *libvirt_version;
  char          *arch;
  char          *host_uuid;
  char          *cpu_model;
  guint          cpus;
  guint64        memory_total;
  guint64        memory_free;
  GPtrArray     *domains;
  int            lifecycle_callback_id;
  gint64         started_usec;
} OpenData;

static void schedule_reconnect (FerryConnection *self);
static void connection_closed_cb (virConnectPtr conn, int reason, void *opaque);
static void conn_release_owned (virConnectPtr conn);

static void
open_data_free (OpenData *data)
{
  if (data->conn != NULL)
    {
      _ferry_connection_unwatch_domains (data->conn, data->lifecycle_callback_id);
      conn_release_owned (data->conn);
    }
  g_weak_ref_clear (&data->self);
  g_clear_object (&data->cancellable);
  g_free (data->uri);
  g_free (data->hostname);
  g_free (data->hypervisor);
  g_free (data->libvirt_version);
  g_free (data->arch);
  g_free (data->host_uuid);
  g_free (data->cpu_model);
  g_clear_pointer (&data->domains, g_ptr_array_unref);
  g_free (data);
}

static void
close_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FERRY_LIBVIRT_ENTER ();
  virConnectClose (task_data);
  g_task_return_boolean (task, TRUE);
}

/* Hands the last use of @conn to @worker, off the main thread. */
static void
release_in_worker (virConnectPtr   conn,
                   GTaskThreadFunc worker)
{
  g_autoptr(GTask) task = NULL;

  if (conn == NULL)
    return;

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, release_in_worker);
  g_task_set_task_data (task, conn, NULL);
  g_task_run_in_thread (task, worker);
}

void
_ferry_conn_release (virConnectPtr conn)
{
  release_in_worker (conn, close_worker);
}

/* The registered close callback holds a reference to the connection, so a
 * connection whose owner only closes it stays open for good: its socket, its
 * client on the host and its memory, once per disconnect (the soak found 8 file
 * descriptors more per round trip). The owner takes the callback off first. */
static void
close_owned_worker (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  FERRY_LIBVIRT_ENTER ();
  /* Fails harmlessly when none was registered (test:// or an open that
   * stopped before it). */
  if (virConnectUnregisterCloseCallback (task_data, connection_closed_cb) < 0)
    virResetLastError ();
  virConnectClose (task_data);
  g_task_return_boolean (task, TRUE);
}

static void
conn_release_owned (virConnectPtr conn)
{
  release_in_worker (conn, close_owned_worker);
}

/* ------------------------------------------------------------ credentials */

typedef struct
{
  GWeakRef          self;
  guint             generation;
  FerryAuthRequest *request;
} AuthHandoff;

static void
auth_handoff_free (AuthHandoff *handoff)
{
  g_weak_ref_clear (&handoff->self);
  g_clear_object (&handoff->request);
  g_free (handoff);
}

static gboolean
emit_auth_request_cb (gpointer user_data)
{
  AuthHandoff *handoff = user_data;
  g_autoptr(FerryConnection) self = g_weak_ref_get (&handoff->self);

  if (self == NULL || self->open_generation != handoff->generation)
    ferry_auth_request_cancel (handoff->request);
  else
    _ferry_connection_emit_auth_request (self, handoff->request);
  return G_SOURCE_REMOVE;
}

/* Called by libvirt inside virConnectOpenAuth, in the open worker. */
static int
auth_cb (virConnectCredentialPtr cred,
         unsigned int            ncred,
         void                   *cbdata)
{
  OpenData *data = cbdata;
  g_autoptr(FerryAuthRequest) request = _ferry_auth_request_new (data->uri, cred, ncred);
  AuthHandoff *handoff = g_new0 (AuthHandoff, 1);
  g_autoptr(FerryConnection) self = g_weak_ref_get (&data->self);

  g_weak_ref_init (&handoff->self, self);
  handoff->generation = data->generation;
  handoff->request = g_object_ref (request);
  _ferry_context_post (NULL, emit_auth_request_cb, handoff, (GDestroyNotify)auth_handoff_free);
  g_clear_object (&self);

  if (!_ferry_auth_request_wait (request, data->cancellable, AUTH_TIMEOUT_SECONDS))
    return -1;

  _ferry_auth_request_fill (request, cred, ncred);
  return 0;
}

static int auth_cred_types[] = {
  VIR_CRED_USERNAME, VIR_CRED_AUTHNAME, VIR_CRED_PASSPHRASE, VIR_CRED_ECHOPROMPT,
  VIR_CRED_NOECHOPROMPT,
};

/* ------------------------------------------------------------------- open */

static char *
format_version (unsigned long version)
{
  return g_strdup_printf ("%lu.%lu.%lu",
                          version / 1000000, (version / 1000) % 1000, version % 1000);
}

static void
read_host_facts (virConnectPtr  conn,
                 OpenData      *data)
{
  unsigned long lib_version = 0;
  unsigned long hv_version = 0;
  virNodeInfo node;
  const char *type;
  char *hostname;
  char *caps;

  /* Each fact is optional: a driver that lacks one still connects. */
  if ((hostname = virConnectGetHostname (conn)) != NULL)
    {
      data->hostname = g_strdup (hostname);
      free (hostname);
    }
  if (virConnectGetLibVersion (conn, &lib_version) == 0)
    data->libvirt_version = format_version (lib_version);
  if ((type = virConnectGetType (conn)) != NULL)
    {
      if (virConnectGetVersion (conn, &hv_version) == 0 && hv_version != 0)
        {
          g_autofree char *v = format_version (hv_version);
          data->hypervisor = g_strdup_printf ("%s %s", type, v);
        }
      else
        data->hypervisor = g_strdup (type);
    }
  if (virNodeGetInfo (conn, &node) == 0)
    {
      data->arch = g_strdup (node.model);
      data->cpus = node.cpus;
      data->memory_total = (guint64)node.memory * 1024;
    }
  data->memory_free = virNodeGetFreeMemory (conn);

  /* The host UUID (what libvirt compares to refuse a migration to the same
   * host) and the CPU model are in the capabilities document. */
  if ((caps = virConnectGetCapabilities (conn)) != NULL)
    {
      data->host_uuid = _ferry_xml_xpath_string (caps, "/capabilities/host/uuid");
      data->cpu_model = _ferry_xml_xpath_string (caps, "/capabilities/host/cpu/model");
      free (caps);
    }

  virResetLastError ();
}

static void
open_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  virConnectAuth auth = {
    auth_cred_types, G_N_ELEMENTS (auth_cred_types), auth_cb, data,
  };
  g_autoptr(FerryConnection) self = NULL;
  g_autoptr(GError) error = NULL;
  GWeakRef *close_ref;

  FERRY_LIBVIRT_ENTER ();

  data->conn = virConnectOpenAuth (data->uri, &auth, 0);
  if (data->conn == NULL)
    {
      g_autofree char *explained = NULL;

      ferry_set_error_from_libvirt (&error, "virConnectOpenAuth");
      explained = ferry_connection_explain_open_error (data->uri, error->message);
      if (explained != NULL)
        {
          g_free (error->message);
          error->message = g_steal_pointer (&explained);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  /* A dead peer is noticed after interval × (count + 1) seconds of silence.
   * Not every driver supports keepalive (the test driver does not). */
  if (virConnectSetKeepAlive (data->conn, data->keepalive_interval, data->keepalive_count) < 0)
    virResetLastError ();

  self = g_weak_ref_get (&data->self);
  if (self == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "gone");
      return;
    }

  /* libvirt's in-process test driver (test:///…, no daemon) accepts a close
   * callback but keeps neither it nor its free function, so the ref would
   * leak; its connections never drop anyway. Through a daemon, even the test
   * driver's connections go through the remote driver, which keeps both. */
  if (!g_str_has_prefix (data->uri, "test://"))
    {
      close_ref = _ferry_weak_ref_new (self);
      if (virConnectRegisterCloseCallback (data->conn, connection_closed_cb, close_ref,
                                           _ferry_weak_ref_free) < 0)
        {
          _ferry_weak_ref_free (close_ref);
          virResetLastError ();
        }
    }

  read_host_facts (data->conn, data);

  /* Watch before listing, so no event between the two is lost. */
  data->lifecycle_callback_id = _ferry_connection_watch_domains (self, data->conn, &error);
  if (data->lifecycle_callback_id < 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->domains = _ferry_connection_list_domains (data->conn, &error);
  if (data->domains == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
complete_open_task (FerryConnection *self,
                    GError          *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->open_task);

  g_clear_handle_id (&self->open_timeout_source, g_source_remove);
  g_clear_object (&self->open_cancellable);
  if (task == NULL)
    return;
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
inventory_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* A host without a storage or network driver still shows what it has. */
  if (!_ferry_host_inventory_load_finish (FERRY_HOST_INVENTORY (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("inventory: %s", error->message);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  FerryConnection *self = FERRY_CONNECTION (object);
  OpenData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* Cancelled or timed out meanwhile: the caller was told already, and
   * open_data_free closes whatever this late worker opened. */
  if (data->generation != self->open_generation)
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _ferry_connection_set_state (self, FERRY_CONNECTION_STATE_FAILED, error->message);
      complete_open_task (self, g_steal_pointer (&error));
      schedule_reconnect (self);
      return;
    }

  self->conn = g_steal_pointer (&data->conn);
  self->lifecycle_callback_id = data->lifecycle_callback_id;
  g_free (self->hostname);
  self->hostname = g_steal_pointer (&data->hostname);
  g_free (self->hypervisor);
  self->hypervisor = g_steal_pointer (&data->hypervisor);
  g_free (self->libvirt_version);
  self->libvirt_version = g_steal_pointer (&data->libvirt_version);
  g_free (self->arch);
  self->arch = g_steal_pointer (&data->arch);
  g_free (self->host_uuid);
  self->host_uuid = g_steal_pointer (&data->host_uuid);
  g_free (self->cpu_model);
  self->cpu_model = g_steal_pointer (&data->cpu_model);
  self->cpus = data->cpus;
  self->memory_total = data->memory_total;
  self->memory_free = data->memory_free;
  _ferry_connection_notify (self, FERRY_CONNECTION_PROP_FACTS);

  _ferry_connection_set_domains (self, data->domains);

  /* Benchmarks and acceptance checks read this line; keep its format stable. */
  g_debug ("host %s: %u domains listed in %" G_GINT64_FORMAT " ms",
           self->uri, data->domains->len,
           (g_get_monotonic_time () - data->started_usec) / 1000);

  /* Once connected, a lost link is repaired without asking. */
  self->auto_reconnect = TRUE;
  self->reconnect_delay = 0;
  _ferry_connection_set_state (self, FERRY_CONNECTION_STATE_CONNECTED, NULL);
  _ferry_connection_schedule_host_refresh (self);
  /* Pools and networks load after the VM list: the list is what users wait for. */
  _ferry_host_inventory_load_async (self->inventory, self->conn, self->cancellable,
                                    inventory_loaded_cb, NULL);
  complete_open_task (self, NULL);
}

/* Gives up on the attempt in flight: the worker may stay blocked in libvirt
 * (a host that never answers), but its result will be dropped. */
static void
abandon_open (FerryConnection      *self,
              FerryConnectionState  state,
              GError               *error)
{
  self->open_generation++;
  g_cancellable_cancel (self->open_cancellable);
  _ferry_connection_set_state (self, state, state == FERRY_CONNECTION_STATE_FAILED ?
                               error->message : NULL);
  complete_open_task (self, error);
}

static gboolean
open_timeout_cb (gpointer user_data)
{
  FerryConnection *self = user_data;

  /* The clock does not run against a user who is typing a password. */
  if (self->state == FERRY_CONNECTION_STATE_AUTHENTICATING)
    return G_SOURCE_CONTINUE;

  self->open_timeout_source = 0;
  abandon_open (self, FERRY_CONNECTION_STATE_FAILED,
                g_error_new (FERRY_ERROR, FERRY_ERROR_UNREACHABLE,
                             _("The host did not answer within %u seconds. Check that "
                               "libvirtd runs there and that the address and port are right."),
                             self->open_timeout));
  schedule_reconnect (self);
  return G_SOURCE_REMOVE;
}

/**
 * ferry_connection_open_async:
 *
 * Opens the connection in a worker thread, reads the host's facts and lists its
 * domains. The state goes to connecting (authenticating while credentials are
 * asked for), then connected or failed. Credentials are asked through the
 * #FerryConnection::auth-request signal.
 */
void
ferry_connection_open_async (FerryConnection     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  OpenData *data;

  g_return_if_fail (FERRY_IS_CONNECTION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_connection_open_async);

  if (self->open_task != NULL || self->conn != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The connection to %s is already open or opening"), self->uri);
      return;
    }

  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  _ferry_connection_notify (self, FERRY_CONNECTION_PROP_RECONNECT);
  _ferry_connection_set_state (self, FERRY_CONNECTION_STATE_CONNECTING, NULL);

  self->open_task = g_steal_pointer (&task);
  self->open_cancellable = g_cancellable_new ();
  if (self->open_timeout > 0)
    self->open_timeout_source = g_timeout_add_seconds (self->open_timeout, open_timeout_cb, self);

  data = g_new0 (OpenData, 1);
  g_weak_ref_init (&data->self, self);
  data->generation = ++self->open_generation;
  data->uri = g_strdup (self->uri);
  data->cancellable = g_object_ref (self->open_cancellable);
  data->keepalive_interval = self->keepalive_interval;
  data->keepalive_count = self->keepalive_count;
  data->lifecycle_callback_id = -1;
  data->started_usec = g_get_monotonic_time ();

  worker = g_task_new (self, NULL, open_cb, NULL);
  g_task_set_source_tag (worker, open_worker);
  g_task_set_task_data (worker, data, (GDestroyNotify)open_data_free);
  g_task_run_in_thread (worker, open_worker);
}

gboolean
ferry_connection_open_finish (FerryConnection  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ferry_connection_cancel:
 *
 * Stops an open in progress (also one waiting for credentials) and stops
 * automatic reconnecting. The window is never held up by a host that hangs.
 */
void
ferry_connection_cancel (FerryConnection *self)
{
  g_return_if_fail (FERRY_IS_CONNECTION (self));

  self->auto_reconnect = FALSE;
  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  _ferry_connection_notify (self, FERRY_CONNECTION_PROP_RECONNECT);
  if (self->open_task != NULL)
    abandon_open (self, FERRY_CONNECTION_STATE_DISCONNECTED,
                  g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                       _("Connecting was cancelled")));
}

/* Main thread: forgets the libvirt connection and everything read through it. */
void
_ferry_connection_drop (FerryConnection *self)
{
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->host_refresh_source, g_source_remove);
  g_hash_table_remove_all (self->pending_refresh);
  if (self->inventory != NULL)
    ferry_host_inventory_close (self->inventory);
  if (self->conn != NULL)
    {
      _ferry_connection_unwatch_domains (self->conn, self->lifecycle_callback_id);
      self->lifecycle_callback_id = -1;
      conn_release_owned (g_steal_pointer (&self->conn));
    }
  g_hash_table_remove_all (self->domains_by_uuid);
  if (self->domains != NULL)
    g_list_store_remove_all (self->domains);
  if (self->domains_listed)
    {
      self->domains_listed = FALSE;
      _ferry_connection_notify (self, FERRY_CONNECTION_PROP_DOMAINS_LISTED);
    }
}

/**
 * ferry_connection_close:
 *
 * Closes the connection (in a worker) and empties the domain list. No
 * automatic reconnect follows.
 */
void
ferry_connection_close (FerryConnection *self)
{
  g_return_if_fail (FERRY_IS_CONNECTION (self));

  ferry_connection_cancel (self);
  _ferry_connection_drop (self);
  _ferry_connection_set_state (self, FERRY_CONNECTION_STATE_DISCONNECTED, NULL);
}

/* ------------------------------------------------------------- reconnect */

static gboolean
reconnect_cb (gpointer user_data)
{
  FerryConnection *self = user_data;

  self->reconnect_source = 0;
  g_debug ("host %s: reconnecting", self->uri);
  ferry_connection_open_async (self, NULL, NULL, NULL);
  return G_SOURCE_REMOVE;
}

/* After a lost link or a failed reconnect: try again after 1, 2, 4 … 60 s. */
static void
schedule_reconnect (FerryConnection *self)
{
  if (!self->auto_reconnect || self->reconnect_source != 0)
    return;

  self->reconnect_delay = self->reconnect_delay == 0 ? 1 :
                          MIN (self->reconnect_delay * 2, RECONNECT_MAX_DELAY);
  self->reconnect_source = g_timeout_add_seconds (self->reconnect_delay, reconnect_cb, self);
  _ferry_connection_notify (self, FERRY_CONNECTION_PROP_RECONNECT);
}

static const char *
close_reason_message (int reason)
{
  switch (reason)
    {
    case VIR_CONNECT_CLOSE_REASON_KEEPALIVE:
      return _("The host stopped answering (keepalive timeout). Ferry reconnects when it is back.");
    case VIR_CONNECT_CLOSE_REASON_EOF:
      return _("The host closed the connection (libvirtd stopped or restarted). "
               "Ferry reconnects when it is back.");
    case VIR_CONNECT_CLOSE_REASON_ERROR:
    default:
      return _("The connection to the host was lost. Ferry reconnects when it is back.");
    }
}

typedef struct {
  GWeakRef  self;
  gpointer  conn;     /* identity only: the virConnectPtr may be gone by then */
  int       reason;
} ClosedHandoff;

static void
closed_handoff_free (ClosedHandoff *handoff)
{
  g_weak_ref_clear (&handoff->self);
  g_free (handoff);
}

/* Main thread. */
static gboolean
connection_closed_main_cb (gpointer user_data)
{
  ClosedHandoff *handoff = user_data;
  g_autoptr(FerryConnection) self = g_weak_ref_get (&handoff->self);

  /* Ferry closing the connection itself, or an old connection: nothing to do. */
  if (self == NULL || handoff->conn != (gpointer)self->conn)
    return G_SOURCE_REMOVE;

  g_debug ("host %s: connection closed (reason %d)", self->uri, handoff->reason);
  _ferry_connection_drop (self);
  _ferry_connection_set_state (self, FERRY_CONNECTION_STATE_DISCONNECTED,
                               close_reason_message (handoff->reason));
  schedule_reconnect (self);
  return G_SOURCE_REMOVE;
}

/* libvirt's close callback. It runs in whichever thread notices the drop: the
 * main loop's socket watch, or a worker whose call found the socket closed. The
 * connection's state changes on the main thread only, so it is handed over. */
static void
connection_closed_cb (virConnectPtr  conn,
                      int            reason,
                      void          *opaque)
{
  g_autoptr(FerryConnection) self = NULL;
  ClosedHandoff *handoff;

  if (reason == VIR_CONNECT_CLOSE_REASON_CLIENT || (self = g_weak_ref_get (opaque)) == NULL)
    return;
  handoff = g_new0 (ClosedHandoff, 1);
  g_weak_ref_init (&handoff->self, self);
  handoff->conn = conn;
  handoff->reason = reason;
  _ferry_context_post (NULL, connection_closed_main_cb, handoff, (GDestroyNotify)closed_handoff_free);
}

/**
 * ferry_connection_get_reconnect_seconds:
 *
 * Returns: the delay before the next automatic reconnect, or 0 when none is
 *   scheduled
 */
guint
ferry_connection_get_reconnect_seconds (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), 0);
  return self->reconnect_source != 0 ? self->reconnect_delay : 0;
}

/* ---------------------------------------------------- host facts refresh */

static void
free_memory_worker (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  unsigned long long free_mem;

  FERRY_LIBVIRT_ENTER ();
  free_mem = virNodeGetFreeMemory (task_data);
  virResetLastError ();
  g_task_return_pointer (task, g_memdup2 (&free_mem, sizeof free_mem), g_free);
}

static void
free_memory_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  FerryConnection *self = FERRY_CONNECTION (object);
  g_autofree guint64 *free_mem = g_task_propagate_pointer (G_TASK (result), NULL);

  if (free_mem != NULL && self->conn != NULL && *free_mem != self->memory_free)
    {
      self->memory_free = *free_mem;
      _ferry_connection_notify (self, FERRY_CONNECTION_PROP_MEMORY_FREE);
    }
}

static void
conn_unref (gpointer conn)
{
  _ferry_conn_release (conn);
}

static gboolean
host_refresh_cb (gpointer user_data)
{
  FerryConnection *self = user_data;
  g_autoptr(GTask) task = NULL;

  if (self->conn == NULL)
    {
      self->host_refresh_source = 0;
      return G_SOURCE_REMOVE;
    }

  virConnectRef (self->conn);
  task = g_task_new (self, self->cancellable, free_memory_cb, NULL);
  g_task_set_source_tag (task, host_refresh_cb);
  g_task_set_task_data (task, self->conn, conn_unref);
  g_task_run_in_thread (task, free_memory_worker);
  return G_SOURCE_CONTINUE;
}

/* (Re)starts the periodic refresh of the host's free memory; free memory is
 * what a migration needs on the destination, and no event reports it. */
void
_ferry_connection_schedule_host_refresh (FerryConnection *self)
{
  g_clear_handle_id (&self->host_refresh_source, g_source_remove);
  if (self->conn != NULL && self->host_refresh_interval > 0)
    self->host_refresh_source = g_timeout_add_seconds (self->host_refresh_interval,
                                                       host_refresh_cb, self);
}
