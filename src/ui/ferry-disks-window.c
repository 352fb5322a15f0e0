/* ferry-disks-window.c — a VM's disks with their cache and I/O modes: change them, or make
 * the VM migration-safe in one step. Opened from the VM list and from the readiness
 * checks' Fix button (ferry_disks_window_new()).
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-disk-group.h"
#include "ferry-disks-window.h"
#include "ferry-storage-move-window.h"

struct _FerryDisksWindow
{
  AdwWindow          parent_instance;

  /* Owned References */
  FerryConnection   *connection;
  char              *domain;
  GCancellable      *cancellable;
  GPtrArray         *groups;      /* FerryDiskGroup shown on the page */
  guint              busy : 1;

  /* Template Widgets */
  AdwWindowTitle    *window_title;
  GtkInfoBar        *running_bar;
  GtkLabel          *running_label;
  AdwToastOverlay   *toast_overlay;
  GtkStack          *stack;
  AdwStatusPage     *error_page;
  AdwPreferencesPage *page;
  AdwActionRow      *safe_row;
};

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_DOMAIN,
  PROP_BUSY,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryDisksWindow, ferry_disks_window, ADW_TYPE_WINDOW)

static GParamSpec *properties[N_PROPS];

static void
set_busy (FerryDisksWindow *self,
          gboolean          busy)
{
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Writable disks whose definition uses a cache mode "Make Safe" would change. */
static guint
count_unsafe (FerryDisksWindow *self)
{
  guint n = 0;

  for (guint i = 0; i < self->groups->len; i++)
    {
      FerryDiskInfo *d = ferry_disk_group_get_disk (g_ptr_array_index (self->groups, i));

      n += ferry_disk_info_get_writable (d) &&
           !ferry_disk_cache_migration_safe (ferry_disk_info_get_cache (d));
    }
  return n;
}

static void
update_actions (FerryDisksWindow *self)
{
  gboolean changed = FALSE;
  gboolean valid = TRUE;
  guint n_unsafe = count_unsafe (self);
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < self->groups->len; i++)
    {
      FerryDiskGroup *group = g_ptr_array_index (self->groups, i);

      changed |= ferry_disk_group_get_changed (group);
      valid &= ferry_disk_group_get_valid (group);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "disks.apply", !self->busy && changed && valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "disks.make-safe", !self->busy && n_unsafe > 0);

  if (n_unsafe > 0)
    subtitle = g_strdup_printf (ngettext ("Sets cache mode “none” on the %u writable disk that "
                                          "uses another mode, the mode every libvirt version "
                                          "migrates.",
                                          "Sets cache mode “none” on the %u writable disks that "
                                          "use another mode, the mode every libvirt version "
                                          "migrates.", n_unsafe), n_unsafe);
  else
    subtitle = g_strdup (_("Every writable disk already uses cache mode “none” or “directsync”."));
  adw_action_row_set_subtitle (self->safe_row, subtitle);
}

static void
clear_groups (FerryDisksWindow *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
}

static FerryDiskInfo *
find_live (GListStore    *live_disks,
           FerryDiskInfo *disk)
{
  for (guint i = 0; live_disks != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (live_disks)); i++)
    {
      g_autoptr(FerryDiskInfo) live = g_list_model_get_item (G_LIST_MODEL (live_disks), i);

      if (g_strcmp0 (ferry_disk_info_get_target (live), ferry_disk_info_get_target (disk)) == 0)
        return live;   /* the store keeps it */
    }
  return NULL;
}

static void
show_disks (FerryDisksWindow *self,
            FerryDomainDisks *disks)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (disks->disks));

  clear_groups (self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryDiskInfo) disk = g_list_model_get_item (G_LIST_MODEL (disks->disks), i);
      GtkWidget *group = ferry_disk_group_new (disk, find_live (disks->live_disks, disk));

      g_signal_connect_object (group, "notify::changed", G_CALLBACK (update_actions), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
      g_ptr_array_add (self->groups, group);
    }
  adw_window_title_set_subtitle (self->window_title, disks->name);
  gtk_info_bar_set_revealed (self->running_bar, disks->active);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "disks" : "empty");
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(FerryDisksWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryDomainDisks) disks = ferry_domain_disks_read_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (disks == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    show_disks (self, disks);
  set_busy (self, FALSE);
  update_actions (self);
}

/**
 * ferry_disks_window_reload:
 *
 * Reads the VM's disks again from its host.
 */
void
ferry_disks_window_reload (FerryDisksWindow *self)
{
  g_return_if_fail (FERRY_IS_DISKS_WINDOW (self));

  set_busy (self, TRUE);
  update_actions (self);
  if (self->groups->len == 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  ferry_domain_disks_read_async (self->connection, self->domain, self->cancellable,
                                 read_cb, g_object_ref (self));
}

/* A toast that says what happened to the changes; the info bar gets libvirt's reason
 * when the running VM kept its modes. */
static void
report_changes (FerryDisksWindow *self,
                GPtrArray        *done)
{
  guint n_next_boot = 0;
  const char *reason = NULL;
  g_autofree char *title = NULL;

  for (guint i = 0; i < done->len; i++)
    {
      FerryDiskChange *change = g_ptr_array_index (done, i);

      if (change->applied == FERRY_DISK_APPLIED_NEXT_BOOT)
        {
          n_next_boot++;
          reason = reason ? reason : change->live_error;
        }
    }

  if (done->len == 0)
    title = g_strdup (_("Every writable disk was already migration-safe"));
  else if (n_next_boot > 0)
    title = g_strdup_printf (ngettext ("Saved; %u disk takes effect at the next boot",
                                       "Saved; %u disks take effect at the next boot",
                                       n_next_boot), n_next_boot);
  else
    title = g_strdup_printf (ngettext ("%u disk changed", "%u disks changed", done->len), done->len);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));

  if (reason != NULL)
    {
      g_autofree char *text =
        /* Translators: %s is libvirt's reason, e.g. "cannot modify field 'cache' of the disk" */
        g_strdup_printf (_("This VM is running and keeps its current modes until its next boot "
                           "(shut it down and start it again); the new ones are saved in its "
                           "configuration. libvirt: %s"), reason);

      gtk_label_set_label (self->running_label, text);
    }
}

