/* ferry-migration-view.c — one migration as it runs: phase, progress, the
 * figures from job statistics, a chart, the events, the controls libvirt
 * offers while it runs, and at the end where the VM is.
 *
 * Everything here reads the job's properties and calls the job's methods;
 * the job does the libvirt work in its workers.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-events-view.h"
#include "ferry-format.h"
#include "ferry-migration-view.h"
#include "ferry-progress-chart.h"

struct _FerryMigrationView
{
  GtkWidget           parent_instance;

  /* Owned References */
  FerryMigrationJob  *job;
  GSignalGroup       *signals;
  GBindingGroup      *bindings;

  /* Borrowed References */
  AdwMessageDialog   *confirm_dialog;   /* weak */

  gboolean            can_postcopy;
  gboolean            cancel_requested;

  /* Template Widgets */
  GtkWidget          *scroller;
  GtkLabel           *title_label;
  GtkWidget          *outcome_box;
  GtkImage           *outcome_icon;
  GtkLabel           *outcome_title;
  GtkLabel           *outcome_message;
  GtkLabel           *outcome_details;
  GtkWidget          *stalled_group;
  AdwActionRow       *stalled_row;
  GtkLabel           *phase_label;
  GtkLabel           *percent_label;
  GtkProgressBar     *progress_bar;
  GtkWidget          *storage_box;
  GtkLabel           *storage_percent_label;
  GtkProgressBar     *storage_bar;
  GtkLabel           *storage_label;
  GtkLabel           *processed_label;
  GtkLabel           *remaining_label;
  GtkLabel           *total_label;
  GtkLabel           *speed_label;
  GtkLabel           *dirty_label;
  GtkLabel           *iteration_label;
  GtkLabel           *downtime_label;
  GtkLabel           *elapsed_label;
  GtkLabel           *eta_label;
  FerryProgressChart *chart;
  GtkWidget          *controls_group;
  GtkSpinButton      *bandwidth_spin;
  GtkSpinButton      *downtime_spin;
  AdwActionRow       *postcopy_row;
  GtkWidget          *cancel_button;
  GtkWidget          *recover_button;
  FerryEventsView    *events_view;
};

