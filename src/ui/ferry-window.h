/* ferry-window.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-application.h"

G_BEGIN_DECLS

#define FERRY_TYPE_WINDOW (ferry_window_get_type ())

G_DECLARE_FINAL_TYPE (FerryWindow, ferry_window, FERRY, WINDOW, AdwApplicationWindow)

FerryWindow *ferry_window_new                (FerryApplication *application);
void         ferry_window_select_connection  (FerryWindow      *self,
                                              FerryConnection  *connection);
FerryConnection *ferry_window_get_selected_connection (FerryWindow *self);
void         ferry_window_show_preferences   (FerryWindow      *self);
void         ferry_window_add_toast          (FerryWindow      *self,
                                              const char       *title);

G_END_DECLS
