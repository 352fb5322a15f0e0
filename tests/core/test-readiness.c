/* test-readiness.c — every readiness check the test driver can feed, made to
 * fail and to pass with exact severities; the pure evaluation for what only
 * real hosts report (versions, CPU comparison, dirty rate); the pool and
 * network copies; and ferry-migrate --check.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "ferry-connection-private.h"
#include "ferry-core.h"
#include "ferry-readiness-private.h"
#include "ferry-test-utils.h"
#include "test-readiness-fixtures.h"

typedef struct
{
  char            *dir;
  char            *source_uri;
  char            *destination_uri;
  FerryConnection *source;
  FerryConnection *destination;
} Hosts;

static char *
write_host (const char *dir,
            const char *name,
            const char *xml)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, xml, -1, &error);
  g_assert_no_error (error);
  return g_strdup_printf ("test://%s", path);
}

static gboolean
both_open (gpointer user_data)
{
  Hosts *h = user_data;

  return ferry_connection_get_state (h->source) == FERRY_CONNECTION_STATE_CONNECTED &&
         ferry_connection_get_state (h->destination) == FERRY_CONNECTION_STATE_CONNECTED;
}

static void
hosts_setup (Hosts         *h,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  h->dir = g_dir_make_tmp ("ferry-readiness-XXXXXX", &error);
  g_assert_no_error (error);
  h->source_uri = write_host (h->dir, "source.xml", source_host);
  h->destination_uri = write_host (h->dir, "destination.xml", destination_host);
  h->source = ferry_connection_new (h->source_uri);
  h->destination = ferry_connection_new (h->destination_uri);
  ferry_connection_open_async (h->source, NULL, NULL, NULL);
  ferry_connection_open_async (h->destination, NULL, NULL, NULL);
  ferry_test_wait_until (both_open, h, 5000, "both test hosts open");
}

static void
hosts_teardown (Hosts         *h,
                gconstpointer  data)
{
  g_autofree char *s = g_build_filename (h->dir, "source.xml", NULL);
  g_autofree char *d = g_build_filename (h->dir, "destination.xml", NULL);

  g_clear_object (&h->source);
  g_clear_object (&h->destination);
  g_unlink (s);
  g_unlink (d);
  g_rmdir (h->dir);
  g_free (h->dir);
  g_free (h->source_uri);
  g_free (h->destination_uri);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static gboolean
is_set (gpointer user_data)
{
  return *(gpointer *)user_data != NULL;
}

static void
rerun (FerryReadiness *readiness)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ferry_readiness_run_async (readiness, NULL, done_cb, &result);
  g_assert_true (ferry_readiness_get_running (readiness));
  ferry_test_wait_until (is_set, &result, 5000, "readiness run");
  g_assert_true (ferry_readiness_run_finish (readiness, result, &error));
  g_assert_no_error (error);
  g_assert_false (ferry_readiness_get_running (readiness));
}

static FerryReadiness *
check (Hosts                 *h,
       const char            *vm,
       FerryMigrationOptions *options)
{
  g_autoptr(FerryMigrationOptions) defaults = ferry_migration_options_new ();
  FerryReadiness *readiness = ferry_readiness_new (h->source, h->destination, vm,
                                                   options ? options : defaults);

  rerun (readiness);
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
  return readiness;
}

/* The result of check @id (about @subject) has @severity, and the fix @fix_id. */
static FerryReadinessResult *
assert_result (FerryReadiness         *readiness,
               const char             *id,
               const char             *subject,
               FerryReadinessSeverity  severity,
               const char             *fix_id)
{
  FerryReadinessResult *result = ferry_readiness_lookup (readiness, id, subject);

  if (result == NULL)
    g_error ("no result %s/%s", id, subject ? subject : "");
  if (ferry_readiness_result_get_severity (result) != severity)
    g_error ("%s/%s: %s (%s), expected %s", id, subject ? subject : "",
             ferry_readiness_severity_to_string (ferry_readiness_result_get_severity (result)),
             ferry_readiness_result_get_title (result), ferry_readiness_severity_to_string (severity));
  g_assert_cmpstr (ferry_readiness_result_get_fix_id (result), ==, fix_id);
  g_assert_nonnull (ferry_readiness_result_get_title (result));
  return result;
}

