/* ferry-pool-copy-list-private.h — shared by ferry-pool-copy-list*.c
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-pool-copy-list.h"

G_BEGIN_DECLS

/* What the user chose for one host, and what the last run did there. */
typedef struct
{
  gboolean                   checked;
  gboolean                   running;
  FerryDefinitionCopyReport *report;    /* the last run's, or NULL */
  char                      *error;     /* the last run's failure, or NULL */
} HostState;

struct _FerryPoolCopyList
{
  AdwPreferencesGroup  parent_instance;

  /* Owned References */
  FerryConnection     *source;
  char                *pool_name;
  GListModel          *hosts;      /* other open connections */
  GHashTable          *states;     /* FerryConnection → HostState */
  GTask               *task;       /* the run in progress */
  guint                n_running;

  /* Template Widgets */
  GtkListBox          *list;
};

/* ferry-pool-copy-list.c */
HostState *_ferry_pool_copy_list_get_state   (FerryPoolCopyList *self,
                                              FerryConnection   *connection);
gboolean   _ferry_pool_copy_list_is_target   (FerryPoolCopyList *self,
                                              FerryConnection   *connection,
                                              HostState         *state);
void       _ferry_pool_copy_list_update_rows (FerryPoolCopyList *self);
void       _ferry_pool_copy_list_notify_busy (FerryPoolCopyList *self);

G_END_DECLS
