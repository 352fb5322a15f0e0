/* ferry-connection-manager.c — the connections Ferry knows: saved ones (in
 * GSettings) and ones opened for this run only (`--connect`).
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ferry-auth-request.h"
#include "ferry-connection-manager-private.h"
#include "ferry-connection-private.h"

struct _FerryConnectionManager
{
  GObject     parent_instance;

  GSettings  *settings;      /* nullable: no persistence */
  GListStore *connections;
  GHashTable *saved;         /* uri → SavedEntry */
  GListStore *jobs;          /* migrations of this run, running and ended */
  GListStore *events;        /* FerryEvent: every host's, every job's; oldest first */
  FerryAskpassServer *askpass;
};

/* The events log is kept for the whole run; past this many lines the oldest
 * go, so an event storm on a big host cannot eat the memory. */
#define EVENTS_MAX 5000

/* Set on a connection once it has been connected: connecting again after that
 * is a reconnect, worth telling apart in the log. */
#define WAS_CONNECTED_KEY "ferry-manager-was-connected"

/* What is kept in settings for one saved connection. */
typedef struct
{
  char     *display_name;   /* as the user typed it; "" for none */
  gboolean  autoconnect;
} SavedEntry;

static SavedEntry *
saved_entry_new (const char *display_name,
                 gboolean    autoconnect)
{
  SavedEntry *entry = g_new0 (SavedEntry, 1);

  entry->display_name = g_strdup (display_name ? display_name : "");
  entry->autoconnect = !!autoconnect;
  return entry;
}

static void
saved_entry_free (SavedEntry *entry)
{
  g_free (entry->display_name);
  g_free (entry);
}

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryConnectionManager, ferry_connection_manager, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_AUTH_REQUEST,
  SIGNAL_JOB_DISCOVERED,
  SIGNAL_NOTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One place for the UI to hear every connection's credential requests. */
static void
forward_auth_request_cb (FerryConnection        *connection,
                         FerryAuthRequest       *request,
                         FerryConnectionManager *self)
{
  g_signal_emit (self, signals[SIGNAL_AUTH_REQUEST], 0, connection, request);
}

static void
log_event (FerryConnectionManager *self,
           FerryEvent             *event)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->events));

  if (n >= EVENTS_MAX)
    g_list_store_splice (self->events, 0, n - EVENTS_MAX + 1, NULL, 0);
  g_list_store_append (self->events, event);
}

static void
log_host (FerryConnectionManager *self,
          FerryConnection        *connection,
          FerryEventSeverity      severity,
          const char             *vm,
          const char             *message)
{
  g_autoptr(FerryEvent) event =
    ferry_event_new (severity, ferry_connection_get_display_name (connection), vm, message);

  log_event (self, event);
}

/* Something Ferry did, or found, on its own that the user must hear of now:
 * logged, and told through FerryConnectionManager::notice. */
void
_ferry_connection_manager_notice (FerryConnectionManager *self,
                                  FerryConnection        *connection,
                                  const char             *vm,
                                  FerryEventSeverity      severity,
                                  const char             *message)
{
  g_autoptr(FerryEvent) event =
    ferry_event_new (severity, ferry_connection_get_display_name (connection), vm, message);

  log_event (self, event);
  g_signal_emit (self, signals[SIGNAL_NOTICE], 0, event);
}

/* Only the outcomes are logged: connecting and authenticating are steps on
 * the way, and the reconnect timer would otherwise fill the log. */
