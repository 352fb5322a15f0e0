/* ferry-readiness.c — one readiness run over the source host, the destination
 * host, the VM and the migration options. All libvirt work happens in one
 * worker (ferry-readiness-gather.c); the results are the pure evaluation of
 * what it gathered (ferry-readiness-evaluate*.c), published as a GListModel
 * on the main thread, blockers first. Changing the options re-evaluates at
 * once without asking the hosts again.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ferry-connection-private.h"
#include "ferry-core-private.h"
#include "ferry-error.h"
#include "ferry-readiness-private.h"

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_DESTINATION,
  PROP_DOMAIN_NAME,
  PROP_OPTIONS,
  PROP_RESULTS,
  PROP_RUNNING,
  PROP_HAS_BLOCKERS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FerryReadiness, ferry_readiness, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
options_changed_cb (FerryReadiness *self)
{
  if (self->facts != NULL)
    _ferry_readiness_publish (self);
}

static void
ferry_readiness_dispose (GObject *object)
{
  FerryReadiness *self = (FerryReadiness *)object;

  if (self->options != NULL)
    g_signal_handlers_disconnect_by_func (self->options, options_changed_cb, self);
  g_clear_object (&self->options);
  g_clear_object (&self->source);
  g_clear_object (&self->destination);
  g_clear_object (&self->results);
  g_clear_pointer (&self->facts, _ferry_readiness_facts_free);

  G_OBJECT_CLASS (ferry_readiness_parent_class)->dispose (object);
}

static void
ferry_readiness_finalize (GObject *object)
{
  FerryReadiness *self = (FerryReadiness *)object;

  g_free (self->domain_name);

  G_OBJECT_CLASS (ferry_readiness_parent_class)->finalize (object);
}

static void
ferry_readiness_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FerryReadiness *self = FERRY_READINESS (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_DESTINATION:
      g_value_set_object (value, self->destination);
      break;
    case PROP_DOMAIN_NAME:
      g_value_set_string (value, self->domain_name);
      break;
    case PROP_OPTIONS:
      g_value_set_object (value, self->options);
      break;
    case PROP_RESULTS:
      g_value_set_object (value, self->results);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_HAS_BLOCKERS:
      g_value_set_boolean (value, self->has_blockers);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_readiness_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FerryReadiness *self = FERRY_READINESS (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      self->source = g_value_dup_object (value);
      break;
    case PROP_DESTINATION:
      self->destination = g_value_dup_object (value);
      break;
    case PROP_DOMAIN_NAME:
      self->domain_name = g_value_dup_string (value);
      break;
    case PROP_OPTIONS:
      self->options = g_value_dup_object (value);
      if (self->options != NULL)
        g_signal_connect_swapped (self->options, "notify", G_CALLBACK (options_changed_cb), self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_readiness_class_init (FerryReadinessClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  const GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ferry_readiness_dispose;
  object_class->finalize = ferry_readiness_finalize;
  object_class->get_property = ferry_readiness_get_property;
  object_class->set_property = ferry_readiness_set_property;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, FERRY_TYPE_CONNECTION, construct);
  properties[PROP_DESTINATION] =
    g_param_spec_object ("destination", NULL, NULL, FERRY_TYPE_CONNECTION, construct);
  properties[PROP_DOMAIN_NAME] =
    g_param_spec_string ("domain-name", NULL, NULL, NULL, construct);
  properties[PROP_OPTIONS] =
    g_param_spec_object ("options", NULL, NULL, FERRY_TYPE_MIGRATION_OPTIONS, construct);
  properties[PROP_RESULTS] =
    g_param_spec_object ("results", NULL, NULL, G_TYPE_LIST_MODEL, readable);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE, readable);
  properties[PROP_HAS_BLOCKERS] =
    g_param_spec_boolean ("has-blockers", NULL, NULL, FALSE, readable);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_readiness_init (FerryReadiness *self)
{
  self->results = g_list_store_new (FERRY_TYPE_READINESS_RESULT);
}

/**
 * ferry_readiness_new:
 * @options: the migration options; the results follow their changes
 *
 * Returns: (transfer full): a readiness check of @domain_name (a name or
 *   UUID on @source) moving to @destination; ferry_readiness_run_async() runs it
 */
