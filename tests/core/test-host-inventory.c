/* test-host-inventory.c — FerryHostInventory against libvirt's test driver.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt/libvirt.h>

#include "ferry-core.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000
#define GIB (1024ull * 1024 * 1024)

/* ------------------------------------------------------------- fixtures */

/* The test driver starts every pool and network of a host file; the inactive
 * ones are made by setup_fixture() after opening. Capacity is always 100 GiB
 * there; a volume sets the allocation. */
static char *
write_inventory_host (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ferry-inventory-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "host.xml", NULL);
  const char *xml =
    "<node>\n"
    "  <pool type='dir'>\n"
    "    <name>images</name>\n"
    "    <uuid>5a1f0c3e-0000-4000-8000-000000000001</uuid>\n"
    "    <target><path>/var/lib/ferry/images</path></target>\n"
    "    <volume type='file'>\n"
    "      <name>disk.qcow2</name>\n"
    "      <capacity unit='GiB'>40</capacity>\n"
    "      <allocation unit='GiB'>25</allocation>\n"
    "      <target><path>/var/lib/ferry/images/disk.qcow2</path></target>\n"
    "    </volume>\n"
    "  </pool>\n"
    "  <pool type='netfs'>\n"
    "    <name>shared</name>\n"
    "    <uuid>5a1f0c3e-0000-4000-8000-000000000002</uuid>\n"
    "    <source><host name='nfs.example'/><dir path='/export'/><format type='nfs'/></source>\n"
    "    <target><path>/mnt/shared</path></target>\n"
    "  </pool>\n"
    "  <pool type='dir'>\n"
    "    <name>scratch</name>\n"
    "    <target><path>/var/tmp/scratch</path></target>\n"
    "  </pool>\n"
    "  <pool type='logical'>\n"
    "    <name>vg0</name>\n"
    "    <source><name>vg0</name><format type='lvm2'/></source>\n"
    "    <target><path>/dev/vg0</path></target>\n"
    "  </pool>\n"
    "  <network>\n"
    "    <name>lan</name>\n"
    "    <uuid>5a1f0c3e-0000-4000-8000-0000000000a1</uuid>\n"
    "    <forward mode='nat'/>\n"
    "    <bridge name='virbr7'/>\n"
    "    <ip address='192.168.50.1' netmask='255.255.255.0'/>\n"
    "  </network>\n"
    "  <network>\n"
    "    <name>isolated</name>\n"
    "    <bridge name='virbr9'/>\n"
    "  </network>\n"
    "  <network>\n"
    "    <name>host-bridge</name>\n"
    "    <forward mode='bridge'/>\n"
    "    <bridge name='br0'/>\n"
    "  </network>\n"
    "  <network>\n"
    "    <name>offline</name>\n"
    "    <forward/>\n"
    "    <bridge name='virbr8'/>\n"
    "    <ip address='192.168.60.1' netmask='255.255.255.0'/>\n"
    "  </network>\n"
    "</node>\n";

  g_assert_no_error (error);
  g_file_set_contents (path, xml, -1, &error);
  g_assert_no_error (error);
  return g_strdup_printf ("test://%s", path);
}

/* Test thread: what the file cannot say. */
static void
setup_fixture (virConnectPtr conn)
{
  virStoragePoolPtr pool;
  virNetworkPtr net;

  pool = virStoragePoolLookupByName (conn, "scratch");
  g_assert_cmpint (virStoragePoolDestroy (pool), ==, 0);
  virStoragePoolFree (pool);

  pool = virStoragePoolLookupByName (conn, "images");
  g_assert_cmpint (virStoragePoolSetAutostart (pool, 1), ==, 0);
  virStoragePoolFree (pool);

  /* Defined, never started. */
  pool = virStoragePoolDefineXML (conn,
                                  "<pool type='dir'><name>archive</name>"
                                  "<target><path>/srv/archive</path></target></pool>", 0);
  g_assert_nonnull (pool);
  virStoragePoolFree (pool);

  /* Started, never defined. */
  pool = virStoragePoolCreateXML (conn,
                                  "<pool type='dir'><name>transient</name>"
                                  "<target><path>/run/transient</path></target></pool>", 0);
  g_assert_nonnull (pool);
  virStoragePoolFree (pool);

  net = virNetworkLookupByName (conn, "offline");
  g_assert_cmpint (virNetworkDestroy (net), ==, 0);
  virNetworkFree (net);

  net = virNetworkLookupByName (conn, "lan");
  g_assert_cmpint (virNetworkSetAutostart (net, 1), ==, 0);
  virNetworkFree (net);
}

