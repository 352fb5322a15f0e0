/* ferry-readiness-private.h — the facts a readiness run gathers, and the pure
 * functions that turn them into results. Gathering (ferry-readiness-gather.c)
 * is the only part that talks to libvirt; everything else is testable from
 * hand-made facts.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libvirt/libvirt.h>

#include "ferry-disk-cache.h"
#include "ferry-migration-options.h"
#include "ferry-readiness-result.h"

G_BEGIN_DECLS

typedef struct
{
  char     *name;
  char     *type;          /* dir, netfs, iscsi, rbd, gluster, logical, … */
  char     *target_path;   /* NULL for pools without one (rbd, gluster, iscsi-direct) */
  gboolean  active;
  guint64   available;     /* bytes */
} FerryReadinessPool;

typedef struct
{
  char     *name;
  char     *bridge;
  gboolean  active;
} FerryReadinessNetwork;

typedef struct
{
  char      *uri;
  char      *hostname;
  char      *host_uuid;
  char      *host_cpu_model;
  char     **guest_arches;  /* what the capabilities say this host can run */
  char      *hv_type;       /* "QEMU" */
  guint64    libvirt_version;   /* libvirt's encoding: major * 1000000 + minor * 1000 + micro */
  guint64    hv_version;
  guint      cpus;
  guint64    memory_free;   /* bytes */
  gboolean   memory_free_estimated;  /* the driver cannot tell: total minus running VMs */
  GPtrArray *pools;         /* FerryReadinessPool */
  GPtrArray *networks;      /* FerryReadinessNetwork */
  char     **interfaces;    /* host interfaces (bridges), NULL when the driver cannot list them */
} FerryReadinessHost;

typedef struct
{
  char          *target;     /* vda */
  char          *device;     /* disk, cdrom, floppy, lun */
  char          *type;       /* file, block, network, volume, dir */
  char          *source;     /* file or device path, volume "pool/vol", or network name */
  char          *protocol;   /* network disks: rbd, gluster, iscsi, nbd… */
  char          *pool;       /* the source pool that holds it (found by gather), or NULL */
  guint64        allocation; /* bytes the image takes on the source (what a copy moves), 0 unknown */
  FerryDiskCache cache;
  gboolean       readonly;
  gboolean       shareable;
} FerryReadinessDisk;

typedef struct
{
  char *type;                /* network, bridge, direct, user, hostdev… */
  char *source;              /* network name, bridge name or host device */
} FerryReadinessNic;

typedef struct
{
  FerryReadinessHost  source;
  FerryReadinessHost  destination;

  /* The VM on the source. */
  char               *name;
  char               *uuid;
  int                 state;         /* virDomainState */
  gboolean            persistent;
  char               *arch;
  guint               vcpus;
  guint64             memory;        /* bytes */
  char               *cpu_mode;      /* NULL when the XML has no <cpu> */
  char               *cpu_model;
  int                 cpu_compare;   /* virCPUCompareResult; VIR_CPU_COMPARE_ERROR when not compared */
  char               *cpu_compare_error;
  GPtrArray          *disks;         /* FerryReadinessDisk */
  GPtrArray          *nics;          /* FerryReadinessNic */
  GPtrArray          *blocking_devices; /* char *: one line per device that blocks migration */

  /* A VM with the same name (or UUID) on the destination. */
  gboolean            clash;
  char               *clash_name;
  int                 clash_state;
  gboolean            clash_same_uuid;

  /* Dirty page rate, measured only on request. */
  gboolean            dirty_rate_measured;
  guint64             dirty_rate;    /* MiB/s */
} FerryReadinessFacts;

FerryReadinessFacts *_ferry_readiness_facts_new     (void);
void                 _ferry_readiness_facts_free    (FerryReadinessFacts *facts);
void                 _ferry_readiness_host_clear    (FerryReadinessHost  *host);
FerryReadinessPool  *_ferry_readiness_pool_new      (const char *name,
                                                     const char *type,
                                                     const char *target_path,
                                                     gboolean    active,
                                                     guint64     available);
FerryReadinessNetwork *_ferry_readiness_network_new (const char *name,
                                                     const char *bridge,
                                                     gboolean    active);
FerryReadinessPool  *_ferry_readiness_host_find_pool (const FerryReadinessHost *host,
                                                      const char               *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryReadinessFacts, _ferry_readiness_facts_free)

/* ferry-readiness.c: whether VIR_MIGRATE_UNSAFE would get past every blocker (pure). */
gboolean  _ferry_readiness_unsafe_would_allow (GListModel *results);

/* ferry-readiness-domain.c: the VM's XML into facts (pure). */
gboolean  _ferry_readiness_parse_domain (FerryReadinessFacts *facts,
                                         const char          *xml,
                                         GError             **error);
char     *_ferry_readiness_cpu_xml      (const char          *xml);

/* ferry-readiness-gather.c: runs in a worker. */
FerryReadinessFacts *_ferry_readiness_gather (virConnectPtr   source,
                                              virConnectPtr   destination,
                                              const char     *domain_name,
                                              const char     *destination_name,
                                              GError        **error);

/* ferry-readiness-evaluate*.c: facts and options into results, in display
 * order (blockers first). Pure: no libvirt, no main loop. */
GPtrArray *_ferry_readiness_evaluate        (const FerryReadinessFacts *facts,
                                             FerryMigrationOptions     *options);
void       _ferry_readiness_evaluate_host   (GPtrArray                 *results,
                                             const FerryReadinessFacts *facts,
                                             FerryMigrationOptions     *options);
void       _ferry_readiness_evaluate_storage (GPtrArray                *results,
                                             const FerryReadinessFacts *facts,
                                             FerryMigrationOptions     *options);
void       _ferry_readiness_evaluate_devices (GPtrArray                *results,
                                             const FerryReadinessFacts *facts,
                                             FerryMigrationOptions     *options);
void       _ferry_readiness_add          (GPtrArray              *results,
                                          const char             *id,
                                          const char             *subject,
                                          FerryReadinessSeverity  severity,
                                          const char             *title,
                                          const char             *explanation,
                                          const char             *facts,
                                          const char             *fix_id,
                                          const char             *fix_label);

G_END_DECLS

G_BEGIN_DECLS

#include "ferry-readiness.h"

struct _FerryReadiness
{
  GObject                parent_instance;

  FerryConnection       *source;
  FerryConnection       *destination;
  char                  *domain_name;
  FerryMigrationOptions *options;
  GListStore            *results;
  FerryReadinessFacts   *facts;        /* from the last run, re-evaluated when options change */
  guint                  generation;   /* a newer run makes an older one's facts stale */
  guint                  running : 1;
  guint                  has_blockers : 1;
  /* Kept across runs: measuring takes seconds and is asked for explicitly. */
  gboolean               dirty_rate_measured;
  guint64                dirty_rate;
};

/* Evaluates self->facts against the options and publishes the results. */
void  _ferry_readiness_publish      (FerryReadiness *self);

/* ferry-readiness-domain.c: a <disk> element for @target without its media. */
char *_ferry_readiness_ejected_disk_xml (const char *xml,
                                         const char *target);

G_END_DECLS
