/* ferry-format.c — progress figures as people read them. Pure functions of
 * their arguments (GLib only), so the tests check the exact strings.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-format.h"

/**
 * ferry_format_bytes:
 *
 * Returns: (transfer full): @bytes in IEC units, such as "1.5 GiB": libvirt
 *   and QEMU count memory in powers of two, and so do admins
 */
char *
ferry_format_bytes (guint64 bytes)
{
  return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
}

/**
 * ferry_format_speed:
 *
 * Returns: (transfer full): a transfer rate, such as "12.0 MiB/s"
 */
char *
ferry_format_speed (guint64 bytes_per_second)
{
  g_autofree char *size = ferry_format_bytes (bytes_per_second);

  /* Translators: a transfer rate, e.g. "12.0 MiB/s" */
  return g_strdup_printf (_("%s/s"), size);
}

/**
 * ferry_format_duration:
 *
 * Two units at most, the smaller zero-padded so the figure does not jump
 * about as it counts: "45 s", "1 min 05 s", "2 h 03 min".
 *
 * Returns: (transfer full): @seconds as a duration
 */
char *
ferry_format_duration (guint64 seconds)
{
  if (seconds < 60)
    /* Translators: a duration in seconds, e.g. "45 s" */
    return g_strdup_printf (_("%u s"), (guint)seconds);
  if (seconds < 3600)
    /* Translators: a duration, e.g. "1 min 05 s" */
    return g_strdup_printf (_("%u min %02u s"), (guint)(seconds / 60), (guint)(seconds % 60));
  /* Translators: a duration, e.g. "2 h 03 min" */
  return g_strdup_printf (_("%u h %02u min"),
                          (guint)MIN (seconds / 3600, G_MAXUINT), (guint)(seconds % 3600 / 60));
}

/**
 * ferry_format_milliseconds:
 *
 * For downtimes, which are short: "300 ms" below a second, "1.5 s" below a
 * minute, then as ferry_format_duration().
 *
 * Returns: (transfer full): @milliseconds as a duration
 */
char *
ferry_format_milliseconds (guint64 milliseconds)
{
  if (milliseconds < 1000)
    /* Translators: a duration in milliseconds, e.g. "300 ms" */
    return g_strdup_printf (_("%u ms"), (guint)milliseconds);
  if (milliseconds < 60000)
    /* Translators: a duration in seconds, e.g. "1.5 s" */
    return g_strdup_printf (_("%.1f s"), milliseconds / 1000.0);
  return ferry_format_duration (milliseconds / 1000);
}

/**
 * ferry_format_eta:
 * @seconds: the time left, or a negative number when it cannot be told yet
 *
 * Returns: (transfer full): the time left, or "—" when unknown
 */
char *
ferry_format_eta (gint64 seconds)
{
  if (seconds < 0)
    return g_strdup ("—");
  return ferry_format_duration ((guint64)seconds);
}
