/* ferry-uri-private.h — shared by ferry-uri*.c
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-uri.h"

G_BEGIN_DECLS

typedef struct
{
  char *name;
  char *value;
} Param;

struct _FerryUri
{
  GObject            parent_instance;

  char              *driver;
  FerryUriTransport  transport;
  char              *user;
  char              *host;
  guint              port;
  char              *path;
  GPtrArray         *params;   /* of Param, in URI order */
};

/* ferry-uri.c */
Param    *_ferry_uri_find_param  (FerryUri     *self,
                                  const char   *name,
                                  guint         from);

/* ferry-uri-string.c */
gboolean  _ferry_uri_set_invalid (GError      **error,
                                  const char   *message);

G_END_DECLS
