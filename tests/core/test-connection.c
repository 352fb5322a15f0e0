/* test-connection.c — FerryConnection against libvirt's in-process test driver.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt/libvirt.h>

#include "ferry-core.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GError **error = user_data;

  ferry_connection_open_finish (FERRY_CONNECTION (object), result, error);
}

static void
test_open_default (void)
{
  g_autoptr(FerryConnection) c = ferry_connection_new ("test:///default");
  g_autoptr(GError) error = NULL;
  FerryDomain *d;

  g_assert_cmpint (ferry_connection_get_state (c), ==, FERRY_CONNECTION_STATE_DISCONNECTED);

  ferry_connection_open_async (c, NULL, open_cb, &error);
  /* Opening never blocks the caller: the state says so at once. */
  g_assert_cmpint (ferry_connection_get_state (c), ==, FERRY_CONNECTION_STATE_CONNECTING);
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  g_assert_no_error (error);

  g_assert_true (ferry_connection_get_domains_listed (c));
  g_assert_nonnull (ferry_connection_get_hostname (c));
  g_assert_cmpstr (ferry_connection_get_libvirt_version (c), ==, "9.0.0");
  g_assert_cmpuint (ferry_connection_get_cpus (c), ==, 16);
  g_assert_cmpuint (ferry_connection_get_memory_total (c), ==, 3145728ull * 1024);
  g_assert_cmpstr (ferry_connection_get_display_name (c), ==, ferry_connection_get_hostname (c));

  d = ferry_connection_find_domain (c, "test");
  g_assert_nonnull (d);
  /* By UUID too (ferry-migrate takes either); a name nobody has finds nothing. */
  g_assert_true (ferry_connection_find_domain (c, ferry_domain_get_uuid (d)) == d);
  g_assert_null (ferry_connection_find_domain (c, "no-such-vm"));
  g_assert_cmpint (ferry_domain_get_state (d), ==, FERRY_DOMAIN_STATE_RUNNING);
  g_assert_true (ferry_domain_is_active (d));
  g_assert_true (ferry_domain_get_persistent (d));
  g_assert_cmpuint (ferry_domain_get_vcpus (d), ==, 2);
  g_assert_cmpuint (ferry_domain_get_memory (d), ==, 8388608ull * 1024);
  g_assert_false (ferry_domain_get_has_managed_save (d));

  ferry_connection_close (c);
  g_assert_cmpint (ferry_connection_get_state (c), ==, FERRY_CONNECTION_STATE_DISCONNECTED);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_connection_get_domains (c)), ==, 0);
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
}

static void
test_open_failure (void)
{
  g_autoptr(FerryConnection) c = ferry_connection_new ("test:///nonexistent/ferry/host.xml");
  g_autoptr(GError) error = NULL;

  ferry_connection_open_async (c, NULL, open_cb, &error);
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_FAILED, TIMEOUT_MS);

  /* The user sees libvirt's own reason, naming the file it could not read. */
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_LIBVIRT);
  g_assert_nonnull (ferry_connection_get_error_message (c));
  g_assert_nonnull (strstr (ferry_connection_get_error_message (c), "/nonexistent/ferry/host.xml"));
  g_assert_cmpuint (g_list_model_get_n_items (ferry_connection_get_domains (c)), ==, 0);
}

