/* test-events.c — the connection manager's events log: every host's
 * lifecycle events, connection outcomes and migration jobs' events.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libvirt/libvirt.h>

#include "ferry-core.h"
#include "ferry-connection-private.h"
#include "ferry-migration-job-private.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000

typedef struct
{
  GListModel *events;
  const char *host;
  const char *vm;
  const char *message;
  FerryEventSeverity severity;
} EventWait;

/* Whether the log holds an event with that host, VM (NULL: none) and a
 * message starting with @message. */
static gboolean
has_event (gpointer user_data)
{
  EventWait *w = user_data;

  for (guint i = 0; i < g_list_model_get_n_items (w->events); i++)
    {
      g_autoptr(FerryEvent) e = g_list_model_get_item (w->events, i);

      if (g_strcmp0 (ferry_event_get_host (e), w->host) == 0 &&
          g_strcmp0 (ferry_event_get_vm (e), w->vm) == 0 &&
          g_str_has_prefix (ferry_event_get_message (e), w->message) &&
          ferry_event_get_severity (e) == w->severity)
        return TRUE;
    }
  return FALSE;
}

static gpointer
second_client_thread (gpointer user_data)
{
  const char *step = user_data;
  virConnectPtr conn = virConnectOpen ("test:///default");
  virDomainPtr dom = NULL;
  const char *xml =
    "<domain type='test'><name>ferry-log</name><memory>65536</memory>"
    "<vcpu>1</vcpu><os><type>hvm</type></os></domain>";

  g_assert_nonnull (conn);
  if (g_str_equal (step, "define"))
    dom = virDomainDefineXML (conn, xml);
  else
    dom = virDomainLookupByName (conn, "ferry-log");
  g_assert_nonnull (dom);
  if (g_str_equal (step, "start"))
    g_assert_cmpint (virDomainCreate (dom), ==, 0);
  else if (g_str_equal (step, "destroy"))
    g_assert_cmpint (virDomainDestroy (dom), ==, 0);
  else if (g_str_equal (step, "undefine"))
    g_assert_cmpint (virDomainUndefine (dom), ==, 0);
  virDomainFree (dom);
  virConnectClose (conn);
  return NULL;
}

/* Another client of the shared in-process test driver changes the host. */
static void
run_second_client (const char *step)
{
  g_thread_join (g_thread_new ("second-client", second_client_thread, (gpointer)step));
}

static void
test_lifecycle_events (void)
{
  g_autofree char *other_uri = ferry_test_write_host (3);
  g_autoptr(FerryConnectionManager) manager = ferry_connection_manager_new (NULL);
  FerryConnection *host_a = ferry_connection_manager_add (manager, "test:///default", "host-a",
                                                          FALSE, FALSE);
  FerryConnection *host_b = ferry_connection_manager_add (manager, other_uri, "host-b",
                                                          FALSE, FALSE);
  GListModel *events = ferry_connection_manager_get_events (manager);
  EventWait w = { events, "host-a", NULL, "Connected", FERRY_EVENT_SEVERITY_INFO };
  guint main_thread_calls = ferry_core_get_main_thread_libvirt_calls ();

  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 0);

  ferry_connection_manager_connect (manager, host_a);
  ferry_connection_manager_connect (manager, host_b);
  ferry_test_wait_property (host_a, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  ferry_test_wait_property (host_b, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  g_assert_true (has_event (&w));
  w.host = "host-b";
  g_assert_true (has_event (&w));

  w.host = "host-a";
  w.vm = "ferry-log";
  run_second_client ("define");
  w.message = "Defined";
  ferry_test_wait_until (has_event, &w, TIMEOUT_MS, "Defined logged");
  run_second_client ("start");
  w.message = "Started";
  ferry_test_wait_until (has_event, &w, TIMEOUT_MS, "Started logged");
  run_second_client ("destroy");
  w.message = "Stopped (destroyed)";
  ferry_test_wait_until (has_event, &w, TIMEOUT_MS, "Stopped (destroyed) logged");
  run_second_client ("undefine");
  w.message = "Undefined";
  ferry_test_wait_until (has_event, &w, TIMEOUT_MS, "Undefined logged");

  /* The other host saw none of it. */
  w.host = "host-b";
  w.message = "";
  g_assert_false (has_event (&w));

  /* Closing is logged too, as routine. */
  ferry_connection_close (host_b);
  w.vm = NULL;
  w.message = "Disconnected";
  g_assert_true (has_event (&w));

  /* Event callbacks ran on the main thread, with local calls only. */
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, main_thread_calls);
}