static void
connection_state_cb (FerryConnection        *connection,
                     GParamSpec             *pspec,
                     FerryConnectionManager *self)
{
  const char *reason = ferry_connection_get_error_message (connection);
  gboolean was_connected = g_object_get_data (G_OBJECT (connection), WAS_CONNECTED_KEY) != NULL;
  g_autofree char *text = NULL;

  switch (ferry_connection_get_state (connection))
    {
    case FERRY_CONNECTION_STATE_CONNECTED:
      g_object_set_data (G_OBJECT (connection), WAS_CONNECTED_KEY, GINT_TO_POINTER (TRUE));
      log_host (self, connection, FERRY_EVENT_SEVERITY_INFO, NULL,
                was_connected ? _("Reconnected") : _("Connected"));
      _ferry_connection_manager_rediscover (self, connection);
      break;
    case FERRY_CONNECTION_STATE_DISCONNECTED:
      /* A reason means the link was lost (keepalive, EOF, the daemon gone:
       * libvirt's close callback), not closed by the user. Anything running
       * on that host is now out of Ferry's sight: an error. */
      if (reason != NULL)
        /* Translators: the first %s is a host's name, the second why */
        text = g_strdup_printf (_("Connection to %s lost: %s"),
                                ferry_connection_get_display_name (connection), reason);
      log_host (self, connection,
                reason != NULL ? FERRY_EVENT_SEVERITY_ERROR : FERRY_EVENT_SEVERITY_INFO,
                NULL, text != NULL ? text : _("Disconnected"));
      break;
    case FERRY_CONNECTION_STATE_FAILED:
      text = g_strdup_printf (_("Connection failed: %s"), reason ? reason : _("unknown error"));
      log_host (self, connection, FERRY_EVENT_SEVERITY_ERROR, NULL, text);
      break;
    case FERRY_CONNECTION_STATE_CONNECTING:
    case FERRY_CONNECTION_STATE_AUTHENTICATING:
    default:
      break;
    }
}

static void
domain_event_cb (FerryConnection        *connection,
                 const char             *vm_name,
                 const char             *what,
                 FerryEventSeverity      severity,
                 FerryConnectionManager *self)
{
  log_host (self, connection, severity, vm_name, what);
}

static void
track (FerryConnectionManager *self,
       FerryConnection        *connection)
{
  g_signal_connect_object (connection, "auth-request",
                           G_CALLBACK (forward_auth_request_cb), self, 0);
  g_signal_connect_object (connection, "notify::state",
                           G_CALLBACK (connection_state_cb), self, 0);
  g_signal_connect_object (connection, "domain-event",
                           G_CALLBACK (domain_event_cb), self, 0);
  if (self->settings != NULL)
    g_settings_bind (self->settings, "host-refresh-interval", connection,
                     "host-refresh-interval", G_SETTINGS_BIND_GET);
}

static void
save (FerryConnectionManager *self)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(ssb)"));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->connections));

  if (self->settings == NULL)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryConnection) c = g_list_model_get_item (G_LIST_MODEL (self->connections), i);
      const char *uri = ferry_connection_get_uri (c);
      SavedEntry *entry = g_hash_table_lookup (self->saved, uri);

      if (entry != NULL)
        g_variant_builder_add (&builder, "(ssb)", uri, entry->display_name, entry->autoconnect);
    }
  g_settings_set_value (self->settings, "connections", g_variant_builder_end (&builder));
}

static void
load (FerryConnectionManager *self)
{
  g_autoptr(GVariant) saved = NULL;
  GVariantIter iter;
  const char *uri, *name;
  gboolean autoconnect;

  if (self->settings == NULL)
    return;

  saved = g_settings_get_value (self->settings, "connections");
  g_variant_iter_init (&iter, saved);
  while (g_variant_iter_next (&iter, "(&s&sb)", &uri, &name, &autoconnect))
    {
      g_autoptr(FerryConnection) c = ferry_connection_new (uri);

      if (ferry_connection_manager_lookup (self, uri) != NULL)
        continue;
      if (name[0] != '\0')
        ferry_connection_set_display_name (c, name);
      g_hash_table_insert (self->saved, g_strdup (uri), saved_entry_new (name, autoconnect));
      track (self, c);
      g_list_store_append (self->connections, c);
    }
}

static void
ferry_connection_manager_constructed (GObject *object)
{
  FerryConnectionManager *self = (FerryConnectionManager *)object;

  G_OBJECT_CLASS (ferry_connection_manager_parent_class)->constructed (object);
  load (self);
}

