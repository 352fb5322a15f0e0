/* ferry-connection-dialog.c — adds a host, or edits one: the user picks a
 * transport and fills in only the fields it takes, sees the URI they make,
 * and is told at once what is wrong with it (FerryUri's own message, on the
 * row at fault). A URI the form cannot show opens in Custom URI mode.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ferry-connection-dialog.h"

/* The transport row's items: the FerryUriTransport values in order, then
 * Custom URI. */
#define MODE_CUSTOM (FERRY_URI_TRANSPORT_UNIX + 1)

/* The daemon row's items. */
enum {
  PATH_SYSTEM,
  PATH_SESSION,
};

struct _FerryConnectionDialog
{
  AdwWindow        parent_instance;

  FerryUri        *uri;            /* the form's fields, plus parameters it keeps */
  char            *uri_string;     /* what the fields make, or the custom text */
  char            *error_message;  /* NULL when the URI is valid */
  guint            mode;           /* the transport row's item last shown */
  gboolean         loading;        /* rows are being filled in, not edited */

  GTask           *task;
  gulong           cancelled_id;
  char            *result_uri;
  char            *result_name;
  gboolean         result_autoconnect;

  /* Template Widgets */
  GtkButton       *add_button;
  AdwComboRow     *transport_row;
  AdwEntryRow     *user_row;
  AdwEntryRow     *host_row;
  AdwActionRow    *port_row;
  GtkSpinButton   *port_spin;
  AdwComboRow     *path_row;
  AdwEntryRow     *socket_row;
  AdwEntryRow     *custom_row;
  GtkLabel        *uri_label;
  GtkLabel        *error_label;
  AdwEntryRow     *name_row;
  GtkSwitch       *autoconnect_switch;
};

G_DEFINE_FINAL_TYPE (FerryConnectionDialog, ferry_connection_dialog, ADW_TYPE_WINDOW)

static const char *
editable_text (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

/* Visible rows only: a field the transport does not take never reaches the
 * URI, whatever was typed in it before the transport changed. An empty row
 * gives NULL: no field, not an empty one. */
static const char *
visible_text (gpointer row)
{
  const char *text = editable_text (row);

  return gtk_widget_get_visible (GTK_WIDGET (row)) && text[0] != '\0' ? text : NULL;
}

/* The port as typed so far: the spin button's value changes only when the
 * user presses Enter or leaves it, and the URI follows every keystroke. */
static guint
typed_port (FerryConnectionDialog *self)
{
  const char *text = editable_text (self->port_spin);
  guint64 port;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->port_row)))
    return 0;
  if (g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &port, NULL))
    return MIN (port, G_MAXUINT);
  return gtk_spin_button_get_value_as_int (self->port_spin);
}

/* Sets the port and its text, even when the value stays the same and the
 * spin button would leave what was typed. */
static void
show_port (FerryConnectionDialog *self,
           guint                  port)
{
  g_autofree char *text = port != 0 ? g_strdup_printf ("%u", port) : g_strdup (_("Default"));

  gtk_spin_button_set_value (self->port_spin, port);
  gtk_editable_set_text (GTK_EDITABLE (self->port_spin), text);
}

static void
show_rows (FerryConnectionDialog *self,
           guint                  mode)
{
  gboolean custom = mode == MODE_CUSTOM;
  gboolean remote = !custom && mode != FERRY_URI_TRANSPORT_LOCAL && mode != FERRY_URI_TRANSPORT_UNIX;
  gboolean user = mode == FERRY_URI_TRANSPORT_SSH ||
                  mode == FERRY_URI_TRANSPORT_LIBSSH ||
                  mode == FERRY_URI_TRANSPORT_LIBSSH2;

  gtk_widget_set_visible (GTK_WIDGET (self->user_row), user);
  gtk_widget_set_visible (GTK_WIDGET (self->host_row), remote);
  gtk_widget_set_visible (GTK_WIDGET (self->port_row), remote);
  gtk_widget_set_visible (GTK_WIDGET (self->path_row), !custom);
  gtk_widget_set_visible (GTK_WIDGET (self->socket_row), mode == FERRY_URI_TRANSPORT_UNIX);
  gtk_widget_set_visible (GTK_WIDGET (self->custom_row), custom);
  /* In Custom URI mode the URI row already shows the URI. */
  gtk_widget_set_visible (GTK_WIDGET (self->uri_label), !custom);
}

