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

static gboolean
match_name (GtkWidget     *widget,
            gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

GtkWidget *
ferry_test_find_named (GtkWidget  *root,
                       const char *name)
{
  return find (root, match_name, name);
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

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

GtkWidget *
ferry_test_find_label (GtkWidget  *root,
                       const char *text)
{
  return find (root, is_label, text);
}

GtkWindow *
ferry_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) top = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (top, type))
        return top;
    }
  return NULL;
}

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds: layout, frames, animations. */
static void
settle (guint ms)
{
  gboolean over = FALSE;

  g_timeout_add (ms, set_flag_cb, &over);
  while (!over)
    g_main_context_iteration (NULL, TRUE);
}

void
ferry_test_flush (void)
{
  settle (200);
}

void
ferry_test_screenshot (GtkWidget  *widget,
                       const char *name)
{
  const char *dir = g_getenv ("FERRY_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  int width, height;

  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0755);
  for (guint i = 0; i < 100 && (!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0); i++)
    settle (50);
  settle (400);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  /* Never drawn (not on screen after 5 s): no picture, and say so. */
  if (node == NULL)
    {
      g_test_message ("no screenshot %s: nothing drawn", name);
      return;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s/%s.png", dir, name);
  gdk_texture_save_to_png (texture, file);
}
