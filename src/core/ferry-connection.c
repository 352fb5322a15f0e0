/* ferry-connection.c — one libvirt connection: open, host facts, state.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libvirt/virterror.h>

#include "ferry-connection-private.h"
#include "ferry-core-private.h"
#include "ferry-enums.h"
#include "ferry-error.h"

enum {
  PROP_0,
  PROP_URI,
  PROP_DISPLAY_NAME,
  PROP_STATE,
  PROP_ERROR_MESSAGE,
  PROP_HOSTNAME,
  PROP_HYPERVISOR,
  PROP_LIBVIRT_VERSION,
  PROP_ARCH,
  PROP_CPUS,
  PROP_MEMORY_TOTAL,
  PROP_MEMORY_FREE,
  PROP_DOMAINS,
  PROP_DOMAINS_LISTED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryConnection, ferry_connection, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* What the open worker learned, handed to the main thread in one piece. */
typedef struct
{
  char          *uri;
  virConnectPtr  conn;
  char          *hostname;
  char          *hypervisor;
  char          *libvirt_version;
  char          *arch;
  guint          cpus;
  guint64        memory_total;
  guint64        memory_free;
  GPtrArray     *domains;
  int            lifecycle_callback_id;
  gint64         started_usec;
} OpenData;

static void
open_data_free (OpenData *data)
{
  if (data->conn != NULL)
    _ferry_conn_release (data->conn);
  g_free (data->uri);
  g_free (data->hostname);
  g_free (data->hypervisor);
  g_free (data->libvirt_version);
  g_free (data->arch);
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

void
_ferry_conn_release (virConnectPtr conn)
{
  g_autoptr(GTask) task = NULL;

  if (conn == NULL)
    return;

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, _ferry_conn_release);
  g_task_set_task_data (task, conn, NULL);
  g_task_run_in_thread (task, close_worker);
}

/* Ferry never prompts on a terminal: until the credential dialog answers auth
 * requests, any credential libvirt asks for is refused, which fails the open
 * with libvirt's own "authentication failed" message. */
static int
refuse_credentials_cb (virConnectCredentialPtr cred,
                       unsigned int            ncred,
                       void                   *cbdata)
{
  return -1;
}

static int auth_cred_types[] = {
  VIR_CRED_AUTHNAME, VIR_CRED_PASSPHRASE, VIR_CRED_ECHOPROMPT,
  VIR_CRED_NOECHOPROMPT, VIR_CRED_REALM, VIR_CRED_EXTERNAL,
};

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
  unsigned long long free_mem;
  virNodeInfo node;
  const char *type;
  char *hostname;

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
  if ((free_mem = virNodeGetFreeMemory (conn)) != 0)
    data->memory_free = free_mem;

  virResetLastError ();
}

static void
open_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FerryConnection *self = source_object;
  OpenData *data = task_data;
  virConnectAuth auth = {
    auth_cred_types, G_N_ELEMENTS (auth_cred_types), refuse_credentials_cb, NULL,
  };
  g_autoptr(GError) error = NULL;

  FERRY_LIBVIRT_ENTER ();

  data->conn = virConnectOpenAuth (data->uri, &auth, 0);
  if (data->conn == NULL)
    {
      ferry_set_error_from_libvirt (&error, "virConnectOpenAuth");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  /* Dead peers are noticed within ~20 s; not every driver supports keepalive. */
  if (virConnectSetKeepAlive (data->conn, 5, 3) < 0)
    virResetLastError ();

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
set_state (FerryConnection      *self,
           FerryConnectionState  state,
           const char           *error_message)
{
  gboolean changed = FALSE;

  if (self->state != state)
    {
      self->state = state;
      changed = TRUE;
    }
  if (g_strcmp0 (self->error_message, error_message) != 0)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (error_message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
    }
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_ferry_connection_notify (FerryConnection       *self,
                          FerryConnectionNotify  what)
{
  switch (what)
    {
    case FERRY_CONNECTION_PROP_STATE:
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
      break;
    case FERRY_CONNECTION_PROP_DOMAINS_LISTED:
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOMAINS_LISTED]);
      break;
    case FERRY_CONNECTION_PROP_FACTS:
    default:
      for (guint i = PROP_HOSTNAME; i <= PROP_MEMORY_FREE; i++)
        g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
      break;
    }
}

