/* ferry-askpass-server.c — answers ssh's prompts for qemu+ssh:// connections.
 *
 * libvirt opens qemu+ssh:// by running the ssh program. Its password,
 * passphrase and host-key prompts would go to a terminal; with SSH_ASKPASS
 * pointing at ferry-askpass and SSH_ASKPASS_REQUIRE=force, ssh runs that
 * helper instead, which forwards each prompt here over a private unix socket.
 * Each prompt becomes a FerryAuthRequest (signal ::request), answered by the
 * same credential dialog as libvirt's own auth callbacks.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gunixsocketaddress.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ferry-askpass-server.h"
#include "ferry-auth-request-private.h"

struct _FerryAskpassServer
{
  GObject          parent_instance;

  char            *program;
  char            *dir;
  char            *socket_path;
  GSocketService  *service;
};

enum {
  SIGNAL_REQUEST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FerryAskpassServer, ferry_askpass_server, G_TYPE_OBJECT)

/* One ssh prompt in flight: the helper's socket, kept open until answered. */
typedef struct
{
  GSocketConnection *connection;
  GDataInputStream  *in;
  GWeakRef           server;
} Pending;

static void
pending_free (Pending *pending)
{
  g_io_stream_close (G_IO_STREAM (pending->connection), NULL, NULL);
  g_clear_object (&pending->in);
  g_clear_object (&pending->connection);
  g_weak_ref_clear (&pending->server);
  g_free (pending);
}

static void
answer_written_cb (GObject      *stream,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_output_stream_write_all_finish (G_OUTPUT_STREAM (stream), result, NULL, NULL);
  pending_free (user_data);
}

static void
request_done_cb (FerryAuthRequest *request,
                 gboolean          accepted,
                 gpointer          user_data)
{
  Pending *pending = g_steal_pointer (&user_data);
  g_autofree char *answer = NULL;
  g_autofree char *line = NULL;
  GOutputStream *out;

  /* The request owns the Pending; take it back so it outlives the request. */
  _ferry_auth_request_set_done (request, NULL, NULL, NULL);

  if (!accepted)
    {
      /* No line: ferry-askpass exits 1 and ssh gives up on this method. */
      pending_free (pending);
      return;
    }

  answer = _ferry_auth_request_dup_answer (request, 0);
  if (ferry_auth_request_get_field_kind (request, 0) == FERRY_CREDENTIAL_HOST_KEY)
    {
      g_free (answer);
      answer = g_strdup ("yes");
    }
  {
    g_autofree char *escaped = g_strescape (answer ? answer : "", NULL);

    line = g_strdup_printf ("%s\n", escaped);
    explicit_bzero (escaped, strlen (escaped));
  }
  if (answer != NULL)
    explicit_bzero (answer, strlen (answer));

  out = g_io_stream_get_output_stream (G_IO_STREAM (pending->connection));
  g_output_stream_write_all_async (out, line, strlen (line), G_PRIORITY_DEFAULT, NULL,
                                   answer_written_cb, pending);
  /* The stream copies nothing: keep the line alive until written. */
  g_object_set_data_full (G_OBJECT (pending->connection), "ferry-line",
                          g_steal_pointer (&line), g_free);
}

static void
line_read_cb (GObject      *stream,
              GAsyncResult *result,
              gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(FerryAskpassServer) self = g_weak_ref_get (&pending->server);
  g_autofree char *line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (stream),
                                                                result, NULL, NULL);
  g_autoptr(FerryAuthRequest) request = NULL;
  g_autofree char *destination = NULL;
  g_autofree char *prompt = NULL;
  char *tab;

  if (self == NULL || line == NULL || (tab = strchr (line, '\t')) == NULL)
    {
      pending_free (pending);
      return;
    }
  *tab = '\0';
  destination = g_strcompress (line);
  prompt = g_strcompress (tab + 1);

  g_debug ("askpass: ssh to %s asks a question", destination);
  request = _ferry_auth_request_new_prompt (destination, prompt);
  _ferry_auth_request_set_done (request, request_done_cb, pending, (GDestroyNotify)pending_free);

  g_signal_emit (self, signals[SIGNAL_REQUEST], 0, destination, request);
  /* Nobody took it: refuse rather than leave ssh waiting. */
  if (!ferry_auth_request_is_done (request) &&
      !g_signal_has_handler_pending (self, signals[SIGNAL_REQUEST], 0, FALSE))
    ferry_auth_request_cancel (request);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->connection = g_object_ref (connection);
  pending->in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  g_weak_ref_init (&pending->server, user_data);
  g_data_input_stream_read_line_async (pending->in, G_PRIORITY_DEFAULT, NULL, line_read_cb, pending);
  return TRUE;
}

static void
ferry_askpass_server_finalize (GObject *object)
{
  FerryAskpassServer *self = (FerryAskpassServer *)object;

  if (self->service != NULL)
    g_socket_service_stop (self->service);
  g_clear_object (&self->service);
  if (self->socket_path != NULL)
    g_unlink (self->socket_path);
  if (self->dir != NULL)
    {
      g_autofree char *bin = g_build_filename (self->dir, "bin", NULL);
      g_autofree char *wrapper = g_build_filename (bin, "ssh", NULL);

      g_unlink (wrapper);
      g_rmdir (bin);
      g_rmdir (self->dir);
    }
  g_clear_pointer (&self->socket_path, g_free);
  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->program, g_free);

  G_OBJECT_CLASS (ferry_askpass_server_parent_class)->finalize (object);
}

