/* ferry-definition-copy.c — define a storage pool or a virtual network on
 * another host as it is defined on this one: the step every shared-storage
 * migration needs, and the readiness checks' pool and network fixes.
 *
 * Each step (define, build, start, autostart) is reported on its own, so a
 * failure says exactly how far it got. The definition is copied as a
 * document (libxml2): only the host-specific parts are dropped (the UUID, and
 * a network's bridge MAC), so the destination gets its own.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <string.h>

#include "ferry-connection-private.h"
#include "ferry-core-private.h"
#include "ferry-definition-copy.h"
#include "ferry-error.h"

struct _FerryDefinitionCopyReport
{
  gatomicrefcount  ref_count;
  FerryStepOutcome outcome[FERRY_DEFINITION_N_STEPS];
  char            *message[FERRY_DEFINITION_N_STEPS];
};

G_DEFINE_BOXED_TYPE (FerryDefinitionCopyReport, ferry_definition_copy_report,
                     ferry_definition_copy_report_ref, ferry_definition_copy_report_unref)

static FerryDefinitionCopyReport *
report_new (void)
{
  FerryDefinitionCopyReport *report = g_new0 (FerryDefinitionCopyReport, 1);

  g_atomic_ref_count_init (&report->ref_count);
  return report;
}

FerryDefinitionCopyReport *
ferry_definition_copy_report_ref (FerryDefinitionCopyReport *report)
{
  g_atomic_ref_count_inc (&report->ref_count);
  return report;
}

void
ferry_definition_copy_report_unref (FerryDefinitionCopyReport *report)
{
  if (!g_atomic_ref_count_dec (&report->ref_count))
    return;
  for (guint i = 0; i < FERRY_DEFINITION_N_STEPS; i++)
    g_free (report->message[i]);
  g_free (report);
}

FerryStepOutcome
ferry_definition_copy_report_get_outcome (FerryDefinitionCopyReport *report,
                                          FerryDefinitionStep        step)
{
  g_return_val_if_fail (step < FERRY_DEFINITION_N_STEPS, FERRY_STEP_NOT_RUN);
  return report->outcome[step];
}

/**
 * ferry_definition_copy_report_get_message:
 *
 * Returns: (nullable): why a step was skipped, or libvirt's error for a failed one
 */
const char *
ferry_definition_copy_report_get_message (FerryDefinitionCopyReport *report,
                                          FerryDefinitionStep        step)
{
  g_return_val_if_fail (step < FERRY_DEFINITION_N_STEPS, NULL);
  return report->message[step];
}

gboolean
ferry_definition_copy_report_succeeded (FerryDefinitionCopyReport *report)
{
  for (guint i = 0; i < FERRY_DEFINITION_N_STEPS; i++)
    if (report->outcome[i] == FERRY_STEP_FAILED || report->outcome[i] == FERRY_STEP_NOT_RUN)
      return FALSE;
  return TRUE;
}

static const char *
step_name (FerryDefinitionStep step)
{
  switch (step)
    {
    case FERRY_DEFINITION_STEP_DEFINE: return _("Defined");
    case FERRY_DEFINITION_STEP_BUILD: return _("Built");
    case FERRY_DEFINITION_STEP_START: return _("Started");
    case FERRY_DEFINITION_STEP_AUTOSTART: return _("Autostart set");
    case FERRY_DEFINITION_N_STEPS:
    default: return "";
    }
}

/**
 * ferry_definition_copy_report_to_string:
 *
 * Returns: (transfer full): one line per step ("Defined: done", "Built:
 *   skipped (…)", "Started: failed: libvirt's message"), for a log or a dialog
 */
char *
ferry_definition_copy_report_to_string (FerryDefinitionCopyReport *report)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < FERRY_DEFINITION_N_STEPS; i++)
    {
      const char *outcome[] = { _("not run"), _("done"), _("skipped"), _("failed") };

      g_string_append_printf (text, "%s%s: %s", i ? "\n" : "", step_name (i), outcome[report->outcome[i]]);
      if (report->message[i] != NULL)
        g_string_append_printf (text, " (%s)", report->message[i]);
    }
  return g_string_free (text, FALSE);
}