static void
ferry_connection_dispose (GObject *object)
{
  FerryConnection *self = (FerryConnection *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->conn != NULL)
    {
      _ferry_connection_unwatch_domains (self->conn, self->lifecycle_callback_id);
      self->lifecycle_callback_id = -1;
      _ferry_conn_release (g_steal_pointer (&self->conn));
    }
  if (self->domains != NULL)
    g_list_store_remove_all (self->domains);
  g_hash_table_remove_all (self->domains_by_uuid);

  G_OBJECT_CLASS (ferry_connection_parent_class)->dispose (object);
}

static void
ferry_connection_finalize (GObject *object)
{
  FerryConnection *self = (FerryConnection *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->domains);
  g_clear_pointer (&self->domains_by_uuid, g_hash_table_unref);
  g_clear_pointer (&self->pending_refresh, g_hash_table_unref);
  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->hostname, g_free);
  g_clear_pointer (&self->hypervisor, g_free);
  g_clear_pointer (&self->libvirt_version, g_free);
  g_clear_pointer (&self->arch, g_free);

  G_OBJECT_CLASS (ferry_connection_parent_class)->finalize (object);
}

static void
ferry_connection_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FerryConnection *self = FERRY_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, ferry_connection_get_display_name (self));
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_HOSTNAME:
      g_value_set_string (value, self->hostname);
      break;
    case PROP_HYPERVISOR:
      g_value_set_string (value, self->hypervisor);
      break;
    case PROP_LIBVIRT_VERSION:
      g_value_set_string (value, self->libvirt_version);
      break;
    case PROP_ARCH:
      g_value_set_string (value, self->arch);
      break;
    case PROP_CPUS:
      g_value_set_uint (value, self->cpus);
      break;
    case PROP_MEMORY_TOTAL:
      g_value_set_uint64 (value, self->memory_total);
      break;
    case PROP_MEMORY_FREE:
      g_value_set_uint64 (value, self->memory_free);
      break;
    case PROP_DOMAINS:
      g_value_set_object (value, self->domains);
      break;
    case PROP_DOMAINS_LISTED:
      g_value_set_boolean (value, self->domains_listed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_connection_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FerryConnection *self = FERRY_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_URI:
      self->uri = g_value_dup_string (value);
      break;
    case PROP_DISPLAY_NAME:
      ferry_connection_set_display_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_connection_class_init (FerryConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ferry_connection_dispose;
  object_class->finalize = ferry_connection_finalize;
  object_class->get_property = ferry_connection_get_property;
  object_class->set_property = ferry_connection_set_property;

  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, FERRY_TYPE_CONNECTION_STATE,
                       FERRY_CONNECTION_STATE_DISCONNECTED, ro);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, ro);
  properties[PROP_HOSTNAME] = g_param_spec_string ("hostname", NULL, NULL, NULL, ro);
  properties[PROP_HYPERVISOR] = g_param_spec_string ("hypervisor", NULL, NULL, NULL, ro);
  properties[PROP_LIBVIRT_VERSION] = g_param_spec_string ("libvirt-version", NULL, NULL, NULL, ro);
  properties[PROP_ARCH] = g_param_spec_string ("arch", NULL, NULL, NULL, ro);
  properties[PROP_CPUS] = g_param_spec_uint ("cpus", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_MEMORY_TOTAL] =
    g_param_spec_uint64 ("memory-total", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_MEMORY_FREE] =
    g_param_spec_uint64 ("memory-free", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_DOMAINS] =
    g_param_spec_object ("domains", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_DOMAINS_LISTED] =
    g_param_spec_boolean ("domains-listed", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_connection_init (FerryConnection *self)
{
  self->lifecycle_callback_id = -1;
  self->cancellable = g_cancellable_new ();
  self->domains = g_list_store_new (FERRY_TYPE_DOMAIN);
  self->domains_by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  self->pending_refresh = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * ferry_connection_new:
 * @uri: a libvirt connection URI
 *
 * Returns: (transfer full): a new, not yet opened connection
 */
FerryConnection *
ferry_connection_new (const char *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);

  return g_object_new (FERRY_TYPE_CONNECTION, "uri", uri, NULL);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  FerryConnection *self = g_task_get_source_object (outer);
  GTask *inner = G_TASK (result);
  OpenData *data = g_task_get_task_data (inner);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (inner, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_state (self, FERRY_CONNECTION_STATE_DISCONNECTED, NULL);
      else
        set_state (self, FERRY_CONNECTION_STATE_FAILED, error->message);
      if (data->conn != NULL && data->lifecycle_callback_id >= 0)
        _ferry_connection_unwatch_domains (data->conn, data->lifecycle_callback_id);
      g_task_return_error (outer, g_steal_pointer (&error));
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
  self->cpus = data->cpus;
  self->memory_total = data->memory_total;
  self->memory_free = data->memory_free;
  _ferry_connection_notify (self, FERRY_CONNECTION_PROP_FACTS);

  _ferry_connection_set_domains (self, data->domains);

  /* Benchmarks and acceptance checks read this line; keep its format stable. */
  g_debug ("host %s: %u domains listed in %" G_GINT64_FORMAT " ms",
           self->uri, data->domains->len,
           (g_get_monotonic_time () - data->started_usec) / 1000);

  set_state (self, FERRY_CONNECTION_STATE_CONNECTED, NULL);
  g_task_return_boolean (outer, TRUE);
}

/**
 * ferry_connection_open_async:
 *
 * Opens the connection in a worker thread, reads the host's facts and lists its
 * domains. The state goes to connecting, then connected or failed.
 */
void
ferry_connection_open_async (FerryConnection     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  OpenData *data;

  g_return_if_fail (FERRY_IS_CONNECTION (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, ferry_connection_open_async);

  if (self->state == FERRY_CONNECTION_STATE_CONNECTING ||
      self->state == FERRY_CONNECTION_STATE_CONNECTED)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The connection to %s is already open or opening"), self->uri);
      return;
    }

  set_state (self, FERRY_CONNECTION_STATE_CONNECTING, NULL);

  data = g_new0 (OpenData, 1);
  data->uri = g_strdup (self->uri);
  data->lifecycle_callback_id = -1;
  data->started_usec = g_get_monotonic_time ();

  /* The inner task runs the blocking work; the outer one reports to the caller
   * only after the model was filled on the main thread. */
  inner = g_task_new (self, cancellable, open_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, open_worker);
  g_task_set_task_data (inner, data, (GDestroyNotify)open_data_free);
  g_task_set_return_on_cancel (inner, FALSE);
  g_task_run_in_thread (inner, open_worker);
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
 * ferry_connection_close:
 *
 * Closes the connection (in a worker) and empties the domain list.
 */
void
ferry_connection_close (FerryConnection *self)
{
  g_return_if_fail (FERRY_IS_CONNECTION (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_hash_table_remove_all (self->pending_refresh);
  if (self->conn != NULL)
    {
      _ferry_connection_unwatch_domains (self->conn, self->lifecycle_callback_id);
      self->lifecycle_callback_id = -1;
      _ferry_conn_release (g_steal_pointer (&self->conn));
    }
  g_hash_table_remove_all (self->domains_by_uuid);
  g_list_store_remove_all (self->domains);
  if (self->domains_listed)
    {
      self->domains_listed = FALSE;
      _ferry_connection_notify (self, FERRY_CONNECTION_PROP_DOMAINS_LISTED);
    }
  set_state (self, FERRY_CONNECTION_STATE_DISCONNECTED, NULL);
}

const char *
ferry_connection_get_uri (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);
  return self->uri;
}

const char *
ferry_connection_get_display_name (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);

  if (self->display_name != NULL && self->display_name[0] != '\0')
    return self->display_name;
  if (self->hostname != NULL)
    return self->hostname;
  return self->uri;
}

void
ferry_connection_set_display_name (FerryConnection *self,
                                   const char      *display_name)
{
  g_return_if_fail (FERRY_IS_CONNECTION (self));

  if (g_strcmp0 (self->display_name, display_name) == 0)
    return;
  g_free (self->display_name);
  self->display_name = g_strdup (display_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

FerryConnectionState
ferry_connection_get_state (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), FERRY_CONNECTION_STATE_DISCONNECTED);
  return self->state;
}

const char *
ferry_connection_get_error_message (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);
  return self->error_message;
}

const char *
ferry_connection_get_hostname (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);
  return self->hostname;
}

const char *
ferry_connection_get_hypervisor (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);
  return self->hypervisor;
}

const char *
ferry_connection_get_libvirt_version (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);
  return self->libvirt_version;
}

const char *
ferry_connection_get_arch (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);
  return self->arch;
}

guint
ferry_connection_get_cpus (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), 0);
  return self->cpus;
}

guint64
ferry_connection_get_memory_total (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), 0);
  return self->memory_total;
}

guint64
ferry_connection_get_memory_free (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), 0);
  return self->memory_free;
}

/**
 * ferry_connection_get_domains:
 *
 * Returns: (transfer none): a #GListModel of #FerryDomain, kept current by events
 */
GListModel *
ferry_connection_get_domains (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);
  return G_LIST_MODEL (self->domains);
}

gboolean
ferry_connection_get_domains_listed (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), FALSE);
  return self->domains_listed;
}
