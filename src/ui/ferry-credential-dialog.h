/* ferry-credential-dialog.h
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-core.h"

G_BEGIN_DECLS

#define FERRY_TYPE_CREDENTIAL_DIALOG (ferry_credential_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FerryCredentialDialog, ferry_credential_dialog,
                      FERRY, CREDENTIAL_DIALOG, AdwMessageDialog)

FerryCredentialDialog *ferry_credential_dialog_new (GtkWindow        *parent,
                                                    FerryConnection  *connection,
                                                    FerryAuthRequest *request);

void                   ferry_credential_dialog_answer (GtkWindow        *parent,
                                                       FerryConnection  *connection,
                                                       FerryAuthRequest *request);

G_END_DECLS
