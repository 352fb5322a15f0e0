/* ferry-connection-private.h — shared by ferry-connection*.c
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libvirt/libvirt.h>

#include "ferry-auth-request.h"
#include "ferry-connection.h"
#include "ferry-domain-private.h"
#include "ferry-event.h"
#include "ferry-host-inventory.h"

G_BEGIN_DECLS

struct _FerryConnection
{
  GObject               parent_instance;

  char                 *uri;
  char                 *display_name;
  FerryConnectionState  state;
  char                 *error_message;

  /* Host facts, read by a worker after connecting. */
  char                 *hostname;
  char                 *hypervisor;
  char                 *libvirt_version;
  char                 *arch;
  char                 *host_uuid;
  char                 *cpu_model;
  guint                 cpus;
  guint64               memory_total;
  guint64               memory_free;

  /* Owned libvirt connection. Only workers call libvirt with it; the main
   * thread only hands out references. */
  virConnectPtr         conn;
  int                   lifecycle_callback_id;

  GListStore           *domains;
  GHashTable           *domains_by_uuid;   /* uuid → FerryDomain (borrowed from the store) */
  GHashTable           *pending_refresh;   /* uuids waiting for a batched refresh */
  guint                 refresh_source;
  guint                 domains_listed : 1;

  /* Opening. Each attempt has a generation; cancelling or timing out bumps it,
   * so a worker that returns late (a hung host) is recognised and dropped. */
  guint                 open_generation;
  GTask                *open_task;         /* the caller's task while opening */
  GCancellable         *open_cancellable;
  guint                 open_timeout_source;
  guint                 open_timeout;      /* seconds; 0 = wait for ever */
  guint                 keepalive_interval;
  guint                 keepalive_count;

  /* Reconnecting after the link was lost (not after the user closed it). */
  guint                 auto_reconnect : 1;
  guint                 reconnect_source;
  guint                 reconnect_delay;   /* seconds, doubles up to a limit */
  guint                 host_refresh_interval;
  guint                 host_refresh_source;

  /* Storage pools and networks, loaded once connected. */
  FerryHostInventory   *inventory;

  GCancellable         *cancellable;
};

typedef enum {
  FERRY_CONNECTION_PROP_STATE,
  FERRY_CONNECTION_PROP_FACTS,
  FERRY_CONNECTION_PROP_MEMORY_FREE,
  FERRY_CONNECTION_PROP_DOMAINS_LISTED,
  FERRY_CONNECTION_PROP_RECONNECT,
} FerryConnectionNotify;

void       _ferry_connection_notify          (FerryConnection       *self,
                                              FerryConnectionNotify  what);
void       _ferry_connection_set_state       (FerryConnection       *self,
                                              FerryConnectionState   state,
                                              const char            *error_message);
void       _ferry_connection_emit_auth_request (FerryConnection     *self,
                                              FerryAuthRequest      *request);
void       _ferry_connection_emit_domain_event (FerryConnection     *self,
                                              const char            *vm_name,
                                              const char            *what,
                                              FerryEventSeverity     severity);

/* ferry-connection-open.c */
void       _ferry_connection_drop            (FerryConnection       *self);
void       _ferry_connection_schedule_host_refresh (FerryConnection *self);

/* ferry-connection-domains.c */
GPtrArray *_ferry_connection_list_domains    (virConnectPtr          conn,
                                              GError               **error);
void       _ferry_connection_set_domains     (FerryConnection       *self,
                                              GPtrArray             *infos);
int        _ferry_connection_watch_domains   (FerryConnection       *self,
                                              virConnectPtr          conn,
                                              GError               **error);
void       _ferry_connection_unwatch_domains (virConnectPtr          conn,
                                              int                    callback_id);
char      *_ferry_domain_event_describe      (int                    event,
                                              int                    detail,
                                              FerryEventSeverity    *severity);

/* ferry-event-unwatch.c */
typedef enum
{
  FERRY_EVENT_WATCH_DOMAIN,
  FERRY_EVENT_WATCH_POOL,
  FERRY_EVENT_WATCH_NETWORK,
} FerryEventWatchKind;

typedef struct
{
  FerryEventWatchKind kind;
  int                 id;   /* libvirt's callback id; < 0 for none */
} FerryEventWatch;

void       _ferry_events_unwatch             (virConnectPtr          conn,
                                              const FerryEventWatch *watches,
                                              guint                  n_watches);
void       _ferry_events_wait_unwatched      (void);

/* A new reference to the open libvirt connection, or NULL when not connected.
 * Main thread; release it with _ferry_conn_release(). */
virConnectPtr _ferry_connection_ref_conn     (FerryConnection       *self);

/* Hands the last use of @conn to a worker: virConnectClose is an RPC. */
void       _ferry_conn_release               (virConnectPtr          conn);

G_END_DECLS
