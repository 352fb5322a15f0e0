/* ferry-connection-manager-rediscover.c — when a host connects or
 * reconnects, the migrations going out of it that this Ferry does not run
 * (its earlier self died, or ferry-migrate or virsh started them) become
 * adopted jobs in the jobs list, announced by FerryConnectionManager::job-discovered.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"


#include <libvirt/libvirt.h>

#include "ferry-connection-manager-private.h"
#include "ferry-domain.h"
#include "ferry-migration-settle.h"

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

/* A post-copy migration found broken: shown with what to do, and Recover
 * tries the usual post-copy flags (a Ferry that did not start it cannot know
 * the exact ones; libvirt refuses a resume whose flags do not match). */
static FerryMigrationJob *
broken_job (FerryConnection     *source,
            FerryConnection     *destination,
            FerryFoundMigration *f)
{
  FerryMigrationPlan plan = { 0 };

  plan.flags = VIR_MIGRATE_LIVE | VIR_MIGRATE_POSTCOPY | VIR_MIGRATE_PERSIST_DEST | VIR_MIGRATE_UNDEFINE_SOURCE;
  plan.postcopy_after = -1;
  plan.destination_uri = destination != NULL ? g_strdup (ferry_connection_get_uri (destination)) : NULL;
  return ferry_migration_job_new_broken (source, destination, f->uuid, f->name, &plan);
}

typedef struct
{
  FerryConnectionManager *self;
  FerryConnection        *destination;   /* nullable */
  FerryFoundMigration     found;
} SettleData;

static SettleData *
settle_data_new (FerryConnectionManager *self,
                 FerryConnection        *destination,
                 FerryFoundMigration    *f)
{
  SettleData *data = g_new0 (SettleData, 1);

  data->self = g_object_ref (self);
  data->destination = destination != NULL ? g_object_ref (destination) : NULL;
  data->found.uuid = g_strdup (f->uuid);
  data->found.name = g_strdup (f->name);
  data->found.kind = f->kind;
  return data;
}

static void
settle_data_free (SettleData *data)
{
  g_object_unref (data->self);
  g_clear_object (&data->destination);
  g_free (data->found.uuid);
  g_free (data->found.name);
  g_free (data);
}

static void
adopt (FerryConnectionManager *self,
       FerryMigrationJob      *job,
       const char             *uuid)
{
  forget_lost_job (self, uuid);
  ferry_connection_manager_add_job (self, job);
  g_signal_emit_by_name (self, "job-discovered", job);
}

/* What was done about an interrupted migration goes to the events log and to
 * the window (FerryConnectionManager::notice). A post-copy that really broke
 * (nothing to settle) becomes a job that needs recovery. */
static void
settled_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SettleData *data = user_data;
  FerryConnection *source = FERRY_CONNECTION (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  FerrySettleResult done = ferry_migration_settle_finish (source, result, &message, &error);

  if (error != NULL)
    _ferry_connection_manager_notice (data->self, source, data->found.name,
                                      FERRY_EVENT_SEVERITY_ERROR, error->message);
  else if (message != NULL)
    _ferry_connection_manager_notice (data->self, source, data->found.name,
                                      done == FERRY_SETTLE_UNDECIDED ? FERRY_EVENT_SEVERITY_WARNING :
                                      FERRY_EVENT_SEVERITY_INFO, message);
  else if (data->found.kind == FERRY_FOUND_NEEDS_RECOVERY &&
           ferry_migration_job_lookup_running (data->found.uuid) == NULL)
    {
      g_autoptr(FerryMigrationJob) job = broken_job (source, data->destination, &data->found);

      adopt (data->self, job, data->found.uuid);
    }
  settle_data_free (data);
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
      FerryConnection *destination;

      if (f->kind == FERRY_FOUND_NONE || ferry_migration_job_lookup_running (f->uuid) != NULL)
        continue;
      destination = find_destination (self, source, f->uuid);
      if (f->kind != FERRY_FOUND_RUNNING)
        {
          /* Interrupted or broken: first, whether its driver merely died in
           * its last steps. What options it ran with died with the driver, so
           * the source's definition is kept (only a person may remove it). */
          ferry_migration_settle_async (source, destination, f->uuid, FALSE, NULL, settled_cb,
                                        settle_data_new (self, destination, f));
          continue;
        }
      job = ferry_migration_job_new_attached (source, destination, f->uuid, f->name, NULL);
      ferry_migration_job_run_async (job, NULL, NULL);
      adopt (self, job, f->uuid);
    }
}

void
_ferry_connection_manager_rediscover (FerryConnectionManager *self,
                                      FerryConnection        *connection)
{
  ferry_connection_find_migrations_async (connection, NULL, found_cb, g_object_ref (self));
}
