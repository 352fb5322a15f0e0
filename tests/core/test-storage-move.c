/* test-storage-move.c — storage moves against libvirt's test driver: the checks refuse
 * what cannot move with the reason, a move refused or failed (live or offline) leaves the
 * pools and the definition as they were,
 * and the definition rewrite changes the moved disk's source and format and nothing else.
 * (Block copies, pivots, cross-pool clones and cancels are proven on the lab:
 * tests/lab/test-storage-move.sh.)
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libxml/tree.h>
#include <string.h>

#include "ferry-core.h"
#include "ferry-core-private.h"
#include "ferry-domain-disks-private.h"
#include "ferry-storage-move-private.h"
#include "ferry-test-utils.h"

#define TIMEOUT_MS 20000

typedef struct
{
  FerryConnection *connection;
  GAsyncResult    *result;
} Fixture;

static GAsyncResult *
wait_result (Fixture *fixture)
{
  return ferry_test_wait_result (&fixture->result, TIMEOUT_MS, "the storage move");
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "storage-move-host.xml", NULL);
  g_autofree char *uri = g_strdup_printf ("test://%s", path);

  fixture->connection = ferry_connection_new (uri);
  ferry_connection_open_async (fixture->connection, NULL, NULL, NULL);
  ferry_test_wait_property (fixture->connection, "state", FERRY_CONNECTION_STATE_CONNECTED, TIMEOUT_MS);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  ferry_connection_close (fixture->connection);
  g_clear_object (&fixture->connection);
  g_assert_cmpuint (ferry_core_get_main_thread_libvirt_calls (), ==, 0);
}

static GPtrArray *
check (Fixture            *fixture,
       const char         *domain,
       const char * const *targets,
       const char         *pool,
       FerryStorageFormat  format)
{
  g_autoptr(FerryStorageMove) move = ferry_storage_move_new (fixture->connection, domain, targets, pool, format);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  ferry_storage_move_check_async (move, NULL, ferry_test_store_result, &fixture->result);
  result = wait_result (fixture);
  results = ferry_storage_move_check_finish (move, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

/* The result about @subject with @id, or NULL. */
static FerryReadinessResult *
find (GPtrArray  *results,
      const char *id,
      const char *subject)
{
  for (guint i = 0; i < results->len; i++)
    if (g_str_equal (ferry_readiness_result_get_id (results->pdata[i]), id) &&
        g_strcmp0 (ferry_readiness_result_get_subject (results->pdata[i]), subject) == 0)
      return results->pdata[i];
  return NULL;
}

