/* test-pool-validate.c — every message the pool editor can show, from a
 * table: the field, what the user typed (with the format it applies to), and
 * the exact sentence, or NULL when the value is fine.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-core.h"

typedef struct {
  FerryPoolField  field;
  const char     *format;
  const char     *value;
  const char     *message;
} Case;


static const Case cases[] = {
  /* Name: libvirt's rules, and its file name. */
  { FERRY_POOL_FIELD_NAME, "nfs", "vm-images", NULL },
  { FERRY_POOL_FIELD_NAME, "nfs", "VM images (NAS)", NULL },
  { FERRY_POOL_FIELD_NAME, "nfs", "", "Enter a name for the pool" },
  { FERRY_POOL_FIELD_NAME, "nfs", "   ", "The name cannot be only spaces" },
  { FERRY_POOL_FIELD_NAME, "nfs", "nfs/vms",
    "The name cannot contain “/”: libvirt stores the pool in a file of that name" },
  { FERRY_POOL_FIELD_NAME, "nfs", "a\tb",
    "The name cannot contain tabs, line breaks or other control characters" },
  { FERRY_POOL_FIELD_NAME, "nfs", "\xff\xfe", "The name is not valid text" },
  /* Host: a DNS name or an IP literal. */
  { FERRY_POOL_FIELD_SOURCE_HOST, "nfs", "nfs.example.com", NULL },
  { FERRY_POOL_FIELD_SOURCE_HOST, "nfs", "nas1", NULL },
  { FERRY_POOL_FIELD_SOURCE_HOST, "nfs", "nfs.example.com.", NULL },
  { FERRY_POOL_FIELD_SOURCE_HOST, "nfs", "192.168.1.20", NULL },
  { FERRY_POOL_FIELD_SOURCE_HOST, "nfs", "fd00::5", NULL },
  { FERRY_POOL_FIELD_SOURCE_HOST, "nfs", "", "Enter the server’s host name or IP address" },
  { FERRY_POOL_FIELD_SOURCE_HOST, "nfs", "[fd00::5]",
    "Write an IPv6 address without brackets, such as fd00::5" },
  { FERRY_POOL_FIELD_SOURCE_HOST, "nfs", "nas:2049",
    "This is not a valid IPv6 address; to give a port or path, use the other fields" },
  { FERRY_POOL_FIELD_SOURCE_HOST, "nfs", "192.168.1.300",
    "This is not a valid IPv4 address: four numbers from 0 to 255, such as 192.168.1.20" },
  { FERRY_POOL_FIELD_SOURCE_HOST, "nfs", "nas /srv",
    "A host name has no spaces or “/”: put the export path in its own field" },
  { FERRY_POOL_FIELD_SOURCE_HOST, "nfs", "-nas.example",
    "This is not a valid host name: use letters, digits, “-” and dots, such as nfs.example.com" },
  { FERRY_POOL_FIELD_SOURCE_HOST, "nfs", "nas..example",
    "This is not a valid host name: use letters, digits, “-” and dots, such as nfs.example.com" },
  /* Export path: absolute for NFS; a volume or share name otherwise. */
  { FERRY_POOL_FIELD_SOURCE_DIR, "nfs", "/srv/nfs/vms", NULL },
  { FERRY_POOL_FIELD_SOURCE_DIR, "auto", "/", NULL },
  { FERRY_POOL_FIELD_SOURCE_DIR, "nfs", "", "Enter the export path on the server, such as /srv/nfs/vms" },
  { FERRY_POOL_FIELD_SOURCE_DIR, "nfs", "srv/nfs",
    "Use an absolute path, starting with “/”, such as /srv/nfs/vms" },
  { FERRY_POOL_FIELD_SOURCE_DIR, "nfs", "/srv/nfs/", "Remove the “/” at the end" },
  { FERRY_POOL_FIELD_SOURCE_DIR, "nfs", "/srv//nfs", "The path contains “//”" },
  { FERRY_POOL_FIELD_SOURCE_DIR, "nfs", "/srv/../etc", "Write the path without “.” or “..”" },
  { FERRY_POOL_FIELD_SOURCE_DIR, "nfs", "/srv/a\nb",
    "The path cannot contain tabs, line breaks or other control characters" },
  { FERRY_POOL_FIELD_SOURCE_DIR, "glusterfs", "gv0", NULL },
  { FERRY_POOL_FIELD_SOURCE_DIR, "glusterfs", "", "Enter the Gluster volume name, such as gv0" },
  { FERRY_POOL_FIELD_SOURCE_DIR, "glusterfs", "gv 0", "A Gluster volume name has no spaces" },
  { FERRY_POOL_FIELD_SOURCE_DIR, "cifs", "vm share", NULL },
  { FERRY_POOL_FIELD_SOURCE_DIR, "cifs", "", "Enter the share name, such as vms" },
  /* Format. */
  { FERRY_POOL_FIELD_FORMAT, "auto", "auto", NULL },
  { FERRY_POOL_FIELD_FORMAT, "cifs", "cifs", NULL },
  { FERRY_POOL_FIELD_FORMAT, "ext4", "ext4",
    "“ext4” is not a network file system Ferry can set up: choose automatic, NFS, GlusterFS or CIFS" },
  /* NFS version: libvirt's <protocol ver> is a whole number. */
  { FERRY_POOL_FIELD_PROTOCOL_VERSION, "nfs", "", NULL },
  { FERRY_POOL_FIELD_PROTOCOL_VERSION, "nfs", "3", NULL },
  { FERRY_POOL_FIELD_PROTOCOL_VERSION, "auto", "4", NULL },
  { FERRY_POOL_FIELD_PROTOCOL_VERSION, "nfs", "4.1",
    "libvirt takes a whole version here: choose 4, and add the mount option vers=4.1 (or 4.2) for a minor version" },
  { FERRY_POOL_FIELD_PROTOCOL_VERSION, "nfs", "5", "The NFS version must be 3 or 4" },
  { FERRY_POOL_FIELD_PROTOCOL_VERSION, "glusterfs", "4",
    "The NFS version applies to NFS only: leave it empty for this format" },
  /* Mount options. */
  { FERRY_POOL_FIELD_MOUNT_OPTIONS, "nfs", "noatime,vers=4.1", NULL },
  { FERRY_POOL_FIELD_MOUNT_OPTIONS, "nfs", "noatime,,nosuid",
    "Separate the options with single commas, such as noatime,nosuid" },
  { FERRY_POOL_FIELD_MOUNT_OPTIONS, "nfs", "noatime nosuid",
    "Mount options have no spaces: separate them with commas" },
  /* Target path: absolute, not a system directory. */
  { FERRY_POOL_FIELD_TARGET_PATH, "nfs", "/var/lib/libvirt/nfs", NULL },
  { FERRY_POOL_FIELD_TARGET_PATH, "nfs", "/mnt/nfs", NULL },
  { FERRY_POOL_FIELD_TARGET_PATH, "nfs", "",
    "Enter the directory where the host mounts the pool, such as /var/lib/libvirt/nfs" },
  { FERRY_POOL_FIELD_TARGET_PATH, "nfs", "mnt/nfs",
    "Use an absolute path, starting with “/”, such as /var/lib/libvirt/nfs" },
  { FERRY_POOL_FIELD_TARGET_PATH, "nfs", "/",
    "/ is a system directory: mounting over it hides what is there. Use a directory of its own, such as /nfs-pool" },
  { FERRY_POOL_FIELD_TARGET_PATH, "nfs", "/etc",
    "/etc is a system directory: mounting over it hides what is there. Use a directory of its own, such as /etc/nfs-pool" },
  { FERRY_POOL_FIELD_TARGET_PATH, "nfs", "/var/lib/libvirt/images",
    "/var/lib/libvirt/images is a system directory: mounting over it hides what is there. Use a directory of its own, such as /var/lib/libvirt/images/nfs-pool" },
  { FERRY_POOL_FIELD_TARGET_PATH, "nfs", "/home",
    "/home is a system directory: mounting over it hides what is there. Use a directory of its own, such as /home/nfs-pool" },
  /* Permissions. */
  { FERRY_POOL_FIELD_MODE, "nfs", "", NULL },
  { FERRY_POOL_FIELD_MODE, "nfs", "0755", NULL },
  { FERRY_POOL_FIELD_MODE, "nfs", "711", NULL },
  { FERRY_POOL_FIELD_MODE, "nfs", "0789", "Write the mode in octal digits (0–7), such as 0755" },
  { FERRY_POOL_FIELD_MODE, "nfs", "rwxr-x---", "Write the mode in octal digits (0–7), such as 0755" },
  { FERRY_POOL_FIELD_MODE, "nfs", "75", "The mode has 3 or 4 octal digits, such as 0755 or 755" },
  { FERRY_POOL_FIELD_MODE, "nfs", "07755", "The mode has 3 or 4 octal digits, such as 0755 or 755" },
  { FERRY_POOL_FIELD_OWNER, "nfs", "0", NULL },
  { FERRY_POOL_FIELD_OWNER, "nfs", "4294967294", NULL },
  { FERRY_POOL_FIELD_OWNER, "nfs", "4294967295",
    "Enter the owner as a number (a UID from 0 to 4294967294), not a name" },
  { FERRY_POOL_FIELD_OWNER, "nfs", "qemu",
    "Enter the owner as a number (a UID from 0 to 4294967294), not a name" },
  { FERRY_POOL_FIELD_OWNER, "nfs", "-1",
    "Enter the owner as a number (a UID from 0 to 4294967294), not a name" },
  { FERRY_POOL_FIELD_GROUP, "nfs", "107", NULL },
  { FERRY_POOL_FIELD_GROUP, "nfs", "kvm",
    "Enter the group as a number (a GID from 0 to 4294967294), not a name" },
};

