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
  PROP_HOST_UUID,
  PROP_CPU_MODEL,
  PROP_CPUS,
  PROP_MEMORY_TOTAL,
  PROP_MEMORY_FREE,
  PROP_DOMAINS,
  PROP_DOMAINS_LISTED,
  PROP_OPEN_TIMEOUT,
  PROP_KEEPALIVE_INTERVAL,
  PROP_KEEPALIVE_COUNT,
  PROP_RECONNECT_SECONDS,
  PROP_HOST_REFRESH_INTERVAL,
  N_PROPS
};

enum {
  SIGNAL_AUTH_REQUEST,
  SIGNAL_DOMAIN_EVENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FerryConnection, ferry_connection, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

void
_ferry_connection_set_state (FerryConnection      *self,
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
    case FERRY_CONNECTION_PROP_MEMORY_FREE:
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMORY_FREE]);
      break;
    case FERRY_CONNECTION_PROP_RECONNECT:
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECONNECT_SECONDS]);
      break;
    case FERRY_CONNECTION_PROP_FACTS:
    default:
      for (guint i = PROP_HOSTNAME; i <= PROP_MEMORY_FREE; i++)
        g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
      break;
    }
}

/**
 * _ferry_connection_emit_auth_request:
 *
 * Main thread. Asks whoever listens (the UI) to answer @request; with nobody
 * listening the request is refused at once instead of waiting for ever.
 */
void
_ferry_connection_emit_auth_request (FerryConnection  *self,
                                     FerryAuthRequest *request)
{
  if (!g_signal_has_handler_pending (self, signals[SIGNAL_AUTH_REQUEST], 0, FALSE))
    {
      ferry_auth_request_cancel (request);
      return;
    }
  _ferry_connection_set_state (self, FERRY_CONNECTION_STATE_AUTHENTICATING, NULL);
  g_signal_emit (self, signals[SIGNAL_AUTH_REQUEST], 0, request);
}

/**
 * _ferry_connection_emit_domain_event:
 *
 * Main thread. Tells listeners (the events log) what libvirt said happened
 * to a domain, in words.
 */
void
_ferry_connection_emit_domain_event (FerryConnection    *self,
                                     const char         *vm_name,
                                     const char         *what,
                                     FerryEventSeverity  severity)
{
  g_signal_emit (self, signals[SIGNAL_DOMAIN_EVENT], 0, vm_name, what, severity);
}

static void
ferry_connection_dispose (GObject *object)
{
  FerryConnection *self = (FerryConnection *)object;

  g_cancellable_cancel (self->cancellable);
  _ferry_connection_drop (self);

  G_OBJECT_CLASS (ferry_connection_parent_class)->dispose (object);
}

