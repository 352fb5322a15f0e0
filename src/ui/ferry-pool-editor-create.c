/* ferry-pool-editor-create.c — Create (or Save): define, build, start and
 * autostart the pool, then define it on the hosts checked on the "Other
 * Hosts" page, one step after the other, each shown in a progress list
 * with libvirt's own words when it fails. Pressing the button again after a
 * failure goes on from the step that failed: the steps before it are done on
 * the host and are not repeated.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-pool-editor-private.h"

/* A step is a FerryPoolOp, or one of these: defining the pool from the
 * config, and defining it on the other hosts (FerryPoolCopyList shows how
 * each of them went). */
#define STEP_DEFINE ((int)-1)
#define STEP_COPY ((int)-2)

typedef struct
{
  int           op;
  AdwActionRow *row;      /* borrowed: lives in the progress list */
  GtkImage     *icon;
} Step;

typedef enum
{
  STEP_PENDING,
  STEP_RUNNING,
  STEP_DONE,
  STEP_FAILED,
} StepState;

static void run_next_step (FerryPoolEditor *self);

static void
step_set_state (Step       *step,
                StepState   state,
                const char *message)
{
  static const char *const icons[] = {
    [STEP_PENDING] = "radio-symbolic",
    [STEP_RUNNING] = "content-loading-symbolic",
    [STEP_DONE] = "object-select-symbolic",
    [STEP_FAILED] = "dialog-error-symbolic",
  };

  gtk_image_set_from_icon_name (step->icon, icons[state]);
  adw_action_row_set_subtitle (step->row, message != NULL ? message : "");
  if (state == STEP_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (step->row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (step->row), "error");
  if (state == STEP_DONE)
    gtk_widget_add_css_class (GTK_WIDGET (step->icon), "success");
}

static void
add_step (FerryPoolEditor *self,
          int              op,
          const char      *title)
{
  Step *step = g_new0 (Step, 1);

  step->op = op;
  step->row = ADW_ACTION_ROW (adw_action_row_new ());
  step->icon = GTK_IMAGE (gtk_image_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (step->row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (step->row), FALSE);
  adw_action_row_add_prefix (step->row, GTK_WIDGET (step->icon));
  gtk_list_box_append (self->progress_list, GTK_WIDGET (step->row));
  step_set_state (step, STEP_PENDING, NULL);
  g_ptr_array_add (self->steps, step);
}

static void
plan_steps (FerryPoolEditor *self)
{
  self->steps = g_ptr_array_new_with_free_func (g_free);
  self->next_step = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_group), TRUE);
  add_step (self, STEP_DEFINE, self->editing ? _("Saving the pool definition")
                                             : _("Defining the pool"));
  if (self->editing)
    return;
  add_step (self, FERRY_POOL_OP_BUILD, ferry_pool_op_describe (FERRY_POOL_OP_BUILD));
  add_step (self, FERRY_POOL_OP_START, ferry_pool_op_describe (FERRY_POOL_OP_START));
  if (gtk_switch_get_active (self->autostart_switch))
    add_step (self, FERRY_POOL_OP_AUTOSTART_ON, ferry_pool_op_describe (FERRY_POOL_OP_AUTOSTART_ON));
  /* Last: the copy reads this host's pool, autostart included. */
  if (ferry_pool_copy_list_get_n_selected (self->copy_list) > 0)
    {
      g_autofree char *hosts = ferry_pool_copy_list_describe_selected (self->copy_list);
      /* Translators: a progress step; %s lists hosts, e.g. "host-b, host-c" */
      g_autofree char *title = g_strdup_printf (_("Defining the pool on %s"), hosts);

      add_step (self, STEP_COPY, title);
    }
}

static void
step_done (FerryPoolEditor *self,
           gboolean         ok,
           GError          *error)
{
  Step *step;

  /* The window was closed: the host did what it did; nothing to show. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  step = g_ptr_array_index (self->steps, self->next_step);
  if (!ok)
    {
      step_set_state (step, STEP_FAILED, error->message);
      _ferry_pool_editor_set_busy (self, FALSE);
      /* Until the pool is defined, the user may still change what is sent. */
      _ferry_pool_editor_set_form_sensitive (self, !self->defined);
      gtk_button_set_label (self->create_button, _("_Retry"));
      gtk_widget_grab_focus (GTK_WIDGET (self->create_button));
      return;
    }
  if (step->op == STEP_DEFINE)
    self->defined = TRUE;
  step_set_state (step, STEP_DONE, NULL);
  self->next_step++;
  run_next_step (self);
}

static void
step_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(FerryPoolEditor) self = user_data;
  FerryConnection *connection = FERRY_CONNECTION (object);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_task_get_source_tag (G_TASK (result)) == ferry_pool_define_async)
    ok = ferry_pool_define_finish (connection, result, &error);
  else
    ok = ferry_pool_op_finish (connection, result, &error);
  step_done (self, ok, error);
}

static void
copy_step_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FerryPoolEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = ferry_pool_copy_list_run_finish (FERRY_POOL_COPY_LIST (object), result, &error);

  /* Each host's row on that page says what went wrong there. */
  adw_view_stack_page_set_needs_attention (self->hosts_page, !ok);
  step_done (self, ok, error);
}

static void
run_next_step (FerryPoolEditor *self)
{
  const char *name = ferry_pool_config_get_field (self->config, FERRY_POOL_FIELD_NAME);
  Step *step;

  if (self->next_step >= self->steps->len)
    {
      _ferry_pool_editor_set_busy (self, FALSE);
      _ferry_pool_editor_emit_finished (self);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  step = g_ptr_array_index (self->steps, self->next_step);
  step_set_state (step, STEP_RUNNING, NULL);
  if (step->op == STEP_DEFINE)
    ferry_pool_define_async (self->connection, self->config, self->cancellable, step_cb,
                             g_object_ref (self));
  else if (step->op == STEP_COPY)
    {
      /* The hosts' own steps show on their page: the user follows them there. */
      adw_view_stack_set_visible_child_name (self->view_stack, "hosts");
      ferry_pool_copy_list_run_async (self->copy_list, self->cancellable, copy_step_cb,
                                      g_object_ref (self));
    }
  else
    ferry_pool_op_async (self->connection, name, step->op, self->cancellable, step_cb,
                         g_object_ref (self));
}

/* The editor.create action. */
void
_ferry_pool_editor_create (FerryPoolEditor *self)
{
  if (self->busy || self->running)
    return;
  /* Once defined, the config on the host is what it is: only the remaining
   * steps are left to run, whatever the form says now. */
  if (!self->defined && !_ferry_pool_editor_check (self, TRUE))
    return;

  if (self->steps == NULL)
    plan_steps (self);
  _ferry_pool_editor_set_busy (self, TRUE);
  _ferry_pool_editor_set_form_sensitive (self, FALSE);
  run_next_step (self);
}