static void
assert_result (GPtrArray              *results,
               const char             *id,
               const char             *subject,
               FerryReadinessSeverity  severity,
               const char             *title_part)
{
  FerryReadinessResult *r = find (results, id, subject);

  g_assert_nonnull (r);
  g_assert_cmpint (ferry_readiness_result_get_severity (r), ==, severity);
  if (strstr (ferry_readiness_result_get_title (r), title_part) == NULL)
    g_error ("“%s” is not in the title “%s”", title_part, ferry_readiness_result_get_title (r));
  if (severity == FERRY_READINESS_BLOCKER)
    g_assert_nonnull (ferry_readiness_result_get_explanation (r));
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  const char * const all[] = { "vda", "sda", "vdb", "vdc", "vdd", "vdz", NULL };
  const char * const vda[] = { "vda", NULL };
  const char * const vde[] = { "vde", NULL };
  g_autoptr(GPtrArray) results = check (fixture, "vm-off", all, "fast", FERRY_STORAGE_FORMAT_KEEP);
  g_autofree char *why = NULL;

  assert_result (results, "move-disk", "vda", FERRY_READINESS_OK, "can move by cloning (256.0\u00a0MiB");
  assert_result (results, "move-disk", "sda", FERRY_READINESS_BLOCKER, "Disk sda is read-only");
  assert_result (results, "move-disk", "vdb", FERRY_READINESS_BLOCKER, "shared with other VMs");
  assert_result (results, "move-disk", "vdc", FERRY_READINESS_BLOCKER, "network disk outside any pool");
  g_assert_nonnull (strstr (ferry_readiness_result_get_explanation (find (results, "move-disk", "vdc")), "(rbd)"));
  assert_result (results, "move-disk", "vdd", FERRY_READINESS_BLOCKER, "not in a storage pool");
  assert_result (results, "move-disk", "vdz", FERRY_READINESS_BLOCKER, "vm-off has no disk vdz");
  assert_result (results, "move-room", "fast", FERRY_READINESS_OK, "256.0\u00a0MiB needed");
  /* Blockers first. */
  g_assert_cmpint (ferry_readiness_result_get_severity (results->pdata[0]), ==, FERRY_READINESS_BLOCKER);
  g_assert_cmpint (ferry_readiness_result_get_severity (results->pdata[results->len - 1]), ==, FERRY_READINESS_OK);
  g_assert_true (ferry_storage_move_results_blocked (results, &why));
  g_assert_nonnull (strstr (why, "Disk sda is read-only"));
  g_clear_pointer (&results, g_ptr_array_unref);

  /* A sparse 200 GiB raw image: a raw copy may take all of it, more than the pool has. */
  results = check (fixture, "vm-off", vde, "fast", FERRY_STORAGE_FORMAT_KEEP);
  assert_result (results, "move-room", "fast", FERRY_READINESS_BLOCKER,
                 "Not enough room in pool “fast”: 200.0\u00a0GiB needed");
  g_clear_pointer (&results, g_ptr_array_unref);
  /* As qcow2 it holds only what is written, but it may outgrow the pool. */
  results = check (fixture, "vm-off", vde, "fast", FERRY_STORAGE_FORMAT_QCOW2);
  assert_result (results, "move-room", "fast", FERRY_READINESS_WARNING, "may outgrow pool “fast”");
  g_assert_false (ferry_storage_move_results_blocked (results, NULL));
  g_clear_pointer (&results, g_ptr_array_unref);

  results = check (fixture, "vm-off", vda, "vg0", FERRY_STORAGE_FORMAT_KEEP);
  assert_result (results, "move-format", "vda", FERRY_READINESS_BLOCKER, "cannot be qcow2 in pool “vg0”");
  g_clear_pointer (&results, g_ptr_array_unref);
  results = check (fixture, "vm-off", vda, "vg0", FERRY_STORAGE_FORMAT_RAW);
  g_assert_false (ferry_storage_move_results_blocked (results, NULL));
  g_clear_pointer (&results, g_ptr_array_unref);
  results = check (fixture, "vm-off", vda, "slow", FERRY_STORAGE_FORMAT_KEEP);
  assert_result (results, "move-disk", "vda", FERRY_READINESS_BLOCKER, "already in pool “slow”");
  g_clear_pointer (&results, g_ptr_array_unref);
  results = check (fixture, "vm-off", vda, "nowhere", FERRY_STORAGE_FORMAT_KEEP);
  assert_result (results, "move-pool", "nowhere", FERRY_READINESS_BLOCKER, "no storage pool “nowhere”");
}

static FerryStorageMove *
run (Fixture            *fixture,
     const char         *domain,
     const char * const *targets,
     const char         *pool,
     FerryStorageFormat  format,
     GError            **error)
{
  FerryStorageMove *move = ferry_storage_move_new (fixture->connection, domain, targets, pool, format);
  g_autoptr(GAsyncResult) result = NULL;

  ferry_storage_move_run_async (move, ferry_test_store_result, &fixture->result);
  g_assert_cmpint (ferry_storage_move_get_state (move), ==, FERRY_STORAGE_MOVE_STATE_CHECKING);
  result = wait_result (fixture);
  ferry_storage_move_run_finish (move, result, error);
  return move;
}

static GListModel *
volumes (Fixture    *fixture,
         const char *pool)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *list;

  ferry_pool_list_volumes_async (fixture->connection, pool, NULL, ferry_test_store_result, &fixture->result);
  result = wait_result (fixture);
  list = ferry_pool_list_volumes_finish (fixture->connection, result, &error);
  g_assert_no_error (error);
  return list;
}

