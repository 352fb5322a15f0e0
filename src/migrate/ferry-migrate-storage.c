/* ferry-migrate-storage.c — ferry-migrate --move-storage: a VM's disks into another pool of
 * the same host, with the engine the window uses.
 *
 *   ferry-migrate --move-storage DISK[,DISK…]=POOL [--format qcow2|raw] [--bandwidth MiB/s] VM URI
 *
 * Progress lines go to stderr, a JSON summary to stdout. With --check only the checks run
 * (one line per result; exit status 1 while a blocker remains). Otherwise the exit status is
 * 0 when every disk moved, 1 when the move was refused, failed or was cancelled (Ctrl+C or
 * SIGTERM: the VM keeps its original disks), 2 for bad input.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <signal.h>

#include "ferry-migrate-options.h"

typedef struct
{
  GMainLoop        *loop;
  FerryStorageMove *move;
  GError           *error;
  gboolean          quiet;
  double            last_fraction;
  char             *last_message;
} Move;

static gboolean
parse_request (const char          *text,
               const char          *format_text,
               GStrv               *targets,
               char               **pool,
               FerryStorageFormat  *format,
               GError             **error)
{
  const char *equals = strchr (text, '=');
  g_autofree char *disks = equals ? g_strndup (text, equals - text) : NULL;

  if (disks == NULL || *disks == '\0' || equals[1] == '\0')
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT,
                   "--move-storage wants DISK[,DISK…]=POOL, like vda=fast-pool, not “%s”", text);
      return FALSE;
    }
  if (format_text == NULL)
    *format = FERRY_STORAGE_FORMAT_KEEP;
  else if (g_str_equal (format_text, "qcow2"))
    *format = FERRY_STORAGE_FORMAT_QCOW2;
  else if (g_str_equal (format_text, "raw"))
    *format = FERRY_STORAGE_FORMAT_RAW;
  else
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT,
                   "--format is qcow2 or raw, not “%s”", format_text);
      return FALSE;
    }
  *targets = g_strsplit (disks, ",", -1);
  *pool = g_strdup (equals + 1);
  return TRUE;
}

/* One line per change worth telling; scripts and the lab tests read these. */
static void
progress_cb (FerryStorageMove *move,
             GParamSpec       *pspec,
             Move             *run)
{
  double fraction = ferry_storage_move_get_fraction (move);
  const char *message = ferry_storage_move_get_message (move);

  if (run->quiet)
    return;
  if (g_strcmp0 (message, run->last_message) != 0)
    {
      g_free (run->last_message);
      run->last_message = g_strdup (message);
      g_printerr ("state: %s: %s\n", ferry_storage_move_state_to_string (ferry_storage_move_get_state (move)),
                  message ? message : "");
    }
  if (fraction != run->last_fraction && ferry_storage_move_get_state (move) == FERRY_STORAGE_MOVE_STATE_COPYING)
    {
      run->last_fraction = fraction;
      g_printerr ("progress: %5.1f%% %s\n", 100.0 * fraction,
                  ferry_storage_move_get_current_disk (move) ? ferry_storage_move_get_current_disk (move) : "");
    }
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Move *run = user_data;

  ferry_storage_move_run_finish (FERRY_STORAGE_MOVE (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
interrupt_cb (gpointer user_data)
{
  Move *run = user_data;

  g_printerr ("ferry-migrate: cancelling; the VM keeps its original disks\n");
  ferry_storage_move_cancel (run->move);
  return G_SOURCE_CONTINUE;
}

static void
print_summary (Move *run)
{
  GListModel *disks = ferry_storage_move_get_disks (run->move);
  g_autoptr(GString) json = g_string_new ("{\"vm\": ");
  g_autofree char *vm = g_strescape (ferry_storage_move_get_domain (run->move), NULL);
  g_autofree char *error = g_strescape (run->error ? run->error->message : "", NULL);

  g_string_append_printf (json, "\"%s\", \"outcome\": \"%s\", \"live\": %s, \"disks\": [", vm,
                          ferry_storage_move_state_to_string (ferry_storage_move_get_state (run->move)),
                          ferry_storage_move_get_live (run->move) ? "true" : "false");
  for (guint i = 0; i < g_list_model_get_n_items (disks); i++)
    {
      g_autoptr(FerryStorageMoveDisk) disk = g_list_model_get_item (disks, i);
      g_autofree char *source = g_strescape (ferry_storage_move_disk_get_source (disk) ?: "", NULL);
      g_autofree char *destination = g_strescape (ferry_storage_move_disk_get_destination (disk) ?: "", NULL);

      g_string_append_printf (json, "%s{\"target\": \"%s\", \"source\": \"%s\", \"destination\": \"%s\", "
                              "\"moved\": %s}", i ? ", " : "", ferry_storage_move_disk_get_target (disk),
                              source, destination,
                              ferry_storage_move_disk_get_moved (disk) ? "true" : "false");
    }
  g_string_append_printf (json, "], \"error\": \"%s\"}", error);
  g_print ("%s\n", json->str);
}

int
ferry_migrate_move_storage (FerryMigrateCli *cli,
                            const char      *vm,
                            const char      *uri)
{
  g_autoptr(FerryConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) targets = NULL;
  g_autofree char *pool = NULL;
  FerryStorageFormat format;
  Move run = { .quiet = cli->quiet, .last_fraction = -1.0 };
  gboolean moved;

  if (!parse_request (cli->move_storage, cli->format, &targets, &pool, &format, &error) ||
      cli->bandwidth < 0)
    {
      g_printerr ("ferry-migrate: %s\n", error ? error->message : "--bandwidth cannot be negative");
      return 2;
    }
  connection = ferry_connection_new (uri);
  if (!ferry_migrate_open (connection, &error))
    {
      g_printerr ("ferry-migrate: %s\n", error->message);
      return 2;
    }
  run.move = ferry_storage_move_new (connection, vm, (const char * const *)targets, pool, format);
  ferry_storage_move_set_bandwidth (run.move, (guint64)cli->bandwidth);

  if (cli->check)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GPtrArray) results = NULL;

      ferry_storage_move_check_async (run.move, NULL, ferry_migrate_store_cb, &result);
      results = ferry_storage_move_check_finish (run.move, ferry_migrate_wait (&result), &error);
      g_clear_object (&run.move);
      if (results == NULL)
        {
          g_printerr ("ferry-migrate: %s\n", error->message);
          return 2;
        }
      {
        g_autoptr(GListStore) list = g_list_store_new (FERRY_TYPE_READINESS_RESULT);

        g_list_store_splice (list, 0, 0, results->pdata, results->len);
        ferry_migrate_print_results (G_LIST_MODEL (list), cli->json);
      }
      return ferry_storage_move_results_blocked (results, NULL) ? 1 : 0;
    }

  run.loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, interrupt_cb, &run);
  g_unix_signal_add (SIGTERM, interrupt_cb, &run);
  g_signal_connect (run.move, "notify", G_CALLBACK (progress_cb), &run);
  ferry_storage_move_run_async (run.move, done_cb, &run);
  g_main_loop_run (run.loop);

  print_summary (&run);
  if (run.error != NULL)
    g_printerr ("ferry-migrate: %s\n", run.error->message);
  moved = ferry_storage_move_get_state (run.move) == FERRY_STORAGE_MOVE_STATE_COMPLETED;

  g_clear_error (&run.error);
  g_free (run.last_message);
  g_clear_object (&run.move);
  g_main_loop_unref (run.loop);
  return moved ? 0 : 1;
}
