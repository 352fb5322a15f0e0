/* ferry-pools-view-actions.c — the "pools.*" actions: new NFS pool, and
 * start, stop, refresh, autostart, edit, volumes, define on another host and
 * remove for the selected pool. Each is enabled only when it makes sense for that pool's state
 * (ferry_pool_op_allowed), so a button never offers what would fail.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-application.h"
#include "ferry-dialogs.h"
#include "ferry-pool-copy-dialog.h"
#include "ferry-pool-copy-list.h"
#include "ferry-pool-editor.h"
#include "ferry-pools-view-private.h"
#include "ferry-volumes-window.h"

FerryPool *
_ferry_pools_view_selected_pool (FerryPoolsView *self)
{
  return self->selection != NULL ? gtk_single_selection_get_selected_item (self->selection) : NULL;
}

static GtkWindow *
parent_window (FerryPoolsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
toast (FerryPoolsView *self,
       const char     *message)
{
  ferry_show_toast (self->toast_overlay, message);
}

static void
set_enabled (FerryPoolsView *self,
             const char     *name,
             gboolean        enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
_ferry_pools_view_update_actions (FerryPoolsView *self)
{
  FerryPool *pool = _ferry_pools_view_selected_pool (self);
  /* A host that dropped meanwhile answers with "Not connected", in a toast. */
  gboolean on = self->connection != NULL;
  gboolean any = on && pool != NULL;
  GAction *autostart;

  if (self->actions == NULL)
    return;
  set_enabled (self, "new", on);
  set_enabled (self, "start", any && ferry_pool_op_allowed (FERRY_POOL_OP_START, pool));
  set_enabled (self, "stop", any && ferry_pool_op_allowed (FERRY_POOL_OP_STOP, pool));
  set_enabled (self, "refresh", any && ferry_pool_op_allowed (FERRY_POOL_OP_REFRESH, pool));
  set_enabled (self, "autostart", any && ferry_pool_get_persistent (pool));
  set_enabled (self, "edit", any && ferry_pool_get_persistent (pool));
  set_enabled (self, "volumes", any && ferry_pool_get_active (pool));
  set_enabled (self, "remove", any);
  /* Only a defined pool has a definition to copy, and only to a host that is open. */
  set_enabled (self, "copy", any && ferry_pool_get_persistent (pool) && self->open_hosts != NULL &&
                             g_list_model_get_n_items (self->open_hosts) > 0);
  autostart = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "autostart");
  g_simple_action_set_state (G_SIMPLE_ACTION (autostart),
                             g_variant_new_boolean (pool != NULL && ferry_pool_get_autostart (pool)));
}

/* The manager set on the view, else the application's (the host page, which
 * holds this view, knows only its own host). */
static FerryConnectionManager *
manager (FerryPoolsView *self)
{
  GApplication *app = g_application_get_default ();

  if (self->manager != NULL)
    return self->manager;
  return FERRY_IS_APPLICATION (app) ?
         ferry_application_get_connection_manager (FERRY_APPLICATION (app)) : NULL;
}

/* Follows which other hosts are open, for pools.copy. */
void
_ferry_pools_view_watch_hosts (FerryPoolsView *self)
{
  FerryConnectionManager *hosts = manager (self);

  g_clear_object (&self->open_hosts);
  if (hosts != NULL && self->connection != NULL)
    {
      self->open_hosts = ferry_pool_copy_list_open_hosts_new (hosts, self->connection);
      g_signal_connect_object (self->open_hosts, "items-changed",
                               G_CALLBACK (_ferry_pools_view_update_actions), self,
                               G_CONNECT_SWAPPED);
    }
  _ferry_pools_view_update_actions (self);
}

/* --------------------------------------------------------- operations */

typedef struct
{
  FerryPoolsView *self;     /* owned */
  char           *pool;
  FerryPoolOp     op;
  gboolean        then_undefine;
} OpData;

static void
op_data_free (OpData *data)
{
  g_object_unref (data->self);
  g_free (data->pool);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpData, op_data_free)

static void run_op (OpData *data);

