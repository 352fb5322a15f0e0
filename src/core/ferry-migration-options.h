/* ferry-migration-options.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * FerryMigrationMode:
 * @FERRY_MIGRATION_MODE_LIVE: the VM keeps running while its memory is copied
 * @FERRY_MIGRATION_MODE_PAUSED: the VM is paused for the whole copy (non-live)
 * @FERRY_MIGRATION_MODE_OFFLINE: only the definition moves; nothing runs
 */
typedef enum
{
  FERRY_MIGRATION_MODE_LIVE,
  FERRY_MIGRATION_MODE_PAUSED,
  FERRY_MIGRATION_MODE_OFFLINE,
} FerryMigrationMode;

/**
 * FerryMigrationConnectivity:
 * @FERRY_MIGRATION_CONNECTIVITY_MANAGED_DIRECT: Ferry holds both connections
 *   and drives the migration (virDomainMigrate3)
 * @FERRY_MIGRATION_CONNECTIVITY_PEER_TO_PEER: the source libvirtd connects to
 *   the destination itself (virDomainMigrateToURI3)
 * @FERRY_MIGRATION_CONNECTIVITY_TUNNELLED: peer-to-peer, with the data sent
 *   through the libvirt connection instead of a direct hypervisor connection
 */
typedef enum
{
  FERRY_MIGRATION_CONNECTIVITY_MANAGED_DIRECT,
  FERRY_MIGRATION_CONNECTIVITY_PEER_TO_PEER,
  FERRY_MIGRATION_CONNECTIVITY_TUNNELLED,
} FerryMigrationConnectivity;

/**
 * FerryMigrationCopyStorage:
 * @FERRY_MIGRATION_COPY_STORAGE_NONE: disks are on shared storage
 * @FERRY_MIGRATION_COPY_STORAGE_ALL: copy whole disk images
 * @FERRY_MIGRATION_COPY_STORAGE_INCREMENTAL: copy only the top image of each
 *   backing chain; the rest is already on the destination
 */
typedef enum
{
  FERRY_MIGRATION_COPY_STORAGE_NONE,
  FERRY_MIGRATION_COPY_STORAGE_ALL,
  FERRY_MIGRATION_COPY_STORAGE_INCREMENTAL,
} FerryMigrationCopyStorage;

/**
 * FerryMigrationPostcopyAfter:
 * @FERRY_MIGRATION_POSTCOPY_AFTER_MANUAL: switch when the user asks
 * @FERRY_MIGRATION_POSTCOPY_AFTER_IMMEDIATELY: switch as soon as the first
 *   pre-copy pass is done (virsh --postcopy-after-precopy)
 * @FERRY_MIGRATION_POSTCOPY_AFTER_SECONDS: switch after
 *   #FerryMigrationOptions:postcopy-after-seconds
 *
 * When a migration with post-copy enabled switches to post-copy. The switch
 * itself is virDomainMigrateStartPostCopy(), made by the running job.
 */
typedef enum
{
  FERRY_MIGRATION_POSTCOPY_AFTER_MANUAL,
  FERRY_MIGRATION_POSTCOPY_AFTER_IMMEDIATELY,
  FERRY_MIGRATION_POSTCOPY_AFTER_SECONDS, /*< nick=after-seconds >*/
} FerryMigrationPostcopyAfter;

/**
 * FerryMigrationTimeoutAction:
 * @FERRY_MIGRATION_TIMEOUT_ACTION_SUSPEND: pause the VM so the copy completes
 * @FERRY_MIGRATION_TIMEOUT_ACTION_POSTCOPY: switch to post-copy
 *
 * What the running job does when #FerryMigrationOptions:timeout expires.
 */
typedef enum
{
  FERRY_MIGRATION_TIMEOUT_ACTION_SUSPEND,
  FERRY_MIGRATION_TIMEOUT_ACTION_POSTCOPY,
} FerryMigrationTimeoutAction;

/* libvirt's own ceiling for the migration bandwidth in MiB/s: bytes/s must fit
 * in an int64 (QEMU_DOMAIN_MIG_BANDWIDTH_MAX). */
#define FERRY_MIGRATION_MAX_BANDWIDTH (G_MAXINT64 / (1024 * 1024))
/* QEMU's ceiling for downtime-limit, in milliseconds (2000 s). */
#define FERRY_MIGRATION_MAX_DOWNTIME  2000000

#define FERRY_TYPE_MIGRATION_OPTIONS (ferry_migration_options_get_type ())

G_DECLARE_FINAL_TYPE (FerryMigrationOptions, ferry_migration_options, FERRY, MIGRATION_OPTIONS, GObject)

FerryMigrationOptions       *ferry_migration_options_new                       (void);

gboolean                     ferry_migration_options_validate                  (FerryMigrationOptions        *self,
                                                                                GError                      **error);
gboolean                     ferry_migration_options_apply_preset              (FerryMigrationOptions        *self,
                                                                                const char                   *preset);
char                        *ferry_migration_options_why_disabled              (FerryMigrationOptions        *self,
                                                                                const char                   *property);

char                       **ferry_migration_options_to_virsh_argv             (FerryMigrationOptions        *self,
                                                                                const char                   *domain_name,
                                                                                const char                   *source_uri);
char                        *ferry_migration_options_to_virsh_command          (FerryMigrationOptions        *self,
                                                                                const char                   *domain_name,
                                                                                const char                   *source_uri);