static void
changed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FerryDisksWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) done = ferry_domain_disks_apply_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (done == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      set_busy (self, FALSE);
      update_actions (self);
      return;
    }
  report_changes (self, done);
  ferry_disks_window_reload (self);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  FerryDisksWindow *self = FERRY_DISKS_WINDOW (widget);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify)ferry_disk_change_free);

  for (guint i = 0; i < self->groups->len; i++)
    {
      FerryDiskGroup *group = g_ptr_array_index (self->groups, i);

      if (ferry_disk_group_get_changed (group))
        g_ptr_array_add (changes,
                         ferry_disk_change_new (ferry_disk_info_get_target (ferry_disk_group_get_disk (group)),
                                                ferry_disk_group_get_cache (group),
                                                ferry_disk_group_get_io (group)));
    }
  set_busy (self, TRUE);
  update_actions (self);
  ferry_domain_disks_apply_async (self->connection, self->domain, changes, self->cancellable,
                                  changed_cb, g_object_ref (self));
}

static void
make_safe_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FerryDisksWindow *self = FERRY_DISKS_WINDOW (widget);

  set_busy (self, TRUE);
  update_actions (self);
  ferry_domain_disks_make_safe_async (self->connection, self->domain, self->cancellable,
                                      changed_cb, g_object_ref (self));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ferry_disks_window_reload (FERRY_DISKS_WINDOW (widget));
}

/* The move changes the disks this window shows: read them again when it closes. */
static void
move_storage_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FerryDisksWindow *self = FERRY_DISKS_WINDOW (widget);
  FerryStorageMoveWindow *window = ferry_storage_move_window_new (self->connection, self->domain);

  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  g_signal_connect_object (window, "destroy", G_CALLBACK (ferry_disks_window_reload), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

static void
ferry_disks_window_constructed (GObject *object)
{
  FerryDisksWindow *self = (FerryDisksWindow *)object;

  G_OBJECT_CLASS (ferry_disks_window_parent_class)->constructed (object);

  adw_window_title_set_subtitle (self->window_title, self->domain);
  ferry_disks_window_reload (self);
}

static void
ferry_disks_window_dispose (GObject *object)
{
  FerryDisksWindow *self = (FerryDisksWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_DISKS_WINDOW);
  g_clear_object (&self->connection);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ferry_disks_window_parent_class)->dispose (object);
}

static void
ferry_disks_window_finalize (GObject *object)
{
  FerryDisksWindow *self = (FerryDisksWindow *)object;

  g_free (self->domain);

  G_OBJECT_CLASS (ferry_disks_window_parent_class)->finalize (object);
}

static void
ferry_disks_window_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FerryDisksWindow *self = FERRY_DISKS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_DOMAIN:
      g_value_set_string (value, self->domain);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_disks_window_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FerryDisksWindow *self = FERRY_DISKS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;
    case PROP_DOMAIN:
      self->domain = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_disks_window_class_init (FerryDisksWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ferry_disks_window_constructed;
  object_class->dispose = ferry_disks_window_dispose;
  object_class->finalize = ferry_disks_window_finalize;
  object_class->get_property = ferry_disks_window_get_property;
  object_class->set_property = ferry_disks_window_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, FERRY_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOMAIN] =
    g_param_spec_string ("domain", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ferry-disks-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryDisksWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, FerryDisksWindow, running_bar);
  gtk_widget_class_bind_template_child (widget_class, FerryDisksWindow, running_label);
  gtk_widget_class_bind_template_child (widget_class, FerryDisksWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FerryDisksWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, FerryDisksWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, FerryDisksWindow, page);
  gtk_widget_class_bind_template_child (widget_class, FerryDisksWindow, safe_row);

  gtk_widget_class_install_action (widget_class, "disks.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "disks.make-safe", NULL, make_safe_action);
  gtk_widget_class_install_action (widget_class, "disks.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "disks.move-storage", NULL, move_storage_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ferry_disks_window_init (FerryDisksWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->groups = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ferry_disks_window_new:
 * @domain: the VM's name or UUID
 */
FerryDisksWindow *
ferry_disks_window_new (FerryConnection *connection,
                        const char      *domain)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (domain != NULL, NULL);

  return g_object_new (FERRY_TYPE_DISKS_WINDOW, "connection", connection, "domain", domain, NULL);
}

FerryConnection *
ferry_disks_window_get_connection (FerryDisksWindow *self)
{
  g_return_val_if_fail (FERRY_IS_DISKS_WINDOW (self), NULL);
  return self->connection;
}

const char *
ferry_disks_window_get_domain (FerryDisksWindow *self)
{
  g_return_val_if_fail (FERRY_IS_DISKS_WINDOW (self), NULL);
  return self->domain;
}

/* Whether a read or a change is on its way; the tests wait on it. */
gboolean
ferry_disks_window_get_busy (FerryDisksWindow *self)
{
  g_return_val_if_fail (FERRY_IS_DISKS_WINDOW (self), FALSE);
  return self->busy;
}
