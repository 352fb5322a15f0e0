/* ferry-migration-options.c — every `virsh migrate` capability as one object
 * the Migrate dialog binds to, with the rules that say which options go
 * together.
 *
 * Pure data: nothing here talks to libvirt, so the dialog can check every
 * change on the main thread. The translation into libvirt flags and typed
 * parameters is in ferry-migration-params.c.
 *
 * Where the rules come from: libvirt 9.0's qemu driver (qemu_migration.c,
 * qemu_migration_params.c), its public entry points (libvirt-domain.c), virsh
 * 9.0's own checks in `virsh migrate`, and QEMU 7.2's migrate_caps_check() and
 * migrate_params_check(). Each rule says which.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>

#include "ferry-enums.h"
#include "ferry-error.h"
#include "ferry-migration-options.h"
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

/* The files `virsh migrate --xml` and `--persistent-xml` read: the command
 * Ferry shows names them, and says to save the XML there first. */
#define DESTINATION_XML_FILE  "destination.xml"
#define PERSISTENT_XML_FILE   "persistent.xml"

/* Every option as plain data, so that why_disabled() can try a change on a
 * copy without touching the object or emitting notifications. */
typedef struct
{
  FerryMigrationMode           mode;
  FerryMigrationConnectivity   connectivity;
  char                        *destination_uri;
  char                        *migrate_uri;
  char                        *listen_address;
  gboolean                     tls;
  gboolean                     persistent;
  gboolean                     undefine_source;
  gboolean                     suspend;
  FerryMigrationCopyStorage    copy_storage;
  char                       **copy_storage_disks;
  guint                        nbd_port;
  char                        *nbd_uri;
  gboolean                     unsafe;
  gboolean                     auto_converge;
  int                          auto_converge_initial;
  int                          auto_converge_increment;
  gboolean                     compressed;
  char                       **compression_methods;
  gboolean                     parallel;
  guint                        parallel_connections;
  gboolean                     postcopy;
  FerryMigrationPostcopyAfter  postcopy_after;
  guint                        postcopy_after_seconds;
  gboolean                     zerocopy;
  guint64                      bandwidth;
  guint64                      postcopy_bandwidth;
  guint64                      max_downtime;
  guint                        timeout;
  FerryMigrationTimeoutAction  timeout_action;
  char                        *destination_name;
  char                        *destination_xml;
  char                        *persistent_xml;
  gboolean                     abort_on_error;
  gboolean                     change_protection;
} Options;

struct _FerryMigrationOptions
{
  GObject  parent_instance;

  Options  o;
};

/* In this order validate() checks the options, so the first problem it
 * reports is the first row of the dialog that has one. */
