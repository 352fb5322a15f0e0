/* ferry-migration-params.c — FerryMigrationOptions as virDomainMigrate3() and
 * virDomainMigrateToURI3() take them: flags and typed parameters.
 *
 * The virTypedParams* functions only build an array in this process; they are
 * not RPCs, so this may run on the main thread.
 *
 * Not here, because libvirt takes them while the migration runs rather than
 * as migration parameters: the maximum downtime
 * (virDomainMigrateSetMaxDowntime), when to switch to post-copy
 * (virDomainMigrateStartPostCopy) and the timeout. The job reads them from the
 * options' getters.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt/virterror.h>

#include "ferry-error.h"
#include "ferry-migration-params.h"

/**
 * ferry_migration_options_get_flags:
 *
 * The virDomainMigrateFlags for these options. Flags Ferry never sets:
 * VIR_MIGRATE_RDMA_PIN_ALL, VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES,
 * VIR_MIGRATE_POSTCOPY_RESUME.
 *
 * Returns: the flags, for options that passed ferry_migration_options_validate()
 */
unsigned long
ferry_migration_options_get_flags (FerryMigrationOptions *self)
{
  unsigned long flags = 0;

  g_return_val_if_fail (FERRY_IS_MIGRATION_OPTIONS (self), 0);

  switch (ferry_migration_options_get_mode (self))
    {
    case FERRY_MIGRATION_MODE_LIVE:
      flags |= VIR_MIGRATE_LIVE;
      break;
    case FERRY_MIGRATION_MODE_OFFLINE:
      flags |= VIR_MIGRATE_OFFLINE;
      break;
    case FERRY_MIGRATION_MODE_PAUSED:
    default:
      /* Non-live: no flag; libvirt pauses the VM while it copies. */
      break;
    }

  switch (ferry_migration_options_get_connectivity (self))
    {
    case FERRY_MIGRATION_CONNECTIVITY_PEER_TO_PEER:
      flags |= VIR_MIGRATE_PEER2PEER;
      break;
    case FERRY_MIGRATION_CONNECTIVITY_TUNNELLED:
      /* libvirt refuses a tunnel without peer-to-peer. */
      flags |= VIR_MIGRATE_PEER2PEER | VIR_MIGRATE_TUNNELLED;
      break;
    case FERRY_MIGRATION_CONNECTIVITY_MANAGED_DIRECT:
    default:
      break;
    }

  switch (ferry_migration_options_get_copy_storage (self))
    {
    case FERRY_MIGRATION_COPY_STORAGE_ALL:
      flags |= VIR_MIGRATE_NON_SHARED_DISK;
      break;
    case FERRY_MIGRATION_COPY_STORAGE_INCREMENTAL:
      flags |= VIR_MIGRATE_NON_SHARED_INC;
      break;
    case FERRY_MIGRATION_COPY_STORAGE_NONE:
    default:
      break;
    }

  if (ferry_migration_options_get_persistent (self))
    flags |= VIR_MIGRATE_PERSIST_DEST;
  if (ferry_migration_options_get_undefine_source (self))
    flags |= VIR_MIGRATE_UNDEFINE_SOURCE;
  if (ferry_migration_options_get_suspend (self))
    flags |= VIR_MIGRATE_PAUSED;
  if (ferry_migration_options_get_change_protection (self))
    flags |= VIR_MIGRATE_CHANGE_PROTECTION;
  if (ferry_migration_options_get_unsafe (self))
    flags |= VIR_MIGRATE_UNSAFE;
  if (ferry_migration_options_get_compressed (self))
    flags |= VIR_MIGRATE_COMPRESSED;
  if (ferry_migration_options_get_abort_on_error (self))
    flags |= VIR_MIGRATE_ABORT_ON_ERROR;
  if (ferry_migration_options_get_auto_converge (self))
    flags |= VIR_MIGRATE_AUTO_CONVERGE;
  if (ferry_migration_options_get_postcopy (self))
    flags |= VIR_MIGRATE_POSTCOPY;
  if (ferry_migration_options_get_tls (self))
    flags |= VIR_MIGRATE_TLS;
  if (ferry_migration_options_get_parallel (self))
    flags |= VIR_MIGRATE_PARALLEL;
  if (ferry_migration_options_get_zerocopy (self))
    flags |= VIR_MIGRATE_ZEROCOPY;

  return flags;
}

static gboolean
add_string (virTypedParameterPtr  *params,
            int                   *nparams,
            int                   *maxparams,
            const char            *name,
            const char            *value)
{
  return value == NULL || virTypedParamsAddString (params, nparams, maxparams, name, value) == 0;
}

/* A multiple field: one entry per value, which libvirt reads with
 * virTypedParamsGetStringList(). */