FerryReadiness *
ferry_readiness_new (FerryConnection       *source,
                     FerryConnection       *destination,
                     const char            *domain_name,
                     FerryMigrationOptions *options)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (source), NULL);
  g_return_val_if_fail (FERRY_IS_CONNECTION (destination), NULL);
  g_return_val_if_fail (domain_name != NULL, NULL);
  g_return_val_if_fail (FERRY_IS_MIGRATION_OPTIONS (options), NULL);

  return g_object_new (FERRY_TYPE_READINESS,
                       "source", source, "destination", destination,
                       "domain-name", domain_name, "options", options, NULL);
}

FerryConnection *
ferry_readiness_get_source (FerryReadiness *self)
{
  g_return_val_if_fail (FERRY_IS_READINESS (self), NULL);
  return self->source;
}

FerryConnection *
ferry_readiness_get_destination (FerryReadiness *self)
{
  g_return_val_if_fail (FERRY_IS_READINESS (self), NULL);
  return self->destination;
}

const char *
ferry_readiness_get_domain_name (FerryReadiness *self)
{
  g_return_val_if_fail (FERRY_IS_READINESS (self), NULL);
  return self->domain_name;
}

FerryMigrationOptions *
ferry_readiness_get_options (FerryReadiness *self)
{
  g_return_val_if_fail (FERRY_IS_READINESS (self), NULL);
  return self->options;
}

/**
 * ferry_readiness_get_results:
 *
 * Returns: (transfer none): a GListModel of #FerryReadinessResult, blockers
 *   first, then warnings, then what passed; empty before the first run
 */
GListModel *
ferry_readiness_get_results (FerryReadiness *self)
{
  g_return_val_if_fail (FERRY_IS_READINESS (self), NULL);
  return G_LIST_MODEL (self->results);
}

gboolean
ferry_readiness_get_running (FerryReadiness *self)
{
  g_return_val_if_fail (FERRY_IS_READINESS (self), FALSE);
  return self->running;
}

/**
 * ferry_readiness_has_blockers:
 *
 * Returns: whether any result of the last run is a blocker
 */
gboolean
ferry_readiness_has_blockers (FerryReadiness *self)
{
  g_return_val_if_fail (FERRY_IS_READINESS (self), FALSE);
  return self->has_blockers;
}

/**
 * ferry_readiness_unsafe_would_allow:
 *
 * Whether every blocker left is one libvirt itself lets through when the
 * migration is marked unsafe (VIR_MIGRATE_UNSAFE): a disk on storage libvirt
 * does not know to be shared, not copied. Those are the only blockers the
 * Migrate dialog offers to override ("I understand, migrate anyway"); a
 * name clash, too little memory or the same host fail whatever the flags.
 *
 * Returns: %TRUE when there are blockers and all of them are of that kind
 */
gboolean
ferry_readiness_unsafe_would_allow (FerryReadiness *self)
{
  g_return_val_if_fail (FERRY_IS_READINESS (self), FALSE);
  return _ferry_readiness_unsafe_would_allow (G_LIST_MODEL (self->results));
}

gboolean
_ferry_readiness_unsafe_would_allow (GListModel *results)
{
  guint blockers = 0;

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(FerryReadinessResult) result = g_list_model_get_item (results, i);

      if (ferry_readiness_result_get_severity (result) != FERRY_READINESS_BLOCKER)
        continue;
      /* The storage check offers "choose-copy-storage" exactly for a local
       * disk that is not copied, the case libvirt's unsafe flag skips. */
      if (!g_str_equal (ferry_readiness_result_get_id (result), "disk-storage") ||
          g_strcmp0 (ferry_readiness_result_get_fix_id (result), "choose-copy-storage") != 0)
        return FALSE;
      blockers++;
    }
  return blockers > 0;
}

/**
 * ferry_readiness_lookup:
 * @subject: (nullable): the result's subject, or NULL for the first with @id
 *
 * Returns: (transfer none) (nullable): the result of check @id
 */