static gboolean
has_volume (Fixture    *fixture,
            const char *pool,
            const char *name)
{
  g_autoptr(GListModel) list = volumes (fixture, pool);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(FerryVolume) vol = g_list_model_get_item (list, i);

      if (g_str_equal (ferry_volume_get_name (vol), name))
        return TRUE;
    }
  return FALSE;
}

static FerryDiskInfo *
defined_disk (Fixture    *fixture,
              const char *domain,
              const char *target)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryDomainDisks) disks = NULL;

  ferry_domain_disks_read_async (fixture->connection, domain, NULL, ferry_test_store_result, &fixture->result);
  result = wait_result (fixture);
  disks = ferry_domain_disks_read_finish (result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (disks->disks)); i++)
    {
      g_autoptr(FerryDiskInfo) info = g_list_model_get_item (G_LIST_MODEL (disks->disks), i);

      if (g_str_equal (ferry_disk_info_get_target (info), target))
        return g_steal_pointer (&info);
    }
  return NULL;
}

/* The test driver clones a volume only within its own pool (the real storage driver, proven
 * on the lab, clones across pools): the offline move fails at the clone, after the checks
 * passed, and must leave the definition and the pool as they were. */
static void
test_offline_failure (Fixture       *fixture,
                      gconstpointer  data)
{
  const char * const vda[] = { "vda", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryStorageMove) move = run (fixture, "vm-off", vda, "fast", FERRY_STORAGE_FORMAT_RAW, &error);
  g_autoptr(FerryStorageMoveDisk) disk = g_list_model_get_item (ferry_storage_move_get_disks (move), 0);
  g_autoptr(FerryDiskInfo) info = NULL;

  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_LIBVIRT);
  g_assert_cmpint (ferry_storage_move_get_state (move), ==, FERRY_STORAGE_MOVE_STATE_FAILED);
  g_assert_false (ferry_storage_move_get_live (move));
  g_assert_cmpstr (ferry_storage_move_get_message (move), ==, error->message);
  g_assert_false (ferry_storage_move_disk_get_moved (disk));
  g_assert_cmpstr (ferry_storage_move_disk_get_source (disk), ==, "/srv/slow/vm-off.qcow2");
  g_assert_false (has_volume (fixture, "fast", "vm-off.img"));
  g_assert_true (has_volume (fixture, "slow", "vm-off.qcow2"));

  info = defined_disk (fixture, "vm-off", "vda");
  g_assert_cmpstr (ferry_disk_info_get_source_path (info), ==, "/srv/slow/vm-off.qcow2");
  g_assert_cmpstr (ferry_disk_info_get_format (info), ==, "qcow2");
}

static void
test_refused_up_front (Fixture       *fixture,
                       gconstpointer  data)
{
  const char * const vde[] = { "vde", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryStorageMove) move = run (fixture, "vm-off", vde, "fast", FERRY_STORAGE_FORMAT_RAW, &error);

  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "Not enough room in pool “fast”"));
  g_assert_cmpint (ferry_storage_move_get_state (move), ==, FERRY_STORAGE_MOVE_STATE_FAILED);
  g_assert_cmpstr (ferry_storage_move_get_message (move), ==, error->message);
  /* The verdicts are there for the window to show. */
  g_assert_cmpuint (g_list_model_get_n_items (ferry_storage_move_get_results (move)), >, 0);
  g_assert_false (has_volume (fixture, "fast", "huge.img"));
  g_assert_false (has_volume (fixture, "fast", "huge.raw"));
}

/* The test driver has no block copy: the live move fails after the copy's volume was made,
 * which must then be gone, and the VM's definition untouched. */
