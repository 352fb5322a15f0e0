/* ferry-host-page-menu.c — the context menu of the VM list: a right click,
 * a long press, or the Menu key (Shift+F10) on a row opens the VM actions
 * for that row. The menu holds the toolbar's actions and, as a section, the
 * More menu's own model, so the two menus cannot drift apart.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-host-page-private.h"

/* Whether @widget, or the row it is in, is selected: rows and their cells
 * carry the selected state, nothing else in the list does. */
static gboolean
in_selected_row (FerryHostPage *self,
                 GtkWidget     *widget)
{
  for (GtkWidget *w = widget; w != NULL && w != GTK_WIDGET (self->domains_view);
       w = gtk_widget_get_parent (w))
    if (gtk_widget_get_state_flags (w) & GTK_STATE_FLAG_SELECTED)
      return TRUE;
  return FALSE;
}

/* Makes the row holding @widget the one the menu acts on, as a click on it
 * would: it alone is selected, unless it is already part of the selection
 * (a right click on one of several selected VMs keeps them all). The row
 * takes the focus, so the keyboard goes on from there. Returns FALSE when
 * @widget is in no row (the column headers, the space under the rows). */
static gboolean
select_row_of (FerryHostPage *self,
               GtkWidget     *widget)
{
  if (!in_selected_row (self, widget) &&
      /* GtkListItem's own action: it knows the row's position, we do not. */
      !gtk_widget_activate_action (widget, "listitem.select", "(bb)", FALSE, FALSE))
    return FALSE;

  for (GtkWidget *w = widget; w != NULL && w != GTK_WIDGET (self->domains_view);
       w = gtk_widget_get_parent (w))
    if (gtk_widget_grab_focus (w))
      break;
  return TRUE;
}

static void
popup_at (FerryHostPage         *self,
          const graphene_rect_t *area)
{
  GdkRectangle rect = {
    (int)area->origin.x, (int)area->origin.y,
    MAX ((int)area->size.width, 1), MAX ((int)area->size.height, 1),
  };

  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

/* @gesture, a pointer or touch, at (@x, @y) in the list's coordinates. */
static void
popup_at_point (FerryHostPage *self,
                GtkGesture    *gesture,
                double         x,
                double         y)
{
  GtkWidget *list = GTK_WIDGET (self->domains_view);
  GtkWidget *picked = gtk_widget_pick (list, x, y, GTK_PICK_DEFAULT);
  graphene_point_t point;

  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  if (picked == NULL || !select_row_of (self, picked))
    return;
  if (!gtk_widget_compute_point (list, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  popup_at (self, &GRAPHENE_RECT_INIT (point.x, point.y, 1, 1));
}

static void
right_click_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                FerryHostPage   *self)
{
  popup_at_point (self, GTK_GESTURE (gesture), x, y);
}

static void
long_press_cb (GtkGestureLongPress *gesture,
               double               x,
               double               y,
               FerryHostPage       *self)
{
  popup_at_point (self, GTK_GESTURE (gesture), x, y);
}

/* The Menu key and Shift+F10: the menu of the row with the keyboard focus,
 * pointing at that row. Elsewhere on the page the keys do nothing. */
static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FerryHostPage *self = FERRY_HOST_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  graphene_rect_t bounds;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->domains_view)) ||
      !select_row_of (self, focus))
    return;
  if (!gtk_widget_compute_bounds (focus, widget, &bounds))
    return;
  popup_at (self, &bounds);
}

void
_ferry_host_page_init_menu (FerryHostPage *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();

  g_menu_append_section (self->context_model, NULL, self->more_menu);
  self->context_menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (self->context_model));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));

  /* The rows' own click gesture takes the primary button only. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (right_click_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->domains_view), GTK_EVENT_CONTROLLER (click));

  /* A mouse user has the right button; a long press is for touch. */
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect_object (long_press, "pressed", G_CALLBACK (long_press_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->domains_view), GTK_EVENT_CONTROLLER (long_press));
}

void
_ferry_host_page_dispose_menu (FerryHostPage *self)
{
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
}

void
_ferry_host_page_class_init_menu (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "vm.context-menu", NULL, context_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "vm.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "vm.context-menu", NULL);
}
