/* ferry-askpass.c — the SSH_ASKPASS program Ferry sets for the ssh that
 * libvirt runs for qemu+ssh:// connections. ssh runs it with the prompt as its
 * argument; it asks the Ferry that started ssh over a private unix socket and
 * prints the answer, so prompts reach Ferry's own credential dialog instead
 * of a terminal Ferry does not have.
 *
 * Protocol, one line each way (C-escaped with g_strescape):
 *   → DESTINATION \t PROMPT \n      ← ANSWER \n     (no answer line: refused)
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The host ssh connects to, from the parent ssh's command line: Ferry uses it
 * to tell which connection is asking when several open at once. */
static char *
ssh_destination (void)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/cmdline", (int)getppid ());
  g_autofree char *cmdline = NULL;
  gsize len = 0;
  const char *last_before_command = NULL;

  if (!g_file_get_contents (path, &cmdline, &len, NULL))
    return g_strdup ("");

  /* libvirt runs "ssh [options] -- DESTINATION sh -c …": the argument after
   * "--" is the destination. */
  for (const char *arg = cmdline; arg < cmdline + len; arg += strlen (arg) + 1)
    if (g_str_equal (arg, "--") && arg + 3 < cmdline + len)
      {
        last_before_command = arg + strlen (arg) + 1;
        break;
      }
  return g_strdup (last_before_command ? last_before_command : "");
}

int
main (int   argc,
      char *argv[])
{
  const char *socket_path = g_getenv ("FERRY_ASKPASS_SOCKET");
  g_autoptr(GSocketClient) client = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *destination = ssh_destination ();
  g_autofree char *esc_destination = NULL;
  g_autofree char *esc_prompt = NULL;
  g_autofree char *request = NULL;
  g_autofree char *line = NULL;
  g_autofree char *answer = NULL;
  GOutputStream *out;

  if (socket_path == NULL || argc < 2)
    {
      fprintf (stderr, "ferry-askpass: run by ssh for Ferry only (FERRY_ASKPASS_SOCKET unset)\n");
      return 1;
    }

  client = g_socket_client_new ();
  address = g_unix_socket_address_new (socket_path);
  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, &error);
  if (connection == NULL)
    {
      fprintf (stderr, "ferry-askpass: cannot reach Ferry: %s\n", error->message);
      return 1;
    }

  esc_destination = g_strescape (destination, NULL);
  esc_prompt = g_strescape (argv[1], NULL);
  request = g_strdup_printf ("%s\t%s\n", esc_destination, esc_prompt);
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  if (!g_output_stream_write_all (out, request, strlen (request), NULL, NULL, &error))
    return 1;

  /* Waits as long as the user takes; Ferry closes the socket to refuse. */
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  line = g_data_input_stream_read_line (in, NULL, NULL, &error);
  if (line == NULL)
    return 1;

  answer = g_strcompress (line);
  printf ("%s\n", answer);
  explicit_bzero (answer, strlen (answer));
  explicit_bzero (line, strlen (line));
  return 0;
}
