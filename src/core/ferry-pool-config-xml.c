/* ferry-pool-config-xml.c — reading and writing one field of a storage pool
 * document in place, so that everything else in it stays as it was.
 *
 * libvirt-gconfig reads and writes the parts it models correctly: the name,
 * the source host name and format, the target path. The rest goes through
 * libxml2 on the same document, because gconfig either lacks it (<protocol
 * ver>, <fs:mount_opts>), spells it differently from libvirt (it reads and
 * writes <directory path>, libvirt's schema says <dir path>), or writes it in a
 * way that loses what it does not model (its host setter replaces <host>,
 * dropping a port; its permission setters rewrite a mode of 0755 as 755).
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libxml/tree.h>

#include "ferry-pool-config-private.h"

static xmlNodePtr
root_node (GVirConfigStoragePool *pool)
{
  xmlNodePtr node = NULL;

  /* GVirConfigObject's "node" property is its element in the document. */
  g_object_get (pool, "node", &node, NULL);
  return node;
}

static gboolean
node_is (xmlNodePtr  node,
         const char *name,
         const char *ns_href)
{
  if (node->type != XML_ELEMENT_NODE || !xmlStrEqual (node->name, (const xmlChar *)name))
    return FALSE;
  if (ns_href == NULL)
    return node->ns == NULL;
  return node->ns != NULL && xmlStrEqual (node->ns->href, (const xmlChar *)ns_href);
}

static xmlNodePtr
find_child (xmlNodePtr  parent,
            const char *name,
            const char *ns_href)
{
  if (parent == NULL)
    return NULL;
  for (xmlNodePtr child = parent->children; child != NULL; child = child->next)
    if (node_is (child, name, ns_href))
      return child;
  return NULL;
}

/* Appended after the last element child, so a new element lines up with its
 * siblings whatever whitespace the document has. */
static xmlNodePtr
ensure_child (xmlNodePtr  parent,
              const char *name)
{
  xmlNodePtr child = find_child (parent, name, NULL);

  if (child == NULL)
    child = xmlNewChild (parent, NULL, (const xmlChar *)name, NULL);
  return child;
}

static void
remove_node (xmlNodePtr node)
{
  if (node == NULL)
    return;
  xmlUnlinkNode (node);
  xmlFreeNode (node);
}

static char *
dup_xml (xmlChar *value)
{
  char *copy = value != NULL && value[0] != '\0' ? g_strdup ((const char *)value) : NULL;

  xmlFree (value);
  return copy;
}

static char *
child_attr (xmlNodePtr  parent,
            const char *name,
            const char *attr)
{
  xmlNodePtr child = find_child (parent, name, NULL);

  return child != NULL ? dup_xml (xmlGetProp (child, (const xmlChar *)attr)) : NULL;
}

static char *
child_text (xmlNodePtr  parent,
            const char *name)
{
  xmlNodePtr child = find_child (parent, name, NULL);
  g_autofree char *text = child != NULL ? dup_xml (xmlNodeGetContent (child)) : NULL;

  return text != NULL ? g_strstrip (g_steal_pointer (&text)) : NULL;
}

/* Sets one attribute of <parent><name>, keeping the element's other
 * attributes and children; an empty value removes the element. */
static void
set_child_attr (xmlNodePtr  parent,
                const char *name,
                const char *attr,
                const char *value)
{
  if (value == NULL || value[0] == '\0')
    {
      remove_node (find_child (parent, name, NULL));
      return;
    }
  xmlSetProp (ensure_child (parent, name), (const xmlChar *)attr, (const xmlChar *)value);
}

static void
set_child_text (xmlNodePtr  parent,
                const char *name,
                const char *value)
{
  xmlNodePtr child;

  if (value == NULL || value[0] == '\0')
    {
      remove_node (find_child (parent, name, NULL));
      return;
    }
  child = ensure_child (parent, name);
  xmlNodeSetContent (child, NULL);
  xmlNodeAddContent (child, (const xmlChar *)value);
}

/* ------------------------------------------------------- mount options */

