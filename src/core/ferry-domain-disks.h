/* ferry-domain-disks.h — a VM's disks: read them from its XML, change their cache and I/O
 * modes (pure functions on the document), and the same applied to a host (async).
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ferry-connection.h"
#include "ferry-disk-info.h"

G_BEGIN_DECLS

/* What happened to one disk's change. */
typedef enum
{
  FERRY_DISK_APPLIED_CONFIG,      /* the VM is not running: the definition changed */
  FERRY_DISK_APPLIED_LIVE,        /* the definition and the running VM changed */
  FERRY_DISK_APPLIED_NEXT_BOOT,   /* the definition changed; the running VM keeps the old
                                     mode until it is shut down and started again */
} FerryDiskApplied;

typedef struct
{
  char             *target;       /* <target dev='…'> */
  FerryDiskCache    cache;
  FerryDiskIo       io;
  /* Filled in by the async operations: */
  FerryDiskApplied  applied;
  char             *live_error;   /* why the running VM did not take it (libvirt's words) */
} FerryDiskChange;

FerryDiskChange *ferry_disk_change_new  (const char      *target,
                                         FerryDiskCache   cache,
                                         FerryDiskIo      io);
void             ferry_disk_change_free (FerryDiskChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryDiskChange, ferry_disk_change_free)

/* Pure functions on domain XML. */
GListStore *ferry_domain_disks_parse              (const char   *xml,
                                                   GError      **error);
gboolean    ferry_domain_disks_set_modes          (const char   *xml,
                                                   const char   *target,
                                                   FerryDiskCache cache,
                                                   FerryDiskIo   io,
                                                   char        **out_xml,
                                                   GError      **error);
gboolean    ferry_domain_disks_make_migration_safe (const char  *xml,
                                                   char        **out_xml,
                                                   GPtrArray   **changed,
                                                   GError      **error);

/* What the editor shows: the persistent definition and, for a running VM, what it
 * runs with now. */
typedef struct
{
  GListStore *disks;        /* FerryDiskInfo, from the inactive definition */
  GListStore *live_disks;   /* FerryDiskInfo of the running VM, or NULL when it is not running */
  char       *name;
  gboolean    active;
} FerryDomainDisks;

void        ferry_domain_disks_free               (FerryDomainDisks *disks);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryDomainDisks, ferry_domain_disks_free)

/* @domain is a VM's name or UUID on @connection. Workers do the libvirt calls. */
void              ferry_domain_disks_read_async   (FerryConnection     *connection,
                                                   const char          *domain,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
FerryDomainDisks *ferry_domain_disks_read_finish  (GAsyncResult        *result,
                                                   GError             **error);

/* Changes the persistent definition in one redefine, then for a running VM tries each
 * change live. @changes holds FerryDiskChange; returns them with ->applied filled in. */
void        ferry_domain_disks_apply_async        (FerryConnection     *connection,
                                                   const char          *domain,
                                                   GPtrArray           *changes,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray  *ferry_domain_disks_apply_finish       (GAsyncResult        *result,
                                                   GError             **error);

/* ferry_domain_disks_make_migration_safe() on the persistent definition, applied the
 * same way; returns the changes (empty when the VM was already safe). */
void        ferry_domain_disks_make_safe_async    (FerryConnection     *connection,
                                                   const char          *domain,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray  *ferry_domain_disks_make_safe_finish   (GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
