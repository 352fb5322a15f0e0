/* ferry-test-gtk.h — finding and pressing widgets in UI tests, as a user would.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The first widget of @type in @root's tree (depth first), or NULL. */
GtkWidget *ferry_test_find_widget (GtkWidget  *root,
                                   GType       type);
/* The first widget of @type that is on screen (mapped), or NULL. */
GtkWidget *ferry_test_find_mapped (GtkWidget  *root,
                                   GType       type);
/* The first widget whose name (gtk_widget_set_name) is @name, or NULL. */
GtkWidget *ferry_test_find_named  (GtkWidget  *root,
                                   const char *name);
/* The first GtkButton whose label is @label, or NULL. */
GtkWidget *ferry_test_find_button (GtkWidget  *root,
                                   const char *label);
/* The first GtkLabel whose label is exactly @text, or NULL. */
GtkWidget *ferry_test_find_label  (GtkWidget  *root,
                                   const char *text);
/* Finds the button labelled @label, checks it can be pressed, presses it. */
void       ferry_test_press_button (GtkWidget  *root,
                                    const char *label);

/* The first toplevel window of @type, or NULL. */
GtkWindow *ferry_test_find_toplevel (GType      type);
/* Lets GTK lay out and draw (about 0.2 s of the main loop). */
void       ferry_test_flush        (void);
/* Saves FERRY_SCREENSHOT_DIR/NAME.png of @widget, once it is on screen and
 * laid out, to look at; does nothing without FERRY_SCREENSHOT_DIR. */
void       ferry_test_screenshot   (GtkWidget  *widget,
                                    const char *name);

G_END_DECLS
