/* ferry-application.c
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-application.h"
#include "ferry-window.h"

struct _FerryApplication
{
  AdwApplication          parent_instance;

  GSettings              *settings;
  FerryConnectionManager *manager;
  FerryAskpassServer     *askpass;
  FerryStallProbe        *stall_probe;   /* NULL unless a benchmark asked for it */
};

G_DEFINE_FINAL_TYPE (FerryApplication, ferry_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_options[] = {
  { "connect", 'c', 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Connect to the libvirt host at URI (may be given more than once)"), N_("URI") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { NULL }
};

static FerryWindow *
get_or_create_window (FerryApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (ferry_window_new (self));
  return FERRY_WINDOW (window);
}

static void
ferry_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_or_create_window (FERRY_APPLICATION (app))));
}

static int
ferry_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("ferry %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static int
ferry_application_command_line (GApplication            *app,
                                GApplicationCommandLine *command_line)
{
  FerryApplication *self = FERRY_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree const char **uris = NULL;
  FerryConnection *first = NULL;
  FerryWindow *window;

  window = get_or_create_window (self);

  if (g_variant_dict_lookup (options, "connect", "^a&s", &uris))
    {
      for (guint i = 0; uris[i] != NULL; i++)
        {
          /* Connections from the command line are for this run only, as in virt-manager. */
          FerryConnection *c = ferry_connection_manager_add (self->manager, uris[i],
                                                             NULL, FALSE, FALSE);

          if (ferry_connection_get_state (c) == FERRY_CONNECTION_STATE_DISCONNECTED ||
              ferry_connection_get_state (c) == FERRY_CONNECTION_STATE_FAILED)
            ferry_connection_manager_connect (self->manager, c);
          if (first == NULL)
            first = c;
        }
    }

  gtk_window_present (GTK_WINDOW (window));
  if (first != NULL)
    ferry_window_select_connection (window, first);

  return 0;
}

/* ssh's prompts for qemu+ssh:// go through ferry-askpass to our dialog. */
static void
start_askpass (FerryApplication *self)
{
  const char *program = g_getenv ("FERRY_ASKPASS");
  g_autoptr(GError) error = NULL;

  if (program == NULL)
    program = LIBEXECDIR "/ferry-askpass";
  if (!g_file_test (program, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_debug ("askpass: %s not found; ssh prompts will not reach Ferry", program);
      return;
    }
  self->askpass = ferry_askpass_server_new (program, &error);
  if (self->askpass == NULL)
    {
      g_warning ("Cannot answer ssh prompts: %s", error->message);
      return;
    }
  ferry_askpass_server_export_environment (self->askpass);
  ferry_connection_manager_set_askpass_server (self->manager, self->askpass);
}

static void
ferry_application_startup (GApplication *app)
{
  FerryApplication *self = FERRY_APPLICATION (app);

  G_APPLICATION_CLASS (ferry_application_parent_class)->startup (app);

  /* Before Ferry's own start-up work, so the figures cover all of it. */
  self->stall_probe = ferry_stall_probe_new_from_environment ();
  ferry_core_init ();

  self->settings = g_settings_new (SCHEMA_ID);
  self->manager = ferry_connection_manager_new (self->settings);
  start_askpass (self);
  ferry_connection_manager_autoconnect (self->manager);

  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_BASE "/icons");
}

static void
ferry_application_shutdown (GApplication *app)
{
  FerryApplication *self = FERRY_APPLICATION (app);

  G_APPLICATION_CLASS (ferry_application_parent_class)->shutdown (app);

  g_clear_object (&self->manager);
  g_clear_object (&self->askpass);
  g_clear_object (&self->settings);
  g_clear_object (&self->stall_probe);
}

static void
ferry_application_class_init (FerryApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = ferry_application_activate;
  app_class->startup = ferry_application_startup;
  app_class->shutdown = ferry_application_shutdown;
  app_class->command_line = ferry_application_command_line;
  app_class->handle_local_options = ferry_application_handle_local_options;
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  FerryApplication *self = user_data;
  static const char *developers[] = { "The Ferry developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Ferry"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Ferry developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Move virtual machines between hosts safely"),
                        "website", "https://ferryvm.org",
                        "issue-url", "https://ferryvm.org/issues",
                        "developers", developers,
                        "copyright", "© 2026 The Ferry developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: replace with your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window != NULL)
    ferry_window_show_preferences (FERRY_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
  { "shortcuts", shortcuts_action },
  { "preferences", preferences_action },
};

static void
ferry_application_init (FerryApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_options);
  g_application_set_option_context_summary (G_APPLICATION (self),
    _("Ferry moves libvirt virtual machines between hosts."));
  g_application_set_option_context_description (G_APPLICATION (self),
    _("Examples:\n"
      "  ferry --connect qemu:///system\n"
      "  ferry --connect qemu+ssh://root@host-a/system --connect qemu+ssh://root@host-b/system"));

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         (const char *[]) { "<Control>question", NULL });
}

FerryApplication *
ferry_application_new (void)
{
  return g_object_new (FERRY_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_BASE,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       NULL);
}

/**
 * ferry_application_get_connection_manager:
 *
 * Returns: (transfer none): the connections of this run
 */
FerryConnectionManager *
ferry_application_get_connection_manager (FerryApplication *self)
{
  g_return_val_if_fail (FERRY_IS_APPLICATION (self), NULL);
  return self->manager;
}

GSettings *
ferry_application_get_settings (FerryApplication *self)
{
  g_return_val_if_fail (FERRY_IS_APPLICATION (self), NULL);
  return self->settings;
}