typedef struct
{
  const char    *uri;
  gboolean       setup;
  virConnectPtr  conn;
} OpenData;

/* Opening is an RPC too: it runs on its own thread, as Ferry's workers do. */
static gpointer
open_thread (gpointer user_data)
{
  OpenData *data = user_data;

  data->conn = virConnectOpen (data->uri);
  g_assert_nonnull (data->conn);
  if (data->setup)
    setup_fixture (data->conn);
  return NULL;
}

static virConnectPtr
open_conn (const char *uri,
           gboolean    setup)
{
  OpenData data = { uri, setup, NULL };

  g_thread_join (g_thread_new ("open", open_thread, &data));
  return data.conn;
}

static gpointer
close_thread (gpointer conn)
{
  virConnectClose (conn);
  return NULL;
}

static void
close_conn (virConnectPtr conn)
{
  g_thread_join (g_thread_new ("close", close_thread, conn));
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} LoadWait;

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  LoadWait *wait = user_data;

  wait->ok = _ferry_host_inventory_load_finish (FERRY_HOST_INVENTORY (object), result,
                                                &wait->error);
  wait->done = TRUE;
}

static gboolean
load_done (gpointer user_data)
{
  return ((LoadWait *)user_data)->done;
}

static void
load (FerryHostInventory *inventory,
      virConnectPtr       conn)
{
  LoadWait wait = { FALSE, FALSE, NULL };

  _ferry_host_inventory_load_async (inventory, conn, NULL, load_cb, &wait);
  /* Never on the caller's stack: nothing is listed until the worker is back. */
  g_assert_false (ferry_host_inventory_get_loaded (inventory));
  ferry_test_wait_until (load_done, &wait, TIMEOUT_MS, "inventory loaded");
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
  g_assert_true (ferry_host_inventory_get_loaded (inventory));
}

/* ---------------------------------------------------------------- tests */

static void
assert_pool (FerryPool      *pool,
             const char     *type,
             FerryPoolState  state,
             gboolean        persistent,
             gboolean        autostart,
             const char     *target_path)
{
  g_assert_nonnull (pool);
  g_assert_cmpstr (ferry_pool_get_pool_type (pool), ==, type);
  g_assert_cmpint (ferry_pool_get_state (pool), ==, state);
  g_assert_cmpint (ferry_pool_get_active (pool), ==, state == FERRY_POOL_STATE_RUNNING);
  g_assert_cmpint (ferry_pool_get_persistent (pool), ==, persistent);
  g_assert_cmpint (ferry_pool_get_autostart (pool), ==, autostart);
  g_assert_cmpstr (ferry_pool_get_target_path (pool), ==, target_path);
  g_assert_nonnull (ferry_pool_get_uuid (pool));
  g_assert_cmpuint (strlen (ferry_pool_get_uuid (pool)), ==, 36);
}

static void
assert_network (FerryNetwork *net,
                gboolean      active,
                gboolean      persistent,
                gboolean      autostart,
                const char   *bridge,
                const char   *forward_mode)
{
  g_assert_nonnull (net);
  g_assert_cmpint (ferry_network_get_active (net), ==, active);
  g_assert_cmpint (ferry_network_get_persistent (net), ==, persistent);
  g_assert_cmpint (ferry_network_get_autostart (net), ==, autostart);
  g_assert_cmpstr (ferry_network_get_bridge (net), ==, bridge);
  g_assert_cmpstr (ferry_network_get_forward_mode (net), ==, forward_mode);
  g_assert_cmpuint (strlen (ferry_network_get_uuid (net)), ==, 36);
}