static void
ferry_connection_manager_dispose (GObject *object)
{
  FerryConnectionManager *self = (FerryConnectionManager *)object;

  if (self->connections != NULL)
    g_list_store_remove_all (self->connections);

  G_OBJECT_CLASS (ferry_connection_manager_parent_class)->dispose (object);
}

static void
ferry_connection_manager_finalize (GObject *object)
{
  FerryConnectionManager *self = (FerryConnectionManager *)object;

  g_clear_object (&self->askpass);
  g_clear_object (&self->jobs);
  g_clear_object (&self->events);
  g_clear_object (&self->settings);
  g_clear_object (&self->connections);
  g_clear_pointer (&self->saved, g_hash_table_unref);

  G_OBJECT_CLASS (ferry_connection_manager_parent_class)->finalize (object);
}

static void
ferry_connection_manager_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  FerryConnectionManager *self = FERRY_CONNECTION_MANAGER (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_connection_manager_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  FerryConnectionManager *self = FERRY_CONNECTION_MANAGER (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_connection_manager_class_init (FerryConnectionManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ferry_connection_manager_constructed;
  object_class->dispose = ferry_connection_manager_dispose;
  object_class->finalize = ferry_connection_manager_finalize;
  object_class->get_property = ferry_connection_manager_get_property;
  object_class->set_property = ferry_connection_manager_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FerryConnectionManager::auth-request:
   * @connection: the connection that is opening
   * @request: what its host asks for
   *
   * Re-emits #FerryConnection::auth-request of every managed connection.
   */
  signals[SIGNAL_AUTH_REQUEST] =
    g_signal_new ("auth-request", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  FERRY_TYPE_CONNECTION, FERRY_TYPE_AUTH_REQUEST);

  /**
   * FerryConnectionManager::job-discovered:
   * @job: an adopted job, already running and in the jobs list
   *
   * A host that connected (or reconnected) has a migration going out that
   * this process did not start.
   */
  signals[SIGNAL_JOB_DISCOVERED] =
    g_signal_new ("job-discovered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FERRY_TYPE_MIGRATION_JOB);

  /**
   * FerryConnectionManager::notice:
   * @event: what happened, already in the events log
   *
   * Ferry did or found something on its own that needs the user's attention
   * now (a migration interrupted when an earlier Ferry stopped, settled).
   */
  signals[SIGNAL_NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FERRY_TYPE_EVENT);
}

static void
ferry_connection_manager_init (FerryConnectionManager *self)
{
  self->connections = g_list_store_new (FERRY_TYPE_CONNECTION);
  self->jobs = g_list_store_new (FERRY_TYPE_MIGRATION_JOB);
  self->events = g_list_store_new (FERRY_TYPE_EVENT);
  self->saved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify)saved_entry_free);
}

/**
 * ferry_connection_manager_new:
 * @settings: (nullable): settings of schema org.ferryvm.Ferry, or %NULL to keep
 *   nothing between runs
 */
FerryConnectionManager *
ferry_connection_manager_new (GSettings *settings)
{
  return g_object_new (FERRY_TYPE_CONNECTION_MANAGER, "settings", settings, NULL);
}

/**
 * ferry_connection_manager_get_connections:
 *
 * Returns: (transfer none): a #GListModel of #FerryConnection
 */
GListModel *
ferry_connection_manager_get_connections (FerryConnectionManager *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION_MANAGER (self), NULL);
  return G_LIST_MODEL (self->connections);
}

/**
 * ferry_connection_manager_lookup:
 *
 * Returns: (transfer none) (nullable): the connection with @uri
 */
FerryConnection *
ferry_connection_manager_lookup (FerryConnectionManager *self,
                                 const char             *uri)
{
  guint n;

  g_return_val_if_fail (FERRY_IS_CONNECTION_MANAGER (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->connections));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryConnection) c = g_list_model_get_item (G_LIST_MODEL (self->connections), i);

      if (g_strcmp0 (ferry_connection_get_uri (c), uri) == 0)
        return c;   /* the store keeps it alive */
    }
  return NULL;
}

