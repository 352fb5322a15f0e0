/* ferry-stall-probe.c — a high-priority timer that records how late it runs.
 *
 * Every interval the probe asks the main loop to wake it; any lateness beyond
 * that is time the loop spent in some other callback (or blocked), which is
 * exactly what freezes the window. Benchmarks turn it on with
 * FERRY_STALL_PROBE=FILE: each SIGUSR1 appends "mark N" with the figures since
 * the previous mark and starts afresh, and the end of the probe appends "exit".
 * Without the variable nothing of this runs.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib-unix.h>
#include <signal.h>
#include <string.h>

#include "ferry-stall-probe.h"

/* Shorter than a frame (16 ms), so a one-frame stall shows as one. */
#define DEFAULT_INTERVAL_MS 5

struct _FerryStallProbe
{
  GObject  parent_instance;

  GSource *timer;
  gint64   interval_us;
  GArray  *lateness_us;     /* guint32 each; 200 a second at 5 ms (~3 MiB an hour) */
  guint64  max_us;

  /* Set only when made from the environment. */
  char    *report_path;
  guint    signal_source;
  guint    n_marks;
};

G_DEFINE_FINAL_TYPE (FerryStallProbe, ferry_stall_probe, G_TYPE_OBJECT)

static gboolean
timer_dispatch (GSource     *source,
                GSourceFunc  callback,
                gpointer     user_data)
{
  FerryStallProbe *self = user_data;
  gint64 now = g_get_monotonic_time ();
  guint32 late = (guint32)CLAMP (now - g_source_get_ready_time (source), 0, G_MAXUINT32);

  g_array_append_val (self->lateness_us, late);
  self->max_us = MAX (self->max_us, late);
  /* From now, not from the missed deadline: one stall is one sample, not a
   * burst of catch-up samples that would dilute the percentiles. */
  g_source_set_ready_time (source, now + self->interval_us);
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs timer_funcs = {
  .dispatch = timer_dispatch,
};

static void
ferry_stall_probe_dispose (GObject *object)
{
  FerryStallProbe *self = FERRY_STALL_PROBE (object);

  if (self->report_path != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!ferry_stall_probe_append_report (self, self->report_path, "exit", &error))
        g_warning ("stall probe: %s", error->message);
      g_clear_pointer (&self->report_path, g_free);
    }
  g_clear_handle_id (&self->signal_source, g_source_remove);
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }

  G_OBJECT_CLASS (ferry_stall_probe_parent_class)->dispose (object);
}

static void
ferry_stall_probe_finalize (GObject *object)
{
  FerryStallProbe *self = FERRY_STALL_PROBE (object);

  g_array_unref (self->lateness_us);

  G_OBJECT_CLASS (ferry_stall_probe_parent_class)->finalize (object);
}

static void
ferry_stall_probe_class_init (FerryStallProbeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ferry_stall_probe_dispose;
  object_class->finalize = ferry_stall_probe_finalize;
}

static void
ferry_stall_probe_init (FerryStallProbe *self)
{
  self->lateness_us = g_array_new (FALSE, FALSE, sizeof (guint32));
}

/**
 * ferry_stall_probe_new:
 * @interval_ms: how often the probe asks to run
 *
 * Starts measuring the default main context at once, at high priority so that
 * ordinary work cannot starve it: only a callback that does not return (or a
 * loop that does not run) makes it late.
 *
 * Returns: (transfer full): a running probe; it stops when finalized
 */
FerryStallProbe *
ferry_stall_probe_new (guint interval_ms)
{
  FerryStallProbe *self = g_object_new (FERRY_TYPE_STALL_PROBE, NULL);

  g_return_val_if_fail (interval_ms > 0, self);

  self->interval_us = (gint64)interval_ms * 1000;
  self->timer = g_source_new (&timer_funcs, sizeof (GSource));
  g_source_set_name (self->timer, "ferry stall probe");
  g_source_set_priority (self->timer, G_PRIORITY_HIGH);
  g_source_set_callback (self->timer, NULL, self, NULL);
  g_source_set_ready_time (self->timer, g_get_monotonic_time () + self->interval_us);
  g_source_attach (self->timer, NULL);
  return self;
}