/* ---------------------------------------------------------- test-driver */

static void
test_same_host (Hosts *h, gconstpointer data)
{
  g_autoptr(FerryReadiness) r = check (h, "web", NULL);

  /* Two test-driver connections in one process report the same hostname. */
  assert_result (r, "same-host", NULL, FERRY_READINESS_BLOCKER, NULL);
  g_assert_true (ferry_readiness_has_blockers (r));
}

static void
test_arch (Hosts *h, gconstpointer data)
{
  g_autoptr(FerryReadiness) ok = check (h, "web", NULL);
  g_autoptr(FerryReadiness) bad = check (h, "x86", NULL);

  assert_result (ok, "arch", NULL, FERRY_READINESS_OK, NULL);
  assert_result (bad, "arch", NULL, FERRY_READINESS_BLOCKER, NULL);
  g_assert_nonnull (strstr (ferry_readiness_result_get_facts (ferry_readiness_lookup (bad, "arch", NULL)), "x86_64"));
}

static void
test_cpu_test_driver (Hosts *h, gconstpointer data)
{
  g_autoptr(FerryReadiness) plain = check (h, "web", NULL);
  g_autoptr(FerryReadiness) custom = check (h, "cpu-custom", NULL);

  assert_result (plain, "cpu", NULL, FERRY_READINESS_OK, NULL);
  /* The test driver cannot compare CPUs: said, not hidden. */
  assert_result (custom, "cpu", NULL, FERRY_READINESS_WARNING, NULL);
  g_assert_nonnull (strstr (ferry_readiness_result_get_facts (ferry_readiness_lookup (custom, "cpu", NULL)),
                            "pentium3"));
}

static void
test_name_clash (Hosts *h, gconstpointer data)
{
  g_autoptr(FerryReadiness) running = check (h, "clash-running", NULL);
  g_autoptr(FerryReadiness) off = check (h, "clash-off", NULL);
  g_autoptr(FerryReadiness) none = check (h, "web", NULL);
  g_autoptr(FerryMigrationOptions) renamed = ferry_migration_options_new ();
  g_autoptr(FerryReadiness) dname = NULL;

  assert_result (running, "name-clash", NULL, FERRY_READINESS_BLOCKER, NULL);
  assert_result (off, "name-clash", NULL, FERRY_READINESS_WARNING, NULL);
  g_assert_nonnull (strstr (ferry_readiness_result_get_facts (ferry_readiness_lookup (off, "name-clash", NULL)),
                            "same UUID"));
  assert_result (none, "name-clash", NULL, FERRY_READINESS_OK, NULL);

  /* The name it will have there counts, not the one it has here. */
  ferry_migration_options_set_destination_name (renamed, "clash-running");
  dname = check (h, "web", renamed);
  assert_result (dname, "name-clash", NULL, FERRY_READINESS_BLOCKER, NULL);
}

static void
test_memory_vcpus (Hosts *h, gconstpointer data)
{
  g_autoptr(FerryReadiness) big = check (h, "big", NULL);
  g_autoptr(FerryReadiness) small = check (h, "web", NULL);
  g_autoptr(FerryMigrationOptions) offline = ferry_migration_options_new ();
  g_autoptr(FerryReadiness) big_offline = NULL;
  FerryReadinessResult *memory;

  /* 4 GiB destination, 512 MiB of it used by its running VM. */
  memory = assert_result (big, "memory", NULL, FERRY_READINESS_BLOCKER, NULL);
  g_assert_cmpstr (ferry_readiness_result_get_facts (memory), ==,
                   "Needs 8.0\u00a0GiB; the destination has about 3.5\u00a0GiB free (estimated).");
  assert_result (big, "vcpus", NULL, FERRY_READINESS_WARNING, NULL);
  assert_result (small, "memory", NULL, FERRY_READINESS_OK, NULL);
  assert_result (small, "vcpus", NULL, FERRY_READINESS_OK, NULL);

  /* Offline, the memory is needed only when it starts there. */
  ferry_migration_options_set_mode (offline, FERRY_MIGRATION_MODE_OFFLINE);
  big_offline = check (h, "big", offline);
  assert_result (big_offline, "memory", NULL, FERRY_READINESS_WARNING, NULL);
}