enum {
  PROP_0,
  PROP_MODE,
  PROP_CONNECTIVITY,
  PROP_DESTINATION_URI,
  PROP_MIGRATE_URI,
  PROP_LISTEN_ADDRESS,
  PROP_TLS,
  PROP_PERSISTENT,
  PROP_UNDEFINE_SOURCE,
  PROP_SUSPEND,
  PROP_COPY_STORAGE,
  PROP_COPY_STORAGE_DISKS,
  PROP_NBD_PORT,
  PROP_NBD_URI,
  PROP_UNSAFE,
  PROP_AUTO_CONVERGE,
  PROP_AUTO_CONVERGE_INITIAL,
  PROP_AUTO_CONVERGE_INCREMENT,
  PROP_COMPRESSED,
  PROP_COMPRESSION_METHODS,
  PROP_PARALLEL,
  PROP_PARALLEL_CONNECTIONS,
  PROP_POSTCOPY,
  PROP_POSTCOPY_AFTER,
  PROP_POSTCOPY_AFTER_SECONDS,
  PROP_ZEROCOPY,
  PROP_BANDWIDTH,
  PROP_POSTCOPY_BANDWIDTH,
  PROP_MAX_DOWNTIME,
  PROP_TIMEOUT,
  PROP_TIMEOUT_ACTION,
  PROP_DESTINATION_NAME,
  PROP_DESTINATION_XML,
  PROP_PERSISTENT_XML,
  PROP_ABORT_ON_ERROR,
  PROP_CHANGE_PROTECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FerryMigrationOptions, ferry_migration_options, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------ */
/* Which options conflict                                                    */
/* ------------------------------------------------------------------------ */

static const char *compression_method_names[] = { "xbzrle", "mt", "zlib", "zstd" };

static gboolean
is_offline (const Options *o)
{
  return o->mode == FERRY_MIGRATION_MODE_OFFLINE;
}

static gboolean
is_tunnelled (const Options *o)
{
  return o->connectivity == FERRY_MIGRATION_CONNECTIVITY_TUNNELLED;
}

/* Whether the option has a value that can clash with others: on, set, or not
 * at its default. An option that is not in use never conflicts. */
static gboolean
in_use (const Options *o,
        guint          prop_id)
{
  switch (prop_id)
    {
    case PROP_CONNECTIVITY:
      return is_tunnelled (o);
    case PROP_DESTINATION_URI:
      return o->destination_uri != NULL;
    case PROP_MIGRATE_URI:
      return o->migrate_uri != NULL;
    case PROP_LISTEN_ADDRESS:
      return o->listen_address != NULL;
    case PROP_TLS:
      return o->tls;
    case PROP_PERSISTENT:
      /* The default is on; turning it off is what can clash. */
      return !o->persistent;
    case PROP_SUSPEND:
      return o->suspend;
    case PROP_COPY_STORAGE:
      return o->copy_storage != FERRY_MIGRATION_COPY_STORAGE_NONE;
    case PROP_COPY_STORAGE_DISKS:
      return o->copy_storage_disks != NULL;
    case PROP_NBD_PORT:
      return o->nbd_port != 0;
    case PROP_NBD_URI:
      return o->nbd_uri != NULL;
    case PROP_AUTO_CONVERGE:
      return o->auto_converge;
    case PROP_AUTO_CONVERGE_INITIAL:
      return o->auto_converge_initial != -1;
    case PROP_AUTO_CONVERGE_INCREMENT:
      return o->auto_converge_increment != -1;
    case PROP_COMPRESSED:
      return o->compressed;
    case PROP_COMPRESSION_METHODS:
      return o->compression_methods != NULL;
    case PROP_PARALLEL:
      return o->parallel;
    case PROP_PARALLEL_CONNECTIONS:
      return o->parallel_connections != 0;
    case PROP_POSTCOPY:
      return o->postcopy;
    case PROP_POSTCOPY_AFTER:
      return o->postcopy_after != FERRY_MIGRATION_POSTCOPY_AFTER_MANUAL;
    case PROP_POSTCOPY_AFTER_SECONDS:
      return o->postcopy_after_seconds != 0;
    case PROP_ZEROCOPY:
      return o->zerocopy;
    case PROP_BANDWIDTH:
      return o->bandwidth != 0;
    case PROP_POSTCOPY_BANDWIDTH:
      return o->postcopy_bandwidth != 0;
    case PROP_MAX_DOWNTIME:
      return o->max_downtime != 0;
    case PROP_TIMEOUT:
      return o->timeout != 0;
    case PROP_TIMEOUT_ACTION:
      return o->timeout_action != FERRY_MIGRATION_TIMEOUT_ACTION_SUSPEND;
    case PROP_PERSISTENT_XML:
      return o->persistent_xml != NULL;
    default:
      /* The mode, and options that go with anything. */
      return FALSE;
    }
}

static const char *
offline_no_memory (void)
{
  return _("An offline migration moves only the VM’s definition; no memory is sent");
}

static const char *
no_data_connection (const Options *o)
{
  if (is_offline (o))
    return _("An offline migration sends no data, so there is no data connection to set up");
  if (is_tunnelled (o))
    return _("A tunnelled migration sends its data through the libvirt connection, "
             "so there is no data connection to set up");
  return NULL;
}

static const char *conflict (const Options *o,
                             guint          prop_id);

/* For an option that tunes another: the other's own conflict first, since
 * turning the other on is no help while that stands. */
static const char *
needs (const Options *o,
       guint          parent_prop_id,
       gboolean       parent_on,
       const char    *turn_on_first)
{
  const char *reason = conflict (o, parent_prop_id);

  if (reason != NULL)
    return reason;
  return parent_on ? NULL : turn_on_first;
}

/* Why the option, given a value, cannot go with the others as they are; NULL
 * when it can. Each pair of clashing options is listed under one of the two;
 * why_disabled() finds it from either side. */
static const char *
conflict (const Options *o,
          guint          prop_id)
{
  switch (prop_id)
    {
    case PROP_CONNECTIVITY:
      /* qemu_migration.c: "tunnelled offline migration does not make sense". */
      if (is_tunnelled (o) && is_offline (o))
        return _("An offline migration sends no data, so there is nothing to tunnel");
      return NULL;

    case PROP_MIGRATE_URI:
      /* libvirt-domain.h: VIR_MIGRATE_PARAM_URI "may not be used when
       * VIR_MIGRATE_TUNNELLED flag is set". */
    case PROP_LISTEN_ADDRESS:
      return no_data_connection (o);

    case PROP_TLS:
      /* docs/migration.rst: TLS (VIR_MIGRATE_TLS) encrypts the hypervisor's
       * native transport; the tunnelled transport is encrypted by the libvirt
       * RPC connection instead. Allowed offline on purpose: a host with
       * migrate_tls_force refuses any migration without the TLS flag. */
      if (is_tunnelled (o))
        return _("A tunnelled migration is already encrypted by the libvirt connection; "
                 "TLS applies to a direct data connection");
      return NULL;

    case PROP_PERSISTENT:
      /* qemu_migration.c: "offline migration must be specified with the
       * persistent flag set". */
      if (is_offline (o))
        return _("An offline migration only defines the VM on the destination, "
                 "so it is always persistent there");
      return NULL;

    case PROP_SUSPEND:
      if (is_offline (o))
        return _("An offline migration does not start the VM on the destination");
      return NULL;

    case PROP_COPY_STORAGE:
      /* qemu_migration.c: "offline migration cannot handle non-shared
       * storage"; and "migration of non-shared storage is not supported with
       * tunnelled migration and this QEMU" for any QEMU with -blockdev, which
       * QEMU 7.2 is. */
      if (is_offline (o))
        return _("An offline migration cannot copy storage; "
                 "the disks must already be reachable from the destination");
      if (is_tunnelled (o))
        return _("Storage cannot be copied in a tunnelled migration; "
                 "choose managed direct or peer-to-peer");
      return NULL;

    case PROP_COPY_STORAGE_DISKS:
    case PROP_NBD_URI:
      return needs (o, PROP_COPY_STORAGE,
                    o->copy_storage != FERRY_MIGRATION_COPY_STORAGE_NONE,
                    _("Choose to copy storage first"));

    case PROP_NBD_PORT:
      {
        const char *reason = needs (o, PROP_COPY_STORAGE,
                                    o->copy_storage != FERRY_MIGRATION_COPY_STORAGE_NONE,
                                    _("Choose to copy storage first"));

        /* virsh: --disks-uri "overrides --disks-port"; the qemu driver
         * refuses both at once. */
        if (reason == NULL && o->nbd_uri != NULL)
          reason = _("The disk migration URI already gives the port");
        return reason;
      }

    case PROP_AUTO_CONVERGE:
    case PROP_COMPRESSED:
    case PROP_BANDWIDTH:
    case PROP_MAX_DOWNTIME:
      return is_offline (o) ? offline_no_memory () : NULL;

    case PROP_AUTO_CONVERGE_INITIAL:
    case PROP_AUTO_CONVERGE_INCREMENT:
      /* qemu_migration_params.c: "Turn auto convergence on to tune it". */
      return needs (o, PROP_AUTO_CONVERGE, o->auto_converge,
                    _("Turn on auto-converge to tune it"));

    case PROP_COMPRESSION_METHODS:
      return needs (o, PROP_COMPRESSED, o->compressed,
                    _("Turn on compression to choose its methods"));

    case PROP_PARALLEL:
      if (is_offline (o))
        return offline_no_memory ();
      /* libvirt-domain.c: "Flags 'VIR_MIGRATE_TUNNELLED' and
       * 'VIR_MIGRATE_PARALLEL' are mutually exclusive". */
      if (is_tunnelled (o))
        return _("Parallel connections cannot be tunnelled");
      return NULL;

    case PROP_PARALLEL_CONNECTIONS:
      /* qemu_migration_params.c: "Turn parallel migration on to tune it". */
      return needs (o, PROP_PARALLEL, o->parallel,
                    _("Turn on parallel migration to choose the number of connections"));

    case PROP_POSTCOPY:
      if (is_offline (o))
        return offline_no_memory ();
      /* qemu_migration.c: "post-copy migration is not supported with
       * non-live or paused migration" (paused: VIR_MIGRATE_PAUSED, our
       * suspend), and "post-copy is not supported with tunnelled
       * migration". QEMU 7.2 cannot combine post-copy with multifd (its
       * "Postcopy is not yet compatible with multifd"). */
      if (o->mode == FERRY_MIGRATION_MODE_PAUSED)
        return _("Post-copy needs a live migration");
      if (o->suspend)
        return _("Post-copy runs the VM on the destination, so it cannot be left paused there");
      if (is_tunnelled (o))
        return _("Post-copy is not supported in a tunnelled migration");
      if (o->parallel)
        return _("Post-copy cannot be combined with parallel connections");
      return NULL;

    case PROP_POSTCOPY_AFTER:
      return needs (o, PROP_POSTCOPY, o->postcopy, _("Turn on post-copy first"));

    case PROP_POSTCOPY_AFTER_SECONDS:
      return needs (o, PROP_POSTCOPY_AFTER,
                    o->postcopy_after == FERRY_MIGRATION_POSTCOPY_AFTER_SECONDS,
                    _("Choose to switch to post-copy after a delay first"));

    case PROP_ZEROCOPY:
      {
        /* qemu_migration.c: "zero-copy is only available for parallel
         * migration"; QEMU 7.2: "Zero copy only available for
         * non-compressed non-TLS multifd migration". */
        const char *reason = needs (o, PROP_PARALLEL, o->parallel,
                                    _("Zero-copy needs parallel connections"));

        if (reason != NULL)
          return reason;
        if (o->compressed)
          return _("Zero-copy cannot be combined with compression");
        if (o->tls)
          return _("Zero-copy cannot be combined with TLS");
        return NULL;
      }

    case PROP_POSTCOPY_BANDWIDTH:
      return needs (o, PROP_POSTCOPY, o->postcopy,
                    _("Turn on post-copy to limit its bandwidth"));

    case PROP_TIMEOUT:
      /* virsh: "Unexpected timeout for offline migration" without --live. */
      if (o->mode != FERRY_MIGRATION_MODE_LIVE)
        return _("The timeout applies to live migrations only");
      /* virsh has one --timeout: switching after a delay is that timeout. */
      if (o->postcopy_after == FERRY_MIGRATION_POSTCOPY_AFTER_SECONDS)
        return _("Switching to post-copy after a delay already uses the timeout");
      return NULL;

    case PROP_TIMEOUT_ACTION:
      {
        /* virsh: --timeout-postcopy needs --postcopy, and "Unexpected
         * --timeout-* option without --timeout". */
        const char *reason = needs (o, PROP_POSTCOPY, o->postcopy,
                                    _("Turn on post-copy to switch to it on timeout"));

        if (reason == NULL && o->timeout == 0)
          reason = _("Set a timeout first");
        return reason;
      }

    case PROP_PERSISTENT_XML:
      /* virsh: "Option --persistent is required by option --persistent-xml". */
      if (!o->persistent)
        return _("A persistent definition applies only when the VM is made persistent on the destination");
      return NULL;

    default:
      return NULL;
    }
}

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
  const char *scheme;
  const char *host;
  const char *path;
  gboolean disks = kind == DATA_URI_DISKS;

