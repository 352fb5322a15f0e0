/* virsh-argv-helper.c — stands in for virsh in test-virsh-injection: writes
 * the number of its arguments and then each argument (argv[1] on), every one
 * followed by a NUL byte, so the test sees exactly what the shell passed.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>
#include <string.h>

int
main (int    argc,
      char **argv)
{
  printf ("%d", argc - 1);
  putchar ('\0');
  for (int i = 1; i < argc; i++)
    fwrite (argv[i], 1, strlen (argv[i]) + 1, stdout);
  return fflush (stdout) == 0 ? 0 : 1;
}