FerryMigrationMode           ferry_migration_options_get_mode                  (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_mode                  (FerryMigrationOptions        *self,
                                                                                FerryMigrationMode            mode);
FerryMigrationConnectivity   ferry_migration_options_get_connectivity          (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_connectivity          (FerryMigrationOptions        *self,
                                                                                FerryMigrationConnectivity    connectivity);
const char                  *ferry_migration_options_get_destination_uri       (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_destination_uri       (FerryMigrationOptions        *self,
                                                                                const char                   *uri);
const char                  *ferry_migration_options_get_migrate_uri           (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_migrate_uri           (FerryMigrationOptions        *self,
                                                                                const char                   *uri);
const char                  *ferry_migration_options_get_listen_address        (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_listen_address        (FerryMigrationOptions        *self,
                                                                                const char                   *address);
gboolean                     ferry_migration_options_get_tls                   (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_tls                   (FerryMigrationOptions        *self,
                                                                                gboolean                      tls);
gboolean                     ferry_migration_options_get_persistent            (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_persistent            (FerryMigrationOptions        *self,
                                                                                gboolean                      persistent);
gboolean                     ferry_migration_options_get_undefine_source       (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_undefine_source       (FerryMigrationOptions        *self,
                                                                                gboolean                      undefine_source);
gboolean                     ferry_migration_options_get_suspend               (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_suspend               (FerryMigrationOptions        *self,
                                                                                gboolean                      suspend);
FerryMigrationCopyStorage    ferry_migration_options_get_copy_storage          (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_copy_storage          (FerryMigrationOptions        *self,
                                                                                FerryMigrationCopyStorage     copy_storage);
const char * const          *ferry_migration_options_get_copy_storage_disks    (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_copy_storage_disks    (FerryMigrationOptions        *self,
                                                                                const char * const           *disks);
guint                        ferry_migration_options_get_nbd_port              (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_nbd_port              (FerryMigrationOptions        *self,
                                                                                guint                         port);
const char                  *ferry_migration_options_get_nbd_uri               (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_nbd_uri               (FerryMigrationOptions        *self,
                                                                                const char                   *uri);
gboolean                     ferry_migration_options_get_unsafe                (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_unsafe                (FerryMigrationOptions        *self,
                                                                                gboolean                      unsafe);
gboolean                     ferry_migration_options_get_auto_converge         (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_auto_converge         (FerryMigrationOptions        *self,
                                                                                gboolean                      auto_converge);
int                          ferry_migration_options_get_auto_converge_initial (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_auto_converge_initial (FerryMigrationOptions        *self,
                                                                                int                           percent);
int                          ferry_migration_options_get_auto_converge_increment (FerryMigrationOptions      *self);
void                         ferry_migration_options_set_auto_converge_increment (FerryMigrationOptions      *self,
                                                                                  int                         percent);
gboolean                     ferry_migration_options_get_compressed            (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_compressed            (FerryMigrationOptions        *self,
                                                                                gboolean                      compressed);
const char * const          *ferry_migration_options_get_compression_methods   (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_compression_methods   (FerryMigrationOptions        *self,
                                                                                const char * const           *methods);
gboolean                     ferry_migration_options_get_parallel              (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_parallel              (FerryMigrationOptions        *self,
                                                                                gboolean                      parallel);
guint                        ferry_migration_options_get_parallel_connections  (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_parallel_connections  (FerryMigrationOptions        *self,
                                                                                guint                         connections);
gboolean                     ferry_migration_options_get_postcopy              (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_postcopy              (FerryMigrationOptions        *self,
                                                                                gboolean                      postcopy);
FerryMigrationPostcopyAfter  ferry_migration_options_get_postcopy_after        (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_postcopy_after        (FerryMigrationOptions        *self,
                                                                                FerryMigrationPostcopyAfter   after);
guint                        ferry_migration_options_get_postcopy_after_seconds (FerryMigrationOptions       *self);
void                         ferry_migration_options_set_postcopy_after_seconds (FerryMigrationOptions       *self,
                                                                                 guint                        seconds);
gboolean                     ferry_migration_options_get_zerocopy              (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_zerocopy              (FerryMigrationOptions        *self,
                                                                                gboolean                      zerocopy);
guint64                      ferry_migration_options_get_bandwidth             (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_bandwidth             (FerryMigrationOptions        *self,
                                                                                guint64                       mib_per_second);
guint64                      ferry_migration_options_get_postcopy_bandwidth    (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_postcopy_bandwidth    (FerryMigrationOptions        *self,
                                                                                guint64                       mib_per_second);
guint64                      ferry_migration_options_get_max_downtime          (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_max_downtime          (FerryMigrationOptions        *self,
                                                                                guint64                       milliseconds);
guint                        ferry_migration_options_get_timeout               (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_timeout               (FerryMigrationOptions        *self,
                                                                                guint                         seconds);
FerryMigrationTimeoutAction  ferry_migration_options_get_timeout_action        (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_timeout_action        (FerryMigrationOptions        *self,
                                                                                FerryMigrationTimeoutAction   action);
const char                  *ferry_migration_options_get_destination_name      (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_destination_name      (FerryMigrationOptions        *self,
                                                                                const char                   *name);
const char                  *ferry_migration_options_get_destination_xml       (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_destination_xml       (FerryMigrationOptions        *self,
                                                                                const char                   *xml);
const char                  *ferry_migration_options_get_persistent_xml        (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_persistent_xml        (FerryMigrationOptions        *self,
                                                                                const char                   *xml);
gboolean                     ferry_migration_options_get_abort_on_error        (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_abort_on_error        (FerryMigrationOptions        *self,
                                                                                gboolean                      abort_on_error);
gboolean                     ferry_migration_options_get_change_protection     (FerryMigrationOptions        *self);
void                         ferry_migration_options_set_change_protection     (FerryMigrationOptions        *self,
                                                                                gboolean                      change_protection);

G_END_DECLS