  if (has_control_or_space (uri))
    return g_strdup_printf (disks
                            ? _("The disk migration URI “%s” contains a space or a control character")
                            : _("The migration address “%s” contains a space or a control character"),
                            uri);

  parsed = g_uri_parse (uri, G_URI_FLAGS_NON_DNS, NULL);
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
      if (has_control_or_space (disk) || strchr (disk, ',') != NULL || strchr (disk, '/') != NULL)
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

      if (in_use (&self->o, prop_id))
        {
          const char *reason = conflict (&self->o, prop_id);

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

/* Stand-ins that put an option in use on a copy of the options; never freed,
 * since the copy is thrown away without freeing anything. */
static char placeholder[] = "x";
static char *placeholder_strv[] = { placeholder, NULL };

/* Puts the option in use on @o, with @nick's value for an enum. Returns FALSE
 * for a nick the enum does not have. */
static gboolean
make_used (Options    *o,
           guint       prop_id,
           const char *nick)
{
  GParamSpec *pspec = properties[prop_id];
  int value = -1;

  if (nick != NULL)
    {
      GEnumValue *enum_value;

      if (!G_IS_PARAM_SPEC_ENUM (pspec))
        return FALSE;
      enum_value = g_enum_get_value_by_nick (G_PARAM_SPEC_ENUM (pspec)->enum_class, nick);
      if (enum_value == NULL)
        return FALSE;
      value = enum_value->value;
    }

  switch (prop_id)
    {
    case PROP_MODE:
      if (value >= 0)
        o->mode = value;
      break;
    case PROP_CONNECTIVITY:
      if (value >= 0)
        o->connectivity = value;
      break;
    case PROP_COPY_STORAGE:
      if (value >= 0)
        o->copy_storage = value;
      else if (o->copy_storage == FERRY_MIGRATION_COPY_STORAGE_NONE)
        o->copy_storage = FERRY_MIGRATION_COPY_STORAGE_ALL;
      break;
    case PROP_POSTCOPY_AFTER:
      if (value >= 0)
        o->postcopy_after = value;
      else if (o->postcopy_after == FERRY_MIGRATION_POSTCOPY_AFTER_MANUAL)
        o->postcopy_after = FERRY_MIGRATION_POSTCOPY_AFTER_IMMEDIATELY;
      break;
    case PROP_TIMEOUT_ACTION:
      o->timeout_action = value >= 0 ? (FerryMigrationTimeoutAction)value
                                     : FERRY_MIGRATION_TIMEOUT_ACTION_POSTCOPY;
      break;
    case PROP_DESTINATION_URI:
      o->destination_uri = o->destination_uri ? o->destination_uri : placeholder;
      break;
    case PROP_MIGRATE_URI:
      o->migrate_uri = o->migrate_uri ? o->migrate_uri : placeholder;
      break;
    case PROP_LISTEN_ADDRESS:
      o->listen_address = o->listen_address ? o->listen_address : placeholder;
      break;
    case PROP_NBD_URI:
      o->nbd_uri = o->nbd_uri ? o->nbd_uri : placeholder;
      break;
    case PROP_DESTINATION_NAME:
      o->destination_name = o->destination_name ? o->destination_name : placeholder;
      break;
    case PROP_DESTINATION_XML:
      o->destination_xml = o->destination_xml ? o->destination_xml : placeholder;
      break;
    case PROP_PERSISTENT_XML:
      o->persistent_xml = o->persistent_xml ? o->persistent_xml : placeholder;
      break;
    case PROP_COPY_STORAGE_DISKS:
      o->copy_storage_disks = o->copy_storage_disks ? o->copy_storage_disks : placeholder_strv;
      break;
    case PROP_COMPRESSION_METHODS:
      o->compression_methods = o->compression_methods ? o->compression_methods : placeholder_strv;
      break;
    case PROP_TLS: o->tls = TRUE; break;
    case PROP_PERSISTENT: o->persistent = FALSE; break;
    case PROP_UNDEFINE_SOURCE: o->undefine_source = TRUE; break;
    case PROP_SUSPEND: o->suspend = TRUE; break;
    case PROP_UNSAFE: o->unsafe = TRUE; break;
    case PROP_AUTO_CONVERGE: o->auto_converge = TRUE; break;
    case PROP_COMPRESSED: o->compressed = TRUE; break;
    case PROP_PARALLEL: o->parallel = TRUE; break;
    case PROP_POSTCOPY: o->postcopy = TRUE; break;
    case PROP_ZEROCOPY: o->zerocopy = TRUE; break;
    case PROP_ABORT_ON_ERROR: o->abort_on_error = TRUE; break;
    case PROP_CHANGE_PROTECTION: o->change_protection = TRUE; break;
    case PROP_NBD_PORT: o->nbd_port = MAX (o->nbd_port, 1); break;
    case PROP_PARALLEL_CONNECTIONS: o->parallel_connections = MAX (o->parallel_connections, 1); break;
    case PROP_POSTCOPY_AFTER_SECONDS: o->postcopy_after_seconds = MAX (o->postcopy_after_seconds, 1); break;
    case PROP_BANDWIDTH: o->bandwidth = MAX (o->bandwidth, 1); break;
    case PROP_POSTCOPY_BANDWIDTH: o->postcopy_bandwidth = MAX (o->postcopy_bandwidth, 1); break;
    case PROP_MAX_DOWNTIME: o->max_downtime = MAX (o->max_downtime, 1); break;
    case PROP_TIMEOUT: o->timeout = MAX (o->timeout, 1); break;
    case PROP_AUTO_CONVERGE_INITIAL:
      o->auto_converge_initial = o->auto_converge_initial != -1 ? o->auto_converge_initial : 50;
      break;
    case PROP_AUTO_CONVERGE_INCREMENT:
      o->auto_converge_increment = o->auto_converge_increment != -1 ? o->auto_converge_increment : 10;
      break;
    default:
      return FALSE;
    }
  return TRUE;
}

/**
 * ferry_migration_options_why_disabled:
 * @property: a property name, such as "postcopy"; for an enum property also
 *   "name:nick", such as "connectivity:tunnelled" or "mode:offline"
 *
 * Says whether the option can be used with the others as they are now set.
 * "Used" means turned on for a switch, given a value for a text or a number,
 * set to a value other than the default for copy-storage, postcopy-after and
 * timeout-action, turned off for persistent, and the given value for
 * "name:nick". Plain "mode" and "connectivity" are judged at their current
 * value. Clashes are found from both sides: with zero-copy on, TLS is
 * disabled too.
 *
 * The dialog greys out a row whose option cannot be used and shows the reason.
 * A row that is on but disabled must still let the user turn it off.
 *
 * Returns: (transfer full) (nullable): %NULL when the option can be used, or
 *   why it cannot
 */
char *
ferry_migration_options_why_disabled (FerryMigrationOptions *self,
                                      const char            *property)
{
  g_autofree char *name = NULL;
  const char *nick = NULL;
  GParamSpec *pspec;
  Options probe;
  guint prop_id = 0;
  const char *reason;
  char *colon;

  g_return_val_if_fail (FERRY_IS_MIGRATION_OPTIONS (self), NULL);
  g_return_val_if_fail (property != NULL, NULL);

  name = g_strdup (property);
  colon = strchr (name, ':');
  if (colon != NULL)
    {
      *colon = '\0';
      nick = colon + 1;
    }

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), name);
  g_return_val_if_fail (pspec != NULL, NULL);
  for (guint i = PROP_0 + 1; i < N_PROPS; i++)
    if (properties[i] == pspec)
      prop_id = i;

