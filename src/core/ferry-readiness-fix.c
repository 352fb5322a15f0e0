/* ferry-readiness-fix.c — the readiness checks' one-click fixes that Ferry can
 * do itself: define a pool or network on the destination, eject a medium,
 * measure the dirty page rate (host operations, in workers), and the changes
 * of migration options (copy storage, offline, a preset).
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libvirt/virterror.h>

#include "ferry-connection-private.h"
#include "ferry-core-private.h"
#include "ferry-definition-copy.h"
#include "ferry-error.h"
#include "ferry-readiness-private.h"

/**
 * ferry_readiness_fix_kind:
 * @fix_id: (nullable): a result's fix id
 *
 * Returns: who carries out the fix: core on a host, core on the options, or an editor window
 */
FerryReadinessFixKind
ferry_readiness_fix_kind (const char *fix_id)
{
  static const char * const host[] = {
    "define-pool-on-destination", "define-network-on-destination", "eject-media",
    "measure-dirty-rate", NULL,
  };
  static const char * const options[] = { "choose-copy-storage", "choose-offline", "apply-preset", NULL };

  if (fix_id == NULL)
    return FERRY_READINESS_FIX_NONE;
  if (g_strv_contains (host, fix_id))
    return FERRY_READINESS_FIX_HOST;
  if (g_strv_contains (options, fix_id))
    return FERRY_READINESS_FIX_OPTIONS;
  if (g_str_equal (fix_id, "make-migration-safe"))
    return FERRY_READINESS_FIX_EDITOR;
  return FERRY_READINESS_FIX_NONE;
}

/**
 * ferry_readiness_apply_option_fix:
 *
 * Carries out an options fix (choose copy storage, migrate offline, or the
 * preset that makes a busy VM converge) on the readiness' options; the
 * results follow at once.
 *
 * Returns: %FALSE when @result's fix is not an options fix
 */
gboolean
ferry_readiness_apply_option_fix (FerryReadiness       *self,
                                  FerryReadinessResult *result)
{
  const char *fix = ferry_readiness_result_get_fix_id (result);

  g_return_val_if_fail (FERRY_IS_READINESS (self), FALSE);

  if (ferry_readiness_fix_kind (fix) != FERRY_READINESS_FIX_OPTIONS)
    return FALSE;
  if (g_str_equal (fix, "choose-copy-storage"))
    {
      /* Copying is peer-to-peer at most: libvirt cannot tunnel disk copies. */
      if (ferry_migration_options_get_connectivity (self->options) == FERRY_MIGRATION_CONNECTIVITY_TUNNELLED)
        ferry_migration_options_set_connectivity (self->options, FERRY_MIGRATION_CONNECTIVITY_PEER_TO_PEER);
      ferry_migration_options_set_copy_storage (self->options, FERRY_MIGRATION_COPY_STORAGE_ALL);
    }
  else if (g_str_equal (fix, "choose-offline"))
    ferry_migration_options_set_mode (self->options, FERRY_MIGRATION_MODE_OFFLINE);
  else
    ferry_migration_options_apply_preset (self->options, "busy");
  return TRUE;
}

/* ------------------------------------------------------ worker-side fixes */

typedef struct
{
  virConnectPtr  conn;
  char          *uuid;
  char          *target;   /* eject-media */
  guint          seconds;  /* measure-dirty-rate */
  guint64        rate;
} DomainData;

static void
domain_data_free (DomainData *data)
{
  _ferry_conn_release (data->conn);
  g_free (data->uuid);
  g_free (data->target);
  g_free (data);
}

static DomainData *
domain_data_new (FerryReadiness *self)
{
  DomainData *data = g_new0 (DomainData, 1);

  data->conn = _ferry_connection_ref_conn (self->source);
  data->uuid = g_strdup (self->facts ? self->facts->uuid : self->domain_name);
  return data;
}

/* The VM, or NULL after returning libvirt's error on @task. */
static virDomainPtr
lookup (GTask      *task,
        DomainData *data)
{
  virDomainPtr dom = virDomainLookupByUUIDString (data->conn, data->uuid);
  GError *error = NULL;

  if (dom == NULL)
    dom = virDomainLookupByName (data->conn, data->uuid);
  if (dom == NULL)
    {
      ferry_set_error_from_libvirt (&error, "virDomainLookupByUUIDString");
      g_task_return_error (task, error);
    }
  return dom;
}

