/* ferry-readiness-page.h — the readiness checks' results, grouped by
 * severity, with their fixes.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-core.h"

G_BEGIN_DECLS

#define FERRY_TYPE_READINESS_PAGE (ferry_readiness_page_get_type ())

G_DECLARE_FINAL_TYPE (FerryReadinessPage, ferry_readiness_page, FERRY, READINESS_PAGE, AdwBin)

GtkWidget      *ferry_readiness_page_new              (FerryReadiness     *readiness);
FerryReadiness *ferry_readiness_page_get_readiness    (FerryReadinessPage *self);
void            ferry_readiness_page_set_readiness    (FerryReadinessPage *self,
                                                       FerryReadiness     *readiness);
gboolean        ferry_readiness_page_get_has_blockers (FerryReadinessPage *self);
void            ferry_readiness_page_check            (FerryReadinessPage *self);

G_END_DECLS