static void
test_messages (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FerryPoolConfig) config = ferry_pool_config_new ();
      g_autofree char *message = NULL;

      ferry_pool_config_set_field (config, FERRY_POOL_FIELD_FORMAT, cases[i].format);
      ferry_pool_config_set_field (config, cases[i].field, cases[i].value);
      message = ferry_pool_config_check_field (config, cases[i].field, NULL);
      g_test_message ("case %u", i);
      g_assert_cmpstr (message, ==, cases[i].message);
    }
}

static void
test_long_name (void)
{
  g_autoptr(FerryPoolConfig) config = ferry_pool_config_new ();
  g_autofree char *name = g_strnfill (252, 'a');
  g_autofree char *message = NULL;

  ferry_pool_config_set_field (config, FERRY_POOL_FIELD_NAME, name);
  message = ferry_pool_config_check_field (config, FERRY_POOL_FIELD_NAME, NULL);
  g_assert_cmpstr (message, ==, "The name is too long: at most 251 bytes");
  name[251] = '\0';
  ferry_pool_config_set_field (config, FERRY_POOL_FIELD_NAME, name);
  g_clear_pointer (&message, g_free);
  message = ferry_pool_config_check_field (config, FERRY_POOL_FIELD_NAME, NULL);
  g_assert_null (message);
}