static char *
read_mount_options (xmlNodePtr root)
{
  xmlNodePtr opts = find_child (root, "mount_opts", FERRY_POOL_FS_NS);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (opts == NULL)
    return NULL;
  for (xmlNodePtr child = opts->children; child != NULL; child = child->next)
    if (node_is (child, "option", FERRY_POOL_FS_NS))
      {
        char *name = dup_xml (xmlGetProp (child, (const xmlChar *)"name"));

        if (name != NULL)
          g_ptr_array_add (names, name);
      }
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **)names->pdata);
}

static void
write_mount_options (xmlNodePtr  root,
                     const char *value)
{
  xmlNodePtr opts = find_child (root, "mount_opts", FERRY_POOL_FS_NS);
  g_auto(GStrv) names = g_strsplit (value != NULL ? value : "", ",", -1);
  xmlNsPtr ns;

  /* Rebuilt as a whole: the options are one field in the editor. Whatever
   * else the element held (nothing, in libvirt 9.0's schema) goes too. */
  remove_node (opts);
  if (value == NULL || value[0] == '\0')
    return;

  ns = xmlSearchNsByHref (root->doc, root, (const xmlChar *)FERRY_POOL_FS_NS);
  if (ns == NULL)
    ns = xmlNewNs (root, (const xmlChar *)FERRY_POOL_FS_NS, (const xmlChar *)"fs");
  opts = xmlNewChild (root, ns, (const xmlChar *)"mount_opts", NULL);
  /* The root may already bind "fs" to another URI (the fuzzer sent one):
   * then the element declares the right one itself, shadowing it. */
  if (ns == NULL)
    {
      ns = xmlNewNs (opts, (const xmlChar *)FERRY_POOL_FS_NS, (const xmlChar *)"fs");
      xmlSetNs (opts, ns);
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (names[i]));
      xmlNodePtr option;

      if (name[0] == '\0')
        continue;
      option = xmlNewChild (opts, ns, (const xmlChar *)"option", NULL);
      xmlSetProp (option, (const xmlChar *)"name", (const xmlChar *)name);
    }
}

/* ------------------------------------------------------------- fields */

static char *
gconfig_source_string (GVirConfigStoragePool *pool,
                       FerryPoolField         field)
{
  g_autoptr(GVirConfigStoragePoolSource) source = gvir_config_storage_pool_get_source (pool);
  const char *value;

  if (source == NULL)
    return NULL;
  if (field == FERRY_POOL_FIELD_SOURCE_HOST)
    value = gvir_config_storage_pool_source_get_host (source);
  else
    value = gvir_config_storage_pool_source_get_format (source);
  return value != NULL && value[0] != '\0' ? g_strdup (value) : NULL;
}