static void
test_devices (Hosts *h, gconstpointer data)
{
  g_autoptr(FerryReadiness) bad = check (h, "passthru", NULL);
  g_autoptr(FerryReadiness) ok = check (h, "web", NULL);
  FerryReadinessResult *devices = assert_result (bad, "devices", NULL, FERRY_READINESS_BLOCKER, NULL);
  const char *facts = ferry_readiness_result_get_facts (devices);

  g_assert_nonnull (strstr (facts, "PCI passthrough device 0x0000:0x03:0x00.0x1"));
  g_assert_nonnull (strstr (facts, "mediated device (vGPU) c2177883-f1bb-47f0-914d-32a22e3a8804"));
  g_assert_nonnull (strstr (facts, "filesystem passthrough “share” (virtiofs)"));
  assert_result (ok, "devices", NULL, FERRY_READINESS_OK, NULL);
}

static void
destroy_destination_network (Hosts      *h,
                             const char *name)
{
  virConnectPtr conn = _ferry_connection_ref_conn (h->destination);
  virNetworkPtr network = virNetworkLookupByName (conn, name);

  g_assert_nonnull (network);
  g_assert_cmpint (virNetworkDestroy (network), ==, 0);
  virNetworkFree (network);
  virConnectClose (conn);
}

static void
fix (FerryReadiness       *readiness,
     FerryReadinessResult *result,
     const char           *expected_report)
{
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;

  g_assert_cmpint (ferry_readiness_fix_kind (ferry_readiness_result_get_fix_id (result)), ==,
                   FERRY_READINESS_FIX_HOST);
  ferry_readiness_fix_async (readiness, result, NULL, done_cb, &done);
  ferry_test_wait_until (is_set, &done, 5000, "fix");
  ferry_readiness_fix_finish (readiness, done, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report, ==, expected_report);
  rerun (readiness);
}

static void
test_networks (Hosts *h, gconstpointer data)
{
  g_autoptr(FerryReadiness) ok = check (h, "web", NULL);
  g_autoptr(FerryReadiness) missing = check (h, "lan-vm", NULL);
  g_autoptr(FerryReadiness) bridged = check (h, "bridged", NULL);
  g_autoptr(FerryReadiness) sleepy = NULL;
  g_autoptr(FerryMigrationOptions) offline = ferry_migration_options_new ();
  g_autoptr(FerryReadiness) missing_offline = NULL;

  assert_result (ok, "networks", "both", FERRY_READINESS_OK, NULL);
  assert_result (bridged, "networks", "br0", FERRY_READINESS_OK, NULL);
  assert_result (bridged, "networks", "br9", FERRY_READINESS_BLOCKER, NULL);

  ferry_migration_options_set_mode (offline, FERRY_MIGRATION_MODE_OFFLINE);
  missing_offline = check (h, "lan-vm", offline);
  assert_result (missing_offline, "networks", "lan", FERRY_READINESS_WARNING, "define-network-on-destination");

  /* Missing: the fix defines it as on the source, and starts it. */
  fix (missing, assert_result (missing, "networks", "lan", FERRY_READINESS_BLOCKER,
                               "define-network-on-destination"),
       "Defined: done\nBuilt: skipped (networks need no build)\nStarted: done\n"
       "Autostart set: skipped (off on the source)");
  assert_result (missing, "networks", "lan", FERRY_READINESS_OK, NULL);

  /* Defined but stopped: the same fix only starts it. */
  destroy_destination_network (h, "sleepy");
  sleepy = check (h, "sleepy-vm", NULL);
  fix (sleepy, assert_result (sleepy, "networks", "sleepy", FERRY_READINESS_BLOCKER,
                              "define-network-on-destination"),
       "Defined: skipped (already defined)\nBuilt: skipped (networks need no build)\nStarted: done\n"
       "Autostart set: skipped (off on the source)");
  assert_result (sleepy, "networks", "sleepy", FERRY_READINESS_OK, NULL);
}

