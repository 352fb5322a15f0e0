/* ferry-migration-options-presets.c — named sets of options ("policies") for
 * common cases, shared by the Migrate dialog and the readiness fixes.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-migration-options.h"

/* What a preset leaves alone: the way to reach the destination, which
 * depends on the network and not on the VM. */
static const char * const kept_by_presets[] = {
  "connectivity", "destination-uri", "migrate-uri", "listen-address", "tls", NULL,
};

static void
reset_to_defaults (FerryMigrationOptions *options)
{
  guint n_pspecs = 0;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (options), &n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (g_strv_contains (kept_by_presets, pspecs[i]->name) || !(pspecs[i]->flags & G_PARAM_WRITABLE))
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_param_value_set_default (pspecs[i], &value);
      g_object_set_property (G_OBJECT (options), pspecs[i]->name, &value);
    }
}

/**
 * ferry_migration_options_apply_preset:
 * @preset: "safe" (the safe default), "minimal-downtime", "busy" (auto-converge, and post-copy
 *   after 30 s) or "move-storage" (copy all disks)
 *
 * Resets every option but the connectivity ones, then sets the preset's. All
 * presets migrate live.
 *
 * Returns: %FALSE for an unknown preset (nothing changed)
 */
gboolean
ferry_migration_options_apply_preset (FerryMigrationOptions *options,
                                      const char            *preset)
{
  static const char * const known[] = { "safe", "minimal-downtime", "busy", "move-storage", NULL };

  g_return_val_if_fail (FERRY_IS_MIGRATION_OPTIONS (options), FALSE);

  if (preset == NULL || !g_strv_contains (known, preset))
    return FALSE;
  g_object_freeze_notify (G_OBJECT (options));
  reset_to_defaults (options);
  ferry_migration_options_set_mode (options, FERRY_MIGRATION_MODE_LIVE);
  if (g_str_equal (preset, "minimal-downtime"))
    {
      ferry_migration_options_set_max_downtime (options, 100);
      ferry_migration_options_set_auto_converge (options, TRUE);
    }
  else if (g_str_equal (preset, "busy"))
    {
      ferry_migration_options_set_auto_converge (options, TRUE);
      ferry_migration_options_set_postcopy (options, TRUE);
      ferry_migration_options_set_postcopy_after (options, FERRY_MIGRATION_POSTCOPY_AFTER_SECONDS);
      ferry_migration_options_set_postcopy_after_seconds (options, 30);
    }
  else if (g_str_equal (preset, "move-storage"))
    ferry_migration_options_set_copy_storage (options, FERRY_MIGRATION_COPY_STORAGE_ALL);

  /* Post-copy and copying storage cannot be tunnelled; peer-to-peer is the
   * nearest way to the destination that can do them. */
  if (ferry_migration_options_get_connectivity (options) == FERRY_MIGRATION_CONNECTIVITY_TUNNELLED &&
      (ferry_migration_options_get_postcopy (options) ||
       ferry_migration_options_get_copy_storage (options) != FERRY_MIGRATION_COPY_STORAGE_NONE))
    ferry_migration_options_set_connectivity (options, FERRY_MIGRATION_CONNECTIVITY_PEER_TO_PEER);
  g_object_thaw_notify (G_OBJECT (options));
  return TRUE;
}