FerryReadinessResult *
ferry_readiness_lookup (FerryReadiness *self,
                        const char     *id,
                        const char     *subject)
{
  g_return_val_if_fail (FERRY_IS_READINESS (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->results)); i++)
    {
      g_autoptr(FerryReadinessResult) result = g_list_model_get_item (G_LIST_MODEL (self->results), i);

      if (g_str_equal (ferry_readiness_result_get_id (result), id) &&
          (subject == NULL || g_strcmp0 (ferry_readiness_result_get_subject (result), subject) == 0))
        return result;   /* the store keeps it alive */
    }
  return NULL;
}

void
_ferry_readiness_publish (FerryReadiness *self)
{
  g_autoptr(GPtrArray) results = NULL;
  gboolean blockers = FALSE;

  self->facts->dirty_rate_measured = self->dirty_rate_measured;
  self->facts->dirty_rate = self->dirty_rate;
  results = _ferry_readiness_evaluate (self->facts, self->options);
  for (guint i = 0; i < results->len; i++)
    blockers |= ferry_readiness_result_get_severity (g_ptr_array_index (results, i)) == FERRY_READINESS_BLOCKER;

  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       results->pdata, results->len);
  if (self->has_blockers != blockers)
    {
      self->has_blockers = blockers;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_BLOCKERS]);
    }
}

/* ------------------------------------------------------------------ run */

typedef struct
{
  virConnectPtr        source;
  virConnectPtr        destination;
  char                *domain_name;
  char                *destination_name;
  guint                generation;
} RunData;

static void
run_data_free (RunData *data)
{
  _ferry_conn_release (data->source);
  _ferry_conn_release (data->destination);
  g_free (data->domain_name);
  g_free (data->destination_name);
  g_free (data);
}

static void
run_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  GError *error = NULL;
  FerryReadinessFacts *facts;

  facts = _ferry_readiness_gather (data->source, data->destination, data->domain_name,
                                   data->destination_name, &error);
  if (facts == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, facts, (GDestroyNotify)_ferry_readiness_facts_free);
}

static void
set_running (FerryReadiness *self,
             gboolean        running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  FerryReadiness *self = FERRY_READINESS (object);
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  FerryReadinessFacts *facts = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer run was started meanwhile: its answer is the one to show. */
  if (data->generation == self->generation)
    {
      set_running (self, FALSE);
      if (facts != NULL)
        {
          g_clear_pointer (&self->facts, _ferry_readiness_facts_free);
          self->facts = g_steal_pointer (&facts);
          _ferry_readiness_publish (self);
        }
    }
  g_clear_pointer (&facts, _ferry_readiness_facts_free);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * ferry_readiness_run_async:
 *
 * Reads both hosts and the VM in a worker and publishes the results. Both
 * connections must be open.
 */
void
ferry_readiness_run_async (FerryReadiness      *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) inner = NULL;
  GTask *task;
  RunData *data;
  const char *dname;

  g_return_if_fail (FERRY_IS_READINESS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_readiness_run_async);

  data = g_new0 (RunData, 1);
  data->source = _ferry_connection_ref_conn (self->source);
  data->destination = _ferry_connection_ref_conn (self->destination);
  data->domain_name = g_strdup (self->domain_name);
  dname = ferry_migration_options_get_destination_name (self->options);
  data->destination_name = dname && *dname ? g_strdup (dname) : NULL;
  data->generation = ++self->generation;
  if (data->source == NULL || data->destination == NULL)
    {
      FerryConnection *missing = data->source == NULL ? self->source : self->destination;

      g_task_return_new_error (task, FERRY_ERROR, FERRY_ERROR_NOT_CONNECTED, _("Not connected to %s"),
                               ferry_connection_get_display_name (missing));
      run_data_free (data);
      g_object_unref (task);
      return;
    }
  set_running (self, TRUE);
  inner = g_task_new (self, cancellable, run_done_cb, task);
  g_task_set_task_data (inner, data, (GDestroyNotify)run_data_free);
  g_task_run_in_thread (inner, run_worker);
}

gboolean
ferry_readiness_run_finish (FerryReadiness  *self,
                            GAsyncResult    *result,
                            GError         **error)
{
  g_return_val_if_fail (FERRY_IS_READINESS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
