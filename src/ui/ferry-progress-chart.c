/* ferry-progress-chart.c — a migration's transfer speed and remaining data
 * over time, from the job's statistics readings. Each line is scaled to its
 * own maximum: the shapes matter (is the remaining data falling? is the speed
 * steady?), and the exact figures are in the labels beside the chart.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-format.h"
#include "ferry-progress-chart.h"

#define PADDING      6.0
#define LEGEND_GAP   12.0
#define SWATCH_SIZE  10.0
#define N_GRID_LINES 4

struct _FerryProgressChart
{
  GtkWidget          parent_instance;

  /* Owned References */
  FerryMigrationJob *job;
  GSignalGroup      *signals;
};

enum {
  PROP_0,
  PROP_JOB,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryProgressChart, ferry_progress_chart, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

typedef guint64 (*SampleValue) (const FerryJobStats *stats);

static guint64
sample_speed (const FerryJobStats *stats)
{
  return stats->memory_bps + stats->disk_bps;
}

static guint64
sample_remaining (const FerryJobStats *stats)
{
  return stats->data_remaining;
}

/* GTK 4.8 has no gtk_widget_get_color(); the theme's named colors follow
 * light and dark styles and high contrast. */
static void
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *color,
              const char *fallback)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

static void
update_description (FerryProgressChart *self)
{
  const FerryJobStats *samples = NULL;
  g_autofree char *description = NULL;
  guint n = 0;

  if (self->job != NULL)
    samples = ferry_migration_job_get_samples (self->job, &n);

  if (n == 0)
    {
      description = g_strdup (_("Transfer speed and remaining data over time; no readings yet"));
    }
  else
    {
      g_autofree char *speed = ferry_format_speed (sample_speed (&samples[n - 1]));
      g_autofree char *remaining = ferry_format_bytes (sample_remaining (&samples[n - 1]));

      description = g_strdup_printf (ngettext ("Transfer speed and remaining data over time: "
                                               "%u reading, now %s with %s remaining",
                                               "Transfer speed and remaining data over time: "
                                               "%u readings, now %s with %s remaining", n),
                                     n, speed, remaining);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
sample_added_cb (FerryProgressChart *self)
{
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Where sample @i goes along the time axis, 0 to 1: by elapsed time when the
 * readings say it, by reading otherwise. */
static double
sample_x (const FerryJobStats *samples,
          guint                n,
          guint                i)
{
  guint64 first = samples[0].elapsed_ms;
  guint64 last = samples[n - 1].elapsed_ms;

  if (n < 2)
    return 1.0;
  if (last > first && samples[i].elapsed_ms >= first)
    return MIN (1.0, (double)(samples[i].elapsed_ms - first) / (double)(last - first));
  return (double)i / (double)(n - 1);
}

static void
draw_line (cairo_t             *cr,
           const graphene_rect_t *area,
           const FerryJobStats *samples,
           guint                n,
           SampleValue          value,
           const GdkRGBA       *color)
{
  guint64 max = 0;

  for (guint i = 0; i < n; i++)
    max = MAX (max, value (&samples[i]));
  if (max == 0)
    max = 1;

  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    {
      double x = area->origin.x + sample_x (samples, n, i) * area->size.width;
      double y = area->origin.y + area->size.height *
                 (1.0 - (double)value (&samples[i]) / (double)max);

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  if (n == 1)
    cairo_rel_line_to (cr, -1, 0);

  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 2.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (cr);
}

/* Draws one legend entry at @x and returns where the next one starts. */
static double
draw_legend_entry (FerryProgressChart *self,
                   GtkSnapshot        *snapshot,
                   double              x,
                   const GdkRGBA      *color,
                   const GdkRGBA      *text_color,
                   const char         *text,
                   double             *height)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width, layout_height;

  pango_layout_get_pixel_size (layout, &width, &layout_height);
  *height = MAX (*height, layout_height);

  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT (x, (layout_height - SWATCH_SIZE) / 2.0,
                                                  SWATCH_SIZE, SWATCH_SIZE));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + SWATCH_SIZE + 6, 0));
  gtk_snapshot_append_layout (snapshot, layout, text_color);
  gtk_snapshot_restore (snapshot);
  g_object_unref (layout);

  return x + SWATCH_SIZE + 6 + width + LEGEND_GAP;
}

