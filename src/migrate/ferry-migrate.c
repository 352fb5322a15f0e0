/* ferry-migrate.c — Ferry's migration engine on the command line:
 *
 *   ferry-migrate [OPTIONS] VM SOURCE-URI DESTINATION-URI
 *   ferry-migrate --check [--json] [OPTIONS] VM SOURCE-URI DESTINATION-URI
 *   ferry-migrate --attach VM SOURCE-URI [DESTINATION-URI]
 *   ferry-migrate --recover [OPTIONS] VM SOURCE-URI DESTINATION-URI
 *   ferry-migrate --move-storage DISK[,DISK…]=POOL [--format qcow2|raw] VM URI
 *
 * Options are named like virsh migrate's. Progress goes to stderr, a JSON
 * summary to stdout. The exit status is 0 only when the VM ended where it was
 * asked to be. Ctrl+C cancels: the VM keeps running on the source.
 * Linked with libferry-core only: no GTK.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>

#include "ferry-core.h"
#include "ferry-migrate-options.h"

typedef struct
{
  GMainLoop         *loop;
  FerryConnection   *source;
  FerryConnection   *destination;
  FerryMigrationJob *job;
  GError            *error;
  gint64             started;
  gboolean           quiet;
  char              *recover_command;  /* said when post-copy breaks off */
} Run;

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!ferry_connection_open_finish (FERRY_CONNECTION (object), result, &error) &&
      run->error == NULL)
    run->error = g_error_new (error->domain, error->code, "%s: %s",
                              ferry_connection_get_uri (FERRY_CONNECTION (object)), error->message);
}

static gboolean
opened (Run *run)
{
  return run->error != NULL ||
         (ferry_connection_get_state (run->source) == FERRY_CONNECTION_STATE_CONNECTED &&
          (run->destination == NULL ||
           ferry_connection_get_state (run->destination) == FERRY_CONNECTION_STATE_CONNECTED ||
           ferry_connection_get_state (run->destination) == FERRY_CONNECTION_STATE_FAILED));
}

