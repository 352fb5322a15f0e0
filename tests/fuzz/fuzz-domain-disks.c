/* fuzz-domain-disks.c — the disk reader and the cache/I/O mode editor on
 * domain XML (ferry-domain-disks.c, pure functions).
 *
 * The input is one line "TARGET CACHE IO" (cache and I/O as libvirt spells
 * them; "-" for the hypervisor default), then a domain document.
 * Oracles: nothing crashes or warns; the edited document parses, and the
 * disk now has the modes set; after "make migration-safe" every writable
 * disk has a migration-safe cache mode.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ferry-core.h"
#include "fuzz-common.h"

static FerryDiskInfo *
find_disk (GListModel *disks,
           const char *target)
{
  for (guint i = 0; i < g_list_model_get_n_items (disks); i++)
    {
      g_autoptr(FerryDiskInfo) info = g_list_model_get_item (disks, i);

      if (g_strcmp0 (ferry_disk_info_get_target (info), target) == 0)
        return g_steal_pointer (&info);
    }
  return NULL;
}

static void
read_everything (GListModel *disks)
{
  for (guint i = 0; i < g_list_model_get_n_items (disks); i++)
    {
      g_autoptr(FerryDiskInfo) info = g_list_model_get_item (disks, i);
      g_free (ferry_disk_info_dup_source_label (info));
      (void)ferry_disk_device_to_string (ferry_disk_info_get_device (info));
      (void)ferry_disk_cache_rate (ferry_disk_info_get_cache (info));
      (void)ferry_disk_io_summary (ferry_disk_info_get_io (info));
      (void)ferry_disk_info_get_writable (info);
      (void)ferry_disk_info_get_format (info);
    }
}

static void
check_set_modes (const char *xml,
                 const char *target,
                 const char *cache_text,
                 const char *io_text)
{
  FerryDiskCache cache;
  FerryDiskIo io;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) disks = NULL;
  g_autoptr(FerryDiskInfo) info = NULL;

  if (!ferry_disk_cache_from_string (g_str_equal (cache_text, "-") ? NULL : cache_text, &cache) ||
      !ferry_disk_io_from_string (g_str_equal (io_text, "-") ? NULL : io_text, &io))
    return;
  if (!ferry_domain_disks_set_modes (xml, target, cache, io, &out, &error))
    {
      fuzz_check (error->message[0] != '\0');
      return;
    }
  disks = ferry_domain_disks_parse (out, NULL);
  fuzz_check (disks != NULL);
  info = find_disk (G_LIST_MODEL (disks), target);
  fuzz_check (info != NULL);
  fuzz_check (ferry_disk_info_get_cache (info) == cache);
  fuzz_check (ferry_disk_info_get_io (info) == io);
}

static void
check_make_safe (const char *xml)
{
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GListStore) disks = NULL;

  if (!ferry_domain_disks_make_migration_safe (xml, &out, &changed, NULL))
    return;
  disks = ferry_domain_disks_parse (out, NULL);
  fuzz_check (disks != NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (disks)); i++)
    {
      g_autoptr(FerryDiskInfo) info = g_list_model_get_item (G_LIST_MODEL (disks), i);

      if (ferry_disk_info_get_writable (info) && ferry_disk_info_get_target (info) != NULL)
        fuzz_check (ferry_disk_cache_migration_safe (ferry_disk_info_get_cache (info)));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *)data, size);
  char *xml = strchr (text, '\n');
  g_auto(GStrv) words = NULL;
  g_autoptr(GListStore) disks = NULL;

  if (xml == NULL)
    return 0;
  *xml++ = '\0';
  /* The first line is what the editor chose: valid UTF-8. */
  if (!g_utf8_validate (text, -1, NULL))
    return 0;
  words = g_strsplit (text, " ", 3);

  disks = ferry_domain_disks_parse (xml, NULL);
  if (disks == NULL)
    return 0;
  read_everything (G_LIST_MODEL (disks));
  if (g_strv_length (words) == 3)
    check_set_modes (xml, words[0], words[1], words[2]);
  check_make_safe (xml);
  return 0;
}
