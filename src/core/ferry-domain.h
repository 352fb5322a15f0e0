/* ferry-domain.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Mirrors virDomainState; kept as our own enum so the UI needs no libvirt header. */
typedef enum
{
  FERRY_DOMAIN_STATE_NOSTATE = 0,
  FERRY_DOMAIN_STATE_RUNNING,
  FERRY_DOMAIN_STATE_BLOCKED,
  FERRY_DOMAIN_STATE_PAUSED,
  FERRY_DOMAIN_STATE_SHUTDOWN,
  FERRY_DOMAIN_STATE_SHUTOFF,
  FERRY_DOMAIN_STATE_CRASHED,
  FERRY_DOMAIN_STATE_PMSUSPENDED,
} FerryDomainState;

#define FERRY_TYPE_DOMAIN (ferry_domain_get_type ())

G_DECLARE_FINAL_TYPE (FerryDomain, ferry_domain, FERRY, DOMAIN, GObject)

const char       *ferry_domain_get_name       (FerryDomain *self);
const char       *ferry_domain_get_uuid       (FerryDomain *self);
int               ferry_domain_get_id         (FerryDomain *self);
FerryDomainState  ferry_domain_get_state      (FerryDomain *self);
guint             ferry_domain_get_vcpus      (FerryDomain *self);
guint64           ferry_domain_get_memory     (FerryDomain *self);
gboolean          ferry_domain_get_persistent (FerryDomain *self);
gboolean          ferry_domain_get_autostart  (FerryDomain *self);
int               ferry_domain_get_state_reason (FerryDomain *self);
gboolean          ferry_domain_get_has_managed_save (FerryDomain *self);
gboolean          ferry_domain_is_active      (FerryDomain *self);

const char       *ferry_domain_state_to_string (FerryDomainState state);

G_END_DECLS
