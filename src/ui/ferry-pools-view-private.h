/* ferry-pools-view-private.h — shared by ferry-pools-view*.c
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-pools-view.h"

G_BEGIN_DECLS

struct _FerryPoolsView
{
  GtkWidget             parent_instance;

  /* Owned References */
  FerryConnection      *connection;
  FerryConnectionManager *manager;      /* set, or the application's */
  GListModel           *open_hosts;     /* the others a pool can be copied to */
  GSimpleActionGroup   *actions;        /* "pools.*" */
  GSignalGroup         *pool_signals;   /* follows the selected pool */
  GCancellable         *cancellable;

  /* Template Widgets */
  GtkWidget            *content;
  GtkStack             *stack;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *name_column;
  GtkSortListModel     *sort_model;
  GtkSingleSelection   *selection;
  AdwToastOverlay      *toast_overlay;
};

/* ferry-pools-view-actions.c */
void       _ferry_pools_view_init_actions   (FerryPoolsView *self);
void       _ferry_pools_view_update_actions (FerryPoolsView *self);
FerryPool *_ferry_pools_view_selected_pool  (FerryPoolsView *self);
void       _ferry_pools_view_watch_hosts    (FerryPoolsView *self);

G_END_DECLS
