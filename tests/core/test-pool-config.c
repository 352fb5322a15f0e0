/* test-pool-config.c — FerryPoolConfig: pool XML round trips without loss,
 * each property edits only its own node, and every validation message.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libxml/c14n.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "ferry-core.h"
#include "ferry-pool-config.h"

static const char *const corpus[] = {
  "nfs-protocol.xml",
  "glusterfs.xml",
  "cifs-permissions.xml",
  "mount-opts.xml",
  "unknown-elements.xml",
};

static char *
read_corpus (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "pools", name, NULL);
  g_autoptr(GError) error = NULL;
  char *xml = NULL;

  g_file_get_contents (path, &xml, NULL, &error);
  g_assert_no_error (error);
  return xml;
}

static xmlDocPtr
parse (const char *xml)
{
  /* Whitespace between elements is layout, not content: libvirt and gconfig
   * both re-indent. Everything else (comments included) must survive. */
  xmlDocPtr doc = xmlReadMemory (xml, (int)strlen (xml), "pool.xml", NULL,
                                 XML_PARSE_NOBLANKS | XML_PARSE_NONET);

  g_assert_nonnull (doc);
  return doc;
}

static char *
canonical_doc (xmlDocPtr doc)
{
  xmlChar *out = NULL;
  char *copy;

  g_assert_cmpint (xmlC14NDocDumpMemory (doc, NULL, XML_C14N_1_0, NULL, 1, &out), >=, 0);
  copy = g_strdup ((const char *)out);
  xmlFree (out);
  return copy;
}

static char *
canonical (const char *xml)
{
  xmlDocPtr doc = parse (xml);
  char *c14n = canonical_doc (doc);

  xmlFreeDoc (doc);
  return c14n;
}

static FerryPoolConfig *
load (const char *name)
{
  g_autofree char *xml = read_corpus (name);
  g_autoptr(GError) error = NULL;
  FerryPoolConfig *config = ferry_pool_config_new_from_xml (xml, &error);

  g_assert_no_error (error);
  g_assert_nonnull (config);
  return config;
}

/* ------------------------------------------------------------ round trip */

static void
test_round_trip (gconstpointer data)
{
  const char *name = data;
  g_autofree char *xml = read_corpus (name);
  g_autoptr(FerryPoolConfig) config = load (name);
  g_autofree char *saved = ferry_pool_config_to_xml (config);
  g_autofree char *expected = canonical (xml);
  g_autofree char *actual = canonical (saved);

  g_assert_cmpstr (actual, ==, expected);

  /* Setting every field to the value it has is not an edit. */
  for (guint field = 0; field < FERRY_POOL_N_FIELDS; field++)
    {
      g_autofree char *value = g_strdup (ferry_pool_config_get_field (config, field));

      ferry_pool_config_set_field (config, field, value);
    }
  g_clear_pointer (&saved, g_free);
  g_clear_pointer (&actual, g_free);
  saved = ferry_pool_config_to_xml (config);
  actual = canonical (saved);
  g_assert_cmpstr (actual, ==, expected);
}

/* ------------------------------------------------------------- reading */