static void
test_fixture (void)
{
  g_autofree char *uri = write_inventory_host ();
  virConnectPtr conn = open_conn (uri, TRUE);
  g_autoptr(FerryHostInventory) inventory = ferry_host_inventory_new ();
  g_autofree char *type = NULL;
  g_autofree char *state_label = NULL;
  FerryPoolState state;
  guint64 capacity;
  FerryPool *pool;
  FerryNetwork *net;

  g_assert_cmpuint (g_list_model_get_n_items (ferry_host_inventory_get_pools (inventory)), ==, 0);
  load (inventory, conn);

  g_assert_cmpuint (g_list_model_get_n_items (ferry_host_inventory_get_pools (inventory)), ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_host_inventory_get_networks (inventory)), ==, 4);
  g_assert_true (g_list_model_get_item_type (ferry_host_inventory_get_pools (inventory)) ==
                 FERRY_TYPE_POOL);
  g_assert_true (g_list_model_get_item_type (ferry_host_inventory_get_networks (inventory)) ==
                 FERRY_TYPE_NETWORK);

  pool = ferry_host_inventory_find_pool (inventory, "images");
  assert_pool (pool, "dir", FERRY_POOL_STATE_RUNNING, TRUE, TRUE, "/var/lib/ferry/images");
  g_assert_cmpstr (ferry_pool_get_uuid (pool), ==, "5a1f0c3e-0000-4000-8000-000000000001");
  g_assert_cmpstr (ferry_pool_get_name (pool), ==, "images");
  g_assert_cmpuint (ferry_pool_get_capacity (pool), ==, 100 * GIB);
  g_assert_cmpuint (ferry_pool_get_allocation (pool), ==, 25 * GIB);
  g_assert_cmpuint (ferry_pool_get_available (pool), ==, 75 * GIB);

  /* The same values through the properties the UI binds to. */
  g_object_get (pool, "type", &type, "state", &state, "state-label", &state_label,
                "capacity", &capacity, NULL);
  g_assert_cmpstr (type, ==, "dir");
  g_assert_cmpint (state, ==, FERRY_POOL_STATE_RUNNING);
  g_assert_cmpstr (state_label, ==, ferry_pool_state_to_string (FERRY_POOL_STATE_RUNNING));
  g_assert_cmpuint (capacity, ==, 100 * GIB);

  pool = ferry_host_inventory_find_pool (inventory, "shared");
  assert_pool (pool, "netfs", FERRY_POOL_STATE_RUNNING, TRUE, FALSE, "/mnt/shared");
  g_assert_cmpstr (ferry_pool_get_uuid (pool), ==, "5a1f0c3e-0000-4000-8000-000000000002");
  g_assert_cmpuint (ferry_pool_get_capacity (pool), ==, 100 * GIB);
  g_assert_cmpuint (ferry_pool_get_allocation (pool), ==, 0);
  g_assert_cmpuint (ferry_pool_get_available (pool), ==, 100 * GIB);

  pool = ferry_host_inventory_find_pool (inventory, "scratch");
  assert_pool (pool, "dir", FERRY_POOL_STATE_INACTIVE, TRUE, FALSE, "/var/tmp/scratch");

  pool = ferry_host_inventory_find_pool (inventory, "vg0");
  assert_pool (pool, "logical", FERRY_POOL_STATE_RUNNING, TRUE, FALSE, "/dev/vg0");

  pool = ferry_host_inventory_find_pool (inventory, "archive");
  assert_pool (pool, "dir", FERRY_POOL_STATE_INACTIVE, TRUE, FALSE, "/srv/archive");

  pool = ferry_host_inventory_find_pool (inventory, "transient");
  assert_pool (pool, "dir", FERRY_POOL_STATE_RUNNING, FALSE, FALSE, "/run/transient");

  g_assert_null (ferry_host_inventory_find_pool (inventory, "no-such-pool"));

  net = ferry_host_inventory_find_network (inventory, "lan");
  assert_network (net, TRUE, TRUE, TRUE, "virbr7", "nat");
  g_assert_cmpstr (ferry_network_get_name (net), ==, "lan");
  g_assert_cmpstr (ferry_network_get_uuid (net), ==, "5a1f0c3e-0000-4000-8000-0000000000a1");

  net = ferry_host_inventory_find_network (inventory, "isolated");
  assert_network (net, TRUE, TRUE, FALSE, "virbr9", NULL);

  net = ferry_host_inventory_find_network (inventory, "host-bridge");
  assert_network (net, TRUE, TRUE, FALSE, "br0", "bridge");

  /* <forward/> without a mode is libvirt's NAT. */
  net = ferry_host_inventory_find_network (inventory, "offline");
  assert_network (net, FALSE, TRUE, FALSE, "virbr8", "nat");

  g_assert_null (ferry_host_inventory_find_network (inventory, "no-such-network"));

  ferry_host_inventory_close (inventory);
  g_assert_false (ferry_host_inventory_get_loaded (inventory));
  g_assert_cmpuint (g_list_model_get_n_items (ferry_host_inventory_get_pools (inventory)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_host_inventory_get_networks (inventory)), ==, 0);

  close_conn (conn);
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
}

