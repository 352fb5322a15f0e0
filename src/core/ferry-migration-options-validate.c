/* ferry-migration-options-validate.c — whether each migration option's value
 * is right on its own (a URI that parses, a number in range, XML that is a
 * domain), and validate(), which checks every option before anything is sent.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>

#include "ferry-error.h"
#include "ferry-migration-options-private.h"
#include "ferry-uri.h"

/* libvirt has no length limit of its own; 255 bytes keeps the name usable as a
 * file name on the destination (/etc/libvirt/qemu/NAME.xml). */
#define MAX_NAME_LENGTH       255
#define MAX_PORT              65535
/* QEMU's multifd-channels is a uint8 and must be at least 1. */
#define MAX_PARALLEL_CONNECTIONS 255
/* QEMU's cpu-throttle-initial and cpu-throttle-increment. */
#define MIN_THROTTLE          1
#define MAX_THROTTLE          99
#define MAX_HOST_LENGTH       253

static const char *compression_method_names[] = { "xbzrle", "mt", "zlib", "zstd" };

/* ------------------------------------------------------------------------ */
/* Whether each value is right on its own                                    */
/* ------------------------------------------------------------------------ */

static gboolean
has_control_or_space (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || g_unichar_isspace (c))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_host_name (const char *host)
{
  g_auto(GStrv) labels = NULL;

  if (*host == '\0' || strlen (host) > MAX_HOST_LENGTH)
    return FALSE;

  labels = g_strsplit (host, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      const char *label = labels[i];
      gsize len = strlen (label);

      /* One trailing dot (a fully qualified name) leaves an empty last label. */
      if (len == 0 && labels[i + 1] == NULL && i > 0)
        continue;
      if (len == 0 || len > 63 || label[0] == '-' || label[len - 1] == '-')
        return FALSE;
      for (const char *p = label; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p) && *p != '-')
          return FALSE;
    }
  return TRUE;
}

typedef enum
{
  DATA_URI_MIGRATION,
  DATA_URI_DISKS,
} DataUriKind;

/* The migration address (tcp://, rdma://, unix://) or the disk migration URI
 * (tcp://, unix://; libvirt-domain.h: "Only schemes "tcp" and "unix" are
 * accepted"). A tcp or rdma URI names a host; a unix URI a socket path. */
static char *
data_uri_problem (const char  *uri,
                  DataUriKind  kind)
{
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GError) error = NULL;
  const char *scheme;
  const char *host;
  const char *path;
  gboolean disks = kind == DATA_URI_DISKS;

  if (has_control_or_space (uri))
    return g_strdup_printf (disks
                            ? _("The disk migration URI “%s” contains a space or a control character")
                            : _("The migration address “%s” contains a space or a control character"),
                            uri);

  parsed = g_uri_parse (uri, G_URI_FLAGS_NON_DNS, &error);
  if (g_error_matches (error, G_URI_ERROR, G_URI_ERROR_BAD_PORT))
    return g_strdup_printf (disks
                            ? _("The port in the disk migration URI “%s” is not a number from 1 to 65535")
                            : _("The port in the migration address “%s” is not a number from 1 to 65535"),
                            uri);
  if (parsed == NULL)
    return g_strdup_printf (disks
                            ? _("The disk migration URI “%s” is not a URI such as tcp://10.0.0.2:49153")
                            : _("The migration address “%s” is not a URI such as tcp://10.0.0.2:49152"),
                            uri);

  scheme = g_uri_get_scheme (parsed);
  host = g_uri_get_host (parsed);
  path = g_uri_get_path (parsed);

  if (g_ascii_strcasecmp (scheme, "unix") == 0)
    {
      if ((host != NULL && *host != '\0') || path[0] != '/')
        return g_strdup_printf (disks
                                ? _("The disk migration URI “%s” needs an absolute socket path, as in unix:///run/ferry/disks.sock")
                                : _("The migration address “%s” needs an absolute socket path, as in unix:///run/ferry/migrate.sock"),
                                uri);
      return NULL;
    }

  if (g_ascii_strcasecmp (scheme, "tcp") != 0 &&
      (disks || g_ascii_strcasecmp (scheme, "rdma") != 0))
    return g_strdup (disks
                     ? _("The disk migration URI must start with tcp:// or unix://")
                     : _("The migration address must start with tcp://, rdma:// or unix://"));

  if (host == NULL || *host == '\0')
    return g_strdup_printf (disks
                            ? _("The disk migration URI “%s” names no host")
                            : _("The migration address “%s” names no host"),
                            uri);
  /* libvirt hands the host on to QEMU as it is ("tcp:HOST:PORT"). */
  if (!g_hostname_is_ip_address (host) && !is_host_name (host))
    return g_strdup_printf (disks
                            ? _("The disk migration URI names “%s”, which is neither an IP address nor a host name")
                            : _("The migration address names “%s”, which is neither an IP address nor a host name"),
                            host);
  return NULL;
}

