/* test-domain-disks-ops.c — reading disks from a host and applying cache and I/O modes,
 * against libvirt's test driver: the persistent definition is redefined with the new
 * modes and everything else kept; a running VM reports that the change waits for the
 * next boot (the test driver, like QEMU, does not update a running disk's cache).
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ferry-core.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000

typedef struct
{
  FerryConnection *connection;
  GAsyncResult    *result;
} Fixture;

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->result = g_object_ref (result);
}

static gboolean
has_result (gpointer user_data)
{
  return ((Fixture *)user_data)->result != NULL;
}

/* Waits for the pending operation and hands its result over. */
static GAsyncResult *
wait_result (Fixture *fixture)
{
  GAsyncResult *result;

  ferry_test_wait_until (has_result, fixture, TIMEOUT_MS, "the disks operation");
  result = fixture->result;
  fixture->result = NULL;
  return result;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  /* The test driver keeps its changes in memory: the file stays as it is. */
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "disks-host.xml", NULL);
  g_autofree char *uri = g_strdup_printf ("test://%s", path);

  fixture->connection = ferry_connection_new (uri);
  ferry_connection_open_async (fixture->connection, NULL, NULL, NULL);
  ferry_test_wait_property (fixture->connection, "state", FERRY_CONNECTION_STATE_CONNECTED,
                            TIMEOUT_MS);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  ferry_connection_close (fixture->connection);
  g_clear_object (&fixture->connection);
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
}

static FerryDomainDisks *
read_disks (Fixture    *fixture,
            const char *domain)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FerryDomainDisks *disks;

  ferry_domain_disks_read_async (fixture->connection, domain, NULL, result_cb, fixture);
  result = wait_result (fixture);
  disks = ferry_domain_disks_read_finish (result, &error);
  g_assert_no_error (error);
  return disks;
}

static FerryDiskInfo *
disk_at (GListStore *disks,
         guint       position)
{
  FerryDiskInfo *info = g_list_model_get_item (G_LIST_MODEL (disks), position);

  g_object_unref (info);   /* the store keeps it */
  return info;
}

static GPtrArray *
apply (Fixture    *fixture,
       const char *domain,
       GPtrArray  *changes,
       GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (changes != NULL)
    ferry_domain_disks_apply_async (fixture->connection, domain, changes, NULL, result_cb, fixture);
  else
    ferry_domain_disks_make_safe_async (fixture->connection, domain, NULL, result_cb, fixture);
  result = wait_result (fixture);
  return changes ? ferry_domain_disks_apply_finish (result, error)
                 : ferry_domain_disks_make_safe_finish (result, error);
}

static GPtrArray *
make_safe_or_fail (Fixture    *fixture,
                   const char *domain)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *done = apply (fixture, domain, NULL, &error);

  g_assert_no_error (error);
  return done;
}

static void
test_read (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(FerryDomainDisks) off = read_disks (fixture, "disks-off");
  g_autoptr(FerryDomainDisks) run = read_disks (fixture, "disks-run");
  g_autoptr(FerryDomainDisks) by_uuid = read_disks (fixture, "8f1e2d3c-4b5a-4697-8887-766554433221");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (off->active);
  g_assert_null (off->live_disks);
  g_assert_cmpstr (off->name, ==, "disks-off");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (off->disks)), ==, 3);
  g_assert_cmpint (ferry_disk_info_get_cache (disk_at (off->disks, 0)), ==, FERRY_DISK_CACHE_WRITEBACK);

  g_assert_true (run->active);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (run->live_disks)), ==, 2);
  g_assert_cmpint (ferry_disk_info_get_io (disk_at (run->disks, 1)), ==, FERRY_DISK_IO_NATIVE);

  g_assert_cmpstr (by_uuid->name, ==, "disks-off");

  ferry_domain_disks_read_async (fixture->connection, "no-such-vm", NULL, result_cb, fixture);
  result = wait_result (fixture);
  g_assert_null (ferry_domain_disks_read_finish (result, &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_LIBVIRT);
}

static void
test_apply_shut_off (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify)ferry_disk_change_free);
  g_autoptr(GPtrArray) done = NULL;
  g_autoptr(FerryDomainDisks) after = NULL;
  g_autoptr(GError) error = NULL;
  FerryDiskInfo *vda;

  g_ptr_array_add (changes, ferry_disk_change_new ("vda", FERRY_DISK_CACHE_NONE, FERRY_DISK_IO_NATIVE));
  g_ptr_array_add (changes, ferry_disk_change_new ("vdb", FERRY_DISK_CACHE_DIRECTSYNC,
                                                   FERRY_DISK_IO_IO_URING));
  done = apply (fixture, "disks-off", changes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (done->len, ==, 2);
  for (guint i = 0; i < done->len; i++)
    g_assert_cmpint (((FerryDiskChange *)g_ptr_array_index (done, i))->applied, ==,
                     FERRY_DISK_APPLIED_CONFIG);

  /* libvirt's own reading of the redefined VM has the modes, and kept the rest. */
  after = read_disks (fixture, "disks-off");
  vda = disk_at (after->disks, 0);
  g_assert_cmpint (ferry_disk_info_get_cache (vda), ==, FERRY_DISK_CACHE_NONE);
  g_assert_cmpint (ferry_disk_info_get_io (vda), ==, FERRY_DISK_IO_NATIVE);
  g_assert_cmpstr (ferry_disk_info_get_discard (vda), ==, "unmap");
  g_assert_cmpstr (ferry_disk_info_get_format (vda), ==, "qcow2");
  g_assert_cmpint (ferry_disk_info_get_cache (disk_at (after->disks, 1)), ==, FERRY_DISK_CACHE_DIRECTSYNC);
  g_assert_cmpint (ferry_disk_info_get_io (disk_at (after->disks, 1)), ==, FERRY_DISK_IO_IO_URING);
  g_assert_true (ferry_disk_info_get_empty (disk_at (after->disks, 2)));
}

