/* ferry-definition-copy.h — define a storage pool or a virtual network on
 * another host the way it is defined on this one.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ferry-connection.h"

G_BEGIN_DECLS

typedef enum
{
  FERRY_DEFINITION_KIND_POOL,
  FERRY_DEFINITION_KIND_NETWORK,
} FerryDefinitionKind;

/**
 * FerryDefinitionStep:
 * @FERRY_DEFINITION_STEP_DEFINE: the definition is saved on the destination
 * @FERRY_DEFINITION_STEP_BUILD: its directory is created (dir and netfs pools)
 * @FERRY_DEFINITION_STEP_START: it is started
 * @FERRY_DEFINITION_STEP_AUTOSTART: it starts at boot, as on the source
 */
typedef enum
{
  FERRY_DEFINITION_STEP_DEFINE,
  FERRY_DEFINITION_STEP_BUILD,
  FERRY_DEFINITION_STEP_START,
  FERRY_DEFINITION_STEP_AUTOSTART,
  FERRY_DEFINITION_N_STEPS, /*< skip >*/
} FerryDefinitionStep;

typedef enum
{
  FERRY_STEP_NOT_RUN,
  FERRY_STEP_DONE,
  FERRY_STEP_SKIPPED,
  FERRY_STEP_FAILED,
} FerryStepOutcome;

#define FERRY_TYPE_DEFINITION_COPY_REPORT (ferry_definition_copy_report_get_type ())

typedef struct _FerryDefinitionCopyReport FerryDefinitionCopyReport;

GType                      ferry_definition_copy_report_get_type    (void) G_GNUC_CONST;
FerryDefinitionCopyReport *ferry_definition_copy_report_ref         (FerryDefinitionCopyReport *report);
void                       ferry_definition_copy_report_unref       (FerryDefinitionCopyReport *report);
FerryStepOutcome           ferry_definition_copy_report_get_outcome (FerryDefinitionCopyReport *report,
                                                                     FerryDefinitionStep        step);
const char                *ferry_definition_copy_report_get_message (FerryDefinitionCopyReport *report,
                                                                     FerryDefinitionStep        step);
gboolean                   ferry_definition_copy_report_succeeded   (FerryDefinitionCopyReport *report);
char                      *ferry_definition_copy_report_to_string   (FerryDefinitionCopyReport *report);

void                       ferry_definition_copy_async              (FerryConnection           *from,
                                                                     FerryConnection           *to,
                                                                     FerryDefinitionKind        kind,
                                                                     const char                *name,
                                                                     GCancellable              *cancellable,
                                                                     GAsyncReadyCallback        callback,
                                                                     gpointer                   user_data);
gboolean                   ferry_definition_copy_finish             (GAsyncResult              *result,
                                                                     FerryDefinitionCopyReport **report,
                                                                     GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryDefinitionCopyReport, ferry_definition_copy_report_unref)

G_END_DECLS
