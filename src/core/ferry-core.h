/* ferry-core.h — libferry-core: everything Ferry knows without GTK.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ferry-disk-cache.h"
#include "ferry-disk-info.h"
#include "ferry-domain-disks.h"
#include "ferry-error.h"
#include "ferry-event.h"
#include "ferry-job-stats.h"
#include "ferry-migration-job.h"
#include "ferry-migration-settle.h"
#include "ferry-uri.h"
#include "ferry-auth-request.h"
#include "ferry-askpass-server.h"
#include "ferry-domain.h"
#include "ferry-connection.h"
#include "ferry-connection-manager.h"
#include "ferry-host-inventory.h"
#include "ferry-migration-options.h"
#include "ferry-pool-config.h"
#include "ferry-pool-ops.h"
#include "ferry-volume.h"
#include "ferry-definition-copy.h"
#include "ferry-readiness.h"
#include "ferry-readiness-result.h"
#include "ferry-storage-move.h"
#include "ferry-storage-move-disk.h"
#include "ferry-storage-move-readiness.h"
#include "ferry-stall-probe.h"

G_BEGIN_DECLS

void  ferry_core_init                      (void);
guint ferry_core_get_main_thread_libvirt_calls (void);

G_END_DECLS
