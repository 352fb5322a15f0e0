/* concurrent-client.c — Ferry's migration engine under load, for the lab tests.
 *
 *   concurrent-client concurrent SOURCE-URI DESTINATION-URI VM...
 *   concurrent-client soak SOURCE-URI DESTINATION-URI VM MINUTES
 *
 * concurrent: on ONE pair of FerryConnections (as the window holds them),
 * live-migrates every VM at once at 1 MiB/s so the jobs overlap, prints each
 * job's progress as it changes, cancels the first job once every job has
 * shown progress, lets the second one finish at full speed, then prints
 * "ready-for-drop" and waits: the test drops the destination's connection
 * (it restarts that host's libvirtd) and Ferry's connection reconnects on
 * its own. The survivors then run at full speed. At the end: one "result:"
 * line per job and the longest main-loop stall.
 *
 * soak: in this one process, MINUTES long, opens both connections, migrates
 * VM from SOURCE to DESTINATION, closes them, and the same way back; after
 * each round trip prints the process's VmRSS, and at the end the
 * least-squares slope of RSS over the rounds (all, and the second half).
 *
 * Linked with libferry-core only: no GTK.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "ferry-core.h"
#include "ferry-stall-probe.h"

/* Fast enough that the survivors finish in a few seconds once let go. */
#define FULL_SPEED_MIB 1000
/* Slow enough that four small guests are still copying seconds later. */
#define SLOW_SPEED_MIB 1

typedef struct
{
  FerryMigrationJob *job;
  char              *name;
  guint64            last_processed;
  guint64            last_remaining;
  guint              distinct;        /* progress readings that differed from the one before */
  gboolean           done;
} Mig;

typedef struct
{
  FerryConnection *source;
  FerryConnection *destination;
  Mig             *migs;
  guint            n_migs;
  guint            n_done;
  gboolean         dropped;           /* the destination's connection went away */
  gboolean         reconnected;       /* … and came back */
  gboolean         ready_for_drop;
  gboolean         quiet;             /* the soak: only the RSS lines */
} Run;

/* ---------------------------------------------------------------- helpers */

/* Wakes the loop up so that a deadline is noticed without other events. */
static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the default context until DONE says so or SECONDS pass. */
static gboolean
iterate_until (gboolean (*done) (gpointer),
               gpointer   data,
               guint      seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_TIME_SPAN_SECOND;
  guint tick = g_timeout_add (100, wake_cb, NULL);

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return done (data);
}

static gboolean
connected (gpointer data)
{
  FerryConnection **pair = data;

  for (guint i = 0; i < 2; i++)
    if (ferry_connection_get_state (pair[i]) != FERRY_CONNECTION_STATE_CONNECTED ||
        !ferry_connection_get_domains_listed (pair[i]))
      return FALSE;
  return TRUE;
}

static gboolean
open_pair (FerryConnection *source,
           FerryConnection *destination)
{
  FerryConnection *pair[2] = { source, destination };

  ferry_connection_open_async (source, NULL, NULL, NULL);
  ferry_connection_open_async (destination, NULL, NULL, NULL);
  if (iterate_until (connected, pair, 30))
    return TRUE;
  g_printerr ("cannot connect: %s / %s\n",
              ferry_connection_get_error_message (source),
              ferry_connection_get_error_message (destination));
  return FALSE;
}

/* A live, persistent migration that leaves no definition on the source, as
 * the dialog's default does. */