static void
read_rows (FerryConnectionDialog *self,
           guint                  mode)
{
  FerryUri *uri = self->uri;

  ferry_uri_set_driver (uri, "qemu");
  ferry_uri_set_transport (uri, mode);
  ferry_uri_set_user (uri, visible_text (self->user_row));
  ferry_uri_set_host (uri, visible_text (self->host_row));
  ferry_uri_set_port (uri, typed_port (self));
  ferry_uri_set_path (uri, adw_combo_row_get_selected (self->path_row) == PATH_SESSION
                           ? "session" : "system");
  ferry_uri_set_param (uri, "socket", visible_text (self->socket_row));
}

static GtkWidget *
row_at_fault (FerryConnectionDialog *self,
              FerryUriField          field)
{
  switch (field)
    {
    case FERRY_URI_FIELD_USER:
      return GTK_WIDGET (self->user_row);
    case FERRY_URI_FIELD_HOST:
      return GTK_WIDGET (self->host_row);
    case FERRY_URI_FIELD_PORT:
      return GTK_WIDGET (self->port_row);
    case FERRY_URI_FIELD_PATH:
      return GTK_WIDGET (self->path_row);
    case FERRY_URI_FIELD_PARAMS:
      return GTK_WIDGET (self->socket_row);
    case FERRY_URI_FIELD_DRIVER:
    case FERRY_URI_FIELD_TRANSPORT:
      return GTK_WIDGET (self->transport_row);
    case FERRY_URI_FIELD_NONE:
    default:
      return NULL;
    }
}

static void
update (FerryConnectionDialog *self)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->user_row), GTK_WIDGET (self->host_row), GTK_WIDGET (self->port_row),
    GTK_WIDGET (self->path_row), GTK_WIDGET (self->socket_row), GTK_WIDGET (self->custom_row),
    GTK_WIDGET (self->transport_row),
  };
  g_autoptr(GError) error = NULL;
  GtkWidget *fault = NULL;
  guint mode;

  if (self->loading)
    return;

  mode = adw_combo_row_get_selected (self->transport_row);
  show_rows (self, mode);
  g_clear_pointer (&self->uri_string, g_free);

  if (mode == MODE_CUSTOM)
    {
      self->uri_string = g_strdup (editable_text (self->custom_row));
      if (!ferry_uri_validate_custom (self->uri_string, &error))
        fault = GTK_WIDGET (self->custom_row);
    }
  else
    {
      FerryUriField field = FERRY_URI_FIELD_NONE;

      read_rows (self, mode);
      self->uri_string = ferry_uri_to_string (self->uri);
      if (!ferry_uri_validate_full (self->uri, &field, &error))
        fault = row_at_fault (self, field);
    }

  g_clear_pointer (&self->error_message, g_free);
  if (error != NULL)
    self->error_message = g_strdup (error->message);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (rows[i] == fault)
        gtk_widget_add_css_class (rows[i], "error");
      else
        gtk_widget_remove_css_class (rows[i], "error");
    }
  gtk_label_set_text (self->uri_label, self->uri_string);
  gtk_label_set_text (self->error_label, self->error_message ? self->error_message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->error_message != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.add", self->error_message == NULL);
}

/* Whether the form can show @uri exactly; anything else is edited as text. */
static gboolean
form_can_show (FerryUri *uri)
{
  return g_strcmp0 (ferry_uri_get_driver (uri), "qemu") == 0 &&
         ferry_uri_validate (uri, NULL) &&
         (ferry_uri_get_param (uri, "socket") == NULL ||
          ferry_uri_get_transport (uri) == FERRY_URI_TRANSPORT_UNIX);
}

