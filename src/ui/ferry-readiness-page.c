/* ferry-readiness-page.c — the readiness checks' results, grouped by
 * severity (blockers, warnings, passed), one expander row per result with
 * its facts and, expanded, the explanation. A "Fix" button carries out host
 * fixes itself through core (defining a pool or network on the destination,
 * ejecting a medium, measuring the dirty rate) and says how it went in a
 * toast; fixes it cannot do (opening the disk cache editor, changing the
 * dialog's options) go out as ::fix-requested. Options fixes nobody handles
 * are applied to the readiness' options, which the results follow.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-readiness-page.h"

struct _FerryReadinessPage
{
  AdwBin                parent_instance;

  FerryReadiness       *readiness;
  GCancellable         *cancellable;
  GPtrArray            *rows;          /* rows added to the groups, to remove them */
  guint                 fixing;        /* fixes in flight */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkSpinner           *spinner;
  GtkLabel             *status_label;
  AdwPreferencesGroup  *blocker_group;
  AdwPreferencesGroup  *warning_group;
  AdwPreferencesGroup  *ok_group;
};

enum {
  PROP_0,
  PROP_READINESS,
  PROP_HAS_BLOCKERS,
  N_PROPS
};

enum {
  FIX_REQUESTED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (FerryReadinessPage, ferry_readiness_page, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_status (FerryReadinessPage *self)
{
  GListModel *results = self->readiness ? ferry_readiness_get_results (self->readiness) : NULL;
  gboolean running = (self->readiness && ferry_readiness_get_running (self->readiness)) || self->fixing > 0;
  guint n = results ? g_list_model_get_n_items (results) : 0;
  guint counts[3] = { 0 };
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryReadinessResult) result = g_list_model_get_item (results, i);

      counts[ferry_readiness_result_get_severity (result)]++;
    }
  if (running)
    text = g_strdup (self->fixing > 0 ? _("Fixing…") : _("Checking both hosts…"));
  else if (n == 0)
    text = g_strdup (_("Not checked yet"));
  else if (counts[FERRY_READINESS_BLOCKER] > 0)
    text = g_strdup_printf (ngettext ("%u problem blocks the migration", "%u problems block the migration",
                                      counts[FERRY_READINESS_BLOCKER]), counts[FERRY_READINESS_BLOCKER]);
  else if (counts[FERRY_READINESS_WARNING] > 0)
    text = g_strdup_printf (ngettext ("Ready to migrate, with %u warning", "Ready to migrate, with %u warnings",
                                      counts[FERRY_READINESS_WARNING]), counts[FERRY_READINESS_WARNING]);
  else
    text = g_strdup (_("Ready to migrate"));

  gtk_label_set_label (self->status_label, text);
  gtk_spinner_set_spinning (self->spinner, running);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "readiness.check", self->readiness != NULL && !running);
  gtk_widget_set_visible (GTK_WIDGET (self->blocker_group), counts[FERRY_READINESS_BLOCKER] > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_group), counts[FERRY_READINESS_WARNING] > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->ok_group), counts[FERRY_READINESS_OK] > 0);
}