static void
report_step (FerryDefinitionCopyReport *report,
             FerryDefinitionStep        step,
             FerryStepOutcome           outcome,
             const char                *message)
{
  report->outcome[step] = outcome;
  g_free (report->message[step]);
  report->message[step] = g_strdup (message);
}

/* Records libvirt's error for @step (worker thread: the error is thread-local)
 * and sets @error to a message naming the step. */
static gboolean
step_failed (FerryDefinitionCopyReport  *report,
             FerryDefinitionStep         step,
             const char                 *name,
             GError                    **error)
{
  g_autoptr(GError) local = NULL;

  ferry_set_error_from_libvirt (&local, step_name (step));
  report_step (report, step, FERRY_STEP_FAILED, local->message);
  g_set_error (error, local->domain, local->code, _("“%s” on the destination: %s: %s"),
               name, step_name (step), local->message);
  return FALSE;
}

/* @xml without the nodes @xpaths select. */
static char *
strip_xml (const char         *xml,
           const char * const *xpaths)
{
  xmlDocPtr doc = xmlReadMemory (xml, (int)strlen (xml), NULL, NULL,
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlXPathContextPtr ctx;
  xmlChar *out = NULL;
  int len = 0;
  char *text;

  if (doc == NULL)
    return NULL;
  ctx = xmlXPathNewContext (doc);
  for (guint i = 0; ctx != NULL && xpaths[i] != NULL; i++)
    {
      xmlXPathObjectPtr found = xmlXPathEvalExpression ((const xmlChar *)xpaths[i], ctx);
      g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func ((GDestroyNotify)xmlFreeNode);

      /* Unlinked first and freed only after the node set: freeing the set
       * reads each node's type, and a selected node may hold another one. */
      for (int n = 0; found != NULL && found->nodesetval != NULL && n < found->nodesetval->nodeNr; n++)
        {
          xmlNodePtr node = found->nodesetval->nodeTab[n];

          xmlUnlinkNode (node);
          g_ptr_array_add (doomed, node);
        }
      xmlXPathFreeObject (found);
    }
  xmlXPathFreeContext (ctx);
  xmlDocDumpMemory (doc, &out, &len);
  text = g_strndup ((const char *)out, len);
  xmlFree (out);
  xmlFreeDoc (doc);
  return text;
}

/* Only these pool types build by creating a directory; building any other
 * type (logical, disk, fs…) would format storage. */
static gboolean
build_is_mkdir (const char *xml)
{
  g_autofree char *type = _ferry_xml_xpath_string (xml, "/pool/@type");

  return g_strcmp0 (type, "dir") == 0 || g_strcmp0 (type, "netfs") == 0;
}

static gboolean
copy_pool (virConnectPtr               from,
           virConnectPtr               to,
           const char                 *name,
           FerryDefinitionCopyReport  *report,
           GError                    **error)
{
  static const char * const host_specific[] = { "/pool/uuid", NULL };
  virStoragePoolPtr src, dst;
  g_autofree char *xml = NULL;
  g_autofree char *copy = NULL;
  char *desc;
  int autostart = 0;
  gboolean ok = TRUE;

  if ((src = virStoragePoolLookupByName (from, name)) == NULL)
    {
      ferry_set_error_from_libvirt (error, "virStoragePoolLookupByName");
      return FALSE;
    }
  if ((desc = virStoragePoolGetXMLDesc (src, VIR_STORAGE_XML_INACTIVE)) == NULL)
    desc = virStoragePoolGetXMLDesc (src, 0);
  xml = g_strdup (desc);
  free (desc);
  if (xml == NULL)
    {
      ferry_set_error_from_libvirt (error, "virStoragePoolGetXMLDesc");
      virStoragePoolFree (src);
      return FALSE;
    }
  virStoragePoolGetAutostart (src, &autostart);
  virStoragePoolFree (src);

  if ((dst = virStoragePoolLookupByName (to, name)) != NULL)
    report_step (report, FERRY_DEFINITION_STEP_DEFINE, FERRY_STEP_SKIPPED, _("already defined"));
  else
    {
      virResetLastError ();
      copy = strip_xml (xml, host_specific);
      if ((dst = virStoragePoolDefineXML (to, copy, 0)) == NULL)
        return step_failed (report, FERRY_DEFINITION_STEP_DEFINE, name, error);
      report_step (report, FERRY_DEFINITION_STEP_DEFINE, FERRY_STEP_DONE, NULL);
    }

  if (virStoragePoolIsActive (dst) == 1)
    {
      report_step (report, FERRY_DEFINITION_STEP_BUILD, FERRY_STEP_SKIPPED, _("already active"));
      report_step (report, FERRY_DEFINITION_STEP_START, FERRY_STEP_SKIPPED, _("already active"));
    }
  else
    {
      if (!build_is_mkdir (xml))
        report_step (report, FERRY_DEFINITION_STEP_BUILD, FERRY_STEP_SKIPPED,
                     _("this pool type is not built by Ferry"));
      else if (virStoragePoolBuild (dst, 0) < 0)
        ok = step_failed (report, FERRY_DEFINITION_STEP_BUILD, name, error);
      else
        report_step (report, FERRY_DEFINITION_STEP_BUILD, FERRY_STEP_DONE, NULL);
      if (ok && virStoragePoolCreate (dst, 0) < 0)
        ok = step_failed (report, FERRY_DEFINITION_STEP_START, name, error);
      else if (ok)
        report_step (report, FERRY_DEFINITION_STEP_START, FERRY_STEP_DONE, NULL);
    }

  if (ok && !autostart)
    report_step (report, FERRY_DEFINITION_STEP_AUTOSTART, FERRY_STEP_SKIPPED, _("off on the source"));
  else if (ok && virStoragePoolSetAutostart (dst, 1) < 0)
    ok = step_failed (report, FERRY_DEFINITION_STEP_AUTOSTART, name, error);
  else if (ok)
    report_step (report, FERRY_DEFINITION_STEP_AUTOSTART, FERRY_STEP_DONE, NULL);
  virStoragePoolFree (dst);
  return ok;
}

static gboolean
copy_network (virConnectPtr               from,
              virConnectPtr               to,
              const char                 *name,
              FerryDefinitionCopyReport  *report,
              GError                    **error)
{
  /* The bridge's MAC address is generated per host: two hosts on one
   * segment must not share it. */
  static const char * const host_specific[] = { "/network/uuid", "/network/mac", NULL };
  virNetworkPtr src, dst;
  g_autofree char *xml = NULL;
  g_autofree char *copy = NULL;
  char *desc;
  int autostart = 0;
  gboolean ok = TRUE;

  if ((src = virNetworkLookupByName (from, name)) == NULL)
    {
      ferry_set_error_from_libvirt (error, "virNetworkLookupByName");
      return FALSE;
    }
  /* The saved definition, not the running one; drivers without that flag
   * (the test driver) give the one they have. */
  if ((desc = virNetworkGetXMLDesc (src, VIR_NETWORK_XML_INACTIVE)) == NULL)
    desc = virNetworkGetXMLDesc (src, 0);
  xml = g_strdup (desc);
  free (desc);
  if (xml == NULL)
    {
      ferry_set_error_from_libvirt (error, "virNetworkGetXMLDesc");
      virNetworkFree (src);
      return FALSE;
    }
  virNetworkGetAutostart (src, &autostart);
  virNetworkFree (src);

  if ((dst = virNetworkLookupByName (to, name)) != NULL)
    report_step (report, FERRY_DEFINITION_STEP_DEFINE, FERRY_STEP_SKIPPED, _("already defined"));
  else
    {
      virResetLastError ();
      copy = strip_xml (xml, host_specific);
      if ((dst = virNetworkDefineXML (to, copy)) == NULL)
        return step_failed (report, FERRY_DEFINITION_STEP_DEFINE, name, error);
      report_step (report, FERRY_DEFINITION_STEP_DEFINE, FERRY_STEP_DONE, NULL);
    }
  report_step (report, FERRY_DEFINITION_STEP_BUILD, FERRY_STEP_SKIPPED, _("networks need no build"));

  if (virNetworkIsActive (dst) == 1)
    report_step (report, FERRY_DEFINITION_STEP_START, FERRY_STEP_SKIPPED, _("already active"));
  else if (virNetworkCreate (dst) < 0)
    ok = step_failed (report, FERRY_DEFINITION_STEP_START, name, error);
  else
    report_step (report, FERRY_DEFINITION_STEP_START, FERRY_STEP_DONE, NULL);

  if (ok && !autostart)
    report_step (report, FERRY_DEFINITION_STEP_AUTOSTART, FERRY_STEP_SKIPPED, _("off on the source"));
  else if (ok && virNetworkSetAutostart (dst, 1) < 0)
    ok = step_failed (report, FERRY_DEFINITION_STEP_AUTOSTART, name, error);
  else if (ok)
    report_step (report, FERRY_DEFINITION_STEP_AUTOSTART, FERRY_STEP_DONE, NULL);
  virNetworkFree (dst);
  return ok;
}

typedef struct
{
  virConnectPtr              from;
  virConnectPtr              to;
  FerryDefinitionKind        kind;
  char                      *name;
  FerryDefinitionCopyReport *report;
} CopyData;

static void
copy_data_free (CopyData *data)
{
  _ferry_conn_release (data->from);
  _ferry_conn_release (data->to);
  g_free (data->name);
  ferry_definition_copy_report_unref (data->report);
  g_free (data);
}

static void
copy_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CopyData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  FERRY_LIBVIRT_ENTER ();

  if (data->kind == FERRY_DEFINITION_KIND_POOL)
    ok = copy_pool (data->from, data->to, data->name, data->report, &error);
  else
    ok = copy_network (data->from, data->to, data->name, data->report, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * ferry_definition_copy_async:
 * @from: the host that has the pool or network
 * @to: the host that should have it too
 * @name: its name on @from (and on @to)
 *
 * Defines, builds (dir and netfs pools only: it creates the directory),
 * starts and, as on @from, autostarts the pool or network @name on @to. What
 * is already there is kept and reported as skipped, so running it again
 * finishes a copy that stopped half way.
 */
void
ferry_definition_copy_async (FerryConnection     *from,
                             FerryConnection     *to,
                             FerryDefinitionKind  kind,
                             const char          *name,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CopyData *data;

  g_return_if_fail (FERRY_IS_CONNECTION (from));
  g_return_if_fail (FERRY_IS_CONNECTION (to));
  g_return_if_fail (name != NULL);

  task = g_task_new (to, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_definition_copy_async);
  data = g_new0 (CopyData, 1);
  data->kind = kind;
  data->name = g_strdup (name);
  data->report = report_new ();
  data->from = _ferry_connection_ref_conn (from);
  data->to = _ferry_connection_ref_conn (to);
  g_task_set_task_data (task, data, (GDestroyNotify)copy_data_free);
  if (data->from == NULL || data->to == NULL)
    {
      g_task_return_new_error (task, FERRY_ERROR, FERRY_ERROR_NOT_CONNECTED, _("Not connected to %s"),
                               ferry_connection_get_display_name (data->from == NULL ? from : to));
      return;
    }
  g_task_run_in_thread (task, copy_worker);
}

/**
 * ferry_definition_copy_finish:
 * @report: (out) (optional) (transfer full): what each step did, also on failure
 *
 * Returns: %TRUE when every step was done or skipped; otherwise @error names
 *   the step that failed and carries libvirt's message
 */
gboolean
ferry_definition_copy_finish (GAsyncResult               *result,
                              FerryDefinitionCopyReport **report,
                              GError                    **error)
{
  CopyData *data;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (report != NULL)
    *report = ferry_definition_copy_report_ref (data->report);
  return g_task_propagate_boolean (G_TASK (result), error);
}
