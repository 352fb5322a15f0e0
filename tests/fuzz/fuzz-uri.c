/* fuzz-uri.c — the connection URI parser and validator.
 *
 * The input is read twice: as a URI typed whole (the Add dialog's custom
 * URI), and as fields, one per line (driver, transport, user, host, port,
 * path, then name=value parameters), as the dialog's form sets them.
 * Oracles: nothing crashes or warns; a URI Ferry builds parses back to the
 * same fields; a valid URI stays valid through text and back.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "ferry-core.h"
#include "fuzz-common.h"

/* Builds @uri's text, parses it back and compares. */
static void
check_round_trip (FerryUri *uri)
{
  g_autofree char *text = ferry_uri_to_string (uri);
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryUri) parsed = NULL;
  gboolean valid = ferry_uri_validate (uri, NULL);

  parsed = ferry_uri_new_from_string (text, &error);
  /* Only a valid URI is promised to parse back: an invalid one's text is just
   * shown. */
  if (!valid)
    return;
  if (parsed == NULL)
    fprintf (stderr, "%s: %s\n", text, error->message);
  fuzz_check (parsed != NULL);
  fuzz_check (ferry_uri_equal (uri, parsed));
  fuzz_check (ferry_uri_validate (parsed, NULL));
  fuzz_check (ferry_uri_validate_custom (text, NULL));
}

static void
fuzz_whole (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryUri) uri = NULL;
  FerryUriField field = FERRY_URI_FIELD_NONE;

  if (!ferry_uri_validate_custom (text, &error))
    fuzz_check (error != NULL && error->message[0] != '\0');
  g_clear_error (&error);

  uri = ferry_uri_new_from_string (text, &error);
  if (uri == NULL)
    {
      fuzz_check (error != NULL && error->message[0] != '\0');
      return;
    }
  if (!ferry_uri_validate_full (uri, &field, &error))
    fuzz_check (field != FERRY_URI_FIELD_NONE && error->message[0] != '\0');
  for (guint i = 0; i < ferry_uri_get_n_params (uri); i++)
    fuzz_check (ferry_uri_get_param (uri, ferry_uri_get_param_name (uri, i)) != NULL);
  check_round_trip (uri);
}

static void
fuzz_fields (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", 64);
  g_autoptr(FerryUri) uri = ferry_uri_new ();
  guint n = g_strv_length (lines);

  if (n > 0)
    ferry_uri_set_driver (uri, lines[0]);
  if (n > 1)
    fuzz_set_property (G_OBJECT (uri), "transport", lines[1]);
  if (n > 2)
    ferry_uri_set_user (uri, lines[2]);
  if (n > 3)
    ferry_uri_set_host (uri, lines[3]);
  if (n > 4)
    fuzz_set_property (G_OBJECT (uri), "port", lines[4]);
  if (n > 5)
    ferry_uri_set_path (uri, lines[5]);
  for (guint i = 6; i < n; i++)
    {
      g_auto(GStrv) pair = g_strsplit (lines[i], "=", 2);

      if (pair[0] != NULL && pair[1] != NULL)
        ferry_uri_set_param (uri, pair[0], pair[1]);
    }
  check_round_trip (uri);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_text (data, size);

  if (text == NULL)
    return 0;
  fuzz_whole (text);
  fuzz_fields (text);
  return 0;
}
