/* ferry-event.c
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ferry-enums.h"
#include "ferry-event.h"

struct _FerryEvent
{
  GObject             parent_instance;

  GDateTime          *time;
  FerryEventSeverity  severity;
  char               *host;
  char               *vm;
  char               *message;
};

enum {
  PROP_0,
  PROP_TIME,
  PROP_SEVERITY,
  PROP_HOST,
  PROP_VM,
  PROP_MESSAGE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryEvent, ferry_event, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
ferry_event_finalize (GObject *object)
{
  FerryEvent *self = (FerryEvent *)object;

  g_clear_pointer (&self->time, g_date_time_unref);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->vm, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (ferry_event_parent_class)->finalize (object);
}

static void
ferry_event_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FerryEvent *self = FERRY_EVENT (object);

  switch (prop_id)
    {
    case PROP_TIME:
      g_value_set_boxed (value, self->time);
      break;
    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_VM:
      g_value_set_string (value, self->vm);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_event_class_init (FerryEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ferry_event_finalize;
  object_class->get_property = ferry_event_get_property;

  properties[PROP_TIME] = g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_SEVERITY] = g_param_spec_enum ("severity", NULL, NULL, FERRY_TYPE_EVENT_SEVERITY,
                                                 FERRY_EVENT_SEVERITY_INFO, ro);
  properties[PROP_HOST] = g_param_spec_string ("host", NULL, NULL, NULL, ro);
  properties[PROP_VM] = g_param_spec_string ("vm", NULL, NULL, NULL, ro);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_event_init (FerryEvent *self)
{
}

/**
 * ferry_event_new:
 * @host: (nullable): the host it happened on
 * @vm: (nullable): the virtual machine it concerns
 *
 * Returns: (transfer full): an event stamped with the current local time
 */
FerryEvent *
ferry_event_new (FerryEventSeverity  severity,
                 const char         *host,
                 const char         *vm,
                 const char         *message)
{
  FerryEvent *self = g_object_new (FERRY_TYPE_EVENT, NULL);

  self->time = g_date_time_new_now_local ();
  self->severity = severity;
  self->host = g_strdup (host);
  self->vm = g_strdup (vm);
  self->message = g_strdup (message);
  return self;
}

GDateTime *
ferry_event_get_time (FerryEvent *self)
{
  g_return_val_if_fail (FERRY_IS_EVENT (self), NULL);
  return self->time;
}

FerryEventSeverity
ferry_event_get_severity (FerryEvent *self)
{
  g_return_val_if_fail (FERRY_IS_EVENT (self), FERRY_EVENT_SEVERITY_INFO);
  return self->severity;
}

const char *
ferry_event_get_host (FerryEvent *self)
{
  g_return_val_if_fail (FERRY_IS_EVENT (self), NULL);
  return self->host;
}

const char *
ferry_event_get_vm (FerryEvent *self)
{
  g_return_val_if_fail (FERRY_IS_EVENT (self), NULL);
  return self->vm;
}

const char *
ferry_event_get_message (FerryEvent *self)
{
  g_return_val_if_fail (FERRY_IS_EVENT (self), NULL);
  return self->message;
}

/**
 * ferry_event_to_string:
 *
 * Returns: (transfer full): one line for logs and "copy as text":
 *   "2026-11-23 12:00:01.250  warning  host-a  vm1  message"
 */
char *
ferry_event_to_string (FerryEvent *self)
{
  static const char *severities[] = { "info", "warning", "error" };
  g_autofree char *time = NULL;

  g_return_val_if_fail (FERRY_IS_EVENT (self), NULL);

  time = g_date_time_format (self->time, "%Y-%m-%d %H:%M:%S.%f");
  /* %f gives microseconds; milliseconds are enough to read. */
  time[strlen (time) - 3] = '\0';
  return g_strdup_printf ("%s  %-7s  %s  %s  %s", time, severities[self->severity],
                          self->host ? self->host : "-", self->vm ? self->vm : "-",
                          self->message);
}
