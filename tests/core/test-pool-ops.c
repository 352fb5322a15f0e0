/* test-pool-ops.c — pool and volume operations against libvirt's test
 * driver: a netfs pool's whole life (define, build, start, autostart,
 * refresh, volumes, stop, delete, undefine) as the host's pool list shows it,
 * the export scan, duplicates, and the errors a user sees.
 *
 * The test driver keeps netfs pools as data and mounts nothing; mounting a
 * real export is proven in the lab (tests/lab/test-nfs-pool.sh).
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-core.h"
#include "ferry-pool-ops-private.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000
#define GIB (1024ull * 1024 * 1024)

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static gboolean
wait_done (gpointer user_data)
{
  return ((Wait *)user_data)->result != NULL;
}

/* Waits for an async call and hands back its result (owned). */
static GAsyncResult *
wait_result (Wait *wait)
{
  ferry_test_wait_until (wait_done, wait, TIMEOUT_MS, "pool call");
  return g_steal_pointer (&wait->result);
}

static FerryConnection *
connect_default (void)
{
  FerryConnection *c = ferry_connection_new ("test:///default");

  ferry_connection_open_async (c, NULL, NULL, NULL);
  ferry_test_wait_property (c, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  ferry_test_wait_property (ferry_connection_get_inventory (c), "loaded", TRUE, TIMEOUT_MS);
  return c;
}

static void
run_op (FerryConnection *c,
        const char      *pool,
        FerryPoolOp      op,
        GError         **error)
{
  Wait wait = { NULL };
  g_autoptr(GAsyncResult) result = NULL;

  ferry_pool_op_async (c, pool, op, NULL, wait_cb, &wait);
  result = wait_result (&wait);
  ferry_pool_op_finish (c, result, error);
}

typedef struct
{
  FerryHostInventory *inventory;
  const char         *name;
  const char         *property;   /* NULL: wait until the pool is gone */
  gboolean            value;
} PoolWait;

static gboolean
pool_is (gpointer user_data)
{
  PoolWait *w = user_data;
  FerryPool *pool = ferry_host_inventory_find_pool (w->inventory, w->name);
  gboolean value = FALSE;

  if (w->property == NULL)
    return pool == NULL;
  if (pool == NULL)
    return FALSE;
  g_object_get (pool, w->property, &value, NULL);
  return value == w->value;
}

static void
wait_pool (FerryConnection *c,
           const char      *name,
           const char      *property,
           gboolean         value)
{
  PoolWait w = { ferry_connection_get_inventory (c), name, property, value };

  ferry_test_wait_until (pool_is, &w, TIMEOUT_MS, property ? property : "pool gone");
}

static FerryPoolConfig *
nfs_config (const char *name,
            const char *dir)
{
  FerryPoolConfig *config = ferry_pool_config_new ();
  g_autofree char *target = g_strdup_printf ("/var/lib/libvirt/%s", name);

  g_object_set (config, "name", name, "source-host", "nfs.example.com", "source-dir", dir,
                "protocol-version", "4", "target-path", target, NULL);
  return config;
}

static GListModel *
list_volumes (FerryConnection *c,
              const char      *pool,
              GError         **error)
{
  Wait wait = { NULL };
  g_autoptr(GAsyncResult) result = NULL;

  ferry_pool_list_volumes_async (c, pool, NULL, wait_cb, &wait);
  result = wait_result (&wait);
  return ferry_pool_list_volumes_finish (c, result, error);
}

static void
test_life (void)
{
  g_autoptr(FerryConnection) c = connect_default ();
  g_autoptr(FerryPoolConfig) config = nfs_config ("ferry-life", "/srv/life");
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) volumes = NULL;
  g_autoptr(FerryVolume) volume = NULL;
  g_autoptr(FerryPoolConfig) loaded = NULL;
  FerryPoolSpace space = { 0 };
  Wait wait = { NULL };
  FerryPool *pool;

  g_assert_true (ferry_pool_config_validate (
    config, ferry_host_inventory_get_pools (ferry_connection_get_inventory (c)), &error));

  ferry_pool_define_async (c, config, NULL, wait_cb, &wait);
  result = wait_result (&wait);
  g_assert_true (ferry_pool_define_finish (c, result, &error));
  g_assert_no_error (error);
  wait_pool (c, "ferry-life", "persistent", TRUE);
  pool = ferry_host_inventory_find_pool (ferry_connection_get_inventory (c), "ferry-life");
  g_assert_cmpstr (ferry_pool_get_pool_type (pool), ==, "netfs");
  g_assert_false (ferry_pool_get_active (pool));
  /* The pool list carries the source, for the editor's duplicate check. */
  g_assert_cmpstr (ferry_pool_get_source_host (pool), ==, "nfs.example.com");
  g_assert_cmpstr (ferry_pool_get_source_dir (pool), ==, "/srv/life");
  g_assert_true (ferry_pool_op_allowed (FERRY_POOL_OP_START, pool));
  g_assert_false (ferry_pool_op_allowed (FERRY_POOL_OP_STOP, pool));

  /* What libvirt kept is what Ferry wrote, protocol version included. */
  g_clear_object (&result);
  ferry_pool_load_config_async (c, "ferry-life", NULL, wait_cb, &wait);
  result = wait_result (&wait);
  loaded = ferry_pool_load_config_finish (c, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_pool_config_get_field (loaded, FERRY_POOL_FIELD_PROTOCOL_VERSION), ==, "4");
  g_assert_cmpstr (ferry_pool_config_get_field (loaded, FERRY_POOL_FIELD_SOURCE_DIR), ==, "/srv/life");
  g_assert_nonnull (ferry_pool_config_get_uuid (loaded));
  g_assert_cmpstr (ferry_pool_config_get_uuid (loaded), ==, ferry_pool_get_uuid (pool));

  run_op (c, "ferry-life", FERRY_POOL_OP_BUILD, &error);
  g_assert_no_error (error);
  run_op (c, "ferry-life", FERRY_POOL_OP_START, &error);
  g_assert_no_error (error);
  wait_pool (c, "ferry-life", "active", TRUE);
  g_assert_true (ferry_pool_op_allowed (FERRY_POOL_OP_STOP, pool));

  /* libvirt sends no event for autostart: the list shows it all the same. */
  run_op (c, "ferry-life", FERRY_POOL_OP_AUTOSTART_ON, &error);
  g_assert_no_error (error);
  wait_pool (c, "ferry-life", "autostart", TRUE);
  run_op (c, "ferry-life", FERRY_POOL_OP_REFRESH, &error);
  g_assert_no_error (error);

  g_clear_object (&result);
  ferry_pool_get_space_async (c, "ferry-life", NULL, wait_cb, &wait);
  result = wait_result (&wait);
  g_assert_true (ferry_pool_get_space_finish (c, result, &space, &error));
  g_assert_no_error (error);
  g_assert_cmpint (space.state, ==, FERRY_POOL_STATE_RUNNING);
  g_assert_cmpuint (space.capacity, >, 0);
  g_assert_cmpuint (space.allocation + space.available, <=, space.capacity);

  /* Volumes: create, see it listed with its format and size, delete. */
  g_clear_object (&result);
  ferry_pool_create_volume_async (c, "ferry-life", "disk1.qcow2", "qcow2", 2 * GIB, 0,
                                  NULL, wait_cb, &wait);
  result = wait_result (&wait);
  g_assert_true (ferry_pool_create_volume_finish (c, result, &error));
  g_assert_no_error (error);
  volumes = list_volumes (c, "ferry-life", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (volumes), ==, 1);
  volume = g_list_model_get_item (volumes, 0);
  g_assert_cmpstr (ferry_volume_get_name (volume), ==, "disk1.qcow2");
  g_assert_cmpstr (ferry_volume_get_format (volume), ==, "qcow2");
  g_assert_cmpuint (ferry_volume_get_capacity (volume), ==, 2 * GIB);
  g_assert_cmpstr (ferry_volume_get_path (volume), ==, "/var/lib/libvirt/ferry-life/disk1.qcow2");

  /* A second volume of the same name is refused, with libvirt's reason. */
  g_clear_object (&result);
  ferry_pool_create_volume_async (c, "ferry-life", "disk1.qcow2", "raw", GIB, GIB,
                                  NULL, wait_cb, &wait);
  result = wait_result (&wait);
  g_assert_false (ferry_pool_create_volume_finish (c, result, &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_LIBVIRT);
  g_assert_nonnull (strstr (error->message, "already exists"));
  g_clear_error (&error);

  g_clear_object (&result);
  ferry_pool_delete_volume_async (c, "ferry-life", "disk1.qcow2", NULL, wait_cb, &wait);
  result = wait_result (&wait);
  g_assert_true (ferry_pool_delete_volume_finish (c, result, &error));
  g_assert_no_error (error);
  g_clear_object (&volumes);
  volumes = list_volumes (c, "ferry-life", &error);
  g_assert_cmpuint (g_list_model_get_n_items (volumes), ==, 0);

  run_op (c, "ferry-life", FERRY_POOL_OP_STOP, &error);
  g_assert_no_error (error);
  wait_pool (c, "ferry-life", "active", FALSE);

  /* A stopped pool has no volume list; the message says what to do. */
  g_clear_object (&volumes);
  volumes = list_volumes (c, "ferry-life", &error);
  g_assert_null (volumes);
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_LIBVIRT);
  g_assert_cmpstr (error->message, ==, "Pool “ferry-life” is not running: start it to see its volumes");
  g_clear_error (&error);

  run_op (c, "ferry-life", FERRY_POOL_OP_DELETE, &error);
  g_assert_no_error (error);
  run_op (c, "ferry-life", FERRY_POOL_OP_UNDEFINE, &error);
  g_assert_no_error (error);
  wait_pool (c, "ferry-life", NULL, FALSE);

  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
  ferry_connection_close (c);
}