static void
test_read_fields (void)
{
  static const struct {
    const char *file;
    const char *values[FERRY_POOL_N_FIELDS];
  } cases[] = {
    { "nfs-protocol.xml", { "nfs-vms", "nfs.example.com", "/srv/nfs/vms", "nfs", "4", "",
                            "/var/lib/libvirt/nfs-vms", "", "", "" } },
    { "glusterfs.xml", { "gluster-vms", "10.254.0.1", "gv0", "glusterfs", "", "",
                         "/var/lib/libvirt/gluster-vms", "", "", "" } },
    { "cifs-permissions.xml", { "smb-share", "fd00::5", "vms", "cifs", "", "",
                                "/mnt/smb/vms", "0750", "107", "108" } },
    { "mount-opts.xml", { "nfs-tuned", "storage1", "/export/tuned", "auto", "",
                          "noatime,vers=4.1", "/var/lib/libvirt/nfs-tuned", "", "", "" } },
    { "unknown-elements.xml", { "nfs-extra", "nfs.example.com", "/srv/extra", "nfs", "", "",
                                "/var/lib/libvirt/nfs-extra", "0711", "", "" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FerryPoolConfig) config = load (cases[i].file);
      g_autofree char *by_property = NULL;

      g_assert_cmpstr (ferry_pool_config_get_pool_type (config), ==, "netfs");
      for (guint field = 0; field < FERRY_POOL_N_FIELDS; field++)
        g_assert_cmpstr (ferry_pool_config_get_field (config, field), ==, cases[i].values[field]);
      /* The editor binds to the properties: they say the same. */
      g_object_get (config, "source-dir", &by_property, NULL);
      g_assert_cmpstr (by_property, ==, cases[i].values[FERRY_POOL_FIELD_SOURCE_DIR]);
    }

  {
    g_autoptr(FerryPoolConfig) config = load ("nfs-protocol.xml");
    g_assert_cmpstr (ferry_pool_config_get_uuid (config), ==, "7c3e2a10-8d1b-4f5e-9a61-3b0c2d4e5f01");
  }
}

static void
test_not_xml (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryPoolConfig) config = ferry_pool_config_new_from_xml ("<pool><name>", &error);

  g_assert_null (config);
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
}

/* ------------------------------------------------ one change, one node */

typedef struct {
  FerryPoolField  field;
  const char     *value;
  const char     *xpath;      /* the node that must change; NULL: it goes away */
  const char     *attr;       /* its attribute, or NULL for its text */
} Change;

static const Change changes[] = {
  { FERRY_POOL_FIELD_NAME, "nfs-renamed", "/pool/name", NULL },
  { FERRY_POOL_FIELD_SOURCE_HOST, "192.0.2.7", "/pool/source/host", "name" },
  { FERRY_POOL_FIELD_SOURCE_DIR, "/srv/other", "/pool/source/dir", "path" },
  { FERRY_POOL_FIELD_FORMAT, "auto", "/pool/source/format", "type" },
  { FERRY_POOL_FIELD_TARGET_PATH, "/var/lib/libvirt/elsewhere", "/pool/target/path", NULL },
  { FERRY_POOL_FIELD_MODE, "0755", "/pool/target/permissions/mode", NULL },
  { FERRY_POOL_FIELD_MODE, "", "/pool/target/permissions", NULL },
};

static void
apply_expected (xmlDocPtr     doc,
                const Change *change)
{
  xmlXPathContextPtr ctx = xmlXPathNewContext (doc);
  xmlXPathObjectPtr obj = xmlXPathEvalExpression ((const xmlChar *)change->xpath, ctx);
  xmlNodePtr node;

  g_assert_nonnull (obj);
  g_assert_cmpint (obj->nodesetval->nodeNr, ==, 1);
  node = obj->nodesetval->nodeTab[0];
  /* The node set is freed before the node: freeing the set reads the node. */
  xmlXPathFreeObject (obj);
  xmlXPathFreeContext (ctx);
  if (change->value[0] == '\0')
    {
      xmlUnlinkNode (node);
      xmlFreeNode (node);
    }
  else if (change->attr != NULL)
    xmlSetProp (node, (const xmlChar *)change->attr, (const xmlChar *)change->value);
  else
    xmlNodeSetContent (node, (const xmlChar *)change->value);
}

static void
test_change_one_node (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autofree char *xml = read_corpus ("unknown-elements.xml");
      g_autoptr(FerryPoolConfig) config = load ("unknown-elements.xml");
      xmlDocPtr expected_doc = parse (xml);
      g_autofree char *saved = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *actual = NULL;

      apply_expected (expected_doc, &changes[i]);
      expected = canonical_doc (expected_doc);
      xmlFreeDoc (expected_doc);

      g_object_set (config, ferry_pool_field_get_property_name (changes[i].field),
                    changes[i].value, NULL);
      saved = ferry_pool_config_to_xml (config);
      actual = canonical (saved);
      g_test_message ("change %u: %s", i, saved);
      g_assert_cmpstr (actual, ==, expected);
    }
}

