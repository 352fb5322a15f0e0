/* ferry-storage-move-workers.c — a storage move as the worker carries it out.
 *
 * Live (running VM): a volume per disk is made in the destination pool, then QEMU mirrors
 * the disk into it (virDomainBlockCopy, REUSE_EXT); when every mirror is ready the VM
 * switches to the copies (virDomainBlockJobAbort with PIVOT) and the persistent definition
 * is pointed at them. libvirt 9.0 refuses a block copy of a persistent VM unless the job is
 * TRANSIENT_JOB (it would not survive a restart of the VM, which is fine: it is ours to
 * finish now). Offline (shut-off VM): each volume is cloned into the pool
 * (virStorageVolCreateXMLFrom), then the definition changes.
 *
 * Cancel, or any failure before the switch, aborts the mirrors without pivot and deletes
 * the copies: the VM stays on its original disks, which nothing here ever writes.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libvirt/virterror.h>

#include "ferry-connection-private.h"
#include "ferry-core-private.h"
#include "ferry-domain-disks-private.h"
#include "ferry-error.h"
#include "ferry-pool-ops-private.h"
#include "ferry-storage-move-private.h"

#define POLL_INTERVAL_USEC (250 * 1000)

void
_ferry_storage_move_run_free (FerryStorageMoveRun *run)
{
  g_clear_object (&run->self);
  if (run->conn != NULL)
    _ferry_conn_release (run->conn);
  g_free (run->domain);
  g_strfreev (run->targets);
  g_free (run->pool);
  g_clear_object (&run->cancellable);
  g_free (run);
}

/* Everything one move holds while it runs, worker side. */
typedef struct
{
  FerryStorageMoveRun *run;
  virDomainPtr         dom;
  virStoragePoolPtr    pool;
  gboolean             block;     /* the destination pool's volumes are block devices */
  gboolean             persistent;
  GPtrArray           *copies;    /* FerryStorageMoveCopy */
} Move;

static void
move_clear (Move *move)
{
  g_clear_pointer (&move->copies, g_ptr_array_unref);
  g_clear_pointer (&move->pool, virStoragePoolFree);
  g_clear_pointer (&move->dom, virDomainFree);
}

static void
post (Move                  *move,
      FerryStorageMoveState  state,
      int                    disk,
      double                 fraction,
      const char            *message)
{
  FerryStorageMoveUpdate *update = _ferry_storage_move_update_new (move->run->self);

  update->state = state;
  update->fraction = fraction;
  update->message = g_strdup (message);
  update->disk = disk;
  if (disk >= 0)
    {
      FerryStorageMoveCopy *copy = g_ptr_array_index (move->copies, disk);

      update->source = g_strdup (copy->source);
      update->destination = g_strdup (copy->path);
      update->disk_fraction = copy->end > 0 ? (double)copy->cur / copy->end : 0.0;
      update->moved = copy->pivoted;
    }
  _ferry_storage_move_post (move->run->self, update);
}

static gboolean
cancelled (Move *move)
{
  return g_cancellable_is_cancelled (move->run->cancellable);
}

/* Aborts every mirror that still runs (the VM stays on its original disk) and deletes every
 * copy the VM does not use. Errors are logged, not returned: the first one is the news. */
static void
clean_up (Move *move)
{
  for (guint i = 0; i < move->copies->len; i++)
    {
      FerryStorageMoveCopy *copy = g_ptr_array_index (move->copies, i);

      if (copy->pivoted)
        continue;
      if (copy->started && virDomainBlockJobAbort (move->dom, copy->target, 0) < 0)
        g_debug ("storage move: aborting the copy of %s: %s", copy->target, virGetLastErrorMessage ());
      copy->started = FALSE;
      if (copy->vol != NULL && virStorageVolDelete (copy->vol, 0) < 0)
        g_debug ("storage move: deleting %s: %s", copy->path, virGetLastErrorMessage ());
      g_clear_pointer (&copy->vol, virStorageVolFree);
      copy->cur = 0;
      post (move, FERRY_STORAGE_MOVE_STATE_IDLE, i, -1, NULL);
    }
  virResetLastError ();
}

static gboolean
return_cancelled (Move    *move,
                  GError **error)
{
  clean_up (move);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       _("Cancelled: the VM stays on its original disks; the copies were deleted."));
  return FALSE;
}

