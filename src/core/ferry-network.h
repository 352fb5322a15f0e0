/* ferry-network.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FERRY_TYPE_NETWORK (ferry_network_get_type ())

G_DECLARE_FINAL_TYPE (FerryNetwork, ferry_network, FERRY, NETWORK, GObject)

const char *ferry_network_get_name         (FerryNetwork *self);
const char *ferry_network_get_uuid         (FerryNetwork *self);
gboolean    ferry_network_get_active       (FerryNetwork *self);
gboolean    ferry_network_get_persistent   (FerryNetwork *self);
gboolean    ferry_network_get_autostart    (FerryNetwork *self);
const char *ferry_network_get_bridge       (FerryNetwork *self);
const char *ferry_network_get_forward_mode (FerryNetwork *self);

const char *ferry_network_forward_mode_to_string (const char *forward_mode);

/* Core-internal (ferry-host-inventory.c and tests): plain data read by a
 * worker thread, turned into a FerryNetwork on the main thread. */
typedef struct
{
  char     *name;
  char     *uuid;
  char     *bridge;        /* <bridge name='…'>, NULL when there is none */
  char     *forward_mode;  /* <forward mode='…'>, NULL for an isolated network */
  gboolean  active;
  gboolean  persistent;
  gboolean  autostart;
} FerryNetworkInfo;

void          _ferry_network_info_free (FerryNetworkInfo       *info);
FerryNetwork *_ferry_network_new       (const FerryNetworkInfo *info);
void          _ferry_network_update    (FerryNetwork           *self,
                                        const FerryNetworkInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryNetworkInfo, _ferry_network_info_free)

G_END_DECLS