static void
test_labels (void)
{
  g_assert_cmpstr (ferry_pool_state_to_string (FERRY_POOL_STATE_RUNNING), ==, "Active");
  g_assert_cmpstr (ferry_pool_state_to_string (FERRY_POOL_STATE_INACTIVE), ==, "Inactive");
  g_assert_cmpstr (ferry_pool_state_to_string (FERRY_POOL_STATE_BUILDING), ==, "Building");
  g_assert_cmpstr (ferry_pool_state_to_string (FERRY_POOL_STATE_DEGRADED), ==, "Degraded");
  g_assert_cmpstr (ferry_pool_state_to_string (FERRY_POOL_STATE_INACCESSIBLE), ==, "Inaccessible");
  g_assert_cmpstr (ferry_network_forward_mode_to_string (NULL), ==, "Isolated");
  g_assert_cmpstr (ferry_network_forward_mode_to_string ("nat"), ==, "NAT");
  g_assert_cmpstr (ferry_network_forward_mode_to_string ("route"), ==, "Routed");
  g_assert_cmpstr (ferry_network_forward_mode_to_string ("bridge"), ==, "Bridged");
  /* A mode newer than Ferry is shown as libvirt spells it. */
  g_assert_cmpstr (ferry_network_forward_mode_to_string ("macvtap"), ==, "macvtap");
}

/* ---------------------------------------------------------------- events */

static const char evt_pool_xml[] =
  "<pool type='dir'><name>ferry-evt-pool</name>"
  "<target><path>/var/lib/ferry-evt</path></target></pool>";
static const char evt_volume_xml[] =
  "<volume><name>evt.img</name><capacity unit='GiB'>8</capacity>"
  "<allocation unit='GiB'>3</allocation></volume>";
static const char evt_network_xml[] =
  "<network><name>ferry-evt-net</name><forward mode='route'/>"
  "<bridge name='virbr42'/>"
  "<ip address='192.168.142.1' netmask='255.255.255.0'/></network>";

/* Another client changes test:///default (shared in-process) on its own
 * thread; only libvirt's events tell the inventory. */
