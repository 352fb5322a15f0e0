/* ferry-host-page.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-core.h"

G_BEGIN_DECLS

#define FERRY_TYPE_HOST_PAGE (ferry_host_page_get_type ())

G_DECLARE_FINAL_TYPE (FerryHostPage, ferry_host_page, FERRY, HOST_PAGE, GtkWidget)

FerryConnection *ferry_host_page_get_connection (FerryHostPage   *self);
void             ferry_host_page_set_connection (FerryHostPage   *self,
                                                 FerryConnection *connection);

FerryDomain     *ferry_host_page_get_selected_domain (FerryHostPage *self);
GListModel      *ferry_host_page_get_selected_domains (FerryHostPage *self);

/* Formatting used by the page's list columns; public so tests can check it. */
char            *ferry_format_memory            (guint64          bytes);

G_END_DECLS
