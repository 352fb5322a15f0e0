/* pool-client.c — Ferry's pool core from the command line, for the lab:
 * tests/lab/test-nfs-pool.sh drives real hosts through exactly the calls the
 * pool editor and the pools view make.
 *
 * Usage: pool-client URI COMMAND ARGS...
 *   scan SERVER                          the exports SERVER offers, one a line
 *   create NAME HOST DIR FORMAT TARGET [VERSION]
 *                                        validate, define, build, start, autostart
 *   info POOL                            state=N capacity=B allocation=B available=B
 *   op POOL build|start|stop|refresh|autostart-on|autostart-off|undefine|delete
 *   vol-create POOL NAME FORMAT BYTES
 *   vol-list POOL                        NAME FORMAT CAPACITY PATH, one a line
 *   vol-delete POOL NAME
 *   copy URI2 POOL                       define POOL on the host at URI2 as it is
 *                                        here: define, build, start, autostart
 *                                        (ferry_definition_copy_async), one line
 *                                        per step: "copy Defined: done"
 * Steps and problems are printed as "step …: ok|failed: MESSAGE" or
 * "invalid: MESSAGE"; the exit status is 0 only when everything worked.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ferry-core.h"

#define TIMEOUT_S 60

static GAsyncResult *last_result;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  last_result = g_object_ref (result);
}

static gboolean
timeout_cb (gpointer user_data)
{
  fprintf (stderr, "timeout\n");
  exit (2);
}

/* Runs the main loop until the pending call is back; hands its result over. */
static GAsyncResult *
wait_result (void)
{
  while (last_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (&last_result);
}

/* Takes the error by reference: it is read after @ok was computed (the
 * order of a call's arguments is unspecified). */
static gboolean
report (const char  *step,
        gboolean     ok,
        GError     **errorp)
{
  GError *error = *errorp;

  if (ok)
    printf ("step %s: ok\n", step);
  else
    printf ("step %s: failed: %s\n", step, error->message);
  fflush (stdout);
  return ok;
}

static gboolean
run_op (FerryConnection *c,
        const char      *pool,
        FerryPoolOp      op)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  ferry_pool_op_async (c, pool, op, NULL, done_cb, NULL);
  result = wait_result ();
  return report (ferry_pool_op_describe (op), ferry_pool_op_finish (c, result, &error), &error);
}

static int
cmd_create (FerryConnection *c,
            char           **argv,
            int              argc)
{
  g_autoptr(FerryPoolConfig) config = ferry_pool_config_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *pools = ferry_host_inventory_get_pools (ferry_connection_get_inventory (c));

  if (argc < 5)
    return 64;
  g_object_set (config, "name", argv[0], "source-host", argv[1], "source-dir", argv[2],
                "format", argv[3], "target-path", argv[4],
                "protocol-version", argc > 5 ? argv[5] : "", NULL);
  /* Every field, as the editor shows them. */
  for (guint field = 0; field < FERRY_POOL_N_FIELDS; field++)
    {
      g_autofree char *message = ferry_pool_config_check_field (config, field, pools);

      if (message != NULL)
        printf ("invalid: %s\n", message);
    }
  if (!ferry_pool_config_validate (config, pools, NULL))
    return 1;

  ferry_pool_define_async (c, config, NULL, done_cb, NULL);
  result = wait_result ();
  if (!report ("define", ferry_pool_define_finish (c, result, &error), &error))
    return 1;
  if (!run_op (c, argv[0], FERRY_POOL_OP_BUILD) || !run_op (c, argv[0], FERRY_POOL_OP_START) ||
      !run_op (c, argv[0], FERRY_POOL_OP_AUTOSTART_ON))
    return 1;
  return 0;
}

static int
cmd_scan (FerryConnection *c,
          const char      *server)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) exports = NULL;

  ferry_pool_scan_exports_async (c, server, NULL, done_cb, NULL);
  result = wait_result ();
  exports = ferry_pool_scan_exports_finish (c, result, &error);
  if (exports == NULL)
    return report ("scan", FALSE, &error) ? 0 : 1;
  for (guint i = 0; exports[i] != NULL; i++)
    printf ("%s\n", exports[i]);
  return 0;
}

static int
cmd_info (FerryConnection *c,
          const char      *pool)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FerryPoolSpace space;

  ferry_pool_get_space_async (c, pool, NULL, done_cb, NULL);
  result = wait_result ();
  if (!ferry_pool_get_space_finish (c, result, &space, &error))
    return report ("info", FALSE, &error) ? 0 : 1;
  printf ("state=%d capacity=%" G_GUINT64_FORMAT " allocation=%" G_GUINT64_FORMAT
          " available=%" G_GUINT64_FORMAT "\n",
          space.state, space.capacity, space.allocation, space.available);
  return 0;
}

