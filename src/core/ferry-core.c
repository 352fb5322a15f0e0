/* ferry-core.c
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <libvirt-glib/libvirt-glib.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "ferry-core.h"
#include "ferry-core-private.h"

static GThread *main_thread;
static guint main_thread_calls;

static void
silence_libvirt_errors (void              *user_data,
                        virErrorPtr        err)
{
  /* libvirt prints every error to stderr by default. Ferry copies each error
   * into a GError where the call was made and shows it to the user instead. */
}

/**
 * ferry_core_init:
 *
 * Initializes libvirt for Ferry. Call once from the main thread before any
 * connection is opened: it puts libvirt's event loop on the GLib main context,
 * so domain events and keepalives are dispatched on the main thread.
 */
void
ferry_core_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      main_thread = g_thread_self ();
      /* A host that dies mid-write would kill the whole program with SIGPIPE
       * (libvirt writes to its sockets without MSG_NOSIGNAL); the write's
       * error is handled as a lost connection instead. */
      signal (SIGPIPE, SIG_IGN);
      virInitialize ();
      virSetErrorFunc (NULL, silence_libvirt_errors);
      gvir_event_register ();
      g_once_init_leave (&initialized, 1);
    }
}

void
_ferry_libvirt_enter (const char *where)
{
  if (main_thread != NULL && g_thread_self () == main_thread)
    {
      g_atomic_int_inc (&main_thread_calls);
      g_critical ("libvirt called on the main thread from %s", where);
    }
}

/**
 * ferry_core_get_main_thread_libvirt_calls:
 *
 * Returns: how many libvirt calls were made on the main thread. Always 0 unless
 *   there is a bug; the tests assert it.
 */
guint
ferry_core_get_main_thread_libvirt_calls (void)
{
  return g_atomic_int_get (&main_thread_calls);
}

GWeakRef *
_ferry_weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

void
_ferry_weak_ref_free (void *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

char *
_ferry_xml_xpath_string (const char *xml,
                         const char *xpath)
{
  xmlDocPtr doc = xmlReadMemory (xml, (int)strlen (xml), NULL, NULL,
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlXPathContextPtr ctx = NULL;
  xmlXPathObjectPtr result = NULL;
  char *text = NULL;

  if (doc == NULL)
    return NULL;
  ctx = xmlXPathNewContext (doc);
  if (ctx != NULL)
    result = xmlXPathEvalExpression ((const xmlChar *)xpath, ctx);
  if (result != NULL && result->nodesetval != NULL && result->nodesetval->nodeNr > 0)
    {
      xmlChar *content = xmlNodeGetContent (result->nodesetval->nodeTab[0]);

      text = g_strdup ((const char *)content);
      xmlFree (content);
    }
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (ctx);
  xmlFreeDoc (doc);
  return text;
}

gboolean
_ferry_path_has_dot_component (const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
      return TRUE;
  return FALSE;
}

void
_ferry_context_post (GMainContext   *context,
                     GSourceFunc     func,
                     gpointer        data,
                     GDestroyNotify  notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[ferry] context post");
  g_source_attach (source, context);
}
