/* ferry-migration-plan.c — resolving migration options into what a job needs,
 * and the words for a job's state and outcome.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ferry-connection-private.h"
#include "ferry-error.h"
#include "ferry-migration-job-private.h"
#include "ferry-migration-options.h"
#include "ferry-migration-params.h"

void
ferry_migration_plan_clear (FerryMigrationPlan *plan)
{
  virTypedParamsFree (plan->params, plan->nparams);
  plan->params = NULL;
  plan->nparams = 0;
  g_clear_pointer (&plan->destination_uri, g_free);
}

static int
enum_nick_is (GObject    *object,
              const char *property,
              const char *nick)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  GEnumClass *klass;
  GEnumValue *value;
  int v = 0;

  g_return_val_if_fail (pspec != NULL && G_IS_PARAM_SPEC_ENUM (pspec), FALSE);
  g_object_get (object, property, &v, NULL);
  klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;
  value = g_enum_get_value (klass, v);
  return value != NULL && g_str_equal (value->value_nick, nick);
}

/**
 * ferry_migration_plan_init:
 * @options: a #FerryMigrationOptions
 *
 * Resolves @options into what a job needs: validated, as libvirt flags and
 * typed parameters, plus the settings applied while the job runs.
 */
gboolean
ferry_migration_plan_init (FerryMigrationPlan  *plan,
                           GObject             *options,
                           GError             **error)
{
  gboolean postcopy = FALSE;
  guint postcopy_seconds = 0;
  virTypedParameterPtr params = NULL;

  memset (plan, 0, sizeof *plan);
  if (!ferry_migration_options_validate (FERRY_MIGRATION_OPTIONS (options), error))
    return FALSE;
  if (!ferry_migration_options_to_params (FERRY_MIGRATION_OPTIONS (options), &params,
                                          &plan->nparams, error))
    return FALSE;
  plan->params = params;
  plan->flags = ferry_migration_options_get_flags (FERRY_MIGRATION_OPTIONS (options));
  g_object_get (options,
                "destination-uri", &plan->destination_uri,
                "max-downtime", &plan->max_downtime_ms,
                "postcopy", &postcopy,
                "postcopy-after-seconds", &postcopy_seconds,
                NULL);
  plan->peer_to_peer = (plan->flags & VIR_MIGRATE_PEER2PEER) != 0;
  plan->offline = (plan->flags & VIR_MIGRATE_OFFLINE) != 0;
  plan->postcopy_after = -1;
  if (postcopy && enum_nick_is (options, "postcopy-after", "immediately"))
    plan->postcopy_after = 0;
  else if (postcopy && enum_nick_is (options, "postcopy-after", "after-seconds"))
    plan->postcopy_after = (int)MIN (postcopy_seconds, (guint)G_MAXINT);
  return TRUE;
}

const char *
ferry_migration_state_to_string (FerryMigrationState state)
{
  switch (state)
    {
    case FERRY_MIGRATION_STATE_PREPARING:
      return _("Preparing");
    case FERRY_MIGRATION_STATE_MIGRATING:
      return _("Migrating");
    case FERRY_MIGRATION_STATE_POSTCOPY:
      return _("Post-copy");
    case FERRY_MIGRATION_STATE_COMPLETING:
      return _("Completing");
    case FERRY_MIGRATION_STATE_COMPLETED:
      return _("Completed");
    case FERRY_MIGRATION_STATE_FAILED:
      return _("Failed");
    case FERRY_MIGRATION_STATE_CANCELLED:
      return _("Cancelled");
    case FERRY_MIGRATION_STATE_NEEDS_RECOVERY:
      return _("Needs recovery");
    default:
      return _("Unknown");
    }
}

const char *
ferry_placement_to_string (FerryPlacement placement)
{
  switch (placement)
    {
    case FERRY_PLACEMENT_SOURCE:
      return _("source");
    case FERRY_PLACEMENT_DESTINATION:
      return _("destination");
    case FERRY_PLACEMENT_BOTH:
      return _("both hosts");
    case FERRY_PLACEMENT_NEITHER:
      return _("neither host");
    case FERRY_PLACEMENT_UNKNOWN:
    default:
      return _("unknown");
    }
}
