/* ferry-disk-group.c — one disk in the Disks window: where it lives, a safety badge, and
 * combo rows for its cache and I/O modes whose texts come from ferry-disk-cache.c.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-disk-group.h"

struct _FerryDiskGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Owned References */
  FerryDiskInfo       *disk;
  FerryDiskInfo       *live_disk;   /* the running VM's view of it, or NULL */

  /* Template Widgets */
  GtkLabel            *badge;
  AdwComboRow         *cache_row;
  AdwComboRow         *io_row;
  GtkLabel            *error_label;
  GtkLabel            *explanation_label;
};

enum {
  PROP_0,
  PROP_DISK,
  PROP_LIVE_DISK,
  PROP_CHANGED,
  PROP_VALID,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryDiskGroup, ferry_disk_group, ADW_TYPE_PREFERENCES_GROUP)

static GParamSpec *properties[N_PROPS];

/* The combo rows list the modes in enum order, so a position is a mode. */
static GListModel *
cache_names (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (FerryDiskCache c = FERRY_DISK_CACHE_DEFAULT; c <= FERRY_DISK_CACHE_UNSAFE; c++)
    gtk_string_list_append (list, c == FERRY_DISK_CACHE_DEFAULT ? _("Default")
                                                                : ferry_disk_cache_to_string (c));
  return G_LIST_MODEL (list);
}

static GListModel *
io_names (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (FerryDiskIo io = FERRY_DISK_IO_DEFAULT; io <= FERRY_DISK_IO_IO_URING; io++)
    gtk_string_list_append (list, io == FERRY_DISK_IO_DEFAULT ? _("Default")
                                                              : ferry_disk_io_to_string (io));
  return G_LIST_MODEL (list);
}

/* The badge rates what the disk means for a migration with the chosen mode. */
static void
update_badge (FerryDiskGroup *self)
{
  const FerryCacheRating *rating = ferry_disk_cache_rate (ferry_disk_group_get_cache (self));
  const char *text;
  const char *klass;

  if (!ferry_disk_info_get_writable (self->disk))
    {
      text = ferry_disk_info_get_empty (self->disk) ? _("Empty") : _("Read-only");
      klass = "state-shutoff";
    }
  else if (rating->migration == FERRY_SAFETY_GOOD)
    {
      text = _("Migration-safe");
      klass = "state-running";
    }
  else if (rating->migration == FERRY_SAFETY_CAUTION)
    {
      text = _("Check cache mode");
      klass = "state-paused";
    }
  else
    {
      text = _("Unsafe");
      klass = "state-other";
    }
  gtk_label_set_label (self->badge, text);
  /* The VM list's state pills: the same colours mean the same things. */
  gtk_widget_set_css_classes (GTK_WIDGET (self->badge),
                              (const char *[]) { "state-pill", klass, NULL });
}

static void
selection_changed_cb (FerryDiskGroup *self)
{
  FerryDiskCache cache = ferry_disk_group_get_cache (self);
  FerryDiskIo io = ferry_disk_group_get_io (self);
  const FerryCacheRating *rating = ferry_disk_cache_rate (cache);
  g_autoptr(GError) error = NULL;

  /* The rows get their models in init, before the disk is set. */
  if (self->disk == NULL)
    return;
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->cache_row), _(rating->summary));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->io_row), ferry_disk_io_summary (io));
  gtk_label_set_label (self->explanation_label, _(rating->explanation));

  /* QEMU's io/cache rule, said next to the rows that break it. */
  ferry_disk_mode_check (cache, io, &error);
  gtk_label_set_label (self->error_label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->io_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->io_row), "error");

  update_badge (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
}

/* "vda" as the title; where the data lives, the bus and format, and what the running VM
 * uses when it differs, as the description. */
static void
update_texts (FerryDiskGroup *self)
{
  FerryDiskInfo *d = self->disk;
  g_autofree char *source = ferry_disk_info_dup_source_label (d);
  g_autofree char *title = NULL;
  g_autoptr(GString) description = g_string_new (source);

  /* Translators: a disk's title: its target name and kind, e.g. "vda — disk" */
  title = g_strdup_printf (_("%s — %s"), ferry_disk_info_get_target (d),
                           ferry_disk_device_to_string (ferry_disk_info_get_device (d)));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), title);
  if (ferry_disk_info_get_bus (d) != NULL)
    g_string_append_printf (description, " · %s", ferry_disk_info_get_bus (d));
  if (ferry_disk_info_get_format (d) != NULL)
    g_string_append_printf (description, " · %s", ferry_disk_info_get_format (d));
  if (self->live_disk != NULL &&
      (ferry_disk_info_get_cache (self->live_disk) != ferry_disk_info_get_cache (d) ||
       ferry_disk_info_get_io (self->live_disk) != ferry_disk_info_get_io (d)))
    {
      g_string_append_c (description, '\n');
      /* Translators: the modes a running VM still uses; they change at its next boot */
      g_string_append_printf (description, _("Running with cache “%s” and I/O “%s” until its next boot"),
                              ferry_disk_cache_to_string (ferry_disk_info_get_cache (self->live_disk)),
                              ferry_disk_io_to_string (ferry_disk_info_get_io (self->live_disk)));
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description->str);
}

static void
ferry_disk_group_constructed (GObject *object)
{
  FerryDiskGroup *self = (FerryDiskGroup *)object;

  G_OBJECT_CLASS (ferry_disk_group_parent_class)->constructed (object);

  g_return_if_fail (self->disk != NULL);
  update_texts (self);
  adw_combo_row_set_selected (self->cache_row, ferry_disk_info_get_cache (self->disk));
  adw_combo_row_set_selected (self->io_row, ferry_disk_info_get_io (self->disk));
  selection_changed_cb (self);
}