/* Fills the rows from @uri, keeping its other parameters for the result. The
 * caller picks the transport row's item. */
static void
load_uri (FerryConnectionDialog *self,
          FerryUri              *uri)
{
  const char *socket = ferry_uri_get_param (uri, "socket");
  const char *user = ferry_uri_get_user (uri);
  const char *host = ferry_uri_get_host (uri);
  gboolean was_loading = self->loading;

  self->loading = TRUE;
  g_set_object (&self->uri, uri);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user ? user : "");
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), host ? host : "");
  show_port (self, ferry_uri_get_port (uri));
  adw_combo_row_set_selected (self->path_row,
                              g_strcmp0 (ferry_uri_get_path (uri), "session") == 0
                              ? PATH_SESSION : PATH_SYSTEM);
  gtk_editable_set_text (GTK_EDITABLE (self->socket_row), socket ? socket : "");
  self->loading = was_loading;
}

static void
transport_changed_cb (FerryConnectionDialog *self)
{
  guint mode;

  if (self->loading)
    return;

  mode = adw_combo_row_get_selected (self->transport_row);
  if (mode == MODE_CUSTOM && self->mode != MODE_CUSTOM)
    {
      /* Start from what the form made, to be edited further. */
      g_autofree char *text = ferry_uri_to_string (self->uri);

      self->loading = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->custom_row), text);
      self->loading = FALSE;
    }
  else if (mode != MODE_CUSTOM && self->mode == MODE_CUSTOM)
    {
      /* Bring what was typed back into the form when it fits; the transport
       * stays the one just chosen. */
      g_autoptr(FerryUri) typed = ferry_uri_new_from_string (editable_text (self->custom_row), NULL);

      if (typed != NULL && form_can_show (typed))
        load_uri (self, typed);
    }

  self->mode = mode;
  update (self);
}

static void
fields_changed_cb (FerryConnectionDialog *self)
{
  update (self);
}

/* A numeric spin button would refuse the "Default" that stands for port 0,
 * so the port row filters what is typed itself. */
static void
port_insert_text_cb (GtkEditable *text,
                     const char  *new_text,
                     int          length,
                     int         *position)
{
  g_autofree char *inserted = g_strndup (new_text, length < 0 ? strlen (new_text) : (gsize)length);

  if (g_strcmp0 (inserted, _("Default")) == 0)
    return;
  for (const char *p = inserted; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      {
        g_signal_stop_emission_by_name (text, "insert-text");
        gtk_widget_error_bell (GTK_WIDGET (text));
        return;
      }
}

static gboolean
port_output_cb (GtkSpinButton *spin)
{
  if (gtk_spin_button_get_value_as_int (spin) != 0)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (spin), _("Default"));
  return TRUE;
}

static int
port_input_cb (GtkSpinButton *spin,
               double        *value)
{
  const char *text = editable_text (spin);

  if (text[0] != '\0' && g_strcmp0 (text, _("Default")) != 0)
    return FALSE;
  *value = 0;
  return TRUE;
}

static void
complete (FerryConnectionDialog *self,
          gboolean               accepted)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (task == NULL)
    return;

  g_cancellable_disconnect (g_task_get_cancellable (task), self->cancelled_id);
  self->cancelled_id = 0;
  if (accepted)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "%s", _("The dialog was cancelled"));
}

static void
add_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FerryConnectionDialog *self = FERRY_CONNECTION_DIALOG (widget);
  g_autofree char *name = g_strstrip (g_strdup (editable_text (self->name_row)));

  if (self->error_message != NULL)
    return;

  g_free (self->result_uri);
  self->result_uri = g_strdup (self->uri_string);
  g_free (self->result_name);
  self->result_name = name[0] != '\0' ? g_steal_pointer (&name) : NULL;
  self->result_autoconnect = gtk_switch_get_active (self->autoconnect_switch);

  complete (self, TRUE);
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
ferry_connection_dialog_close_request (GtkWindow *window)
{
  GtkWindowClass *parent_class = GTK_WINDOW_CLASS (ferry_connection_dialog_parent_class);

  complete (FERRY_CONNECTION_DIALOG (window), FALSE);
  return parent_class->close_request != NULL && parent_class->close_request (window);
}