enum {
  PROP_0,
  PROP_JOB,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryMigrationView, ferry_migration_view, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static gboolean
state_has_ended (FerryMigrationState state)
{
  switch (state)
    {
    case FERRY_MIGRATION_STATE_COMPLETED:
    case FERRY_MIGRATION_STATE_FAILED:
    case FERRY_MIGRATION_STATE_CANCELLED:
    case FERRY_MIGRATION_STATE_NEEDS_RECOVERY:
      return TRUE;
    case FERRY_MIGRATION_STATE_PREPARING:
    case FERRY_MIGRATION_STATE_MIGRATING:
    case FERRY_MIGRATION_STATE_POSTCOPY:
    case FERRY_MIGRATION_STATE_COMPLETING:
    default:
      return FALSE;
    }
}

static const char *
connection_name (FerryConnection *connection)
{
  return connection != NULL ? ferry_connection_get_display_name (connection) : _("the destination");
}

/* Where the VM is, in a sentence that names the host. */
static char *
describe_placement (FerryMigrationJob *job)
{
  FerryConnection *source = ferry_migration_job_get_source (job);
  FerryConnection *destination = ferry_migration_job_get_destination (job);

  switch (ferry_migration_job_get_placement (job))
    {
    case FERRY_PLACEMENT_SOURCE:
      return g_strdup_printf (_("The VM runs on the source, %s."), connection_name (source));
    case FERRY_PLACEMENT_DESTINATION:
      return g_strdup_printf (_("The VM runs on the destination, %s."),
                              connection_name (destination));
    case FERRY_PLACEMENT_BOTH:
      return g_strdup (_("The VM runs on both hosts."));
    case FERRY_PLACEMENT_NEITHER:
      return g_strdup (_("The VM runs on neither host."));
    case FERRY_PLACEMENT_UNKNOWN:
    default:
      return g_strdup (_("Where the VM runs could not be checked."));
    }
}

static void
set_figure (GtkLabel *label,
            char     *text)
{
  gtk_label_set_label (label, text);
  g_free (text);
}

/* The disks' own copy, when the migration copies storage (NBD): it runs
 * before and beside the memory copy, and on a big disk it is most of the
 * wait, so it gets a bar of its own. */
static void
update_storage (FerryMigrationView *self)
{
  const FerryJobStats *stats = ferry_migration_job_get_stats (self->job);
  g_autofree char *processed = NULL;
  g_autofree char *total = NULL;
  g_autofree char *text = NULL;
  double fraction;

  gtk_widget_set_visible (self->storage_box, stats->disk_total > 0);
  if (stats->disk_total == 0)
    return;

  fraction = CLAMP ((double)stats->disk_processed / (double)stats->disk_total, 0.0, 1.0);
  processed = ferry_format_bytes (stats->disk_processed);
  total = ferry_format_bytes (stats->disk_total);
  if (stats->disk_bps > 0)
    {
      g_autofree char *speed = ferry_format_speed (stats->disk_bps);

      /* Translators: disk copy progress, e.g. "2.5 GiB of 10.0 GiB at 48.0 MiB/s" */
      text = g_strdup_printf (_("%s of %s at %s"), processed, total, speed);
    }
  else
    {
      /* Translators: disk copy progress, e.g. "2.5 GiB of 10.0 GiB" */
      text = g_strdup_printf (_("%s of %s"), processed, total);
    }
  gtk_progress_bar_set_fraction (self->storage_bar, fraction);
  gtk_label_set_label (self->storage_label, text);
  /* Translators: progress in percent, e.g. "42 %" */
  set_figure (self->storage_percent_label, g_strdup_printf (_("%.0f %%"), fraction * 100));
}

static void
update_figures (FerryMigrationView *self)
{
  FerryMigrationJob *job = self->job;
  guint64 processed = 0, remaining = 0, total = 0, speed = 0, dirty = 0;
  guint64 iteration = 0, downtime = 0, elapsed = 0;
  gint64 eta = -1;
  double fraction = 0;
  gboolean running;

  if (job == NULL)
    return;

  g_object_get (job,
                "data-processed", &processed,
                "data-remaining", &remaining,
                "data-total", &total,
                "speed", &speed,
                "dirty-rate", &dirty,
                "iteration", &iteration,
                "expected-downtime", &downtime,
                "elapsed", &elapsed,
                "eta", &eta,
                "fraction", &fraction,
                NULL);

  /* Before the first reading there is nothing to say; a row of zeros would
   * read as "nothing to copy". */
  running = total > 0 || processed > 0;
  set_figure (self->processed_label, running ? ferry_format_bytes (processed) : g_strdup ("—"));
  set_figure (self->remaining_label, running ? ferry_format_bytes (remaining) : g_strdup ("—"));
  set_figure (self->total_label, running ? ferry_format_bytes (total) : g_strdup ("—"));
  set_figure (self->speed_label, running ? ferry_format_speed (speed) : g_strdup ("—"));
  set_figure (self->dirty_label, running ? ferry_format_speed (dirty) : g_strdup ("—"));
  set_figure (self->iteration_label,
              iteration > 0 ? g_strdup_printf ("%" G_GUINT64_FORMAT, iteration) : g_strdup ("—"));
  set_figure (self->downtime_label, running ? ferry_format_milliseconds (downtime) : g_strdup ("—"));
  set_figure (self->elapsed_label, ferry_format_duration (elapsed / 1000));
  set_figure (self->eta_label,
              state_has_ended (ferry_migration_job_get_state (job)) ? g_strdup ("—")
                                                                    : ferry_format_eta (eta));
  /* Translators: progress in percent, e.g. "42 %" */
  set_figure (self->percent_label, g_strdup_printf (_("%.0f %%"), fraction * 100));
  update_storage (self);
}

static void
update_outcome (FerryMigrationView *self)
{
  FerryMigrationJob *job = self->job;
  FerryMigrationState state = ferry_migration_job_get_state (job);
  const FerryJobStats *stats = ferry_migration_job_get_stats (job);
  const char *message = ferry_migration_job_get_message (job);
  g_autofree char *placement = describe_placement (job);
  g_autofree char *details = NULL;
  const char *icon;
  const char *title;
  const char *klass;

  switch (state)
    {
    case FERRY_MIGRATION_STATE_COMPLETED:
      icon = "emblem-ok-symbolic";
      title = _("Migration Completed");
      klass = "success";
      break;
    case FERRY_MIGRATION_STATE_CANCELLED:
      icon = "process-stop-symbolic";
      title = _("Migration Cancelled");
      klass = "dim-label";
      break;
    case FERRY_MIGRATION_STATE_NEEDS_RECOVERY:
      icon = "dialog-warning-symbolic";
      title = _("Migration Needs Recovery");
      klass = "warning";
      break;
    case FERRY_MIGRATION_STATE_FAILED:
    case FERRY_MIGRATION_STATE_PREPARING:
    case FERRY_MIGRATION_STATE_MIGRATING:
    case FERRY_MIGRATION_STATE_POSTCOPY:
    case FERRY_MIGRATION_STATE_COMPLETING:
    default:
      icon = "dialog-error-symbolic";
      title = _("Migration Failed");
      klass = "error";
      break;
    }
  /* Ferry lost sight of it, it did not fail: it may well go on, and is
   * followed again when the host is back. */
  if (state == FERRY_MIGRATION_STATE_FAILED && ferry_migration_job_get_source_lost (job))
    {
      icon = "network-offline-symbolic";
      title = _("Lost Track of the Migration");
      klass = "dim-label";
    }

  if (state == FERRY_MIGRATION_STATE_COMPLETED && stats->has_downtime)
    {
      g_autofree char *downtime = ferry_format_milliseconds (stats->downtime_ms);

      details = g_strdup_printf (_("%s\nDowntime: %s"), placement, downtime);
    }
  else
    {
      details = g_steal_pointer (&placement);
    }

  gtk_image_set_from_icon_name (self->outcome_icon, icon);
  gtk_widget_set_css_classes (GTK_WIDGET (self->outcome_icon), (const char *[]) { klass, NULL });
  gtk_label_set_label (self->outcome_title, title);
  /* On success the job's message only says where the VM runs, which the
   * details below say with the host's name. */
  gtk_label_set_label (self->outcome_message, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_message),
                          message != NULL && state != FERRY_MIGRATION_STATE_COMPLETED);
  gtk_label_set_label (self->outcome_details, details);
  /* Split between the hosts, the VM runs on neither; the message says so
   * better than "could not be checked". */
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_details), state != FERRY_MIGRATION_STATE_NEEDS_RECOVERY);
}