static char *
destination_uri_problem (const char *uri)
{
  g_autoptr(GError) error = NULL;

  if (uri == NULL)
    return g_strdup (_("Enter the destination host’s connection URI, such as qemu+ssh://host/system"));

  if (g_uri_peek_scheme (uri) == NULL)
    return g_strdup_printf (_("“%s” is not a libvirt connection URI such as qemu+ssh://host/system"),
                            uri);

  if (!ferry_uri_validate_custom (uri, &error))
    return g_strdup (error->message);
  return NULL;
}

/* libvirt's disk targets are a bus prefix and a letter index (vda, sdb,
 * hdc, xvdaa): ASCII letters and digits. Anything else, "," above all (virsh
 * joins the list with commas), is a mistake. */
static gboolean
is_disk_target (const char *disk)
{
  for (const char *p = disk; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

static char *
disks_problem (char **disks)
{
  for (guint i = 0; disks != NULL && disks[i] != NULL; i++)
    {
      const char *disk = disks[i];

      /* Target names (vda, sdb, hdc) are joined with commas for virsh's
       * --migrate-disks, so a comma would split one into two. */
      if (*disk == '\0')
        return g_strdup (_("A disk to copy has no name"));
      if (!is_disk_target (disk))
        return g_strdup_printf (_("“%s” is not a disk target such as vda"), disk);
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (disks[j], disk) == 0)
          return g_strdup_printf (_("The disk “%s” is listed twice"), disk);
    }
  return NULL;
}

static gboolean
is_multifd_method (const char *method)
{
  return g_strcmp0 (method, "zlib") == 0 || g_strcmp0 (method, "zstd") == 0;
}

/* libvirt's qemu_migration_params.c: a method given twice is refused;
 * xbzrle and mt "isn't supported with parallel migration"; zlib and zstd are
 * "only supported with parallel migration", one at a time. (libvirt 9.0 itself
 * knows only xbzrle and mt; zlib and zstd need libvirt 9.4 on the source.) */
static char *
methods_problem (const Options *o)
{
  char **methods = o->compression_methods;
  guint n_multifd = 0;

  for (guint i = 0; methods != NULL && methods[i] != NULL; i++)
    {
      const char *method = methods[i];
      gboolean known = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (compression_method_names); k++)
        known |= g_strcmp0 (method, compression_method_names[k]) == 0;
      if (method[0] == '\0')
        return g_strdup (_("A compression method has no name; use xbzrle, mt, zlib or zstd"));
      if (!known)
        return g_strdup_printf (_("“%s” is not a compression method; use xbzrle, mt, zlib or zstd"),
                                method);
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (methods[j], method) == 0)
          return g_strdup_printf (_("The compression method “%s” is listed twice"), method);

      if (is_multifd_method (method))
        {
          if (!o->parallel)
            return g_strdup_printf (_("The compression method “%s” needs parallel connections"),
                                    method);
          n_multifd++;
        }
      else if (o->parallel)
        {
          return g_strdup_printf (_("The compression method “%s” cannot be used with parallel "
                                    "connections; use zlib or zstd"),
                                  method);
        }
    }

  if (n_multifd > 1)
    return g_strdup (_("Parallel connections compress with one method only"));
  return NULL;
}