static void
test_shared_pool (Hosts *h, gconstpointer data)
{
  g_autoptr(FerryReadiness) ok = check (h, "web", NULL);
  g_autoptr(FerryReadiness) nas = check (h, "nas-vm", NULL);

  assert_result (ok, "disk-storage", "shared", FERRY_READINESS_OK, NULL);
  fix (nas, assert_result (nas, "disk-storage", "nas", FERRY_READINESS_BLOCKER, "define-pool-on-destination"),
       "Defined: done\nBuilt: done\nStarted: done\nAutostart set: skipped (off on the source)");
  assert_result (nas, "disk-storage", "nas", FERRY_READINESS_OK, NULL);
}

static void
test_local_disk (Hosts *h, gconstpointer data)
{
  g_autoptr(FerryMigrationOptions) options = ferry_migration_options_new ();
  g_autoptr(FerryReadiness) r = check (h, "dir-vm", options);
  FerryReadinessResult *result;

  /* Not shared, not copied: libvirt would refuse. */
  result = assert_result (r, "disk-storage", "vda", FERRY_READINESS_BLOCKER, "choose-copy-storage");
  g_assert_cmpstr (ferry_readiness_result_get_explanation (result), ==, ferry_disk_unsafe_migration_explanation ());
  g_assert_true (ferry_readiness_apply_option_fix (r, result));
  g_assert_cmpint (ferry_migration_options_get_copy_storage (options), ==, FERRY_MIGRATION_COPY_STORAGE_ALL);

  /* The results follow the options at once; the copy needs a pool there. */
  fix (r, assert_result (r, "disk-storage", "local", FERRY_READINESS_BLOCKER, "define-pool-on-destination"),
       "Defined: done\nBuilt: done\nStarted: done\nAutostart set: skipped (off on the source)");
  assert_result (r, "disk-storage", "local", FERRY_READINESS_OK, NULL);

  /* "Unsafe" instead of a copy: allowed, with a warning. */
  ferry_migration_options_set_copy_storage (options, FERRY_MIGRATION_COPY_STORAGE_NONE);
  ferry_migration_options_set_unsafe (options, TRUE);
  assert_result (r, "disk-storage", "vda", FERRY_READINESS_WARNING, NULL);
}

static void
test_cache_mode (Hosts *h, gconstpointer data)
{
  g_autoptr(FerryReadiness) bad = check (h, "dir-vm", NULL);
  g_autoptr(FerryReadiness) good = check (h, "web", NULL);
  FerryReadinessResult *result = assert_result (bad, "cache-mode", "vda", FERRY_READINESS_WARNING,
                                                "make-migration-safe");

  g_assert_cmpint (ferry_readiness_fix_kind ("make-migration-safe"), ==, FERRY_READINESS_FIX_EDITOR);
  g_assert_cmpstr (ferry_readiness_result_get_explanation (result), ==,
                   ferry_disk_cache_rate (FERRY_DISK_CACHE_WRITEBACK)->explanation);
  assert_result (good, "cache-mode", "vda", FERRY_READINESS_OK, NULL);
}

static void
test_readonly_and_media (Hosts *h, gconstpointer data)
{
  g_autoptr(FerryReadiness) r = check (h, "ro", NULL);

  assert_result (r, "disk-readonly", "vdb", FERRY_READINESS_WARNING, NULL);
  assert_result (r, "disk-readonly", "vdc", FERRY_READINESS_OK, NULL);
  assert_result (r, "cdrom-media", "hdc", FERRY_READINESS_WARNING, "eject-media");
  /* An empty drive is nothing to check; read-only disks have no cache check. */
  g_assert_null (ferry_readiness_lookup (r, "cdrom-media", "hdd"));
  g_assert_null (ferry_readiness_lookup (r, "cache-mode", "vdb"));
}

