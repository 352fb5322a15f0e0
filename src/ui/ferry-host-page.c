/* ferry-host-page.c — one host: its facts and its virtual machines.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-host-page.h"

struct _FerryHostPage
{
  GtkWidget           parent_instance;

  /* Owned References */
  FerryConnection    *connection;
  GSignalGroup       *signals;

  /* Template Widgets */
  GtkStack           *stack;
  AdwStatusPage      *connecting_page;
  AdwStatusPage      *failed_page;
  GtkLabel           *hostname_label;
  GtkLabel           *hypervisor_label;
  GtkLabel           *libvirt_label;
  GtkLabel           *cpus_label;
  GtkLabel           *memory_label;
  GtkSearchEntry     *search_entry;
  GtkColumnView      *domains_view;
  GtkColumnViewColumn *name_column;
  GtkFilterListModel *filter_model;
};

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryHostPage, ferry_host_page, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

/**
 * ferry_format_memory:
 * @bytes: an amount of memory
 *
 * Returns: (transfer full): @bytes in IEC units ("2.0 GiB"), as admins read RAM sizes
 */
char *
ferry_format_memory (guint64 bytes)
{
  return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
}

static char *
format_memory_cb (GObject *item,
                  guint64  bytes)
{
  return ferry_format_memory (bytes);
}

static char *
format_count_cb (GObject *item,
                 guint    count)
{
  return g_strdup_printf ("%u", count);
}

static GStrv
state_css_cb (GObject *item,
              int      state)
{
  const char *klass;

  switch ((FerryDomainState)state)
    {
    case FERRY_DOMAIN_STATE_RUNNING:
    case FERRY_DOMAIN_STATE_BLOCKED:
      klass = "state-running";
      break;
    case FERRY_DOMAIN_STATE_PAUSED:
    case FERRY_DOMAIN_STATE_PMSUSPENDED:
    case FERRY_DOMAIN_STATE_SHUTDOWN:
      klass = "state-paused";
      break;
    case FERRY_DOMAIN_STATE_SHUTOFF:
      klass = "state-shutoff";
      break;
    case FERRY_DOMAIN_STATE_CRASHED:
    case FERRY_DOMAIN_STATE_NOSTATE:
    default:
      klass = "state-other";
      break;
    }
  return g_strdupv ((char *[]) { (char *)"state-pill", (char *)klass, NULL });
}

static void
update_facts (FerryHostPage *self)
{
  FerryConnection *c = self->connection;
  g_autofree char *cpus = NULL;
  g_autofree char *total = NULL;
  g_autofree char *free_mem = NULL;
  g_autofree char *memory = NULL;

  if (c == NULL)
    return;

  cpus = g_strdup_printf ("%u × %s", ferry_connection_get_cpus (c),
                          ferry_connection_get_arch (c) ? ferry_connection_get_arch (c) : "?");
  total = ferry_format_memory (ferry_connection_get_memory_total (c));
  if (ferry_connection_get_memory_free (c) > 0)
    {
      free_mem = ferry_format_memory (ferry_connection_get_memory_free (c));
      /* Translators: host memory, e.g. "1.2 GiB free of 16.0 GiB" */
      memory = g_strdup_printf (_("%s free of %s"), free_mem, total);
    }
  else
    {
      /* Some drivers cannot tell free memory; show the total alone. */
      memory = g_steal_pointer (&total);
    }

  gtk_label_set_label (self->hostname_label, ferry_connection_get_hostname (c));
  gtk_label_set_label (self->hypervisor_label, ferry_connection_get_hypervisor (c));
  gtk_label_set_label (self->libvirt_label, ferry_connection_get_libvirt_version (c));
  gtk_label_set_label (self->cpus_label, cpus);
  gtk_label_set_label (self->memory_label, memory);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

static void
update_state (FerryHostPage *self)
{
  const char *page = "disconnected";

  if (self->connection == NULL)
    return;

  switch (ferry_connection_get_state (self->connection))
    {
    case FERRY_CONNECTION_STATE_CONNECTING:
    case FERRY_CONNECTION_STATE_AUTHENTICATING:
      page = "connecting";
      adw_status_page_set_description (self->connecting_page,
                                       ferry_connection_get_uri (self->connection));
      break;
    case FERRY_CONNECTION_STATE_CONNECTED:
      page = "connected";
      break;
    case FERRY_CONNECTION_STATE_FAILED:
      page = "failed";
      adw_status_page_set_description (self->failed_page,
                                       ferry_connection_get_error_message (self->connection));
      break;
    case FERRY_CONNECTION_STATE_DISCONNECTED:
    default:
      break;
    }
  gtk_stack_set_visible_child_name (self->stack, page);
  update_facts (self);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FerryHostPage *self = FERRY_HOST_PAGE (widget);

  if (self->connection != NULL)
    ferry_connection_open_async (self->connection, NULL, NULL, NULL);
}

static void
ferry_host_page_dispose (GObject *object)
{
  FerryHostPage *self = (FerryHostPage *)object;

  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  g_clear_object (&self->signals);
  g_clear_object (&self->connection);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_HOST_PAGE);

  G_OBJECT_CLASS (ferry_host_page_parent_class)->dispose (object);
}

