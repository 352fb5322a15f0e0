/* ferry-network.c — a libvirt virtual network as seen by Ferry: properties only.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ferry-network.h"

struct _FerryNetwork
{
  GObject  parent_instance;

  char    *name;
  char    *uuid;
  char    *bridge;
  char    *forward_mode;
  guint    active : 1;
  guint    persistent : 1;
  guint    autostart : 1;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_UUID,
  PROP_ACTIVE,
  PROP_PERSISTENT,
  PROP_AUTOSTART,
  PROP_BRIDGE,
  PROP_FORWARD_MODE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryNetwork, ferry_network, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

void
_ferry_network_info_free (FerryNetworkInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->uuid);
  g_free (info->bridge);
  g_free (info->forward_mode);
  g_free (info);
}

static void
ferry_network_finalize (GObject *object)
{
  FerryNetwork *self = (FerryNetwork *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->bridge, g_free);
  g_clear_pointer (&self->forward_mode, g_free);

  G_OBJECT_CLASS (ferry_network_parent_class)->finalize (object);
}

static void
ferry_network_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FerryNetwork *self = FERRY_NETWORK (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_PERSISTENT:
      g_value_set_boolean (value, self->persistent);
      break;
    case PROP_AUTOSTART:
      g_value_set_boolean (value, self->autostart);
      break;
    case PROP_BRIDGE:
      g_value_set_string (value, self->bridge);
      break;
    case PROP_FORWARD_MODE:
      g_value_set_string (value, self->forward_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_network_class_init (FerryNetworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ferry_network_finalize;
  object_class->get_property = ferry_network_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, ro);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, ro);
  properties[PROP_PERSISTENT] = g_param_spec_boolean ("persistent", NULL, NULL, FALSE, ro);
  properties[PROP_AUTOSTART] = g_param_spec_boolean ("autostart", NULL, NULL, FALSE, ro);
  /* The host bridge guests attach to; the readiness checks compare it across hosts. */
  properties[PROP_BRIDGE] = g_param_spec_string ("bridge", NULL, NULL, NULL, ro);
  /* libvirt's word ("nat", "route", "bridge" …); NULL: isolated, no forwarding. */
  properties[PROP_FORWARD_MODE] = g_param_spec_string ("forward-mode", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_network_init (FerryNetwork *self)
{
}

FerryNetwork *
_ferry_network_new (const FerryNetworkInfo *info)
{
  FerryNetwork *self = g_object_new (FERRY_TYPE_NETWORK, NULL);

  self->name = g_strdup (info->name);
  self->uuid = g_strdup (info->uuid);
  self->bridge = g_strdup (info->bridge);
  self->forward_mode = g_strdup (info->forward_mode);
  self->active = !!info->active;
  self->persistent = !!info->persistent;
  self->autostart = !!info->autostart;

  return self;
}

static void
update_string (FerryNetwork  *self,
               char         **field,
               const char    *value,
               guint          prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
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
_ferry_network_update (FerryNetwork           *self,
                       const FerryNetworkInfo *info)
{
  g_return_if_fail (FERRY_IS_NETWORK (self));

  g_object_freeze_notify (G_OBJECT (self));

  update_string (self, &self->name, info->name, PROP_NAME);
  update_string (self, &self->bridge, info->bridge, PROP_BRIDGE);
  update_string (self, &self->forward_mode, info->forward_mode, PROP_FORWARD_MODE);
  UPDATE_FIELD (active, (guint)!!info->active, PROP_ACTIVE);
  UPDATE_FIELD (persistent, (guint)!!info->persistent, PROP_PERSISTENT);
  UPDATE_FIELD (autostart, (guint)!!info->autostart, PROP_AUTOSTART);

  g_object_thaw_notify (G_OBJECT (self));
}

const char *
ferry_network_get_name (FerryNetwork *self)
{
  g_return_val_if_fail (FERRY_IS_NETWORK (self), NULL);
  return self->name;
}

const char *
ferry_network_get_uuid (FerryNetwork *self)
{
  g_return_val_if_fail (FERRY_IS_NETWORK (self), NULL);
  return self->uuid;
}

gboolean
ferry_network_get_active (FerryNetwork *self)
{
  g_return_val_if_fail (FERRY_IS_NETWORK (self), FALSE);
  return self->active;
}

gboolean
ferry_network_get_persistent (FerryNetwork *self)
{
  g_return_val_if_fail (FERRY_IS_NETWORK (self), FALSE);
  return self->persistent;
}

gboolean
ferry_network_get_autostart (FerryNetwork *self)
{
  g_return_val_if_fail (FERRY_IS_NETWORK (self), FALSE);
  return self->autostart;
}

/**
 * ferry_network_get_bridge:
 *
 * Returns: (nullable): the bridge device name, e.g. "virbr0"
 */
const char *
ferry_network_get_bridge (FerryNetwork *self)
{
  g_return_val_if_fail (FERRY_IS_NETWORK (self), NULL);
  return self->bridge;
}

/**
 * ferry_network_get_forward_mode:
 *
 * Returns: (nullable): libvirt's forward mode, or %NULL for an isolated network
 */
const char *
ferry_network_get_forward_mode (FerryNetwork *self)
{
  g_return_val_if_fail (FERRY_IS_NETWORK (self), NULL);
  return self->forward_mode;
}

/**
 * ferry_network_forward_mode_to_string:
 * @forward_mode: (nullable): a #FerryNetwork:forward-mode
 *
 * Returns: a short, translated label, as shown in the network list; a mode
 *   Ferry does not know is shown as libvirt spells it.
 */
const char *
ferry_network_forward_mode_to_string (const char *forward_mode)
{
  static const struct {
    const char *mode;
    const char *label;
  } labels[] = {
    { "nat", N_("NAT") },
    { "route", N_("Routed") },
    { "open", N_("Open") },
    { "bridge", N_("Bridged") },
    { "private", N_("Private") },
    { "vepa", N_("VEPA") },
    { "passthrough", N_("Passthrough") },
    { "hostdev", N_("Host device") },
  };

  if (forward_mode == NULL)
    return _("Isolated");
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (forward_mode, labels[i].mode))
      return _(labels[i].label);
  return forward_mode;
}
