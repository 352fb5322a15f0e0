/* fuzz-pool-config.c — the storage pool XML reader, editor and validator.
 *
 * The input is "field=value" lines (the FerryPoolConfig property names: name,
 * source-host, source-dir, format, protocol-version, mount-options,
 * target-path, mode, owner, group), then, from the first line that starts
 * with "<", a pool document; without one the edits go to a new NFS pool.
 * Oracles: nothing crashes or warns; an edit reads back as typed; a
 * definition that validates is written as XML that reads back with the same
 * fields.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ferry-core.h"
#include "fuzz-common.h"

static void
check_written (FerryPoolConfig *config)
{
  g_autofree char *xml = ferry_pool_config_to_xml (config);
  g_autoptr(FerryPoolConfig) again = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_check (xml != NULL);
  if (!ferry_pool_config_validate (config, NULL, &error))
    {
      fuzz_check (error->message[0] != '\0');
      return;
    }
  again = ferry_pool_config_new_from_xml (xml, &error);
  fuzz_check (again != NULL);
  for (FerryPoolField field = 0; field < FERRY_POOL_N_FIELDS; field++)
    fuzz_check (g_str_equal (ferry_pool_config_get_field (config, field),
                             ferry_pool_config_get_field (again, field)));
  fuzz_check (ferry_pool_config_validate (again, NULL, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *)data, size);
  g_autoptr(FerryPoolConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  char *xml = text[0] == '<' ? text : strstr (text, "\n<");
  g_auto(GStrv) edits = NULL;
  const char *name;

  /* The edits are typed text: valid UTF-8. The document is whatever a
   * libvirt host sends. */
  if (xml != NULL && xml != text)
    *xml++ = '\0';
  if (xml != text && !g_utf8_validate (text, -1, NULL))
    return 0;

  if (xml != NULL)
    {
      config = ferry_pool_config_new_from_xml (xml, &error);
      if (config == NULL)
        {
          fuzz_check (error->message[0] != '\0');
          return 0;
        }
    }
  else
    {
      config = ferry_pool_config_new ();
    }

  edits = g_strsplit (xml != text ? text : "", "\n", 32);
  for (guint i = 0; edits[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (edits[i], "=", 2);
      g_autofree char *before = NULL;

      if (pair[0] == NULL || pair[1] == NULL ||
          g_str_equal (pair[0], "uuid") || g_str_equal (pair[0], "pool-type"))
        continue;
      if (fuzz_set_property (G_OBJECT (config), pair[0], pair[1]))
        {
          g_object_get (config, pair[0], &before, NULL);
          fuzz_check (g_str_equal (before, pair[1]));
        }
    }

  for (FerryPoolField field = 0; field < FERRY_POOL_N_FIELDS; field++)
    g_free (ferry_pool_config_check_field (config, field, NULL));
  (void)ferry_pool_config_get_uuid (config);
  (void)ferry_pool_config_get_pool_type (config);
  check_written (config);
  /* The volume dialog's name check, on whatever text the pool name holds. */
  name = ferry_pool_config_get_field (config, FERRY_POOL_FIELD_NAME);
  g_free (ferry_pool_check_volume_name (name));
  return 0;
}