static void
test_live_failure_cleans_up (Fixture       *fixture,
                             gconstpointer  data)
{
  const char * const vda[] = { "vda", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryStorageMove) move = run (fixture, "vm-run", vda, "fast", FERRY_STORAGE_FORMAT_KEEP, &error);
  g_autoptr(FerryDiskInfo) info = NULL;

  g_assert_nonnull (error);
  g_assert_cmpint (ferry_storage_move_get_state (move), ==, FERRY_STORAGE_MOVE_STATE_FAILED);
  g_assert_true (ferry_storage_move_get_live (move));
  g_assert_nonnull (strstr (ferry_storage_move_get_message (move), "not supported"));
  g_assert_false (has_volume (fixture, "fast", "vm-run.qcow2"));
  info = defined_disk (fixture, "vm-run", "vda");
  g_assert_cmpstr (ferry_disk_info_get_source_path (info), ==, "/srv/slow/vm-run.qcow2");
}

static const char definition[] =
  "<domain type='kvm'>\n"
  "  <name>web</name>\n"
  "  <devices>\n"
  "    <disk type='file' device='disk'>\n"
  "      <driver name='qemu' type='qcow2' cache='none' io='native'/>\n"
  "      <source file='/old/web.qcow2'>\n"
  "        <seclabel model='dac' relabel='no'/>\n"
  "      </source>\n"
  "      <backingStore type='file'>\n"
  "        <format type='qcow2'/>\n"
  "        <source file='/old/base.qcow2'/>\n"
  "      </backingStore>\n"
  "      <target dev='vda' bus='virtio'/>\n"
  "      <boot order='1'/>\n"
  "    </disk>\n"
  "    <disk type='block' device='disk'>\n"
  "      <driver name='qemu' type='raw'/>\n"
  "      <source dev='/dev/vg/data'/>\n"
  "      <target dev='vdb' bus='virtio'/>\n"
  "    </disk>\n"
  "    <!-- kept -->\n"
  "    <interface type='network'><source network='default'/></interface>\n"
  "  </devices>\n"
  "</domain>\n";

/* @xml with vda's <source> and <backingStore>, and the type attributes of vda and its
 * driver, taken out: what must be equal before and after a move of vda. */
static char *
without_moved_parts (const char *xml)
{
  g_autoptr(xmlDoc) doc = xmlReadMemory (xml, (int)strlen (xml), NULL, NULL, XML_PARSE_NONET);
  xmlNodePtr devices = _ferry_xml_child (xmlDocGetRootElement (doc), "devices");
  xmlNodePtr disk = _ferry_domain_xml_find_disk (devices, "vda");
  xmlNodePtr node;

  while ((node = _ferry_xml_child (disk, "source")) != NULL ||
         (node = _ferry_xml_child (disk, "backingStore")) != NULL)
    {
      xmlUnlinkNode (node);
      xmlFreeNode (node);
    }
  /* Whitespace between elements is layout, not content. */
  for (node = disk->children; node != NULL;)
    {
      xmlNodePtr next = node->next;

      if (xmlIsBlankNode (node))
        {
          xmlUnlinkNode (node);
          xmlFreeNode (node);
        }
      node = next;
    }
  xmlUnsetProp (disk, (const xmlChar *)"type");
  xmlUnsetProp (_ferry_xml_child (disk, "driver"), (const xmlChar *)"type");
  return _ferry_domain_xml_write (doc);
}

