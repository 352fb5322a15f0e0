/* fuzz-migration-options.c — the migration options validator, the typed
 * parameters and the `virsh migrate` command builder.
 *
 * The input is "property=value" lines, as the migrate dialog sets them (see
 * fuzz_set_property()), plus "domain-name=" and "source-uri=" for the VM and
 * the source connection the command names.
 * Oracles: nothing crashes or warns; a refusal has a message; options that
 * validate become typed parameters; the shell text Ferry shows, split the
 * way a POSIX shell splits words, gives back exactly the argument vector.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ferry-core.h"
#include "ferry-migration-params.h"
#include "fuzz-common.h"

/* The first command of @command, after its comment lines, split into words
 * by GLib's shell parser; the argument vector must be where it starts. */
static void
check_shell_text (const char  *command,
                  char       **argv)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GError) error = NULL;
  const char *p = command;
  guint n = g_strv_length (argv);

  while (g_str_has_prefix (p, "# "))
    p = strchr (p, '\n') + 1;
  fuzz_check (g_shell_parse_argv (p, NULL, &words, &error));
  fuzz_check (g_strv_length (words) >= n);
  for (guint i = 0; i < n; i++)
    fuzz_check (g_str_equal (words[i], argv[i]));
}

static void
check_params (FerryMigrationOptions *options)
{
  virTypedParameterPtr params = NULL;
  int nparams = 0;
  g_autoptr(GError) error = NULL;

  (void)ferry_migration_options_get_flags (options);
  fuzz_check (ferry_migration_options_to_params (options, &params, &nparams, &error));
  virTypedParamsFree (params, nparams);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_text (data, size);
  g_autoptr(FerryMigrationOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) argv = NULL;
  g_autofree char *command = NULL;
  g_autofree char *domain_name = g_strdup ("vm1");
  g_autofree char *source_uri = NULL;
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  if (text == NULL)
    return 0;
  options = ferry_migration_options_new ();
  lines = g_strsplit (text, "\n", 64);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (lines[i], "=", 2);

      if (pair[0] == NULL || pair[1] == NULL)
        continue;
      if (g_str_equal (pair[0], "domain-name"))
        {
          g_free (domain_name);
          domain_name = g_strdup (pair[1]);
        }
      else if (g_str_equal (pair[0], "source-uri"))
        {
          g_free (source_uri);
          source_uri = g_strdup (pair[1]);
        }
      else if (!g_str_has_prefix (pair[0], "preset"))
        fuzz_set_property (G_OBJECT (options), pair[0], pair[1]);
      else
        ferry_migration_options_apply_preset (options, pair[1]);
    }

  if (ferry_migration_options_validate (options, &error))
    check_params (options);
  else
    fuzz_check (error->message[0] != '\0');

  /* Every row of the dialog asks why it is disabled. */
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (options), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    g_free (ferry_migration_options_why_disabled (options, pspecs[i]->name));

  /* The command is shown whatever the options are, valid or not. */
  argv = ferry_migration_options_to_virsh_argv (options, domain_name, source_uri);
  fuzz_check (argv != NULL && g_str_equal (argv[0], "virsh"));
  fuzz_check (g_str_equal (argv[g_strv_length (argv) - 2], domain_name));
  command = ferry_migration_options_to_virsh_command (options, domain_name, source_uri);
  check_shell_text (command, argv);
  return 0;
}
