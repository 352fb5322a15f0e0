/* ferry-domain.c — a libvirt domain as seen by Ferry: properties only.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ferry-domain-private.h"
#include "ferry-enums.h"

struct _FerryDomain
{
  GObject           parent_instance;

  char             *name;
  char             *uuid;
  int               id;
  FerryDomainState  state;
  guint             vcpus;
  guint64           memory;
  int               reason;
  guint             persistent : 1;
  guint             autostart : 1;
  guint             managed_save : 1;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_UUID,
  PROP_ID,
  PROP_STATE,
  PROP_STATE_LABEL,
  PROP_VCPUS,
  PROP_MEMORY,
  PROP_PERSISTENT,
  PROP_AUTOSTART,
  PROP_STATE_REASON,
  PROP_HAS_MANAGED_SAVE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryDomain, ferry_domain, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

void
_ferry_domain_info_free (FerryDomainInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->uuid);
  g_free (info);
}

static void
ferry_domain_finalize (GObject *object)
{
  FerryDomain *self = (FerryDomain *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->uuid, g_free);

  G_OBJECT_CLASS (ferry_domain_parent_class)->finalize (object);
}

static void
ferry_domain_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FerryDomain *self = FERRY_DOMAIN (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_ID:
      g_value_set_int (value, self->id);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_STATE_LABEL:
      g_value_set_string (value, ferry_domain_state_to_string (self->state));
      break;
    case PROP_VCPUS:
      g_value_set_uint (value, self->vcpus);
      break;
    case PROP_MEMORY:
      g_value_set_uint64 (value, self->memory);
      break;
    case PROP_PERSISTENT:
      g_value_set_boolean (value, self->persistent);
      break;
    case PROP_AUTOSTART:
      g_value_set_boolean (value, self->autostart);
      break;
    case PROP_STATE_REASON:
      g_value_set_int (value, self->reason);
      break;
    case PROP_HAS_MANAGED_SAVE:
      g_value_set_boolean (value, self->managed_save);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_domain_class_init (FerryDomainClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ferry_domain_finalize;
  object_class->get_property = ferry_domain_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, ro);
  properties[PROP_ID] = g_param_spec_int ("id", NULL, NULL, -1, G_MAXINT, -1, ro);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL,
                                              FERRY_TYPE_DOMAIN_STATE,
                                              FERRY_DOMAIN_STATE_NOSTATE, ro);
  properties[PROP_STATE_LABEL] = g_param_spec_string ("state-label", NULL, NULL, NULL, ro);
  properties[PROP_VCPUS] = g_param_spec_uint ("vcpus", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /* Bytes, so the UI can hand it straight to g_format_size(). */
  properties[PROP_MEMORY] = g_param_spec_uint64 ("memory", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_PERSISTENT] = g_param_spec_boolean ("persistent", NULL, NULL, FALSE, ro);
  properties[PROP_AUTOSTART] = g_param_spec_boolean ("autostart", NULL, NULL, FALSE, ro);
  /* libvirt's reason for the state (virDomainRunningReason, …): "migrated", "saved"… */
  properties[PROP_STATE_REASON] = g_param_spec_int ("state-reason", NULL, NULL, 0, G_MAXINT, 0, ro);
  properties[PROP_HAS_MANAGED_SAVE] =
    g_param_spec_boolean ("has-managed-save", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_domain_init (FerryDomain *self)
{
  self->id = -1;
}

FerryDomain *
_ferry_domain_new (const FerryDomainInfo *info)
{
  FerryDomain *self = g_object_new (FERRY_TYPE_DOMAIN, NULL);

  self->name = g_strdup (info->name);
  self->uuid = g_strdup (info->uuid);
  self->id = info->id;
  self->state = info->state;
  self->vcpus = info->vcpus;
  self->memory = info->memory_kib * 1024;
  self->persistent = !!info->persistent;
  self->autostart = !!info->autostart;
  self->reason = info->reason;
  self->managed_save = !!info->managed_save;

  return self;
}

#define UPDATE_FIELD(field, value, prop)                                   \
  G_STMT_START {                                                          \
    if (self->field != (value))                                           \
      {                                                                   \
        self->field = (value);                                            \
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);      \
      }                                                                   \
  } G_STMT_END

