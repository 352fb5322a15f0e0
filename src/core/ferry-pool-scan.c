/* ferry-pool-scan.c — asking a host which NFS exports a server offers
 * (virConnectFindStoragePoolSources, "netfs"): the host runs showmount, so
 * the answer is what that host can see of the server.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libvirt-gconfig/libvirt-gconfig.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "ferry-error.h"
#include "ferry-pool-config-private.h"
#include "ferry-pool-ops-private.h"

/**
 * ferry_pool_parse_sources:
 * @xml: the <sources> document virConnectFindStoragePoolSources returns
 *
 * Returns: (transfer full) (nullable): the export paths it lists, in its
 *   order, without repeats; NULL with @error set when @xml does not parse
 */
GStrv
ferry_pool_parse_sources (const char  *xml,
                          GError     **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  xmlDocPtr doc;
  xmlXPathContextPtr ctx;
  xmlXPathObjectPtr obj;

  g_return_val_if_fail (xml != NULL, NULL);

  doc = xmlReadMemory (xml, (int)strlen (xml), "sources.xml", NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_LIBVIRT,
                           _("The host’s list of exports could not be read"));
      return NULL;
    }
  ctx = xmlXPathNewContext (doc);
  obj = ctx != NULL ? xmlXPathEvalExpression ((const xmlChar *)"/sources/source/dir/@path", ctx)
                    : NULL;
  if (obj != NULL && obj->type == XPATH_NODESET && obj->nodesetval != NULL)
    for (int i = 0; i < obj->nodesetval->nodeNr; i++)
      {
        xmlChar *path = xmlNodeGetContent (obj->nodesetval->nodeTab[i]);

        if (path != NULL && path[0] != '\0' &&
            !g_ptr_array_find_with_equal_func (paths, path, g_str_equal, NULL))
          g_ptr_array_add (paths, g_strdup ((const char *)path));
        xmlFree (path);
      }
  xmlXPathFreeObject (obj);
  xmlXPathFreeContext (ctx);
  xmlFreeDoc (doc);

  g_ptr_array_add (paths, NULL);
  return (GStrv)g_ptr_array_free (g_steal_pointer (&paths), FALSE);
}

static gpointer
scan_work (PoolCall  *call,
           GError   **error)
{
  char *xml = virConnectFindStoragePoolSources (call->conn, "netfs", call->xml, 0);
  GStrv paths;

  if (xml == NULL)
    {
      ferry_set_error_from_libvirt (error, "virConnectFindStoragePoolSources");
      return NULL;
    }
  paths = ferry_pool_parse_sources (xml, error);
  free (xml);
  return paths;
}

/**
 * ferry_pool_scan_exports_async:
 * @server: the NFS server's host name or address (validated by the caller)
 *
 * Asks @connection's host for the exports @server offers.
 */
void
ferry_pool_scan_exports_async (FerryConnection     *connection,
                               const char          *server,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GVirConfigStoragePoolSource) spec = NULL;
  PoolCall *call;

  g_return_if_fail (FERRY_IS_CONNECTION (connection));
  g_return_if_fail (server != NULL);

  /* The query is a <source><host name='…'/></source> document. */
  spec = gvir_config_storage_pool_source_new ();
  gvir_config_storage_pool_source_set_host (spec, server);
  call = _ferry_pool_call_new (NULL, scan_work, (GDestroyNotify)g_strfreev);
  call->xml = gvir_config_object_to_xml (GVIR_CONFIG_OBJECT (spec));
  _ferry_pool_call_run (connection, call, ferry_pool_scan_exports_async, cancellable, callback,
                        user_data);
}

/**
 * ferry_pool_scan_exports_finish:
 *
 * Returns: (transfer full) (nullable): the export paths; empty when the
 *   server exports nothing this host may see
 */
GStrv
ferry_pool_scan_exports_finish (FerryConnection  *connection,
                                GAsyncResult     *result,
                                GError          **error)
{
  return _ferry_pool_call_finish (connection, result, ferry_pool_scan_exports_async, error);
}
