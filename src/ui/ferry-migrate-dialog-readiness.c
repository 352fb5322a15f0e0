/* ferry-migrate-dialog-readiness.c — the Migrate dialog's Readiness tab.
 *
 * As soon as a destination is chosen, every VM is checked against it with
 * the dialog's own options (FerryReadiness, one per VM); the results follow
 * each later change of the options. Migrate stays off while a check is
 * running or a blocker remains, and says why. Where libvirt itself would let
 * the migration through when marked unsafe (a disk it cannot tell is shared),
 * the tab offers "I understand, migrate anyway (unsafe)", which is the
 * options' unsafe flag; nothing else can be overridden.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-disks-window.h"
#include "ferry-migrate-dialog-private.h"

static FerryReadiness *
readiness_at (FerryMigrateDialog *self,
              guint               i)
{
  return g_ptr_array_index (self->readiness, i);
}

static gboolean
any_readiness (FerryMigrateDialog *self,
               gboolean          (*predicate) (FerryReadiness *))
{
  for (guint i = 0; self->readiness != NULL && i < self->readiness->len; i++)
    if (predicate (readiness_at (self, i)))
      return TRUE;
  return FALSE;
}

static gboolean
not_checked (FerryReadiness *readiness)
{
  return g_list_model_get_n_items (ferry_readiness_get_results (readiness)) == 0;
}

static void
update_tab (FerryMigrateDialog *self)
{
  gboolean checking = self->readiness != NULL && self->readiness->len > 0;
  gboolean allow = any_readiness (self, ferry_readiness_unsafe_would_allow);
  gboolean unsafe = ferry_migration_options_get_unsafe (self->options);

  gtk_widget_set_visible (GTK_WIDGET (self->readiness_placeholder), !checking);
  gtk_widget_set_visible (GTK_WIDGET (self->readiness_page), checking);
  gtk_widget_set_visible (GTK_WIDGET (self->readiness_vm_group),
                          checking && self->readiness->len > 1);
  /* Still shown once ticked, or the user could not take it back. */
  gtk_widget_set_visible (GTK_WIDGET (self->unsafe_group), checking && (allow || unsafe));
  gtk_stack_page_set_needs_attention (self->readiness_stack_page,
                                      any_readiness (self, ferry_readiness_has_blockers));
}

static void
readiness_changed_cb (FerryMigrateDialog *self)
{
  update_tab (self);
  _ferry_migrate_dialog_update_migrate (self);
}

static void
clear_readiness (FerryMigrateDialog *self)
{
  g_cancellable_cancel (self->readiness_cancellable);
  g_clear_object (&self->readiness_cancellable);
  for (guint i = 0; self->readiness != NULL && i < self->readiness->len; i++)
    {
      g_signal_handlers_disconnect_by_data (readiness_at (self, i), self);
      g_signal_handlers_disconnect_by_data (ferry_readiness_get_results (readiness_at (self, i)), self);
    }
  g_clear_pointer (&self->readiness, g_ptr_array_unref);
  if (self->readiness_page != NULL)
    ferry_readiness_page_set_readiness (self->readiness_page, NULL);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  /* Errors show as "did not finish" on Migrate, and as the page's toast
   * when the VM is picked and checked again. */
  ferry_readiness_run_finish (FERRY_READINESS (object), result, NULL);
}

/* The page shows and checks the VM picked; the others are checked here. */
static void
show_selected (FerryMigrateDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->readiness_vm_row);

  if (self->readiness == NULL || self->readiness->len == 0)
    return;
  if (selected >= self->readiness->len)
    selected = 0;
  ferry_readiness_page_set_readiness (self->readiness_page, readiness_at (self, selected));
}

/* For ferry_migrate_dialog_set_destination(): the old results say nothing
 * about the new host. */
