/* test-input-validation-storage.c — hostile input in the storage fields:
 * pool name, server, export path, target path, mode, owner, group; volume
 * name, size and format; disk targets and cache/I/O mode strings. Each is
 * refused with its own message before any libvirt call: the test driver's
 * pools, volumes and domain definition are checked unchanged afterwards.
 * What libvirt can take (XML and shell metacharacters in a volume name) is
 * kept exactly.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt/libvirt.h>

#include "ferry-core.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000
#define POOL "default-pool"

typedef struct
{
  FerryConnection *connection;
  virConnectPtr    conn;        /* the same test:///default, for looking behind Ferry */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->connection = ferry_connection_new ("test:///default");
  ferry_connection_open_async (f->connection, NULL, NULL, NULL);
  ferry_test_wait_property (f->connection, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
  /* test:///default is one host per process: this sees what Ferry changed. */
  f->conn = virConnectOpen ("test:///default");
  g_assert_nonnull (f->conn);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  virConnectClose (f->conn);
  g_clear_object (&f->connection);
}

/* --------------------------------------------------------------- pools */

typedef struct
{
  const char *field;
  const char *value;     /* NULL: a 4 KiB string */
  const char *message;
} PoolCase;

static const PoolCase pool_cases[] = {
  { "name", "", "Enter a name for the pool" },
  { "name", "../evil", "The name cannot contain “/”: libvirt stores the pool in a file of that name" },
  { "name", "a\nb", "The name cannot contain tabs, line breaks or other control characters" },
  { "name", NULL, "The name is too long: at most 251 bytes" },
  { "source-host", "", "Enter the server’s host name or IP address" },
  { "source-host", "nfs;reboot", "This is not a valid host name: use letters, digits, “-” and dots, such as nfs.example.com" },
  { "source-host", "$(id)", "This is not a valid host name: use letters, digits, “-” and dots, such as nfs.example.com" },
  { "source-host", "<nfs>&'\"`|", "This is not a valid host name: use letters, digits, “-” and dots, such as nfs.example.com" },
  { "source-host", "nfs-ü.example", "This is not a valid host name: use letters, digits, “-” and dots, such as nfs.example.com" },
  { "source-host", "nfs/srv", "A host name has no spaces or “/”: put the export path in its own field" },
  { "source-host", "999.1.1.1", "This is not a valid IPv4 address: four numbers from 0 to 255, such as 192.168.1.20" },
  { "source-host", NULL, "This is not a valid host name: use letters, digits, “-” and dots, such as nfs.example.com" },
  { "source-dir", "", "Enter the export path on the server, such as /srv/nfs/vms" },
  { "source-dir", "srv/vms", "Use an absolute path, starting with “/”, such as /srv/nfs/vms" },
  { "source-dir", "/srv/../etc", "Write the path without “.” or “..”" },
  { "source-dir", "/srv/a\tb", "The path cannot contain tabs, line breaks or other control characters" },
  { "target-path", "", "Enter the directory where the host mounts the pool, such as /var/lib/libvirt/nfs" },
  { "target-path", "mnt/vms", "Use an absolute path, starting with “/”, such as /var/lib/libvirt/nfs" },
  { "target-path", "/var/lib/libvirt/../../etc", "Write the path without “.” or “..”" },
  { "target-path", "/etc", "/etc is a system directory: mounting over it hides what is there. Use a directory of its own, such as /etc/nfs-pool" },
  { "mode", "0779", "Write the mode in octal digits (0–7), such as 0755" },
  { "mode", "-1", "Write the mode in octal digits (0–7), such as 0755" },
  { "mode", "07555", "The mode has 3 or 4 octal digits, such as 0755 or 755" },
  { "owner", "-1", "Enter the owner as a number (a UID from 0 to 4294967294), not a name" },
  { "owner", "root", "Enter the owner as a number (a UID from 0 to 4294967294), not a name" },
  { "owner", "4294967295", "Enter the owner as a number (a UID from 0 to 4294967294), not a name" },
  { "group", "$(id -g)", "Enter the group as a number (a GID from 0 to 4294967294), not a name" },
  { "protocol-version", "4.1", "libvirt takes a whole version here: choose 4, and add the mount option vers=4.1 (or 4.2) for a minor version" },
  { "mount-options", "noatime;reboot nosuid", "Mount options have no spaces: separate them with commas" },
};

