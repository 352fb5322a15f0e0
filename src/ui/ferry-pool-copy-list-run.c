/* ferry-pool-copy-list-run.c — which hosts FerryPoolCopyList offers (the
 * other open ones, kept up to date as hosts connect and drop), and the run:
 * ferry_definition_copy_async to every checked host at once.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-pool-copy-list-private.h"

static gboolean
is_open_other (gpointer item,
               gpointer user_data)
{
  return item != user_data &&
         ferry_connection_get_state (item) == FERRY_CONNECTION_STATE_CONNECTED;
}

static void
refilter_cb (GtkFilter *filter)
{
  gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
}

/* A filter sees a connection only when the list changes: each connection's
 * state is watched so that one connecting or dropping refilters the list. */
static void
watch_states (GtkFilter  *filter,
              guint       position,
              guint       removed,
              guint       added,
              GListModel *connections)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(FerryConnection) c = g_list_model_get_item (connections, i);

      g_signal_handlers_disconnect_by_func (c, refilter_cb, filter);
      g_signal_connect_object (c, "notify::state", G_CALLBACK (refilter_cb), filter,
                               G_CONNECT_SWAPPED);
    }
}

/**
 * ferry_pool_copy_list_open_hosts_new:
 * @manager: the connections
 * @source: (nullable): the host to leave out
 *
 * Returns: (transfer full): a live list of @manager's connected hosts other
 *   than @source: where a pool of @source can be defined now
 */
GListModel *
ferry_pool_copy_list_open_hosts_new (FerryConnectionManager *manager,
                                     FerryConnection        *source)
{
  GListModel *connections;
  GtkCustomFilter *filter;

  g_return_val_if_fail (FERRY_IS_CONNECTION_MANAGER (manager), NULL);

  connections = ferry_connection_manager_get_connections (manager);
  filter = gtk_custom_filter_new (is_open_other, source ? g_object_ref (source) : NULL,
                                  source ? g_object_unref : NULL);
  watch_states (GTK_FILTER (filter), 0, 0, g_list_model_get_n_items (connections), connections);
  g_signal_connect_object (connections, "items-changed", G_CALLBACK (watch_states), filter,
                           G_CONNECT_SWAPPED);
  return G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (connections),
                                                  GTK_FILTER (filter)));
}

/* ------------------------------------------------------------------- run */

typedef struct
{
  FerryPoolCopyList *self;         /* owned */
  FerryConnection   *connection;   /* owned */
} CopyRun;

static void
finish_run (FerryPoolCopyList *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(GString) failed = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->states);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (((HostState *)value)->error != NULL && ((HostState *)value)->checked)
      g_string_append_printf (failed, "%s%s", failed->len ? ", " : "",
                              ferry_connection_get_display_name (key));
  _ferry_pool_copy_list_notify_busy (self);
  if (failed->len == 0)
    g_task_return_boolean (task, TRUE);
  else
    /* Translators: %s lists hosts, e.g. "host-b, host-c" */
    g_task_return_new_error (task, FERRY_ERROR, FERRY_ERROR_LIBVIRT,
                             _("Not defined on %s"), failed->str);
}

static void
copy_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  CopyRun *run = user_data;
  FerryPoolCopyList *self = run->self;
  HostState *state = _ferry_pool_copy_list_get_state (self, run->connection);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&state->report, ferry_definition_copy_report_unref);
  if (!ferry_definition_copy_finish (result, &state->report, &error))
    state->error = g_strdup (error->message);
  state->running = FALSE;
  if (--self->n_running == 0)
    finish_run (self);
  _ferry_pool_copy_list_update_rows (self);
  g_object_unref (run->connection);
  g_object_unref (run->self);
  g_free (run);
}

/**
 * ferry_pool_copy_list_run_async:
 *
 * Defines, builds, starts and (as on the source) autostarts the pool on
 * every checked host, all at once, and shows each host's steps in its row.
 * Hosts a previous run finished are left alone; those it left half way are
 * finished. Fails when any host failed, naming them; each row says why.
 */
void
ferry_pool_copy_list_run_async (FerryPoolCopyList   *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FERRY_IS_POOL_COPY_LIST (self));
  g_return_if_fail (self->task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_pool_copy_list_run_async);
  for (guint i = 0; self->hosts != NULL && i < g_list_model_get_n_items (self->hosts); i++)
    {
      g_autoptr(FerryConnection) c = g_list_model_get_item (self->hosts, i);
      HostState *state = _ferry_pool_copy_list_get_state (self, c);
      CopyRun *run;

      if (!_ferry_pool_copy_list_is_target (self, c, state))
        continue;
      g_clear_pointer (&state->error, g_free);
      state->running = TRUE;
      self->n_running++;
      run = g_new0 (CopyRun, 1);
      run->self = g_object_ref (self);
      run->connection = g_object_ref (c);
      ferry_definition_copy_async (self->source, c, FERRY_DEFINITION_KIND_POOL, self->pool_name,
                                   cancellable, copy_cb, run);
    }
  if (self->n_running == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  self->task = g_steal_pointer (&task);
  _ferry_pool_copy_list_notify_busy (self);
  _ferry_pool_copy_list_update_rows (self);
}

gboolean
ferry_pool_copy_list_run_finish (FerryPoolCopyList  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
