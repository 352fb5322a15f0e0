/* fuzz-common.h — what every fuzz target shares: the libFuzzer entry points,
 * turning the fuzzer's bytes into text, and setting a GObject property from
 * "name=value" text.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib-object.h>

G_BEGIN_DECLS

/* Defined by each target (fuzz-NAME.c); called by libFuzzer, or by
 * fuzz-replay.c in the normal test build. */
int    LLVMFuzzerTestOneInput (const uint8_t  *data,
                               size_t          size);
/* Defined in fuzz-common.c. */
int    LLVMFuzzerInitialize   (int            *argc,
                               char         ***argv);

/* A NUL-terminated copy of @data when it is valid UTF-8 without a NUL byte
 * (every string Ferry's API takes is), else NULL. */
char  *fuzz_text              (const uint8_t  *data,
                               size_t          size);

/* Sets the property @name of @object from @text the way a user's entry
 * would: a boolean is "true" or anything else, a number is decimal (clamped
 * to the property's type, not its range: out-of-range values are for the
 * validators to refuse), an enum is its nick, a string list is
 * comma-separated. Returns FALSE, doing nothing, for an unknown property or
 * an unknown nick. */
gboolean fuzz_set_property    (GObject        *object,
                               const char     *name,
                               const char     *text);

/* Fails the run (abort, so libFuzzer saves the input) when @condition is
 * false: an oracle, kept even where G_DISABLE_ASSERT is defined. */
#define fuzz_check(condition) \
  G_STMT_START { \
    if (G_UNLIKELY (!(condition))) \
      fuzz_fail (__FILE__, __LINE__, #condition); \
  } G_STMT_END

G_NORETURN void fuzz_fail     (const char     *file,
                               int             line,
                               const char     *what);

G_END_DECLS
