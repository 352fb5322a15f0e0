/* ferry-migrate-options.c — ferry-migrate's options, named like virsh
 * migrate's, turned into a FerryMigrationOptions (which validates them and
 * translates them for libvirt, exactly as the Migrate dialog does).
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-migrate-options.h"

#define FLAG(name, field, help) \
  { name, 0, 0, G_OPTION_ARG_NONE, &cli->field, help, NULL }
#define VALUE(name, kind, field, help, arg) \
  { name, 0, 0, kind, &cli->field, help, arg }

GOptionContext *
ferry_migrate_cli_context (FerryMigrateCli *cli)
{
  const GOptionEntry entries[] = {
    FLAG ("live", live, "Live migration (the VM keeps running)"),
    FLAG ("offline", offline, "Offline migration: move the definition only"),
    FLAG ("p2p", p2p, "Peer-to-peer: the source host connects to the destination"),
    FLAG ("tunnelled", tunnelled, "Tunnel the data through libvirtd (implies --p2p)"),
    FLAG ("persistent", persistent, "Keep the VM defined on the destination"),
    FLAG ("undefinesource", undefinesource, "Undefine the VM on the source afterwards"),
    FLAG ("suspend", suspend, "Leave the VM paused on the destination"),
    FLAG ("copy-storage-all", copy_storage_all, "Copy non-shared disks completely"),
    FLAG ("copy-storage-inc", copy_storage_inc, "Copy non-shared disks incrementally"),
    VALUE ("migrate-disks", G_OPTION_ARG_STRING, migrate_disks, "Copy only these disks", "vda,vdb"),
    VALUE ("disks-port", G_OPTION_ARG_INT, disks_port, "Port for disk copies (NBD)", "PORT"),
    VALUE ("disks-uri", G_OPTION_ARG_STRING, disks_uri, "URI for disk copies (NBD)", "URI"),
    FLAG ("unsafe", unsafe, "Migrate even if libvirt considers it unsafe"),
    FLAG ("auto-converge", auto_converge, "Throttle the guest's CPUs until it converges"),
    VALUE ("auto-converge-initial", G_OPTION_ARG_INT, auto_converge_initial, "Initial throttle %", "N"),
    VALUE ("auto-converge-increment", G_OPTION_ARG_INT, auto_converge_increment, "Throttle step %", "N"),
    FLAG ("compressed", compressed, "Compress the data"),
    VALUE ("comp-methods", G_OPTION_ARG_STRING, comp_methods, "Compression methods", "xbzrle,mt,zlib,zstd"),
    FLAG ("parallel", parallel, "Use several connections for the data"),
    VALUE ("parallel-connections", G_OPTION_ARG_INT, parallel_connections, "How many", "N"),
    FLAG ("postcopy", postcopy, "Allow switching to post-copy"),
    FLAG ("postcopy-after-precopy", postcopy_after_precopy, "Switch to post-copy right away"),
    VALUE ("postcopy-after", G_OPTION_ARG_INT, postcopy_after, "Switch to post-copy after N seconds", "N"),
    VALUE ("postcopy-bandwidth", G_OPTION_ARG_INT64, postcopy_bandwidth, "Post-copy bandwidth", "MiB/s"),
    VALUE ("bandwidth", G_OPTION_ARG_INT64, bandwidth, "Bandwidth limit", "MiB/s"),
    VALUE ("max-downtime", G_OPTION_ARG_INT64, max_downtime, "Maximum downtime", "MS"),
    VALUE ("timeout", G_OPTION_ARG_INT, timeout, "Act after this many seconds", "N"),
    FLAG ("timeout-suspend", timeout_suspend, "On timeout, pause the VM to finish"),
    FLAG ("timeout-postcopy", timeout_postcopy, "On timeout, switch to post-copy"),
    VALUE ("migrateuri", G_OPTION_ARG_STRING, migrateuri, "Data connection URI", "tcp://HOST:PORT"),
    VALUE ("listen-address", G_OPTION_ARG_STRING, listen_address, "Destination listen address", "ADDR"),
    VALUE ("dname", G_OPTION_ARG_STRING, dname, "Name on the destination", "NAME"),
    FLAG ("tls", tls, "Encrypt the data with TLS"),
    FLAG ("zerocopy", zerocopy, "Zero-copy sends (with --parallel)"),
    FLAG ("abort-on-error", abort_on_error, "Abort on I/O errors"),
    FLAG ("change-protection", change_protection, "Forbid changes to the VM while it moves"),
    VALUE ("stall-timeout", G_OPTION_ARG_INT, stall_timeout, "Report a stall after N seconds", "N"),
    FLAG ("check", check, "Run the readiness checks instead of migrating: one line per result "
          "(severity, id, title); exit status 1 while a blocker remains"),
    FLAG ("json", json, "With --check: print the results as a JSON array"),
    VALUE ("fix", G_OPTION_ARG_STRING, fix, "With --check: carry out these host fixes for every result "
           "that offers one, then check again", "FIX-ID,…"),
    VALUE ("move-storage", G_OPTION_ARG_STRING, move_storage,
           "Instead of migrating, move these disks into another storage pool of the same "
           "host (live for a running VM, by cloning for a shut-off one); arguments: VM URI",
           "DISK[,DISK…]=POOL"),
    VALUE ("format", G_OPTION_ARG_STRING, format,
           "With --move-storage: the copies' format (default: keep each disk's)", "qcow2|raw"),
    FLAG ("attach", attach,
          "Follow a migration of VM already running on SOURCE-URI (started by a Ferry that "
          "ended, or by virsh) instead of starting one; arguments: VM SOURCE-URI [DESTINATION-URI]"),
    FLAG ("recover", recover,
          "Recover a post-copy migration of VM that broke off (the link failed), to the same "
          "destination, with the options it ran with; arguments: VM SOURCE-URI DESTINATION-URI"),
    FLAG ("print-virsh", print_virsh, "Print the equivalent virsh command and exit"),
    FLAG ("quiet", quiet, "No progress lines"),
    FLAG ("commands", commands,
          "Read commands while migrating from standard input, one per line: "
          "bandwidth MIB, downtime MS, postcopy, cancel"),
    { NULL }
  };
  GOptionContext *context = g_option_context_new ("VM SOURCE-URI DESTINATION-URI\n"
                                                  "  ferry-migrate --attach VM SOURCE-URI [DESTINATION-URI]\n"
                                                  "  ferry-migrate --recover [OPTIONS] VM SOURCE-URI DESTINATION-URI\n"
                                                  "  ferry-migrate --move-storage DISK[,DISK…]=POOL [--format qcow2|raw] VM URI");

  g_option_context_set_summary (context,
    "Migrate a libvirt VM with Ferry's engine. Progress goes to stderr, a JSON summary to "
    "stdout; the exit status is 0 only when the VM ended where asked.\n\n"
    "With --move-storage, the VM stays on its host and the disks move into POOL: --bandwidth "
    "limits the live copy, --check only runs the checks, Ctrl+C cancels (the VM keeps its "
    "original disks). The exit status is 0 only when every disk moved.");
  g_option_context_add_main_entries (context, entries, NULL);
  return context;
}

/* Sets @property from text, whatever its type: booleans, numbers, strings,
 * enums by nick and string lists (comma separated). */