/* Destroyed by other means (with its parent, say): still an answer. This
 * cannot wait for dispose, which the running task's reference holds off. */
static void
ferry_connection_dialog_unrealize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ferry_connection_dialog_parent_class)->unrealize (widget);
  complete (FERRY_CONNECTION_DIALOG (widget), FALSE);
}

static void
ferry_connection_dialog_dispose (GObject *object)
{
  FerryConnectionDialog *self = (FerryConnectionDialog *)object;

  /* Rows going away still emit changes (the port commits on focus-out). */
  self->loading = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_CONNECTION_DIALOG);

  G_OBJECT_CLASS (ferry_connection_dialog_parent_class)->dispose (object);
}

static void
ferry_connection_dialog_finalize (GObject *object)
{
  FerryConnectionDialog *self = (FerryConnectionDialog *)object;

  g_clear_object (&self->uri);
  g_clear_pointer (&self->uri_string, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->result_uri, g_free);
  g_clear_pointer (&self->result_name, g_free);

  G_OBJECT_CLASS (ferry_connection_dialog_parent_class)->finalize (object);
}

static void
ferry_connection_dialog_class_init (FerryConnectionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ferry_connection_dialog_dispose;
  object_class->finalize = ferry_connection_dialog_finalize;
  widget_class->unrealize = ferry_connection_dialog_unrealize;
  window_class->close_request = ferry_connection_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ferry-connection-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, transport_row);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, port_row);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, port_spin);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, path_row);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, socket_row);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, custom_row);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, uri_label);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, autoconnect_switch);
  gtk_widget_class_bind_template_callback (widget_class, transport_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, fields_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, port_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, port_input_cb);

  gtk_widget_class_install_action (widget_class, "dialog.add", NULL, add_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ferry_connection_dialog_init (FerryConnectionDialog *self)
{
  GtkEditable *port_text;

  self->uri = ferry_uri_new ();
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  show_port (self, 0);
  self->loading = FALSE;

  /* The first field, not Cancel: Enter on a focused Cancel would cancel. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->transport_row));

  /* Enter in the port field adds, as it does in the text rows (GTK 4.8's
   * spin button has no activates-default of its own). */
  port_text = gtk_editable_get_delegate (GTK_EDITABLE (self->port_spin));
  gtk_text_set_activates_default (GTK_TEXT (port_text), TRUE);
  /* And takes digits only, as a numeric spin button would, but leaves room
   * for "Default". */
  g_signal_connect (port_text, "insert-text", G_CALLBACK (port_insert_text_cb), NULL);
  update (self);
}

static void
load_connection (FerryConnectionDialog *self,
                 FerryConnection       *connection)
{
  const char *uri = ferry_connection_get_uri (connection);
  const char *name = ferry_connection_get_display_name (connection);
  g_autoptr(FerryUri) parsed = ferry_uri_new_from_string (uri, NULL);
  guint mode = MODE_CUSTOM;

  self->loading = TRUE;
  if (parsed != NULL && form_can_show (parsed))
    {
      load_uri (self, parsed);
      mode = ferry_uri_get_transport (parsed);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->custom_row), uri);
    }
  adw_combo_row_set_selected (self->transport_row, mode);
  self->mode = mode;

  /* The display name falls back to the host name or the URI; only a name
   * the user gave belongs in the Name row. */
  if (g_strcmp0 (name, uri) != 0 &&
      g_strcmp0 (name, ferry_connection_get_hostname (connection)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  self->loading = FALSE;

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Connection"));
  gtk_button_set_label (self->add_button, _("_Save"));
  update (self);
}

/* Goes with its parent. Not GTK's destroy-with-parent: that leaves the
 * parent behind as transient-for, and a dialog the running task keeps alive
 * would later disconnect from the freed parent. */
static void
parent_destroyed_cb (FerryConnectionDialog *self)
{
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * ferry_connection_dialog_new:
 * @parent: (nullable): the window the dialog is modal for
 * @connection: (nullable): the connection to edit, or %NULL to add one
 *
 * Returns: (transfer none): the dialog, owned by GTK until it is destroyed
 */
FerryConnectionDialog *
ferry_connection_dialog_new (GtkWindow       *parent,
                             FerryConnection *connection)
{
  FerryConnectionDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (connection == NULL || FERRY_IS_CONNECTION (connection), NULL);

  self = g_object_new (FERRY_TYPE_CONNECTION_DIALOG, "transient-for", parent, NULL);
  if (parent != NULL)
    g_signal_connect_object (parent, "destroy", G_CALLBACK (parent_destroyed_cb), self,
                             G_CONNECT_SWAPPED);
  if (connection != NULL)
    load_connection (self, connection);
  return self;
}

/**
 * ferry_connection_dialog_set_autoconnect:
 *
 * Sets the "Connect automatically" switch; the connection does not know
 * whether it is connected at start, its manager does.
 */
void
ferry_connection_dialog_set_autoconnect (FerryConnectionDialog *self,
                                         gboolean               autoconnect)
{
  g_return_if_fail (FERRY_IS_CONNECTION_DIALOG (self));
  gtk_switch_set_active (self->autoconnect_switch, autoconnect);
}

/**
 * ferry_connection_dialog_get_uri:
 *
 * Returns: the URI as entered so far, valid or not
 */
const char *
ferry_connection_dialog_get_uri (FerryConnectionDialog *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION_DIALOG (self), NULL);
  return self->uri_string;
}

/**
 * ferry_connection_dialog_get_error_message:
 *
 * Returns: (nullable): what is wrong with the URI, as shown under the
 *   fields, or %NULL when it can be added
 */
const char *
ferry_connection_dialog_get_error_message (FerryConnectionDialog *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION_DIALOG (self), NULL);
  return self->error_message;
}