static void
op_cb (GObject      *object,
       GAsyncResult *result,
       gpointer      user_data)
{
  g_autoptr(OpData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (!ferry_pool_op_finish (FERRY_CONNECTION (object), result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: "Starting the pool (mounting it) failed on “nfs”: reason" */
      message = g_strdup_printf (_("%s failed on “%s”: %s"), ferry_pool_op_describe (data->op),
                                 data->pool, error->message);
      toast (data->self, message);
      return;
    }
  if (data->then_undefine)
    {
      data->op = FERRY_POOL_OP_UNDEFINE;
      data->then_undefine = FALSE;
      run_op (g_steal_pointer (&data));
    }
}

/* Takes @data. */
static void
run_op (OpData *data)
{
  ferry_pool_op_async (data->self->connection, data->pool, data->op, data->self->cancellable,
                       op_cb, data);
}

static void
start_op (FerryPoolsView *self,
          FerryPoolOp     op,
          gboolean        then_undefine)
{
  FerryPool *pool = _ferry_pools_view_selected_pool (self);
  OpData *data;

  if (pool == NULL || self->connection == NULL)
    return;
  data = g_new0 (OpData, 1);
  data->self = g_object_ref (self);
  data->pool = g_strdup (ferry_pool_get_name (pool));
  data->op = op;
  data->then_undefine = then_undefine;
  run_op (data);
}

static void
start_cb (GSimpleAction *action, GVariant *param, gpointer self)
{
  start_op (self, FERRY_POOL_OP_START, FALSE);
}

static void
stop_cb (GSimpleAction *action, GVariant *param, gpointer self)
{
  start_op (self, FERRY_POOL_OP_STOP, FALSE);
}

static void
refresh_cb (GSimpleAction *action, GVariant *param, gpointer self)
{
  start_op (self, FERRY_POOL_OP_REFRESH, FALSE);
}

static void
autostart_cb (GSimpleAction *action, GVariant *param, gpointer self)
{
  FerryPool *pool = _ferry_pools_view_selected_pool (self);

  if (pool != NULL)
    start_op (self, ferry_pool_get_autostart (pool) ? FERRY_POOL_OP_AUTOSTART_OFF
                                                    : FERRY_POOL_OP_AUTOSTART_ON, FALSE);
}

/* -------------------------------------------------------------- remove */

static void
remove_response_cb (FerryPoolsView   *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  FerryPool *pool = _ferry_pools_view_selected_pool (self);
  const char *name = g_object_get_data (G_OBJECT (dialog), "pool");

  if (!g_str_equal (response, "remove") || pool == NULL ||
      g_strcmp0 (ferry_pool_get_name (pool), name) != 0)
    return;
  /* A running pool is stopped first: libvirt does not undefine it otherwise
   * (it would stay as a transient pool). */
  if (ferry_pool_get_active (pool))
    start_op (self, FERRY_POOL_OP_STOP, ferry_pool_get_persistent (pool));
  else
    start_op (self, FERRY_POOL_OP_UNDEFINE, FALSE);
}

static void
remove_cb (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  FerryPoolsView *self = user_data;
  FerryPool *pool = _ferry_pools_view_selected_pool (self);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (pool == NULL)
    return;
  /* Translators: %s is a storage pool name */
  heading = g_strdup_printf (_("Remove Pool “%s”?"), ferry_pool_get_name (pool));
  dialog = ferry_confirm_dialog_new (parent_window (self), heading,
                                     _("The pool is stopped and its definition removed from "
                                       "this host. The files on the server are kept, but VMs "
                                       "with disks in this pool cannot start here until it is "
                                       "defined again."),
                                     "remove", _("_Remove"));
  g_object_set_data_full (G_OBJECT (dialog), "pool", g_strdup (ferry_pool_get_name (pool)),
                          g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---------------------------------------------------- editor, volumes */

static void
editor_finished_cb (FerryPoolsView *self,
                    const char     *name)
{
  /* Translators: %s is a storage pool name */
  g_autofree char *message = g_strdup_printf (_("Pool “%s” is ready"), name);

  toast (self, message);
}

static void
show_editor (FerryPoolsView  *self,
             FerryPoolConfig *config,
             gboolean         running)
{
  FerryPoolEditor *editor = ferry_pool_editor_new (self->connection, config, running);

  ferry_pool_editor_set_manager (editor, manager (self));

  gtk_window_set_transient_for (GTK_WINDOW (editor), parent_window (self));
  g_signal_connect_object (editor, "finished", G_CALLBACK (editor_finished_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_cb (GSimpleAction *action, GVariant *param, gpointer self)
{
  if (FERRY_POOLS_VIEW (self)->connection != NULL)
    show_editor (self, NULL, FALSE);
}

static void
copy_cb (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  FerryPoolsView *self = user_data;
  FerryPool *pool = _ferry_pools_view_selected_pool (self);
  FerryPoolCopyDialog *dialog;

  if (pool == NULL || self->connection == NULL || manager (self) == NULL)
    return;
  dialog = ferry_pool_copy_dialog_new (parent_window (self), manager (self), self->connection,
                                       ferry_pool_get_name (pool));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
load_config_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FerryPoolsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryPoolConfig) config = ferry_pool_load_config_finish (FERRY_CONNECTION (object),
                                                                     result, &error);
  FerryPool *pool;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (config == NULL)
    {
      toast (self, error->message);
      return;
    }
  pool = ferry_host_inventory_find_pool (ferry_connection_get_inventory (self->connection),
                                         ferry_pool_config_get_field (config, FERRY_POOL_FIELD_NAME));
  show_editor (self, config, pool != NULL && ferry_pool_get_active (pool));
}

static void
edit_cb (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  FerryPoolsView *self = user_data;
  FerryPool *pool = _ferry_pools_view_selected_pool (self);

  if (pool != NULL)
    ferry_pool_load_config_async (self->connection, ferry_pool_get_name (pool), self->cancellable,
                                  load_config_cb, g_object_ref (self));
}

static void
volumes_cb (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  FerryPoolsView *self = user_data;
  FerryPool *pool = _ferry_pools_view_selected_pool (self);
  GtkWindow *window;

  if (pool == NULL)
    return;
  window = GTK_WINDOW (ferry_volumes_window_new (self->connection, ferry_pool_get_name (pool)));
  gtk_window_set_transient_for (window, parent_window (self));
  gtk_window_present (window);
}

void
_ferry_pools_view_init_actions (FerryPoolsView *self)
{
  static const GActionEntry entries[] = {
    { "new", new_cb },
    { "start", start_cb },
    { "stop", stop_cb },
    { "refresh", refresh_cb },
    { "autostart", autostart_cb, NULL, "false" },
    { "edit", edit_cb },
    { "volumes", volumes_cb },
    { "copy", copy_cb },
    { "remove", remove_cb },
  };

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries),
                                   self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "pools", G_ACTION_GROUP (self->actions));
  _ferry_pools_view_update_actions (self);
}
