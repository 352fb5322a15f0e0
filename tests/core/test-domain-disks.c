/* test-domain-disks.c — reading a VM's disks, and changing their cache and I/O modes: on a
 * corpus of domain XMLs (one attribute changes, nothing else in the document does), and on
 * libvirt's test driver (the definition is redefined; a running VM reports "next boot").
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libxml/c14n.h>
#include <libxml/parser.h>

#include "ferry-core.h"

static const char * const corpus[] = {
  "file-qcow2.xml", "block-raw.xml", "network-rbd.xml", "network-iscsi-nbd.xml",
  "gluster-volume.xml", "cdroms-floppy.xml", "many-drivers.xml", "no-disks.xml",
};

static char *
read_corpus (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "domains", name, NULL);
  g_autoptr(GError) error = NULL;
  char *xml = NULL;

  g_file_get_contents (path, &xml, NULL, &error);
  g_assert_no_error (error);
  return xml;
}

static FerryDiskInfo *
disk_by_target (GListModel *disks,
                const char *target)
{
  for (guint i = 0; i < g_list_model_get_n_items (disks); i++)
    {
      g_autoptr(FerryDiskInfo) info = g_list_model_get_item (disks, i);

      if (g_strcmp0 (ferry_disk_info_get_target (info), target) == 0)
        return info;   /* the list keeps it alive */
    }
  return NULL;
}

/* ------------------------------------------------------------------ parse */

