/* fuzz-common.c — helpers shared by the fuzz targets (see fuzz-common.h).
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ferry-core.h"
#include "fuzz-common.h"

/* A warning or a critical (a failed g_return_if_fail) is a bug the input
 * found: end the run so the fuzzer keeps the input. */
static GLogWriterOutput
fatal_writer (GLogLevelFlags   log_level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  GLogWriterOutput result = g_log_writer_standard_streams (log_level, fields, n_fields, user_data);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return result;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_writer_func (fatal_writer, NULL, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* As the app does first: libvirt's error state (typed parameters use it)
   * is set up by virInitialize(). */
  ferry_core_init ();
  return 0;
}

void
fuzz_fail (const char *file,
           int         line,
           const char *what)
{
  fprintf (stderr, "%s:%d: check failed: %s\n", file, line, what);
  abort ();
}

char *
fuzz_text (const uint8_t *data,
           size_t         size)
{
  /* g_utf8_validate_len() also refuses a NUL byte. */
  if (size > G_MAXSSIZE || !g_utf8_validate_len ((const char *)data, size, NULL))
    return NULL;
  return g_strndup ((const char *)data, size);
}

static gboolean
set_enum (GValue     *value,
          GParamSpec *pspec,
          const char *text)
{
  GEnumValue *v = g_enum_get_value_by_nick (G_PARAM_SPEC_ENUM (pspec)->enum_class, text);

  if (v == NULL)
    return FALSE;
  g_value_set_enum (value, v->value);
  return TRUE;
}

gboolean
fuzz_set_property (GObject    *object,
                   const char *name,
                   const char *text)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);
  g_auto(GValue) value = G_VALUE_INIT;
  GType type;

  if (pspec == NULL || !(pspec->flags & G_PARAM_WRITABLE) ||
      (pspec->flags & G_PARAM_CONSTRUCT_ONLY))
    return FALSE;
  type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  g_value_init (&value, type);

  if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (&value, g_str_equal (text, "true"));
  else if (type == G_TYPE_STRING)
    g_value_set_string (&value, text);
  else if (type == G_TYPE_INT)
    g_value_set_int (&value, (int)CLAMP (g_ascii_strtoll (text, NULL, 10), G_MININT, G_MAXINT));
  else if (type == G_TYPE_UINT)
    g_value_set_uint (&value, (guint)MIN (g_ascii_strtoull (text, NULL, 10), G_MAXUINT));
  else if (type == G_TYPE_UINT64)
    g_value_set_uint64 (&value, g_ascii_strtoull (text, NULL, 10));
  else if (type == G_TYPE_STRV)
    g_value_take_boxed (&value, g_strsplit (text, ",", -1));
  else if (!G_TYPE_IS_ENUM (type) || !set_enum (&value, pspec, text))
    return FALSE;

  /* GObject itself refuses (with a warning) a number outside the pspec's
   * range; that is the caller's mistake, not what is fuzzed here. */
  if (g_param_value_validate (pspec, &value))
    return FALSE;
  g_object_set_property (object, name, &value);
  return TRUE;
}
