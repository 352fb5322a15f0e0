/* ferry-error.c
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "ferry-error.h"

G_DEFINE_QUARK (ferry-error-quark, ferry_error)

static int
map_libvirt_code (int code)
{
  switch (code)
    {
    case VIR_ERR_AUTH_FAILED:
    case VIR_ERR_AUTH_CANCELLED:
    case VIR_ERR_AUTH_UNAVAILABLE:
      return FERRY_ERROR_AUTH;

    case VIR_ERR_NO_CONNECT:
    case VIR_ERR_SYSTEM_ERROR:
      return FERRY_ERROR_UNREACHABLE;

    case VIR_ERR_INVALID_CONN:
      return FERRY_ERROR_NOT_CONNECTED;

    default:
      return FERRY_ERROR_LIBVIRT;
    }
}

/**
 * ferry_set_error_from_libvirt:
 * @error: return location
 * @what: (nullable): short description of the operation, used only when
 *   libvirt left no error behind
 *
 * Copies libvirt's last error of the calling thread into @error. libvirt keeps
 * its error in thread-local storage, so this must run in the worker that made
 * the failing call, before the worker returns.
 */
void
ferry_set_error_from_libvirt (GError     **error,
                              const char  *what)
{
  virErrorPtr err = virGetLastError ();

  if (err != NULL && err->message != NULL)
    g_set_error_literal (error, FERRY_ERROR, map_libvirt_code (err->code), err->message);
  else
    g_set_error (error, FERRY_ERROR, FERRY_ERROR_LIBVIRT,
                 "%s failed", what ? what : "libvirt call");

  virResetLastError ();
}
