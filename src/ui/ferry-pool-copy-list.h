/* ferry-pool-copy-list.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-core.h"

G_BEGIN_DECLS

#define FERRY_TYPE_POOL_COPY_LIST (ferry_pool_copy_list_get_type ())

G_DECLARE_FINAL_TYPE (FerryPoolCopyList, ferry_pool_copy_list, FERRY, POOL_COPY_LIST,
                      AdwPreferencesGroup)

GtkWidget  *ferry_pool_copy_list_new             (void);
void        ferry_pool_copy_list_set_hosts       (FerryPoolCopyList      *self,
                                                  FerryConnectionManager *manager,
                                                  FerryConnection        *source);
const char *ferry_pool_copy_list_get_pool_name   (FerryPoolCopyList      *self);
void        ferry_pool_copy_list_set_pool_name   (FerryPoolCopyList      *self,
                                                  const char             *pool_name);
guint       ferry_pool_copy_list_get_n_selected  (FerryPoolCopyList      *self);
gboolean    ferry_pool_copy_list_get_busy        (FerryPoolCopyList      *self);
char       *ferry_pool_copy_list_describe_selected (FerryPoolCopyList    *self);
void        ferry_pool_copy_list_run_async       (FerryPoolCopyList      *self,
                                                  GCancellable           *cancellable,
                                                  GAsyncReadyCallback     callback,
                                                  gpointer                user_data);
gboolean    ferry_pool_copy_list_run_finish      (FerryPoolCopyList      *self,
                                                  GAsyncResult           *result,
                                                  GError                **error);

GListModel *ferry_pool_copy_list_open_hosts_new  (FerryConnectionManager *manager,
                                                  FerryConnection        *source);

G_END_DECLS
