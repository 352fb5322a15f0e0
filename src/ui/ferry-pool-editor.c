/* ferry-pool-editor.c — the "New NFS Pool" (and "Edit Pool") window: one row
 * per field of a FerryPoolConfig, each with its problem shown right under it,
 * and a Scan button that asks the host which exports the server offers. A
 * new pool's second page, "Other Hosts", chooses the open hosts that get the
 * same pool right after it is created here. Creating the pool, step by step,
 * is in ferry-pool-editor-create.c.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-pool-editor-private.h"

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (FerryPoolEditor, ferry_pool_editor, ADW_TYPE_WINDOW)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The combo rows' items, in the order of the .ui, as the config spells them. */
static const char *const formats[] = { "auto", "nfs", "glusterfs", "cifs" };
static const char *const versions[] = { "", "3", "4" };

static GListModel *
host_pools (FerryPoolEditor *self)
{
  return ferry_host_inventory_get_pools (ferry_connection_get_inventory (self->connection));
}

static gboolean
format_is_nfs (const char *format)
{
  return format[0] == '\0' || g_str_equal (format, "nfs") || g_str_equal (format, "auto");
}

/* Main thread. Shows the problem of every touched field under it (all of
 * them with @show_all) and returns whether the whole config is valid. */
gboolean
_ferry_pool_editor_check (FerryPoolEditor *self,
                          gboolean         show_all)
{
  gboolean valid = TRUE;
  GtkWidget *first_invalid = NULL;

  if (show_all)
    self->touched = (1u << FERRY_POOL_N_FIELDS) - 1;

  for (guint field = 0; field < FERRY_POOL_N_FIELDS; field++)
    {
      g_autofree char *message = ferry_pool_config_check_field (self->config, field,
                                                                host_pools (self));
      gboolean show = message != NULL && (self->touched & (1u << field)) != 0;

      valid &= message == NULL;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->errors[field]),
                                     message != NULL ? message : "");
      gtk_widget_set_visible (GTK_WIDGET (self->errors[field]), show);
      if (show)
        gtk_widget_add_css_class (self->inputs[field], "error");
      else
        gtk_widget_remove_css_class (self->inputs[field], "error");
      /* A screen reader reads the problem with the field. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->inputs[field]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      show ? message : "", -1);
      if (show && first_invalid == NULL)
        first_invalid = self->inputs[field];
    }
  if (show_all && first_invalid != NULL)
    gtk_widget_grab_focus (first_invalid);
  return valid;
}

static void
sync_format_rows (FerryPoolEditor *self)
{
  const char *format = ferry_pool_config_get_field (self->config, FERRY_POOL_FIELD_FORMAT);
  const char *version = ferry_pool_config_get_field (self->config,
                                                     FERRY_POOL_FIELD_PROTOCOL_VERSION);
  gboolean nfs = format_is_nfs (format);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (format, formats[i]))
      adw_combo_row_set_selected (self->format_row, i);
  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    if (g_str_equal (version, versions[i]))
      adw_combo_row_set_selected (self->version_row, i);

  /* The source is named differently for each file system. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->dir_row),
                                 nfs ? _("_Export path") :
                                 g_str_equal (format, "glusterfs") ? _("Gluster _volume") :
                                 _("_Share name"));
  /* The version is for NFS; left editable while it holds a value to clear. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->version_row), nfs || version[0] != '\0');
  gtk_widget_set_sensitive (GTK_WIDGET (self->scan_button), nfs);
}

static void
config_notify_cb (FerryPoolEditor *self,
                  GParamSpec      *pspec)
{
  for (guint field = 0; field < FERRY_POOL_N_FIELDS; field++)
    if (g_str_equal (pspec->name, ferry_pool_field_get_property_name (field)))
      self->touched |= 1u << field;
  sync_format_rows (self);
  _ferry_pool_editor_check (self, FALSE);
}

static void
format_selected_cb (FerryPoolEditor *self)
{
  guint i = adw_combo_row_get_selected (self->format_row);

  if (self->config != NULL && i < G_N_ELEMENTS (formats))
    ferry_pool_config_set_field (self->config, FERRY_POOL_FIELD_FORMAT, formats[i]);
}

static void
version_selected_cb (FerryPoolEditor *self)
{
  guint i = adw_combo_row_get_selected (self->version_row);

  if (self->config != NULL && i < G_N_ELEMENTS (versions))
    ferry_pool_config_set_field (self->config, FERRY_POOL_FIELD_PROTOCOL_VERSION, versions[i]);
}

/* ----------------------------------------------------------------- scan */

