/* ferry-connection-manager-rediscover.c — when a host connects or
 * reconnects, the migrations going out of it that this Ferry does not run
 * (its earlier self died, or ferry-migrate or virsh started them) become
 * adopted jobs in the jobs list, announced by FerryConnectionManager::job-discovered.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"


#include "ferry-connection-manager-private.h"
#include "ferry-domain.h"

/* The destination is the other open host that knows the VM (it arrives
 * there paused); NULL when none does. */
static FerryConnection *
find_destination (FerryConnectionManager *self,
                  FerryConnection        *source,
                  const char             *uuid)
{
  GListModel *connections = ferry_connection_manager_get_connections (self);

  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      g_autoptr(FerryConnection) c = g_list_model_get_item (connections, i);
      GListModel *domains = ferry_connection_get_domains (c);

      if (c == source || ferry_connection_get_state (c) != FERRY_CONNECTION_STATE_CONNECTED)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (domains); j++)
        {
          g_autoptr(FerryDomain) d = g_list_model_get_item (domains, j);

          if (g_strcmp0 (ferry_domain_get_uuid (d), uuid) == 0)
            return c;
        }
    }
  return NULL;
}

/* The same migration adopted again after its source came back: one row in
 * the jobs list, the job that follows it now. The lost job's words stay in
 * the events log and in its view, if one is open. */
static void
forget_lost_job (FerryConnectionManager *self,
                 const char             *uuid)
{
  GListModel *jobs = ferry_connection_manager_get_jobs (self);

  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr(FerryMigrationJob) job = g_list_model_get_item (jobs, i);

      if (ferry_migration_job_get_source_lost (job) &&
          g_strcmp0 (ferry_migration_job_get_domain_uuid (job), uuid) == 0)
        {
          g_list_store_remove (G_LIST_STORE (jobs), i);
          return;
        }
    }
}

static void
found_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  FerryConnection *source = FERRY_CONNECTION (object);
  g_autoptr(FerryConnectionManager) self = user_data;
  g_autoptr(GPtrArray) found = ferry_connection_find_migrations_finish (source, result, NULL);

  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      FerryFoundMigration *f = g_ptr_array_index (found, i);
      g_autoptr(FerryMigrationJob) job = NULL;

      /* A broken post-copy needs a person: the host page shows its state. */
      if (f->kind != FERRY_FOUND_RUNNING || ferry_migration_job_lookup_running (f->uuid) != NULL)
        continue;
      job = ferry_migration_job_new_attached (source, find_destination (self, source, f->uuid),
                                              f->uuid, f->name, NULL);
      ferry_migration_job_run_async (job, NULL, NULL);
      forget_lost_job (self, f->uuid);
      ferry_connection_manager_add_job (self, job);
      g_signal_emit_by_name (self, "job-discovered", job);
    }
}

void
_ferry_connection_manager_rediscover (FerryConnectionManager *self,
                                      FerryConnection        *connection)
{
  ferry_connection_find_migrations_async (connection, NULL, found_cb, g_object_ref (self));
}