static void
test_mode (Hosts *h, gconstpointer data)
{
  g_autoptr(FerryMigrationOptions) options = ferry_migration_options_new ();
  g_autoptr(FerryMigrationOptions) offline = ferry_migration_options_new ();
  g_autoptr(FerryReadiness) off = check (h, "off", options);
  g_autoptr(FerryReadiness) transient = NULL;
  g_autoptr(FerryReadiness) running = NULL;

  g_assert_true (ferry_readiness_apply_option_fix (off, assert_result (off, "mode", NULL, FERRY_READINESS_BLOCKER,
                                                                      "choose-offline")));
  g_assert_cmpint (ferry_migration_options_get_mode (options), ==, FERRY_MIGRATION_MODE_OFFLINE);
  assert_result (off, "mode", NULL, FERRY_READINESS_OK, NULL);

  ferry_migration_options_set_mode (offline, FERRY_MIGRATION_MODE_OFFLINE);
  transient = check (h, "transient", offline);
  assert_result (transient, "mode", NULL, FERRY_READINESS_BLOCKER, NULL);
  running = check (h, "web", offline);
  assert_result (running, "mode", NULL, FERRY_READINESS_WARNING, NULL);
}

static void
test_versions_test_driver (Hosts *h, gconstpointer data)
{
  g_autoptr(FerryReadiness) r = check (h, "web", NULL);

  assert_result (r, "versions", NULL, FERRY_READINESS_OK, NULL);
}

static void
test_order (Hosts *h, gconstpointer data)
{
  g_autoptr(FerryReadiness) r = check (h, "passthru", NULL);
  GListModel *results = ferry_readiness_get_results (r);
  FerryReadinessSeverity last = FERRY_READINESS_BLOCKER;

  g_assert_cmpuint (g_list_model_get_n_items (results), >=, 10);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(FerryReadinessResult) result = g_list_model_get_item (results, i);

      g_assert_cmpint (ferry_readiness_result_get_severity (result), <=, last);
      last = ferry_readiness_result_get_severity (result);
    }
  g_assert_cmpint (last, ==, FERRY_READINESS_OK);
}

static void
test_dirty_rate_unsupported (Hosts *h, gconstpointer data)
{
  g_autoptr(FerryReadiness) r = check (h, "web", NULL);
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;

  assert_result (r, "dirty-rate", NULL, FERRY_READINESS_OK, "measure-dirty-rate");
  ferry_readiness_measure_dirty_rate_async (r, 1, NULL, done_cb, &done);
  ferry_test_wait_until (is_set, &done, 10000, "dirty rate");
  g_assert_false (ferry_readiness_measure_dirty_rate_finish (r, done, NULL, &error));
  g_assert_nonnull (strstr (error->message, "virDomainStartDirtyRateCalc"));
}

/* ------------------------------------------------------------ pure checks */

static FerryReadinessFacts *
plain_facts (void)
{
  FerryReadinessFacts *f = _ferry_readiness_facts_new ();

  f->name = g_strdup ("vm");
  f->uuid = g_strdup ("00000000-0000-0000-0000-000000000001");
  f->state = VIR_DOMAIN_RUNNING;
  f->persistent = TRUE;
  f->arch = g_strdup ("x86_64");
  f->vcpus = 1;
  f->memory = 1 << 20;
  f->source.hostname = g_strdup ("a");
  f->destination.hostname = g_strdup ("b");
  f->source.host_uuid = g_strdup ("1");
  f->destination.host_uuid = g_strdup ("2");
  f->destination.guest_arches = g_strsplit ("x86_64,i686", ",", -1);
  f->source.libvirt_version = f->destination.libvirt_version = 9000000;
  f->source.hv_version = f->destination.hv_version = 7002000;
  f->destination.cpus = 4;
  f->destination.memory_free = 1 << 30;
  return f;
}

static FerryReadinessSeverity
severity_of (FerryReadinessFacts   *f,
             FerryMigrationOptions *options,
             const char            *id,
             const char           **fix_id)
{
  g_autoptr(GPtrArray) results = _ferry_readiness_evaluate (f, options);

  for (guint i = 0; i < results->len; i++)
    if (g_str_equal (ferry_readiness_result_get_id (results->pdata[i]), id))
      {
        if (fix_id != NULL)
          *fix_id = g_intern_string (ferry_readiness_result_get_fix_id (results->pdata[i]));
        return ferry_readiness_result_get_severity (results->pdata[i]);
      }
  g_error ("no result %s", id);
}