static void
sample_cb (FerryMigrationJob *job,
           Run               *run)
{
  const FerryJobStats *st = ferry_migration_job_get_stats (job);
  g_autofree char *done = g_format_size_full (st->data_total - MIN (st->data_remaining, st->data_total),
                                              G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *total = g_format_size_full (st->data_total, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *speed = g_format_size_full (st->memory_bps + st->disk_bps, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *dirty = g_format_size_full (st->memory_dirty_rate, G_FORMAT_SIZE_IEC_UNITS);

  /* Setup readings have no totals yet: nothing to say. */
  if (run->quiet || st->data_total == 0)
    return;
  /* One line per reading; scripts and the lab tests read these. */
  g_printerr ("progress: %s %5.1f%% %s/%s speed %s/s dirty %s/s pass %" G_GUINT64_FORMAT
              " processed %" G_GUINT64_FORMAT " remaining %" G_GUINT64_FORMAT " eta %" G_GINT64_FORMAT "s\n",
              ferry_migration_state_to_string (ferry_migration_job_get_state (job)),
              100.0 * ferry_job_stats_fraction (st), done, total, speed, dirty,
              st->memory_iteration, st->data_processed, st->data_remaining,
              ferry_job_stats_eta_seconds (st));
}

static void
event_added_cb (GListModel *events,
                guint       position,
                guint       removed,
                guint       added,
                Run        *run)
{
  for (guint i = position; i < position + added && !run->quiet; i++)
    {
      g_autoptr(FerryEvent) event = g_list_model_get_item (events, i);
      g_autofree char *line = ferry_event_to_string (event);

      g_printerr ("event: %s\n", line);
    }
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;

  ferry_migration_job_run_finish (FERRY_MIGRATION_JOB (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
interrupt_cb (gpointer user_data)
{
  Run *run = user_data;

  g_printerr ("ferry-migrate: cancelling; the VM stays on the source\n");
  if (run->job != NULL)
    ferry_migration_job_cancel (run->job);
  else
    g_main_loop_quit (run->loop);
  return G_SOURCE_CONTINUE;
}

/* --commands: one command per line on stdin, applied to the running job
 * through the same calls the progress view uses. */
static gboolean
command_cb (GIOChannel   *channel,
            GIOCondition  condition,
            gpointer      user_data)
{
  Run *run = user_data;
  g_autofree char *line = NULL;
  g_auto(GStrv) words = NULL;

  if (g_io_channel_read_line (channel, &line, NULL, NULL, NULL) != G_IO_STATUS_NORMAL)
    return G_SOURCE_REMOVE;
  g_strstrip (line);
  words = g_strsplit (line, " ", 2);
  if (run->job == NULL || words[0] == NULL)
    return G_SOURCE_CONTINUE;

  if (g_str_equal (words[0], "cancel"))
    ferry_migration_job_cancel (run->job);
  else if (g_str_equal (words[0], "postcopy"))
    ferry_migration_job_start_postcopy (run->job);
  else if (g_str_equal (words[0], "bandwidth") && words[1] != NULL)
    ferry_migration_job_set_bandwidth (run->job, g_ascii_strtoull (words[1], NULL, 10));
  else if (g_str_equal (words[0], "downtime") && words[1] != NULL)
    ferry_migration_job_set_max_downtime (run->job, g_ascii_strtoull (words[1], NULL, 10));
  else
    g_printerr ("ferry-migrate: unknown command: %s\n", line);
  return G_SOURCE_CONTINUE;
}

/* Whether a migration of the VM goes out of the source now. */
static gboolean
found_migration (Run        *run,
                 const char *uuid)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) found = NULL;

  ferry_connection_find_migrations_async (run->source, NULL, ferry_migrate_store_cb, &result);
  found = ferry_connection_find_migrations_finish (run->source, ferry_migrate_wait (&result), &run->error);
  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      FerryFoundMigration *f = g_ptr_array_index (found, i);

      if (g_str_equal (f->uuid, uuid) && f->kind == FERRY_FOUND_RUNNING)
        return TRUE;
    }
  return FALSE;
}

static char *
summary_json (Run *run)
{
  g_autoptr(GString) json = g_string_new ("{");
  const FerryJobStats *st = run->job ? ferry_migration_job_get_stats (run->job) : NULL;
  g_autofree char *vm = NULL;
  g_autofree char *error = NULL;
  guint n_samples = 0;

  /* JSON strings through g_strescape: enough for names, URIs and messages. */
  vm = g_strescape (run->job ? ferry_migration_job_get_domain_name (run->job) : "", NULL);
  error = g_strescape (run->error ? run->error->message : "", NULL);
  g_string_append_printf (json, "\"vm\": \"%s\", ", vm);
  g_string_append_printf (json, "\"outcome\": \"%s\", ",
                          run->job ? ferry_migration_state_to_string (ferry_migration_job_get_state (run->job))
                                   : "Failed");
  g_string_append_printf (json, "\"placement\": \"%s\", ",
                          run->job ? ferry_placement_to_string (ferry_migration_job_get_placement (run->job))
                                   : "unknown");
  g_string_append_printf (json, "\"seconds\": %.3f, ",
                          (g_get_monotonic_time () - run->started) / 1e6);
  if (st != NULL && st->has_downtime)
    g_string_append_printf (json, "\"downtime_ms\": %" G_GUINT64_FORMAT ", ", st->downtime_ms);
  else
    g_string_append (json, "\"downtime_ms\": null, ");
  g_string_append_printf (json, "\"data_bytes\": %" G_GUINT64_FORMAT ", ", st ? st->data_processed : 0);
  if (run->job != NULL)
    ferry_migration_job_get_samples (run->job, &n_samples);
  g_string_append_printf (json, "\"samples\": %u, ", n_samples);
  g_string_append_printf (json, "\"error\": \"%s\"}", error);
  return g_string_free (g_steal_pointer (&json), FALSE);
}

/* Opens both hosts (the destination may stay unreachable for peer-to-peer);
 * Ctrl+C from here on cancels. */
static void
run_open (Run             *run,
          FerryMigrateCli *cli,
          const char      *source_uri,
          const char      *destination_uri)
{
  run->loop = g_main_loop_new (NULL, FALSE);
  run->quiet = cli->quiet;
  run->started = g_get_monotonic_time ();
  run->source = ferry_connection_new (source_uri);
  run->destination = destination_uri ? ferry_connection_new (destination_uri) : NULL;
  g_unix_signal_add (SIGINT, interrupt_cb, run);
  g_unix_signal_add (SIGTERM, interrupt_cb, run);

  ferry_connection_open_async (run->source, NULL, opened_cb, run);
  if (run->destination != NULL)
    ferry_connection_open_async (run->destination, NULL, opened_cb, run);
  while (!opened (run))
    g_main_context_iteration (NULL, TRUE);
}

static void
run_job (Run             *run,
         FerryMigrateCli *cli)
{
  if (cli->stall_timeout > 0)
    ferry_migration_job_set_stall_timeout (run->job, cli->stall_timeout);
  g_signal_connect (run->job, "sample-added", G_CALLBACK (sample_cb), run);
  g_signal_connect (ferry_migration_job_get_events (run->job), "items-changed",
                    G_CALLBACK (event_added_cb), run);
  if (cli->commands)
    {
      GIOChannel *in = g_io_channel_unix_new (0);

      g_io_add_watch (in, G_IO_IN | G_IO_HUP, command_cb, run);
      g_io_channel_unref (in);
    }
  if (cli->recover)
    ferry_migration_job_recover_async (run->job, job_done_cb, run);
  else
    ferry_migration_job_run_async (run->job, job_done_cb, run);
  g_main_loop_run (run->loop);
}

/* Prints the summary; the exit status. */
static int
run_end (Run      *run,
         gboolean  offline)
{
  g_autofree char *json = summary_json (run);
  gboolean expected;

  g_print ("%s\n", json);
  if (run->error != NULL)
    g_printerr ("ferry-migrate: %s\n", run->error->message);
  if (run->job != NULL && run->recover_command != NULL &&
      ferry_migration_job_get_state (run->job) == FERRY_MIGRATION_STATE_NEEDS_RECOVERY)
    g_printerr ("ferry-migrate: post-copy broke off and the VM needs recovery; once the link works "
                "again, recover it with:\n  %s\n", run->recover_command);

  /* Where it was asked to be: running (or paused with --suspend) on the
   * destination, or for an offline migration, defined there and running nowhere. */
  expected = run->job != NULL &&
             ferry_migration_job_get_state (run->job) == FERRY_MIGRATION_STATE_COMPLETED &&
             (offline || ferry_migration_job_get_placement (run->job) == FERRY_PLACEMENT_DESTINATION);

  g_clear_error (&run->error);
  g_clear_pointer (&run->recover_command, g_free);
  g_clear_object (&run->job);
  g_clear_object (&run->source);
  g_clear_object (&run->destination);
  g_main_loop_unref (run->loop);
  return expected ? 0 : 1;
}

/* --attach found no job: the driver may have died between the destination's
 * last step and the source's, leaving the VM paused on the source for good
 * (see ferry-migration-settle.c). Settled as that migration would have ended
 * (--undefinesource says whether it was to remove the source's definition);
 * what was done, or why nothing was, is printed. Exit 0 only when the VM runs
 * on the destination. */
static int
settle (Run             *run,
        FerryMigrateCli *cli,
        const char      *vm,
        const char      *uuid,
        const char      *source_uri)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *message = NULL;
  FerrySettleResult done;

  ferry_migration_settle_async (run->source, run->destination, uuid, cli->undefinesource, NULL,
                                ferry_migrate_store_cb, &result);
  done = ferry_migration_settle_finish (run->source, ferry_migrate_wait (&result), &message, &run->error);
  if (message != NULL)
    g_printerr ("ferry-migrate: %s\n", message);
  if (run->error == NULL && done == FERRY_SETTLE_NOTHING)
    run->error = g_error_new (FERRY_ERROR, FERRY_ERROR_INVALID_INPUT,
                              "no migration of %s is running on %s", vm, source_uri);
  run_end (run, FALSE);
  return done == FERRY_SETTLE_FINISHED ? 0 : 1;
}

/* --attach: follows a migration someone else started. The found job must be
 * a migration going out of SOURCE-URI; waiting for it to appear is bounded,
 * since a script may attach the moment it killed the process that drove it. */
static int
attach (FerryMigrateCli *cli,
        const char      *vm,
        const char      *source_uri,
        const char      *destination_uri)
{
  Run run = { 0 };
  FerryDomain *domain = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *name = NULL;

  run_open (&run, cli, source_uri, destination_uri);
  if (run.error == NULL && run.destination != NULL &&
      ferry_connection_get_state (run.destination) != FERRY_CONNECTION_STATE_CONNECTED)
    g_clear_object (&run.destination);   /* placement then asks through the URI */
  if (run.error == NULL && (domain = ferry_connection_find_domain (run.source, vm)) == NULL)
    run.error = g_error_new (FERRY_ERROR, FERRY_ERROR_INVALID_INPUT, "no VM named %s on %s", vm, source_uri);
  if (domain != NULL)
    {
      /* The domain list is refreshed while we wait: keep what identifies the VM. */
      uuid = g_strdup (ferry_domain_get_uuid (domain));
      name = g_strdup (ferry_domain_get_name (domain));
    }
  for (guint tries = 0; run.error == NULL && !found_migration (&run, uuid); tries++)
    if (tries < 10)
      g_usleep (G_USEC_PER_SEC / 2);
    else
      return settle (&run, cli, vm, uuid, source_uri);
  if (run.error == NULL)
    {
      run.job = ferry_migration_job_new_attached (run.source, run.destination, uuid, name, destination_uri);
      run_job (&run, cli);
    }
  return run_end (&run, FALSE);
}

/* The command that recovers this run: the same options, with --recover. */
static char *
recover_command (char **given)
{
  g_autoptr(GString) line = g_string_new ("ferry-migrate --recover");

  for (guint i = 1; given[i] != NULL; i++)
    {
      g_autofree char *quoted = NULL;

      /* Commands on stdin only make sense while a person drives the run. */
      if (g_str_equal (given[i], "--recover") || g_str_equal (given[i], "--commands"))
        continue;
      /* Quoted only when the shell needs it, so it reads like what was typed. */
      if (given[i][0] == '\0' || given[i][strspn (given[i], "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                                      "0123456789_-.,:/=+@%")] != '\0')
        quoted = g_shell_quote (given[i]);
      g_string_append_printf (line, " %s", quoted ? quoted : given[i]);
    }
  return g_string_free (g_steal_pointer (&line), FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FerryMigrationOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  FerryMigrateCli cli = { 0 };
  FerryMigrationPlan plan;
  FerryDomain *domain;
  Run run = { 0 };
  gboolean offline;

  g_auto(GStrv) given = g_strdupv (argv);   /* option parsing edits argv */

  setlocale (LC_ALL, "");
  /* Before anything touches libvirt, typed parameters included. */
  ferry_core_init ();
  context = ferry_migrate_cli_context (&cli);
  if (g_option_context_parse (context, &argc, &argv, &error) && cli.move_storage != NULL)
    {
      if (argc == 3)
        return ferry_migrate_move_storage (&cli, argv[1], argv[2]);
      g_printerr ("usage: ferry-migrate --move-storage DISK[,DISK…]=POOL [--format qcow2|raw] VM URI\n");
      return 2;
    }
  if (error == NULL && cli.attach && (argc == 3 || argc == 4))
    return attach (&cli, argv[1], argv[2], argc == 4 ? argv[3] : NULL);
  if (error != NULL || argc != 4)
    {
      g_printerr ("%s\n", error ? error->message : "usage: ferry-migrate [OPTIONS] VM SOURCE-URI DESTINATION-URI");
      return 2;
    }

  options = ferry_migrate_cli_options (&cli, argv[3], &error);
  if (options == NULL)
    {
      g_printerr ("ferry-migrate: %s\n", error->message);
      return 2;
    }
  if (cli.check)
    return ferry_migrate_check (&cli, options, argv[1], argv[2], argv[3]);
  if (cli.print_virsh)
    {
      g_autofree char *line = ferry_migration_options_to_virsh_command (options, argv[1], argv[2]);

      g_print ("%s\n", line);
      return 0;
    }
  /* Bad input gets a precise message before anything is sent. */
  if (!ferry_migration_plan_init (&plan, G_OBJECT (options), &error))
    {
      g_printerr ("ferry-migrate: %s\n", error->message);
      return 2;
    }

  offline = plan.offline;
  run_open (&run, &cli, argv[2], argv[3]);
  if (ferry_migration_options_get_postcopy (options))
    run.recover_command = recover_command (given);

  /* Peer-to-peer works without reaching the destination from here; Ferry
   * then verifies the outcome through the URI the source used. */
  if (run.error == NULL && ferry_connection_get_state (run.destination) != FERRY_CONNECTION_STATE_CONNECTED)
    {
      if (!plan.peer_to_peer)
        run.error = g_error_new (FERRY_ERROR, FERRY_ERROR_UNREACHABLE,
                                 "%s: %s", argv[3], ferry_connection_get_error_message (run.destination));
      else
        g_clear_object (&run.destination);
    }

  if (run.error == NULL && (domain = ferry_connection_find_domain (run.source, argv[1])) == NULL)
    run.error = g_error_new (FERRY_ERROR, FERRY_ERROR_INVALID_INPUT,
                             "no VM named %s on %s", argv[1], argv[2]);

  if (run.error == NULL)
    {
      run.job = ferry_migration_job_new (run.source, run.destination,
                                         ferry_domain_get_uuid (domain),
                                         ferry_domain_get_name (domain), &plan);
      run_job (&run, &cli);
    }
  else
    ferry_migration_plan_clear (&plan);

  return run_end (&run, offline);
}