static void
test_duplicates (void)
{
  g_autoptr(FerryConnection) c = connect_default ();
  g_autoptr(FerryPoolConfig) first = nfs_config ("ferry-dup", "/srv/dup");
  g_autoptr(FerryPoolConfig) same_name = nfs_config ("ferry-dup", "/srv/other");
  g_autoptr(FerryPoolConfig) same_source = nfs_config ("ferry-dup2", "/srv/dup");
  GListModel *pools = ferry_host_inventory_get_pools (ferry_connection_get_inventory (c));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL };

  ferry_pool_define_async (c, first, NULL, wait_cb, &wait);
  result = wait_result (&wait);
  g_assert_true (ferry_pool_define_finish (c, result, &error));
  wait_pool (c, "ferry-dup", "persistent", TRUE);

  /* Checked against the host's list before anything is sent. */
  g_assert_false (ferry_pool_config_validate (same_name, pools, &error));
  g_assert_cmpstr (error->message, ==, "This host already has a pool named “ferry-dup”");
  g_clear_error (&error);
  g_assert_false (ferry_pool_config_validate (same_source, pools, &error));
  g_assert_cmpstr (error->message, ==, "Pool “ferry-dup” on this host already uses nfs.example.com:/srv/dup");
  g_clear_error (&error);

  /* And libvirt refuses the same name under another UUID anyway. */
  g_clear_object (&result);
  ferry_pool_define_async (c, same_name, NULL, wait_cb, &wait);
  result = wait_result (&wait);
  g_assert_false (ferry_pool_define_finish (c, result, &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_LIBVIRT);
  g_assert_nonnull (strstr (error->message, "ferry-dup"));
  g_clear_error (&error);

  run_op (c, "ferry-dup", FERRY_POOL_OP_UNDEFINE, &error);
  g_assert_no_error (error);
  wait_pool (c, "ferry-dup", NULL, FALSE);
  ferry_connection_close (c);
}

