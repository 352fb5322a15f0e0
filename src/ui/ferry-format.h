/* ferry-format.h — progress figures as people read them.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *ferry_format_bytes        (guint64 bytes);
char *ferry_format_speed        (guint64 bytes_per_second);
char *ferry_format_duration     (guint64 seconds);
char *ferry_format_milliseconds (guint64 milliseconds);
char *ferry_format_eta          (gint64  seconds);

G_END_DECLS
