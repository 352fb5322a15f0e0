/* test-reconnect.c — a real libvirtd (serving libvirt's test driver over a
 * private unix socket) stops answering or dies: Ferry notices through
 * keepalive or EOF, says why, and reconnects by itself when it is back. And a
 * connection the user closes is really gone: no socket left to the host.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <unistd.h>

#include "ferry-core.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 30000

typedef struct
{
  char        *dir;
  char        *socket;
  GSubprocess *daemon;
} Daemon;

static gboolean
socket_exists (gpointer user_data)
{
  return g_file_test (user_data, G_FILE_TEST_EXISTS);
}

/* The running daemon, for the abort handler: a failed assertion aborts the
 * test before teardown, and the daemon must not outlive it. (PR_SET_PDEATHSIG
 * would not do: it is cleared when setpriv changes the user.) */
static volatile sig_atomic_t running_daemon_pid;

static void
abort_handler (int signum)
{
  if (running_daemon_pid > 0)
    kill ((pid_t)running_daemon_pid, SIGKILL);
  signal (signum, SIG_DFL);
  raise (signum);
}

/* A killed daemon reads as EOF or, when the kernel resets the socket first, as
 * a socket error: libvirt reports either, and Ferry says each plainly. */
static gboolean
says_host_went_away (const char *message)
{
  return message != NULL && (strstr (message, "closed the connection") != NULL ||
                             strstr (message, "connection to the host was lost") != NULL);
}

/* Runs libvirtd as "nobody", so it is an unprivileged session daemon that
 * touches nothing of the machine's own libvirt. */
static void
daemon_start (Daemon *d)
{
  g_autofree char *conf = g_build_filename (d->dir, "libvirtd.conf", NULL);
  g_autofree char *contents = g_strdup_printf ("unix_sock_dir = \"%s\"\n"
                                               "log_outputs = \"1:file:%s/libvirtd.log\"\n",
                                               d->dir, d->dir);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (conf, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chown (conf, 65534, 65534), ==, 0);

  g_subprocess_launcher_set_environ (launcher, NULL);
  g_subprocess_launcher_setenv (launcher, "HOME", d->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", d->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", d->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", d->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "PATH", "/usr/sbin:/usr/bin:/sbin:/bin", TRUE);
  d->daemon = g_subprocess_launcher_spawn (launcher, &error,
                                           "setpriv", "--reuid=65534", "--regid=65534",
                                           "--clear-groups", "/usr/sbin/libvirtd",
                                           "--config", conf, NULL);
  g_assert_no_error (error);
  running_daemon_pid = atoi (g_subprocess_get_identifier (d->daemon));
  ferry_test_wait_until (socket_exists, d->socket, TIMEOUT_MS, "libvirtd socket");
}

static void
daemon_stop (Daemon *d)
{
  if (d->daemon == NULL)
    return;
  g_subprocess_send_signal (d->daemon, SIGCONT);
  g_subprocess_force_exit (d->daemon);
  g_subprocess_wait (d->daemon, NULL, NULL);
  running_daemon_pid = 0;
  g_clear_object (&d->daemon);
  g_unlink (d->socket);
}

static gboolean
setup (Daemon *d)
{
  g_autoptr(GError) error = NULL;

  if (getuid () != 0 || !g_file_test ("/usr/sbin/libvirtd", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("needs root and libvirtd (tools/check installs libvirt-daemon)");
      return FALSE;
    }
  d->dir = g_dir_make_tmp ("ferry-libvirtd-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_cmpint (chown (d->dir, 65534, 65534), ==, 0);
  d->socket = g_build_filename (d->dir, "libvirt-sock", NULL);
  daemon_start (d);
  return TRUE;
}

static void
teardown (Daemon *d)
{
  g_autofree char *cmd = NULL;

  daemon_stop (d);
  cmd = g_strdup_printf ("rm -rf '%s'", d->dir);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (d->dir);
  g_free (d->socket);
}

static FerryConnection *
connect_to (Daemon *d)
{
  g_autofree char *uri = g_strdup_printf ("test+unix:///default?socket=%s", d->socket);
  FerryConnection *c = ferry_connection_new (uri);

  /* Dead after 1 s × (1 + 1) of silence; give up an open after 3 s. */
  g_object_set (c, "keepalive-interval", 1, "keepalive-count", 1, "open-timeout", 3, NULL);
  ferry_connection_open_async (c, NULL, NULL, NULL);
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_connection_get_domains (c)), ==, 1);
  return c;
}

static void
test_keepalive_loss (void)
{
  Daemon d = { 0 };
  g_autoptr(FerryConnection) c = NULL;

  if (!setup (&d))
    return;
  c = connect_to (&d);

  /* The daemon freezes: only keepalive can tell. */
  g_subprocess_send_signal (d.daemon, SIGSTOP);
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_DISCONNECTED, TIMEOUT_MS);
  g_assert_nonnull (strstr (ferry_connection_get_error_message (c), "keepalive"));
  g_assert_cmpuint (ferry_connection_get_reconnect_seconds (c), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_connection_get_domains (c)), ==, 0);

  /* Back: Ferry reconnects without being asked, and lists the VMs again. */
  g_subprocess_send_signal (d.daemon, SIGCONT);
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_connection_get_domains (c)), ==, 1);
  g_assert_cmpuint (ferry_connection_get_reconnect_seconds (c), ==, 0);

  ferry_connection_close (c);
  teardown (&d);
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
}

