/* ferry-domain-private.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-domain.h"

G_BEGIN_DECLS

/* Plain data read by a worker thread; turned into FerryDomain on the main thread. */
typedef struct
{
  char     *name;
  char     *uuid;
  int       id;
  int       state;
  int       reason;        /* virDomain*Reason of the state */
  guint     vcpus;
  guint64   memory_kib;
  gboolean  persistent;
  gboolean  autostart;
  gboolean  managed_save;
} FerryDomainInfo;

void         _ferry_domain_info_free (FerryDomainInfo   *info);
FerryDomain *_ferry_domain_new       (const FerryDomainInfo *info);
void         _ferry_domain_update    (FerryDomain       *self,
                                      const FerryDomainInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryDomainInfo, _ferry_domain_info_free)

G_END_DECLS
