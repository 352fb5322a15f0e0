/* ferry-migration-params.h — FerryMigrationOptions in libvirt's terms.
 *
 * Kept apart from ferry-migration-options.h so that the UI, which binds to the
 * options, needs no libvirt header.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libvirt/libvirt.h>

#include "ferry-migration-options.h"

G_BEGIN_DECLS

unsigned long ferry_migration_options_get_flags (FerryMigrationOptions  *self);
gboolean      ferry_migration_options_to_params (FerryMigrationOptions  *self,
                                                 virTypedParameterPtr   *params,
                                                 int                    *nparams,
                                                 GError                **error);

G_END_DECLS