static void
ferry_askpass_server_class_init (FerryAskpassServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ferry_askpass_server_finalize;

  /**
   * FerryAskpassServer::request:
   * @destination: the host ssh connects to, as given to ssh
   * @request: the prompt, one field
   */
  signals[SIGNAL_REQUEST] =
    g_signal_new ("request", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, FERRY_TYPE_AUTH_REQUEST);
}

static void
ferry_askpass_server_init (FerryAskpassServer *self)
{
}

/**
 * ferry_askpass_server_new:
 * @askpass_program: the ferry-askpass executable
 *
 * Listens on a socket in a new directory only this user can enter.
 *
 * Returns: (transfer full): the server, or %NULL with @error set
 */
FerryAskpassServer *
ferry_askpass_server_new (const char  *askpass_program,
                          GError     **error)
{
  g_autoptr(FerryAskpassServer) self = g_object_new (FERRY_TYPE_ASKPASS_SERVER, NULL);
  g_autofree char *template = g_build_filename (g_get_user_runtime_dir (), "ferry-askpass-XXXXXX", NULL);
  g_autoptr(GSocketAddress) address = NULL;

  self->program = g_strdup (askpass_program);
  /* mkdtemp makes the directory 0700: no other user can reach the socket. */
  self->dir = g_mkdtemp (g_steal_pointer (&template));
  if (self->dir == NULL)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot create the askpass directory: %s", g_strerror (errno));
      return NULL;
    }
  self->socket_path = g_build_filename (self->dir, "socket", NULL);
  address = g_unix_socket_address_new (self->socket_path);
  self->service = g_socket_service_new ();
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT,
                                      NULL, NULL, error))
    return NULL;
  g_signal_connect_object (self->service, "incoming", G_CALLBACK (incoming_cb), self, 0);
  g_socket_service_start (self->service);

  return g_steal_pointer (&self);
}

const char *
ferry_askpass_server_get_socket_path (FerryAskpassServer *self)
{
  g_return_val_if_fail (FERRY_IS_ASKPASS_SERVER (self), NULL);
  return self->socket_path;
}

/* libvirt 9.0 starts ssh with a short fixed list of environment variables
 * (PATH, HOME, SSH_ASKPASS, DISPLAY, …): SSH_ASKPASS_REQUIRE and
 * FERRY_ASKPASS_SOCKET never reach ssh, so without DISPLAY it refuses the host
 * key at once, and ferry-askpass cannot find Ferry. PATH does get through: an
 * "ssh" wrapper first on it puts the two back and runs the real ssh. */
static void
install_ssh_wrapper (FerryAskpassServer *self)
{
  g_autofree char *ssh = g_find_program_in_path ("ssh");
  g_autofree char *bin = g_build_filename (self->dir, "bin", NULL);
  g_autofree char *wrapper = g_build_filename (bin, "ssh", NULL);
  g_autofree char *q_socket = g_shell_quote (self->socket_path);
  g_autofree char *q_program = g_shell_quote (self->program);
  g_autofree char *q_ssh = NULL;
  g_autofree char *script = NULL;
  g_autofree char *path = NULL;
  const char *old_path = g_getenv ("PATH");

  if (ssh == NULL)
    return;   /* no ssh: qemu+ssh:// cannot work anyway, libvirt says so */
  q_ssh = g_shell_quote (ssh);
  script = g_strdup_printf ("#!/bin/sh\n"
                            "# Written by Ferry: see ferry-askpass-server.c\n"
                            "SSH_ASKPASS_REQUIRE=force FERRY_ASKPASS_SOCKET=%s SSH_ASKPASS=%s "
                            "exec %s \"$@\"\n", q_socket, q_program, q_ssh);
  if (g_mkdir (bin, 0700) != 0 ||
      !g_file_set_contents (wrapper, script, -1, NULL) ||
      g_chmod (wrapper, 0700) != 0)
    {
      g_warning ("Cannot install the ssh wrapper in %s; ssh prompts may not reach Ferry", bin);
      return;
    }
  path = g_strdup_printf ("%s:%s", bin, old_path ? old_path : "/usr/bin:/bin");
  g_setenv ("PATH", path, TRUE);
}

/**
 * ferry_askpass_server_export_environment:
 *
 * Sets SSH_ASKPASS, SSH_ASKPASS_REQUIRE=force and FERRY_ASKPASS_SOCKET in this
 * process's environment, which the ssh that libvirt runs inherits. Call once
 * at start, before worker threads exist (setenv is not thread-safe).
 */
void
ferry_askpass_server_export_environment (FerryAskpassServer *self)
{
  g_return_if_fail (FERRY_IS_ASKPASS_SERVER (self));

  g_setenv ("SSH_ASKPASS", self->program, TRUE);
  g_setenv ("SSH_ASKPASS_REQUIRE", "force", TRUE);
  g_setenv ("FERRY_ASKPASS_SOCKET", self->socket_path, TRUE);
  install_ssh_wrapper (self);
}