static GListStore *
host_pools (void)
{
  GListStore *store = g_list_store_new (FERRY_TYPE_POOL);
  FerryPoolInfo infos[] = {
    { (char *)"images", (char *)"00000000-0000-4000-8000-000000000001", (char *)"dir",
      (char *)"/var/lib/libvirt/images", NULL, NULL, 2, 0, 0, 0, TRUE, TRUE, TRUE },
    { (char *)"shared", (char *)"00000000-0000-4000-8000-000000000002", (char *)"netfs",
      (char *)"/var/lib/libvirt/shared", (char *)"NFS.example.com", (char *)"/srv/nfs/",
      0, 0, 0, 0, FALSE, TRUE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (infos); i++)
    {
      g_autoptr(FerryPool) pool = _ferry_pool_new (&infos[i]);
      g_list_store_append (store, pool);
    }
  return store;
}

static void
test_duplicates (void)
{
  g_autoptr(GListStore) pools = host_pools ();
  g_autoptr(FerryPoolConfig) config = ferry_pool_config_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(FerryPoolConfig) editing = NULL;

  g_object_set (config, "name", "shared", "source-host", "nfs.example.com",
                "source-dir", "/srv/nfs", "target-path", "/var/lib/libvirt/shared", NULL);
  message = ferry_pool_config_check_field (config, FERRY_POOL_FIELD_NAME, G_LIST_MODEL (pools));
  g_assert_cmpstr (message, ==, "This host already has a pool named “shared”");
  g_clear_pointer (&message, g_free);
  /* The same server (any case) and the same export (with or without the
   * trailing slash) is the same source. */
  message = ferry_pool_config_check_field (config, FERRY_POOL_FIELD_SOURCE_DIR,
                                           G_LIST_MODEL (pools));
  g_assert_cmpstr (message, ==, "Pool “shared” on this host already uses NFS.example.com:/srv/nfs");
  g_clear_pointer (&message, g_free);
  message = ferry_pool_config_check_field (config, FERRY_POOL_FIELD_TARGET_PATH,
                                           G_LIST_MODEL (pools));
  g_assert_cmpstr (message, ==, "Pool “shared” on this host already uses this directory");

  g_assert_false (ferry_pool_config_validate (config, G_LIST_MODEL (pools), &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "This host already has a pool named “shared”");
  g_clear_error (&error);

  /* Another export on the same server is fine; so is the pool itself when
   * it is the one being edited (same UUID). */
  g_object_set (config, "name", "shared2", "source-dir", "/srv/nfs2",
                "target-path", "/var/lib/libvirt/shared2", NULL);
  g_assert_true (ferry_pool_config_validate (config, G_LIST_MODEL (pools), &error));
  g_assert_no_error (error);

  g_object_set (config, "name", "shared", "source-dir", "/srv/nfs",
                "target-path", "/var/lib/libvirt/shared", NULL);
  xml = ferry_pool_config_to_xml (config);
  {
    /* Reload with the existing pool's UUID added by hand: an edit. */
    g_autoptr(GString) with_uuid = g_string_new (xml);
    g_string_replace (with_uuid, "<name>", "<uuid>00000000-0000-4000-8000-000000000002</uuid><name>", 1);
    editing = ferry_pool_config_new_from_xml (with_uuid->str, &error);
    g_assert_no_error (error);
  }
  g_assert_true (ferry_pool_config_validate (editing, G_LIST_MODEL (pools), &error));
  g_assert_no_error (error);
}

static void
test_volume_names (void)
{
  static const struct { const char *name; const char *message; } names[] = {
    { "disk.qcow2", NULL },
    { "", "Enter a name for the volume" },
    { "a/b", "A volume name cannot contain “/”" },
    { "..", "“.” and “..” are not volume names" },
    { ".hidden", "A volume name starting with “.” would be hidden: libvirt does not list it" },
    { "a\nb", "The name cannot contain tabs, line breaks or other control characters" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *message = ferry_pool_check_volume_name (names[i].name);
      g_assert_cmpstr (message, ==, names[i].message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ferry_core_init ();

  g_test_add_func ("/pool-validate/messages", test_messages);
  g_test_add_func ("/pool-validate/long-name", test_long_name);
  g_test_add_func ("/pool-validate/duplicates", test_duplicates);
  g_test_add_func ("/pool-validate/volume-names", test_volume_names);

  return g_test_run ();
}
