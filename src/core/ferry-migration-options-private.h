/* ferry-migration-options-private.h — shared by ferry-migration-options*.c
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-migration-options.h"

G_BEGIN_DECLS

/* Every option as plain data, so that why_disabled() can try a change on a
 * copy without touching the object or emitting notifications. */
typedef struct
{
  FerryMigrationMode           mode;
  FerryMigrationConnectivity   connectivity;
  char                        *destination_uri;
  char                        *migrate_uri;
  char                        *listen_address;
  gboolean                     tls;
  gboolean                     persistent;
  gboolean                     undefine_source;
  gboolean                     suspend;
  FerryMigrationCopyStorage    copy_storage;
  char                       **copy_storage_disks;
  guint                        nbd_port;
  char                        *nbd_uri;
  gboolean                     unsafe;
  gboolean                     auto_converge;
  int                          auto_converge_initial;
  int                          auto_converge_increment;
  gboolean                     compressed;
  char                       **compression_methods;
  gboolean                     parallel;
  guint                        parallel_connections;
  gboolean                     postcopy;
  FerryMigrationPostcopyAfter  postcopy_after;
  guint                        postcopy_after_seconds;
  gboolean                     zerocopy;
  guint64                      bandwidth;
  guint64                      postcopy_bandwidth;
  guint64                      max_downtime;
  guint                        timeout;
  FerryMigrationTimeoutAction  timeout_action;
  char                        *destination_name;
  char                        *destination_xml;
  char                        *persistent_xml;
  gboolean                     abort_on_error;
  gboolean                     change_protection;
} Options;

struct _FerryMigrationOptions
{
  GObject  parent_instance;

  Options  o;
};

/* In this order validate() checks the options, so the first problem it
 * reports is the first row of the dialog that has one. */
enum {
  PROP_0,
  PROP_MODE,
  PROP_CONNECTIVITY,
  PROP_DESTINATION_URI,
  PROP_MIGRATE_URI,
  PROP_LISTEN_ADDRESS,
  PROP_TLS,
  PROP_PERSISTENT,
  PROP_UNDEFINE_SOURCE,
  PROP_SUSPEND,
  PROP_COPY_STORAGE,
  PROP_COPY_STORAGE_DISKS,
  PROP_NBD_PORT,
  PROP_NBD_URI,
  PROP_UNSAFE,
  PROP_AUTO_CONVERGE,
  PROP_AUTO_CONVERGE_INITIAL,
  PROP_AUTO_CONVERGE_INCREMENT,
  PROP_COMPRESSED,
  PROP_COMPRESSION_METHODS,
  PROP_PARALLEL,
  PROP_PARALLEL_CONNECTIONS,
  PROP_POSTCOPY,
  PROP_POSTCOPY_AFTER,
  PROP_POSTCOPY_AFTER_SECONDS,
  PROP_ZEROCOPY,
  PROP_BANDWIDTH,
  PROP_POSTCOPY_BANDWIDTH,
  PROP_MAX_DOWNTIME,
  PROP_TIMEOUT,
  PROP_TIMEOUT_ACTION,
  PROP_DESTINATION_NAME,
  PROP_DESTINATION_XML,
  PROP_PERSISTENT_XML,
  PROP_ABORT_ON_ERROR,
  PROP_CHANGE_PROTECTION,
  N_PROPS
};

/* ferry-migration-options.c */
GParamSpec *_ferry_migration_options_pspec    (guint          prop_id);

/* ferry-migration-options-rules.c */
gboolean    _ferry_migration_options_in_use   (const Options *o,
                                               guint          prop_id);
const char *_ferry_migration_options_conflict (const Options *o,
                                               guint          prop_id);

G_END_DECLS
