/* ferry-job-row.c — one migration in the sidebar: VM, route, phase, progress.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-job-row.h"

struct _FerryJobRow
{
  AdwActionRow       parent_instance;

  FerryMigrationJob *job;

  /* Template Widgets */
  GtkLevelBar       *level;
  GtkImage          *icon;
};

G_DEFINE_FINAL_TYPE (FerryJobRow, ferry_job_row, ADW_TYPE_ACTION_ROW)

static void
update (FerryJobRow *self)
{
  FerryMigrationState state = ferry_migration_job_get_state (self->job);
  FerryConnection *dest = ferry_migration_job_get_destination (self->job);
  double fraction = 0;
  g_autofree char *subtitle = NULL;
  const char *icon = "emblem-synchronizing-symbolic";

  g_object_get (self->job, "fraction", &fraction, NULL);
  /* Translators: "Migrating · 45% · host-a → host-b" */
  subtitle = g_strdup_printf (_("%s · %.0f%% · %s → %s"),
                              ferry_migration_state_to_string (state), 100 * fraction,
                              ferry_connection_get_display_name (ferry_migration_job_get_source (self->job)),
                              dest ? ferry_connection_get_display_name (dest) : "…");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_level_bar_set_value (self->level, fraction);

  switch (state)
    {
    case FERRY_MIGRATION_STATE_COMPLETED:
      icon = "emblem-ok-symbolic";
      break;
    case FERRY_MIGRATION_STATE_FAILED:
      /* Lost sight of, not failed: see ferry-migration-view.c. */
      icon = ferry_migration_job_get_source_lost (self->job) ? "network-offline-symbolic" : "dialog-error-symbolic";
      break;
    case FERRY_MIGRATION_STATE_CANCELLED:
      icon = "process-stop-symbolic";
      break;
    case FERRY_MIGRATION_STATE_NEEDS_RECOVERY:
      icon = "dialog-warning-symbolic";
      break;
    case FERRY_MIGRATION_STATE_PREPARING:
    case FERRY_MIGRATION_STATE_MIGRATING:
    case FERRY_MIGRATION_STATE_POSTCOPY:
    case FERRY_MIGRATION_STATE_COMPLETING:
    default:
      break;
    }
  gtk_image_set_from_icon_name (self->icon, icon);
  gtk_widget_set_visible (GTK_WIDGET (self->level),
                          state != FERRY_MIGRATION_STATE_COMPLETED &&
                          state != FERRY_MIGRATION_STATE_FAILED &&
                          state != FERRY_MIGRATION_STATE_CANCELLED &&
                          state != FERRY_MIGRATION_STATE_NEEDS_RECOVERY);
}

static void
ferry_job_row_dispose (GObject *object)
{
  FerryJobRow *self = (FerryJobRow *)object;

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_JOB_ROW);

  G_OBJECT_CLASS (ferry_job_row_parent_class)->dispose (object);
}

static void
ferry_job_row_class_init (FerryJobRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ferry_job_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ferry-job-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryJobRow, level);
  gtk_widget_class_bind_template_child (widget_class, FerryJobRow, icon);
}

static void
ferry_job_row_init (FerryJobRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ferry_job_row_new (FerryMigrationJob *job)
{
  FerryJobRow *self;

  g_return_val_if_fail (FERRY_IS_MIGRATION_JOB (job), NULL);

  self = g_object_new (FERRY_TYPE_JOB_ROW, NULL);
  self->job = g_object_ref (job);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), ferry_migration_job_get_domain_name (job));
  g_signal_connect_swapped (job, "notify::state", G_CALLBACK (update), self);
  g_signal_connect_swapped (job, "notify::fraction", G_CALLBACK (update), self);
  update (self);
  return GTK_WIDGET (self);
}

/**
 * ferry_job_row_get_job:
 *
 * Returns: (transfer none): the row's migration
 */
FerryMigrationJob *
ferry_job_row_get_job (FerryJobRow *self)
{
  g_return_val_if_fail (FERRY_IS_JOB_ROW (self), NULL);
  return self->job;
}
