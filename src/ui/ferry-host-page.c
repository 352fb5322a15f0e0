/* ferry-host-page.c — one host: its facts and its virtual machines.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-disks-window.h"
#include "ferry-host-page-private.h"
#include "ferry-networks-view.h"
#include "ferry-pools-view.h"

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

  /* "8 × Skylake-Client (x86_64)", or the architecture alone when the driver
   * names no CPU model. */
  if (ferry_connection_get_cpu_model (c) != NULL)
    cpus = g_strdup_printf ("%u × %s (%s)", ferry_connection_get_cpus (c),
                            ferry_connection_get_cpu_model (c),
                            ferry_connection_get_arch (c) ? ferry_connection_get_arch (c) : "?");
  else
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

static const struct {
  const char        *name;
  FerryDomainAction  action;
} vm_actions[] = {
  { "vm.start", FERRY_DOMAIN_ACTION_START },
  { "vm.shutdown", FERRY_DOMAIN_ACTION_SHUTDOWN },
  { "vm.reboot", FERRY_DOMAIN_ACTION_REBOOT },
  { "vm.pause", FERRY_DOMAIN_ACTION_PAUSE },
  { "vm.resume", FERRY_DOMAIN_ACTION_RESUME },
  { "vm.force-off", FERRY_DOMAIN_ACTION_FORCE_OFF },
};

/* The selected VMs, in the list's order. */
static GListStore *
selected_domains (FerryHostPage *self)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  GListStore *domains = g_list_store_new (FERRY_TYPE_DOMAIN);
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  /* Gone while the template is disposed. */
  if (self->selection == NULL)
    return domains;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(FerryDomain) domain = g_list_model_get_item (model, position);

      if (domain != NULL)
        g_list_store_append (domains, domain);
    }
  return domains;
}

/* The first selected VM: the one single-VM questions are about. */
static FerryDomain *
selected_domain (FerryHostPage *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(FerryDomain) domain = NULL;

  if (self->selection == NULL)
    return NULL;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_is_empty (selected))
    return NULL;
  domain = g_list_model_get_item (G_LIST_MODEL (self->selection), gtk_bitset_get_minimum (selected));
  /* The list holds its own reference. */
  return domain;
}

static void
update_actions (FerryHostPage *self)
{
  g_autoptr(GListStore) domains = selected_domains (self);
  guint n_domains = g_list_model_get_n_items (G_LIST_MODEL (domains));
  FerryDomain *domain = selected_domain (self);
  gboolean connected = self->connection != NULL &&
    ferry_connection_get_state (self->connection) == FERRY_CONNECTION_STATE_CONNECTED;

  /* Start, Pause and the rest act on every selected VM, so they are on when
   * they fit at least one; the others are left alone. */
  for (guint i = 0; i < G_N_ELEMENTS (vm_actions); i++)
    {
      gboolean allowed = FALSE;

      for (guint k = 0; k < n_domains && !allowed; k++)
        {
          g_autoptr(FerryDomain) d = g_list_model_get_item (G_LIST_MODEL (domains), k);

          allowed = ferry_domain_action_allowed (vm_actions[i].action, d);
        }
      gtk_widget_action_set_enabled (GTK_WIDGET (self), vm_actions[i].name, connected && allowed);
    }
  /* Migrating needs a VM on a connected host; the dialog explains the rest. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vm.migrate", connected && domain != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vm.disks", connected && domain != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "host.cancel",
                                 self->connection != NULL &&
                                 (ferry_connection_get_state (self->connection) ==
                                  FERRY_CONNECTION_STATE_CONNECTING ||
                                  ferry_connection_get_reconnect_seconds (self->connection) > 0));
}

static void
selection_changed_cb (FerryHostPage *self)
{
  g_signal_group_set_target (self->selected_signals, selected_domain (self));
  update_actions (self);
}

static void
vm_action_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FerryHostPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ferry_connection_domain_action_finish (FERRY_CONNECTION (object), result, &error))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
}

static void
vm_action (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  FerryHostPage *self = FERRY_HOST_PAGE (widget);
  g_autoptr(GListStore) domains = selected_domains (self);
  GListModel *model = G_LIST_MODEL (domains);

  if (self->connection == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (vm_actions); i++)
    {
      if (!g_str_equal (action_name, vm_actions[i].name))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (model); k++)
        {
          g_autoptr(FerryDomain) domain = g_list_model_get_item (model, k);

          /* A VM the action does not fit (Start on a running one) is
           * skipped, not reported: the others were what was meant. */
          if (ferry_domain_action_allowed (vm_actions[i].action, domain))
            ferry_connection_domain_action_async (self->connection, domain, vm_actions[i].action,
                                                  NULL, vm_action_cb, g_object_ref (self));
        }
    }
}

static void
migrate_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  /* The window owns dialogs and the list of running migrations. */
  gtk_widget_activate_action (widget, "win.migrate", NULL);
}

