/* ferry-pool-mount-error.c — what a failed mount of a netfs pool means, in
 * plain words.
 *
 * Starting a netfs pool runs mount(8); libvirt passes on its failure as
 * "Child process (/bin/mount … -t nfs SERVER:DIR TARGET) unexpected exit
 * status 32: mount.nfs: No such device". A newer admin cannot act on that.
 * The known causes get one sentence that says what is wrong and where to
 * look; libvirt's text stays after it for the expert. Pure.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ferry-pool-ops-private.h"

/* The file system type from mount's "-t TYPE" in libvirt's message. */
static char *
mount_type (const char *message)
{
  const char *t = strstr (message, " -t ");
  const char *end;

  if (t == NULL)
    return NULL;
  t += 4;
  end = t + strcspn (t, " )");
  return end > t ? g_strndup (t, end - t) : NULL;
}

/**
 * _ferry_pool_explain_mount_error:
 * @message: libvirt's message for a failed pool start
 *
 * Returns: (nullable): a plain sentence for a mount failure Ferry knows, or
 *   %NULL when @message is not one
 */
char *
_ferry_pool_explain_mount_error (const char *message)
{
  g_autofree char *type = NULL;
  const char *name;

  if (message == NULL || strstr (message, "mount") == NULL)
    return NULL;
  type = mount_type (message);
  if (type == NULL)
    return NULL;
  name = g_str_equal (type, "nfs") ? "NFS"
       : g_str_equal (type, "glusterfs") ? "GlusterFS"
       : g_str_equal (type, "cifs") ? "CIFS (SMB)"
       : type;

  if (strstr (message, "No such device") != NULL || strstr (message, "unknown filesystem type") != NULL ||
      strstr (message, "Protocol not supported") != NULL || strstr (message, "helper program") != NULL)
    /* Translators: %s is a file system, e.g. "NFS" */
    return g_strdup_printf (_("This host cannot mount %s shares: its kernel or system lacks the %s "
                              "client (for NFS, the nfs kernel module and the nfs-common package)."),
                            name, name);
  if (strstr (message, "access denied") != NULL || strstr (message, "Permission denied") != NULL)
    return g_strdup_printf (_("The %s server refused this host: add it to the export’s allowed "
                              "clients on the server."), name);
  if (strstr (message, "No such file or directory") != NULL && strstr (message, "server") != NULL)
    return g_strdup_printf (_("The %s server has no export at that path: scan the server to pick "
                              "one it offers."), name);
  if (strstr (message, "Connection refused") != NULL || strstr (message, "timed out") != NULL ||
      strstr (message, "No route to host") != NULL || strstr (message, "Network is unreachable") != NULL)
    return g_strdup_printf (_("The %s server did not answer: check its address, that it runs, and "
                              "that no firewall blocks it."), name);
  if (strstr (message, "busy") != NULL || strstr (message, "already mounted") != NULL)
    return g_strdup (_("Something is already mounted on the pool’s directory: unmount it, or choose "
                       "another directory."));
  return NULL;
}