static FerryMigrationJob *
new_job (FerryConnection *source,
         FerryConnection *destination,
         const char      *name,
         guint64          bandwidth_mib)
{
  g_autoptr(FerryMigrationOptions) options = ferry_migration_options_new ();
  g_autoptr(GError) error = NULL;
  FerryMigrationPlan plan;
  FerryDomain *domain = ferry_connection_find_domain (source, name);

  if (domain == NULL)
    {
      g_printerr ("no VM named %s on %s\n", name, ferry_connection_get_uri (source));
      return NULL;
    }
  ferry_migration_options_set_mode (options, FERRY_MIGRATION_MODE_LIVE);
  ferry_migration_options_set_connectivity (options, FERRY_MIGRATION_CONNECTIVITY_MANAGED_DIRECT);
  ferry_migration_options_set_destination_uri (options, ferry_connection_get_uri (destination));
  ferry_migration_options_set_persistent (options, TRUE);
  ferry_migration_options_set_undefine_source (options, TRUE);
  ferry_migration_options_set_bandwidth (options, bandwidth_mib);
  if (!ferry_migration_plan_init (&plan, G_OBJECT (options), &error))
    {
      g_printerr ("%s: %s\n", name, error->message);
      return NULL;
    }
  return ferry_migration_job_new (source, destination, ferry_domain_get_uuid (domain),
                                  ferry_domain_get_name (domain), &plan);
}

/* ------------------------------------------------------------- concurrent */

static void
sample_cb (FerryMigrationJob *job,
           Mig               *mig)
{
  const FerryJobStats *st = ferry_migration_job_get_stats (job);

  /* Setup readings have no totals; a reading equal to the last is no progress. */
  if (st->data_total == 0 ||
      (st->data_processed == mig->last_processed && st->data_remaining == mig->last_remaining))
    return;
  mig->last_processed = st->data_processed;
  mig->last_remaining = st->data_remaining;
  mig->distinct++;
  g_print ("progress: %s %s processed %" G_GUINT64_FORMAT " remaining %" G_GUINT64_FORMAT
           " total %" G_GUINT64_FORMAT "\n", mig->name,
           ferry_migration_state_to_string (ferry_migration_job_get_state (job)),
           st->data_processed, st->data_remaining, st->data_total);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  ferry_migration_job_run_finish (FERRY_MIGRATION_JOB (object), result, &error);
  for (guint i = 0; i < run->n_migs; i++)
    if (run->migs[i].job == FERRY_MIGRATION_JOB (object))
      {
        run->migs[i].done = TRUE;
        if (!run->quiet)
          g_print ("finished: %s %s%s%s\n", run->migs[i].name,
                   ferry_migration_state_to_string (ferry_migration_job_get_state (run->migs[i].job)),
                   error ? " — " : "", error ? error->message : "");
      }
  run->n_done++;
}

static void
destination_state_cb (FerryConnection *c,
                      GParamSpec      *pspec,
                      Run             *run)
{
  FerryConnectionState state = ferry_connection_get_state (c);

  g_print ("connection: destination %d\n", state);
  if (state != FERRY_CONNECTION_STATE_CONNECTED && run->ready_for_drop)
    run->dropped = TRUE;
  else if (state == FERRY_CONNECTION_STATE_CONNECTED && run->dropped)
    run->reconnected = TRUE;
}

static gboolean
all_progressed (gpointer data)
{
  Run *run = data;

  for (guint i = 0; i < run->n_migs; i++)
    if (run->migs[i].distinct < 2 && !run->migs[i].done)
      return FALSE;
  return TRUE;
}

static gboolean
mig_done (gpointer data)
{
  return ((Mig *) data)->done;
}

static gboolean
all_done (gpointer data)
{
  Run *run = data;

  return run->n_done == run->n_migs;
}

static gboolean
reconnected (gpointer data)
{
  return ((Run *) data)->reconnected;
}

static void
full_speed (Run *run)
{
  for (guint i = 0; i < run->n_migs; i++)
    if (!run->migs[i].done)
      ferry_migration_job_set_bandwidth (run->migs[i].job, FULL_SPEED_MIB);
}