static void
test_scan (void)
{
  g_autoptr(FerryConnection) c = connect_default ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) exports = NULL;
  Wait wait = { NULL };

  ferry_pool_scan_exports_async (c, "nfs.example.com", NULL, wait_cb, &wait);
  result = wait_result (&wait);
  exports = ferry_pool_scan_exports_finish (c, result, &error);
  g_assert_no_error (error);
  /* The test driver's one canned export. */
  g_assert_nonnull (exports);
  g_assert_cmpuint (g_strv_length (exports), ==, 1);
  g_assert_cmpstr (exports[0], ==, "/testshare");
  ferry_connection_close (c);
}

static void
test_parse_sources (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) none = NULL;
  g_auto(GStrv) paths = ferry_pool_parse_sources (
    "<sources>"
    "<source><host name='a'/><dir path='/srv/nfs/export'/><format type='nfs'/></source>"
    "<source><host name='a'/><dir path='/srv/iso'/><format type='nfs'/></source>"
    "<source><host name='a'/><dir path='/srv/iso'/><format type='nfs'/></source>"
    "</sources>", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (paths), ==, 2);
  g_assert_cmpstr (paths[0], ==, "/srv/nfs/export");
  g_assert_cmpstr (paths[1], ==, "/srv/iso");

  none = ferry_pool_parse_sources ("<sources/>", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  g_assert_null (ferry_pool_parse_sources ("<sources", &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_LIBVIRT);
}

static void
test_errors (void)
{
  g_autoptr(FerryConnection) c = connect_default ();
  g_autoptr(FerryConnection) closed = ferry_connection_new ("test:///default");
  g_autoptr(GError) error = NULL;

  run_op (c, "no-such-pool", FERRY_POOL_OP_START, &error);
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_LIBVIRT);
  g_assert_cmpstr (error->message, ==, "There is no storage pool “no-such-pool” on this host (any more)");
  g_clear_error (&error);

  /* The test driver's own "default-pool" is running: starting it again
   * fails with libvirt's reason. */
  run_op (c, "default-pool", FERRY_POOL_OP_START, &error);
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_LIBVIRT);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  run_op (closed, "default-pool", FERRY_POOL_OP_STOP, &error);
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_NOT_CONNECTED);
  ferry_connection_close (c);
}