void
_ferry_migrate_dialog_readiness_reset (FerryMigrateDialog *self)
{
  clear_readiness (self);
  if (self->check_readiness && self->destination != NULL && self->source != NULL &&
      ferry_connection_get_state (self->destination) == FERRY_CONNECTION_STATE_CONNECTED)
    {
      guint shown = adw_combo_row_get_selected (self->readiness_vm_row);

      self->readiness = g_ptr_array_new_with_free_func (g_object_unref);
      self->readiness_cancellable = g_cancellable_new ();
      for (guint i = 0; i < self->domains->len; i++)
        {
          FerryDomain *domain = g_ptr_array_index (self->domains, i);
          FerryReadiness *readiness = ferry_readiness_new (self->source, self->destination,
                                                           ferry_domain_get_name (domain),
                                                           self->options);

          g_ptr_array_add (self->readiness, readiness);
          g_signal_connect_swapped (readiness, "notify::running",
                                    G_CALLBACK (readiness_changed_cb), self);
          g_signal_connect_swapped (readiness, "notify::has-blockers",
                                    G_CALLBACK (readiness_changed_cb), self);
          g_signal_connect_swapped (ferry_readiness_get_results (readiness), "items-changed",
                                    G_CALLBACK (readiness_changed_cb), self);
          if (i != shown)
            ferry_readiness_run_async (readiness, self->readiness_cancellable, run_done_cb, NULL);
        }
      show_selected (self);
    }
  readiness_changed_cb (self);
}

/**
 * _ferry_migrate_dialog_readiness_problem:
 *
 * Returns: (nullable): why the checks keep Migrate off, or %NULL
 */
char *
_ferry_migrate_dialog_readiness_problem (FerryMigrateDialog *self)
{
  guint blockers = 0;

  if (!self->check_readiness || self->readiness == NULL)
    return NULL;
  for (guint i = 0; i < self->readiness->len; i++)
    {
      FerryReadiness *readiness = readiness_at (self, i);
      GListModel *results = ferry_readiness_get_results (readiness);

      if (ferry_readiness_get_running (readiness))
        return g_strdup (_("Checking whether the VM can move…"));
      if (not_checked (readiness))
        return g_strdup (_("The readiness checks did not finish: open Readiness and check again"));
      for (guint k = 0; k < g_list_model_get_n_items (results); k++)
        {
          g_autoptr(FerryReadinessResult) result = g_list_model_get_item (results, k);

          blockers += ferry_readiness_result_get_severity (result) == FERRY_READINESS_BLOCKER;
        }
    }
  if (blockers == 0)
    return NULL;
  return g_strdup_printf (ngettext ("%u problem blocks the migration: see Readiness",
                                    "%u problems block the migration: see Readiness", blockers),
                          blockers);
}

static void
disks_window_closed_cb (FerryMigrateDialog *self)
{
  if (self->readiness_page != NULL)
    ferry_readiness_page_check (self->readiness_page);
}

/* Fixes the page cannot do alone. Options fixes are left to the page, which
 * applies them to these same options, and the rows follow. */
static gboolean
fix_requested_cb (FerryMigrateDialog   *self,
                  FerryReadinessResult *result)
{
  FerryReadiness *readiness = ferry_readiness_page_get_readiness (self->readiness_page);
  FerryDisksWindow *window;

  if (readiness == NULL ||
      ferry_readiness_fix_kind (ferry_readiness_result_get_fix_id (result)) != FERRY_READINESS_FIX_EDITOR)
    return FALSE;

  window = ferry_disks_window_new (self->source, ferry_readiness_get_domain_name (readiness));
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  /* What the editor changed is checked again when it closes. */
  g_signal_connect_object (window, "destroy", G_CALLBACK (disks_window_closed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
  return TRUE;
}

void
_ferry_migrate_dialog_readiness_init (FerryMigrateDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->domains->len; i++)
    gtk_string_list_append (names, ferry_domain_get_name (g_ptr_array_index (self->domains, i)));
  adw_combo_row_set_model (self->readiness_vm_row, G_LIST_MODEL (names));
  g_signal_connect_object (self->readiness_vm_row, "notify::selected",
                           G_CALLBACK (show_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->readiness_page, "fix-requested",
                           G_CALLBACK (fix_requested_cb), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->options, "unsafe", self->override_check, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  update_tab (self);
}

void
_ferry_migrate_dialog_readiness_dispose (FerryMigrateDialog *self)
{
  clear_readiness (self);
}