static void
ferry_progress_chart_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  FerryProgressChart *self = FERRY_PROGRESS_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  const FerryJobStats *samples = NULL;
  guint n = 0;
  GdkRGBA fg, grid, speed_color, remaining_color;
  g_autofree char *speed_text = NULL;
  g_autofree char *remaining_text = NULL;
  double legend_height = 0;
  double x;
  graphene_rect_t area;
  cairo_t *cr;

  if (width <= 2 * PADDING || height <= 2 * PADDING)
    return;

  if (self->job != NULL)
    samples = ferry_migration_job_get_samples (self->job, &n);

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  grid = fg;
  grid.alpha *= 0.12;
  lookup_color (widget, "accent_color", &speed_color, "#1c71d8");
  lookup_color (widget, "warning_color", &remaining_color, "#c64600");

  if (n > 0)
    {
      g_autofree char *speed = ferry_format_speed (sample_speed (&samples[n - 1]));
      g_autofree char *remaining = ferry_format_bytes (sample_remaining (&samples[n - 1]));

      /* Translators: chart legend, e.g. "Speed 12.0 MiB/s" */
      speed_text = g_strdup_printf (_("Speed %s"), speed);
      /* Translators: chart legend, e.g. "Remaining 1.5 GiB" */
      remaining_text = g_strdup_printf (_("Remaining %s"), remaining);
    }
  else
    {
      speed_text = g_strdup (_("Speed"));
      remaining_text = g_strdup (_("Remaining"));
    }

  x = draw_legend_entry (self, snapshot, 0, &speed_color, &fg, speed_text, &legend_height);
  draw_legend_entry (self, snapshot, x, &remaining_color, &fg, remaining_text, &legend_height);

  area = GRAPHENE_RECT_INIT (PADDING, legend_height + 2 * PADDING,
                             width - 2 * PADDING, height - legend_height - 3 * PADDING);
  if (area.size.height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  gdk_cairo_set_source_rgba (cr, &grid);
  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i <= N_GRID_LINES; i++)
    {
      double y = area.origin.y + area.size.height * i / N_GRID_LINES;

      cairo_move_to (cr, area.origin.x, (int)y + 0.5);
      cairo_line_to (cr, area.origin.x + area.size.width, (int)y + 0.5);
    }
  cairo_stroke (cr);

  if (n > 0)
    {
      draw_line (cr, &area, samples, n, sample_remaining, &remaining_color);
      draw_line (cr, &area, samples, n, sample_speed, &speed_color);
    }
  cairo_destroy (cr);

  if (n == 0)
    {
      PangoLayout *layout = gtk_widget_create_pango_layout (widget, _("No readings yet"));
      GdkRGBA dim = fg;
      int w, h;

      dim.alpha *= 0.55;
      pango_layout_get_pixel_size (layout, &w, &h);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT ((width - w) / 2.0,
                                                    area.origin.y + (area.size.height - h) / 2.0));
      gtk_snapshot_append_layout (snapshot, layout, &dim);
      gtk_snapshot_restore (snapshot);
      g_object_unref (layout);
    }
}

static void
ferry_progress_chart_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 420;
    }
  else
    {
      *minimum = 120;
      *natural = 160;
    }
}

static void
ferry_progress_chart_dispose (GObject *object)
{
  FerryProgressChart *self = (FerryProgressChart *)object;

  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  g_clear_object (&self->signals);
  g_clear_object (&self->job);

  G_OBJECT_CLASS (ferry_progress_chart_parent_class)->dispose (object);
}

static void
ferry_progress_chart_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FerryProgressChart *self = FERRY_PROGRESS_CHART (object);

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
ferry_progress_chart_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FerryProgressChart *self = FERRY_PROGRESS_CHART (object);

  switch (prop_id)
    {
    case PROP_JOB:
      ferry_progress_chart_set_job (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_progress_chart_class_init (FerryProgressChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ferry_progress_chart_dispose;
  object_class->get_property = ferry_progress_chart_get_property;
  object_class->set_property = ferry_progress_chart_set_property;
  widget_class->snapshot = ferry_progress_chart_snapshot;
  widget_class->measure = ferry_progress_chart_measure;

  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL, FERRY_TYPE_MIGRATION_JOB,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "progresschart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ferry_progress_chart_init (FerryProgressChart *self)
{
  self->signals = g_signal_group_new (FERRY_TYPE_MIGRATION_JOB);
  g_signal_group_connect_swapped (self->signals, "sample-added",
                                  G_CALLBACK (sample_added_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Migration progress chart"),
                                  -1);
  update_description (self);
}

/**
 * ferry_progress_chart_new:
 * @job: (nullable): the migration to chart
 */
GtkWidget *
ferry_progress_chart_new (FerryMigrationJob *job)
{
  g_return_val_if_fail (job == NULL || FERRY_IS_MIGRATION_JOB (job), NULL);

  return g_object_new (FERRY_TYPE_PROGRESS_CHART, "job", job, NULL);
}

/**
 * ferry_progress_chart_get_job:
 *
 * Returns: (transfer none) (nullable): the migration charted
 */
FerryMigrationJob *
ferry_progress_chart_get_job (FerryProgressChart *self)
{
  g_return_val_if_fail (FERRY_IS_PROGRESS_CHART (self), NULL);
  return self->job;
}

void
ferry_progress_chart_set_job (FerryProgressChart *self,
                              FerryMigrationJob  *job)
{
  g_return_if_fail (FERRY_IS_PROGRESS_CHART (self));
  g_return_if_fail (job == NULL || FERRY_IS_MIGRATION_JOB (job));

  if (!g_set_object (&self->job, job))
    return;
  g_signal_group_set_target (self->signals, job);
  sample_added_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
}
