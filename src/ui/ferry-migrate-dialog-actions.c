/* ferry-migrate-dialog-actions.c — the Migrate dialog's actions: presets,
 * the equivalent virsh command (shown and copied), and Migrate, which starts
 * one job per VM and turns the dialog into their progress view.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-migrate-dialog-private.h"
#include "ferry-migration-view.h"

/* Words of the command short enough to fit a line are kept whole: Pango
 * would otherwise break "--undefinesource" after its dashes. A long URI may
 * still break, or it would widen the dialog. */
#define MAX_UNBROKEN_WORD 40

static PangoAttrList *
whole_words (const char *text)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  const char *p = text;

  while (*p != '\0')
    {
      const char *end;

      while (*p == ' ' || *p == '\n')
        p++;
      end = p;
      while (*end != '\0' && *end != ' ' && *end != '\n')
        end++;
      if (end > p && end - p <= MAX_UNBROKEN_WORD)
        {
          PangoAttribute *attr = pango_attr_allow_breaks_new (FALSE);

          attr->start_index = p - text;
          attr->end_index = end - text;
          pango_attr_list_insert (attrs, attr);
        }
      p = end;
    }
  return attrs;
}

void
_ferry_migrate_dialog_update_command (FerryMigrateDialog *self)
{
  PangoAttrList *attrs;
  g_autoptr(GString) commands = g_string_new (NULL);
  char *command;

  if (self->domains == NULL || self->domains->len == 0)
    return;
  /* One line per VM: virsh moves one at a time. */
  for (guint i = 0; i < self->domains->len; i++)
    {
      g_autofree char *line =
        ferry_migration_options_to_virsh_command (self->options,
                                                  ferry_domain_get_name (g_ptr_array_index (self->domains, i)),
                                                  self->source ? ferry_connection_get_uri (self->source)
                                                               : NULL);

      g_strchomp (line);
      if (i > 0)
        g_string_append_c (commands, '\n');
      g_string_append (commands, line);
    }
  command = commands->str;
  attrs = whole_words (command);
  gtk_label_set_label (self->command_label, command);
  gtk_label_set_attributes (self->command_label, attrs);
  pango_attr_list_unref (attrs);
}
/* ---------------------------------------------------------------- actions */

void
_ferry_migrate_dialog_preset_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  FerryMigrateDialog *self = FERRY_MIGRATE_DIALOG (widget);

  ferry_migration_options_apply_preset (self->options, g_variant_get_string (parameter, NULL));
}

void
_ferry_migrate_dialog_copy_command_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  FerryMigrateDialog *self = FERRY_MIGRATE_DIALOG (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          gtk_label_get_label (self->command_label));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Command copied")));
}

static void
job_run_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  FerryMigrationJob *job = FERRY_MIGRATION_JOB (object);
  g_autoptr(GError) error = NULL;

  /* The job reports its outcome itself (state, message, events); this runs
   * whether or not the dialog is still open. */
  if (!ferry_migration_job_run_finish (job, result, &error))
    g_debug ("migration of %s: %s", ferry_migration_job_get_domain_name (job), error->message);
  ferry_migration_send_notification (job);
}

void
_ferry_migrate_dialog_migrate_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  FerryMigrateDialog *self = FERRY_MIGRATE_DIALOG (widget);
  g_autoptr(GPtrArray) plans = NULL;
  g_autofree char *title = NULL;
  GtkWidget *views = NULL;

  _ferry_migrate_dialog_update_migrate (self);
  if (self->problem != NULL || self->job != NULL)
    return;

  /* Every plan first, each its own copy of the options: a bad option stops
   * them all, not half of them. */
  plans = g_ptr_array_new ();
  for (guint i = 0; i < self->domains->len; i++)
    {
      g_autoptr(GError) error = NULL;
      FerryMigrationPlan *plan = g_new0 (FerryMigrationPlan, 1);

      g_ptr_array_add (plans, plan);
      if (!ferry_migration_plan_init (plan, G_OBJECT (self->options), &error))
        {
          for (guint k = 0; k < plans->len; k++)
            {
              ferry_migration_plan_clear (g_ptr_array_index (plans, k));
              g_free (g_ptr_array_index (plans, k));
            }
          gtk_label_set_label (self->problem_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
          return;
        }
    }

  self->jobs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->domains->len; i++)
    {
      FerryDomain *domain = g_ptr_array_index (self->domains, i);
      FerryMigrationPlan *plan = g_ptr_array_index (plans, i);
      FerryMigrationJob *job;

      /* The job takes the plan's contents. */
      job = ferry_migration_job_new (self->source, self->destination,
                                     ferry_domain_get_uuid (domain),
                                     ferry_domain_get_name (domain), plan);
      g_free (plan);
      g_ptr_array_add (self->jobs, job);
      ferry_migration_job_run_async (job, job_run_cb, NULL);
    }
  self->job = g_object_ref (g_ptr_array_index (self->jobs, 0));

  /* One VM: its progress fills the dialog. Several: one page each, picked
   * by name. */
  if (self->jobs->len > 1)
    {
      GtkWidget *stack = gtk_stack_new ();
      GtkWidget *switcher = gtk_stack_switcher_new ();

      views = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), GTK_STACK (stack));
      gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
      gtk_widget_set_margin_top (switcher, 6);
      gtk_box_append (GTK_BOX (views), switcher);
      gtk_box_append (GTK_BOX (views), stack);
      for (guint i = 0; i < self->jobs->len; i++)
        {
          FerryMigrationJob *job = g_ptr_array_index (self->jobs, i);
          GtkWidget *view = ferry_migration_view_new (job);

          ferry_migration_view_set_options (FERRY_MIGRATION_VIEW (view), self->options);
          gtk_stack_add_titled (GTK_STACK (stack), view, NULL,
                                ferry_migration_job_get_domain_name (job));
        }
    }
  else
    {
      views = ferry_migration_view_new (self->job);
      ferry_migration_view_set_options (FERRY_MIGRATION_VIEW (views), self->options);
    }
  adw_bin_set_child (self->progress_bin, views);
  gtk_stack_set_visible_child_name (self->main_stack, "progress");

  /* From here on closing the window is all there is to do; the migration
   * goes on without it. */
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (self->migrate_button, FALSE);
  adw_header_bar_set_show_end_title_buttons (self->header_bar, TRUE);
  if (self->jobs->len > 1)
    title = g_strdup_printf (ngettext ("Migration of %u VM", "Migration of %u VMs", self->jobs->len),
                             self->jobs->len);
  else
    title = g_strdup_printf (_("Migration of %s"), ferry_domain_get_name (self->domain));
  adw_window_title_set_title (self->window_title, title);
  _ferry_migrate_dialog_update_migrate (self);

  /* A handler may close the dialog: keep what the loop walks. */
  {
    g_autoptr(FerryMigrateDialog) alive = g_object_ref (self);
    g_autoptr(GPtrArray) jobs = g_ptr_array_ref (self->jobs);

    for (guint i = 0; i < jobs->len; i++)
      _ferry_migrate_dialog_emit_job_started (self, g_ptr_array_index (jobs, i));
  }
}
