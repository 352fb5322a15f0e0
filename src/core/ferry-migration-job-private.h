/* ferry-migration-job-private.h — shared by ferry-migration-job*.c
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libvirt/libvirt.h>

#include "ferry-event.h"
#include "ferry-migration-job.h"

G_BEGIN_DECLS

struct _FerryMigrationJob
{
  GObject              parent_instance;

  FerryConnection     *source;
  FerryConnection     *destination;     /* nullable for peer-to-peer */
  char                *uuid;
  char                *name;
  FerryMigrationPlan   plan;

  FerryMigrationState  state;
  FerryPlacement       placement;
  char                *message;         /* what happened, in words */

  /* libvirt handles, referenced for the workers; released in workers. */
  virConnectPtr        sconn;
  virConnectPtr        dconn;
  virDomainPtr         dom;
  int                  callback_ids[4];

  FerryJobStats        stats;
  GArray              *samples;         /* FerryJobStats, one per poll */
  gint64               start_usec;
  gint64               progress_usec;   /* when data last moved */
  guint64              last_processed;
  guint                poll_source;
  guint                poll_in_flight : 1;
  guint                downtime_applied : 1;
  guint                abort_requested : 1;
  guint                stalled : 1;
  guint                was_active : 1;
  guint                adopted : 1;     /* follows a migration it did not start */
  guint                resuming : 1;    /* recovers a broken post-copy migration */
  guint                went_postcopy : 1; /* libvirt's downtime then spans post-copy */
  /* atomic: an adopted job lost its source connection and stopped following;
   * rediscovery may adopt the migration again (ferry-migration-attach.c) */
  int                  source_lost;
  guint                postcopy_source;
  gboolean             postcopy_planned; /* the plan's switch is scheduled or done */
  guint                stall_timeout;
  guint                probe_source;     /* deadline for the destination's answer */
  int                  destination_lost; /* atomic: workers must not ask it */
  /* Ferry aborted because the destination was lost, not the user: the
   * outcome is a failure, told with this reason (main thread only). */
  char                *lost_reason;

  GListStore          *events;
  GTask               *task;
};

typedef struct
{
  FerryPlacement  placement;
  gboolean        ok;
  GError         *error;
  FerryJobStats   final_stats;
  gboolean        have_final_stats;
  char           *tidied;          /* leftover definitions removed, or NULL */
  gboolean        needs_recovery;  /* post-copy broke off; both hosts hold the VM */
} FerryMigrateResult;

/* ferry-migration-recover.c */
gboolean  _ferry_migration_job_postcopy_broken (FerryMigrationJob *self);   /* worker */
GError   *_ferry_migration_job_report_recovery (FerryMigrationJob *self,    /* main thread */
                                                const GError      *libvirt_error);

/* ferry-migration-job-placement.c: in the migration's worker thread. */
FerryPlacement _ferry_migration_job_verify_placement   (FerryMigrationJob *self);
gboolean       _ferry_migration_job_destination_has_vm (FerryMigrationJob *self);
char          *_ferry_migration_job_tidy_leftovers     (FerryMigrationJob *self,
                                                        FerryPlacement     placement,
                                                        gboolean           destination_had_it);

/* ferry-migration-attach.c */
void     _ferry_migration_job_register      (FerryMigrationJob *self);   /* main thread */
void     _ferry_migration_job_unregister    (FerryMigrationJob *self);   /* main thread */
void     _ferry_migration_job_attach_worker (GTask *, gpointer, gpointer, GCancellable *);
GError  *_ferry_migration_job_source_lost_error (FerryMigrationJob *self); /* main thread */
/* For _ferry_migration_found_kind's @job_type: the host did not say. */
#define FERRY_JOB_UNKNOWN (-1)
FerryFoundKind _ferry_migration_found_kind  (int state,
                                             int reason,
                                             int job_type,
                                             int operation);
int            _ferry_migration_domain_job  (virDomainPtr dom,
                                             int         *operation);  /* worker thread */

/* ferry-migration-job-workers.c: each runs in a worker thread. */
gboolean _ferry_migration_job_completed_stats (FerryMigrationJob *self,
                                               FerryJobStats     *stats);
void  _ferry_migration_job_prepare_worker (GTask *, gpointer, gpointer, GCancellable *);
void  _ferry_migration_job_migrate_worker (GTask *, gpointer, gpointer, GCancellable *);
void  _ferry_migration_job_poll_worker    (GTask *, gpointer, gpointer, GCancellable *);
void  _ferry_migration_job_control        (FerryMigrationJob *self,
                                           int                what,
                                           guint64            value);
void  _ferry_migration_job_unwatch        (FerryMigrationJob *self);
void  _ferry_migration_job_probe_worker   (GTask *, gpointer, gpointer, GCancellable *);

enum {
  FERRY_JOB_CONTROL_ABORT,
  FERRY_JOB_CONTROL_SPEED,
  FERRY_JOB_CONTROL_POSTCOPY_SPEED,
  FERRY_JOB_CONTROL_DOWNTIME,
  FERRY_JOB_CONTROL_POSTCOPY,
};

/* ferry-migration-job.c, main thread */
void      _ferry_migration_job_set_state   (FerryMigrationJob  *self,
                                            FerryMigrationState state);
void      _ferry_migration_job_set_message (FerryMigrationJob  *self,
                                            const char         *message);
void      _ferry_migration_job_set_stalled (FerryMigrationJob  *self,
                                            gboolean            stalled);
gboolean  _ferry_migration_job_is_running  (FerryMigrationJob  *self);
void      _ferry_migration_job_start       (FerryMigrationJob  *self,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
void      _ferry_migration_job_notify_progress (FerryMigrationJob *self);

/* ferry-migration-job-control.c, main thread */
void      _ferry_migration_job_probe_destination (FerryMigrationJob *self);
void      _ferry_migration_job_destination_lost  (FerryMigrationJob *self,
                                                  const char        *why);
void  _ferry_migration_job_log            (FerryMigrationJob  *self,
                                           FerryEventSeverity  severity,
                                           const char         *host,
                                           const char         *message);
void  _ferry_migration_job_control_done   (FerryMigrationJob  *self,
                                           int                 what,
                                           GError             *error);
void  _ferry_migration_job_iteration      (FerryMigrationJob  *self,
                                           int                 iteration);
void  _ferry_migration_job_plan_postcopy  (FerryMigrationJob  *self,
                                           int                 iteration);

char *_ferry_migration_explain            (const char         *libvirt_message);

G_END_DECLS