static FerryPoolField
field_named (const char *property)
{
  for (FerryPoolField field = 0; field < FERRY_POOL_N_FIELDS; field++)
    if (g_str_equal (ferry_pool_field_get_property_name (field), property))
      return field;
  g_assert_not_reached ();
}

static FerryPoolConfig *
good_config (void)
{
  FerryPoolConfig *config = ferry_pool_config_new ();

  g_object_set (config, "name", "ferry-validate", "source-host", "nfs.example.com",
                "source-dir", "/srv/nfs/vms", "target-path", "/var/lib/libvirt/ferry-validate",
                NULL);
  g_assert_true (ferry_pool_config_validate (config, NULL, NULL));
  return config;
}

/* Active and inactive: what libvirt has, whatever Ferry's lists say. */
static int
count_pools (Fixture *f)
{
  return virConnectNumOfDefinedStoragePools (f->conn) + virConnectNumOfStoragePools (f->conn);
}

static void
test_pools (Fixture       *f,
            gconstpointer  data)
{
  int n_pools = count_pools (f);

  for (guint i = 0; i < G_N_ELEMENTS (pool_cases); i++)
    {
      const PoolCase *c = &pool_cases[i];
      g_autoptr(FerryPoolConfig) config = good_config ();
      g_autofree char *value = c->value ? g_strdup (c->value) : g_strnfill (4096, 'p');
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      g_test_message ("%s = %s", c->field, c->value);
      g_object_set (config, c->field, value, NULL);
      message = ferry_pool_config_check_field (config, field_named (c->field), NULL);
      g_assert_cmpstr (message, ==, c->message);

      /* Defining it anyway is refused with the same message, and the host
       * never hears of it. */
      ferry_pool_define_async (f->connection, config, NULL, ferry_test_store_result, &result);
      result = ferry_test_wait_result (&result, TIMEOUT_MS, "define");
      g_assert_false (ferry_pool_define_finish (f->connection, result, &error));
      g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
      g_assert_cmpstr (error->message, ==, c->message);
      g_assert_cmpint (count_pools (f), ==, n_pools);
    }
}

/* ------------------------------------------------------------- volumes */

typedef struct
{
  const char *name;      /* NULL: a 4 KiB name */
  const char *format;
  guint64     capacity;
  guint64     allocation;
  const char *message;
} VolumeCase;

#define GIB G_GUINT64_CONSTANT (1073741824)

static const VolumeCase volume_cases[] = {
  { "", "qcow2", GIB, 0, "Enter a name for the volume" },
  { "..", "qcow2", GIB, 0, "“.” and “..” are not volume names" },
  { "../../etc/evil", "qcow2", GIB, 0, "A volume name cannot contain “/”" },
  { ".hidden", "qcow2", GIB, 0, "A volume name starting with “.” would be hidden: libvirt does not list it" },
  { "a\nb", "qcow2", GIB, 0, "The name cannot contain tabs, line breaks or other control characters" },
  { NULL, "qcow2", GIB, 0, "The name is too long: at most 255 bytes" },
  { "disk.qcow2", "qcow2", 0, 0, "Enter a size for the volume" },
  { "disk.qcow2", "qcow2", G_MAXUINT64, 0, "The size is too big: at most 8 EiB" },
  { "disk.qcow2", "qcow2", GIB, 2 * GIB, "The space to allocate now cannot be more than the size" },
  { "disk.qcow2", "qcow2;id", GIB, 0, "“qcow2;id” is not a volume format Ferry creates: use qcow2 or raw" },
  { "disk.qcow2", "<raw>", GIB, 0, "“<raw>” is not a volume format Ferry creates: use qcow2 or raw" },
};

static gboolean
create_volume (Fixture    *f,
               const char *name,
               const char *format,
               guint64     capacity,
               guint64     allocation,
               GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ferry_pool_create_volume_async (f->connection, POOL, name, format, capacity, allocation, NULL,
                                  ferry_test_store_result, &result);
  result = ferry_test_wait_result (&result, TIMEOUT_MS, "create volume");
  return ferry_pool_create_volume_finish (f->connection, result, error);
}