static gboolean
close_idle_cb (gpointer user_data)
{
  FerryConnectionDialog *self = user_data;

  if (self->task != NULL)
    gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable          *cancellable,
              FerryConnectionDialog *self)
{
  /* Closing from an idle: complete() disconnects this handler, and doing that
   * from inside the handler would deadlock. */
  g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (self), g_object_unref);
}

/**
 * ferry_connection_dialog_run_async:
 * @cancellable: (nullable): closes the dialog when cancelled
 *
 * Presents the dialog; @callback runs once it is answered, and the dialog is
 * destroyed by then.
 */
void
ferry_connection_dialog_run_async (FerryConnectionDialog *self,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  g_return_if_fail (FERRY_IS_CONNECTION_DIALOG (self));
  g_return_if_fail (self->task == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, ferry_connection_dialog_run_async);
  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb),
                                                self, NULL);
  gtk_window_present (GTK_WINDOW (self));
}

/**
 * ferry_connection_dialog_run_finish:
 * @uri: (out) (optional) (transfer full): the URI to connect to
 * @display_name: (out) (optional) (transfer full) (nullable): the name
 *   given, or %NULL for none
 * @autoconnect: (out) (optional): whether to connect at start
 *
 * Returns: %TRUE when the user pressed Add (or Save), %FALSE with
 *   %G_IO_ERROR_CANCELLED when the dialog was cancelled or closed
 */
gboolean
ferry_connection_dialog_run_finish (FerryConnectionDialog  *self,
                                    GAsyncResult           *result,
                                    char                  **uri,
                                    char                  **display_name,
                                    gboolean               *autoconnect,
                                    GError                **error)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION_DIALOG (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  if (uri != NULL)
    *uri = g_strdup (self->result_uri);
  if (display_name != NULL)
    *display_name = g_strdup (self->result_name);
  if (autoconnect != NULL)
    *autoconnect = self->result_autoconnect;
  return TRUE;
}