/**
 * ferry_connection_manager_add:
 * @save: keep the connection in settings for the next run
 *
 * Adds a connection, or returns the existing one with the same URI.
 *
 * Returns: (transfer none): the connection
 */
FerryConnection *
ferry_connection_manager_add (FerryConnectionManager *self,
                              const char             *uri,
                              const char             *display_name,
                              gboolean                autoconnect,
                              gboolean                save_it)
{
  FerryConnection *c;

  g_return_val_if_fail (FERRY_IS_CONNECTION_MANAGER (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  c = ferry_connection_manager_lookup (self, uri);
  if (c == NULL)
    {
      g_autoptr(FerryConnection) created = ferry_connection_new (uri);

      track (self, created);
      g_list_store_append (self->connections, created);
      c = created;
    }
  if (display_name != NULL)
    ferry_connection_set_display_name (c, display_name);
  if (save_it)
    {
      g_hash_table_insert (self->saved, g_strdup (uri),
                           saved_entry_new (display_name, autoconnect));
      save (self);
    }
  return c;
}

void
ferry_connection_manager_remove (FerryConnectionManager *self,
                                 FerryConnection        *connection)
{
  guint position;

  g_return_if_fail (FERRY_IS_CONNECTION_MANAGER (self));
  g_return_if_fail (FERRY_IS_CONNECTION (connection));

  if (!g_list_store_find (self->connections, connection, &position))
    return;

  ferry_connection_close (connection);
  /* A removed connection is no longer Ferry's: its later doings are not logged. */
  g_signal_handlers_disconnect_by_data (connection, self);
  g_hash_table_remove (self->saved, ferry_connection_get_uri (connection));
  g_list_store_remove (self->connections, position);
  save (self);
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The outcome is on the connection (state, error-message); the UI binds to it. */
  if (!ferry_connection_open_finish (FERRY_CONNECTION (object), result, &error))
    g_debug ("connect %s: %s", ferry_connection_get_uri (FERRY_CONNECTION (object)),
             error->message);
}

void
ferry_connection_manager_connect (FerryConnectionManager *self,
                                  FerryConnection        *connection)
{
  g_return_if_fail (FERRY_IS_CONNECTION_MANAGER (self));
  g_return_if_fail (FERRY_IS_CONNECTION (connection));

  ferry_connection_open_async (connection, NULL, connect_cb, NULL);
}

void
ferry_connection_manager_autoconnect (FerryConnectionManager *self)
{
  GHashTableIter iter;
  gpointer uri, value;

  g_return_if_fail (FERRY_IS_CONNECTION_MANAGER (self));

  g_hash_table_iter_init (&iter, self->saved);
  while (g_hash_table_iter_next (&iter, &uri, &value))
    {
      FerryConnection *c = ferry_connection_manager_lookup (self, uri);
      SavedEntry *entry = value;

      if (c != NULL && entry->autoconnect &&
          ferry_connection_get_state (c) == FERRY_CONNECTION_STATE_DISCONNECTED)
        ferry_connection_manager_connect (self, c);
    }
}

static gboolean
is_opening (FerryConnection *c)
{
  FerryConnectionState state = ferry_connection_get_state (c);

  return state == FERRY_CONNECTION_STATE_CONNECTING ||
         state == FERRY_CONNECTION_STATE_AUTHENTICATING;
}

/* Which opening connection does this ssh prompt belong to? The one whose URI
 * names the host ssh connects to; failing that, the only ssh one opening. */
static FerryConnection *
route_ssh_prompt (FerryConnectionManager *self,
                  const char             *destination)
{
  const char *at = strrchr (destination, '@');
  const char *host = at ? at + 1 : destination;
  FerryConnection *only_ssh = NULL;
  guint n_ssh = 0;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->connections));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryConnection) c = g_list_model_get_item (G_LIST_MODEL (self->connections), i);
      g_autoptr(GUri) uri = g_uri_parse (ferry_connection_get_uri (c), G_URI_FLAGS_NON_DNS, NULL);

      if (uri == NULL || !is_opening (c) || strstr (g_uri_get_scheme (uri), "ssh") == NULL)
        continue;
      if (g_strcmp0 (g_uri_get_host (uri), host) == 0)
        return c;
      only_ssh = c;
      n_ssh++;
    }
  return n_ssh == 1 ? only_ssh : NULL;
}

