/* ferry-dialogs.h — small shared pieces of feedback: a toast, a confirmation.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void       ferry_show_toast          (AdwToastOverlay *overlay,
                                      const char      *message);
GtkWidget *ferry_confirm_dialog_new  (GtkWindow       *parent,
                                      const char      *heading,
                                      const char      *body,
                                      const char      *response,
                                      const char      *label);

G_END_DECLS