static int
cmd_op (FerryConnection *c,
        const char      *pool,
        const char      *name)
{
  static const char *const names[] = {
    "build", "start", "stop", "refresh", "autostart-on", "autostart-off", "undefine", "delete",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i]))
      return run_op (c, pool, (FerryPoolOp)i) ? 0 : 1;
  return 64;
}

static int
cmd_volumes (FerryConnection *c,
             const char      *what,
             char           **argv,
             int              argc)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) volumes = NULL;

  if (g_str_equal (what, "vol-create") && argc >= 4)
    {
      ferry_pool_create_volume_async (c, argv[0], argv[1], argv[2],
                                      g_ascii_strtoull (argv[3], NULL, 10), 0,
                                      NULL, done_cb, NULL);
      result = wait_result ();
      return report ("create volume", ferry_pool_create_volume_finish (c, result, &error),
                     &error) ? 0 : 1;
    }
  if (g_str_equal (what, "vol-delete") && argc >= 2)
    {
      ferry_pool_delete_volume_async (c, argv[0], argv[1], NULL, done_cb, NULL);
      result = wait_result ();
      return report ("delete volume", ferry_pool_delete_volume_finish (c, result, &error),
                     &error) ? 0 : 1;
    }
  if (g_str_equal (what, "vol-list") && argc >= 1)
    {
      ferry_pool_list_volumes_async (c, argv[0], NULL, done_cb, NULL);
      result = wait_result ();
      volumes = ferry_pool_list_volumes_finish (c, result, &error);
      if (volumes == NULL)
        return report ("list volumes", FALSE, &error) ? 0 : 1;
      for (guint i = 0; i < g_list_model_get_n_items (volumes); i++)
        {
          g_autoptr(FerryVolume) v = g_list_model_get_item (volumes, i);

          printf ("%s %s %" G_GUINT64_FORMAT " %s\n", ferry_volume_get_name (v),
                  ferry_volume_get_format (v), ferry_volume_get_capacity (v),
                  ferry_volume_get_path (v));
        }
      return 0;
    }
  return 64;
}

/* Opens @uri and waits for its pool list (the duplicate checks need it).
 * Returns NULL, having said why, when the host cannot be reached. */
static FerryConnection *
open_host (const char *uri)
{
  g_autoptr(FerryConnection) c = ferry_connection_new (uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ferry_connection_open_async (c, NULL, done_cb, NULL);
  result = wait_result ();
  if (!ferry_connection_open_finish (c, result, &error))
    {
      report ("connect", FALSE, &error);
      return NULL;
    }
  while (!ferry_host_inventory_get_loaded (ferry_connection_get_inventory (c)))
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (&c);
}

static void
close_host (FerryConnection *c)
{
  ferry_connection_close (c);
  /* Let the close's worker run before the process goes. */
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
}

static int
cmd_copy (FerryConnection *from,
          const char      *uri,
          const char      *pool)
{
  g_autoptr(FerryConnection) to = open_host (uri);
  g_autoptr(FerryDefinitionCopyReport) steps = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean ok;

  if (to == NULL)
    return 1;
  ferry_definition_copy_async (from, to, FERRY_DEFINITION_KIND_POOL, pool, NULL, done_cb, NULL);
  result = wait_result ();
  ok = ferry_definition_copy_finish (result, &steps, &error);
  text = ferry_definition_copy_report_to_string (steps);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    printf ("copy %s\n", lines[i]);
  if (!ok)
    printf ("copy failed: %s\n", error->message);
  close_host (to);
  return ok ? 0 : 1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FerryConnection) c = NULL;
  const char *cmd;
  int status;

  if (argc < 4)
    {
      fprintf (stderr, "usage: pool-client URI COMMAND ARGS...\n");
      return 64;
    }
  ferry_core_init ();
  g_timeout_add_seconds (TIMEOUT_S, timeout_cb, NULL);

  if ((c = open_host (argv[1])) == NULL)
    return 1;

  cmd = argv[2];
  if (g_str_equal (cmd, "scan"))
    status = cmd_scan (c, argv[3]);
  else if (g_str_equal (cmd, "create"))
    status = cmd_create (c, argv + 3, argc - 3);
  else if (g_str_equal (cmd, "info"))
    status = cmd_info (c, argv[3]);
  else if (g_str_equal (cmd, "op") && argc > 4)
    status = cmd_op (c, argv[3], argv[4]);
  else if (g_str_equal (cmd, "copy") && argc > 4)
    status = cmd_copy (c, argv[3], argv[4]);
  else
    status = cmd_volumes (c, cmd, argv + 3, argc - 3);

  close_host (c);
  return status;
}
