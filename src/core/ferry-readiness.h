/* ferry-readiness.h — can this VM move to that host with these options?
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ferry-connection.h"
#include "ferry-migration-options.h"
#include "ferry-readiness-result.h"

G_BEGIN_DECLS

/**
 * FerryReadinessFixKind:
 * @FERRY_READINESS_FIX_NONE: no fix (or an unknown fix id)
 * @FERRY_READINESS_FIX_HOST: a change on a host, done by ferry_readiness_fix_async()
 * @FERRY_READINESS_FIX_OPTIONS: a change of the migration options, done by
 *   ferry_readiness_apply_option_fix()
 * @FERRY_READINESS_FIX_EDITOR: needs an editor window (the disk cache editor)
 */
typedef enum
{
  FERRY_READINESS_FIX_NONE,
  FERRY_READINESS_FIX_HOST,
  FERRY_READINESS_FIX_OPTIONS,
  FERRY_READINESS_FIX_EDITOR,
} FerryReadinessFixKind;

#define FERRY_TYPE_READINESS (ferry_readiness_get_type ())

G_DECLARE_FINAL_TYPE (FerryReadiness, ferry_readiness, FERRY, READINESS, GObject)

FerryReadiness        *ferry_readiness_new                  (FerryConnection        *source,
                                                             FerryConnection        *destination,
                                                             const char             *domain_name,
                                                             FerryMigrationOptions  *options);
FerryConnection       *ferry_readiness_get_source           (FerryReadiness         *self);
FerryConnection       *ferry_readiness_get_destination      (FerryReadiness         *self);
const char            *ferry_readiness_get_domain_name      (FerryReadiness         *self);
FerryMigrationOptions *ferry_readiness_get_options          (FerryReadiness         *self);
GListModel            *ferry_readiness_get_results          (FerryReadiness         *self);
gboolean               ferry_readiness_get_running          (FerryReadiness         *self);
gboolean               ferry_readiness_has_blockers         (FerryReadiness         *self);
gboolean               ferry_readiness_unsafe_would_allow   (FerryReadiness         *self);
FerryReadinessResult  *ferry_readiness_lookup               (FerryReadiness         *self,
                                                             const char             *id,
                                                             const char             *subject);

void                   ferry_readiness_run_async            (FerryReadiness         *self,
                                                             GCancellable           *cancellable,
                                                             GAsyncReadyCallback     callback,
                                                             gpointer                user_data);
gboolean               ferry_readiness_run_finish           (FerryReadiness         *self,
                                                             GAsyncResult           *result,
                                                             GError                **error);

void                   ferry_readiness_measure_dirty_rate_async  (FerryReadiness    *self,
                                                                  guint              seconds,
                                                                  GCancellable      *cancellable,
                                                                  GAsyncReadyCallback callback,
                                                                  gpointer           user_data);
gboolean               ferry_readiness_measure_dirty_rate_finish (FerryReadiness    *self,
                                                                  GAsyncResult      *result,
                                                                  guint64           *mib_per_second,
                                                                  GError           **error);

FerryReadinessFixKind  ferry_readiness_fix_kind             (const char             *fix_id);
gboolean               ferry_readiness_apply_option_fix     (FerryReadiness         *self,
                                                             FerryReadinessResult   *result);
void                   ferry_readiness_fix_async            (FerryReadiness         *self,
                                                             FerryReadinessResult   *result,
                                                             GCancellable           *cancellable,
                                                             GAsyncReadyCallback     callback,
                                                             gpointer                user_data);
gboolean               ferry_readiness_fix_finish           (FerryReadiness         *self,
                                                             GAsyncResult           *result,
                                                             char                  **report,
                                                             GError                **error);

G_END_DECLS