/* libvirt's messages for failed netfs starts, as real hosts give them, and
 * the plain sentence a newer admin gets first. */
static void
test_mount_errors (void)
{
  static const struct { const char *libvirt; const char *plain; } cases[] = {
    { "internal error: Child process (/bin/mount -o nodev,nosuid,noexec,nfsvers=4 -t nfs "
      "10.0.0.1:/export /mnt/x) unexpected exit status 32: mount.nfs: No such device",
      "This host cannot mount NFS shares: its kernel or system lacks the NFS client" },
    { "internal error: Child process (/bin/mount -t glusterfs gl:/vol /mnt/g) unexpected exit "
      "status 32: mount: /mnt/g: unknown filesystem type 'glusterfs'.",
      "This host cannot mount GlusterFS shares" },
    { "internal error: Child process (/bin/mount -t nfs nas:/x /mnt/x) unexpected exit status 32: "
      "mount.nfs: access denied by server while mounting nas:/x",
      "The NFS server refused this host" },
    { "internal error: Child process (/bin/mount -t nfs nas:/nope /mnt/x) unexpected exit status 32: "
      "mount.nfs: mounting nas:/nope failed, reason given by server: No such file or directory",
      "The NFS server has no export at that path" },
    { "internal error: Child process (/bin/mount -t nfs nas:/x /mnt/x) unexpected exit status 32: "
      "mount.nfs: Connection timed out",
      "The NFS server did not answer" },
    { "internal error: Child process (/bin/mount -t cifs //srv/share /mnt/s) unexpected exit status 32: "
      "mount error(16): Device or resource busy",
      "Something is already mounted on the pool’s directory" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *plain = _ferry_pool_explain_mount_error (cases[i].libvirt);

      g_assert_nonnull (plain);
      g_assert_true (g_str_has_prefix (plain, cases[i].plain));
    }
  /* Not a mount failure, or one Ferry does not know: libvirt's words only. */
  g_assert_null (_ferry_pool_explain_mount_error ("Requested operation is not valid: storage pool 'x' is already active"));
  g_assert_null (_ferry_pool_explain_mount_error ("internal error: Child process (/bin/mount -t nfs a:/b /c) "
                                                  "unexpected exit status 1: mount.nfs: bad option"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ferry_core_init ();

  g_test_add_func ("/pool-ops/life", test_life);
  g_test_add_func ("/pool-ops/duplicates", test_duplicates);
  g_test_add_func ("/pool-ops/scan", test_scan);
  g_test_add_func ("/pool-ops/parse-sources", test_parse_sources);
  g_test_add_func ("/pool-ops/errors", test_errors);
  g_test_add_func ("/pool-ops/mount-errors", test_mount_errors);

  return g_test_run ();
}
