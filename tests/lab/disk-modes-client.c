/* disk-modes-client.c — reads and changes a VM's disk cache and I/O modes through
 * libferry-core, exactly as the Disks window does, so tests/lab/test-disk-cache.sh can
 * prove the result on real libvirt and QEMU hosts.
 *
 * Usage: disk-modes-client URI DOMAIN show
 *        disk-modes-client URI DOMAIN set TARGET CACHE IO
 *        disk-modes-client URI DOMAIN make-safe
 *
 * Output, one item a line (the test greps it):
 *   disk TARGET cache=C io=I [live-cache=C live-io=I]      (show)
 *   changed TARGET cache=C io=I applied=config|live|next-boot [reason=LIBVIRT-MESSAGE]
 *   error=MESSAGE
 * Exit status: 0 when the operation succeeded.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ferry-core.h"

#define TIMEOUT_SECONDS 60

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Client;

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Client *client = user_data;

  client->result = g_object_ref (result);
  g_main_loop_quit (client->loop);
}

static void
state_cb (FerryConnection *connection,
          GParamSpec      *pspec,
          Client          *client)
{
  FerryConnectionState state = ferry_connection_get_state (connection);

  if (state == FERRY_CONNECTION_STATE_CONNECTED || state == FERRY_CONNECTION_STATE_FAILED)
    g_main_loop_quit (client->loop);
}

static gboolean
timeout_cb (gpointer user_data)
{
  fprintf (stderr, "error=timed out after %d s\n", TIMEOUT_SECONDS);
  exit (2);
}

static const char *
applied_name (FerryDiskApplied applied)
{
  switch (applied)
    {
    case FERRY_DISK_APPLIED_LIVE: return "live";
    case FERRY_DISK_APPLIED_NEXT_BOOT: return "next-boot";
    case FERRY_DISK_APPLIED_CONFIG:
    default: return "config";
    }
}

static int
fail (const GError *error)
{
  printf ("error=%s\n", error->message);
  return 1;
}

static void
print_disks (FerryDomainDisks *disks)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (disks->disks)); i++)
    {
      g_autoptr(FerryDiskInfo) d = g_list_model_get_item (G_LIST_MODEL (disks->disks), i);
      g_autoptr(FerryDiskInfo) live = NULL;

      printf ("disk %s cache=%s io=%s", ferry_disk_info_get_target (d),
              ferry_disk_cache_to_string (ferry_disk_info_get_cache (d)),
              ferry_disk_io_to_string (ferry_disk_info_get_io (d)));
      if (disks->live_disks != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (disks->live_disks)))
        {
          live = g_list_model_get_item (G_LIST_MODEL (disks->live_disks), i);
          printf (" live-cache=%s live-io=%s",
                  ferry_disk_cache_to_string (ferry_disk_info_get_cache (live)),
                  ferry_disk_io_to_string (ferry_disk_info_get_io (live)));
        }
      printf ("\n");
    }
}

static void
print_changes (GPtrArray *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      FerryDiskChange *c = g_ptr_array_index (changes, i);

      printf ("changed %s cache=%s io=%s applied=%s", c->target, ferry_disk_cache_to_string (c->cache),
              ferry_disk_io_to_string (c->io), applied_name (c->applied));
      if (c->live_error != NULL)
        printf (" reason=%s", c->live_error);
      printf ("\n");
    }
}

int
main (int argc, char *argv[])
{
  g_autoptr(FerryConnection) connection = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  Client client = { NULL, NULL };
  FerryDiskCache cache;
  FerryDiskIo io;

  if (argc < 4)
    {
      fprintf (stderr, "usage: %s URI DOMAIN show|set TARGET CACHE IO|make-safe\n", argv[0]);
      return 2;
    }
  ferry_core_init ();
  client.loop = g_main_loop_new (NULL, FALSE);
  g_timeout_add_seconds (TIMEOUT_SECONDS, timeout_cb, NULL);

  connection = ferry_connection_new (argv[1]);
  g_signal_connect (connection, "notify::state", G_CALLBACK (state_cb), &client);
  ferry_connection_open_async (connection, NULL, NULL, NULL);
  g_main_loop_run (client.loop);
  if (ferry_connection_get_state (connection) != FERRY_CONNECTION_STATE_CONNECTED)
    {
      printf ("error=%s\n", ferry_connection_get_error_message (connection));
      return 1;
    }

  if (g_str_equal (argv[3], "show"))
    ferry_domain_disks_read_async (connection, argv[2], NULL, result_cb, &client);
  else if (g_str_equal (argv[3], "make-safe"))
    ferry_domain_disks_make_safe_async (connection, argv[2], NULL, result_cb, &client);
  else if (g_str_equal (argv[3], "set") && argc == 7 &&
           ferry_disk_cache_from_string (argv[5], &cache) && ferry_disk_io_from_string (argv[6], &io))
    {
      changes = g_ptr_array_new_with_free_func ((GDestroyNotify)ferry_disk_change_free);
      g_ptr_array_add (changes, ferry_disk_change_new (argv[4], cache, io));
      ferry_domain_disks_apply_async (connection, argv[2], changes, NULL, result_cb, &client);
    }
  else
    {
      fprintf (stderr, "unknown command or mode\n");
      return 2;
    }
  g_main_loop_run (client.loop);

  if (g_str_equal (argv[3], "show"))
    {
      g_autoptr(FerryDomainDisks) disks = ferry_domain_disks_read_finish (client.result, &error);

      if (disks == NULL)
        return fail (error);
      print_disks (disks);
    }
  else
    {
      g_autoptr(GPtrArray) done = ferry_domain_disks_apply_finish (client.result, &error);

      if (done == NULL)
        return fail (error);
      print_changes (done);
    }
  g_object_unref (client.result);
  ferry_connection_close (connection);
  g_main_loop_unref (client.loop);
  return 0;
}
