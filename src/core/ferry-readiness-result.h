/* ferry-readiness-result.h — one readiness check's verdict.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * FerryReadinessSeverity:
 * @FERRY_READINESS_OK: nothing stands in the way
 * @FERRY_READINESS_WARNING: the migration can run, but read this first
 * @FERRY_READINESS_BLOCKER: the migration would fail (or lose data) as set up
 *
 * Ordered by how bad it is, so a larger value sorts first in the results.
 */
typedef enum
{
  FERRY_READINESS_OK,
  FERRY_READINESS_WARNING,
  FERRY_READINESS_BLOCKER,
} FerryReadinessSeverity;

#define FERRY_TYPE_READINESS_RESULT (ferry_readiness_result_get_type ())

G_DECLARE_FINAL_TYPE (FerryReadinessResult, ferry_readiness_result, FERRY, READINESS_RESULT, GObject)

FerryReadinessResult   *ferry_readiness_result_new           (const char             *id,
                                                              const char             *subject,
                                                              FerryReadinessSeverity  severity,
                                                              const char             *title,
                                                              const char             *explanation,
                                                              const char             *facts,
                                                              const char             *fix_id,
                                                              const char             *fix_label);
const char             *ferry_readiness_result_get_id        (FerryReadinessResult   *self);
const char             *ferry_readiness_result_get_subject   (FerryReadinessResult   *self);
FerryReadinessSeverity  ferry_readiness_result_get_severity  (FerryReadinessResult   *self);
const char             *ferry_readiness_result_get_title     (FerryReadinessResult   *self);
const char             *ferry_readiness_result_get_explanation (FerryReadinessResult *self);
const char             *ferry_readiness_result_get_facts     (FerryReadinessResult   *self);
const char             *ferry_readiness_result_get_fix_id    (FerryReadinessResult   *self);
const char             *ferry_readiness_result_get_fix_label (FerryReadinessResult   *self);
const char             *ferry_readiness_result_get_icon_name (FerryReadinessResult   *self);

const char             *ferry_readiness_severity_to_string   (FerryReadinessSeverity  severity);

G_END_DECLS
