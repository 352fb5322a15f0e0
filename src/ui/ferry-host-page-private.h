/* ferry-host-page-private.h — shared by ferry-host-page*.c
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-host-page.h"
#include "ferry-networks-view.h"
#include "ferry-pools-view.h"

G_BEGIN_DECLS

struct _FerryHostPage
{
  GtkWidget           parent_instance;

  /* Owned References */
  FerryConnection    *connection;
  GSignalGroup       *signals;

  /* Template Widgets */
  GtkStack           *stack;
  AdwStatusPage      *connecting_page;
  GtkSpinner         *connecting_spinner;
  AdwStatusPage      *failed_page;
  GtkLabel           *hostname_label;
  GtkLabel           *hypervisor_label;
  GtkLabel           *libvirt_label;
  GtkLabel           *cpus_label;
  GtkLabel           *memory_label;
  GtkSearchEntry     *search_entry;
  GtkColumnView      *domains_view;
  GtkColumnViewColumn *name_column;
  GtkFilterListModel *filter_model;
  GtkMultiSelection  *selection;
  AdwStatusPage      *disconnected_page;
  FerryPoolsView     *pools_view;
  FerryNetworksView  *networks_view;

  /* While a new listing is filtered and sorted, a tick callback on the
   * list holds it at its top (ferry-host-page-scroll.c). */
  guint               settle_tick;
  guint               settled_frames;

  /* The first selected VM, followed for state changes. */
  GSignalGroup       *selected_signals;

  /* The VM context menu (ferry-host-page-menu.c) */
  GMenu              *context_model;
  GMenuModel         *more_menu;
  GtkWidget          *context_menu;
};

/* ferry-host-page-menu.c */
void _ferry_host_page_class_init_menu (GtkWidgetClass *widget_class);
void _ferry_host_page_init_menu       (FerryHostPage  *self);
void _ferry_host_page_dispose_menu    (FerryHostPage  *self);

/* ferry-host-page-scroll.c */
void _ferry_host_page_init_scroll     (FerryHostPage  *self);

G_END_DECLS