static int
run_concurrent (const char  *source_uri,
                const char  *destination_uri,
                char       **names,
                guint        n_names)
{
  g_autoptr(FerryStallProbe) probe = ferry_stall_probe_new (20);
  Run run = { 0 };
  int status = 0;

  run.source = ferry_connection_new (source_uri);
  run.destination = ferry_connection_new (destination_uri);
  if (!open_pair (run.source, run.destination))
    return 1;
  g_signal_connect (run.destination, "notify::state", G_CALLBACK (destination_state_cb), &run);

  run.n_migs = n_names;
  run.migs = g_new0 (Mig, n_names);
  for (guint i = 0; i < n_names; i++)
    {
      Mig *mig = &run.migs[i];

      mig->name = names[i];
      mig->job = new_job (run.source, run.destination, names[i], SLOW_SPEED_MIB);
      if (mig->job == NULL)
        return 1;
      g_signal_connect (mig->job, "sample-added", G_CALLBACK (sample_cb), mig);
      ferry_migration_job_run_async (mig->job, job_done_cb, &run);
    }

  /* Every job copying at once; then the first one cancelled part way. */
  if (!iterate_until (all_progressed, &run, 40))
    g_print ("note: not every job showed progress within 40 s\n");
  g_print ("cancel: %s\n", run.migs[0].name);
  ferry_migration_job_cancel (run.migs[0].job);
  if (n_names > 1)
    {
      ferry_migration_job_set_bandwidth (run.migs[1].job, FULL_SPEED_MIB);
      iterate_until (mig_done, &run.migs[1], 30);
    }

  /* The test restarts the destination's libvirtd now; see test-concurrent.sh. */
  run.ready_for_drop = TRUE;
  g_print ("ready-for-drop\n");
  iterate_until (reconnected, &run, 45);
  g_print ("reconnected: %s\n", run.reconnected ? "yes" : "no");
  full_speed (&run);
  if (!iterate_until (all_done, &run, 60))
    {
      g_print ("note: jobs still running after 60 s; cancelling them\n");
      for (guint i = 0; i < run.n_migs; i++)
        ferry_migration_job_cancel (run.migs[i].job);
      iterate_until (all_done, &run, 30);
      status = 1;
    }

  for (guint i = 0; i < run.n_migs; i++)
    {
      /* The placement last: "both hosts" and "neither host" have a space. */
      g_print ("result: %s %s %u %s\n", run.migs[i].name,
               ferry_migration_state_to_string (ferry_migration_job_get_state (run.migs[i].job)),
               run.migs[i].distinct,
               ferry_placement_to_string (ferry_migration_job_get_placement (run.migs[i].job)));
      g_clear_object (&run.migs[i].job);
    }
  g_print ("stall-max-ms: %" G_GUINT64_FORMAT "\n", ferry_stall_probe_get_max_us (probe) / 1000);
  g_signal_handlers_disconnect_by_data (run.destination, &run);
  ferry_connection_close (run.source);
  ferry_connection_close (run.destination);
  g_object_unref (run.source);
  g_object_unref (run.destination);
  g_free (run.migs);
  return status;
}

/* ------------------------------------------------------------------ soak */

static guint64
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
}

/* Bytes the allocator has handed out and not got back, in KiB. Set beside RSS it tells a
 * leak (both grow) from pages that glibc keeps in its arenas (only RSS grows). */
static double
heap_kib (void)
{
  struct mallinfo2 mi = mallinfo2 ();

  return (mi.uordblks + mi.hblkhd) / 1024.0;
}

/* Least-squares slope of Y over the index, from FIRST to the end. */
static double
slope (const double *y,
       guint         first,
       guint         n)
{
  double sx = 0, sy = 0, sxx = 0, sxy = 0, m = n - first;

  for (guint i = first; i < n; i++)
    {
      sx += i;
      sy += y[i];
      sxx += (double) i * i;
      sxy += i * y[i];
    }
  return m < 2 ? 0 : (m * sxy - sx * sy) / (m * sxx - sx * sx);
}

