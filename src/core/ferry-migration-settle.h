/* ferry-migration-settle.h — finishing a migration whose driver died between
 * its last two steps.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ferry-connection.h"

G_BEGIN_DECLS

typedef enum
{
  FERRY_SETTLE_NOTHING,    /* the VM is not held by an interrupted migration */
  FERRY_SETTLE_FINISHED,   /* it runs on the destination: the stale copy on the source was stopped */
  FERRY_SETTLE_RESUMED,    /* it never ran on the destination: resumed on the source */
  FERRY_SETTLE_UNDECIDED,  /* not safe to tell: left alone, with the reason */
} FerrySettleResult;

void              ferry_migration_settle_async  (FerryConnection     *source,
                                                 FerryConnection     *destination,
                                                 const char          *domain_uuid,
                                                 gboolean             undefine_source,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
FerrySettleResult ferry_migration_settle_finish (FerryConnection     *source,
                                                 GAsyncResult        *result,
                                                 char               **message,
                                                 GError             **error);

G_END_DECLS