static void
test_volumes (Fixture       *f,
              gconstpointer  data)
{
  virStoragePoolPtr pool = virStoragePoolLookupByName (f->conn, POOL);
  const char *kept = "vm<>&'\"`$;|ü.qcow2";
  virStorageVolPtr vol;
  int n_volumes;

  g_assert_nonnull (pool);
  n_volumes = virStoragePoolNumOfVolumes (pool);
  for (guint i = 0; i < G_N_ELEMENTS (volume_cases); i++)
    {
      const VolumeCase *c = &volume_cases[i];
      g_autofree char *name = c->name ? g_strdup (c->name) : g_strnfill (4096, 'v');
      g_autoptr(GError) error = NULL;

      g_test_message ("volume %u", i);
      g_assert_false (create_volume (f, name, c->format, c->capacity, c->allocation, &error));
      g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
      g_assert_cmpstr (error->message, ==, c->message);
      g_assert_cmpint (virStoragePoolNumOfVolumes (pool), ==, n_volumes);
    }

  /* A file name may hold these: libvirt gets it XML-escaped, and makes the
   * file with exactly this name. */
  g_assert_true (create_volume (f, kept, "qcow2", GIB, 0, NULL));
  vol = virStorageVolLookupByName (pool, kept);
  g_assert_nonnull (vol);
  g_assert_cmpstr (virStorageVolGetName (vol), ==, kept);
  g_assert_cmpint (virStorageVolDelete (vol, 0), ==, 0);
  virStorageVolFree (vol);
  virStoragePoolFree (pool);
}

/* --------------------------------------------------------------- disks */

/* Mode strings come from libvirt's XML (and the lab's tools): only libvirt's
 * own spellings are modes. */
static void
test_mode_strings (void)
{
  const char *bad[] = { "none;id", "NONE", " none", "none ", "<none>", "writeback\n", "ünsafe" };
  FerryDiskCache cache = FERRY_DISK_CACHE_NONE;
  FerryDiskIo io = FERRY_DISK_IO_NATIVE;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (ferry_disk_cache_from_string (bad[i], &cache));
      g_assert_false (ferry_disk_io_from_string (bad[i], &io));
    }
  g_assert_true (ferry_disk_cache_from_string ("", &cache));
  g_assert_cmpint (cache, ==, FERRY_DISK_CACHE_DEFAULT);
  g_assert_true (ferry_disk_io_from_string ("io_uring", &io));
  g_assert_cmpint (io, ==, FERRY_DISK_IO_IO_URING);
}

/* A disk target the VM does not have, whatever it holds, is refused by name
 * and the definition is not touched. */
static void
test_disk_targets (Fixture       *f,
                   gconstpointer  data)
{
  const char *targets[] = { "<vda>", "vda'/><disk", "$(id)", "vda;id", "../vda", "vdä", "" };
  virDomainPtr domain = virDomainLookupByName (f->conn, "test");
  g_autofree char *before = NULL;

  g_assert_nonnull (domain);
  before = virDomainGetXMLDesc (domain, VIR_DOMAIN_XML_INACTIVE);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(GPtrArray) changes =
        g_ptr_array_new_with_free_func ((GDestroyNotify)ferry_disk_change_free);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = g_strdup_printf ("The VM has no disk “%s”.", targets[i]);
      g_autofree char *after = NULL;

      g_ptr_array_add (changes, ferry_disk_change_new (targets[i], FERRY_DISK_CACHE_NONE,
                                                       FERRY_DISK_IO_NATIVE));
      ferry_domain_disks_apply_async (f->connection, "test", changes, NULL,
                                      ferry_test_store_result, &result);
      result = ferry_test_wait_result (&result, TIMEOUT_MS, "apply");
      g_assert_null (ferry_domain_disks_apply_finish (result, &error));
      g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
      g_assert_cmpstr (error->message, ==, expected);
      after = virDomainGetXMLDesc (domain, VIR_DOMAIN_XML_INACTIVE);
      g_assert_cmpstr (after, ==, before);
    }
  virDomainFree (domain);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ferry_core_init ();

  g_test_add ("/core/input-validation/pools", Fixture, NULL, fixture_set_up, test_pools,
              fixture_tear_down);
  g_test_add ("/core/input-validation/volumes", Fixture, NULL, fixture_set_up, test_volumes,
              fixture_tear_down);
  g_test_add_func ("/core/input-validation/disk-mode-strings", test_mode_strings);
  g_test_add ("/core/input-validation/disk-targets", Fixture, NULL, fixture_set_up,
              test_disk_targets, fixture_tear_down);
  return g_test_run ();
}