/* Runs on the main thread only: property notifications drive the UI. */
void
_ferry_domain_update (FerryDomain           *self,
                      const FerryDomainInfo *info)
{
  g_return_if_fail (FERRY_IS_DOMAIN (self));

  g_object_freeze_notify (G_OBJECT (self));

  if (g_strcmp0 (self->name, info->name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (info->name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }

  UPDATE_FIELD (id, info->id, PROP_ID);
  if (self->state != (FerryDomainState)info->state)
    {
      self->state = info->state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_LABEL]);
    }
  UPDATE_FIELD (vcpus, info->vcpus, PROP_VCPUS);
  UPDATE_FIELD (memory, info->memory_kib * 1024, PROP_MEMORY);
  UPDATE_FIELD (persistent, (guint)!!info->persistent, PROP_PERSISTENT);
  UPDATE_FIELD (autostart, (guint)!!info->autostart, PROP_AUTOSTART);
  UPDATE_FIELD (reason, info->reason, PROP_STATE_REASON);
  UPDATE_FIELD (managed_save, (guint)!!info->managed_save, PROP_HAS_MANAGED_SAVE);

  g_object_thaw_notify (G_OBJECT (self));
}

const char *
ferry_domain_get_name (FerryDomain *self)
{
  g_return_val_if_fail (FERRY_IS_DOMAIN (self), NULL);
  return self->name;
}

const char *
ferry_domain_get_uuid (FerryDomain *self)
{
  g_return_val_if_fail (FERRY_IS_DOMAIN (self), NULL);
  return self->uuid;
}

int
ferry_domain_get_id (FerryDomain *self)
{
  g_return_val_if_fail (FERRY_IS_DOMAIN (self), -1);
  return self->id;
}

FerryDomainState
ferry_domain_get_state (FerryDomain *self)
{
  g_return_val_if_fail (FERRY_IS_DOMAIN (self), FERRY_DOMAIN_STATE_NOSTATE);
  return self->state;
}

guint
ferry_domain_get_vcpus (FerryDomain *self)
{
  g_return_val_if_fail (FERRY_IS_DOMAIN (self), 0);
  return self->vcpus;
}

guint64
ferry_domain_get_memory (FerryDomain *self)
{
  g_return_val_if_fail (FERRY_IS_DOMAIN (self), 0);
  return self->memory;
}

gboolean
ferry_domain_get_persistent (FerryDomain *self)
{
  g_return_val_if_fail (FERRY_IS_DOMAIN (self), FALSE);
  return self->persistent;
}

gboolean
ferry_domain_get_autostart (FerryDomain *self)
{
  g_return_val_if_fail (FERRY_IS_DOMAIN (self), FALSE);
  return self->autostart;
}

gboolean
ferry_domain_is_active (FerryDomain *self)
{
  g_return_val_if_fail (FERRY_IS_DOMAIN (self), FALSE);
  return self->id >= 0;
}

/**
 * ferry_domain_state_to_string:
 *
 * Returns: a short, translated label for @state, as shown in the VM list.
 */
const char *
ferry_domain_state_to_string (FerryDomainState state)
{
  switch (state)
    {
    case FERRY_DOMAIN_STATE_RUNNING:
      return _("Running");
    case FERRY_DOMAIN_STATE_BLOCKED:
      return _("Blocked");
    case FERRY_DOMAIN_STATE_PAUSED:
      return _("Paused");
    case FERRY_DOMAIN_STATE_SHUTDOWN:
      return _("Shutting down");
    case FERRY_DOMAIN_STATE_SHUTOFF:
      return _("Shut off");
    case FERRY_DOMAIN_STATE_CRASHED:
      return _("Crashed");
    case FERRY_DOMAIN_STATE_PMSUSPENDED:
      return _("Suspended");
    case FERRY_DOMAIN_STATE_NOSTATE:
    default:
      return _("Unknown");
    }
}

int
ferry_domain_get_state_reason (FerryDomain *self)
{
  g_return_val_if_fail (FERRY_IS_DOMAIN (self), 0);
  return self->reason;
}

gboolean
ferry_domain_get_has_managed_save (FerryDomain *self)
{
  g_return_val_if_fail (FERRY_IS_DOMAIN (self), FALSE);
  return self->managed_save;
}
