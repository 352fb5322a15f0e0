/* ferry-migrate-options.h — ferry-migrate's command line.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-core.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean   live, offline, p2p, tunnelled, persistent, undefinesource, suspend;
  gboolean   copy_storage_all, copy_storage_inc, unsafe, auto_converge, compressed;
  gboolean   parallel, postcopy, postcopy_after_precopy, tls, zerocopy;
  gboolean   abort_on_error, change_protection, timeout_suspend, timeout_postcopy;
  gboolean   print_virsh, quiet, commands, check, json, attach, recover;
  char      *fix;
  char      *move_storage, *format;
  char      *migrate_disks, *disks_uri, *comp_methods, *migrateuri, *listen_address, *dname;
  int        disks_port, auto_converge_initial, auto_converge_increment;
  int        parallel_connections, timeout, postcopy_after, stall_timeout;
  gint64     bandwidth, postcopy_bandwidth, max_downtime;
} FerryMigrateCli;

GOptionContext        *ferry_migrate_cli_context (FerryMigrateCli  *cli);
FerryMigrationOptions *ferry_migrate_cli_options (FerryMigrateCli  *cli,
                                                  const char       *destination_uri,
                                                  GError          **error);

/* ferry-migrate-check.c: --check */
int                    ferry_migrate_check       (FerryMigrateCli        *cli,
                                                  FerryMigrationOptions  *options,
                                                  const char             *vm,
                                                  const char             *source_uri,
                                                  const char             *destination_uri);

/* Shared by the commands: wait for an async call on the default main context. */
void                   ferry_migrate_store_cb    (GObject          *object,
                                                  GAsyncResult     *result,
                                                  gpointer          user_data);
GAsyncResult          *ferry_migrate_wait        (GAsyncResult    **slot);
gboolean               ferry_migrate_open        (FerryConnection  *connection,
                                                  GError          **error);
void                   ferry_migrate_print_results (GListModel     *results,
                                                  gboolean          json);

/* ferry-migrate-storage.c: --move-storage */
int                    ferry_migrate_move_storage (FerryMigrateCli *cli,
                                                  const char       *vm,
                                                  const char       *uri);

G_END_DECLS
