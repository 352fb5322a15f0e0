/* ferry-event.h — one line of an events log.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  FERRY_EVENT_SEVERITY_INFO,
  FERRY_EVENT_SEVERITY_WARNING,
  FERRY_EVENT_SEVERITY_ERROR,
} FerryEventSeverity;

#define FERRY_TYPE_EVENT (ferry_event_get_type ())

G_DECLARE_FINAL_TYPE (FerryEvent, ferry_event, FERRY, EVENT, GObject)

FerryEvent         *ferry_event_new          (FerryEventSeverity  severity,
                                              const char         *host,
                                              const char         *vm,
                                              const char         *message);
GDateTime          *ferry_event_get_time     (FerryEvent         *self);
FerryEventSeverity  ferry_event_get_severity (FerryEvent         *self);
const char         *ferry_event_get_host     (FerryEvent         *self);
const char         *ferry_event_get_vm       (FerryEvent         *self);
const char         *ferry_event_get_message  (FerryEvent         *self);
char               *ferry_event_to_string    (FerryEvent         *self);

G_END_DECLS