static void
ferry_host_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FerryHostPage *self = FERRY_HOST_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->connection ?
                          ferry_connection_get_display_name (self->connection) : _("Ferry"));
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->connection ?
                          ferry_connection_get_uri (self->connection) : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_host_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FerryHostPage *self = FERRY_HOST_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      ferry_host_page_set_connection (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_host_page_class_init (FerryHostPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ferry_host_page_dispose;
  object_class->get_property = ferry_host_page_get_property;
  object_class->set_property = ferry_host_page_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, FERRY_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FERRY_TYPE_DOMAIN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ferry-host-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryHostPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FerryHostPage, connecting_page);
  gtk_widget_class_bind_template_child (widget_class, FerryHostPage, failed_page);
  gtk_widget_class_bind_template_child (widget_class, FerryHostPage, hostname_label);
  gtk_widget_class_bind_template_child (widget_class, FerryHostPage, hypervisor_label);
  gtk_widget_class_bind_template_child (widget_class, FerryHostPage, libvirt_label);
  gtk_widget_class_bind_template_child (widget_class, FerryHostPage, cpus_label);
  gtk_widget_class_bind_template_child (widget_class, FerryHostPage, memory_label);
  gtk_widget_class_bind_template_child (widget_class, FerryHostPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FerryHostPage, domains_view);
  gtk_widget_class_bind_template_child (widget_class, FerryHostPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, FerryHostPage, filter_model);
  gtk_widget_class_bind_template_callback (widget_class, format_memory_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_count_cb);
  gtk_widget_class_bind_template_callback (widget_class, state_css_cb);

  gtk_widget_class_install_action (widget_class, "host.connect", NULL, connect_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ferry_host_page_init (FerryHostPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->signals = g_signal_group_new (FERRY_TYPE_CONNECTION);
  g_signal_group_connect_swapped (self->signals, "notify::state",
                                  G_CALLBACK (update_state), self);
  g_signal_group_connect_swapped (self->signals, "notify::memory-free",
                                  G_CALLBACK (update_facts), self);
  g_signal_group_connect_swapped (self->signals, "notify::display-name",
                                  G_CALLBACK (update_facts), self);

  gtk_column_view_sort_by_column (self->domains_view, self->name_column, GTK_SORT_ASCENDING);
}

/**
 * ferry_host_page_get_connection:
 *
 * Returns: (transfer none) (nullable): the host shown
 */
FerryConnection *
ferry_host_page_get_connection (FerryHostPage *self)
{
  g_return_val_if_fail (FERRY_IS_HOST_PAGE (self), NULL);
  return self->connection;
}

void
ferry_host_page_set_connection (FerryHostPage   *self,
                                FerryConnection *connection)
{
  g_return_if_fail (FERRY_IS_HOST_PAGE (self));
  g_return_if_fail (!connection || FERRY_IS_CONNECTION (connection));

  if (!g_set_object (&self->connection, connection))
    return;

  g_signal_group_set_target (self->signals, connection);
  gtk_filter_list_model_set_model (self->filter_model,
                                   connection ? ferry_connection_get_domains (connection) : NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);
}