static gpointer
second_client_thread (gpointer user_data)
{
  const char *step = user_data;
  virConnectPtr conn = virConnectOpen ("test:///default");
  virStoragePoolPtr pool = NULL;
  virNetworkPtr net = NULL;

  g_assert_nonnull (conn);
  if (g_str_equal (step, "define"))
    {
      pool = virStoragePoolDefineXML (conn, evt_pool_xml, 0);
      net = virNetworkDefineXML (conn, evt_network_xml);
    }
  else
    {
      pool = virStoragePoolLookupByName (conn, "ferry-evt-pool");
      net = virNetworkLookupByName (conn, "ferry-evt-net");
    }
  g_assert_nonnull (pool);
  g_assert_nonnull (net);

  if (g_str_equal (step, "start"))
    {
      g_assert_cmpint (virStoragePoolCreate (pool, 0), ==, 0);
      g_assert_cmpint (virNetworkCreate (net), ==, 0);
    }
  else if (g_str_equal (step, "add-volume"))
    {
      /* Adding a volume sends no event; the refresh after it does. */
      virStorageVolPtr vol = virStorageVolCreateXML (pool, evt_volume_xml, 0);

      g_assert_nonnull (vol);
      virStorageVolFree (vol);
      g_assert_cmpint (virStoragePoolRefresh (pool, 0), ==, 0);
    }
  else if (g_str_equal (step, "stop"))
    {
      virStorageVolPtr vol = virStorageVolLookupByName (pool, "evt.img");

      g_assert_cmpint (virStorageVolDelete (vol, 0), ==, 0);
      virStorageVolFree (vol);
      g_assert_cmpint (virStoragePoolDestroy (pool), ==, 0);
      g_assert_cmpint (virNetworkDestroy (net), ==, 0);
    }
  else if (g_str_equal (step, "undefine"))
    {
      g_assert_cmpint (virStoragePoolUndefine (pool), ==, 0);
      g_assert_cmpint (virNetworkUndefine (net), ==, 0);
    }

  virStoragePoolFree (pool);
  virNetworkFree (net);
  virConnectClose (conn);
  return NULL;
}

static void
run_second_client (const char *step)
{
  g_thread_join (g_thread_new ("second-client", second_client_thread, (gpointer)step));
}

typedef struct
{
  FerryHostInventory *inventory;
  gboolean            present;
  gboolean            active;
  guint64             allocation;   /* G_MAXUINT64: any */
} EvtWait;

static gboolean
evt_matches (gpointer user_data)
{
  EvtWait *w = user_data;
  FerryPool *pool = ferry_host_inventory_find_pool (w->inventory, "ferry-evt-pool");
  FerryNetwork *net = ferry_host_inventory_find_network (w->inventory, "ferry-evt-net");

  if (!w->present)
    return pool == NULL && net == NULL;
  return pool != NULL && net != NULL &&
         ferry_pool_get_active (pool) == w->active &&
         ferry_network_get_active (net) == w->active &&
         (w->allocation == G_MAXUINT64 || ferry_pool_get_allocation (pool) == w->allocation);
}