static void
test_pure_clean (void)
{
  g_autoptr(FerryReadinessFacts) f = plain_facts ();
  g_autoptr(FerryMigrationOptions) options = ferry_migration_options_new ();
  g_autoptr(GPtrArray) results = _ferry_readiness_evaluate (f, options);

  /* Two real, different, equal hosts and a plain VM: nothing to worry about. */
  for (guint i = 0; i < results->len; i++)
    g_assert_cmpint (ferry_readiness_result_get_severity (results->pdata[i]), ==, FERRY_READINESS_OK);
  g_assert_cmpint (severity_of (f, options, "same-host", NULL), ==, FERRY_READINESS_OK);
  g_free (f->destination.host_uuid);
  f->destination.host_uuid = g_strdup ("1");
  g_assert_cmpint (severity_of (f, options, "same-host", NULL), ==, FERRY_READINESS_BLOCKER);
}

static void
test_pure_versions (void)
{
  g_autoptr(FerryReadinessFacts) f = plain_facts ();
  g_autoptr(FerryMigrationOptions) options = ferry_migration_options_new ();

  f->destination.hv_version = 7001000;
  g_assert_cmpint (severity_of (f, options, "versions", NULL), ==, FERRY_READINESS_WARNING);
  f->destination.hv_version = 8000000;
  f->destination.libvirt_version = 8000000;
  g_assert_cmpint (severity_of (f, options, "versions", NULL), ==, FERRY_READINESS_WARNING);
  f->destination.libvirt_version = 9001000;
  g_assert_cmpint (severity_of (f, options, "versions", NULL), ==, FERRY_READINESS_OK);
}

static void
test_pure_cpu (void)
{
  g_autoptr(FerryReadinessFacts) f = plain_facts ();
  g_autoptr(FerryMigrationOptions) options = ferry_migration_options_new ();

  f->cpu_mode = g_strdup ("custom");
  f->cpu_model = g_strdup ("Skylake-Server");
  f->cpu_compare = VIR_CPU_COMPARE_INCOMPATIBLE;
  g_assert_cmpint (severity_of (f, options, "cpu", NULL), ==, FERRY_READINESS_BLOCKER);
  f->cpu_compare = VIR_CPU_COMPARE_SUPERSET;
  g_assert_cmpint (severity_of (f, options, "cpu", NULL), ==, FERRY_READINESS_OK);

  g_free (f->cpu_mode);
  f->cpu_mode = g_strdup ("host-passthrough");
  f->source.host_cpu_model = g_strdup ("Skylake-Client-IBRS");
  f->destination.host_cpu_model = g_strdup ("EPYC");
  g_assert_cmpint (severity_of (f, options, "cpu", NULL), ==, FERRY_READINESS_WARNING);
  g_free (f->destination.host_cpu_model);
  f->destination.host_cpu_model = g_strdup ("Skylake-Client-IBRS");
  g_assert_cmpint (severity_of (f, options, "cpu", NULL), ==, FERRY_READINESS_OK);
}

static void
test_pure_dirty_rate (void)
{
  g_autoptr(FerryReadinessFacts) f = plain_facts ();
  g_autoptr(FerryMigrationOptions) options = ferry_migration_options_new ();
  const char *fix = NULL;

  f->dirty_rate_measured = TRUE;
  f->dirty_rate = 120;
  ferry_migration_options_set_bandwidth (options, 100);
  g_assert_cmpint (severity_of (f, options, "dirty-rate", &fix), ==, FERRY_READINESS_WARNING);
  g_assert_cmpstr (fix, ==, "apply-preset");
  g_assert_true (ferry_migration_options_apply_preset (options, "busy"));
  g_assert_true (ferry_migration_options_get_auto_converge (options));
  g_assert_true (ferry_migration_options_get_postcopy (options));
  g_assert_cmpint (severity_of (f, options, "dirty-rate", NULL), ==, FERRY_READINESS_OK);

  ferry_migration_options_apply_preset (options, "safe");
  ferry_migration_options_set_bandwidth (options, 200);
  g_assert_cmpint (severity_of (f, options, "dirty-rate", NULL), ==, FERRY_READINESS_OK);
  g_assert_false (ferry_migration_options_apply_preset (options, "no-such-preset"));
}