  probe = self->o;
  if (!make_used (&probe, prop_id, nick))
    g_return_val_if_reached (NULL);

  /* At its default an option clashes with nothing ("copy-storage:none"). */
  reason = in_use (&probe, prop_id) ? conflict (&probe, prop_id) : NULL;
  if (reason != NULL)
    return g_strdup (reason);

  /* A clash listed under another option, which this one would create. */
  for (guint other = PROP_0 + 1; other < N_PROPS; other++)
    {
      if (other == prop_id || !in_use (&probe, other))
        continue;
      reason = conflict (&probe, other);
      if (reason == NULL)
        continue;
      if (in_use (&self->o, other) && g_strcmp0 (conflict (&self->o, other), reason) == 0)
        continue;
      return g_strdup (reason);
    }

  return NULL;
}

/* ------------------------------------------------------------------------ */
/* The equivalent virsh command                                              */
/* ------------------------------------------------------------------------ */

static void
add (GPtrArray  *argv,
     const char *arg)
{
  g_ptr_array_add (argv, g_strdup (arg));
}

static void
add_value (GPtrArray  *argv,
           const char *option,
           const char *value)
{
  add (argv, option);
  add (argv, value);
}

static void
add_number (GPtrArray  *argv,
            const char *option,
            guint64     value)
{
  add (argv, option);
  g_ptr_array_add (argv, g_strdup_printf ("%" G_GUINT64_FORMAT, value));
}

/* virsh takes a list option as one comma-separated word. */
static void
add_list (GPtrArray   *argv,
          const char  *option,
          char       **values)
{
  add (argv, option);
  g_ptr_array_add (argv, g_strjoinv (",", values));
}

static void
add_virsh_start (GPtrArray  *argv,
                 const char *source_uri,
                 const char *command)
{
  add (argv, "virsh");
  if (source_uri != NULL)
    add_value (argv, "-c", source_uri);
  add (argv, command);
}

/* virsh reads a word starting with "-" as an option; "--" ends the options. */
static void
add_positional (GPtrArray  *argv,
                const char *first,
                const char *second)
{
  if (first[0] == '-' || (second != NULL && second[0] == '-'))
    add (argv, "--");
  add (argv, first);
  if (second != NULL)
    add (argv, second);
}

static char **
finish_argv (GPtrArray *argv)
{
  g_ptr_array_add (argv, NULL);
  return (char **)g_ptr_array_free (argv, FALSE);
}

/**
 * ferry_migration_options_to_virsh_argv:
 * @domain_name: the VM's name on the source
 * @source_uri: (nullable): the source connection, or %NULL for virsh's default
 *
 * The `virsh migrate` command that does what these options do, with virsh
 * 9.0's option names. --xml and --persistent-xml read files; the command names
 * them destination.xml and persistent.xml, which the user must write first
 * (ferry_migration_options_to_virsh_command() says so).
 *
 * What the running job does besides (the maximum downtime, switching to
 * post-copy by hand) are separate commands: see
 * ferry_migration_options_to_virsh_command().
 *
 * Returns: (transfer full): the argument vector, starting with "virsh"
 */
char **
ferry_migration_options_to_virsh_argv (FerryMigrationOptions *self,
                                       const char            *domain_name,
                                       const char            *source_uri)
{
  const Options *o;
  GPtrArray *argv;

  g_return_val_if_fail (FERRY_IS_MIGRATION_OPTIONS (self), NULL);
  g_return_val_if_fail (domain_name != NULL, NULL);

  o = &self->o;
  argv = g_ptr_array_new ();
  add_virsh_start (argv, source_uri, "migrate");

  switch (o->mode)
    {
    case FERRY_MIGRATION_MODE_LIVE:
      add (argv, "--live");
      break;
    case FERRY_MIGRATION_MODE_OFFLINE:
      add (argv, "--offline");
      break;
    case FERRY_MIGRATION_MODE_PAUSED:
    default:
      /* Without --live, virsh migrates with the VM paused. */
      break;
    }

  switch (o->connectivity)
    {
    case FERRY_MIGRATION_CONNECTIVITY_PEER_TO_PEER:
      add (argv, "--p2p");
      break;
    case FERRY_MIGRATION_CONNECTIVITY_TUNNELLED:
      add (argv, "--p2p");
      add (argv, "--tunnelled");
      break;
    case FERRY_MIGRATION_CONNECTIVITY_MANAGED_DIRECT:
    default:
      /* virsh itself holds both connections, as Ferry does. */
      break;
    }

  if (o->persistent)
    add (argv, "--persistent");
  if (o->undefine_source)
    add (argv, "--undefinesource");
  if (o->suspend)
    add (argv, "--suspend");

  switch (o->copy_storage)
    {
    case FERRY_MIGRATION_COPY_STORAGE_ALL:
      add (argv, "--copy-storage-all");
      break;
    case FERRY_MIGRATION_COPY_STORAGE_INCREMENTAL:
      add (argv, "--copy-storage-inc");
      break;
    case FERRY_MIGRATION_COPY_STORAGE_NONE:
    default:
      break;
    }
  if (o->copy_storage_disks != NULL)
    add_list (argv, "--migrate-disks", o->copy_storage_disks);
  if (o->nbd_port != 0)
    add_number (argv, "--disks-port", o->nbd_port);
  if (o->nbd_uri != NULL)
    add_value (argv, "--disks-uri", o->nbd_uri);

  if (o->change_protection)
    add (argv, "--change-protection");
  if (o->unsafe)
    add (argv, "--unsafe");
  if (o->compressed)
    add (argv, "--compressed");
  if (o->compression_methods != NULL)
    add_list (argv, "--comp-methods", o->compression_methods);
  if (o->abort_on_error)
    add (argv, "--abort-on-error");

  if (o->auto_converge)
    add (argv, "--auto-converge");
  if (o->auto_converge_initial != -1)
    add_number (argv, "--auto-converge-initial", (guint64)MAX (o->auto_converge_initial, 0));
  if (o->auto_converge_increment != -1)
    add_number (argv, "--auto-converge-increment", (guint64)MAX (o->auto_converge_increment, 0));

  if (o->postcopy)
    add (argv, "--postcopy");
  if (o->postcopy && o->postcopy_after == FERRY_MIGRATION_POSTCOPY_AFTER_IMMEDIATELY)
    add (argv, "--postcopy-after-precopy");
  if (o->postcopy_bandwidth != 0)
    add_number (argv, "--postcopy-bandwidth", o->postcopy_bandwidth);

  if (o->parallel)
    add (argv, "--parallel");
  if (o->parallel_connections != 0)
    add_number (argv, "--parallel-connections", o->parallel_connections);
  if (o->zerocopy)
    add (argv, "--zerocopy");
  if (o->tls)
    add (argv, "--tls");

  if (o->migrate_uri != NULL)
    add_value (argv, "--migrateuri", o->migrate_uri);
  if (o->listen_address != NULL)
    add_value (argv, "--listen-address", o->listen_address);
  if (o->destination_name != NULL)
    add_value (argv, "--dname", o->destination_name);
  if (o->destination_xml != NULL)
    add_value (argv, "--xml", DESTINATION_XML_FILE);
  if (o->persistent_xml != NULL)
    add_value (argv, "--persistent-xml", PERSISTENT_XML_FILE);
  if (o->bandwidth != 0)
    add_number (argv, "--bandwidth", o->bandwidth);

  /* virsh runs the timeout itself; switching to post-copy after a delay is
   * its timeout with the post-copy action. */
  if (o->postcopy && o->postcopy_after == FERRY_MIGRATION_POSTCOPY_AFTER_SECONDS)
    {
      add_number (argv, "--timeout", o->postcopy_after_seconds);
      add (argv, "--timeout-postcopy");
    }
  else if (o->timeout != 0)
    {
      add_number (argv, "--timeout", o->timeout);
      add (argv, o->timeout_action == FERRY_MIGRATION_TIMEOUT_ACTION_POSTCOPY
                 ? "--timeout-postcopy" : "--timeout-suspend");
    }

  /* An empty word stands for a destination not chosen yet. */
  add_positional (argv, domain_name, o->destination_uri ? o->destination_uri : "");

  return finish_argv (argv);
}

