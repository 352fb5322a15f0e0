/* test-stall-probe.c — the benchmark probe sees a blocked main loop, reports
 * it in its stable line format, and marks on SIGUSR1 when the environment
 * turned it on.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>

#include "ferry-core.h"

#define BLOCK_MS 80

static gboolean
block_cb (gpointer user_data)
{
  g_usleep (BLOCK_MS * 1000);
  return G_SOURCE_REMOVE;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* Runs the default main loop for @ms milliseconds. */
static void
run_for (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (ms, quit_cb, loop);
  g_main_loop_run (loop);
}

static void
test_measures_block (void)
{
  g_autoptr(FerryStallProbe) probe = ferry_stall_probe_new (5);

  run_for (30);
  g_assert_cmpuint (ferry_stall_probe_get_n_samples (probe), >, 0);

  /* A callback that holds the loop for 80 ms: the probe was due within 5 ms
   * of it starting, so it ran at least 75 ms late. */
  g_idle_add (block_cb, NULL);
  run_for (60);
  g_assert_cmpuint (ferry_stall_probe_get_max_us (probe), >=, (BLOCK_MS - 5) * 1000);
  g_assert_cmpuint (ferry_stall_probe_get_percentile_us (probe, 100), ==,
                    ferry_stall_probe_get_max_us (probe));
  /* One stall is one sample: most samples are not late by the stall. */
  g_assert_cmpuint (ferry_stall_probe_get_percentile_us (probe, 50), <,
                    ferry_stall_probe_get_max_us (probe));

  ferry_stall_probe_reset (probe);
  g_assert_cmpuint (ferry_stall_probe_get_n_samples (probe), ==, 0);
  g_assert_cmpuint (ferry_stall_probe_get_max_us (probe), ==, 0);
  g_assert_cmpuint (ferry_stall_probe_get_percentile_us (probe, 99), ==, 0);
}

static char **
read_lines (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return g_strsplit (g_strchomp (text), "\n", -1);
}

static gboolean
file_has_line (gpointer path)
{
  g_autofree char *text = NULL;

  return g_file_get_contents (path, &text, NULL, NULL) && strchr (text, '\n') != NULL;
}

static void
test_environment_marks (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ferry-stall-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "report", NULL);
  g_auto(GStrv) lines = NULL;
  FerryStallProbe *probe;
  gint64 deadline;

  g_assert_no_error (error);

  g_unsetenv (FERRY_STALL_PROBE_ENV);
  g_assert_null (ferry_stall_probe_new_from_environment ());

  g_setenv (FERRY_STALL_PROBE_ENV, path, TRUE);
  probe = ferry_stall_probe_new_from_environment ();
  g_assert_nonnull (probe);
  g_idle_add (block_cb, NULL);
  run_for (40);

  /* SIGUSR1 writes the figures so far and starts afresh. */
  raise (SIGUSR1);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!file_has_line (path) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (file_has_line (path));
  g_assert_cmpuint (ferry_stall_probe_get_max_us (probe), <, (BLOCK_MS - 5) * 1000);

  /* The end of the probe writes the last line. */
  g_assert_finalize_object (probe);
  g_unsetenv (FERRY_STALL_PROBE_ENV);

  lines = read_lines (path);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_true (g_str_has_prefix (lines[0], "mark 1 samples="));
  g_assert_nonnull (strstr (lines[0], " max_ms="));
  g_assert_nonnull (strstr (lines[0], " p99_ms="));
  g_assert_nonnull (strstr (lines[0], " p50_ms="));
  g_assert_cmpfloat (g_ascii_strtod (strstr (lines[0], "max_ms=") + 7, NULL), >=, BLOCK_MS - 5);
  g_assert_true (g_str_has_prefix (lines[1], "exit samples="));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/stall-probe/measures-block", test_measures_block);
  g_test_add_func ("/core/stall-probe/environment-marks", test_environment_marks);

  return g_test_run ();
}