static const struct {
  const char          *file;
  const char          *target;
  FerryDiskDevice      device;
  FerryDiskSourceType  source_type;
  const char          *label;
  const char          *format;
  FerryDiskCache       cache;
  FerryDiskIo          io;
  gboolean             readonly, shareable, empty;
} expected_disks[] = {
  { "file-qcow2.xml", "vda", FERRY_DISK_DEVICE_DISK, FERRY_DISK_SOURCE_FILE,
    "/var/lib/libvirt/images/web01.qcow2", "qcow2", FERRY_DISK_CACHE_DEFAULT, FERRY_DISK_IO_DEFAULT },
  { "file-qcow2.xml", "sda", FERRY_DISK_DEVICE_CDROM, FERRY_DISK_SOURCE_FILE, "No medium", "raw",
    FERRY_DISK_CACHE_DEFAULT, FERRY_DISK_IO_DEFAULT, TRUE, FALSE, TRUE },
  { "block-raw.xml", "vda", FERRY_DISK_DEVICE_DISK, FERRY_DISK_SOURCE_BLOCK,
    "/dev/vg0/db-primary-root", "raw", FERRY_DISK_CACHE_NONE, FERRY_DISK_IO_NATIVE },
  { "block-raw.xml", "vdb", FERRY_DISK_DEVICE_DISK, FERRY_DISK_SOURCE_BLOCK,
    "/dev/vg0/db-primary-wal", "raw", FERRY_DISK_CACHE_DIRECTSYNC, FERRY_DISK_IO_NATIVE },
  { "block-raw.xml", "sda", FERRY_DISK_DEVICE_LUN, FERRY_DISK_SOURCE_BLOCK,
    "/dev/disk/by-id/wwn-0x5000c500a1b2c3d4", "raw", FERRY_DISK_CACHE_DEFAULT,
    FERRY_DISK_IO_DEFAULT, FALSE, TRUE, FALSE },
  { "network-rbd.xml", "vda", FERRY_DISK_DEVICE_DISK, FERRY_DISK_SOURCE_NETWORK,
    "rbd: vms/ceph-app-root", "raw", FERRY_DISK_CACHE_WRITEBACK, FERRY_DISK_IO_DEFAULT },
  { "network-rbd.xml", "fda", FERRY_DISK_DEVICE_FLOPPY, FERRY_DISK_SOURCE_FILE,
    "/var/lib/libvirt/images/drivers.img", "raw", FERRY_DISK_CACHE_UNSAFE, FERRY_DISK_IO_DEFAULT },
  { "network-iscsi-nbd.xml", "sda", FERRY_DISK_DEVICE_DISK, FERRY_DISK_SOURCE_NETWORK,
    "iscsi: iqn.2013-07.com.example:iscsi-nopool/1", "raw", FERRY_DISK_CACHE_WRITETHROUGH,
    FERRY_DISK_IO_THREADS },
  { "network-iscsi-nbd.xml", "sdb", FERRY_DISK_DEVICE_LUN, FERRY_DISK_SOURCE_NETWORK,
    "iscsi: iqn.2013-07.com.example:iscsi-pool/2", "raw", FERRY_DISK_CACHE_DEFAULT,
    FERRY_DISK_IO_DEFAULT },
  /* An nbd export over a socket has no name, and is not an empty drive. */
  { "network-iscsi-nbd.xml", "vdc", FERRY_DISK_DEVICE_DISK, FERRY_DISK_SOURCE_NETWORK,
    "nbd: ", "raw", FERRY_DISK_CACHE_DEFAULT, FERRY_DISK_IO_IO_URING },
  { "gluster-volume.xml", "vda", FERRY_DISK_DEVICE_DISK, FERRY_DISK_SOURCE_NETWORK,
    "gluster: gv0/images/gluster-guest.qcow2", "qcow2", FERRY_DISK_CACHE_WRITEBACK,
    FERRY_DISK_IO_THREADS },
  { "gluster-volume.xml", "vdb", FERRY_DISK_DEVICE_DISK, FERRY_DISK_SOURCE_VOLUME,
    "volume lab-shared/gluster-guest-data.qcow2", "qcow2", FERRY_DISK_CACHE_DEFAULT,
    FERRY_DISK_IO_DEFAULT },
  { "gluster-volume.xml", "vdc", FERRY_DISK_DEVICE_DISK, FERRY_DISK_SOURCE_VOLUME,
    "volume iscsi-pool/unit:0:0:1", NULL, FERRY_DISK_CACHE_DEFAULT, FERRY_DISK_IO_DEFAULT },
  /* No type attribute: libvirt's default is a file. */
  { "cdroms-floppy.xml", "hda", FERRY_DISK_DEVICE_DISK, FERRY_DISK_SOURCE_FILE,
    "/var/lib/libvirt/images/installer.img", NULL, FERRY_DISK_CACHE_DEFAULT, FERRY_DISK_IO_DEFAULT },
  { "cdroms-floppy.xml", "hdc", FERRY_DISK_DEVICE_CDROM, FERRY_DISK_SOURCE_FILE,
    "/var/lib/libvirt/isos/debian-12.5.0-amd64-netinst.iso", "raw", FERRY_DISK_CACHE_DEFAULT,
    FERRY_DISK_IO_DEFAULT, TRUE, FALSE, FALSE },
  { "cdroms-floppy.xml", "sdb", FERRY_DISK_DEVICE_CDROM, FERRY_DISK_SOURCE_FILE, "No medium", NULL,
    FERRY_DISK_CACHE_DEFAULT, FERRY_DISK_IO_DEFAULT, TRUE, FALSE, TRUE },
  { "cdroms-floppy.xml", "fda", FERRY_DISK_DEVICE_FLOPPY, FERRY_DISK_SOURCE_FILE, "No medium", NULL,
    FERRY_DISK_CACHE_DEFAULT, FERRY_DISK_IO_DEFAULT, FALSE, FALSE, TRUE },
  { "cdroms-floppy.xml", "vdb", FERRY_DISK_DEVICE_DISK, FERRY_DISK_SOURCE_FILE,
    "/var/lib/libvirt/images/seed.qcow2", "qcow2", FERRY_DISK_CACHE_WRITEBACK,
    FERRY_DISK_IO_DEFAULT, TRUE, FALSE, FALSE },
  { "many-drivers.xml", "vdc", FERRY_DISK_DEVICE_DISK, FERRY_DISK_SOURCE_FILE,
    "/srv/vm/busy-nodriver.raw", NULL, FERRY_DISK_CACHE_DEFAULT, FERRY_DISK_IO_DEFAULT,
    FALSE, TRUE, FALSE },
  { "many-drivers.xml", "vde", FERRY_DISK_DEVICE_DISK, FERRY_DISK_SOURCE_FILE,
    "/srv/vm/busy-meta.qcow2", "qcow2", FERRY_DISK_CACHE_DIRECTSYNC, FERRY_DISK_IO_IO_URING },
};

