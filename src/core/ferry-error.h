/* ferry-error.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FERRY_ERROR (ferry_error_quark ())

/**
 * FerryError:
 * @FERRY_ERROR_FAILED: generic failure
 * @FERRY_ERROR_LIBVIRT: libvirt reported an error; the message is libvirt's
 * @FERRY_ERROR_INVALID_INPUT: user input failed validation before anything was sent
 * @FERRY_ERROR_NOT_CONNECTED: the connection is not open
 * @FERRY_ERROR_AUTH: authentication failed or was refused
 * @FERRY_ERROR_UNREACHABLE: the host could not be reached
 */
typedef enum
{
  FERRY_ERROR_FAILED,
  FERRY_ERROR_LIBVIRT,
  FERRY_ERROR_INVALID_INPUT,
  FERRY_ERROR_NOT_CONNECTED,
  FERRY_ERROR_AUTH,
  FERRY_ERROR_UNREACHABLE,
} FerryError;

GQuark ferry_error_quark (void);

void   ferry_set_error_from_libvirt (GError     **error,
                                     const char  *what);

G_END_DECLS
