/* test-virsh-injection.c — the `virsh migrate` command line Ferry shows,
 * run by a real POSIX shell (sh -c) with hostile VM names, connection URIs
 * and option values, executes exactly the argument vectors Ferry built: no
 * word split, joined, expanded or run.
 *
 * virsh is replaced by a small program (virsh-argv-helper) found first on
 * PATH, which writes the arguments it got, NUL-separated.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ferry-core.h"

/* Things a shell would act on, in every position a value can take. */
static const char *const hostile[] = {
  "a b", "x';touch CANARY;'", "$(touch CANARY)", "`touch CANARY`", "\"$(touch CANARY)\"",
  "a;touch CANARY", "a|touch CANARY", "a&&touch CANARY", "a\ntouch CANARY", "a\rb", "tab\there",
  "'", "''", "\\", "end\\", "back\\slash", "-dash", "--live", "--", "*", "?", "[a]", "~root",
  "#hash", "a=b", "!bang", "{a,b}", "<in>out", ">>out", "dollar$HOME", "${HOME}", "%percent",
  "ünïcødé ☃", "日本語の名前", "\u202Eevil", "a\u00A0b", " lead", "trail ", "",
};

typedef struct
{
  char *dir;       /* PATH entry holding the stand-in "virsh"; the shell's cwd */
  char *canary;    /* a file a successful injection would create */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *virsh = NULL;
  const char *helper = g_getenv ("FERRY_VIRSH_ARGV_HELPER");

  g_assert_nonnull (helper);
  f->dir = g_dir_make_tmp ("ferry-virsh-XXXXXX", &error);
  g_assert_no_error (error);
  virsh = g_build_filename (f->dir, "virsh", NULL);
  g_assert_cmpint (symlink (helper, virsh), ==, 0);
  f->canary = g_build_filename (f->dir, "CANARY", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *virsh = g_build_filename (f->dir, "virsh", NULL);

  g_unlink (virsh);
  g_unlink (f->canary);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->canary);
}

/* Runs @command with sh -c in @f's directory and returns the argument
 * vectors (after "virsh") of each virsh run, in order. */
static GPtrArray *
run_command (Fixture    *f,
             const char *command)
{
  g_autofree char *path = g_strconcat (f->dir, ":/usr/bin:/bin", NULL);
  const char *envp[] = { "LC_ALL=C.UTF-8", "HOME=/nonexistent", NULL };
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *runs = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  const char *p;
  const char *end;
  gsize size;

  g_subprocess_launcher_set_environ (launcher, (char **)envp);
  g_subprocess_launcher_setenv (launcher, "PATH", path, TRUE);
  g_subprocess_launcher_set_cwd (launcher, f->dir);
  process = g_subprocess_launcher_spawn (launcher, &error, "/bin/sh", "-c", command, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (err), ==, 0);
  g_assert_true (g_subprocess_get_successful (process));

  p = g_bytes_get_data (out, &size);
  end = p + size;
  while (p < end)
    {
      guint64 argc;
      GPtrArray *args = g_ptr_array_new ();

      g_assert_true (g_ascii_string_to_unsigned (p, 10, 0, 1000, &argc, NULL));
      p += strlen (p) + 1;
      for (guint64 i = 0; i < argc; i++)
        {
          g_assert_true (p < end);
          g_ptr_array_add (args, g_strdup (p));
          p += strlen (p) + 1;
        }
      g_ptr_array_add (args, NULL);
      g_ptr_array_add (runs, g_ptr_array_free (args, FALSE));
    }
  return runs;
}

/* Options that put a value in every kind of position: option values, lists,
 * the positional name and destination, and the commands run while
 * migrating. */
static FerryMigrationOptions *
options_with (const char *value)
{
  FerryMigrationOptions *options = ferry_migration_options_new ();
  const char *list[] = { value, "vdb", NULL };

  g_object_set (options,
                "destination-uri", value,
                "migrate-uri", value,
                "listen-address", value,
                "nbd-uri", value,
                "destination-name", value,
                "copy-storage", FERRY_MIGRATION_COPY_STORAGE_ALL,
                "copy-storage-disks", list,
                "compression-methods", list,
                "max-downtime", (guint64)300,
                "postcopy", TRUE,
                NULL);
  return options;
}

/* The shell ran migrate, migrate-setmaxdowntime and migrate-postcopy with
 * exactly Ferry's words, and nothing else ran. */
static void
check_value (Fixture    *f,
             const char *name,
             const char *source,
             const char *value)
{
  g_autoptr(FerryMigrationOptions) options = options_with (value);
  g_auto(GStrv) expected = ferry_migration_options_to_virsh_argv (options, name, source);
  g_autofree char *command = ferry_migration_options_to_virsh_command (options, name, source);
  g_autoptr(GPtrArray) runs = run_command (f, command);
  char **during;
  guint n;

  g_assert_cmpuint (runs->len, ==, 3);
  g_assert_cmpstr (expected[0], ==, "virsh");
  g_assert_cmpstrv ((const char * const *)g_ptr_array_index (runs, 0),
                    (const char * const *)expected + 1);

  during = g_ptr_array_index (runs, 1);
  n = g_strv_length (during);
  g_assert_cmpstr (during[source != NULL ? 2 : 0], ==, "migrate-setmaxdowntime");
  g_assert_cmpstr (during[n - 2], ==, name);
  g_assert_cmpstr (during[n - 1], ==, "300");
  if (source != NULL)
    g_assert_cmpstr (during[1], ==, source);

  during = g_ptr_array_index (runs, 2);
  n = g_strv_length (during);
  g_assert_cmpstr (during[source != NULL ? 2 : 0], ==, "migrate-postcopy");
  g_assert_cmpstr (during[n - 1], ==, name);

  g_assert_false (g_file_test (f->canary, G_FILE_TEST_EXISTS));
}

/* Hostile VM names, each with a plain and a hostile source URI. */
static void
test_names (Fixture       *f,
            gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      if (hostile[i][0] == '\0')
        continue;   /* a VM always has a name */
      g_test_message ("name %u", i);
      check_value (f, hostile[i], NULL, "qemu+ssh://host-b/system");
      check_value (f, hostile[i], "qemu+ssh://root@host-a/system?keyfile=/k y;$(touch CANARY)",
                   "qemu+ssh://host-b/system");
    }
}

/* Hostile destination URIs, addresses, names and lists, with a hostile
 * source URI. */
static void
test_values (Fixture       *f,
             gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *source = g_strconcat ("qemu:///system?x=", hostile[i], NULL);

      g_test_message ("value %u", i);
      check_value (f, "vm1", source, hostile[i]);
    }
}

/* The stand-in itself: it sees the words the shell passes, so the checks
 * above can fail. */
static void
test_helper_sees_splitting (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) runs = run_command (f, "virsh a 'b c' $(printf d) \"\"\nvirsh");
  const char *first[] = { "a", "b c", "d", "", NULL };
  const char *second[] = { NULL };

  g_assert_cmpuint (runs->len, ==, 2);
  g_assert_cmpstrv ((const char * const *)g_ptr_array_index (runs, 0), first);
  g_assert_cmpstrv ((const char * const *)g_ptr_array_index (runs, 1), second);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/virsh-injection/helper", Fixture, NULL, fixture_set_up,
              test_helper_sees_splitting, fixture_tear_down);
  g_test_add ("/core/virsh-injection/names", Fixture, NULL, fixture_set_up, test_names,
              fixture_tear_down);
  g_test_add ("/core/virsh-injection/values", Fixture, NULL, fixture_set_up, test_values,
              fixture_tear_down);
  return g_test_run ();
}