static void
update_state (FerryMigrationView *self)
{
  FerryMigrationJob *job = self->job;
  FerryMigrationState state;
  gboolean ended, stalled, migrating, cancellable;
  g_autofree char *phase = NULL;

  if (job == NULL)
    return;

  state = ferry_migration_job_get_state (job);
  ended = state_has_ended (state);
  stalled = ferry_migration_job_get_stalled (job) && !ended;
  migrating = state == FERRY_MIGRATION_STATE_MIGRATING || state == FERRY_MIGRATION_STATE_COMPLETING;
  /* After the switch to post-copy the VM already runs on the destination:
   * libvirt refuses to abort, and going back would lose the VM's new state. */
  cancellable = !ended && state != FERRY_MIGRATION_STATE_POSTCOPY && !self->cancel_requested;

  if (self->cancel_requested && !ended)
    phase = g_strdup_printf (_("%s — cancelling…"), ferry_migration_state_to_string (state));
  else if (state == FERRY_MIGRATION_STATE_FAILED && ferry_migration_job_get_source_lost (job))
    /* Not an outcome: the migration may well go on without Ferry watching. */
    phase = g_strdup (_("Source host unreachable"));
  else
    phase = g_strdup (ferry_migration_state_to_string (state));
  gtk_label_set_label (self->phase_label, phase);

  gtk_widget_set_visible (self->outcome_box, ended);
  if (ended)
    update_outcome (self);
  gtk_widget_set_visible (self->controls_group, !ended);
  gtk_widget_set_visible (self->cancel_button, !ended);
  gtk_widget_set_visible (self->recover_button, state == FERRY_MIGRATION_STATE_NEEDS_RECOVERY);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "migration.recover",
                                 ferry_migration_job_get_recoverable (job) &&
                                 state == FERRY_MIGRATION_STATE_NEEDS_RECOVERY);

  gtk_widget_set_visible (self->stalled_group, stalled);
  adw_action_row_set_subtitle (self->stalled_row,
                               stalled && ferry_migration_job_get_message (job)
                               ? ferry_migration_job_get_message (job) : "");
  if (stalled)
    gtk_widget_add_css_class (self->cancel_button, "destructive-action");
  else
    gtk_widget_remove_css_class (self->cancel_button, "destructive-action");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "migration.cancel", cancellable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "migration.apply-bandwidth",
                                 migrating || state == FERRY_MIGRATION_STATE_POSTCOPY);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "migration.apply-max-downtime", migrating);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "migration.start-postcopy",
                                 self->can_postcopy && state == FERRY_MIGRATION_STATE_MIGRATING);
  gtk_widget_set_visible (GTK_WIDGET (self->postcopy_row),
                          self->can_postcopy || state == FERRY_MIGRATION_STATE_POSTCOPY);
}