static GStrv
volume_names (virStoragePoolPtr pool)
{
  virStorageVolPtr *vols = NULL;
  int n = virStoragePoolListAllVolumes (pool, &vols, 0);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (int i = 0; i < n; i++)
    {
      g_strv_builder_add (names, virStorageVolGetName (vols[i]));
      virStorageVolFree (vols[i]);
    }
  free (vols);
  virResetLastError ();
  return g_strv_builder_end (names);
}

/* The copy's volume: made empty (live) or cloned from the original (offline). */
static gboolean
make_volume (Move                 *move,
             FerryStorageMoveCopy *copy,
             const char * const   *taken,
             gboolean              clone,
             GError              **error)
{
  g_autofree char *xml = NULL;
  virStorageVolPtr source = NULL;

  copy->volume = _ferry_storage_move_volume_name (copy, taken);
  xml = _ferry_pool_volume_xml (copy->volume, copy->format, copy->capacity, 0);
  if (clone)
    {
      source = copy->source_pool != NULL ? virStorageVolLookupByPath (move->run->conn, copy->source) : NULL;
      if (source == NULL)
        {
          ferry_set_error_from_libvirt (error, "virStorageVolLookupByPath");
          return FALSE;
        }
      copy->vol = virStorageVolCreateXMLFrom (move->pool, xml, source, 0);
      /* Before the next libvirt call, which resets the thread's error. */
      if (copy->vol == NULL)
        ferry_set_error_from_libvirt (error, "virStorageVolCreateXMLFrom");
      virStorageVolFree (source);
    }
  else
    {
      copy->vol = virStorageVolCreateXML (move->pool, xml, 0);
      if (copy->vol == NULL)
        ferry_set_error_from_libvirt (error, "virStorageVolCreateXML");
    }
  if (copy->vol == NULL)
    return FALSE;
  copy->path = virStorageVolGetPath (copy->vol);
  if (copy->path == NULL)
    {
      ferry_set_error_from_libvirt (error, "virStorageVolGetPath");
      return FALSE;
    }
  return TRUE;
}

static gboolean
start_mirror (Move                 *move,
              FerryStorageMoveCopy *copy,
              GError              **error)
{
  g_autofree char *xml = _ferry_storage_move_mirror_xml (copy, move->block);
  virTypedParameterPtr params = NULL;
  int nparams = 0, maxparams = 0;
  unsigned int flags = VIR_DOMAIN_BLOCK_COPY_REUSE_EXT;
  int rc;

  if (move->persistent)
    flags |= VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB;
  if (move->run->bandwidth > 0)
    virTypedParamsAddULLong (&params, &nparams, &maxparams, VIR_DOMAIN_BLOCK_COPY_BANDWIDTH,
                             move->run->bandwidth);
  rc = virDomainBlockCopy (move->dom, copy->target, xml, params, nparams, flags);
  virTypedParamsFree (params, nparams);
  if (rc < 0)
    {
      ferry_set_error_from_libvirt (error, "virDomainBlockCopy");
      return FALSE;
    }
  copy->started = TRUE;
  return TRUE;
}

/* Reads every mirror's progress. TRUE with *ready when all can pivot. */
static gboolean
poll_mirrors (Move      *move,
              gboolean  *ready,
              GError   **error)
{
  guint64 cur = 0, end = 0;
  g_autofree char *live_xml = NULL;

  *ready = TRUE;
  for (guint i = 0; i < move->copies->len; i++)
    {
      FerryStorageMoveCopy *copy = g_ptr_array_index (move->copies, i);
      virDomainBlockJobInfo info;
      int rc = virDomainGetBlockJobInfo (move->dom, copy->target, &info, 0);

      if (rc < 0)
        {
          ferry_set_error_from_libvirt (error, "virDomainGetBlockJobInfo");
          return FALSE;
        }
      if (rc == 0)
        {
          copy->started = FALSE;
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_FAILED,
                       _("The copy of %s stopped before it was complete (is pool “%s” full?)."),
                       copy->target, move->run->pool);
          return FALSE;
        }
      copy->cur = info.cur;
      copy->end = info.end;
      cur += info.cur;
      end += info.end;
      if (info.end == 0 || info.cur != info.end)
        *ready = FALSE;
      post (move, FERRY_STORAGE_MOVE_STATE_IDLE, i, -1, NULL);
    }
  post (move, FERRY_STORAGE_MOVE_STATE_IDLE, -1, end > 0 ? (double)cur / end : 0.0, NULL);
  if (!*ready)
    return TRUE;

  /* All data copied; QEMU still has to say the mirror is in sync. */
  live_xml = virDomainGetXMLDesc (move->dom, 0);
  for (guint i = 0; i < move->copies->len && live_xml != NULL; i++)
    {
      FerryStorageMoveCopy *copy = g_ptr_array_index (move->copies, i);

      if (!_ferry_storage_move_mirror_ready (live_xml, copy->target))
        *ready = FALSE;
    }
  virResetLastError ();
  return TRUE;
}