static void
test_apply_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify)ferry_disk_change_free);
  g_autoptr(GPtrArray) done = NULL;
  g_autoptr(FerryDomainDisks) after = NULL;
  g_autoptr(GError) error = NULL;

  /* The io/cache rule stops the whole change before anything reaches the host. */
  g_ptr_array_add (changes, ferry_disk_change_new ("vda", FERRY_DISK_CACHE_NONE, FERRY_DISK_IO_DEFAULT));
  g_ptr_array_add (changes, ferry_disk_change_new ("vdb", FERRY_DISK_CACHE_WRITEBACK, FERRY_DISK_IO_NATIVE));
  done = apply (fixture, "disks-off", changes, &error);
  g_assert_null (done);
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  after = read_disks (fixture, "disks-off");
  g_assert_cmpint (ferry_disk_info_get_cache (disk_at (after->disks, 0)), ==, FERRY_DISK_CACHE_WRITEBACK);

  /* A disk the VM does not have. */
  g_ptr_array_set_size (changes, 0);
  g_ptr_array_add (changes, ferry_disk_change_new ("vdq", FERRY_DISK_CACHE_NONE, FERRY_DISK_IO_DEFAULT));
  done = apply (fixture, "disks-off", changes, &error);
  g_assert_null (done);
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
}

static void
test_apply_running (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify)ferry_disk_change_free);
  g_autoptr(GPtrArray) done = NULL;
  g_autoptr(FerryDomainDisks) after = NULL;
  g_autoptr(GError) error = NULL;
  FerryDiskChange *change;

  g_ptr_array_add (changes, ferry_disk_change_new ("vda", FERRY_DISK_CACHE_NONE, FERRY_DISK_IO_THREADS));
  done = apply (fixture, "disks-run", changes, &error);
  g_assert_no_error (error);
  change = g_ptr_array_index (done, 0);
  /* The running VM could not take it: the change waits for the next boot, and says why. */
  g_assert_cmpint (change->applied, ==, FERRY_DISK_APPLIED_NEXT_BOOT);
  g_assert_nonnull (change->live_error);
  g_assert_nonnull (strstr (change->live_error, "not supported"));

  after = read_disks (fixture, "disks-run");
  g_assert_true (after->active);
  g_assert_cmpint (ferry_disk_info_get_cache (disk_at (after->disks, 0)), ==, FERRY_DISK_CACHE_NONE);
  g_assert_cmpint (ferry_disk_info_get_cache (disk_at (after->live_disks, 0)), ==,
                   FERRY_DISK_CACHE_WRITETHROUGH);
}

static void
test_make_safe (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) done = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(FerryDomainDisks) after = NULL;
  FerryDiskChange *change;

  done = make_safe_or_fail (fixture, "disks-off");
  g_assert_cmpuint (done->len, ==, 2);
  change = g_ptr_array_index (done, 0);
  g_assert_cmpstr (change->target, ==, "vda");
  g_assert_cmpint (change->cache, ==, FERRY_DISK_CACHE_NONE);
  g_assert_cmpint (change->applied, ==, FERRY_DISK_APPLIED_CONFIG);
  g_assert_cmpstr (((FerryDiskChange *)g_ptr_array_index (done, 1))->target, ==, "vdb");

  after = read_disks (fixture, "disks-off");
  g_assert_cmpint (ferry_disk_info_get_cache (disk_at (after->disks, 0)), ==, FERRY_DISK_CACHE_NONE);
  g_assert_cmpint (ferry_disk_info_get_cache (disk_at (after->disks, 1)), ==, FERRY_DISK_CACHE_NONE);

  /* Running VM: the rbd disk (writethrough) changes, the native one is already safe. */
  g_clear_pointer (&done, g_ptr_array_unref);
  done = make_safe_or_fail (fixture, "disks-run");
  g_assert_cmpuint (done->len, ==, 1);
  change = g_ptr_array_index (done, 0);
  g_assert_cmpstr (change->target, ==, "vda");
  g_assert_cmpint (change->io, ==, FERRY_DISK_IO_THREADS);
  g_assert_cmpint (change->applied, ==, FERRY_DISK_APPLIED_NEXT_BOOT);

  again = make_safe_or_fail (fixture, "disks-run");
  g_assert_cmpuint (again->len, ==, 0);
}

static void
test_not_connected (void)
{
  g_autoptr(FerryConnection) c = ferry_connection_new ("test:///default");
  Fixture fixture = { c, NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ferry_domain_disks_read_async (c, "test", NULL, result_cb, &fixture);
  result = wait_result (&fixture);
  g_assert_null (ferry_domain_disks_read_finish (result, &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_NOT_CONNECTED);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ferry_core_init ();
  g_test_add ("/domain-disks-ops/read", Fixture, NULL, fixture_setup, test_read, fixture_teardown);
  g_test_add ("/domain-disks-ops/apply-shut-off", Fixture, NULL, fixture_setup,
              test_apply_shut_off, fixture_teardown);
  g_test_add ("/domain-disks-ops/apply-refused", Fixture, NULL, fixture_setup,
              test_apply_refused, fixture_teardown);
  g_test_add ("/domain-disks-ops/apply-running", Fixture, NULL, fixture_setup,
              test_apply_running, fixture_teardown);
  g_test_add ("/domain-disks-ops/make-safe", Fixture, NULL, fixture_setup, test_make_safe,
              fixture_teardown);
  g_test_add_func ("/domain-disks-ops/not-connected", test_not_connected);
  return g_test_run ();
}
