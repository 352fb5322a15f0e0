/* ferry-host-page-scroll.c — the VM list opens at its top.
 *
 * The list filters and sorts incrementally, so that 5,000 VMs never freeze
 * the window. GTK's list view keeps its scroll anchor on the *item* shown at
 * the top and follows that item when the model moves it: as the first
 * listing got sorted, the VM first in the host's order (not the name order)
 * moved down the list and took the view with it, and the list opened
 * scrolled down to the middle. So while a new listing settles, the page
 * holds the list at its top.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-host-page-private.h"

/* Frames to hold the top once the listing settled: the view brings its
 * adjustment up to date with a moved item only when it lays out, and
 * setting the value the adjustment already (wrongly) has tells it nothing;
 * the frame after that layout can set it. */
#define SETTLED_FRAMES 2

static gboolean
list_settling (FerryHostPage *self)
{
  GtkSortListModel *sorted = GTK_SORT_LIST_MODEL (gtk_multi_selection_get_model (self->selection));

  return gtk_sort_list_model_get_pending (sorted) > 0 ||
         gtk_filter_list_model_get_pending (self->filter_model) > 0;
}

/* Runs before each frame's layout while a listing settles. */
static gboolean
hold_at_top (GtkWidget     *view,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  FerryHostPage *self = user_data;
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

  if (vadjustment != NULL)
    gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));
  if (list_settling (self))
    self->settled_frames = 0;
  else if (++self->settled_frames >= SETTLED_FRAMES)
    {
      self->settle_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
items_changed_cb (FerryHostPage *self,
                  guint          position,
                  guint          removed,
                  guint          added)
{
  /* The list empties as the template goes: nothing is left to show. */
  if (self->selection == NULL || self->domains_view == NULL)
    return;
  /* From empty to filled: a host listed its VMs (connected or reconnected).
   * A search typed later only starts from an empty list when it matched
   * nothing before, and then the top is right too. */
  if (added == 0 || g_list_model_get_n_items (G_LIST_MODEL (self->selection)) != added)
    return;
  self->settled_frames = 0;
  if (self->settle_tick == 0)
    self->settle_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->domains_view),
                                                      hold_at_top, self, NULL);
}

void
_ferry_host_page_init_scroll (FerryHostPage *self)
{
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
}