static void
ferry_disk_group_dispose (GObject *object)
{
  FerryDiskGroup *self = (FerryDiskGroup *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_DISK_GROUP);
  g_clear_object (&self->disk);
  g_clear_object (&self->live_disk);

  G_OBJECT_CLASS (ferry_disk_group_parent_class)->dispose (object);
}

static void
ferry_disk_group_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FerryDiskGroup *self = FERRY_DISK_GROUP (object);

  switch (prop_id)
    {
    case PROP_DISK:
      g_value_set_object (value, self->disk);
      break;
    case PROP_LIVE_DISK:
      g_value_set_object (value, self->live_disk);
      break;
    case PROP_CHANGED:
      g_value_set_boolean (value, ferry_disk_group_get_changed (self));
      break;
    case PROP_VALID:
      g_value_set_boolean (value, ferry_disk_group_get_valid (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_disk_group_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FerryDiskGroup *self = FERRY_DISK_GROUP (object);

  switch (prop_id)
    {
    case PROP_DISK:
      self->disk = g_value_dup_object (value);
      break;
    case PROP_LIVE_DISK:
      self->live_disk = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_disk_group_class_init (FerryDiskGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ferry_disk_group_constructed;
  object_class->dispose = ferry_disk_group_dispose;
  object_class->get_property = ferry_disk_group_get_property;
  object_class->set_property = ferry_disk_group_set_property;

  properties[PROP_DISK] =
    g_param_spec_object ("disk", NULL, NULL, FERRY_TYPE_DISK_INFO,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIVE_DISK] =
    g_param_spec_object ("live-disk", NULL, NULL, FERRY_TYPE_DISK_INFO,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHANGED] =
    g_param_spec_boolean ("changed", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, TRUE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ferry-disk-group.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryDiskGroup, badge);
  gtk_widget_class_bind_template_child (widget_class, FerryDiskGroup, cache_row);
  gtk_widget_class_bind_template_child (widget_class, FerryDiskGroup, io_row);
  gtk_widget_class_bind_template_child (widget_class, FerryDiskGroup, error_label);
  gtk_widget_class_bind_template_child (widget_class, FerryDiskGroup, explanation_label);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
}

static void
ferry_disk_group_init (FerryDiskGroup *self)
{
  g_autoptr(GListModel) caches = cache_names ();
  g_autoptr(GListModel) ios = io_names ();

  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_model (self->cache_row, caches);
  adw_combo_row_set_model (self->io_row, ios);
}

/**
 * ferry_disk_group_new:
 * @live_disk: (nullable): the same disk in the running VM, when it runs
 */
GtkWidget *
ferry_disk_group_new (FerryDiskInfo *disk,
                      FerryDiskInfo *live_disk)
{
  g_return_val_if_fail (FERRY_IS_DISK_INFO (disk), NULL);

  return g_object_new (FERRY_TYPE_DISK_GROUP, "disk", disk, "live-disk", live_disk, NULL);
}

FerryDiskInfo *
ferry_disk_group_get_disk (FerryDiskGroup *self)
{
  g_return_val_if_fail (FERRY_IS_DISK_GROUP (self), NULL);
  return self->disk;
}

FerryDiskCache
ferry_disk_group_get_cache (FerryDiskGroup *self)
{
  guint selected;

  g_return_val_if_fail (FERRY_IS_DISK_GROUP (self), FERRY_DISK_CACHE_DEFAULT);
  selected = adw_combo_row_get_selected (self->cache_row);
  return selected == GTK_INVALID_LIST_POSITION ? FERRY_DISK_CACHE_DEFAULT : selected;
}

void
ferry_disk_group_set_cache (FerryDiskGroup *self,
                            FerryDiskCache  cache)
{
  g_return_if_fail (FERRY_IS_DISK_GROUP (self));
  adw_combo_row_set_selected (self->cache_row, cache);
}

FerryDiskIo
ferry_disk_group_get_io (FerryDiskGroup *self)
{
  guint selected;

  g_return_val_if_fail (FERRY_IS_DISK_GROUP (self), FERRY_DISK_IO_DEFAULT);
  selected = adw_combo_row_get_selected (self->io_row);
  return selected == GTK_INVALID_LIST_POSITION ? FERRY_DISK_IO_DEFAULT : selected;
}

void
ferry_disk_group_set_io (FerryDiskGroup *self,
                         FerryDiskIo     io)
{
  g_return_if_fail (FERRY_IS_DISK_GROUP (self));
  adw_combo_row_set_selected (self->io_row, io);
}

/* Whether the chosen modes differ from the VM's definition. */
gboolean
ferry_disk_group_get_changed (FerryDiskGroup *self)
{
  g_return_val_if_fail (FERRY_IS_DISK_GROUP (self), FALSE);
  return self->disk != NULL &&
         (ferry_disk_group_get_cache (self) != ferry_disk_info_get_cache (self->disk) ||
          ferry_disk_group_get_io (self) != ferry_disk_info_get_io (self->disk));
}

/* Whether QEMU would accept the chosen pair. */
gboolean
ferry_disk_group_get_valid (FerryDiskGroup *self)
{
  g_return_val_if_fail (FERRY_IS_DISK_GROUP (self), FALSE);
  return ferry_disk_mode_check (ferry_disk_group_get_cache (self), ferry_disk_group_get_io (self), NULL);
}