/* Characters that mean nothing to a POSIX shell anywhere in a word (the first
 * word, where "=" would make an assignment, is always "virsh"). */
static gboolean
is_shell_safe (const char *word)
{
  if (*word == '\0')
    return FALSE;
  for (const char *p = word; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("_@%+=:,./-", *p) == NULL)
      return FALSE;
  return TRUE;
}

static void
append_quoted (GString    *line,
               const char *word)
{
  if (is_shell_safe (word))
    {
      g_string_append (line, word);
      return;
    }

  /* Inside single quotes every byte stands for itself, newlines included;
   * a single quote closes, escapes one quote, and reopens. */
  g_string_append_c (line, '\'');
  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append (line, "'\\''");
      else
        g_string_append_c (line, *p);
    }
  g_string_append_c (line, '\'');
}

static void
append_command (GString *script,
                char   **argv)
{
  for (guint i = 0; argv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (script, ' ');
      append_quoted (script, argv[i]);
    }
  g_string_append_c (script, '\n');
}

/**
 * ferry_migration_options_to_virsh_command:
 * @domain_name: the VM's name on the source
 * @source_uri: (nullable): the source connection, or %NULL for virsh's default
 *
 * ferry_migration_options_to_virsh_argv() as POSIX shell text the user can
 * copy: every word that needs it is single-quoted. Comment lines first say
 * which XML files to write; after the migrate command come the commands the
 * job runs while migrating (virsh migrate-setmaxdowntime for the maximum
 * downtime, virsh migrate-postcopy when post-copy is switched by hand), and a
 * last comment says to run those from a second terminal during the migration.
 *
 * Returns: (transfer full): the lines, each ending in a newline
 */