static void
test_failed_connection (void)
{
  g_autoptr(FerryConnectionManager) manager = ferry_connection_manager_new (NULL);
  FerryConnection *c = ferry_connection_manager_add (manager, "test:///nonexistent.xml", NULL,
                                                     FALSE, FALSE);
  GListModel *events = ferry_connection_manager_get_events (manager);
  g_autoptr(FerryEvent) last = NULL;

  ferry_connection_manager_connect (manager, c);
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_FAILED, TIMEOUT_MS);

  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 1);
  last = g_list_model_get_item (events, 0);
  g_assert_cmpint (ferry_event_get_severity (last), ==, FERRY_EVENT_SEVERITY_ERROR);
  g_assert_cmpstr (ferry_event_get_host (last), ==, ferry_connection_get_display_name (c));
  g_assert_null (ferry_event_get_vm (last));
  /* The reason is the one the host page shows. */
  g_assert_nonnull (ferry_connection_get_error_message (c));
  g_assert_nonnull (strstr (ferry_event_get_message (last), ferry_connection_get_error_message (c)));
  g_assert_true (g_str_has_prefix (ferry_event_get_message (last), "Connection failed: "));
}

static void
test_job_events_forwarded (void)
{
  g_autoptr(FerryConnectionManager) manager = ferry_connection_manager_new (NULL);
  g_autoptr(FerryConnection) c = ferry_connection_new ("test:///default");
  FerryMigrationPlan plan = { 0 };
  g_autoptr(FerryMigrationJob) job = ferry_migration_job_new (c, NULL, "uuid", "vm1", &plan);
  GListModel *events = ferry_connection_manager_get_events (manager);
  guint logged_before = g_list_model_get_n_items (ferry_migration_job_get_events (job));
  g_autoptr(FerryEvent) first = NULL;
  g_autoptr(FerryEvent) last = NULL;

  /* What the job logged before it was added comes along. */
  _ferry_migration_job_log (job, FERRY_EVENT_SEVERITY_INFO, "host-a", "before");
  ferry_connection_manager_add_job (manager, job);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, logged_before + 1);

  _ferry_migration_job_log (job, FERRY_EVENT_SEVERITY_WARNING, "host-b", "after");
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, logged_before + 2);
  last = g_list_model_get_item (events, logged_before + 1);
  g_assert_cmpstr (ferry_event_get_message (last), ==, "after");
  g_assert_cmpstr (ferry_event_get_host (last), ==, "host-b");
  g_assert_cmpstr (ferry_event_get_vm (last), ==, "vm1");
  g_clear_object (&last);

  /* Capped: the oldest go, the newest stay. */
  for (guint i = 0; i < 6000; i++)
    {
      g_autofree char *text = g_strdup_printf ("line %u", i);

      _ferry_migration_job_log (job, FERRY_EVENT_SEVERITY_INFO, NULL, text);
    }
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 5000);
  first = g_list_model_get_item (events, 0);
  last = g_list_model_get_item (events, 4999);
  g_assert_cmpstr (ferry_event_get_message (first), ==, "line 1000");
  g_assert_cmpstr (ferry_event_get_message (last), ==, "line 5999");
}

static void
test_describe (void)
{
  static const struct {
    int event, detail;
    const char *text;
    FerryEventSeverity severity;
  } cases[] = {
    { VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_ADDED, "Defined", FERRY_EVENT_SEVERITY_INFO },
    { VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_REMOVED, "Undefined", FERRY_EVENT_SEVERITY_INFO },
    { VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED, "Started", FERRY_EVENT_SEVERITY_INFO },
    { VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_MIGRATED, "Started (migration)", FERRY_EVENT_SEVERITY_INFO },
    { VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED, "Paused (migration)", FERRY_EVENT_SEVERITY_INFO },
    { VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_IOERROR, "Paused (I/O error)", FERRY_EVENT_SEVERITY_WARNING },
    { VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED, "Resumed", FERRY_EVENT_SEVERITY_INFO },
    { VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED, "Stopped (destroyed)", FERRY_EVENT_SEVERITY_INFO },
    { VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_MIGRATED, "Stopped (migrated)", FERRY_EVENT_SEVERITY_INFO },
    { VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_CRASHED, "Stopped (crashed)", FERRY_EVENT_SEVERITY_ERROR },
    { VIR_DOMAIN_EVENT_CRASHED, VIR_DOMAIN_EVENT_CRASHED_PANICKED, "Crashed (guest panic)", FERRY_EVENT_SEVERITY_ERROR },
    { 99, 7, "Event 99 (detail 7)", FERRY_EVENT_SEVERITY_INFO },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FerryEventSeverity severity = -1;
      g_autofree char *text = _ferry_domain_event_describe (cases[i].event, cases[i].detail, &severity);

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpint (severity, ==, cases[i].severity);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ferry_core_init ();

  g_test_add_func ("/core/events/describe", test_describe);
  g_test_add_func ("/core/events/lifecycle", test_lifecycle_events);
  g_test_add_func ("/core/events/failed-connection", test_failed_connection);
  g_test_add_func ("/core/events/job-events", test_job_events_forwarded);

  return g_test_run ();
}