/* How many <disk> elements libxml2 itself finds under <devices>. */
static guint
count_disk_elements (const char *xml)
{
  xmlDocPtr doc = xmlReadMemory (xml, (int)strlen (xml), NULL, NULL, XML_PARSE_NONET);
  xmlNodePtr devices = NULL;
  guint n = 0;

  for (xmlNodePtr c = xmlDocGetRootElement (doc)->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && xmlStrEqual (c->name, (const xmlChar *)"devices"))
      devices = c;
  for (xmlNodePtr c = devices ? devices->children : NULL; c != NULL; c = c->next)
    n += c->type == XML_ELEMENT_NODE && xmlStrEqual (c->name, (const xmlChar *)"disk");
  xmlFreeDoc (doc);
  return n;
}

static void
test_parse_corpus (void)
{
  for (guint f = 0; f < G_N_ELEMENTS (corpus); f++)
    {
      g_autofree char *xml = read_corpus (corpus[f]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GListStore) disks = ferry_domain_disks_parse (xml, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (disks)), ==,
                        count_disk_elements (xml));
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected_disks); i++)
    {
      g_autofree char *xml = read_corpus (expected_disks[i].file);
      g_autoptr(GListStore) disks = ferry_domain_disks_parse (xml, NULL);
      FerryDiskInfo *d = disk_by_target (G_LIST_MODEL (disks), expected_disks[i].target);
      g_autofree char *label = NULL;

      g_test_message ("%s %s", expected_disks[i].file, expected_disks[i].target);
      g_assert_nonnull (d);
      label = ferry_disk_info_dup_source_label (d);
      g_assert_cmpint (ferry_disk_info_get_device (d), ==, expected_disks[i].device);
      g_assert_cmpint (ferry_disk_info_get_source_type (d), ==, expected_disks[i].source_type);
      g_assert_cmpstr (label, ==, expected_disks[i].label);
      g_assert_cmpstr (ferry_disk_info_get_format (d), ==, expected_disks[i].format);
      g_assert_cmpint (ferry_disk_info_get_cache (d), ==, expected_disks[i].cache);
      g_assert_cmpint (ferry_disk_info_get_io (d), ==, expected_disks[i].io);
      g_assert_cmpint (ferry_disk_info_get_readonly (d), ==, expected_disks[i].readonly);
      g_assert_cmpint (ferry_disk_info_get_shareable (d), ==, expected_disks[i].shareable);
      g_assert_cmpint (ferry_disk_info_get_empty (d), ==, expected_disks[i].empty);
      g_assert_cmpint (ferry_disk_info_get_writable (d), ==,
                       !expected_disks[i].readonly && !expected_disks[i].empty);
    }
}