static void
job_notify_cb (FerryMigrationView *self,
               GParamSpec         *pspec)
{
  update_figures (self);
  update_state (self);
}

static void
update_title (FerryMigrationView *self)
{
  g_autofree char *title = NULL;

  if (self->job != NULL)
    /* Translators: "VM: source host → destination host" */
    title = g_strdup_printf (_("%s: %s → %s"),
                             ferry_migration_job_get_domain_name (self->job),
                             connection_name (ferry_migration_job_get_source (self->job)),
                             connection_name (ferry_migration_job_get_destination (self->job)));
  gtk_label_set_label (self->title_label, title ? title : "");
}

static void
confirm_response_cb (FerryMigrationView *self,
                     const char         *response,
                     AdwMessageDialog   *dialog)
{
  if (g_strcmp0 (response, "cancel") != 0 || self->job == NULL)
    return;

  self->cancel_requested = TRUE;
  ferry_migration_job_cancel (self->job);
  update_state (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FerryMigrationView *self = FERRY_MIGRATION_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->confirm_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->confirm_dialog));
      return;
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Cancel the Migration?"),
                                   _("The VM keeps running on the source."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Migrating"),
                                    "cancel", _("_Cancel Migration"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                              ADW_RESPONSE_DESTRUCTIVE);
  /* Enter or Escape must never abort a migration by accident. */
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self,
                           G_CONNECT_SWAPPED);

  self->confirm_dialog = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->confirm_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Bandwidth and maximum downtime: what the spin button says, applied to the
 * running migration. */
static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  FerryMigrationView *self = FERRY_MIGRATION_VIEW (widget);
  gboolean bandwidth = g_str_equal (action_name, "migration.apply-bandwidth");
  GtkSpinButton *spin = bandwidth ? self->bandwidth_spin : self->downtime_spin;
  guint64 value;

  gtk_spin_button_update (spin);
  value = (guint64)gtk_spin_button_get_value (spin);
  if (bandwidth)
    ferry_migration_job_set_bandwidth (self->job, value);
  else
    ferry_migration_job_set_max_downtime (self->job, value);
}

static void
start_postcopy_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  FerryMigrationView *self = FERRY_MIGRATION_VIEW (widget);

  ferry_migration_job_start_postcopy (self->job);
}

static void
recover_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FerryMigrationJob *job = FERRY_MIGRATION_JOB (object);

  /* The job's state and message tell the outcome, and the view follows them;
   * the window that started the first run no longer waits for this one. */
  ferry_migration_job_run_finish (job, result, NULL);
  ferry_migration_send_notification (job);
}

static void
recover_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FerryMigrationView *self = FERRY_MIGRATION_VIEW (widget);

  self->cancel_requested = FALSE;
  ferry_migration_job_recover_async (self->job, recover_done_cb, NULL);
}

