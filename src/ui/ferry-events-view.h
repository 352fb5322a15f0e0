/* ferry-events-view.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-core.h"

G_BEGIN_DECLS

#define FERRY_TYPE_EVENTS_VIEW (ferry_events_view_get_type ())

G_DECLARE_FINAL_TYPE (FerryEventsView, ferry_events_view, FERRY, EVENTS_VIEW, GtkWidget)

GtkWidget  *ferry_events_view_new             (GListModel      *model);
GListModel *ferry_events_view_get_model       (FerryEventsView *self);
void        ferry_events_view_set_model       (FerryEventsView *self,
                                               GListModel      *model);
void        ferry_events_view_set_filter_text (FerryEventsView *self,
                                               const char      *text);
guint       ferry_events_view_get_n_shown     (FerryEventsView *self);
char       *ferry_events_view_to_text         (FerryEventsView *self);

G_END_DECLS