static void
toast (FerryReadinessPage *self,
       const char         *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FerryReadinessPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ferry_readiness_run_finish (FERRY_READINESS (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
  update_status (self);
}

/**
 * ferry_readiness_page_check:
 *
 * Runs the checks again (the "Check Again" button).
 */
void
ferry_readiness_page_check (FerryReadinessPage *self)
{
  g_return_if_fail (FERRY_IS_READINESS_PAGE (self));

  if (self->readiness == NULL)
    return;
  ferry_readiness_run_async (self->readiness, self->cancellable, check_done_cb, g_object_ref (self));
  update_status (self);
}

static void
fix_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FerryReadinessPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  g_autofree char *text = NULL;

  self->fixing--;
  if (ferry_readiness_fix_finish (FERRY_READINESS (object), result, &report, &error))
    {
      text = g_strdup_printf (_("Fixed: %s"), report ? report : "");
      toast (self, g_strdelimit (text, "\n", ','));
      ferry_readiness_page_check (self);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      text = g_strdup_printf (_("Could not fix: %s"), error->message);
      toast (self, text);
      update_status (self);
    }
}

static void
fix_clicked_cb (GtkButton          *button,
                FerryReadinessPage *self)
{
  FerryReadinessResult *result = g_object_get_data (G_OBJECT (button), "ferry-result");
  gboolean handled = FALSE;

  switch (ferry_readiness_fix_kind (ferry_readiness_result_get_fix_id (result)))
    {
    case FERRY_READINESS_FIX_HOST:
      self->fixing++;
      gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
      ferry_readiness_fix_async (self->readiness, result, self->cancellable, fix_done_cb, g_object_ref (self));
      update_status (self);
      break;
    case FERRY_READINESS_FIX_OPTIONS:
      g_signal_emit (self, signals[FIX_REQUESTED], 0, result, &handled);
      if (!handled)
        ferry_readiness_apply_option_fix (self->readiness, result);
      break;
    case FERRY_READINESS_FIX_EDITOR:
      g_signal_emit (self, signals[FIX_REQUESTED], 0, result, &handled);
      if (!handled)
        toast (self, _("Open the VM’s disk settings to change its cache mode"));
      break;
    case FERRY_READINESS_FIX_NONE:
    default:
      break;
    }
}

static GtkWidget *
create_row (FerryReadinessPage   *self,
            FerryReadinessResult *result)
{
  GtkWidget *row = adw_expander_row_new ();
  const char *explanation = ferry_readiness_result_get_explanation (result);
  const char *fix_label = ferry_readiness_result_get_fix_label (result);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ferry_readiness_result_get_title (result));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), ferry_readiness_result_get_facts (result));
  adw_expander_row_set_icon_name (ADW_EXPANDER_ROW (row), ferry_readiness_result_get_icon_name (result));
  gtk_widget_set_name (row, ferry_readiness_result_get_id (result));
  if (explanation != NULL)
    {
      GtkWidget *label = gtk_label_new (explanation);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), label);
    }
  if (fix_label != NULL && ferry_readiness_fix_kind (ferry_readiness_result_get_fix_id (result)) != FERRY_READINESS_FIX_NONE)
    {
      GtkWidget *button = gtk_button_new_with_label (fix_label);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      if (ferry_readiness_result_get_severity (result) == FERRY_READINESS_BLOCKER)
        gtk_widget_add_css_class (button, "suggested-action");
      g_object_set_data_full (G_OBJECT (button), "ferry-result", g_object_ref (result), g_object_unref);
      g_signal_connect (button, "clicked", G_CALLBACK (fix_clicked_cb), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
    }
  return row;
}

static void
rebuild (FerryReadinessPage *self)
{
  GListModel *results;
  AdwPreferencesGroup *groups[] = { self->ok_group, self->warning_group, self->blocker_group };

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)), row);
    }
  g_ptr_array_set_size (self->rows, 0);

  results = self->readiness ? ferry_readiness_get_results (self->readiness) : NULL;
  for (guint i = 0; results != NULL && i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(FerryReadinessResult) result = g_list_model_get_item (results, i);
      GtkWidget *row = create_row (self, result);

      adw_preferences_group_add (groups[ferry_readiness_result_get_severity (result)], row);
      g_ptr_array_add (self->rows, row);
    }
  update_status (self);
}

static void
notify_has_blockers_cb (FerryReadinessPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_BLOCKERS]);
}

static void
disconnect_readiness (FerryReadinessPage *self)
{
  if (self->readiness == NULL)
    return;
  g_signal_handlers_disconnect_by_data (ferry_readiness_get_results (self->readiness), self);
  g_signal_handlers_disconnect_by_data (self->readiness, self);
  g_clear_object (&self->readiness);
}

/**
 * ferry_readiness_page_set_readiness:
 *
 * Shows @readiness' results and starts a check.
 */