/* ------------------------------------------------------------- new pool */

static void
test_new_pool (void)
{
  g_autoptr(FerryPoolConfig) config = ferry_pool_config_new ();
  g_autoptr(FerryPoolConfig) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;

  g_assert_cmpstr (ferry_pool_config_get_pool_type (config), ==, "netfs");
  g_assert_cmpstr (ferry_pool_config_get_field (config, FERRY_POOL_FIELD_FORMAT), ==, "nfs");
  g_assert_null (ferry_pool_config_get_uuid (config));

  g_object_set (config,
                "name", "shared",
                "source-host", "nfs.example.com",
                "source-dir", "/srv/nfs",
                "protocol-version", "4",
                "mount-options", "noatime, nosuid",
                "target-path", "/var/lib/libvirt/shared",
                "mode", "0755",
                "owner", "107",
                "group", "0",
                NULL);
  xml = ferry_pool_config_to_xml (config);
  g_test_message ("%s", xml);
  g_assert_nonnull (strstr (xml, "<host name=\"nfs.example.com\"/>"));
  g_assert_nonnull (strstr (xml, "<dir path=\"/srv/nfs\"/>"));
  g_assert_nonnull (strstr (xml, "<protocol ver=\"4\"/>"));
  g_assert_nonnull (strstr (xml, "xmlns:fs=\"http://libvirt.org/schemas/storagepool/fs/1.0\""));
  g_assert_nonnull (strstr (xml, "<fs:option name=\"nosuid\"/>"));
  g_assert_nonnull (strstr (xml, "<mode>0755</mode>"));

  /* What it wrote reads back the same (spaces after commas dropped). */
  again = ferry_pool_config_new_from_xml (xml, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_pool_config_get_field (again, FERRY_POOL_FIELD_MOUNT_OPTIONS), ==,
                   "noatime,nosuid");
  for (guint field = 0; field < FERRY_POOL_N_FIELDS; field++)
    if (field != FERRY_POOL_FIELD_MOUNT_OPTIONS)
      g_assert_cmpstr (ferry_pool_config_get_field (again, field), ==,
                       ferry_pool_config_get_field (config, field));

  /* Clearing a field removes its element; clearing every permission, the
   * <permissions> element itself; clearing the options, <fs:mount_opts>. */
  g_object_set (config, "protocol-version", "", "mode", "", "owner", "", "group", "",
                "mount-options", "", NULL);
  g_clear_pointer (&xml, g_free);
  xml = ferry_pool_config_to_xml (config);
  g_assert_null (strstr (xml, "protocol"));
  g_assert_null (strstr (xml, "permissions"));
  g_assert_null (strstr (xml, "mount_opts"));
}

static void
test_notify (void)
{
  g_autoptr(FerryPoolConfig) config = ferry_pool_config_new ();
  guint notified = 0;

  g_signal_connect_swapped (config, "notify::source-host", G_CALLBACK (g_atomic_int_inc),
                            &notified);
  g_object_set (config, "source-host", "a.example", NULL);
  g_object_set (config, "source-host", "a.example", NULL);
  g_object_set (config, "target-path", "/var/lib/x", NULL);
  g_assert_cmpuint (notified, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ferry_core_init ();

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pool-config/round-trip/%s", corpus[i]);
      g_test_add_data_func (path, corpus[i], test_round_trip);
    }
  g_test_add_func ("/pool-config/read-fields", test_read_fields);
  g_test_add_func ("/pool-config/not-xml", test_not_xml);
  g_test_add_func ("/pool-config/change-one-node", test_change_one_node);
  g_test_add_func ("/pool-config/new-pool", test_new_pool);
  g_test_add_func ("/pool-config/notify", test_notify);

  return g_test_run ();
}