static void
test_pure_pool_room (void)
{
  g_autoptr(FerryReadinessFacts) f = plain_facts ();
  g_autoptr(FerryMigrationOptions) options = ferry_migration_options_new ();
  FerryReadinessDisk *disk = g_new0 (FerryReadinessDisk, 1);

  disk->target = g_strdup ("vda");
  disk->device = g_strdup ("disk");
  disk->source = g_strdup ("/var/lib/libvirt/images/vm.qcow2");
  disk->pool = g_strdup ("default");
  disk->cache = FERRY_DISK_CACHE_NONE;
  disk->allocation = 10ull << 30;
  g_ptr_array_add (f->disks, disk);
  g_ptr_array_add (f->source.pools, _ferry_readiness_pool_new ("default", "dir", "/var/lib/libvirt/images", TRUE, 0));
  g_ptr_array_add (f->destination.pools,
                   _ferry_readiness_pool_new ("images", "dir", "/var/lib/libvirt/images", TRUE, 1ull << 30));
  ferry_migration_options_set_copy_storage (options, FERRY_MIGRATION_COPY_STORAGE_ALL);
  g_assert_cmpint (severity_of (f, options, "disk-storage", NULL), ==, FERRY_READINESS_BLOCKER);
  ((FerryReadinessPool *)f->destination.pools->pdata[0])->available = 20ull << 30;
  g_assert_cmpint (severity_of (f, options, "disk-storage", NULL), ==, FERRY_READINESS_OK);
  /* Only the listed disks are copied. */
  ferry_migration_options_set_copy_storage_disks (options, (const char * const[]) { "vdb", NULL });
  g_assert_cmpint (severity_of (f, options, "disk-storage", NULL), ==, FERRY_READINESS_BLOCKER);
}

static gboolean
unsafe_would_allow (FerryReadinessFacts   *f,
                    FerryMigrationOptions *options)
{
  g_autoptr(GPtrArray) results = _ferry_readiness_evaluate (f, options);
  g_autoptr(GListStore) store = g_list_store_new (FERRY_TYPE_READINESS_RESULT);

  g_list_store_splice (store, 0, 0, results->pdata, results->len);
  return _ferry_readiness_unsafe_would_allow (G_LIST_MODEL (store));
}

/* "Migrate anyway (unsafe)" is offered only where libvirt itself would let
 * the migration through with VIR_MIGRATE_UNSAFE: a local disk not copied. */
static void
test_pure_unsafe_override (void)
{
  g_autoptr(FerryReadinessFacts) f = plain_facts ();
  g_autoptr(FerryMigrationOptions) options = ferry_migration_options_new ();
  FerryReadinessDisk *disk = g_new0 (FerryReadinessDisk, 1);

  /* Nothing blocks: nothing to override. */
  g_assert_false (unsafe_would_allow (f, options));

  disk->target = g_strdup ("vda");
  disk->device = g_strdup ("disk");
  disk->source = g_strdup ("/var/lib/libvirt/images/vm.qcow2");
  disk->pool = g_strdup ("default");
  disk->cache = FERRY_DISK_CACHE_NONE;
  g_ptr_array_add (f->disks, disk);
  g_ptr_array_add (f->source.pools, _ferry_readiness_pool_new ("default", "dir", "/var/lib/libvirt/images", TRUE, 0));
  g_assert_cmpint (severity_of (f, options, "disk-storage", NULL), ==, FERRY_READINESS_BLOCKER);
  g_assert_true (unsafe_would_allow (f, options));

  /* With unsafe chosen the disk is a warning, and nothing is left to override. */
  ferry_migration_options_set_unsafe (options, TRUE);
  g_assert_cmpint (severity_of (f, options, "disk-storage", NULL), ==, FERRY_READINESS_WARNING);
  g_assert_false (unsafe_would_allow (f, options));
  ferry_migration_options_set_unsafe (options, FALSE);

  /* A blocker libvirt refuses whatever the flags takes the override away. */
  g_free (f->destination.host_uuid);
  f->destination.host_uuid = g_strdup ("1");
  g_assert_false (unsafe_would_allow (f, options));
}