static gboolean
set (GObject     *object,
     const char  *property,
     const char  *text,
     GError     **error)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_auto(GValue) value = G_VALUE_INIT;

  if (pspec == NULL)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_FAILED, "no option property %s", property);
      return FALSE;
    }
  g_value_init (&value, pspec->value_type);
  if (G_IS_PARAM_SPEC_ENUM (pspec))
    {
      GEnumValue *v = g_enum_get_value_by_nick (G_PARAM_SPEC_ENUM (pspec)->enum_class, text);

      if (v == NULL)
        {
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_FAILED, "%s: no value %s", property, text);
          return FALSE;
        }
      g_value_set_enum (&value, v->value);
    }
  else if (pspec->value_type == G_TYPE_STRV)
    {
      g_auto(GStrv) list = g_strsplit (text, ",", -1);

      g_value_set_boxed (&value, list);
    }
  else
    {
      g_auto(GValue) string = G_VALUE_INIT;

      g_value_init (&string, G_TYPE_STRING);
      g_value_set_string (&string, text);
      if (pspec->value_type == G_TYPE_BOOLEAN)
        g_value_set_boolean (&value, g_str_equal (text, "true"));
      else if (!g_value_transform (&string, &value))
        {
          guint64 n = g_ascii_strtoull (text, NULL, 10);

          if (pspec->value_type == G_TYPE_UINT)
            g_value_set_uint (&value, (guint)MIN (n, G_MAXUINT));
          else if (pspec->value_type == G_TYPE_INT)
            g_value_set_int (&value, (int)g_ascii_strtoll (text, NULL, 10));
          else if (pspec->value_type == G_TYPE_UINT64)
            g_value_set_uint64 (&value, n);
          else if (pspec->value_type == G_TYPE_INT64)
            g_value_set_int64 (&value, g_ascii_strtoll (text, NULL, 10));
          else
            {
              g_set_error (error, FERRY_ERROR, FERRY_ERROR_FAILED, "%s: unsupported type", property);
              return FALSE;
            }
        }
    }
  g_object_set_property (object, property, &value);
  return TRUE;
}