static gboolean
mark_cb (gpointer user_data)
{
  FerryStallProbe *self = user_data;
  g_autofree char *label = g_strdup_printf ("mark %u", ++self->n_marks);
  g_autoptr(GError) error = NULL;

  if (!ferry_stall_probe_append_report (self, self->report_path, label, &error))
    g_warning ("stall probe: %s", error->message);
  ferry_stall_probe_reset (self);
  return G_SOURCE_CONTINUE;
}

/**
 * ferry_stall_probe_new_from_environment:
 *
 * When `FERRY_STALL_PROBE` names a file, starts a probe (every 5 ms) that
 * appends a report line to that file on each SIGUSR1 (then starts afresh) and
 * when it ends. Lines read `LABEL samples=N max_ms=X p99_ms=Y p50_ms=Z`.
 *
 * Returns: (transfer full) (nullable): the probe, or %NULL when the variable is unset
 */
FerryStallProbe *
ferry_stall_probe_new_from_environment (void)
{
  const char *path = g_getenv (FERRY_STALL_PROBE_ENV);
  FerryStallProbe *self;

  if (path == NULL || *path == '\0')
    return NULL;

  self = ferry_stall_probe_new (DEFAULT_INTERVAL_MS);
  self->report_path = g_strdup (path);
  self->signal_source = g_unix_signal_add (SIGUSR1, mark_cb, self);
  return self;
}

guint
ferry_stall_probe_get_n_samples (FerryStallProbe *self)
{
  g_return_val_if_fail (FERRY_IS_STALL_PROBE (self), 0);

  return self->lateness_us->len;
}

/**
 * ferry_stall_probe_get_max_us:
 *
 * Returns: the longest lateness since the start or the last reset, in µs
 */
guint64
ferry_stall_probe_get_max_us (FerryStallProbe *self)
{
  g_return_val_if_fail (FERRY_IS_STALL_PROBE (self), 0);

  return self->max_us;
}

static int
compare_guint32 (gconstpointer a,
                 gconstpointer b)
{
  guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;

  return (x > y) - (x < y);
}

/**
 * ferry_stall_probe_get_percentile_us:
 * @percent: 0 to 100 (99 for the 99th percentile)
 *
 * Returns: the nearest-rank percentile of the lateness samples in µs, 0 without samples
 */
guint64
ferry_stall_probe_get_percentile_us (FerryStallProbe *self,
                                     double           percent)
{
  g_autoptr(GArray) sorted = NULL;
  guint rank;

  g_return_val_if_fail (FERRY_IS_STALL_PROBE (self), 0);
  g_return_val_if_fail (percent >= 0 && percent <= 100, 0);

  if (self->lateness_us->len == 0)
    return 0;
  sorted = g_array_copy (self->lateness_us);
  g_array_sort (sorted, compare_guint32);
  rank = (guint)MAX (1.0, (percent / 100.0) * sorted->len + 0.999999);
  return g_array_index (sorted, guint32, MIN (rank, sorted->len) - 1);
}

void
ferry_stall_probe_reset (FerryStallProbe *self)
{
  g_return_if_fail (FERRY_IS_STALL_PROBE (self));

  g_array_set_size (self->lateness_us, 0);
  self->max_us = 0;
}

/**
 * ferry_stall_probe_append_report:
 * @path: the report file (created if missing)
 * @label: what the line is about, without newlines
 *
 * Appends `LABEL samples=N max_ms=X p99_ms=Y p50_ms=Z` to @path.
 *
 * Returns: %TRUE, or %FALSE with @error set when the file cannot be written
 */
gboolean
ferry_stall_probe_append_report (FerryStallProbe  *self,
                                 const char       *path,
                                 const char       *label,
                                 GError          **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autofree char *line = NULL;

  g_return_val_if_fail (FERRY_IS_STALL_PROBE (self), FALSE);
  g_return_val_if_fail (path != NULL && label != NULL, FALSE);

  line = g_strdup_printf ("%s samples=%u max_ms=%.3f p99_ms=%.3f p50_ms=%.3f\n", label,
                          self->lateness_us->len, self->max_us / 1000.0,
                          ferry_stall_probe_get_percentile_us (self, 99) / 1000.0,
                          ferry_stall_probe_get_percentile_us (self, 50) / 1000.0);
  file = g_file_new_for_path (path);
  stream = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, error);
  return stream != NULL &&
         g_output_stream_write_all (G_OUTPUT_STREAM (stream), line, strlen (line),
                                    NULL, NULL, error) &&
         g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}
