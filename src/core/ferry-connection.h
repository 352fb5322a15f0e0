/* ferry-connection.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ferry-domain.h"
#include "ferry-host-inventory.h"

G_BEGIN_DECLS

typedef enum
{
  FERRY_CONNECTION_STATE_DISCONNECTED,
  FERRY_CONNECTION_STATE_CONNECTING,
  FERRY_CONNECTION_STATE_AUTHENTICATING,
  FERRY_CONNECTION_STATE_CONNECTED,
  FERRY_CONNECTION_STATE_FAILED,
} FerryConnectionState;

#define FERRY_TYPE_CONNECTION (ferry_connection_get_type ())

G_DECLARE_FINAL_TYPE (FerryConnection, ferry_connection, FERRY, CONNECTION, GObject)

FerryConnection      *ferry_connection_new               (const char          *uri);
const char           *ferry_connection_get_uri           (FerryConnection     *self);
const char           *ferry_connection_get_display_name  (FerryConnection     *self);
void                  ferry_connection_set_display_name  (FerryConnection     *self,
                                                          const char          *display_name);
FerryConnectionState  ferry_connection_get_state         (FerryConnection     *self);
const char           *ferry_connection_get_error_message (FerryConnection     *self);
const char           *ferry_connection_get_hostname      (FerryConnection     *self);
const char           *ferry_connection_get_hypervisor    (FerryConnection     *self);
const char           *ferry_connection_get_libvirt_version (FerryConnection   *self);
const char           *ferry_connection_get_arch          (FerryConnection     *self);
const char           *ferry_connection_get_host_uuid     (FerryConnection     *self);
const char           *ferry_connection_get_cpu_model     (FerryConnection     *self);
guint                 ferry_connection_get_cpus          (FerryConnection     *self);
guint64               ferry_connection_get_memory_total  (FerryConnection     *self);
guint64               ferry_connection_get_memory_free   (FerryConnection     *self);
GListModel           *ferry_connection_get_domains       (FerryConnection     *self);
gboolean              ferry_connection_get_domains_listed (FerryConnection    *self);
FerryDomain          *ferry_connection_find_domain       (FerryConnection     *self,
                                                          const char          *name_or_uuid);
FerryHostInventory   *ferry_connection_get_inventory     (FerryConnection     *self);

void                  ferry_connection_open_async        (FerryConnection     *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean              ferry_connection_open_finish       (FerryConnection     *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
void                  ferry_connection_close             (FerryConnection     *self);
void                  ferry_connection_cancel            (FerryConnection     *self);
guint                 ferry_connection_get_reconnect_seconds (FerryConnection *self);
char                 *ferry_connection_explain_open_error (const char       *uri,
                                                          const char          *libvirt_message);

typedef enum
{
  FERRY_DOMAIN_ACTION_START,
  FERRY_DOMAIN_ACTION_SHUTDOWN,
  FERRY_DOMAIN_ACTION_REBOOT,
  FERRY_DOMAIN_ACTION_PAUSE,
  FERRY_DOMAIN_ACTION_RESUME,
  FERRY_DOMAIN_ACTION_FORCE_OFF,
} FerryDomainAction;

gboolean              ferry_domain_action_allowed        (FerryDomainAction    action,
                                                          FerryDomain         *domain);
void                  ferry_connection_domain_action_async (FerryConnection   *self,
                                                          FerryDomain         *domain,
                                                          FerryDomainAction    action,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean              ferry_connection_domain_action_finish (FerryConnection  *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

G_END_DECLS
