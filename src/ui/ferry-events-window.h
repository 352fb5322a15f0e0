/* ferry-events-window.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-core.h"
#include "ferry-events-view.h"

G_BEGIN_DECLS

#define FERRY_TYPE_EVENTS_WINDOW (ferry_events_window_get_type ())

G_DECLARE_FINAL_TYPE (FerryEventsWindow, ferry_events_window, FERRY, EVENTS_WINDOW, AdwWindow)

FerryEventsWindow *ferry_events_window_new          (FerryConnectionManager *manager);
FerryEventsView   *ferry_events_window_get_view     (FerryEventsWindow      *self);
gboolean           ferry_events_window_save_to_file (FerryEventsWindow      *self,
                                                     GFile                  *file,
                                                     GError                **error);

G_END_DECLS