static void
test_parse_details (void)
{
  g_autofree char *rbd = read_corpus ("network-rbd.xml");
  g_autoptr(GListStore) disks = ferry_domain_disks_parse (rbd, NULL);
  FerryDiskInfo *vda = disk_by_target (G_LIST_MODEL (disks), "vda");
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (ferry_disk_info_get_protocol (vda), ==, "rbd");
  g_assert_cmpstr (ferry_disk_info_get_source_name (vda), ==, "vms/ceph-app-root");
  g_assert_cmpstr (ferry_disk_info_get_bus (vda), ==, "virtio");
  g_assert_cmpstr (ferry_disk_info_get_discard (vda), ==, "unmap");

  g_assert_null (ferry_domain_disks_parse ("<network><name>x</name></network>", &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (ferry_domain_disks_parse ("<domain><devices>", &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
}

/* ------------------------------------------------------------- round trip */

static xmlNodePtr
find_disk_node (xmlDocPtr   doc,
                const char *target)
{
  for (xmlNodePtr dev = xmlDocGetRootElement (doc)->children; dev != NULL; dev = dev->next)
    {
      if (dev->type != XML_ELEMENT_NODE || !xmlStrEqual (dev->name, (const xmlChar *)"devices"))
        continue;
      for (xmlNodePtr disk = dev->children; disk != NULL; disk = disk->next)
        for (xmlNodePtr t = disk->children; t != NULL; t = t->next)
          if (t->type == XML_ELEMENT_NODE && xmlStrEqual (t->name, (const xmlChar *)"target"))
            {
              xmlChar *d = xmlGetProp (t, (const xmlChar *)"dev");
              gboolean match = g_strcmp0 ((const char *)d, target) == 0;

              xmlFree (d);
              if (match)
                return disk;
            }
    }
  return NULL;
}

static xmlNodePtr
element_child (xmlNodePtr  node,
               const char *name)
{
  for (xmlNodePtr c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && xmlStrEqual (c->name, (const xmlChar *)name))
      return c;
  return NULL;
}

/* Drops whitespace-only text: indentation is not content. */
static void
strip_blanks (xmlNodePtr node)
{
  xmlNodePtr next;

  for (xmlNodePtr c = node->children; c != NULL; c = next)
    {
      next = c->next;
      if (c->type == XML_TEXT_NODE && xmlIsBlankNode (c))
        {
          xmlUnlinkNode (c);
          xmlFreeNode (c);
        }
      else if (c->type == XML_ELEMENT_NODE)
        strip_blanks (c);
    }
}

static char *
canonical (xmlDocPtr doc)
{
  xmlChar *text = NULL;
  char *copy;

  strip_blanks (xmlDocGetRootElement (doc));
  g_assert_cmpint (xmlC14NDocDumpMemory (doc, NULL, XML_C14N_1_0, NULL, 1, &text), >=, 0);
  copy = g_strdup ((const char *)text);
  xmlFree (text);
  return copy;
}

static void
assert_attr (xmlNodePtr  node,
             const char *name,
             const char *want)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *)name);

  g_assert_cmpstr ((const char *)value, ==, want);
  xmlFree (value);
}

/* @out is @in with only the cache and io attributes of @target's driver changed (and
 * that driver made, as <driver name='qemu'/>, when @in had none). */
static void
assert_only_modes_changed (const char     *in,
                           const char     *out,
                           const char     *target,
                           FerryDiskCache  cache,
                           FerryDiskIo     io)
{
  xmlDocPtr a = xmlReadMemory (in, (int)strlen (in), NULL, NULL, XML_PARSE_NONET);
  xmlDocPtr b = xmlReadMemory (out, (int)strlen (out), NULL, NULL, XML_PARSE_NONET);
  xmlNodePtr driver_a, driver_b;
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;

  g_assert_nonnull (b);
  driver_a = element_child (find_disk_node (a, target), "driver");
  driver_b = element_child (find_disk_node (b, target), "driver");

  if (driver_b != NULL)
    {
      assert_attr (driver_b, "cache",
                   cache == FERRY_DISK_CACHE_DEFAULT ? NULL : ferry_disk_cache_to_string (cache));
      assert_attr (driver_b, "io", io == FERRY_DISK_IO_DEFAULT ? NULL : ferry_disk_io_to_string (io));
      xmlUnsetProp (driver_b, (const xmlChar *)"cache");
      xmlUnsetProp (driver_b, (const xmlChar *)"io");
    }
  else
    /* Only "default, default" may leave a driver-less disk without a driver. */
    g_assert_true (driver_a == NULL && cache == FERRY_DISK_CACHE_DEFAULT && io == FERRY_DISK_IO_DEFAULT);

  if (driver_a != NULL)
    {
      xmlUnsetProp (driver_a, (const xmlChar *)"cache");
      xmlUnsetProp (driver_a, (const xmlChar *)"io");
    }
  else if (driver_b != NULL)
    {
      /* The made driver names QEMU and carries nothing else. */
      assert_attr (driver_b, "name", "qemu");
      xmlUnsetProp (driver_b, (const xmlChar *)"name");
      g_assert_null (driver_b->properties);
      g_assert_null (driver_b->children);
      xmlUnlinkNode (driver_b);
      xmlFreeNode (driver_b);
    }

  ca = canonical (a);
  cb = canonical (b);
  g_assert_cmpstr (ca, ==, cb);
  xmlFreeDoc (a);
  xmlFreeDoc (b);
}

/* Every file, every disk, every cache × io pair. */
static void
test_set_modes_round_trip (void)
{
  guint n_checked = 0;
  guint n_refused = 0;

  for (guint f = 0; f < G_N_ELEMENTS (corpus); f++)
    {
      g_autofree char *xml = read_corpus (corpus[f]);
      g_autoptr(GListStore) disks = ferry_domain_disks_parse (xml, NULL);

      for (guint d = 0; d < g_list_model_get_n_items (G_LIST_MODEL (disks)); d++)
        {
          g_autoptr(FerryDiskInfo) info = g_list_model_get_item (G_LIST_MODEL (disks), d);
          const char *target = ferry_disk_info_get_target (info);

          for (FerryDiskCache c = FERRY_DISK_CACHE_DEFAULT; c <= FERRY_DISK_CACHE_UNSAFE; c++)
            for (FerryDiskIo io = FERRY_DISK_IO_DEFAULT; io <= FERRY_DISK_IO_IO_URING; io++)
              {
                g_autoptr(GError) error = NULL;
                g_autofree char *out = NULL;
                g_autoptr(GListStore) after = NULL;
                FerryDiskInfo *changed;
                gboolean ok = ferry_domain_disks_set_modes (xml, target, c, io, &out, &error);

                if (!ferry_disk_mode_check (c, io, NULL))
                  {
                    /* The io/cache rule: refused, nothing produced. */
                    g_assert_false (ok);
                    g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
                    g_assert_null (out);
                    n_refused++;
                    continue;
                  }
                g_assert_no_error (error);
                g_assert_true (ok);
                assert_only_modes_changed (xml, out, target, c, io);
                after = ferry_domain_disks_parse (out, &error);
                g_assert_no_error (error);
                changed = disk_by_target (G_LIST_MODEL (after), target);
                g_assert_cmpint (ferry_disk_info_get_cache (changed), ==, c);
                g_assert_cmpint (ferry_disk_info_get_io (changed), ==, io);
                g_assert_cmpstr (ferry_disk_info_get_format (changed), ==,
                                 ferry_disk_info_get_format (info));
                n_checked++;
              }
        }
    }
  /* 26 disks in the corpus; 4 of the 24 pairs break the rule. */
  g_assert_cmpuint (n_checked, ==, 26 * 20);
  g_assert_cmpuint (n_refused, ==, 26 * 4);
}

static void
test_io_native_rule (void)
{
  g_autofree char *xml = read_corpus ("block-raw.xml");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  /* vda runs io=native with cache=none: moving it to writeback while keeping native is
   * what QEMU refuses, and the message says which modes work. */
  g_assert_false (ferry_domain_disks_set_modes (xml, "vda", FERRY_DISK_CACHE_WRITEBACK,
                                                FERRY_DISK_IO_NATIVE, &out, &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "directsync"));
  g_assert_nonnull (strstr (error->message, "writeback"));
  g_clear_error (&error);

  g_assert_true (ferry_domain_disks_set_modes (xml, "vda", FERRY_DISK_CACHE_DIRECTSYNC,
                                               FERRY_DISK_IO_NATIVE, &out, &error));
  g_assert_no_error (error);
  g_clear_pointer (&out, g_free);

  g_assert_false (ferry_domain_disks_set_modes (xml, "vdz", FERRY_DISK_CACHE_NONE,
                                                FERRY_DISK_IO_DEFAULT, &out, &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "vdz"));
}

/* ---------------------------------------------------------- migration-safe */

static const struct {
  const char *file;
  const char *changed;   /* targets, space-separated, document order */
} expected_safe[] = {
  { "file-qcow2.xml", "vda" },
  { "block-raw.xml", "sda" },                 /* the shareable LUN; none/directsync stay */
  { "network-rbd.xml", "vda vdb fda" },
  { "network-iscsi-nbd.xml", "sda sdb vdc" },
  { "gluster-volume.xml", "vda vdb vdc" },
  { "cdroms-floppy.xml", "hda" },             /* CD-ROMs, read-only and empty drives stay */
  { "many-drivers.xml", "vda vdc vdd" },
  { "no-disks.xml", "" },
};

static void
test_make_migration_safe (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (expected_safe); i++)
    {
      g_autofree char *xml = read_corpus (expected_safe[i].file);
      g_autoptr(GListStore) before = ferry_domain_disks_parse (xml, NULL);
      g_autoptr(GListStore) after = NULL;
      g_autoptr(GPtrArray) changed = NULL;
      g_autoptr(GPtrArray) again = NULL;
      g_autoptr(GString) targets = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *out2 = NULL;

      g_test_message ("%s", expected_safe[i].file);
      g_assert_true (ferry_domain_disks_make_migration_safe (xml, &out, &changed, &error));
      g_assert_no_error (error);
      for (guint k = 0; k < changed->len; k++)
        {
          FerryDiskChange *change = g_ptr_array_index (changed, k);
          FerryDiskInfo *old = disk_by_target (G_LIST_MODEL (before), change->target);

          g_string_append_printf (targets, "%s%s", k ? " " : "", change->target);
          g_assert_cmpint (change->cache, ==, FERRY_DISK_CACHE_NONE);
          /* The I/O mode is kept. */
          g_assert_cmpint (change->io, ==, ferry_disk_info_get_io (old));
        }
      g_assert_cmpstr (targets->str, ==, expected_safe[i].changed);

      after = ferry_domain_disks_parse (out, NULL);
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (after)); k++)
        {
          g_autoptr(FerryDiskInfo) d = g_list_model_get_item (G_LIST_MODEL (after), k);
          g_autoptr(FerryDiskInfo) old = g_list_model_get_item (G_LIST_MODEL (before), k);

          if (ferry_disk_info_get_writable (d))
            g_assert_true (ferry_disk_cache_migration_safe (ferry_disk_info_get_cache (d)));
          else
            g_assert_cmpint (ferry_disk_info_get_cache (d), ==, ferry_disk_info_get_cache (old));
          g_assert_true (ferry_disk_mode_check (ferry_disk_info_get_cache (d),
                                                ferry_disk_info_get_io (d), NULL));
        }

      /* Once safe, nothing more to do. */
      g_assert_true (ferry_domain_disks_make_migration_safe (out, &out2, &again, &error));
      g_assert_cmpuint (again->len, ==, 0);
    }
}