static gboolean
add_strings (virTypedParameterPtr  *params,
             int                   *nparams,
             int                   *maxparams,
             const char            *name,
             const char * const    *values)
{
  return values == NULL ||
         virTypedParamsAddStringList (params, nparams, maxparams, name, (const char **)values) == 0;
}

static gboolean
add_int (virTypedParameterPtr  *params,
         int                   *nparams,
         int                   *maxparams,
         const char            *name,
         gboolean               set,
         int                    value)
{
  return !set || virTypedParamsAddInt (params, nparams, maxparams, name, value) == 0;
}

static gboolean
add_ullong (virTypedParameterPtr  *params,
            int                   *nparams,
            int                   *maxparams,
            const char            *name,
            guint64                value)
{
  return value == 0 || virTypedParamsAddULLong (params, nparams, maxparams, name, value) == 0;
}

/**
 * ferry_migration_options_to_params:
 * @params: (out) (transfer full): the typed parameters; free with
 *   virTypedParamsFree()
 * @nparams: (out): how many
 *
 * Validates the options, then builds the typed parameters for
 * virDomainMigrate3() or virDomainMigrateToURI3(). Only options that are set
 * become parameters. Both bandwidths are in MiB/s, as libvirt takes them
 * (qemu_migration_params.c converts VIR_MIGRATE_PARAM_BANDWIDTH_POSTCOPY
 * from MiB/s to QEMU's bytes/s itself).
 *
 * Returns: %FALSE, with @error set and nothing allocated, when the options are
 *   not valid
 */
gboolean
ferry_migration_options_to_params (FerryMigrationOptions  *self,
                                   virTypedParameterPtr   *params,
                                   int                    *nparams,
                                   GError                **error)
{
  virTypedParameterPtr p = NULL;
  int n = 0;
  int max = 0;
  int initial;
  int increment;
  guint nbd_port;
  guint connections;
  gboolean ok;

  g_return_val_if_fail (FERRY_IS_MIGRATION_OPTIONS (self), FALSE);
  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (nparams != NULL, FALSE);

  *params = NULL;
  *nparams = 0;

  if (!ferry_migration_options_validate (self, error))
    return FALSE;

  initial = ferry_migration_options_get_auto_converge_initial (self);
  increment = ferry_migration_options_get_auto_converge_increment (self);
  nbd_port = ferry_migration_options_get_nbd_port (self);
  connections = ferry_migration_options_get_parallel_connections (self);

  ok = add_string (&p, &n, &max, VIR_MIGRATE_PARAM_URI,
                   ferry_migration_options_get_migrate_uri (self)) &&
       add_string (&p, &n, &max, VIR_MIGRATE_PARAM_DEST_NAME,
                   ferry_migration_options_get_destination_name (self)) &&
       add_string (&p, &n, &max, VIR_MIGRATE_PARAM_DEST_XML,
                   ferry_migration_options_get_destination_xml (self)) &&
       add_string (&p, &n, &max, VIR_MIGRATE_PARAM_PERSIST_XML,
                   ferry_migration_options_get_persistent_xml (self)) &&
       add_ullong (&p, &n, &max, VIR_MIGRATE_PARAM_BANDWIDTH,
                   ferry_migration_options_get_bandwidth (self)) &&
       add_ullong (&p, &n, &max, VIR_MIGRATE_PARAM_BANDWIDTH_POSTCOPY,
                   ferry_migration_options_get_postcopy_bandwidth (self)) &&
       add_string (&p, &n, &max, VIR_MIGRATE_PARAM_LISTEN_ADDRESS,
                   ferry_migration_options_get_listen_address (self)) &&
       add_strings (&p, &n, &max, VIR_MIGRATE_PARAM_MIGRATE_DISKS,
                    ferry_migration_options_get_copy_storage_disks (self)) &&
       add_int (&p, &n, &max, VIR_MIGRATE_PARAM_DISKS_PORT, nbd_port != 0, (int)nbd_port) &&
       add_string (&p, &n, &max, VIR_MIGRATE_PARAM_DISKS_URI,
                   ferry_migration_options_get_nbd_uri (self)) &&
       add_strings (&p, &n, &max, VIR_MIGRATE_PARAM_COMPRESSION,
                    ferry_migration_options_get_compression_methods (self)) &&
       add_int (&p, &n, &max, VIR_MIGRATE_PARAM_AUTO_CONVERGE_INITIAL, initial != -1, initial) &&
       add_int (&p, &n, &max, VIR_MIGRATE_PARAM_AUTO_CONVERGE_INCREMENT, increment != -1, increment) &&
       add_int (&p, &n, &max, VIR_MIGRATE_PARAM_PARALLEL_CONNECTIONS,
                connections != 0, (int)connections);

  if (!ok)
    {
      ferry_set_error_from_libvirt (error, "virTypedParamsAdd");
      virTypedParamsFree (p, n);
      return FALSE;
    }

  *params = p;
  *nparams = n;
  return TRUE;
}
