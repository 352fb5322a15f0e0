/* ferry-readiness-result.c — one readiness check's verdict: immutable, built
 * by the pure evaluation functions and shown as is by the page and the CLI.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-enums.h"
#include "ferry-readiness-result.h"

struct _FerryReadinessResult
{
  GObject                 parent_instance;

  char                   *id;
  char                   *subject;
  FerryReadinessSeverity  severity;
  char                   *title;
  char                   *explanation;
  char                   *facts;
  char                   *fix_id;
  char                   *fix_label;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_SUBJECT,
  PROP_SEVERITY,
  PROP_TITLE,
  PROP_EXPLANATION,
  PROP_FACTS,
  PROP_FIX_ID,
  PROP_FIX_LABEL,
  PROP_ICON_NAME,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryReadinessResult, ferry_readiness_result, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
ferry_readiness_result_finalize (GObject *object)
{
  FerryReadinessResult *self = (FerryReadinessResult *)object;

  g_free (self->id);
  g_free (self->subject);
  g_free (self->title);
  g_free (self->explanation);
  g_free (self->facts);
  g_free (self->fix_id);
  g_free (self->fix_label);

  G_OBJECT_CLASS (ferry_readiness_result_parent_class)->finalize (object);
}

static char **
string_field (FerryReadinessResult *self,
              guint                 prop_id)
{
  switch (prop_id)
    {
    case PROP_ID: return &self->id;
    case PROP_SUBJECT: return &self->subject;
    case PROP_TITLE: return &self->title;
    case PROP_EXPLANATION: return &self->explanation;
    case PROP_FACTS: return &self->facts;
    case PROP_FIX_ID: return &self->fix_id;
    case PROP_FIX_LABEL: return &self->fix_label;
    default: return NULL;
    }
}

static void
ferry_readiness_result_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  FerryReadinessResult *self = FERRY_READINESS_RESULT (object);
  char **field = string_field (self, prop_id);

  if (field != NULL)
    g_value_set_string (value, *field);
  else if (prop_id == PROP_SEVERITY)
    g_value_set_enum (value, self->severity);
  else if (prop_id == PROP_ICON_NAME)
    g_value_set_string (value, ferry_readiness_result_get_icon_name (self));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ferry_readiness_result_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  FerryReadinessResult *self = FERRY_READINESS_RESULT (object);
  char **field = string_field (self, prop_id);

  if (field != NULL)
    {
      g_free (*field);
      *field = g_value_dup_string (value);
    }
  else if (prop_id == PROP_SEVERITY)
    self->severity = g_value_get_enum (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ferry_readiness_result_class_init (FerryReadinessResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  static const char * const names[N_PROPS] = {
    [PROP_ID] = "id", [PROP_SUBJECT] = "subject", [PROP_TITLE] = "title",
    [PROP_EXPLANATION] = "explanation", [PROP_FACTS] = "facts", [PROP_FIX_ID] = "fix-id",
    [PROP_FIX_LABEL] = "fix-label",
  };

  object_class->finalize = ferry_readiness_result_finalize;
  object_class->get_property = ferry_readiness_result_get_property;
  object_class->set_property = ferry_readiness_result_set_property;

  for (guint i = PROP_ID; i < N_PROPS; i++)
    if (names[i] != NULL)
      properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL, flags);
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL, FERRY_TYPE_READINESS_SEVERITY,
                       FERRY_READINESS_OK, flags);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_readiness_result_init (FerryReadinessResult *self)
{
}

/**
 * ferry_readiness_result_new:
 * @id: the check's stable id ("memory", "disk-storage", …); scripts match on it
 * @subject: (nullable): what the check looked at when there are several (a disk
 *   target, a network or pool name); a fix acts on it
 * @fix_id: (nullable): the fix action, see ferry_readiness_fix_kind()
 *
 * Returns: (transfer full): a new result
 */
FerryReadinessResult *
ferry_readiness_result_new (const char             *id,
                            const char             *subject,
                            FerryReadinessSeverity  severity,
                            const char             *title,
                            const char             *explanation,
                            const char             *facts,
                            const char             *fix_id,
                            const char             *fix_label)
{
  g_return_val_if_fail (id != NULL && title != NULL, NULL);

  return g_object_new (FERRY_TYPE_READINESS_RESULT,
                       "id", id, "subject", subject, "severity", severity, "title", title,
                       "explanation", explanation, "facts", facts,
                       "fix-id", fix_id, "fix-label", fix_id != NULL ? fix_label : NULL,
                       NULL);
}

const char *
ferry_readiness_result_get_id (FerryReadinessResult *self)
{
  g_return_val_if_fail (FERRY_IS_READINESS_RESULT (self), NULL);
  return self->id;
}

const char *
ferry_readiness_result_get_subject (FerryReadinessResult *self)
{
  g_return_val_if_fail (FERRY_IS_READINESS_RESULT (self), NULL);
  return self->subject;
}

FerryReadinessSeverity
ferry_readiness_result_get_severity (FerryReadinessResult *self)
{
  g_return_val_if_fail (FERRY_IS_READINESS_RESULT (self), FERRY_READINESS_OK);
  return self->severity;
}

const char *
ferry_readiness_result_get_title (FerryReadinessResult *self)
{
  g_return_val_if_fail (FERRY_IS_READINESS_RESULT (self), NULL);
  return self->title;
}

const char *
ferry_readiness_result_get_explanation (FerryReadinessResult *self)
{
  g_return_val_if_fail (FERRY_IS_READINESS_RESULT (self), NULL);
  return self->explanation;
}

const char *
ferry_readiness_result_get_facts (FerryReadinessResult *self)
{
  g_return_val_if_fail (FERRY_IS_READINESS_RESULT (self), NULL);
  return self->facts;
}

const char *
ferry_readiness_result_get_fix_id (FerryReadinessResult *self)
{
  g_return_val_if_fail (FERRY_IS_READINESS_RESULT (self), NULL);
  return self->fix_id;
}

const char *
ferry_readiness_result_get_fix_label (FerryReadinessResult *self)
{
  g_return_val_if_fail (FERRY_IS_READINESS_RESULT (self), NULL);
  return self->fix_label;
}

/**
 * ferry_readiness_result_get_icon_name:
 *
 * Returns: the symbolic icon the UI shows for this severity
 */
const char *
ferry_readiness_result_get_icon_name (FerryReadinessResult *self)
{
  g_return_val_if_fail (FERRY_IS_READINESS_RESULT (self), NULL);

  switch (self->severity)
    {
    case FERRY_READINESS_BLOCKER: return "dialog-error-symbolic";
    case FERRY_READINESS_WARNING: return "dialog-warning-symbolic";
    case FERRY_READINESS_OK:
    default: return "emblem-ok-symbolic";
    }
}

/**
 * ferry_readiness_severity_to_string:
 *
 * Returns: "ok", "warning" or "blocker": the words ferry-migrate --check prints
 */
const char *
ferry_readiness_severity_to_string (FerryReadinessSeverity severity)
{
  switch (severity)
    {
    case FERRY_READINESS_BLOCKER: return "blocker";
    case FERRY_READINESS_WARNING: return "warning";
    case FERRY_READINESS_OK:
    default: return "ok";
    }
}