static void
test_rewrite (void)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func ((GDestroyNotify)_ferry_storage_move_copy_free);
  FerryStorageMoveCopy *copy = g_new0 (FerryStorageMoveCopy, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *before = without_moved_parts (definition);
  g_autofree char *after = NULL;
  g_autofree char *source = NULL;

  copy->target = g_strdup ("vda");
  copy->format = g_strdup ("raw");
  copy->volume = g_strdup ("web.img");
  copy->path = g_strdup ("/new/web.img");
  g_ptr_array_add (copies, copy);
  g_assert_true (_ferry_storage_move_rewrite (definition, copies, "new", FALSE, &out, &error));
  g_assert_no_error (error);

  source = _ferry_xml_xpath_string (out, "/domain/devices/disk[target/@dev='vda']/source/@file");
  g_assert_cmpstr (source, ==, "/new/web.img");
  g_clear_pointer (&source, g_free);
  source = _ferry_xml_xpath_string (out, "/domain/devices/disk[target/@dev='vda']/driver/@type");
  g_assert_cmpstr (source, ==, "raw");
  g_clear_pointer (&source, g_free);
  /* The flattened copy has no backing file; the source's own children stay. */
  g_assert_null (strstr (out, "backingStore"));
  g_assert_nonnull (strstr (out, "<seclabel model=\"dac\" relabel=\"no\"/>") ?:
                    strstr (out, "<seclabel model='dac' relabel='no'/>"));
  /* Everything else, vdb and the comment included, as it was. */
  after = without_moved_parts (out);
  g_assert_cmpstr (after, ==, before);

  /* Into an LVM pool the disk becomes a block device; a volume disk stays a volume. */
  g_clear_pointer (&out, g_free);
  g_assert_true (_ferry_storage_move_rewrite (definition, copies, "vg", TRUE, &out, &error));
  source = _ferry_xml_xpath_string (out, "/domain/devices/disk[target/@dev='vda']/source/@dev");
  g_assert_cmpstr (source, ==, "/new/web.img");
  g_clear_pointer (&source, g_free);
  g_clear_pointer (&out, g_free);
  copy->as_volume = TRUE;
  g_assert_true (_ferry_storage_move_rewrite (definition, copies, "new", FALSE, &out, &error));
  g_assert_nonnull (strstr (out, "<disk type=\"volume\"") ?: strstr (out, "<disk type='volume'"));
  source = _ferry_xml_xpath_string (out, "/domain/devices/disk[target/@dev='vda']/source/@volume");
  g_assert_cmpstr (source, ==, "web.img");
  g_clear_pointer (&source, g_free);
  source = _ferry_xml_xpath_string (out, "/domain/devices/disk[target/@dev='vda']/source/@file");
  g_assert_null (source);

  /* A disk the VM does not have is an error, not a silent no-op. */
  g_free (copy->target);
  copy->target = g_strdup ("vdq");
  g_clear_pointer (&out, g_free);
  g_assert_false (_ferry_storage_move_rewrite (definition, copies, "new", FALSE, &out, &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
}

static void
test_volume_name (void)
{
  const struct {
    const char *volume, *source, *format;
    const char *taken[3];
    const char *expected;
  } cases[] = {
    { "web.qcow2", NULL, "qcow2", { NULL }, "web.qcow2" },
    { "web.qcow2", NULL, "raw", { NULL }, "web.img" },
    { "web.img", NULL, "qcow2", { NULL }, "web.qcow2" },
    { "web.raw", NULL, "raw", { NULL }, "web.raw" },
    { NULL, "/srv/loose/data", "raw", { NULL }, "data.img" },
    { "web.qcow2", NULL, "qcow2", { "web.qcow2", "web-2.qcow2", NULL }, "web-3.qcow2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FerryStorageMoveCopy copy = {
        .source_volume = (char *)cases[i].volume,
        .source = (char *)cases[i].source,
        .format = (char *)cases[i].format,
      };
      g_autofree char *name = _ferry_storage_move_volume_name (&copy, cases[i].taken);

      g_assert_cmpstr (name, ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ferry_core_init ();

  g_test_add ("/core/storage-move/refusals", Fixture, NULL, fixture_setup, test_refusals, fixture_teardown);
  g_test_add ("/core/storage-move/offline-failure", Fixture, NULL, fixture_setup, test_offline_failure,
              fixture_teardown);
  g_test_add ("/core/storage-move/refused-up-front", Fixture, NULL, fixture_setup,
              test_refused_up_front, fixture_teardown);
  g_test_add ("/core/storage-move/live-failure-cleans-up", Fixture, NULL, fixture_setup,
              test_live_failure_cleans_up, fixture_teardown);
  g_test_add_func ("/core/storage-move/rewrite", test_rewrite);
  g_test_add_func ("/core/storage-move/volume-name", test_volume_name);
  return g_test_run ();
}
