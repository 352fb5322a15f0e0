/* fuzz-replay.c — runs a fuzz target on saved inputs, without libFuzzer, so
 * the normal test build (and the ASan one) replays the seed corpus and every
 * input that once found a bug. Arguments: directories of inputs; one TAP
 * result per file. A crash or a failed check aborts, which fails the test.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "fuzz-common.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **)a, *(const char **)b);
}

static void
collect (const char *dir,
         GPtrArray  *files)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  const char *name;

  /* A target may have no regressions yet: git keeps no empty directory. */
  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (found, g_build_filename (dir, name, NULL));
  /* In name order, so a report's numbers mean the same file each time. */
  g_ptr_array_sort (found, compare_names);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (files, g_ptr_array_index (found, i));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    if (!g_str_equal (argv[i], "--tap"))
      collect (argv[i], files);

  if (files->len == 0)
    {
      printf ("1..0 # SKIP no inputs\n");
      return 0;
    }
  printf ("1..%u\n", files->len);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *contents = NULL;
      gsize length;
      g_autoptr(GError) error = NULL;

      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          printf ("not ok %u - %s: %s\n", i + 1, path, error->message);
          continue;
        }
      fflush (stdout);
      LLVMFuzzerTestOneInput ((const uint8_t *)contents, length);
      printf ("ok %u - %s\n", i + 1, path);
    }
  return 0;
}
