/* ferry-pool-copy-dialog.c — "Define on Another Host…" from the pools view:
 * choose among the other open hosts (FerryPoolCopyList), press Define, and
 * read what each step did on each host. The window stays open for that; on a
 * failure, Define becomes Retry and goes on from the step that failed.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-pool-copy-dialog.h"
#include "ferry-pool-copy-list.h"

struct _FerryPoolCopyDialog
{
  AdwWindow           parent_instance;

  /* Owned References */
  GCancellable       *cancellable;

  /* Template Widgets */
  AdwWindowTitle     *window_title;
  FerryPoolCopyList  *copy_list;
  GtkButton          *close_button;
  GtkButton          *define_button;
};

G_DEFINE_FINAL_TYPE (FerryPoolCopyDialog, ferry_pool_copy_dialog, ADW_TYPE_WINDOW)

static void
update_define (FerryPoolCopyDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.define",
                                 !ferry_pool_copy_list_get_busy (self->copy_list) &&
                                 ferry_pool_copy_list_get_n_selected (self->copy_list) > 0);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(FerryPoolCopyDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (ferry_pool_copy_list_run_finish (FERRY_POOL_COPY_LIST (object), result, &error))
    {
      /* Done everywhere: nothing is left to define, only to read. */
      gtk_widget_set_visible (GTK_WIDGET (self->define_button), FALSE);
      gtk_button_set_label (self->close_button, _("_Close"));
      gtk_widget_grab_focus (GTK_WIDGET (self->close_button));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Each failed row says why; running again finishes what was left. */
  gtk_button_set_label (self->define_button, _("_Retry"));
  gtk_button_set_label (self->close_button, _("_Close"));
}

static void
define_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FerryPoolCopyDialog *self = FERRY_POOL_COPY_DIALOG (widget);

  if (ferry_pool_copy_list_get_busy (self->copy_list) ||
      ferry_pool_copy_list_get_n_selected (self->copy_list) == 0)
    return;
  ferry_pool_copy_list_run_async (self->copy_list, self->cancellable, run_cb,
                                  g_object_ref (self));
}

static void
ferry_pool_copy_dialog_dispose (GObject *object)
{
  FerryPoolCopyDialog *self = (FerryPoolCopyDialog *)object;

  /* The hosts do what they were asked; the rows are gone, so no one reads it. */
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_POOL_COPY_DIALOG);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ferry_pool_copy_dialog_parent_class)->dispose (object);
}

static void
ferry_pool_copy_dialog_class_init (FerryPoolCopyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ferry_pool_copy_dialog_dispose;

  g_type_ensure (FERRY_TYPE_POOL_COPY_LIST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ferry-pool-copy-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryPoolCopyDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, FerryPoolCopyDialog, copy_list);
  gtk_widget_class_bind_template_child (widget_class, FerryPoolCopyDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, FerryPoolCopyDialog, define_button);
  gtk_widget_class_bind_template_callback (widget_class, update_define);

  gtk_widget_class_install_action (widget_class, "dialog.define", NULL, define_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ferry_pool_copy_dialog_init (FerryPoolCopyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  update_define (self);
}

/**
 * ferry_pool_copy_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @manager: the open connections to choose among
 * @source: the host that has the pool
 * @pool_name: the pool, by name on @source
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
FerryPoolCopyDialog *
ferry_pool_copy_dialog_new (GtkWindow              *parent,
                            FerryConnectionManager *manager,
                            FerryConnection        *source,
                            const char             *pool_name)
{
  FerryPoolCopyDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (FERRY_IS_CONNECTION_MANAGER (manager), NULL);
  g_return_val_if_fail (FERRY_IS_CONNECTION (source), NULL);
  g_return_val_if_fail (pool_name != NULL, NULL);

  self = g_object_new (FERRY_TYPE_POOL_COPY_DIALOG, "transient-for", parent, NULL);
  /* Translators: a window title; %s is a storage pool name */
  title = g_strdup_printf (_("Define “%s” on Other Hosts"), pool_name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, ferry_connection_get_display_name (source));
  ferry_pool_copy_list_set_pool_name (self->copy_list, pool_name);
  ferry_pool_copy_list_set_hosts (self->copy_list, manager, source);
  return self;
}

/**
 * ferry_pool_copy_dialog_get_list:
 *
 * Returns: (transfer none): the host list (a #FerryPoolCopyList)
 */
GtkWidget *
ferry_pool_copy_dialog_get_list (FerryPoolCopyDialog *self)
{
  g_return_val_if_fail (FERRY_IS_POOL_COPY_DIALOG (self), NULL);
  return GTK_WIDGET (self->copy_list);
}