/* The first selected VM's disks, in a window of their own over the main one. */
static void
disks_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  FerryHostPage *self = FERRY_HOST_PAGE (widget);
  FerryDomain *domain = selected_domain (self);
  FerryDisksWindow *window;

  if (self->connection == NULL || domain == NULL)
    return;
  /* By UUID: the name could be taken by another VM while the window is open. */
  window = ferry_disks_window_new (self->connection, ferry_domain_get_uuid (domain));
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (window));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FerryHostPage *self = FERRY_HOST_PAGE (widget);

  if (self->connection != NULL)
    ferry_connection_cancel (self->connection);
}

/* The reason the host is not connected, and when Ferry tries again. */
static char *
describe_problem (FerryConnection *c)
{
  const char *message = ferry_connection_get_error_message (c);
  guint seconds = ferry_connection_get_reconnect_seconds (c);
  g_autofree char *retry = NULL;

  if (seconds > 0)
    retry = g_strdup_printf (ngettext ("Trying again in %u second.", "Trying again in %u seconds.",
                                       seconds), seconds);
  if (message != NULL && retry != NULL)
    return g_strdup_printf ("%s\n%s", message, retry);
  return g_strdup (message ? message : retry);
}

static void
update_state (FerryHostPage *self)
{
  const char *page = "disconnected";
  g_autofree char *problem = NULL;

  if (self->connection == NULL)
    return;

  problem = describe_problem (self->connection);

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
      adw_status_page_set_description (self->failed_page, problem);
      break;
    case FERRY_CONNECTION_STATE_DISCONNECTED:
    default:
      adw_status_page_set_description (self->disconnected_page,
                                       problem ? problem : _("Ferry is not connected to this host."));
      break;
    }
  gtk_stack_set_visible_child_name (self->stack, page);
  /* Hidden, it would still animate and redraw the window every frame. */
  gtk_spinner_set_spinning (self->connecting_spinner, g_str_equal (page, "connecting"));
  update_facts (self);
  update_actions (self);
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

  /* The list empties as the template goes; nothing is left to follow. */
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  g_clear_object (&self->signals);
  if (self->selected_signals != NULL)
    g_signal_group_set_target (self->selected_signals, NULL);
  g_clear_object (&self->selected_signals);
  g_clear_object (&self->connection);
  _ferry_host_page_dispose_menu (self);
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
  g_type_ensure (FERRY_TYPE_POOLS_VIEW);
  g_type_ensure (FERRY_TYPE_NETWORKS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ferry-host-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryHostPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FerryHostPage, connecting_page);
  gtk_widget_class_bind_template_child (widget_class, FerryHostPage, connecting_spinner);
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
  gtk_widget_class_bind_template_child (widget_class, FerryHostPage, selection);
  gtk_widget_class_bind_template_child (widget_class, FerryHostPage, disconnected_page);
  gtk_widget_class_bind_template_child (widget_class, FerryHostPage, pools_view);
  gtk_widget_class_bind_template_child (widget_class, FerryHostPage, networks_view);
  gtk_widget_class_bind_template_child (widget_class, FerryHostPage, context_model);
  gtk_widget_class_bind_template_child (widget_class, FerryHostPage, more_menu);
  gtk_widget_class_bind_template_callback (widget_class, format_memory_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_count_cb);
  gtk_widget_class_bind_template_callback (widget_class, state_css_cb);

  gtk_widget_class_install_action (widget_class, "host.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "host.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "vm.migrate", NULL, migrate_action);
  gtk_widget_class_install_action (widget_class, "vm.disks", NULL, disks_action);
  for (guint i = 0; i < G_N_ELEMENTS (vm_actions); i++)
    gtk_widget_class_install_action (widget_class, vm_actions[i].name, NULL, vm_action);
  _ferry_host_page_class_init_menu (widget_class);
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
  g_signal_group_connect_swapped (self->signals, "notify::error-message",
                                  G_CALLBACK (update_state), self);
  g_signal_group_connect_swapped (self->signals, "notify::reconnect-seconds",
                                  G_CALLBACK (update_state), self);

  self->selected_signals = g_signal_group_new (FERRY_TYPE_DOMAIN);
  g_signal_group_connect_swapped (self->selected_signals, "notify::state",
                                  G_CALLBACK (update_actions), self);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  /* Rows come and go under the selection (the search, a VM undefined):
   * the first selected VM may change without a selection-changed. */
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  update_actions (self);
  _ferry_host_page_init_menu (self);
  _ferry_host_page_init_scroll (self);

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
  ferry_pools_view_set_connection (self->pools_view, connection);
  ferry_networks_view_set_model (self->networks_view, connection ?
                                 ferry_host_inventory_get_networks (ferry_connection_get_inventory (connection)) : NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);
}

/**
 * ferry_host_page_get_selected_domain:
 *
 * Returns: (transfer none) (nullable): the first VM selected in the list
 */
FerryDomain *
ferry_host_page_get_selected_domain (FerryHostPage *self)
{
  g_return_val_if_fail (FERRY_IS_HOST_PAGE (self), NULL);
  return selected_domain (self);
}

/**
 * ferry_host_page_get_selected_domains:
 *
 * Returns: (transfer full): the VMs selected in the list, in the list's
 *   order; empty when none is
 */
GListModel *
ferry_host_page_get_selected_domains (FerryHostPage *self)
{
  g_return_val_if_fail (FERRY_IS_HOST_PAGE (self), NULL);
  return G_LIST_MODEL (selected_domains (self));
}