static void
test_pure_eject_xml (void)
{
  g_autofree char *xml = _ferry_readiness_ejected_disk_xml (
    "<domain><devices><disk type='file' device='cdrom'><driver name='qemu'/>"
    "<source file='/x.iso'/><target dev='sda' bus='sata'/><readonly/></disk></devices></domain>", "sda");

  g_assert_cmpstr (xml, ==, "<disk type=\"file\" device=\"cdrom\"><driver name=\"qemu\"/>"
                            "<target dev=\"sda\" bus=\"sata\"/><readonly/></disk>");
  g_assert_null (_ferry_readiness_ejected_disk_xml ("<domain/>", "sda"));
}

/* ----------------------------------------------------------- command line */

static void
test_cli (Hosts *h, gconstpointer data)
{
  const char *migrate = g_getenv ("FERRY_MIGRATE");
  g_autofree char *out = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { migrate, "--check", "web", h->source_uri, h->destination_uri, NULL };
  const char *argv_json[] = { migrate, "--check", "--json", "--copy-storage-all", "nas-vm",
                              h->source_uri, h->destination_uri, NULL };

  if (migrate == NULL)
    {
      g_test_skip ("FERRY_MIGRATE is not set");
      return;
    }
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  /* The same-host blocker remains: exit status 1. */
  g_assert_true (g_spawn_check_wait_status (status, NULL) == FALSE);
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_true (g_str_has_prefix (out, "blocker\tsame-host\tSource and destination are the same host\n"));
  g_assert_nonnull (strstr (out, "\nok\tnetworks\tNetwork “both” is active on the destination\n"));

  g_spawn_sync (NULL, (char **)argv_json, NULL, G_SPAWN_DEFAULT, NULL, NULL, &json, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_true (g_str_has_prefix (json, "[\n  {\"id\": \"same-host\", \"subject\": null, \"severity\": \"blocker\""));
  g_assert_nonnull (strstr (json, "{\"id\": \"disk-storage\", \"subject\": \"nas\", \"severity\": \"blocker\""));
  g_assert_nonnull (strstr (json, "\"fix\": \"define-pool-on-destination\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ferry_core_init ();

#define HOSTS_TEST(path, fn) g_test_add ("/readiness/" path, Hosts, NULL, hosts_setup, fn, hosts_teardown)
  HOSTS_TEST ("same-host", test_same_host);
  HOSTS_TEST ("arch", test_arch);
  HOSTS_TEST ("cpu/test-driver", test_cpu_test_driver);
  HOSTS_TEST ("name-clash", test_name_clash);
  HOSTS_TEST ("memory-vcpus", test_memory_vcpus);
  HOSTS_TEST ("devices", test_devices);
  HOSTS_TEST ("networks", test_networks);
  HOSTS_TEST ("pools/shared", test_shared_pool);
  HOSTS_TEST ("pools/local", test_local_disk);
  HOSTS_TEST ("cache-mode", test_cache_mode);
  HOSTS_TEST ("readonly-media", test_readonly_and_media);
  HOSTS_TEST ("mode", test_mode);
  HOSTS_TEST ("versions/test-driver", test_versions_test_driver);
  HOSTS_TEST ("order", test_order);
  HOSTS_TEST ("dirty-rate/unsupported", test_dirty_rate_unsupported);
  HOSTS_TEST ("cli", test_cli);
  g_test_add_func ("/readiness/pure/clean", test_pure_clean);
  g_test_add_func ("/readiness/pure/versions", test_pure_versions);
  g_test_add_func ("/readiness/pure/cpu", test_pure_cpu);
  g_test_add_func ("/readiness/pure/dirty-rate", test_pure_dirty_rate);
  g_test_add_func ("/readiness/pure/pool-room", test_pure_pool_room);
  g_test_add_func ("/readiness/pure/eject-xml", test_pure_eject_xml);
  g_test_add_func ("/readiness/pure/unsafe-override", test_pure_unsafe_override);

  return g_test_run ();
}