/* Empties the drive in the running VM and in its saved definition. */
static void
eject_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  DomainData *data = task_data;
  GError *error = NULL;
  virDomainPtr dom;
  const unsigned int affects[] = { VIR_DOMAIN_AFFECT_LIVE, VIR_DOMAIN_AFFECT_CONFIG };

  FERRY_LIBVIRT_ENTER ();

  if ((dom = lookup (task, data)) == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (affects) && error == NULL; i++)
    {
      gboolean live = affects[i] == VIR_DOMAIN_AFFECT_LIVE;
      char *xml = NULL;
      g_autofree char *disk = NULL;

      if ((live && virDomainIsActive (dom) != 1) || (!live && virDomainIsPersistent (dom) != 1))
        continue;
      xml = virDomainGetXMLDesc (dom, live ? 0 : VIR_DOMAIN_XML_INACTIVE);
      disk = xml ? _ferry_readiness_ejected_disk_xml (xml, data->target) : NULL;
      free (xml);
      if (disk == NULL)
        g_set_error (&error, FERRY_ERROR, FERRY_ERROR_FAILED, _("The VM has no drive %s"), data->target);
      else if (virDomainUpdateDeviceFlags (dom, disk, affects[i]) < 0)
        ferry_set_error_from_libvirt (&error, "virDomainUpdateDeviceFlags");
    }
  virDomainFree (dom);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    {
      g_object_set_data_full (G_OBJECT (task), "ferry-report",
                              g_strdup_printf (_("Ejected the medium from %s"), data->target), g_free);
      g_task_return_boolean (task, TRUE);
    }
}

static gboolean
read_dirty_rate (virDomainPtr  dom,
                 guint64      *rate)
{
  virDomainPtr doms[] = { dom, NULL };
  virDomainStatsRecordPtr *records = NULL;
  int status = -1;
  unsigned long long mib = 0;

  if (virDomainListGetStats (doms, VIR_DOMAIN_STATS_DIRTYRATE, &records, 0) < 1)
    return FALSE;
  virTypedParamsGetInt (records[0]->params, records[0]->nparams, "dirtyrate.calc_status", &status);
  virTypedParamsGetULLong (records[0]->params, records[0]->nparams, "dirtyrate.megabytes_per_second", &mib);
  virDomainStatsRecordListFree (records);
  *rate = mib;
  return status == VIR_DOMAIN_DIRTYRATE_MEASURED;
}

static void
dirty_rate_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  DomainData *data = task_data;
  GError *error = NULL;
  virDomainPtr dom;
  gint64 deadline;
  gboolean measured = FALSE;

  FERRY_LIBVIRT_ENTER ();

  if ((dom = lookup (task, data)) == NULL)
    return;
  if (virDomainStartDirtyRateCalc (dom, (int)data->seconds, 0) < 0)
    ferry_set_error_from_libvirt (&error, "virDomainStartDirtyRateCalc");
  /* QEMU measures for the whole period; then the stats say "measured". */
  deadline = g_get_monotonic_time () + (data->seconds + 5) * G_USEC_PER_SEC;
  g_usleep (data->seconds * G_USEC_PER_SEC);
  while (error == NULL && !measured && !g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      measured = read_dirty_rate (dom, &data->rate);
      if (!measured && g_get_monotonic_time () > deadline)
        g_set_error (&error, FERRY_ERROR, FERRY_ERROR_FAILED,
                     _("The hypervisor did not finish measuring the dirty page rate"));
      else if (!measured)
        g_usleep (G_USEC_PER_SEC / 4);
    }
  virResetLastError ();
  virDomainFree (dom);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * ferry_readiness_measure_dirty_rate_async:
 * @seconds: how long the hypervisor samples (1 to 60)
 *
 * Measures how fast the VM writes to its memory (virDomainStartDirtyRateCalc,
 * then the dirtyrate statistics) and re-evaluates the "dirty-rate" check
 * against the chosen bandwidth. The measurement is kept across runs.
 */