static void
test_events (void)
{
  virConnectPtr conn = open_conn ("test:///default", FALSE);
  g_autoptr(FerryHostInventory) inventory = ferry_host_inventory_new ();
  EvtWait w = { inventory, TRUE, FALSE, 0 };
  GListModel *pools = ferry_host_inventory_get_pools (inventory);
  GListModel *networks = ferry_host_inventory_get_networks (inventory);
  FerryPool *pool;
  FerryNetwork *net;

  load (inventory, conn);
  g_assert_cmpuint (g_list_model_get_n_items (pools), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (networks), ==, 1);
  assert_pool (ferry_host_inventory_find_pool (inventory, "default-pool"),
               "dir", FERRY_POOL_STATE_RUNNING, TRUE, FALSE, "/default-pool");
  assert_network (ferry_host_inventory_find_network (inventory, "default"),
                  TRUE, TRUE, FALSE, "virbr0", "nat");

  run_second_client ("define");
  ferry_test_wait_until (evt_matches, &w, TIMEOUT_MS, "defined pool and network listed");
  g_assert_cmpuint (g_list_model_get_n_items (pools), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (networks), ==, 2);
  pool = ferry_host_inventory_find_pool (inventory, "ferry-evt-pool");
  assert_pool (pool, "dir", FERRY_POOL_STATE_INACTIVE, TRUE, FALSE, "/var/lib/ferry-evt");
  net = ferry_host_inventory_find_network (inventory, "ferry-evt-net");
  assert_network (net, FALSE, TRUE, FALSE, "virbr42", "route");

  run_second_client ("start");
  w.active = TRUE;
  ferry_test_wait_until (evt_matches, &w, TIMEOUT_MS, "pool and network started");
  /* Updated in place: the same objects, so bound rows follow. */
  g_assert_true (ferry_host_inventory_find_pool (inventory, "ferry-evt-pool") == pool);
  g_assert_true (ferry_host_inventory_find_network (inventory, "ferry-evt-net") == net);
  g_assert_cmpint (ferry_pool_get_state (pool), ==, FERRY_POOL_STATE_RUNNING);

  run_second_client ("add-volume");
  w.allocation = 3 * GIB;
  ferry_test_wait_until (evt_matches, &w, TIMEOUT_MS, "pool refresh event");
  g_assert_cmpuint (ferry_pool_get_available (pool), ==,
                    ferry_pool_get_capacity (pool) - 3 * GIB);

  run_second_client ("stop");
  w.active = FALSE;
  w.allocation = G_MAXUINT64;
  ferry_test_wait_until (evt_matches, &w, TIMEOUT_MS, "pool and network stopped");
  g_assert_cmpint (ferry_pool_get_state (pool), ==, FERRY_POOL_STATE_INACTIVE);

  run_second_client ("undefine");
  w.present = FALSE;
  ferry_test_wait_until (evt_matches, &w, TIMEOUT_MS, "pool and network removed");
  g_assert_cmpuint (g_list_model_get_n_items (pools), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (networks), ==, 1);

  ferry_host_inventory_close (inventory);
  close_conn (conn);
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
}

static gboolean
expired_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms, long enough for events and refreshes to land. */
static void
spin (guint ms)
{
  gboolean expired = FALSE;

  g_timeout_add (ms, expired_cb, &expired);
  while (!expired)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_close_stops_events (void)
{
  virConnectPtr conn = open_conn ("test:///default", FALSE);
  FerryHostInventory *inventory = ferry_host_inventory_new ();
  LoadWait wait = { FALSE, FALSE, NULL };

  /* Closed while loading: the load reports it and leaves nothing behind. */
  _ferry_host_inventory_load_async (inventory, conn, NULL, load_cb, &wait);
  ferry_host_inventory_close (inventory);
  ferry_test_wait_until (load_done, &wait, TIMEOUT_MS, "cancelled load");
  g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&wait.error);
  g_assert_false (ferry_host_inventory_get_loaded (inventory));
  g_assert_cmpuint (g_list_model_get_n_items (ferry_host_inventory_get_pools (inventory)), ==, 0);

  /* Loaded again, then closed: later changes on the host do not reach it. */
  load (inventory, conn);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_host_inventory_get_pools (inventory)), ==, 1);
  ferry_host_inventory_close (inventory);
  run_second_client ("define");
  spin (300);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_host_inventory_get_pools (inventory)), ==, 0);
  run_second_client ("undefine");

  /* Nothing but the caller holds the inventory once it is closed. */
  g_assert_finalize_object (inventory);
  close_conn (conn);
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ferry_core_init ();

  g_test_add_func ("/core/host-inventory/fixture", test_fixture);
  g_test_add_func ("/core/host-inventory/labels", test_labels);
  g_test_add_func ("/core/host-inventory/events", test_events);
  g_test_add_func ("/core/host-inventory/close-stops-events", test_close_stops_events);

  return g_test_run ();
}
