/* ferry-migrate-dialog-private.h — shared by ferry-migrate-dialog*.c
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-migrate-dialog.h"
#include "ferry-readiness-page.h"

G_BEGIN_DECLS

struct _FerryMigrateDialog
{
  AdwWindow               parent_instance;

  /* Owned References */
  FerryConnectionManager *manager;
  FerryConnection        *source;
  FerryDomain            *domain;           /* the first of @domains */
  GPtrArray              *domains;          /* FerryDomain, all on @source */
  FerryConnection        *destination;
  FerryMigrationOptions  *options;
  FerryMigrationJob      *job;              /* the first of @jobs */
  GPtrArray              *jobs;             /* FerryMigrationJob, one per domain */
  GtkFilterListModel     *destinations;
  GtkFlattenListModel    *destination_rows; /* destinations, then "Other Host…" */
  FerryConnection        *added;            /* added with "Other Host…", chosen once connected */
  GtkCheckButton         *no_destination;   /* the radio group's hidden leader */
  char                   *problem;
  gboolean                check_readiness;  /* Migrate waits for the checks */
  GPtrArray              *readiness;        /* FerryReadiness, one per domain; NULL without a destination */
  GCancellable           *readiness_cancellable;

  /* Template Widgets */
  AdwHeaderBar           *header_bar;
  AdwWindowTitle         *window_title;
  GtkWidget              *cancel_button;
  GtkWidget              *migrate_button;
  AdwToastOverlay        *toast_overlay;
  GtkStack               *main_stack;
  AdwBin                 *progress_bin;
  GtkListBox             *destinations_list;
  AdwActionRow           *live_row;
  AdwActionRow           *paused_row;
  AdwActionRow           *offline_row;
  GtkCheckButton         *live_check;
  GtkCheckButton         *paused_check;
  GtkCheckButton         *offline_check;
  AdwActionRow           *managed_row;
  AdwActionRow           *p2p_row;
  AdwActionRow           *tunnelled_row;
  GtkCheckButton         *managed_check;
  GtkCheckButton         *p2p_check;
  GtkCheckButton         *tunnelled_check;
  AdwEntryRow            *migrate_uri_row;
  AdwActionRow           *tls_row;
  GtkSwitch              *tls_switch;
  AdwActionRow           *persistent_row;
  GtkSwitch              *persistent_switch;
  AdwActionRow           *undefine_row;
  GtkSwitch              *undefine_switch;
  AdwActionRow           *suspend_row;
  GtkSwitch              *suspend_switch;
  AdwEntryRow            *dname_row;
  AdwComboRow            *copy_storage_row;
  AdwEntryRow            *disks_row;
  AdwActionRow           *unsafe_row;
  GtkSwitch              *unsafe_switch;
  AdwExpanderRow         *auto_converge_row;
  AdwActionRow           *initial_row;
  GtkSpinButton          *initial_spin;
  AdwActionRow           *increment_row;
  GtkSpinButton          *increment_spin;
  AdwExpanderRow         *compression_row;
  AdwEntryRow            *methods_row;
  AdwExpanderRow         *parallel_row;
  AdwActionRow           *connections_row;
  GtkSpinButton          *connections_spin;
  AdwExpanderRow         *postcopy_row;
  AdwComboRow            *postcopy_after_row;
  AdwActionRow           *postcopy_seconds_row;
  GtkSpinButton          *postcopy_seconds_spin;
  AdwActionRow           *bandwidth_row;
  GtkSpinButton          *bandwidth_spin;
  AdwActionRow           *max_downtime_row;
  GtkSpinButton          *max_downtime_spin;
  AdwPreferencesGroup    *storage_only_group;
  GtkLabel               *problem_label;
  GtkLabel               *command_label;
  GtkStackPage           *readiness_stack_page;
  AdwStatusPage          *readiness_placeholder;
  AdwPreferencesGroup    *readiness_vm_group;
  AdwComboRow            *readiness_vm_row;
  FerryReadinessPage     *readiness_page;
  AdwPreferencesGroup    *unsafe_group;
  GtkCheckButton         *override_check;

  /* Advanced rows (ferry-migrate-dialog-advanced.c) */
  GtkNativeDialog        *xml_chooser;
  AdwEntryRow            *listen_address_row;
  AdwExpanderRow         *destination_xml_row;
  GtkTextView            *destination_xml_view;
  AdwExpanderRow         *persistent_xml_row;
  GtkTextView            *persistent_xml_view;
  AdwActionRow           *nbd_port_row;
  GtkSpinButton          *nbd_port_spin;
  AdwEntryRow            *nbd_uri_row;
  AdwActionRow           *zerocopy_row;
  GtkSwitch              *zerocopy_switch;
  AdwActionRow           *postcopy_bandwidth_row;
  GtkSpinButton          *postcopy_bandwidth_spin;
  AdwActionRow           *timeout_row;
  GtkSpinButton          *timeout_spin;
  AdwComboRow            *timeout_action_row;
  AdwActionRow           *abort_on_error_row;
  GtkSwitch              *abort_on_error_switch;
  AdwActionRow           *change_protection_row;
  GtkSwitch              *change_protection_switch;
};

/* ferry-migrate-dialog.c */
void _ferry_migrate_dialog_emit_job_started     (FerryMigrateDialog *self,
                                                 FerryMigrationJob  *job);

/* ferry-migrate-dialog-options.c */
void _ferry_migrate_dialog_update               (FerryMigrateDialog *self);
void _ferry_migrate_dialog_update_migrate       (FerryMigrateDialog *self);
void _ferry_migrate_dialog_bind_options         (FerryMigrateDialog *self);
void _ferry_migrate_dialog_bind_text            (FerryMigrateDialog *self,
                                                 const char         *property,
                                                 gpointer            target,
                                                 gboolean            list);
void _ferry_migrate_dialog_bind_combo           (FerryMigrateDialog *self,
                                                 const char         *property,
                                                 AdwComboRow        *row);

/* ferry-migrate-dialog-advanced.c */
void _ferry_migrate_dialog_class_init_advanced  (GtkWidgetClass     *widget_class);
void _ferry_migrate_dialog_bind_advanced        (FerryMigrateDialog *self);
void _ferry_migrate_dialog_dispose_advanced     (FerryMigrateDialog *self);
void _ferry_migrate_dialog_load_xml             (FerryMigrateDialog *self,
                                                 const char         *property,
                                                 GFile              *file);

/* ferry-migrate-dialog-readiness.c */
void  _ferry_migrate_dialog_readiness_init    (FerryMigrateDialog *self);
void  _ferry_migrate_dialog_readiness_reset   (FerryMigrateDialog *self);
void  _ferry_migrate_dialog_readiness_dispose (FerryMigrateDialog *self);
char *_ferry_migrate_dialog_readiness_problem (FerryMigrateDialog *self);

/* ferry-migrate-dialog-actions.c */
void _ferry_migrate_dialog_update_command       (FerryMigrateDialog *self);
void _ferry_migrate_dialog_preset_action        (GtkWidget          *widget,
                                                 const char         *action_name,
                                                 GVariant           *parameter);
void _ferry_migrate_dialog_copy_command_action  (GtkWidget          *widget,
                                                 const char         *action_name,
                                                 GVariant           *parameter);
void _ferry_migrate_dialog_migrate_action       (GtkWidget          *widget,
                                                 const char         *action_name,
                                                 GVariant           *parameter);

G_END_DECLS