static void
scan_show_message (FerryPoolEditor *self,
                   const char      *message)
{
  gtk_label_set_text (self->scan_message, message);
  gtk_stack_set_visible_child_name (self->scan_stack, "message");
}

static void
scan_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(FerryPoolEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) exports = ferry_pool_scan_exports_finish (FERRY_CONNECTION (object), result,
                                                          &error);
  GtkWidget *child;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->scan_spinner);
  if (exports == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The exports could not be listed: %s"),
                                                  error->message);
      scan_show_message (self, message);
      return;
    }
  if (exports[0] == NULL)
    {
      scan_show_message (self, _("The server offers no exports to this host."));
      return;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->scan_list))) != NULL)
    gtk_list_box_remove (self->scan_list, child);
  for (guint i = 0; exports[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), exports[i]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->scan_list, row);
    }
  gtk_stack_set_visible_child_name (self->scan_stack, "list");
}

/* Each time the popover opens, the scan runs again: exports change. */
static void
scan_shown_cb (FerryPoolEditor *self)
{
  g_autofree char *problem = NULL;

  problem = ferry_pool_config_check_field (self->config, FERRY_POOL_FIELD_SOURCE_HOST, NULL);
  if (problem != NULL)
    {
      scan_show_message (self, problem);
      return;
    }
  gtk_stack_set_visible_child_name (self->scan_stack, "scanning");
  gtk_spinner_start (self->scan_spinner);
  ferry_pool_scan_exports_async (self->connection,
                                 ferry_pool_config_get_field (self->config,
                                                              FERRY_POOL_FIELD_SOURCE_HOST),
                                 self->cancellable, scan_cb, g_object_ref (self));
}

static void
export_activated_cb (FerryPoolEditor *self,
                     GtkListBoxRow   *row)
{
  const char *path = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

  ferry_pool_config_set_field (self->config, FERRY_POOL_FIELD_SOURCE_DIR, path);
  gtk_menu_button_popdown (self->scan_button);
  gtk_widget_grab_focus (GTK_WIDGET (self->dir_row));
}

/* --------------------------------------------------------------- object */

void
_ferry_pool_editor_set_form_sensitive (FerryPoolEditor *self,
                                       gboolean         sensitive)
{
  /* A focused entry made insensitive never gets its focus-out (GTK warns):
   * take the focus away first. */
  if (!sensitive)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pool_group), sensitive);
  gtk_widget_set_sensitive (GTK_WIDGET (self->source_group), sensitive);
  gtk_widget_set_sensitive (GTK_WIDGET (self->target_group), sensitive);
}