char *
_ferry_pool_xml_read (GVirConfigStoragePool *pool,
                      FerryPoolField         field)
{
  xmlNodePtr root = root_node (pool);
  xmlNodePtr source = find_child (root, "source", NULL);
  xmlNodePtr target = find_child (root, "target", NULL);
  xmlNodePtr perms = find_child (target, "permissions", NULL);
  g_autoptr(GVirConfigStoragePoolTarget) gtarget = NULL;
  const char *value;

  switch (field)
    {
    case FERRY_POOL_FIELD_NAME:
      value = gvir_config_storage_pool_get_name (pool);
      return value != NULL ? g_strdup (value) : NULL;
    case FERRY_POOL_FIELD_SOURCE_HOST:
    case FERRY_POOL_FIELD_FORMAT:
      return gconfig_source_string (pool, field);
    case FERRY_POOL_FIELD_SOURCE_DIR:
      return child_attr (source, "dir", "path");
    case FERRY_POOL_FIELD_PROTOCOL_VERSION:
      return child_attr (source, "protocol", "ver");
    case FERRY_POOL_FIELD_MOUNT_OPTIONS:
      return read_mount_options (root);
    case FERRY_POOL_FIELD_TARGET_PATH:
      gtarget = gvir_config_storage_pool_get_target (pool);
      value = gtarget != NULL ? gvir_config_storage_pool_target_get_path (gtarget) : NULL;
      return value != NULL && value[0] != '\0' ? g_strdup (value) : NULL;
    case FERRY_POOL_FIELD_MODE:
      return child_text (perms, "mode");
    case FERRY_POOL_FIELD_OWNER:
      return child_text (perms, "owner");
    case FERRY_POOL_FIELD_GROUP:
      return child_text (perms, "group");
    case FERRY_POOL_N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

static void
write_permission (xmlNodePtr  root,
                  const char *name,
                  const char *value)
{
  xmlNodePtr target = find_child (root, "target", NULL);
  xmlNodePtr perms = find_child (target, "permissions", NULL);

  if (value == NULL || value[0] == '\0')
    {
      if (perms == NULL)
        return;
      remove_node (find_child (perms, name, NULL));
      /* An empty <permissions/> says nothing; do not leave one behind. */
      if (xmlFirstElementChild (perms) == NULL)
        remove_node (perms);
      return;
    }
  if (target == NULL)
    target = ensure_child (root, "target");
  if (perms == NULL)
    perms = ensure_child (target, "permissions");
  set_child_text (perms, name, value);
}

void
_ferry_pool_xml_write (GVirConfigStoragePool *pool,
                       FerryPoolField         field,
                       const char            *value)
{
  xmlNodePtr root = root_node (pool);
  gboolean empty = value == NULL || value[0] == '\0';
  g_autoptr(GVirConfigStoragePoolSource) gsource = NULL;
  g_autoptr(GVirConfigStoragePoolTarget) gtarget = NULL;

  switch (field)
    {
    case FERRY_POOL_FIELD_NAME:
      if (empty)
        remove_node (find_child (root, "name", NULL));
      else
        gvir_config_storage_pool_set_name (pool, value);
      break;
    case FERRY_POOL_FIELD_SOURCE_HOST:
      set_child_attr (ensure_child (root, "source"), "host", "name", value);
      break;
    case FERRY_POOL_FIELD_SOURCE_DIR:
      set_child_attr (ensure_child (root, "source"), "dir", "path", value);
      break;
    case FERRY_POOL_FIELD_FORMAT:
      if (empty)
        {
          remove_node (find_child (find_child (root, "source", NULL), "format", NULL));
          break;
        }
      ensure_child (root, "source");
      gsource = gvir_config_storage_pool_get_source (pool);
      gvir_config_storage_pool_source_set_format (gsource, value);
      break;
    case FERRY_POOL_FIELD_PROTOCOL_VERSION:
      set_child_attr (ensure_child (root, "source"), "protocol", "ver", value);
      break;
    case FERRY_POOL_FIELD_MOUNT_OPTIONS:
      write_mount_options (root, value);
      break;
    case FERRY_POOL_FIELD_TARGET_PATH:
      if (empty)
        {
          remove_node (find_child (find_child (root, "target", NULL), "path", NULL));
          break;
        }
      ensure_child (root, "target");
      gtarget = gvir_config_storage_pool_get_target (pool);
      gvir_config_storage_pool_target_set_path (gtarget, value);
      break;
    case FERRY_POOL_FIELD_MODE:
      write_permission (root, "mode", value);
      break;
    case FERRY_POOL_FIELD_OWNER:
      write_permission (root, "owner", value);
      break;
    case FERRY_POOL_FIELD_GROUP:
      write_permission (root, "group", value);
      break;
    case FERRY_POOL_N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

char *
_ferry_pool_xml_pool_type (GVirConfigStoragePool *pool)
{
  return dup_xml (xmlGetProp (root_node (pool), (const xmlChar *)"type"));
}

/* A new netfs pool: the elements in the order libvirt itself writes them, so
 * fields filled in later land in their usual places. */
void
_ferry_pool_xml_skeleton (GVirConfigStoragePool *pool)
{
  xmlNodePtr root = root_node (pool);
  xmlNodePtr source;

  gvir_config_storage_pool_set_pool_type (pool, GVIR_CONFIG_STORAGE_POOL_TYPE_NETFS);
  ensure_child (root, "name");
  source = ensure_child (root, "source");
  ensure_child (source, "host");
  ensure_child (source, "dir");
  ensure_child (source, "format");
  ensure_child (ensure_child (root, "target"), "path");
}