static void
ferry_migration_view_dispose (GObject *object)
{
  FerryMigrationView *self = (FerryMigrationView *)object;

  if (self->confirm_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->confirm_dialog),
                                    (gpointer *)&self->confirm_dialog);
      gtk_window_destroy (GTK_WINDOW (self->confirm_dialog));
      self->confirm_dialog = NULL;
    }
  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  g_clear_object (&self->signals);
  g_clear_object (&self->bindings);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_MIGRATION_VIEW);
  g_clear_object (&self->job);

  G_OBJECT_CLASS (ferry_migration_view_parent_class)->dispose (object);
}

static void
ferry_migration_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FerryMigrationView *self = FERRY_MIGRATION_VIEW (object);

  switch (prop_id)
    {
    case PROP_JOB:
      g_value_set_object (value, self->job);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_migration_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FerryMigrationView *self = FERRY_MIGRATION_VIEW (object);

  switch (prop_id)
    {
    case PROP_JOB:
      ferry_migration_view_set_job (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_migration_view_class_init (FerryMigrationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ferry_migration_view_dispose;
  object_class->get_property = ferry_migration_view_get_property;
  object_class->set_property = ferry_migration_view_set_property;

  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL, FERRY_TYPE_MIGRATION_JOB,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FERRY_TYPE_EVENTS_VIEW);
  g_type_ensure (FERRY_TYPE_PROGRESS_CHART);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ferry-migration-view.ui");
  /* Bound so that gtk_widget_dispose_template() unparents it. */
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, scroller);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, title_label);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, outcome_box);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, outcome_icon);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, outcome_title);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, outcome_message);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, outcome_details);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, stalled_group);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, stalled_row);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, phase_label);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, percent_label);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, storage_box);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, storage_percent_label);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, storage_bar);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, storage_label);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, processed_label);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, remaining_label);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, total_label);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, speed_label);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, dirty_label);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, iteration_label);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, downtime_label);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, eta_label);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, chart);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, controls_group);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, bandwidth_spin);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, downtime_spin);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, postcopy_row);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, recover_button);
  gtk_widget_class_bind_template_child (widget_class, FerryMigrationView, events_view);

  gtk_widget_class_install_action (widget_class, "migration.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "migration.apply-bandwidth", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "migration.apply-max-downtime", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "migration.start-postcopy", NULL,
                                   start_postcopy_action);
  gtk_widget_class_install_action (widget_class, "migration.recover", NULL, recover_action);
}

static void
ferry_migration_view_init (FerryMigrationView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* QEMU's default maximum downtime; the bandwidth a 10 Gbit/s link gives. */
  gtk_spin_button_set_value (self->downtime_spin, 300);
  gtk_spin_button_set_value (self->bandwidth_spin, 1024);

  self->signals = g_signal_group_new (FERRY_TYPE_MIGRATION_JOB);
  g_signal_group_connect_swapped (self->signals, "notify", G_CALLBACK (job_notify_cb), self);
  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "fraction", self->progress_bar, "fraction",
                        G_BINDING_SYNC_CREATE);

  for (guint i = 0; i < 4; i++)
    {
      static const char *actions[] = {
        "migration.cancel", "migration.apply-bandwidth",
        "migration.apply-max-downtime", "migration.start-postcopy",
      };

      gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], FALSE);
    }
}

/**
 * ferry_migration_view_new:
 * @job: (nullable): the migration to show
 */
GtkWidget *
ferry_migration_view_new (FerryMigrationJob *job)
{
  g_return_val_if_fail (job == NULL || FERRY_IS_MIGRATION_JOB (job), NULL);

  return g_object_new (FERRY_TYPE_MIGRATION_VIEW, "job", job, NULL);
}

/**
 * ferry_migration_view_get_job:
 *
 * Returns: (transfer none) (nullable): the migration shown
 */
FerryMigrationJob *
ferry_migration_view_get_job (FerryMigrationView *self)
{
  g_return_val_if_fail (FERRY_IS_MIGRATION_VIEW (self), NULL);
  return self->job;
}