/* The storage refusals of a migration are explained from the disk-cache table. */
static void
test_migration_explanations (void)
{
  const char *local = ferry_disk_migration_error_explain (
    "Unsafe migration: Migration without shared storage is unsafe");
  const char *cache = ferry_disk_migration_error_explain (
    "Unsafe migration: Migration may lead to data corruption if disks use cache other than "
    "none or directsync");

  g_assert_true (local == ferry_disk_unsafe_migration_explanation ());
  g_assert_nonnull (strstr (local, "Copy storage"));
  g_assert_nonnull (strstr (local, "Unsafe"));
  g_assert_true (cache == ferry_disk_cache_migration_explanation ());
  g_assert_nonnull (strstr (cache, "none"));
  g_assert_null (ferry_disk_migration_error_explain ("Domain not found"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/domain-disks/parse-corpus", test_parse_corpus);
  g_test_add_func ("/domain-disks/parse-details", test_parse_details);
  g_test_add_func ("/domain-disks/set-modes-round-trip", test_set_modes_round_trip);
  g_test_add_func ("/domain-disks/io-native-rule", test_io_native_rule);
  g_test_add_func ("/domain-disks/make-migration-safe", test_make_migration_safe);
  g_test_add_func ("/domain-disks/migration-explanations", test_migration_explanations);
  return g_test_run ();
}