/* The persistent definition pointed at the copies that the VM now uses (or will use). */
static gboolean
update_definition (Move    *move,
                   GError **error)
{
  g_autofree char *xml = virDomainGetXMLDesc (move->dom, VIR_DOMAIN_XML_INACTIVE);
  g_autofree char *new_xml = NULL;
  virDomainPtr defined;

  if (xml == NULL)
    {
      ferry_set_error_from_libvirt (error, "virDomainGetXMLDesc");
      return FALSE;
    }
  if (!_ferry_storage_move_rewrite (xml, move->copies, move->run->pool, move->block, &new_xml, error))
    return FALSE;
  defined = virDomainDefineXML (move->run->conn, new_xml);
  if (defined == NULL)
    {
      ferry_set_error_from_libvirt (error, "virDomainDefineXML");
      return FALSE;
    }
  virDomainFree (defined);
  return TRUE;
}

static gboolean
make_volumes (Move      *move,
              gboolean   clone,
              GError   **error)
{
  g_auto(GStrv) existing = volume_names (move->pool);
  g_autoptr(GPtrArray) taken = g_ptr_array_new_null_terminated (0, g_free, TRUE);

  for (guint i = 0; existing[i] != NULL; i++)
    g_ptr_array_add (taken, g_strdup (existing[i]));
  for (guint i = 0; i < move->copies->len; i++)
    {
      FerryStorageMoveCopy *copy = g_ptr_array_index (move->copies, i);
      g_autofree char *text = g_strdup_printf (clone ? _("Cloning %s into pool “%s”…")
                                                     : _("Making the copy of %s in pool “%s”…"),
                                               copy->target, move->run->pool);

      if (cancelled (move))
        return return_cancelled (move, error);
      post (move, FERRY_STORAGE_MOVE_STATE_IDLE, i, -1, text);
      if (!make_volume (move, copy, (const char * const *)taken->pdata, clone, error))
        {
          clean_up (move);
          return FALSE;
        }
      g_ptr_array_add (taken, g_strdup (copy->volume));
      if (clone)
        copy->cur = copy->end = 1;
      post (move, FERRY_STORAGE_MOVE_STATE_IDLE, i, clone ? (double)(i + 1) / move->copies->len : -1, NULL);
    }
  /* A cancel during the last clone: that clone goes too. */
  if (cancelled (move))
    return return_cancelled (move, error);
  return TRUE;
}

static gboolean
move_live (Move    *move,
           GError **error)
{
  gboolean ready = FALSE;

  if (!make_volumes (move, FALSE, error))
    return FALSE;
  for (guint i = 0; i < move->copies->len; i++)
    if (!start_mirror (move, g_ptr_array_index (move->copies, i), error))
      {
        clean_up (move);
        return FALSE;
      }
  post (move, FERRY_STORAGE_MOVE_STATE_COPYING, -1, 0.0, _("Copying while the VM runs…"));

  while (!ready)
    {
      if (cancelled (move))
        return return_cancelled (move, error);
      if (!poll_mirrors (move, &ready, error))
        {
          clean_up (move);
          return FALSE;
        }
      if (!ready)
        g_usleep (POLL_INTERVAL_USEC);
    }

  /* From here on the move finishes: a pivot cannot be taken back. */
  post (move, FERRY_STORAGE_MOVE_STATE_SWITCHING, -1, 1.0, _("Switching the VM to the copies…"));
  for (guint i = 0; i < move->copies->len; i++)
    {
      FerryStorageMoveCopy *copy = g_ptr_array_index (move->copies, i);

      if (virDomainBlockJobAbort (move->dom, copy->target, VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT) < 0)
        {
          ferry_set_error_from_libvirt (error, "virDomainBlockJobAbort");
          clean_up (move);
          return FALSE;
        }
      copy->pivoted = TRUE;
      copy->started = FALSE;
      post (move, FERRY_STORAGE_MOVE_STATE_IDLE, i, -1, NULL);
    }
  if (move->persistent && !update_definition (move, error))
    {
      g_prefix_error (error, _("The VM runs from the copies now, but its definition still names the "
                               "old disks: "));
      return FALSE;
    }
  return TRUE;
}

