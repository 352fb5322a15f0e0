/* ferry-migration-settle-private.h — the pure decision, for tests.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-migration-settle.h"

G_BEGIN_DECLS

FerrySettleResult _ferry_migration_settle_decide (int      source_state,
                                                  int      source_reason,
                                                  gboolean source_has_job,
                                                  gboolean destination_known,
                                                  int      destination_state,
                                                  int      destination_reason);

G_END_DECLS
