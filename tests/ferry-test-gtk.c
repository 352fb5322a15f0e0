/* ferry-test-gtk.c
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-test-gtk.h"

typedef gboolean (*Match) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find (GtkWidget     *widget,
      Match          match,
      gconstpointer  data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
match_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static gboolean
match_mapped_type (GtkWidget     *widget,
                   gconstpointer  data)
{
  return match_type (widget, data) && gtk_widget_get_mapped (widget);
}

static gboolean
match_label (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

GtkWidget *
ferry_test_find_widget (GtkWidget *root,
                        GType      type)
{
  return find (root, match_type, GSIZE_TO_POINTER (type));
}

GtkWidget *
ferry_test_find_mapped (GtkWidget *root,
                        GType      type)
{
  return find (root, match_mapped_type, GSIZE_TO_POINTER (type));
}

GtkWidget *
ferry_test_find_button (GtkWidget  *root,
                        const char *label)
{
  return find (root, match_label, label);
}

void
ferry_test_press_button (GtkWidget  *root,
                         const char *label)
{
  GtkWidget *button = ferry_test_find_button (root, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
}
