/* ferry-domain-disks-ops.c — reading a VM's disks from a host and applying cache and I/O
 * modes to it. Every libvirt call runs in a GTask worker.
 *
 * Changes go to the persistent (inactive) definition with one virDomainDefineXML. For a
 * running VM each change is then tried live with virDomainUpdateDeviceFlags; QEMU's
 * libvirt driver refuses to change the cache or I/O mode of a running disk ("cannot
 * modify field 'cache' of the disk"), so the usual outcome is "takes effect at the next
 * boot", reported per disk with libvirt's reason.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ferry-connection-private.h"
#include "ferry-core-private.h"
#include "ferry-domain-disks-private.h"
#include "ferry-error.h"

typedef struct
{
  virConnectPtr  conn;
  char          *domain;
  GPtrArray     *changes;       /* FerryDiskChange; NULL: make migration-safe */
  /* Read results */
  char          *name;
  char          *inactive_xml;
  char          *live_xml;
} DisksData;

static void
disks_data_free (DisksData *data)
{
  if (data->conn != NULL)
    _ferry_conn_release (data->conn);
  g_free (data->domain);
  g_clear_pointer (&data->changes, g_ptr_array_unref);
  g_free (data->name);
  g_free (data->inactive_xml);
  g_free (data->live_xml);
  g_free (data);
}

void
ferry_domain_disks_free (FerryDomainDisks *disks)
{
  if (disks == NULL)
    return;
  g_clear_object (&disks->disks);
  g_clear_object (&disks->live_disks);
  g_free (disks->name);
  g_free (disks);
}

/* Runs @worker on a task holding a reference to @connection's libvirt connection and a
 * copy of @changes (NULL: make migration-safe). Refuses at once, without a worker, when
 * the host is not connected or a change breaks the io/cache rule. */
static void
disks_task_run (FerryConnection     *connection,
                const char          *domain,
                GPtrArray           *changes,
                gpointer             source_tag,
                GTaskThreadFunc      worker,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (connection, cancellable, callback, user_data);
  DisksData *data = g_new0 (DisksData, 1);
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify)disks_data_free);
  data->domain = g_strdup (domain);
  if (changes != NULL)
    data->changes = g_ptr_array_new_with_free_func ((GDestroyNotify)ferry_disk_change_free);
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      FerryDiskChange *change = g_ptr_array_index (changes, i);

      /* Refused before anything is sent, in the words of the rule. */
      if (!ferry_disk_mode_check (change->cache, change->io, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_ptr_array_add (data->changes, ferry_disk_change_new (change->target, change->cache,
                                                             change->io));
    }
  data->conn = _ferry_connection_ref_conn (connection);
  if (data->conn == NULL)
    {
      g_task_return_new_error (task, FERRY_ERROR, FERRY_ERROR_NOT_CONNECTED,
                               _("Not connected to %s"),
                               ferry_connection_get_display_name (connection));
      return;
    }
  g_task_run_in_thread (task, worker);
}

/* Worker: @domain is a UUID or a name. */
virDomainPtr
_ferry_domain_disks_lookup (virConnectPtr   conn,
                            const char     *domain,
                            GError        **error)
{
  virDomainPtr dom = NULL;

  if (g_uuid_string_is_valid (domain))
    dom = virDomainLookupByUUIDString (conn, domain);
  if (dom == NULL)
    dom = virDomainLookupByName (conn, domain);
  if (dom == NULL)
    ferry_set_error_from_libvirt (error, "virDomainLookupByName");
  return dom;
}

/* Worker: the persistent definition, and the running VM's XML when it runs. */
static gboolean
read_xml (virDomainPtr   dom,
          DisksData     *data,
          GError       **error)
{
  int active = virDomainIsActive (dom);

  g_clear_pointer (&data->inactive_xml, g_free);
  g_clear_pointer (&data->live_xml, g_free);
  data->inactive_xml = virDomainGetXMLDesc (dom, VIR_DOMAIN_XML_INACTIVE);
  if (data->inactive_xml != NULL && active == 1)
    data->live_xml = virDomainGetXMLDesc (dom, 0);
  if (data->inactive_xml == NULL || active < 0 || (active == 1 && data->live_xml == NULL))
    {
      ferry_set_error_from_libvirt (error, "virDomainGetXMLDesc");
      return FALSE;
    }
  return TRUE;
}

static void
read_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DisksData *data = task_data;
  g_autoptr(GError) error = NULL;
  virDomainPtr dom;

  FERRY_LIBVIRT_ENTER ();

  dom = _ferry_domain_disks_lookup (data->conn, data->domain, &error);
  if (dom != NULL)
    {
      data->name = g_strdup (virDomainGetName (dom));
      read_xml (dom, data, &error);
      virDomainFree (dom);
    }
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * ferry_domain_disks_read_async:
 *
 * Reads @domain's disks from its persistent definition and, when it runs, from the
 * running VM.
 */
void
ferry_domain_disks_read_async (FerryConnection     *connection,
                               const char          *domain,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_CONNECTION (connection));
  g_return_if_fail (domain != NULL);

  disks_task_run (connection, domain, NULL, ferry_domain_disks_read_async, read_worker,
                  cancellable, callback, user_data);
}

/**
 * ferry_domain_disks_read_finish:
 *
 * Returns: (transfer full): the disks; the objects are made here, on the caller's thread
 */
