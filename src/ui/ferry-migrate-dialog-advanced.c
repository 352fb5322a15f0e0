/* ferry-migrate-dialog-advanced.c — the Migrate dialog's rarer options:
 * listen address, the disk data connection, zero-copy, post-copy bandwidth,
 * the timeout and its action, abort on I/O errors, change protection, and
 * the replacement definitions for the destination, typed in or read from a
 * file.
 *
 * Their rows are judged like every other row, by the table in
 * ferry-migrate-dialog-options.c; this file binds them and reads the files.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-migrate-dialog-private.h"

/* A domain definition is a few kilobytes; anything this big is the wrong
 * file, and would only make the dialog slow to show it. */
#define MAX_XML_SIZE (1024 * 1024)

typedef struct
{
  FerryMigrateDialog *self;
  char               *property;
} LoadXml;

static void
load_xml_free (LoadXml *load)
{
  g_object_unref (load->self);
  g_free (load->property);
  g_free (load);
}

static void
toast (FerryMigrateDialog *self,
       const char         *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
xml_loaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LoadXml *load = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (object));
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not read %s: %s"), name, error->message);

      toast (load->self, text);
    }
  else if (length > MAX_XML_SIZE || !g_utf8_validate_len (contents, length, NULL))
    {
      /* Translators: %s is a file name */
      g_autofree char *text = g_strdup_printf (_("%s is not a VM definition"), name);

      toast (load->self, text);
    }
  else
    {
      /* The XML goes in as the user's file has it; the options check that
       * it is well-formed and a <domain>, and say so under the pages. */
      g_object_set (load->self->options, load->property, contents, NULL);
    }
  load_xml_free (load);
}

/**
 * _ferry_migrate_dialog_load_xml:
 * @property: "destination-xml" or "persistent-xml"
 * @file: a file holding a domain definition
 *
 * Reads @file (without blocking) and sets @property to what it holds.
 */
void
_ferry_migrate_dialog_load_xml (FerryMigrateDialog *self,
                                const char         *property,
                                GFile              *file)
{
  LoadXml *load = g_new0 (LoadXml, 1);

  load->self = g_object_ref (self);
  load->property = g_strdup (property);
  g_file_load_contents_async (file, NULL, xml_loaded_cb, load);
}

static void
xml_chosen_cb (GtkNativeDialog    *chooser,
               int                 response,
               FerryMigrateDialog *self)
{
  const char *property = g_object_get_data (G_OBJECT (chooser), "property");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        _ferry_migrate_dialog_load_xml (self, property, file);
    }
  _ferry_migrate_dialog_dispose_advanced (self);
}

static void
choose_xml_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  FerryMigrateDialog *self = FERRY_MIGRATE_DIALOG (widget);
  const char *property = g_variant_get_string (parameter, NULL);
  gboolean persistent = g_str_equal (property, "persistent-xml");
  g_autoptr(GtkFileFilter) xml = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  g_return_if_fail (persistent || g_str_equal (property, "destination-xml"));

  _ferry_migrate_dialog_dispose_advanced (self);
  chooser = gtk_file_chooser_native_new (persistent ? _("Persistent Definition")
                                                    : _("Destination Definition"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (xml, _("XML Files"));
  gtk_file_filter_add_mime_type (xml, "application/xml");
  gtk_file_filter_add_mime_type (xml, "text/xml");
  gtk_file_filter_add_suffix (xml, "xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), xml);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  g_object_set_data_full (G_OBJECT (chooser), "property", g_strdup (property), g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (xml_chosen_cb), self, 0);
  self->xml_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->xml_chooser);
}

/* Closes the file chooser, if one is open. */
void
_ferry_migrate_dialog_dispose_advanced (FerryMigrateDialog *self)
{
  g_autoptr(GtkNativeDialog) chooser = g_steal_pointer (&self->xml_chooser);

  if (chooser != NULL)
    {
      g_signal_handlers_disconnect_by_func (chooser, xml_chosen_cb, self);
      gtk_native_dialog_destroy (chooser);
    }
}

void
_ferry_migrate_dialog_bind_advanced (FerryMigrateDialog *self)
{
  const GBindingFlags flags = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;
  GObject *o = G_OBJECT (self->options);

  _ferry_migrate_dialog_bind_text (self, "listen-address", self->listen_address_row, FALSE);
  _ferry_migrate_dialog_bind_text (self, "nbd-uri", self->nbd_uri_row, FALSE);
  _ferry_migrate_dialog_bind_text (self, "destination-xml",
                                   gtk_text_view_get_buffer (self->destination_xml_view), FALSE);
  _ferry_migrate_dialog_bind_text (self, "persistent-xml",
                                   gtk_text_view_get_buffer (self->persistent_xml_view), FALSE);
  _ferry_migrate_dialog_bind_combo (self, "timeout-action", self->timeout_action_row);

  g_object_bind_property (o, "nbd-port", self->nbd_port_spin, "value", flags);
  g_object_bind_property (o, "postcopy-bandwidth", self->postcopy_bandwidth_spin, "value", flags);
  g_object_bind_property (o, "timeout", self->timeout_spin, "value", flags);
  g_object_bind_property (o, "zerocopy", self->zerocopy_switch, "active", flags);
  g_object_bind_property (o, "abort-on-error", self->abort_on_error_switch, "active", flags);
  g_object_bind_property (o, "change-protection", self->change_protection_switch, "active", flags);
}

void
_ferry_migrate_dialog_class_init_advanced (GtkWidgetClass *widget_class)
{
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, FerryMigrateDialog, name)
  BIND (listen_address_row);
  BIND (destination_xml_row);
  BIND (destination_xml_view);
  BIND (persistent_xml_row);
  BIND (persistent_xml_view);
  BIND (nbd_port_row);
  BIND (nbd_port_spin);
  BIND (nbd_uri_row);
  BIND (zerocopy_row);
  BIND (zerocopy_switch);
  BIND (postcopy_bandwidth_row);
  BIND (postcopy_bandwidth_spin);
  BIND (timeout_row);
  BIND (timeout_spin);
  BIND (timeout_action_row);
  BIND (abort_on_error_row);
  BIND (abort_on_error_switch);
  BIND (change_protection_row);
  BIND (change_protection_switch);
#undef BIND

  gtk_widget_class_install_action (widget_class, "dialog.choose-xml", "s", choose_xml_action);
}