void
_ferry_pool_editor_set_busy (FerryPoolEditor *self,
                             gboolean         busy)
{
  if (self->busy == !!busy)
    return;
  self->busy = !!busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), !busy);
  /* The hosts to copy to stay open to change between tries, not during one. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->copy_list), !busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
_ferry_pool_editor_emit_finished (FerryPoolEditor *self)
{
  g_signal_emit (self, signals[FINISHED], 0,
                 ferry_pool_config_get_field (self->config, FERRY_POOL_FIELD_NAME));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _ferry_pool_editor_create (FERRY_POOL_EDITOR (widget));
}

static void
ferry_pool_editor_dispose (GObject *object)
{
  FerryPoolEditor *self = (FerryPoolEditor *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_POOL_EDITOR);
  g_clear_object (&self->config);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (ferry_pool_editor_parent_class)->dispose (object);
}

static void
ferry_pool_editor_finalize (GObject *object)
{
  FerryPoolEditor *self = (FerryPoolEditor *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->steps, g_ptr_array_unref);

  G_OBJECT_CLASS (ferry_pool_editor_parent_class)->finalize (object);
}

static void
ferry_pool_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FerryPoolEditor *self = FERRY_POOL_EDITOR (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, FerryPoolEditor, name)

static void
ferry_pool_editor_class_init (FerryPoolEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ferry_pool_editor_dispose;
  object_class->finalize = ferry_pool_editor_finalize;
  object_class->get_property = ferry_pool_editor_get_property;

  g_type_ensure (FERRY_TYPE_POOL_COPY_LIST);

  /* TRUE while the steps of Create run. */
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FerryPoolEditor::finished:
   * @name: the pool's name
   *
   * The pool was created (or saved); the window closes right after.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ferry-pool-editor.ui");
  BIND (name_row); BIND (host_row); BIND (dir_row); BIND (format_row); BIND (version_row);
  BIND (options_row); BIND (target_row); BIND (mode_row); BIND (owner_row); BIND (group_row);
  BIND (name_error); BIND (host_error); BIND (dir_error); BIND (format_error);
  BIND (version_error); BIND (options_error); BIND (target_error); BIND (mode_error);
  BIND (owner_error); BIND (group_error);
  BIND (autostart_row); BIND (autostart_switch);
  BIND (scan_button); BIND (scan_stack); BIND (scan_spinner); BIND (scan_message);
  BIND (scan_list);
  BIND (running_group); BIND (pool_group); BIND (source_group); BIND (target_group);
  BIND (progress_group); BIND (progress_list); BIND (create_button);
  BIND (switcher_title); BIND (view_stack); BIND (hosts_page); BIND (copy_list);
  gtk_widget_class_bind_template_callback (widget_class, format_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, version_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, scan_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_activated_cb);

  gtk_widget_class_install_action (widget_class, "editor.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

#undef BIND

static void
ferry_pool_editor_init (FerryPoolEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->inputs[FERRY_POOL_FIELD_NAME] = GTK_WIDGET (self->name_row);
  self->inputs[FERRY_POOL_FIELD_SOURCE_HOST] = GTK_WIDGET (self->host_row);
  self->inputs[FERRY_POOL_FIELD_SOURCE_DIR] = GTK_WIDGET (self->dir_row);
  self->inputs[FERRY_POOL_FIELD_FORMAT] = GTK_WIDGET (self->format_row);
  self->inputs[FERRY_POOL_FIELD_PROTOCOL_VERSION] = GTK_WIDGET (self->version_row);
  self->inputs[FERRY_POOL_FIELD_MOUNT_OPTIONS] = GTK_WIDGET (self->options_row);
  self->inputs[FERRY_POOL_FIELD_TARGET_PATH] = GTK_WIDGET (self->target_row);
  self->inputs[FERRY_POOL_FIELD_MODE] = GTK_WIDGET (self->mode_row);
  self->inputs[FERRY_POOL_FIELD_OWNER] = GTK_WIDGET (self->owner_row);
  self->inputs[FERRY_POOL_FIELD_GROUP] = GTK_WIDGET (self->group_row);
  self->errors[FERRY_POOL_FIELD_NAME] = self->name_error;
  self->errors[FERRY_POOL_FIELD_SOURCE_HOST] = self->host_error;
  self->errors[FERRY_POOL_FIELD_SOURCE_DIR] = self->dir_error;
  self->errors[FERRY_POOL_FIELD_FORMAT] = self->format_error;
  self->errors[FERRY_POOL_FIELD_PROTOCOL_VERSION] = self->version_error;
  self->errors[FERRY_POOL_FIELD_MOUNT_OPTIONS] = self->options_error;
  self->errors[FERRY_POOL_FIELD_TARGET_PATH] = self->target_error;
  self->errors[FERRY_POOL_FIELD_MODE] = self->mode_error;
  self->errors[FERRY_POOL_FIELD_OWNER] = self->owner_error;
  self->errors[FERRY_POOL_FIELD_GROUP] = self->group_error;
}

/**
 * ferry_pool_editor_new:
 * @connection: the host the pool is (or will be) defined on
 * @config: (nullable): an existing pool's definition to edit, or NULL for a
 *   new NFS pool
 * @running: whether that pool is running (it is then shown, not editable)
 *
 * Returns: (transfer none): the editor window, not yet shown
 */
FerryPoolEditor *
ferry_pool_editor_new (FerryConnection *connection,
                       FerryPoolConfig *config,
                       gboolean         running)
{
  FerryPoolEditor *self;

  g_return_val_if_fail (FERRY_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (config == NULL || FERRY_IS_POOL_CONFIG (config), NULL);

  self = g_object_new (FERRY_TYPE_POOL_EDITOR, NULL);
  self->connection = g_object_ref (connection);
  self->config = config != NULL ? g_object_ref (config) : ferry_pool_config_new ();
  self->editing = config != NULL;
  self->running = config != NULL && running;

  for (guint field = 0; field < FERRY_POOL_N_FIELDS; field++)
    if (ADW_IS_ENTRY_ROW (self->inputs[field]))
      g_object_bind_property (self->config, ferry_pool_field_get_property_name (field),
                              self->inputs[field], "text",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  sync_format_rows (self);
  g_signal_connect_object (self->config, "notify", G_CALLBACK (config_notify_cb), self,
                           G_CONNECT_SWAPPED);
  /* Hosts that already have a pool of the name being typed are greyed out. */
  g_object_bind_property (self->config, ferry_pool_field_get_property_name (FERRY_POOL_FIELD_NAME),
                          self->copy_list, "pool-name", G_BINDING_SYNC_CREATE);
  ferry_pool_copy_list_set_hosts (self->copy_list, NULL, connection);

  if (self->editing)
    {
      g_autofree char *title =
        g_strdup_printf (_("Pool “%s”"),
                         ferry_pool_config_get_field (self->config, FERRY_POOL_FIELD_NAME));

      gtk_window_set_title (GTK_WINDOW (self), title);
      gtk_button_set_label (self->create_button, _("_Save"));
      /* Saving changes this host only; "Define on Another Host…" copies. */
      adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
      adw_view_stack_page_set_visible (self->hosts_page, FALSE);
      /* libvirt keeps a pool by UUID and name together: renaming is a new pool. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->autostart_row), FALSE);
      /* Show what is wrong with a loaded definition at once. */
      _ferry_pool_editor_check (self, TRUE);
    }
  if (self->running)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->running_group), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->create_button), FALSE);
      _ferry_pool_editor_set_form_sensitive (self, FALSE);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->editing ? self->host_row : self->name_row));
  return self;
}

/**
 * ferry_pool_editor_get_config:
 *
 * Returns: (transfer none): the definition being edited
 */
FerryPoolConfig *
ferry_pool_editor_get_config (FerryPoolEditor *self)
{
  g_return_val_if_fail (FERRY_IS_POOL_EDITOR (self), NULL);
  return self->config;
}

gboolean
ferry_pool_editor_get_busy (FerryPoolEditor *self)
{
  g_return_val_if_fail (FERRY_IS_POOL_EDITOR (self), FALSE);
  return self->busy;
}

/**
 * ferry_pool_editor_set_manager:
 * @manager: (nullable): the open connections a new pool can also be defined
 *   on (the "Other Hosts" page)
 */
void
ferry_pool_editor_set_manager (FerryPoolEditor        *self,
                               FerryConnectionManager *manager)
{
  g_return_if_fail (FERRY_IS_POOL_EDITOR (self));
  g_return_if_fail (!self->busy);

  ferry_pool_copy_list_set_hosts (self->copy_list, manager, self->connection);
}