char *
ferry_migration_options_to_virsh_command (FerryMigrationOptions *self,
                                          const char            *domain_name,
                                          const char            *source_uri)
{
  g_auto(GStrv) argv = NULL;
  GString *script;
  guint n_during = 0;
  const Options *o;

  g_return_val_if_fail (FERRY_IS_MIGRATION_OPTIONS (self), NULL);
  g_return_val_if_fail (domain_name != NULL, NULL);

  o = &self->o;
  script = g_string_new (NULL);

  if (o->destination_xml != NULL)
    g_string_append_printf (script, "# %s\n",
                            _("First save the destination definition as destination.xml."));
  if (o->persistent_xml != NULL)
    g_string_append_printf (script, "# %s\n",
                            _("First save the persistent definition as persistent.xml."));

  argv = ferry_migration_options_to_virsh_argv (self, domain_name, source_uri);
  append_command (script, argv);

  if (o->max_downtime != 0)
    {
      g_autoptr(GPtrArray) during = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *ms = g_strdup_printf ("%" G_GUINT64_FORMAT, o->max_downtime);

      add_virsh_start (during, source_uri, "migrate-setmaxdowntime");
      add_positional (during, domain_name, ms);
      g_ptr_array_add (during, NULL);
      append_command (script, (char **)during->pdata);
      n_during++;
    }

  if (o->postcopy && o->postcopy_after == FERRY_MIGRATION_POSTCOPY_AFTER_MANUAL)
    {
      g_autoptr(GPtrArray) during = g_ptr_array_new_with_free_func (g_free);

      add_virsh_start (during, source_uri, "migrate-postcopy");
      add_positional (during, domain_name, NULL);
      g_ptr_array_add (during, NULL);
      append_command (script, (char **)during->pdata);
      n_during++;
    }

  if (o->postcopy && o->postcopy_after == FERRY_MIGRATION_POSTCOPY_AFTER_MANUAL)
    g_string_append_printf (script, "# %s\n",
                            _("Run the commands after virsh migrate from a second terminal while the "
                              "migration runs; migrate-postcopy switches to post-copy when you run it."));
  else if (n_during > 0)
    g_string_append_printf (script, "# %s\n",
                            _("Run the last command from a second terminal while the migration runs."));

  return g_string_free (script, FALSE);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */
/* ------------------------------------------------------------------------ */

static void
ferry_migration_options_finalize (GObject *object)
{
  FerryMigrationOptions *self = (FerryMigrationOptions *)object;
  Options *o = &self->o;

  g_clear_pointer (&o->destination_uri, g_free);
  g_clear_pointer (&o->migrate_uri, g_free);
  g_clear_pointer (&o->listen_address, g_free);
  g_clear_pointer (&o->copy_storage_disks, g_strfreev);
  g_clear_pointer (&o->nbd_uri, g_free);
  g_clear_pointer (&o->compression_methods, g_strfreev);
  g_clear_pointer (&o->destination_name, g_free);
  g_clear_pointer (&o->destination_xml, g_free);
  g_clear_pointer (&o->persistent_xml, g_free);

  G_OBJECT_CLASS (ferry_migration_options_parent_class)->finalize (object);
}

static void
ferry_migration_options_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  FerryMigrationOptions *self = FERRY_MIGRATION_OPTIONS (object);
  const Options *o = &self->o;

  switch (prop_id)
    {
    case PROP_MODE: g_value_set_enum (value, o->mode); break;
    case PROP_CONNECTIVITY: g_value_set_enum (value, o->connectivity); break;
    case PROP_DESTINATION_URI: g_value_set_string (value, o->destination_uri); break;
    case PROP_MIGRATE_URI: g_value_set_string (value, o->migrate_uri); break;
    case PROP_LISTEN_ADDRESS: g_value_set_string (value, o->listen_address); break;
    case PROP_TLS: g_value_set_boolean (value, o->tls); break;
    case PROP_PERSISTENT: g_value_set_boolean (value, o->persistent); break;
    case PROP_UNDEFINE_SOURCE: g_value_set_boolean (value, o->undefine_source); break;
    case PROP_SUSPEND: g_value_set_boolean (value, o->suspend); break;
    case PROP_COPY_STORAGE: g_value_set_enum (value, o->copy_storage); break;
    case PROP_COPY_STORAGE_DISKS: g_value_set_boxed (value, o->copy_storage_disks); break;
    case PROP_NBD_PORT: g_value_set_uint (value, o->nbd_port); break;
    case PROP_NBD_URI: g_value_set_string (value, o->nbd_uri); break;
    case PROP_UNSAFE: g_value_set_boolean (value, o->unsafe); break;
    case PROP_AUTO_CONVERGE: g_value_set_boolean (value, o->auto_converge); break;
    case PROP_AUTO_CONVERGE_INITIAL: g_value_set_int (value, o->auto_converge_initial); break;
    case PROP_AUTO_CONVERGE_INCREMENT: g_value_set_int (value, o->auto_converge_increment); break;
    case PROP_COMPRESSED: g_value_set_boolean (value, o->compressed); break;
    case PROP_COMPRESSION_METHODS: g_value_set_boxed (value, o->compression_methods); break;
    case PROP_PARALLEL: g_value_set_boolean (value, o->parallel); break;
    case PROP_PARALLEL_CONNECTIONS: g_value_set_uint (value, o->parallel_connections); break;
    case PROP_POSTCOPY: g_value_set_boolean (value, o->postcopy); break;
    case PROP_POSTCOPY_AFTER: g_value_set_enum (value, o->postcopy_after); break;
    case PROP_POSTCOPY_AFTER_SECONDS: g_value_set_uint (value, o->postcopy_after_seconds); break;
    case PROP_ZEROCOPY: g_value_set_boolean (value, o->zerocopy); break;
    case PROP_BANDWIDTH: g_value_set_uint64 (value, o->bandwidth); break;
    case PROP_POSTCOPY_BANDWIDTH: g_value_set_uint64 (value, o->postcopy_bandwidth); break;
    case PROP_MAX_DOWNTIME: g_value_set_uint64 (value, o->max_downtime); break;
    case PROP_TIMEOUT: g_value_set_uint (value, o->timeout); break;
    case PROP_TIMEOUT_ACTION: g_value_set_enum (value, o->timeout_action); break;
    case PROP_DESTINATION_NAME: g_value_set_string (value, o->destination_name); break;
    case PROP_DESTINATION_XML: g_value_set_string (value, o->destination_xml); break;
    case PROP_PERSISTENT_XML: g_value_set_string (value, o->persistent_xml); break;
    case PROP_ABORT_ON_ERROR: g_value_set_boolean (value, o->abort_on_error); break;
    case PROP_CHANGE_PROTECTION: g_value_set_boolean (value, o->change_protection); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
notify (FerryMigrationOptions *self,
        guint                  prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* Text fields bound to entries hand over "" for nothing: store it as NULL, so
 * that "set" always means "has a value". */
static void
set_string (FerryMigrationOptions  *self,
            char                  **field,
            const char             *value,
            guint                   prop_id)
{
  g_return_if_fail (value == NULL || g_utf8_validate (value, -1, NULL));

  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  notify (self, prop_id);
}

static void
set_strv (FerryMigrationOptions  *self,
          char                 ***field,
          const char * const     *value,
          guint                   prop_id)
{
  if (value != NULL && value[0] == NULL)
    value = NULL;
  if (*field == NULL && value == NULL)
    return;
  if (*field != NULL && value != NULL && g_strv_equal ((const char * const *)*field, value))
    return;
  g_strfreev (*field);
  *field = g_strdupv ((char **)value);
  notify (self, prop_id);
}

static void
set_boolean (FerryMigrationOptions *self,
             gboolean              *field,
             gboolean               value,
             guint                  prop_id)
{
  value = !!value;
  if (*field == value)
    return;
  *field = value;
  notify (self, prop_id);
}

static void
set_uint (FerryMigrationOptions *self,
          guint                 *field,
          guint                  value,
          guint                  prop_id)
{
  if (*field == value)
    return;
  *field = value;
  notify (self, prop_id);
}

static void
set_int (FerryMigrationOptions *self,
         int                   *field,
         int                    value,
         guint                  prop_id)
{
  if (*field == value)
    return;
  *field = value;
  notify (self, prop_id);
}

static void
set_uint64 (FerryMigrationOptions *self,
            guint64               *field,
            guint64                value,
            guint                  prop_id)
{
  if (*field == value)
    return;
  *field = value;
  notify (self, prop_id);
}

static void
ferry_migration_options_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  FerryMigrationOptions *self = FERRY_MIGRATION_OPTIONS (object);
  Options *o = &self->o;

  switch (prop_id)
    {
    case PROP_MODE:
      ferry_migration_options_set_mode (self, g_value_get_enum (value));
      break;
    case PROP_CONNECTIVITY:
      ferry_migration_options_set_connectivity (self, g_value_get_enum (value));
      break;
    case PROP_COPY_STORAGE:
      ferry_migration_options_set_copy_storage (self, g_value_get_enum (value));
      break;
    case PROP_POSTCOPY_AFTER:
      ferry_migration_options_set_postcopy_after (self, g_value_get_enum (value));
      break;
    case PROP_TIMEOUT_ACTION:
      ferry_migration_options_set_timeout_action (self, g_value_get_enum (value));
      break;
    case PROP_DESTINATION_URI: set_string (self, &o->destination_uri, g_value_get_string (value), prop_id); break;
    case PROP_MIGRATE_URI: set_string (self, &o->migrate_uri, g_value_get_string (value), prop_id); break;
    case PROP_LISTEN_ADDRESS: set_string (self, &o->listen_address, g_value_get_string (value), prop_id); break;
    case PROP_NBD_URI: set_string (self, &o->nbd_uri, g_value_get_string (value), prop_id); break;
    case PROP_DESTINATION_NAME: set_string (self, &o->destination_name, g_value_get_string (value), prop_id); break;
    case PROP_DESTINATION_XML: set_string (self, &o->destination_xml, g_value_get_string (value), prop_id); break;
    case PROP_PERSISTENT_XML: set_string (self, &o->persistent_xml, g_value_get_string (value), prop_id); break;
    case PROP_COPY_STORAGE_DISKS: set_strv (self, &o->copy_storage_disks, g_value_get_boxed (value), prop_id); break;
    case PROP_COMPRESSION_METHODS: set_strv (self, &o->compression_methods, g_value_get_boxed (value), prop_id); break;
    case PROP_TLS: set_boolean (self, &o->tls, g_value_get_boolean (value), prop_id); break;
    case PROP_PERSISTENT: set_boolean (self, &o->persistent, g_value_get_boolean (value), prop_id); break;
    case PROP_UNDEFINE_SOURCE: set_boolean (self, &o->undefine_source, g_value_get_boolean (value), prop_id); break;
    case PROP_SUSPEND: set_boolean (self, &o->suspend, g_value_get_boolean (value), prop_id); break;
    case PROP_UNSAFE: set_boolean (self, &o->unsafe, g_value_get_boolean (value), prop_id); break;
    case PROP_AUTO_CONVERGE: set_boolean (self, &o->auto_converge, g_value_get_boolean (value), prop_id); break;
    case PROP_COMPRESSED: set_boolean (self, &o->compressed, g_value_get_boolean (value), prop_id); break;
    case PROP_PARALLEL: set_boolean (self, &o->parallel, g_value_get_boolean (value), prop_id); break;
    case PROP_POSTCOPY: set_boolean (self, &o->postcopy, g_value_get_boolean (value), prop_id); break;
    case PROP_ZEROCOPY: set_boolean (self, &o->zerocopy, g_value_get_boolean (value), prop_id); break;
    case PROP_ABORT_ON_ERROR: set_boolean (self, &o->abort_on_error, g_value_get_boolean (value), prop_id); break;
    case PROP_CHANGE_PROTECTION: set_boolean (self, &o->change_protection, g_value_get_boolean (value), prop_id); break;
    case PROP_NBD_PORT: set_uint (self, &o->nbd_port, g_value_get_uint (value), prop_id); break;
    case PROP_PARALLEL_CONNECTIONS: set_uint (self, &o->parallel_connections, g_value_get_uint (value), prop_id); break;
    case PROP_POSTCOPY_AFTER_SECONDS: set_uint (self, &o->postcopy_after_seconds, g_value_get_uint (value), prop_id); break;
    case PROP_TIMEOUT: set_uint (self, &o->timeout, g_value_get_uint (value), prop_id); break;
    case PROP_AUTO_CONVERGE_INITIAL: set_int (self, &o->auto_converge_initial, g_value_get_int (value), prop_id); break;
    case PROP_AUTO_CONVERGE_INCREMENT: set_int (self, &o->auto_converge_increment, g_value_get_int (value), prop_id); break;
    case PROP_BANDWIDTH: set_uint64 (self, &o->bandwidth, g_value_get_uint64 (value), prop_id); break;
    case PROP_POSTCOPY_BANDWIDTH: set_uint64 (self, &o->postcopy_bandwidth, g_value_get_uint64 (value), prop_id); break;
    case PROP_MAX_DOWNTIME: set_uint64 (self, &o->max_downtime, g_value_get_uint64 (value), prop_id); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_migration_options_class_init (FerryMigrationOptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ferry_migration_options_finalize;
  object_class->get_property = ferry_migration_options_get_property;
  object_class->set_property = ferry_migration_options_set_property;

  /* Numbers take any value their type holds: validate() explains a wrong one
   * in a sentence, where a narrow GParamSpec range would only warn. */
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, FERRY_TYPE_MIGRATION_MODE,
                       FERRY_MIGRATION_MODE_LIVE, rw);
  properties[PROP_CONNECTIVITY] =
    g_param_spec_enum ("connectivity", NULL, NULL, FERRY_TYPE_MIGRATION_CONNECTIVITY,
                       FERRY_MIGRATION_CONNECTIVITY_MANAGED_DIRECT, rw);
  properties[PROP_DESTINATION_URI] = g_param_spec_string ("destination-uri", NULL, NULL, NULL, rw);
  /* The data channel, such as tcp://10.0.0.2:49152. */
  properties[PROP_MIGRATE_URI] = g_param_spec_string ("migrate-uri", NULL, NULL, NULL, rw);
  properties[PROP_LISTEN_ADDRESS] = g_param_spec_string ("listen-address", NULL, NULL, NULL, rw);
  properties[PROP_TLS] = g_param_spec_boolean ("tls", NULL, NULL, FALSE, rw);
  properties[PROP_PERSISTENT] = g_param_spec_boolean ("persistent", NULL, NULL, TRUE, rw);
  properties[PROP_UNDEFINE_SOURCE] = g_param_spec_boolean ("undefine-source", NULL, NULL, TRUE, rw);
  /* Leave the VM paused on the destination (VIR_MIGRATE_PAUSED). */
  properties[PROP_SUSPEND] = g_param_spec_boolean ("suspend", NULL, NULL, FALSE, rw);
  properties[PROP_COPY_STORAGE] =
    g_param_spec_enum ("copy-storage", NULL, NULL, FERRY_TYPE_MIGRATION_COPY_STORAGE,
                       FERRY_MIGRATION_COPY_STORAGE_NONE, rw);
  /* Target devices (vda…); none means every non-shared writable disk. */
  properties[PROP_COPY_STORAGE_DISKS] =
    g_param_spec_boxed ("copy-storage-disks", NULL, NULL, G_TYPE_STRV, rw);
  /* 0 lets libvirt choose. */
  properties[PROP_NBD_PORT] = g_param_spec_uint ("nbd-port", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_NBD_URI] = g_param_spec_string ("nbd-uri", NULL, NULL, NULL, rw);
  properties[PROP_UNSAFE] = g_param_spec_boolean ("unsafe", NULL, NULL, FALSE, rw);
  properties[PROP_AUTO_CONVERGE] = g_param_spec_boolean ("auto-converge", NULL, NULL, FALSE, rw);
  /* Percent; -1 leaves QEMU's default. */
  properties[PROP_AUTO_CONVERGE_INITIAL] =
    g_param_spec_int ("auto-converge-initial", NULL, NULL, G_MININT, G_MAXINT, -1, rw);
  properties[PROP_AUTO_CONVERGE_INCREMENT] =
    g_param_spec_int ("auto-converge-increment", NULL, NULL, G_MININT, G_MAXINT, -1, rw);
  properties[PROP_COMPRESSED] = g_param_spec_boolean ("compressed", NULL, NULL, FALSE, rw);
  /* Some of xbzrle, mt, zlib, zstd; none means libvirt's default. */
  properties[PROP_COMPRESSION_METHODS] =
    g_param_spec_boxed ("compression-methods", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_PARALLEL] = g_param_spec_boolean ("parallel", NULL, NULL, FALSE, rw);
  /* 0 leaves QEMU's default (2). */
  properties[PROP_PARALLEL_CONNECTIONS] =
    g_param_spec_uint ("parallel-connections", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_POSTCOPY] = g_param_spec_boolean ("postcopy", NULL, NULL, FALSE, rw);
  properties[PROP_POSTCOPY_AFTER] =
    g_param_spec_enum ("postcopy-after", NULL, NULL, FERRY_TYPE_MIGRATION_POSTCOPY_AFTER,
                       FERRY_MIGRATION_POSTCOPY_AFTER_MANUAL, rw);
  properties[PROP_POSTCOPY_AFTER_SECONDS] =
    g_param_spec_uint ("postcopy-after-seconds", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_ZEROCOPY] = g_param_spec_boolean ("zerocopy", NULL, NULL, FALSE, rw);
  /* MiB/s, as libvirt takes them; 0 is no limit. */
  properties[PROP_BANDWIDTH] =
    g_param_spec_uint64 ("bandwidth", NULL, NULL, 0, G_MAXUINT64, 0, rw);
  properties[PROP_POSTCOPY_BANDWIDTH] =
    g_param_spec_uint64 ("postcopy-bandwidth", NULL, NULL, 0, G_MAXUINT64, 0, rw);
  /* Milliseconds; 0 leaves QEMU's default. Applied by the running job. */
  properties[PROP_MAX_DOWNTIME] =
    g_param_spec_uint64 ("max-downtime", NULL, NULL, 0, G_MAXUINT64, 0, rw);
  /* Seconds; 0 is none. Applied by the running job. */
  properties[PROP_TIMEOUT] = g_param_spec_uint ("timeout", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_TIMEOUT_ACTION] =
    g_param_spec_enum ("timeout-action", NULL, NULL, FERRY_TYPE_MIGRATION_TIMEOUT_ACTION,
                       FERRY_MIGRATION_TIMEOUT_ACTION_SUSPEND, rw);
  properties[PROP_DESTINATION_NAME] = g_param_spec_string ("destination-name", NULL, NULL, NULL, rw);
  properties[PROP_DESTINATION_XML] = g_param_spec_string ("destination-xml", NULL, NULL, NULL, rw);
  properties[PROP_PERSISTENT_XML] = g_param_spec_string ("persistent-xml", NULL, NULL, NULL, rw);
  properties[PROP_ABORT_ON_ERROR] = g_param_spec_boolean ("abort-on-error", NULL, NULL, FALSE, rw);
  properties[PROP_CHANGE_PROTECTION] =
    g_param_spec_boolean ("change-protection", NULL, NULL, FALSE, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_migration_options_init (FerryMigrationOptions *self)
{
  self->o.persistent = TRUE;
  self->o.undefine_source = TRUE;
  self->o.auto_converge_initial = -1;
  self->o.auto_converge_increment = -1;
}

FerryMigrationOptions *
ferry_migration_options_new (void)
{
  return g_object_new (FERRY_TYPE_MIGRATION_OPTIONS, NULL);
}

/* ------------------------------------------------------------------------ */
/* Accessors                                                                 */
/* ------------------------------------------------------------------------ */

#define GETTER(type, name, fallback)                                          \
  type                                                                        \
  ferry_migration_options_get_##name (FerryMigrationOptions *self)            \
  {                                                                           \
    g_return_val_if_fail (FERRY_IS_MIGRATION_OPTIONS (self), fallback);       \
    return self->o.name;                                                      \
  }

GETTER (FerryMigrationMode, mode, FERRY_MIGRATION_MODE_LIVE)
GETTER (FerryMigrationConnectivity, connectivity, FERRY_MIGRATION_CONNECTIVITY_MANAGED_DIRECT)
GETTER (const char *, destination_uri, NULL)
GETTER (const char *, migrate_uri, NULL)
GETTER (const char *, listen_address, NULL)
GETTER (gboolean, tls, FALSE)
GETTER (gboolean, persistent, FALSE)
GETTER (gboolean, undefine_source, FALSE)
GETTER (gboolean, suspend, FALSE)
GETTER (FerryMigrationCopyStorage, copy_storage, FERRY_MIGRATION_COPY_STORAGE_NONE)
GETTER (guint, nbd_port, 0)
GETTER (const char *, nbd_uri, NULL)
GETTER (gboolean, unsafe, FALSE)
GETTER (gboolean, auto_converge, FALSE)
GETTER (int, auto_converge_initial, -1)
GETTER (int, auto_converge_increment, -1)
GETTER (gboolean, compressed, FALSE)
GETTER (gboolean, parallel, FALSE)
GETTER (guint, parallel_connections, 0)
GETTER (gboolean, postcopy, FALSE)
GETTER (FerryMigrationPostcopyAfter, postcopy_after, FERRY_MIGRATION_POSTCOPY_AFTER_MANUAL)
GETTER (guint, postcopy_after_seconds, 0)
GETTER (gboolean, zerocopy, FALSE)
GETTER (guint64, bandwidth, 0)
GETTER (guint64, postcopy_bandwidth, 0)
GETTER (guint64, max_downtime, 0)
GETTER (guint, timeout, 0)
GETTER (FerryMigrationTimeoutAction, timeout_action, FERRY_MIGRATION_TIMEOUT_ACTION_SUSPEND)
GETTER (const char *, destination_name, NULL)
GETTER (const char *, destination_xml, NULL)
GETTER (const char *, persistent_xml, NULL)
GETTER (gboolean, abort_on_error, FALSE)
GETTER (gboolean, change_protection, FALSE)

#undef GETTER

/**
 * ferry_migration_options_get_copy_storage_disks:
 *
 * Returns: (nullable) (transfer none): the disks to copy, or %NULL for all
 */
const char * const *
ferry_migration_options_get_copy_storage_disks (FerryMigrationOptions *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_OPTIONS (self), NULL);
  return (const char * const *)self->o.copy_storage_disks;
}

/**
 * ferry_migration_options_get_compression_methods:
 *
 * Returns: (nullable) (transfer none): the methods, or %NULL for libvirt's default
 */
const char * const *
ferry_migration_options_get_compression_methods (FerryMigrationOptions *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_OPTIONS (self), NULL);
  return (const char * const *)self->o.compression_methods;
}

/* Each setter stores the value and notifies only when it changed. */
#define SETTER(kind, type, name, prop_id)                                     \
  void                                                                        \
  ferry_migration_options_set_##name (FerryMigrationOptions *self,            \
                                      type                   value)           \
  {                                                                           \
    g_return_if_fail (FERRY_IS_MIGRATION_OPTIONS (self));                     \
    set_##kind (self, &self->o.name, value, prop_id);                         \
  }

SETTER (string, const char *, destination_uri, PROP_DESTINATION_URI)
SETTER (string, const char *, migrate_uri, PROP_MIGRATE_URI)
SETTER (string, const char *, listen_address, PROP_LISTEN_ADDRESS)
SETTER (string, const char *, nbd_uri, PROP_NBD_URI)
SETTER (string, const char *, destination_name, PROP_DESTINATION_NAME)
SETTER (string, const char *, destination_xml, PROP_DESTINATION_XML)
SETTER (string, const char *, persistent_xml, PROP_PERSISTENT_XML)
SETTER (strv, const char * const *, copy_storage_disks, PROP_COPY_STORAGE_DISKS)
SETTER (strv, const char * const *, compression_methods, PROP_COMPRESSION_METHODS)
SETTER (boolean, gboolean, tls, PROP_TLS)
SETTER (boolean, gboolean, persistent, PROP_PERSISTENT)
SETTER (boolean, gboolean, undefine_source, PROP_UNDEFINE_SOURCE)
SETTER (boolean, gboolean, suspend, PROP_SUSPEND)
SETTER (boolean, gboolean, unsafe, PROP_UNSAFE)
SETTER (boolean, gboolean, auto_converge, PROP_AUTO_CONVERGE)
SETTER (boolean, gboolean, compressed, PROP_COMPRESSED)
SETTER (boolean, gboolean, parallel, PROP_PARALLEL)
SETTER (boolean, gboolean, postcopy, PROP_POSTCOPY)
SETTER (boolean, gboolean, zerocopy, PROP_ZEROCOPY)
SETTER (boolean, gboolean, abort_on_error, PROP_ABORT_ON_ERROR)
SETTER (boolean, gboolean, change_protection, PROP_CHANGE_PROTECTION)
SETTER (uint, guint, nbd_port, PROP_NBD_PORT)
SETTER (uint, guint, parallel_connections, PROP_PARALLEL_CONNECTIONS)
SETTER (uint, guint, postcopy_after_seconds, PROP_POSTCOPY_AFTER_SECONDS)
SETTER (uint, guint, timeout, PROP_TIMEOUT)
SETTER (int, int, auto_converge_initial, PROP_AUTO_CONVERGE_INITIAL)
SETTER (int, int, auto_converge_increment, PROP_AUTO_CONVERGE_INCREMENT)
SETTER (uint64, guint64, bandwidth, PROP_BANDWIDTH)
SETTER (uint64, guint64, postcopy_bandwidth, PROP_POSTCOPY_BANDWIDTH)
SETTER (uint64, guint64, max_downtime, PROP_MAX_DOWNTIME)

#undef SETTER

/* Enum fields have their own types, so each gets its own setter; a value the
 * enum does not have is a programming error. */
#define ENUM_SETTER(type, name, prop_id)                                      \
  void                                                                        \
  ferry_migration_options_set_##name (FerryMigrationOptions *self,            \
                                      type                   value)           \
  {                                                                           \
    GEnumClass *enum_class;                                                   \
                                                                              \
    g_return_if_fail (FERRY_IS_MIGRATION_OPTIONS (self));                     \
    enum_class = G_PARAM_SPEC_ENUM (properties[prop_id])->enum_class;         \
    g_return_if_fail (g_enum_get_value (enum_class, (int)value) != NULL);     \
                                                                              \
    if (self->o.name == value)                                                \
      return;                                                                 \
    self->o.name = value;                                                     \
    notify (self, prop_id);                                                   \
  }

ENUM_SETTER (FerryMigrationMode, mode, PROP_MODE)
ENUM_SETTER (FerryMigrationConnectivity, connectivity, PROP_CONNECTIVITY)
ENUM_SETTER (FerryMigrationCopyStorage, copy_storage, PROP_COPY_STORAGE)
ENUM_SETTER (FerryMigrationPostcopyAfter, postcopy_after, PROP_POSTCOPY_AFTER)
ENUM_SETTER (FerryMigrationTimeoutAction, timeout_action, PROP_TIMEOUT_ACTION)

#undef ENUM_SETTER