static void
test_daemon_restart (void)
{
  Daemon d = { 0 };
  g_autoptr(FerryConnection) c = NULL;

  if (!setup (&d))
    return;
  c = connect_to (&d);

  /* The daemon dies: the socket closes at once. */
  daemon_stop (&d);
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_DISCONNECTED, TIMEOUT_MS);
  g_assert_true (says_host_went_away (ferry_connection_get_error_message (c)));

  /* Reconnects fail while it is away (backoff keeps trying)… */
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_FAILED, TIMEOUT_MS);

  /* …and succeed once it is restarted. */
  daemon_start (&d);
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);

  /* A connection the user closed stays closed. */
  ferry_connection_close (c);
  daemon_stop (&d);
  daemon_start (&d);
  g_assert_cmpuint (ferry_connection_get_reconnect_seconds (c), ==, 0);
  g_assert_cmpint (ferry_connection_get_state (c), ==, FERRY_CONNECTION_STATE_DISCONNECTED);
  teardown (&d);
}

typedef struct
{
  GListModel *events;
  const char *prefix;
} EventWait;

/* The last event is an error whose message starts with @prefix. */
static gboolean
last_event_is (gpointer user_data)
{
  EventWait *w = user_data;
  guint n = g_list_model_get_n_items (w->events);
  g_autoptr(FerryEvent) last = n > 0 ? g_list_model_get_item (w->events, n - 1) : NULL;

  return last != NULL && ferry_event_get_severity (last) == FERRY_EVENT_SEVERITY_ERROR &&
         g_str_has_prefix (ferry_event_get_message (last), w->prefix);
}

/* A lost link is an error in the events log, naming the host and saying
 * why; a connection the user closes is routine. */
static void
test_loss_logged (void)
{
  Daemon d = { 0 };
  g_autoptr(FerryConnectionManager) manager = NULL;
  g_autofree char *uri = NULL;
  FerryConnection *c;
  GListModel *events;
  EventWait w;
  g_autoptr(FerryEvent) last = NULL;

  if (!setup (&d))
    return;
  manager = ferry_connection_manager_new (NULL);
  events = ferry_connection_manager_get_events (manager);
  uri = g_strdup_printf ("test+unix:///default?socket=%s", d.socket);
  c = ferry_connection_manager_add (manager, uri, "lab-host", FALSE, FALSE);
  g_object_set (c, "keepalive-interval", 1, "keepalive-count", 1, "open-timeout", 3, NULL);
  ferry_connection_manager_connect (manager, c);
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);

  /* The daemon dies under the open connection. */
  daemon_stop (&d);
  w = (EventWait) { events, "Connection to lab-host lost: " };
  ferry_test_wait_until (last_event_is, &w, TIMEOUT_MS, "the loss to be logged");
  last = g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);
  g_assert_cmpstr (ferry_event_get_host (last), ==, "lab-host");
  g_assert_null (ferry_event_get_vm (last));
  /* The reason is the one the host page shows. */
  g_assert_true (says_host_went_away (ferry_event_get_message (last)));
  g_assert_nonnull (strstr (ferry_event_get_message (last), ferry_connection_get_error_message (c)));

  ferry_connection_close (c);
  teardown (&d);
}

/* Sockets this process has open: each libvirt connection holds one. */
static guint
open_sockets (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (path, NULL);

      if (target != NULL && g_str_has_prefix (target, "socket:"))
        n++;
    }
  return n;
}

static gboolean
sockets_back_to (gpointer user_data)
{
  return open_sockets () <= GPOINTER_TO_UINT (user_data);
}

/* Closing a host lets go of it: once its close callback was registered,
 * libvirt kept every closed connection (socket, client on the host, memory)
 * until the process ended. The soak found it as 8 descriptors per round trip. */
static void
test_close_releases (void)
{
  Daemon d = { 0 };
  guint before;

  if (!setup (&d))
    return;
  before = open_sockets ();
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(FerryConnection) c = connect_to (&d);

      g_assert_cmpuint (open_sockets (), >, before);
      ferry_connection_close (c);
      ferry_test_wait_until (sockets_back_to, GUINT_TO_POINTER (before), TIMEOUT_MS,
                             "the closed connection's socket to be released");
    }
  teardown (&d);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  signal (SIGABRT, abort_handler);
  /* g_error() (a wait that timed out) stops the test with a breakpoint trap. */
  signal (SIGTRAP, abort_handler);
  ferry_core_init ();

  g_test_add_func ("/core/reconnect/keepalive-loss", test_keepalive_loss);
  g_test_add_func ("/core/reconnect/daemon-restart", test_daemon_restart);
  g_test_add_func ("/core/reconnect/loss-logged", test_loss_logged);
  g_test_add_func ("/core/reconnect/close-releases", test_close_releases);

  return g_test_run ();
}
