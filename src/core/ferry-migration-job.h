/* ferry-migration-job.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ferry-connection.h"
#include "ferry-job-stats.h"

G_BEGIN_DECLS

typedef enum
{
  FERRY_MIGRATION_STATE_PREPARING,
  FERRY_MIGRATION_STATE_MIGRATING,
  FERRY_MIGRATION_STATE_POSTCOPY,
  FERRY_MIGRATION_STATE_COMPLETING,
  FERRY_MIGRATION_STATE_COMPLETED,
  FERRY_MIGRATION_STATE_FAILED,
  FERRY_MIGRATION_STATE_CANCELLED,
  /* Post-copy broke off: the VM is split between the hosts, paused, and
   * waits for ferry_migration_job_recover_async(). */
  FERRY_MIGRATION_STATE_NEEDS_RECOVERY,
} FerryMigrationState;

/* Where the VM runs once a job has ended, verified on both hosts. */
typedef enum
{
  FERRY_PLACEMENT_UNKNOWN,
  FERRY_PLACEMENT_SOURCE,
  FERRY_PLACEMENT_DESTINATION,
  FERRY_PLACEMENT_BOTH,
  FERRY_PLACEMENT_NEITHER,
} FerryPlacement;

/* What the job needs from the options, resolved when it starts. */
typedef struct
{
  unsigned long  flags;            /* VIR_MIGRATE_* */
  gpointer       params;           /* virTypedParameterPtr, owned */
  int            nparams;
  char          *destination_uri;  /* for peer-to-peer */
  gboolean       peer_to_peer;
  gboolean       offline;
  guint64        max_downtime_ms;  /* 0: libvirt's default */
  int            postcopy_after;   /* seconds after start; -1: only on request */
} FerryMigrationPlan;

void     ferry_migration_plan_clear    (FerryMigrationPlan *plan);
gboolean ferry_migration_plan_init    (FerryMigrationPlan *plan,
                                       GObject            *options,
                                       GError            **error);

#define FERRY_TYPE_MIGRATION_JOB (ferry_migration_job_get_type ())

G_DECLARE_FINAL_TYPE (FerryMigrationJob, ferry_migration_job, FERRY, MIGRATION_JOB, GObject)

FerryMigrationJob   *ferry_migration_job_new          (FerryConnection     *source,
                                                       FerryConnection     *destination,
                                                       const char          *domain_uuid,
                                                       const char          *domain_name,
                                                       FerryMigrationPlan  *plan);
void                 ferry_migration_job_run_async    (FerryMigrationJob   *self,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean             ferry_migration_job_run_finish   (FerryMigrationJob   *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

void                 ferry_migration_job_cancel       (FerryMigrationJob   *self);
void                 ferry_migration_job_set_bandwidth (FerryMigrationJob  *self,
                                                       guint64              mib_per_second);
void                 ferry_migration_job_set_max_downtime (FerryMigrationJob *self,
                                                       guint64              milliseconds);
void                 ferry_migration_job_start_postcopy (FerryMigrationJob *self);

FerryMigrationState  ferry_migration_job_get_state    (FerryMigrationJob   *self);
const char          *ferry_migration_job_get_domain_name (FerryMigrationJob *self);
FerryConnection     *ferry_migration_job_get_source   (FerryMigrationJob   *self);
FerryConnection     *ferry_migration_job_get_destination (FerryMigrationJob *self);
const FerryJobStats *ferry_migration_job_get_stats    (FerryMigrationJob   *self);
const FerryJobStats *ferry_migration_job_get_samples  (FerryMigrationJob   *self,
                                                       guint               *n_samples);
FerryPlacement       ferry_migration_job_get_placement (FerryMigrationJob  *self);
gboolean             ferry_migration_job_get_stalled  (FerryMigrationJob   *self);
gboolean             ferry_migration_job_get_postcopy_allowed (FerryMigrationJob *self);
const char          *ferry_migration_job_get_message  (FerryMigrationJob   *self);
guint64              ferry_migration_job_get_elapsed_ms (FerryMigrationJob *self);
GListModel          *ferry_migration_job_get_events   (FerryMigrationJob   *self);
void                 ferry_migration_job_set_stall_timeout (FerryMigrationJob *self,
                                                       guint                seconds);

/* Adopting a migration this process did not start (ferry-migration-attach.c). */
FerryMigrationJob   *ferry_migration_job_new_attached (FerryConnection     *source,
                                                       FerryConnection     *destination,
                                                       const char          *domain_uuid,
                                                       const char          *domain_name,
                                                       const char          *destination_uri);
gboolean             ferry_migration_job_get_adopted  (FerryMigrationJob   *self);
gboolean             ferry_migration_job_get_source_lost (FerryMigrationJob *self);
const char          *ferry_migration_job_get_domain_uuid (FerryMigrationJob *self);
FerryMigrationJob   *ferry_migration_job_lookup_running (const char        *domain_uuid);

typedef enum
{
  FERRY_FOUND_NONE,
  FERRY_FOUND_RUNNING,         /* a migration job goes out of the host */
  FERRY_FOUND_NEEDS_RECOVERY,  /* post-copy broke: paused, needs "recover" */
  FERRY_FOUND_INTERRUPTED,     /* paused "migrating" with no job: its driver died (ferry-migration-settle.c) */
} FerryFoundKind;

/* A migration found running on a host, not started by this process. */
typedef struct
{
  char           *uuid;
  char           *name;
  FerryFoundKind  kind;
} FerryFoundMigration;

void                 ferry_found_migration_free       (FerryFoundMigration *found);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryFoundMigration, ferry_found_migration_free)

void                 ferry_connection_find_migrations_async  (FerryConnection     *connection,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
GPtrArray           *ferry_connection_find_migrations_finish (FerryConnection     *connection,
                                                              GAsyncResult        *result,
                                                              GError             **error);

/* Post-copy recovery (ferry-migration-recover.c). */
gboolean             ferry_migration_plan_set_resume  (FerryMigrationPlan  *plan,
                                                       GError             **error);
void                 ferry_migration_job_recover_async (FerryMigrationJob  *self,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean             ferry_migration_job_get_recoverable (FerryMigrationJob *self);
FerryMigrationJob   *ferry_migration_job_new_broken   (FerryConnection     *source,
                                                       FerryConnection     *destination,
                                                       const char          *domain_uuid,
                                                       const char          *domain_name,
                                                       FerryMigrationPlan  *plan);
char                *ferry_migration_recover_advice   (const char          *source,
                                                       const char          *destination);

const char          *ferry_migration_state_to_string  (FerryMigrationState  state);
const char          *ferry_placement_to_string        (FerryPlacement       placement);

G_END_DECLS