void
ferry_readiness_measure_dirty_rate_async (FerryReadiness      *self,
                                          guint                seconds,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DomainData *data;

  g_return_if_fail (FERRY_IS_READINESS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_readiness_measure_dirty_rate_async);
  data = domain_data_new (self);
  data->seconds = CLAMP (seconds, 1, 60);
  g_task_set_task_data (task, data, (GDestroyNotify)domain_data_free);
  if (data->conn == NULL)
    g_task_return_new_error (task, FERRY_ERROR, FERRY_ERROR_NOT_CONNECTED, _("Not connected to %s"),
                             ferry_connection_get_display_name (self->source));
  else
    g_task_run_in_thread (task, dirty_rate_worker);
}

gboolean
ferry_readiness_measure_dirty_rate_finish (FerryReadiness  *self,
                                           GAsyncResult    *result,
                                           guint64         *mib_per_second,
                                           GError         **error)
{
  DomainData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  self->dirty_rate_measured = TRUE;
  self->dirty_rate = data->rate;
  if (self->facts != NULL)
    _ferry_readiness_publish (self);
  if (mib_per_second != NULL)
    *mib_per_second = data->rate;
  return TRUE;
}

/* ------------------------------------------------------------ fix_async */

static void
copy_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(FerryDefinitionCopyReport) report = NULL;
  GError *error = NULL;
  gboolean ok = ferry_definition_copy_finish (result, &report, &error);

  if (report != NULL)
    g_object_set_data_full (G_OBJECT (task), "ferry-report",
                            ferry_definition_copy_report_to_string (report), g_free);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
measure_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  guint64 rate = 0;

  if (ferry_readiness_measure_dirty_rate_finish (FERRY_READINESS (object), result, &rate, &error))
    {
      g_object_set_data_full (G_OBJECT (task), "ferry-report",
                              g_strdup_printf (_("%" G_GUINT64_FORMAT " MiB/s"), rate), g_free);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

/**
 * ferry_readiness_fix_async:
 *
 * Carries out @result's host fix: defines (builds, starts, autostarts) the
 * pool or network on the destination as on the source, ejects the medium, or
 * measures the dirty page rate. Run the checks again afterwards.
 */
void
ferry_readiness_fix_async (FerryReadiness       *self,
                           FerryReadinessResult *result,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  GTask *task;
  const char *fix;
  const char *subject;

  g_return_if_fail (FERRY_IS_READINESS (self));
  g_return_if_fail (FERRY_IS_READINESS_RESULT (result));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_readiness_fix_async);
  fix = ferry_readiness_result_get_fix_id (result);
  subject = ferry_readiness_result_get_subject (result);

  if (g_strcmp0 (fix, "define-pool-on-destination") == 0 || g_strcmp0 (fix, "define-network-on-destination") == 0)
    ferry_definition_copy_async (self->source, self->destination,
                                 g_str_equal (fix, "define-pool-on-destination") ? FERRY_DEFINITION_KIND_POOL
                                                                                 : FERRY_DEFINITION_KIND_NETWORK,
                                 subject, cancellable, copy_done_cb, task);
  else if (g_strcmp0 (fix, "measure-dirty-rate") == 0)
    ferry_readiness_measure_dirty_rate_async (self, 3, cancellable, measure_done_cb, task);
  else if (g_strcmp0 (fix, "eject-media") == 0)
    {
      DomainData *data = domain_data_new (self);

      data->target = g_strdup (subject);
      g_task_set_task_data (task, data, (GDestroyNotify)domain_data_free);
      if (data->conn == NULL)
        g_task_return_new_error (task, FERRY_ERROR, FERRY_ERROR_NOT_CONNECTED, _("Not connected to %s"),
                                 ferry_connection_get_display_name (self->source));
      else
        g_task_run_in_thread (task, eject_worker);
      g_object_unref (task);
    }
  else
    {
      g_task_return_new_error (task, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT,
                               _("“%s” is not a fix Ferry can carry out on a host"), fix ? fix : "");
      g_object_unref (task);
    }
}

/**
 * ferry_readiness_fix_finish:
 * @report: (out) (optional) (transfer full): what was done, step by step
 *   (for a pool or network: defined, built, started, autostart), also on failure
 */
gboolean
ferry_readiness_fix_finish (FerryReadiness  *self,
                            GAsyncResult    *result,
                            char           **report,
                            GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  /* Set on the task for every fix, failed or not: the steps a pool copy got through. */
  if (report != NULL)
    *report = g_strdup (g_object_get_data (G_OBJECT (result), "ferry-report"));
  return g_task_propagate_boolean (G_TASK (result), error);
}