#define SET(prop, text) G_STMT_START { if (!set (G_OBJECT (o), prop, text, error)) return NULL; } G_STMT_END
#define SET_BOOL(prop, flag) SET (prop, (flag) ? "true" : "false")
#define SET_NUM(prop, n) G_STMT_START { g_autofree char *t_ = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)(n)); SET (prop, t_); } G_STMT_END

/**
 * ferry_migrate_cli_options:
 *
 * Returns: (transfer full): options for what was given on the command line;
 *   validation happens later, with the same rules as the dialog's
 */
FerryMigrationOptions *
ferry_migrate_cli_options (FerryMigrateCli  *cli,
                           const char       *destination_uri,
                           GError          **error)
{
  g_autoptr(FerryMigrationOptions) o = ferry_migration_options_new ();

  /* virsh's defaults: neither live nor persistent unless asked. */
  SET ("mode", cli->offline ? "offline" : cli->live || cli->recover ? "live" : "paused");
  SET ("connectivity", cli->tunnelled ? "tunnelled" : cli->p2p ? "peer-to-peer" : "managed-direct");
  SET ("destination-uri", destination_uri);
  SET_BOOL ("persistent", cli->persistent);
  SET_BOOL ("undefine-source", cli->undefinesource);
  SET_BOOL ("suspend", cli->suspend);
  SET ("copy-storage", cli->copy_storage_all ? "all" : cli->copy_storage_inc ? "incremental" : "none");
  if (cli->migrate_disks)
    SET ("copy-storage-disks", cli->migrate_disks);
  if (cli->disks_port)
    SET_NUM ("nbd-port", cli->disks_port);
  if (cli->disks_uri)
    SET ("nbd-uri", cli->disks_uri);
  SET_BOOL ("unsafe", cli->unsafe);
  SET_BOOL ("auto-converge", cli->auto_converge);
  if (cli->auto_converge_initial)
    SET_NUM ("auto-converge-initial", cli->auto_converge_initial);
  if (cli->auto_converge_increment)
    SET_NUM ("auto-converge-increment", cli->auto_converge_increment);
  SET_BOOL ("compressed", cli->compressed || cli->comp_methods != NULL);
  if (cli->comp_methods)
    SET ("compression-methods", cli->comp_methods);
  SET_BOOL ("parallel", cli->parallel);
  if (cli->parallel_connections)
    SET_NUM ("parallel-connections", cli->parallel_connections);
  SET_BOOL ("postcopy", cli->postcopy || cli->recover || cli->postcopy_after_precopy || cli->postcopy_after > 0);
  if (cli->postcopy_after_precopy)
    SET ("postcopy-after", "immediately");
  else if (cli->postcopy_after > 0)
    {
      SET ("postcopy-after", "after-seconds");
      SET_NUM ("postcopy-after-seconds", cli->postcopy_after);
    }
  if (cli->postcopy_bandwidth)
    SET_NUM ("postcopy-bandwidth", cli->postcopy_bandwidth);
  if (cli->bandwidth)
    SET_NUM ("bandwidth", cli->bandwidth);
  if (cli->max_downtime)
    SET_NUM ("max-downtime", cli->max_downtime);
  if (cli->timeout)
    {
      SET_NUM ("timeout", cli->timeout);
      SET ("timeout-action", cli->timeout_postcopy ? "postcopy" : "suspend");
    }
  if (cli->migrateuri)
    SET ("migrate-uri", cli->migrateuri);
  if (cli->listen_address)
    SET ("listen-address", cli->listen_address);
  if (cli->dname)
    SET ("destination-name", cli->dname);
  SET_BOOL ("tls", cli->tls);
  SET_BOOL ("zerocopy", cli->zerocopy);
  SET_BOOL ("abort-on-error", cli->abort_on_error);
  SET_BOOL ("change-protection", cli->change_protection);

  return g_steal_pointer (&o);
}