static void
askpass_request_cb (FerryAskpassServer     *server,
                    const char             *destination,
                    FerryAuthRequest       *request,
                    FerryConnectionManager *self)
{
  FerryConnection *c = route_ssh_prompt (self, destination);

  if (c == NULL)
    {
      g_debug ("askpass: no opening connection to %s; refusing", destination);
      ferry_auth_request_cancel (request);
      return;
    }
  _ferry_connection_emit_auth_request (c, request);
}

/**
 * ferry_connection_manager_set_askpass_server:
 *
 * Routes ssh's prompts (qemu+ssh:// connections) from @server to the
 * connection they belong to, as #FerryConnection::auth-request.
 */
void
ferry_connection_manager_set_askpass_server (FerryConnectionManager *self,
                                             FerryAskpassServer     *server)
{
  g_return_if_fail (FERRY_IS_CONNECTION_MANAGER (self));

  if (self->askpass != NULL)
    g_signal_handlers_disconnect_by_data (self->askpass, self);
  g_set_object (&self->askpass, server);
  if (server != NULL)
    g_signal_connect_object (server, "request", G_CALLBACK (askpass_request_cb), self, 0);
}

/**
 * ferry_connection_manager_get_autoconnect:
 *
 * Returns: whether @connection is saved and opens when Ferry starts
 */
gboolean
ferry_connection_manager_get_autoconnect (FerryConnectionManager *self,
                                          FerryConnection        *connection)
{
  SavedEntry *entry;

  g_return_val_if_fail (FERRY_IS_CONNECTION_MANAGER (self), FALSE);
  g_return_val_if_fail (FERRY_IS_CONNECTION (connection), FALSE);

  entry = g_hash_table_lookup (self->saved, ferry_connection_get_uri (connection));
  return entry != NULL && entry->autoconnect;
}

/**
 * ferry_connection_manager_get_jobs:
 *
 * Returns: (transfer none): a #GListModel of the #FerryMigrationJob started in
 *   this run; a job stays listed after it ends, with its outcome
 */
GListModel *
ferry_connection_manager_get_jobs (FerryConnectionManager *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION_MANAGER (self), NULL);
  return G_LIST_MODEL (self->jobs);
}

/* A job's own log only grows; each new line is copied into the global one. */
static void
job_events_changed_cb (GListModel             *job_events,
                       guint                   position,
                       guint                   removed,
                       guint                   added,
                       FerryConnectionManager *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(FerryEvent) event = g_list_model_get_item (job_events, i);

      log_event (self, event);
    }
}

void
ferry_connection_manager_add_job (FerryConnectionManager *self,
                                  FerryMigrationJob      *job)
{
  GListModel *job_events;

  g_return_if_fail (FERRY_IS_CONNECTION_MANAGER (self));
  g_return_if_fail (FERRY_IS_MIGRATION_JOB (job));

  /* Newest first: the one the user just started is on top. */
  g_list_store_insert (self->jobs, 0, job);

  /* What the job logged before it was added, then whatever it logs next. */
  job_events = ferry_migration_job_get_events (job);
  job_events_changed_cb (job_events, 0, 0, g_list_model_get_n_items (job_events), self);
  g_signal_connect_object (job_events, "items-changed",
                           G_CALLBACK (job_events_changed_cb), self, 0);
}

/**
 * ferry_connection_manager_get_events:
 *
 * The events log of this run: every host's connection changes and domain
 * lifecycle events, and every migration job's events, oldest first. Only the
 * last 5,000 are kept.
 *
 * Returns: (transfer none): a #GListModel of #FerryEvent
 */
GListModel *
ferry_connection_manager_get_events (FerryConnectionManager *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION_MANAGER (self), NULL);
  return G_LIST_MODEL (self->events);
}