FerryDomainDisks *
ferry_domain_disks_read_finish (GAsyncResult  *result,
                                GError       **error)
{
  DisksData *data;
  g_autoptr(FerryDomainDisks) disks = NULL;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  data = g_task_get_task_data (G_TASK (result));
  disks = g_new0 (FerryDomainDisks, 1);
  disks->name = g_strdup (data->name);
  disks->active = data->live_xml != NULL;
  disks->disks = ferry_domain_disks_parse (data->inactive_xml, error);
  if (disks->disks == NULL)
    return NULL;
  if (data->live_xml != NULL)
    {
      disks->live_disks = ferry_domain_disks_parse (data->live_xml, error);
      if (disks->live_disks == NULL)
        return NULL;
    }
  return g_steal_pointer (&disks);
}

/* Worker: whether the running VM's disk @target already has the change's modes. */
static gboolean
live_has_modes (const char      *live_xml,
                FerryDiskChange *change)
{
  g_autoptr(GListStore) disks = ferry_domain_disks_parse (live_xml, NULL);

  for (guint i = 0; disks != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (disks)); i++)
    {
      g_autoptr(FerryDiskInfo) info = g_list_model_get_item (G_LIST_MODEL (disks), i);

      if (g_strcmp0 (ferry_disk_info_get_target (info), change->target) == 0)
        return ferry_disk_info_get_cache (info) == change->cache &&
               ferry_disk_info_get_io (info) == change->io;
    }
  return FALSE;
}

/* Worker: tries each change on the running VM and records what happened. */
static void
apply_live (virDomainPtr  dom,
            const char   *live_xml,
            GPtrArray    *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      FerryDiskChange *change = g_ptr_array_index (changes, i);
      g_autofree char *disk_xml = NULL;

      change->applied = FERRY_DISK_APPLIED_NEXT_BOOT;
      if (live_has_modes (live_xml, change))
        {
          change->applied = FERRY_DISK_APPLIED_LIVE;
          continue;
        }
      disk_xml = _ferry_domain_disks_disk_xml (live_xml, change->target, change->cache, change->io);
      if (disk_xml == NULL)
        {
          /* Added to the definition since the VM started. */
          change->live_error = g_strdup (_("The running VM has no such disk."));
          continue;
        }
      if (virDomainUpdateDeviceFlags (dom, disk_xml, VIR_DOMAIN_AFFECT_LIVE) == 0)
        change->applied = FERRY_DISK_APPLIED_LIVE;
      else
        {
          g_autoptr(GError) error = NULL;

          ferry_set_error_from_libvirt (&error, "virDomainUpdateDeviceFlags");
          change->live_error = g_strdup (error->message);
        }
    }
}

static void
apply_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  DisksData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_xml = NULL;
  virDomainPtr dom;
  virDomainPtr defined = NULL;

  FERRY_LIBVIRT_ENTER ();

  dom = _ferry_domain_disks_lookup (data->conn, data->domain, &error);
  if (dom == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (virDomainIsPersistent (dom) == 0)
    /* Defining it would turn a transient VM into a persistent one behind the user's back. */
    g_set_error (&error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT,
                 _("“%s” is a transient VM: it has no definition to change."),
                 virDomainGetName (dom));
  else if (read_xml (dom, data, &error))
    {
      if (data->changes == NULL)
        ferry_domain_disks_make_migration_safe (data->inactive_xml, &new_xml, &data->changes,
                                                &error);
      else
        new_xml = _ferry_domain_disks_apply_changes (data->inactive_xml, data->changes, &error);
    }

  if (error == NULL && data->changes->len > 0)
    {
      defined = virDomainDefineXML (data->conn, new_xml);
      if (defined == NULL)
        ferry_set_error_from_libvirt (&error, "virDomainDefineXML");
      else if (data->live_xml != NULL)
        apply_live (dom, data->live_xml, data->changes);
      else
        for (guint i = 0; i < data->changes->len; i++)
          ((FerryDiskChange *)g_ptr_array_index (data->changes, i))->applied = FERRY_DISK_APPLIED_CONFIG;
    }
  if (defined != NULL)
    virDomainFree (defined);
  virDomainFree (dom);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_ptr_array_ref (data->changes), (GDestroyNotify)g_ptr_array_unref);
}

/**
 * ferry_domain_disks_apply_async:
 * @changes: (element-type FerryDiskChange): the modes to set; not modified
 */
void
ferry_domain_disks_apply_async (FerryConnection     *connection,
                                const char          *domain,
                                GPtrArray           *changes,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_CONNECTION (connection));
  g_return_if_fail (domain != NULL && changes != NULL);

  disks_task_run (connection, domain, changes, ferry_domain_disks_apply_async, apply_worker,
                  cancellable, callback, user_data);
}

/**
 * ferry_domain_disks_apply_finish:
 *
 * Returns: (transfer full) (element-type FerryDiskChange): the changes, each saying
 *   whether it reached the running VM or waits for the next boot
 */
GPtrArray *
ferry_domain_disks_apply_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ferry_domain_disks_make_safe_async:
 *
 * Sets cache “none” on every writable disk that is not already migration-safe, in one
 * redefine (see ferry_domain_disks_make_migration_safe()).
 */
void
ferry_domain_disks_make_safe_async (FerryConnection     *connection,
                                    const char          *domain,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_CONNECTION (connection));
  g_return_if_fail (domain != NULL);

  disks_task_run (connection, domain, NULL, ferry_domain_disks_make_safe_async, apply_worker,
                  cancellable, callback, user_data);
}

/**
 * ferry_domain_disks_make_safe_finish:
 *
 * Returns: (transfer full) (element-type FerryDiskChange): the disks changed; empty
 *   when every writable disk was already safe (nothing was redefined)
 */
GPtrArray *
ferry_domain_disks_make_safe_finish (GAsyncResult  *result,
                                     GError       **error)
{
  /* Both operations return the same list. */
  return ferry_domain_disks_apply_finish (result, error);
}