static gboolean
move_offline (Move    *move,
              GError **error)
{
  post (move, FERRY_STORAGE_MOVE_STATE_COPYING, -1, 0.0, _("Cloning the disks…"));
  if (!make_volumes (move, TRUE, error))
    return FALSE;

  post (move, FERRY_STORAGE_MOVE_STATE_SWITCHING, -1, 1.0, _("Pointing the VM at the copies…"));
  /* Started meanwhile, the VM runs from the originals: its definition must stay with them. */
  if (virDomainIsActive (move->dom) != 0)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_FAILED,
                           _("The VM was started during the move, so it stays on its original "
                             "disks; the copies were deleted."));
      clean_up (move);
      return FALSE;
    }
  if (!update_definition (move, error))
    {
      clean_up (move);
      return FALSE;
    }
  for (guint i = 0; i < move->copies->len; i++)
    {
      FerryStorageMoveCopy *copy = g_ptr_array_index (move->copies, i);

      copy->pivoted = TRUE;
      post (move, FERRY_STORAGE_MOVE_STATE_IDLE, i, -1, NULL);
    }
  return TRUE;
}

/* Gathers the facts and posts the verdict. */
static FerryStorageMoveFacts *
check (Move    *move,
       GError **error)
{
  FerryStorageMoveRun *run = move->run;
  g_autoptr(FerryStorageMoveFacts) facts = NULL;
  FerryStorageMoveUpdate *update;
  GPtrArray *results;

  move->dom = _ferry_domain_disks_lookup (run->conn, run->domain, error);
  if (move->dom == NULL)
    return NULL;
  facts = _ferry_storage_move_gather (run->conn, move->dom, (const char * const *)run->targets,
                                      run->pool, run->format, error);
  if (facts == NULL)
    return NULL;
  results = ferry_storage_move_evaluate (facts);
  update = _ferry_storage_move_update_new (run->self);
  update->results = results;
  update->live = facts->active;
  _ferry_storage_move_post (run->self, update);
  return g_steal_pointer (&facts);
}

void
_ferry_storage_move_check_worker (GTask        *task,
                                  gpointer      source_object,
                                  gpointer      task_data,
                                  GCancellable *cancellable)
{
  Move move = { .run = task_data };
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryStorageMoveFacts) facts = NULL;

  FERRY_LIBVIRT_ENTER ();

  facts = check (&move, &error);
  move_clear (&move);
  if (facts == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, ferry_storage_move_evaluate (facts), (GDestroyNotify)g_ptr_array_unref);
}

static gboolean
run_move (Move    *move,
          GError **error)
{
  g_autoptr(FerryStorageMoveFacts) facts = check (move, error);
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *why = NULL;

  if (facts == NULL)
    return FALSE;
  results = ferry_storage_move_evaluate (facts);
  if (ferry_storage_move_results_blocked (results, &why))
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT, why);
      return FALSE;
    }
  if (cancelled (move))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("Cancelled before anything was copied."));
      return FALSE;
    }

  move->persistent = facts->persistent;
  move->block = _ferry_storage_move_pool_is_block (facts->pool_type);
  move->copies = g_ptr_array_new_with_free_func ((GDestroyNotify)_ferry_storage_move_copy_free);
  for (guint i = 0; i < facts->disks->len; i++)
    g_ptr_array_add (move->copies, _ferry_storage_move_copy_new (facts, g_ptr_array_index (facts->disks, i)));
  move->pool = virStoragePoolLookupByName (move->run->conn, move->run->pool);
  if (move->pool == NULL)
    {
      ferry_set_error_from_libvirt (error, "virStoragePoolLookupByName");
      return FALSE;
    }
  return facts->active ? move_live (move, error) : move_offline (move, error);
}

void
_ferry_storage_move_run_worker (GTask        *task,
                                gpointer      source_object,
                                gpointer      task_data,
                                GCancellable *cancellable)
{
  Move move = { .run = task_data };
  g_autoptr(GError) error = NULL;
  gboolean ok;

  FERRY_LIBVIRT_ENTER ();

  ok = run_move (&move, &error);
  move_clear (&move);
  virResetLastError ();
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}