static char *
name_problem (const char *name)
{
  if (strlen (name) > MAX_NAME_LENGTH)
    return g_strdup_printf (_("The new name is %zu bytes long; the limit is %d"),
                            strlen (name), MAX_NAME_LENGTH);
  /* libvirt refuses "/" in a domain name: it names a file on the host. */
  if (strchr (name, '/') != NULL)
    return g_strdup_printf (_("The new name “%s” contains “/”"), name);
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return g_strdup (_("The new name contains a control character"));
  return NULL;
}

/* Well-formed, and a domain definition: libvirt would say as much later, from
 * the far end of a slow connection. */
static char *
xml_problem (const char *xml,
             gboolean    persistent)
{
  xmlDocPtr doc;
  xmlNodePtr root;
  char *problem = NULL;

  doc = xmlReadMemory (xml, (int)MIN (strlen (xml), (gsize)G_MAXINT), NULL, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    return g_strdup (persistent
                     ? _("The persistent definition is not well-formed XML")
                     : _("The destination definition is not well-formed XML"));

  root = xmlDocGetRootElement (doc);
  if (root == NULL || xmlStrcmp (root->name, (const xmlChar *)"domain") != 0)
    problem = g_strdup_printf (persistent
                               ? _("The persistent definition is not a domain: its root element is “%s”")
                               : _("The destination definition is not a domain: its root element is “%s”"),
                               root != NULL ? (const char *)root->name : "");
  xmlFreeDoc (doc);
  return problem;
}

static char *
bandwidth_problem (guint64  value,
                   gboolean postcopy)
{
  g_autofree char *max = NULL;

  if (value <= FERRY_MIGRATION_MAX_BANDWIDTH)
    return NULL;
  max = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)FERRY_MIGRATION_MAX_BANDWIDTH);
  return g_strdup_printf (postcopy
                          ? _("The post-copy bandwidth limit must be at most %s MiB/s")
                          : _("The bandwidth limit must be at most %s MiB/s"),
                          max);
}

/* virsh reads --timeout as an int, and the job counts the seconds to the
 * post-copy switch in one. */
static char *
seconds_problem (guint    seconds,
                 gboolean postcopy)
{
  if (seconds <= G_MAXINT)
    return NULL;
  return g_strdup_printf (postcopy
                          ? _("Switching to post-copy can wait at most %d seconds")
                          : _("The timeout must be at most %d seconds"),
                          G_MAXINT);
}