void
ferry_readiness_page_set_readiness (FerryReadinessPage *self,
                                    FerryReadiness     *readiness)
{
  g_return_if_fail (FERRY_IS_READINESS_PAGE (self));
  g_return_if_fail (!readiness || FERRY_IS_READINESS (readiness));

  if (self->readiness == readiness)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  disconnect_readiness (self);
  if (readiness != NULL)
    {
      self->readiness = g_object_ref (readiness);
      g_signal_connect_swapped (ferry_readiness_get_results (readiness), "items-changed",
                                G_CALLBACK (rebuild), self);
      g_signal_connect_swapped (readiness, "notify::running", G_CALLBACK (update_status), self);
      g_signal_connect_swapped (readiness, "notify::has-blockers", G_CALLBACK (notify_has_blockers_cb), self);
    }
  rebuild (self);
  ferry_readiness_page_check (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READINESS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_BLOCKERS]);
}

FerryReadiness *
ferry_readiness_page_get_readiness (FerryReadinessPage *self)
{
  g_return_val_if_fail (FERRY_IS_READINESS_PAGE (self), NULL);
  return self->readiness;
}

/**
 * ferry_readiness_page_get_has_blockers:
 *
 * Returns: whether a blocker remains: the Migrate button binds to this
 */
gboolean
ferry_readiness_page_get_has_blockers (FerryReadinessPage *self)
{
  g_return_val_if_fail (FERRY_IS_READINESS_PAGE (self), FALSE);
  return self->readiness != NULL && ferry_readiness_has_blockers (self->readiness);
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ferry_readiness_page_check (FERRY_READINESS_PAGE (widget));
}

static void
ferry_readiness_page_dispose (GObject *object)
{
  FerryReadinessPage *self = (FerryReadinessPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  disconnect_readiness (self);
  /* No gtk_widget_dispose_template(): the template's root is AdwBin's own
   * child, which AdwBin unparents itself. */
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ferry_readiness_page_parent_class)->dispose (object);
}

static void
ferry_readiness_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FerryReadinessPage *self = FERRY_READINESS_PAGE (object);

  switch (prop_id)
    {
    case PROP_READINESS:
      g_value_set_object (value, self->readiness);
      break;
    case PROP_HAS_BLOCKERS:
      g_value_set_boolean (value, ferry_readiness_page_get_has_blockers (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_readiness_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FerryReadinessPage *self = FERRY_READINESS_PAGE (object);

  switch (prop_id)
    {
    case PROP_READINESS:
      ferry_readiness_page_set_readiness (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_readiness_page_class_init (FerryReadinessPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ferry_readiness_page_dispose;
  object_class->get_property = ferry_readiness_page_get_property;
  object_class->set_property = ferry_readiness_page_set_property;

  properties[PROP_READINESS] =
    g_param_spec_object ("readiness", NULL, NULL, FERRY_TYPE_READINESS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_BLOCKERS] =
    g_param_spec_boolean ("has-blockers", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FerryReadinessPage::fix-requested:
   * @result: the result whose "Fix" button was pressed
   *
   * A fix the page cannot carry out alone: an editor ("make-migration-safe")
   * or a change of the migration options ("choose-copy-storage",
   * "choose-offline", "apply-preset"). Return %TRUE when handled; otherwise
   * the page applies options fixes to the readiness' options itself.
   */
  signals[FIX_REQUESTED] =
    g_signal_new ("fix-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, FERRY_TYPE_READINESS_RESULT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/ferryvm/Ferry/ui/ferry-readiness-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryReadinessPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FerryReadinessPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, FerryReadinessPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, FerryReadinessPage, blocker_group);
  gtk_widget_class_bind_template_child (widget_class, FerryReadinessPage, warning_group);
  gtk_widget_class_bind_template_child (widget_class, FerryReadinessPage, ok_group);
  gtk_widget_class_install_action (widget_class, "readiness.check", NULL, check_action);
}

static void
ferry_readiness_page_init (FerryReadinessPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  update_status (self);
}

/**
 * ferry_readiness_page_new:
 * @readiness: (nullable): what to check
 *
 * Returns: (transfer full): a new page; it checks @readiness at once
 */
GtkWidget *
ferry_readiness_page_new (FerryReadiness *readiness)
{
  return g_object_new (FERRY_TYPE_READINESS_PAGE, "readiness", readiness, NULL);
}
