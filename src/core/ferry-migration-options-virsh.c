/* ferry-migration-options-virsh.c — the `virsh migrate` command that does
 * what a set of migration options does: as an argument vector, and as POSIX
 * shell text (every word quoted that needs it) the user can copy.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ferry-migration-options-private.h"

/* The files `virsh migrate --xml` and `--persistent-xml` read: the command
 * Ferry shows names them, and says to save the XML there first. */
#define DESTINATION_XML_FILE  "destination.xml"
#define PERSISTENT_XML_FILE   "persistent.xml"

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