static void
ferry_connection_finalize (GObject *object)
{
  FerryConnection *self = (FerryConnection *)object;

  g_clear_object (&self->inventory);
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
  g_clear_pointer (&self->host_uuid, g_free);
  g_clear_pointer (&self->cpu_model, g_free);

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
    case PROP_HOST_UUID:
      g_value_set_string (value, self->host_uuid);
      break;
    case PROP_CPU_MODEL:
      g_value_set_string (value, self->cpu_model);
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
    case PROP_OPEN_TIMEOUT:
      g_value_set_uint (value, self->open_timeout);
      break;
    case PROP_KEEPALIVE_INTERVAL:
      g_value_set_uint (value, self->keepalive_interval);
      break;
    case PROP_KEEPALIVE_COUNT:
      g_value_set_uint (value, self->keepalive_count);
      break;
    case PROP_RECONNECT_SECONDS:
      g_value_set_uint (value, ferry_connection_get_reconnect_seconds (self));
      break;
    case PROP_HOST_REFRESH_INTERVAL:
      g_value_set_uint (value, self->host_refresh_interval);
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
    case PROP_OPEN_TIMEOUT:
      self->open_timeout = g_value_get_uint (value);
      break;
    case PROP_KEEPALIVE_INTERVAL:
      self->keepalive_interval = g_value_get_uint (value);
      break;
    case PROP_KEEPALIVE_COUNT:
      self->keepalive_count = g_value_get_uint (value);
      break;
    case PROP_HOST_REFRESH_INTERVAL:
      if (self->host_refresh_interval != g_value_get_uint (value))
        {
          self->host_refresh_interval = g_value_get_uint (value);
          _ferry_connection_schedule_host_refresh (self);
          g_object_notify_by_pspec (object, pspec);
        }
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
  properties[PROP_HOST_UUID] = g_param_spec_string ("host-uuid", NULL, NULL, NULL, ro);
  properties[PROP_CPU_MODEL] = g_param_spec_string ("cpu-model", NULL, NULL, NULL, ro);
  properties[PROP_CPUS] = g_param_spec_uint ("cpus", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_MEMORY_TOTAL] =
    g_param_spec_uint64 ("memory-total", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_MEMORY_FREE] =
    g_param_spec_uint64 ("memory-free", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_DOMAINS] =
    g_param_spec_object ("domains", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_DOMAINS_LISTED] =
    g_param_spec_boolean ("domains-listed", NULL, NULL, FALSE, ro);

  /* Seconds a host may take to answer the open before Ferry gives up (a host
   * that accepts the connection and never answers would hang it for ever). */
  properties[PROP_OPEN_TIMEOUT] =
    g_param_spec_uint ("open-timeout", NULL, NULL, 0, 3600, 30,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* libvirt's keepalive: a peer silent for interval × (count + 1) seconds is dead. */
  properties[PROP_KEEPALIVE_INTERVAL] =
    g_param_spec_uint ("keepalive-interval", NULL, NULL, 1, 600, 5,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEEPALIVE_COUNT] =
    g_param_spec_uint ("keepalive-count", NULL, NULL, 1, 100, 3,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECONNECT_SECONDS] =
    g_param_spec_uint ("reconnect-seconds", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_HOST_REFRESH_INTERVAL] =
    g_param_spec_uint ("host-refresh-interval", NULL, NULL, 0, 3600, 5,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FerryConnection::auth-request:
   * @request: the credentials asked for
   *
   * Emitted on the main thread while opening, when the host asks for
   * credentials. The handler answers with ferry_auth_request_submit() or
   * ferry_auth_request_cancel(), at once or later.
   */
  signals[SIGNAL_AUTH_REQUEST] =
    g_signal_new ("auth-request", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FERRY_TYPE_AUTH_REQUEST);

  /**
   * FerryConnection::domain-event:
   * @vm_name: the domain's name
   * @what: what happened, in words: "Started", "Paused (migration)", …
   * @severity: a #FerryEventSeverity: crashes and I/O errors are not routine
   *
   * Emitted on the main thread for every lifecycle event libvirt reports on
   * this host, whoever caused it.
   */
  signals[SIGNAL_DOMAIN_EVENT] =
    g_signal_new ("domain-event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_STRING, G_TYPE_STRING, FERRY_TYPE_EVENT_SEVERITY);
}

static void
ferry_connection_init (FerryConnection *self)
{
  self->lifecycle_callback_id = -1;
  self->open_timeout = 30;
  self->keepalive_interval = 5;
  self->keepalive_count = 3;
  self->host_refresh_interval = 5;
  self->cancellable = g_cancellable_new ();
  self->inventory = ferry_host_inventory_new ();
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

/**
 * ferry_connection_get_inventory:
 *
 * Returns: (transfer none): the host's storage pools and networks, loaded
 *   when connected and emptied when not
 */
FerryHostInventory *
ferry_connection_get_inventory (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);
  return self->inventory;
}

virConnectPtr
_ferry_connection_ref_conn (FerryConnection *self)
{
  if (self->conn == NULL || self->state != FERRY_CONNECTION_STATE_CONNECTED)
    return NULL;
  virConnectRef (self->conn);
  return self->conn;
}

const char *
ferry_connection_get_host_uuid (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);
  return self->host_uuid;
}

/**
 * ferry_connection_get_cpu_model:
 *
 * Returns: (nullable): the host CPU model libvirt reports ("Skylake-Client", …)
 */
const char *
ferry_connection_get_cpu_model (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);
  return self->cpu_model;
}