static void
test_many_domains (void)
{
  g_autofree char *uri = ferry_test_write_host (1200);
  g_autoptr(FerryConnection) c = ferry_connection_new (uri);
  g_autoptr(GError) error = NULL;
  guint running = 0, paused = 0, shutoff = 0, transient = 0;
  GListModel *domains;
  FerryDomain *d;

  ferry_connection_open_async (c, NULL, open_cb, &error);
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  g_assert_no_error (error);

  domains = ferry_connection_get_domains (c);
  g_assert_cmpuint (g_list_model_get_n_items (domains), ==, 1200);
  for (guint i = 0; i < 1200; i++)
    {
      g_autoptr(FerryDomain) item = g_list_model_get_item (domains, i);

      switch (ferry_domain_get_state (item))
        {
        case FERRY_DOMAIN_STATE_RUNNING: running++; break;
        case FERRY_DOMAIN_STATE_PAUSED: paused++; break;
        case FERRY_DOMAIN_STATE_SHUTOFF: shutoff++; break;
        case FERRY_DOMAIN_STATE_NOSTATE:
        case FERRY_DOMAIN_STATE_BLOCKED:
        case FERRY_DOMAIN_STATE_SHUTDOWN:
        case FERRY_DOMAIN_STATE_CRASHED:
        case FERRY_DOMAIN_STATE_PMSUSPENDED:
        default: g_assert_not_reached ();
        }
      if (!ferry_domain_get_persistent (item))
        transient++;
    }
  /* The fixture's mix: i%3==0 shut off, else i%5==0 paused, else running. */
  g_assert_cmpuint (shutoff, ==, 400);
  g_assert_cmpuint (paused, ==, 160);
  g_assert_cmpuint (running, ==, 640);
  g_assert_cmpuint (transient, >, 0);

  d = ferry_connection_find_domain (c, "vm-00005");
  g_assert_nonnull (d);
  g_assert_cmpint (ferry_domain_get_state (d), ==, FERRY_DOMAIN_STATE_PAUSED);
  g_assert_cmpuint (ferry_domain_get_memory (d), ==, 6ull * 256 * 1024 * 1024);
  g_assert_cmpuint (ferry_domain_get_vcpus (d), ==, 2);
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
}

typedef struct
{
  FerryConnection *c;
  const char      *name;
  gboolean         present;
  int              state;
} DomainWait;

static gboolean
domain_matches (gpointer user_data)
{
  DomainWait *w = user_data;
  FerryDomain *d = ferry_connection_find_domain (w->c, w->name);

  if (!w->present)
    return d == NULL;
  return d != NULL && (w->state < 0 || (int)ferry_domain_get_state (d) == w->state);
}

static gpointer
second_client_thread (gpointer user_data)
{
  const char *step = user_data;
  virConnectPtr conn = virConnectOpen ("test:///default");
  virDomainPtr dom = NULL;
  const char *xml =
    "<domain type='test'><name>ferry-evt</name><memory>65536</memory>"
    "<vcpu>1</vcpu><os><type>hvm</type></os></domain>";

  g_assert_nonnull (conn);
  if (g_str_equal (step, "define"))
    dom = virDomainDefineXML (conn, xml);
  else
    dom = virDomainLookupByName (conn, "ferry-evt");
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

static void
run_second_client (const char *step)
{
  g_thread_join (g_thread_new ("second-client", second_client_thread, (gpointer)step));
}

static void
test_events_update_model (void)
{
  g_autoptr(FerryConnection) c = ferry_connection_new ("test:///default");
  g_autoptr(GError) error = NULL;
  DomainWait w = { c, "ferry-evt", TRUE, FERRY_DOMAIN_STATE_SHUTOFF };
  guint before;

  ferry_connection_open_async (c, NULL, open_cb, &error);
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  before = g_list_model_get_n_items (ferry_connection_get_domains (c));

  /* Another client changes the host; only libvirt's events tell Ferry. */
  run_second_client ("define");
  ferry_test_wait_until (domain_matches, &w, TIMEOUT_MS, "defined domain listed");
  g_assert_cmpuint (g_list_model_get_n_items (ferry_connection_get_domains (c)), ==, before + 1);

  run_second_client ("start");
  w.state = FERRY_DOMAIN_STATE_RUNNING;
  ferry_test_wait_until (domain_matches, &w, TIMEOUT_MS, "domain running");
  g_assert_true (ferry_domain_is_active (ferry_connection_find_domain (c, "ferry-evt")));

  run_second_client ("destroy");
  w.state = FERRY_DOMAIN_STATE_SHUTOFF;
  ferry_test_wait_until (domain_matches, &w, TIMEOUT_MS, "domain shut off");

  run_second_client ("undefine");
  w.present = FALSE;
  ferry_test_wait_until (domain_matches, &w, TIMEOUT_MS, "domain removed");
  g_assert_cmpuint (g_list_model_get_n_items (ferry_connection_get_domains (c)), ==, before);
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ferry_core_init ();

  g_test_add_func ("/core/connection/open-default", test_open_default);
  g_test_add_func ("/core/connection/open-failure", test_open_failure);
  g_test_add_func ("/core/connection/many-domains", test_many_domains);
  g_test_add_func ("/core/connection/events-update-model", test_events_update_model);

  return g_test_run ();
}
