/* test-disk-cache.c — the one table that rates cache and I/O modes, and QEMU's io/cache rule.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-core.h"

/* Every name libvirt writes in <driver cache=… io=…> reads back as the same mode. */
static void
test_names_round_trip (void)
{
  for (FerryDiskCache c = FERRY_DISK_CACHE_DEFAULT; c <= FERRY_DISK_CACHE_UNSAFE; c++)
    {
      FerryDiskCache back = 99;
      g_assert_true (ferry_disk_cache_from_string (ferry_disk_cache_to_string (c), &back));
      g_assert_cmpint (back, ==, c);
    }
  for (FerryDiskIo io = FERRY_DISK_IO_DEFAULT; io <= FERRY_DISK_IO_IO_URING; io++)
    {
      FerryDiskIo back = 99;
      g_assert_true (ferry_disk_io_from_string (ferry_disk_io_to_string (io), &back));
      g_assert_cmpint (back, ==, io);
    }

  FerryDiskCache c;
  FerryDiskIo io;
  g_assert_true (ferry_disk_cache_from_string (NULL, &c));
  g_assert_cmpint (c, ==, FERRY_DISK_CACHE_DEFAULT);
  g_assert_false (ferry_disk_cache_from_string ("None", &c));
  g_assert_false (ferry_disk_io_from_string ("aio", &io));
}

/* Only none and directsync are safe for migration everywhere; unsafe is a risk for both. */
static void
test_ratings (void)
{
  for (FerryDiskCache c = FERRY_DISK_CACHE_DEFAULT; c <= FERRY_DISK_CACHE_UNSAFE; c++)
    {
      const FerryCacheRating *r = ferry_disk_cache_rate (c);
      g_assert_cmpint (r->mode, ==, c);
      g_assert_cmpstr (r->summary, !=, "");
      g_assert_cmpstr (r->explanation, !=, "");
      g_assert_cmpint (r->migration == FERRY_SAFETY_GOOD, ==, ferry_disk_cache_migration_safe (c));
    }
  g_assert_cmpint (ferry_disk_cache_rate (FERRY_DISK_CACHE_UNSAFE)->data, ==, FERRY_SAFETY_RISK);
  g_assert_cmpint (ferry_disk_cache_rate (FERRY_DISK_CACHE_UNSAFE)->migration, ==, FERRY_SAFETY_RISK);
  g_assert_cmpint (ferry_disk_cache_rate (FERRY_DISK_CACHE_WRITEBACK)->migration, ==, FERRY_SAFETY_CAUTION);
}

/* io=native with a cached mode is refused with a sentence naming both settings. */
static void
test_io_native_rule (void)
{
  for (FerryDiskCache c = FERRY_DISK_CACHE_DEFAULT; c <= FERRY_DISK_CACHE_UNSAFE; c++)
    for (FerryDiskIo io = FERRY_DISK_IO_DEFAULT; io <= FERRY_DISK_IO_IO_URING; io++)
      {
        g_autoptr(GError) error = NULL;
        gboolean want = io != FERRY_DISK_IO_NATIVE ||
                        c == FERRY_DISK_CACHE_NONE || c == FERRY_DISK_CACHE_DIRECTSYNC;
        g_assert_cmpint (ferry_disk_mode_check (c, io, &error), ==, want);
        if (!want)
          {
            g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
            g_assert_nonnull (strstr (error->message, "native"));
            g_assert_nonnull (strstr (error->message, ferry_disk_cache_to_string (c)));
          }
      }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/disk-cache/names", test_names_round_trip);
  g_test_add_func ("/disk-cache/ratings", test_ratings);
  g_test_add_func ("/disk-cache/io-native", test_io_native_rule);
  return g_test_run ();
}
