/* ferry-core-private.h — internal API shared by the core's files.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Every function that calls into libvirt starts with this. libvirt calls are
 * blocking RPCs, so one made on the main thread freezes the window while a host
 * is slow; the guard counts such calls so the tests can assert there are none. */
void _ferry_libvirt_enter (const char *where);
#define FERRY_LIBVIRT_ENTER() _ferry_libvirt_enter (G_STRFUNC)

/* Heap-allocated weak references, the opaque data of libvirt callbacks: the
 * callback may outlive the object it reports to. */
GWeakRef *_ferry_weak_ref_new  (gpointer object);
void      _ferry_weak_ref_free (void    *ref);

/* Whether @path has a "." or ".." component: paths from users are written
 * without them (they would climb out of where they belong, and GUri resolves
 * them, changing a URI's path). */
gboolean  _ferry_path_has_dot_component (const char *path);

/* The text of the first node @xpath selects in @xml, or NULL. Pure. */
char     *_ferry_xml_xpath_string (const char *xml,
                                   const char *xpath);

/* Queues @func to run on @context (NULL: the global default) from any thread,
 * always later and never in the calling thread. g_main_context_invoke() would
 * run it at once in a worker that happens to be able to acquire the context,
 * changing models off the main thread. */
void      _ferry_context_post (GMainContext   *context,
                               GSourceFunc     func,
                               gpointer        data,
                               GDestroyNotify  notify);

G_END_DECLS