void
ferry_migration_view_set_job (FerryMigrationView *self,
                              FerryMigrationJob  *job)
{
  g_return_if_fail (FERRY_IS_MIGRATION_VIEW (self));
  g_return_if_fail (job == NULL || FERRY_IS_MIGRATION_JOB (job));

  if (!g_set_object (&self->job, job))
    return;

  self->cancel_requested = FALSE;
  /* Options, when given later, can tell more; the job knows this much. */
  self->can_postcopy = job != NULL && ferry_migration_job_get_postcopy_allowed (job);
  g_signal_group_set_target (self->signals, job);
  g_binding_group_set_source (self->bindings, job);
  ferry_progress_chart_set_job (self->chart, job);
  ferry_events_view_set_model (self->events_view,
                               job != NULL ? ferry_migration_job_get_events (job) : NULL);
  update_title (self);
  update_figures (self);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
}

/**
 * ferry_migration_view_set_options:
 * @options: the options the job was planned from
 *
 * The job keeps only what libvirt needs, so the view takes the rest from the
 * options: whether switching to post-copy is allowed (libvirt refuses it
 * unless the migration started with post-copy enabled), and the bandwidth
 * and maximum downtime to start the controls at.
 */
void
ferry_migration_view_set_options (FerryMigrationView    *self,
                                  FerryMigrationOptions *options)
{
  g_return_if_fail (FERRY_IS_MIGRATION_VIEW (self));
  g_return_if_fail (FERRY_IS_MIGRATION_OPTIONS (options));

  self->can_postcopy = ferry_migration_options_get_postcopy (options);
  if (ferry_migration_options_get_bandwidth (options) > 0)
    gtk_spin_button_set_value (self->bandwidth_spin,
                               (double)ferry_migration_options_get_bandwidth (options));
  if (ferry_migration_options_get_max_downtime (options) > 0)
    gtk_spin_button_set_value (self->downtime_spin,
                               (double)ferry_migration_options_get_max_downtime (options));
  update_state (self);
}

/**
 * ferry_migration_send_notification:
 * @job: a migration that has ended
 *
 * Tells the desktop how @job ended, when Ferry runs as an application: the
 * user has often looked away by the time a migration finishes. Does nothing
 * while the job still runs, or without a default #GApplication (tests).
 */
void
ferry_migration_send_notification (FerryMigrationJob *job)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;
  const char *name;

  g_return_if_fail (FERRY_IS_MIGRATION_JOB (job));

  if (app == NULL || !state_has_ended (ferry_migration_job_get_state (job)))
    return;

  name = ferry_migration_job_get_domain_name (job);
  switch (ferry_migration_job_get_state (job))
    {
    case FERRY_MIGRATION_STATE_COMPLETED:
      title = g_strdup_printf (_("%s Migrated"), name);
      break;
    case FERRY_MIGRATION_STATE_CANCELLED:
      title = g_strdup_printf (_("Migration of %s Cancelled"), name);
      break;
    case FERRY_MIGRATION_STATE_NEEDS_RECOVERY:
      title = g_strdup_printf (_("Migration of %s Needs Recovery"), name);
      break;
    case FERRY_MIGRATION_STATE_FAILED:
    case FERRY_MIGRATION_STATE_PREPARING:
    case FERRY_MIGRATION_STATE_MIGRATING:
    case FERRY_MIGRATION_STATE_POSTCOPY:
    case FERRY_MIGRATION_STATE_COMPLETING:
    default:
      title = g_strdup_printf (_("Migration of %s Failed"), name);
      break;
    }

  if (ferry_migration_job_get_state (job) == FERRY_MIGRATION_STATE_NEEDS_RECOVERY)
    body = g_strdup (ferry_migration_job_get_message (job));
  else
    body = describe_placement (job);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  if (ferry_migration_job_get_state (job) == FERRY_MIGRATION_STATE_FAILED ||
      ferry_migration_job_get_state (job) == FERRY_MIGRATION_STATE_NEEDS_RECOVERY)
    g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  id = g_strdup_printf ("migration-%s", name);
  g_application_send_notification (app, id, notification);
}