/* One way: fresh connections, one migration, connections closed again. */
static gboolean
soak_leg (const char *from,
          const char *to,
          const char *name)
{
  g_autoptr(FerryConnection) source = ferry_connection_new (from);
  g_autoptr(FerryConnection) destination = ferry_connection_new (to);
  g_autoptr(FerryMigrationJob) job = NULL;
  Mig mig = { 0 };
  Run run = { .migs = &mig, .n_migs = 1, .quiet = TRUE };
  gboolean ok;

  if (!open_pair (source, destination) ||
      (job = new_job (source, destination, name, 0)) == NULL)
    return FALSE;
  mig.job = job;
  mig.name = (char *) name;
  ferry_migration_job_run_async (job, job_done_cb, &run);
  if (!iterate_until (all_done, &run, 120))
    {
      ferry_migration_job_cancel (job);
      iterate_until (all_done, &run, 30);
    }
  ok = ferry_migration_job_get_state (job) == FERRY_MIGRATION_STATE_COMPLETED &&
       ferry_migration_job_get_placement (job) == FERRY_PLACEMENT_DESTINATION;
  ferry_connection_close (source);
  ferry_connection_close (destination);
  return ok;
}

static int
run_soak (const char *a,
          const char *b,
          const char *name,
          double      minutes,
          double      max_slope_kib)
{
  g_autoptr(GArray) rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) heap = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 start = g_get_monotonic_time ();
  gint64 end = start + (gint64) (minutes * 60 * G_TIME_SPAN_SECOND);
  double all, second, per_minute, iter_minutes, heap_second;
  guint n;

  while (g_get_monotonic_time () < end)
    {
      double kib, in_use;

      if (!soak_leg (a, b, name) || !soak_leg (b, a, name))
        {
          g_print ("soak: round %u failed\n", rss->len + 1);
          return 1;
        }
      kib = rss_kib ();
      in_use = heap_kib ();
      g_array_append_val (rss, kib);
      g_array_append_val (heap, in_use);
      g_print ("rss: %u %.0f %.1f %.0f\n", rss->len, kib,
               (g_get_monotonic_time () - start) / 6e7, in_use);
    }

  n = rss->len;
  all = slope ((double *) rss->data, 0, n);
  second = slope ((double *) rss->data, n / 2, n);
  heap_second = slope ((double *) heap->data, n / 2, n);
  iter_minutes = (g_get_monotonic_time () - start) / 6e7 / MAX (n, 1);
  per_minute = second / MAX (iter_minutes, 1e-9);
  g_print ("soak: rounds %u minutes %.1f rss-first %.0f rss-last %.0f KiB\n", n,
           (g_get_monotonic_time () - start) / 6e7,
           n ? g_array_index (rss, double, 0) : 0, n ? g_array_index (rss, double, n - 1) : 0);
  g_print ("soak: slope all %.2f KiB/round; second half %.2f KiB/round, %.2f KiB/min (limit %.1f KiB/round)\n",
           all, second, per_minute, max_slope_kib);
  g_print ("soak: heap in use %.0f -> %.0f KiB; second-half slope %.2f KiB/round\n",
           n ? g_array_index (heap, double, 0) : 0, n ? g_array_index (heap, double, n - 1) : 0,
           heap_second);
  return n >= 4 && second <= max_slope_kib ? 0 : 1;
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  ferry_core_init ();
  /* Line by line: the test reads the output while this runs. */
  setvbuf (stdout, NULL, _IOLBF, 0);

  if (argc >= 5 && g_str_equal (argv[1], "concurrent"))
    return run_concurrent (argv[2], argv[3], argv + 4, argc - 4);
  if (argc >= 6 && g_str_equal (argv[1], "soak"))
    return run_soak (argv[2], argv[3], argv[4], g_ascii_strtod (argv[5], NULL),
                     argc >= 7 ? g_ascii_strtod (argv[6], NULL) : 16.0);
  g_printerr ("usage: concurrent-client concurrent SOURCE-URI DESTINATION-URI VM...\n"
              "       concurrent-client soak SOURCE-URI DESTINATION-URI VM MINUTES [MAX-KIB-PER-ROUND]\n");
  return 2;
}
