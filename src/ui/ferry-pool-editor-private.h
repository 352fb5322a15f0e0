/* ferry-pool-editor-private.h — shared by ferry-pool-editor*.c
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-pool-copy-list.h"
#include "ferry-pool-editor.h"

G_BEGIN_DECLS

struct _FerryPoolEditor
{
  AdwWindow             parent_instance;

  /* Owned References */
  FerryConnection      *connection;
  FerryPoolConfig      *config;
  GCancellable         *cancellable;

  guint                 editing : 1;    /* the config came from a defined pool */
  guint                 running : 1;    /* … which is running: nothing to save */
  guint                 busy : 1;
  guint                 defined : 1;    /* the define step succeeded */
  guint                 touched;        /* bit per FerryPoolField: show its error */
  GPtrArray            *steps;          /* of Step (ferry-pool-editor-create.c) */
  guint                 next_step;

  /* Per field: its input row and its inline error row (NULL for none). */
  GtkWidget            *inputs[FERRY_POOL_N_FIELDS];
  AdwActionRow         *errors[FERRY_POOL_N_FIELDS];

  /* Template Widgets */
  AdwEntryRow          *name_row;
  AdwEntryRow          *host_row;
  AdwEntryRow          *dir_row;
  AdwComboRow          *format_row;
  AdwComboRow          *version_row;
  AdwEntryRow          *options_row;
  AdwEntryRow          *target_row;
  AdwEntryRow          *mode_row;
  AdwEntryRow          *owner_row;
  AdwEntryRow          *group_row;
  AdwActionRow         *name_error;
  AdwActionRow         *host_error;
  AdwActionRow         *dir_error;
  AdwActionRow         *format_error;
  AdwActionRow         *version_error;
  AdwActionRow         *options_error;
  AdwActionRow         *target_error;
  AdwActionRow         *mode_error;
  AdwActionRow         *owner_error;
  AdwActionRow         *group_error;
  AdwActionRow         *autostart_row;
  GtkSwitch            *autostart_switch;
  GtkMenuButton        *scan_button;
  GtkStack             *scan_stack;
  GtkSpinner           *scan_spinner;
  GtkLabel             *scan_message;
  GtkListBox           *scan_list;
  AdwPreferencesGroup  *running_group;
  AdwPreferencesGroup  *pool_group;
  AdwPreferencesGroup  *source_group;
  AdwPreferencesGroup  *target_group;
  AdwPreferencesGroup  *progress_group;
  GtkListBox           *progress_list;
  GtkButton            *create_button;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  AdwViewStackPage     *hosts_page;
  FerryPoolCopyList    *copy_list;
};

/* ferry-pool-editor.c */
gboolean _ferry_pool_editor_check         (FerryPoolEditor *self,
                                           gboolean         show_all);
void     _ferry_pool_editor_set_form_sensitive (FerryPoolEditor *self,
                                           gboolean         sensitive);
void     _ferry_pool_editor_set_busy      (FerryPoolEditor *self,
                                           gboolean         busy);
void     _ferry_pool_editor_emit_finished (FerryPoolEditor *self);

/* ferry-pool-editor-create.c */
void     _ferry_pool_editor_create        (FerryPoolEditor *self);

G_END_DECLS