/* What is wrong with the option's value itself, whatever the others are. */
static char *
value_problem (const Options *o,
               guint          prop_id)
{
  switch (prop_id)
    {
    case PROP_DESTINATION_URI:
      return destination_uri_problem (o->destination_uri);

    case PROP_MIGRATE_URI:
      {
        char *problem;

        if (o->migrate_uri == NULL)
          return NULL;
        problem = data_uri_problem (o->migrate_uri, DATA_URI_MIGRATION);
        /* qemu_migration.c: "NBD URI must be supplied when migration URI
         * uses UNIX transport method". */
        if (problem == NULL &&
            g_ascii_strncasecmp (o->migrate_uri, "unix:", 5) == 0 &&
            o->copy_storage != FERRY_MIGRATION_COPY_STORAGE_NONE &&
            o->nbd_uri == NULL)
          problem = g_strdup (_("With a unix:// migration address, copying storage needs a "
                                "unix:// disk migration URI too"));
        return problem;
      }

    case PROP_LISTEN_ADDRESS:
      if (o->listen_address == NULL ||
          g_hostname_is_ip_address (o->listen_address) ||
          is_host_name (o->listen_address))
        return NULL;
      return g_strdup_printf (_("The listen address “%s” is neither an IP address nor a host name"),
                              o->listen_address);

    case PROP_COPY_STORAGE_DISKS:
      return disks_problem (o->copy_storage_disks);

    case PROP_NBD_PORT:
      if (o->nbd_port <= MAX_PORT)
        return NULL;
      return g_strdup_printf (_("The disk migration port must be between 1 and %d"), MAX_PORT);

    case PROP_NBD_URI:
      return o->nbd_uri != NULL ? data_uri_problem (o->nbd_uri, DATA_URI_DISKS) : NULL;

    case PROP_AUTO_CONVERGE_INITIAL:
      if (o->auto_converge_initial == -1 ||
          (o->auto_converge_initial >= MIN_THROTTLE && o->auto_converge_initial <= MAX_THROTTLE))
        return NULL;
      return g_strdup_printf (_("The initial CPU throttling must be between %d and %d percent"),
                              MIN_THROTTLE, MAX_THROTTLE);

    case PROP_AUTO_CONVERGE_INCREMENT:
      if (o->auto_converge_increment == -1 ||
          (o->auto_converge_increment >= MIN_THROTTLE && o->auto_converge_increment <= MAX_THROTTLE))
        return NULL;
      return g_strdup_printf (_("The CPU throttling increment must be between %d and %d percent"),
                              MIN_THROTTLE, MAX_THROTTLE);

    case PROP_COMPRESSED:
      /* With multifd, libvirt's default method (xbzrle) is refused. */
      if (o->compressed && o->parallel && o->compression_methods == NULL)
        return g_strdup (_("With parallel connections, choose zlib or zstd compression"));
      return NULL;

    case PROP_COMPRESSION_METHODS:
      return methods_problem (o);

    case PROP_PARALLEL_CONNECTIONS:
      if (o->parallel_connections <= MAX_PARALLEL_CONNECTIONS)
        return NULL;
      return g_strdup_printf (_("A parallel migration uses between 1 and %d connections"),
                              MAX_PARALLEL_CONNECTIONS);

    case PROP_POSTCOPY_AFTER:
      if (o->postcopy_after == FERRY_MIGRATION_POSTCOPY_AFTER_SECONDS && o->postcopy_after_seconds == 0)
        return g_strdup (_("Say after how many seconds to switch to post-copy"));
      return NULL;

    case PROP_POSTCOPY_AFTER_SECONDS:
      return seconds_problem (o->postcopy_after_seconds, TRUE);

    case PROP_TIMEOUT:
      return seconds_problem (o->timeout, FALSE);

    case PROP_BANDWIDTH:
      return bandwidth_problem (o->bandwidth, FALSE);

    case PROP_POSTCOPY_BANDWIDTH:
      return bandwidth_problem (o->postcopy_bandwidth, TRUE);

    case PROP_MAX_DOWNTIME:
      if (o->max_downtime <= FERRY_MIGRATION_MAX_DOWNTIME)
        return NULL;
      return g_strdup_printf (_("The maximum downtime must be at most %d ms"),
                              FERRY_MIGRATION_MAX_DOWNTIME);

    case PROP_DESTINATION_NAME:
      return o->destination_name != NULL ? name_problem (o->destination_name) : NULL;

    case PROP_DESTINATION_XML:
      return o->destination_xml != NULL ? xml_problem (o->destination_xml, FALSE) : NULL;

    case PROP_PERSISTENT_XML:
      return o->persistent_xml != NULL ? xml_problem (o->persistent_xml, TRUE) : NULL;

    default:
      return NULL;
    }
}

/**
 * ferry_migration_options_validate:
 *
 * Checks every option against libvirt's, virsh's and QEMU's rules before
 * anything is sent. The options are checked in the order of their properties,
 * and the first problem found is reported with a sentence the dialog can
 * show as it is.
 *
 * Returns: %TRUE when libvirt can be given these options
 */
gboolean
ferry_migration_options_validate (FerryMigrationOptions  *self,
                                  GError                **error)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_OPTIONS (self), FALSE);

  for (guint prop_id = PROP_0 + 1; prop_id < N_PROPS; prop_id++)
    {
      g_autofree char *problem = NULL;

      if (_ferry_migration_options_in_use (&self->o, prop_id))
        {
          const char *reason = _ferry_migration_options_conflict (&self->o, prop_id);

          if (reason != NULL)
            {
              g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT, reason);
              return FALSE;
            }
        }

      problem = value_problem (&self->o, prop_id);
      if (problem != NULL)
        {
          g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT, problem);
          return FALSE;
        }
    }

  return TRUE;
}
