/* ferry-migrate-check.c — ferry-migrate --check: the readiness checks the
 * Migrate dialog shows, for the same options, on the command line.
 *
 *   severity<TAB>id<TAB>title     one line per result, blockers first
 *   --json                        a JSON array of the results instead
 *   --fix FIX-ID[,FIX-ID…]        carry out these host fixes wherever offered, then check again
 *
 * The exit status is 1 while a blocker remains, 2 when the check could not
 * run, 0 otherwise.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-migrate-options.h"

void
ferry_migrate_store_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

GAsyncResult *
ferry_migrate_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

gboolean
ferry_migrate_open (FerryConnection  *connection,
                    GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ferry_connection_open_async (connection, NULL, ferry_migrate_store_cb, &result);
  if (ferry_connection_open_finish (connection, ferry_migrate_wait (&result), error))
    return TRUE;
  g_prefix_error (error, "%s: ", ferry_connection_get_uri (connection));
  return FALSE;
}

static gboolean
run (FerryReadiness  *readiness,
     GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ferry_readiness_run_async (readiness, NULL, ferry_migrate_store_cb, &result);
  return ferry_readiness_run_finish (readiness, ferry_migrate_wait (&result), error);
}

/* Every host fix @fix_id the results offer, one after another. */
static gboolean
apply_fix (FerryReadiness  *readiness,
           const char      *fix_id,
           GError         **error)
{
  GListModel *results = ferry_readiness_get_results (readiness);
  g_autoptr(GPtrArray) todo = g_ptr_array_new_with_free_func (g_object_unref);

  if (ferry_readiness_fix_kind (fix_id) != FERRY_READINESS_FIX_HOST)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT, "%s is not a host fix", fix_id);
      return FALSE;
    }
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(FerryReadinessResult) result = g_list_model_get_item (results, i);

      if (g_strcmp0 (ferry_readiness_result_get_fix_id (result), fix_id) == 0)
        g_ptr_array_add (todo, g_steal_pointer (&result));
    }
  for (guint i = 0; i < todo->len; i++)
    {
      g_autoptr(GAsyncResult) done = NULL;
      g_autofree char *report = NULL;
      gboolean ok;

      ferry_readiness_fix_async (readiness, todo->pdata[i], NULL, ferry_migrate_store_cb, &done);
      ok = ferry_readiness_fix_finish (readiness, ferry_migrate_wait (&done), &report, error);
      g_printerr ("fix: %s %s\n%s\n", fix_id,
                  ferry_readiness_result_get_subject (todo->pdata[i]) ?: "", report ? report : "");
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* --fix ID[,ID…]: each in turn, then check again. */
static gboolean
apply_fixes (FerryReadiness  *readiness,
             const char      *fix_ids,
             GError         **error)
{
  g_auto(GStrv) ids = g_strsplit (fix_ids, ",", -1);

  for (guint i = 0; ids[i] != NULL; i++)
    if (!apply_fix (readiness, ids[i], error))
      return FALSE;
  return run (readiness, error);
}

/* A JSON string: g_strescape leaves UTF-8 as is when every byte ≥ 0x80 is
 * an exception; the texts hold no other control characters than \n and \t. */
static void
append_json_string (GString    *json,
                    const char *text)
{
  char high[129];
  g_autofree char *escaped = NULL;

  if (text == NULL)
    {
      g_string_append (json, "null");
      return;
    }
  for (int i = 0; i < 128; i++)
    high[i] = (char)(0x80 + i);
  high[128] = '\0';
  escaped = g_strescape (text, high);
  g_string_append_printf (json, "\"%s\"", escaped);
}

static void
print_json (GListModel *results)
{
  g_autoptr(GString) json = g_string_new ("[");

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(FerryReadinessResult) r = g_list_model_get_item (results, i);
      const struct { const char *key; const char *value; } fields[] = {
        { "id", ferry_readiness_result_get_id (r) },
        { "subject", ferry_readiness_result_get_subject (r) },
        { "severity", ferry_readiness_severity_to_string (ferry_readiness_result_get_severity (r)) },
        { "title", ferry_readiness_result_get_title (r) },
        { "facts", ferry_readiness_result_get_facts (r) },
        { "explanation", ferry_readiness_result_get_explanation (r) },
        { "fix", ferry_readiness_result_get_fix_id (r) },
      };

      g_string_append (json, i ? ",\n  {" : "\n  {");
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          g_string_append_printf (json, "%s\"%s\": ", f ? ", " : "", fields[f].key);
          append_json_string (json, fields[f].value);
        }
      g_string_append (json, "}");
    }
  g_string_append (json, "\n]");
  g_print ("%s\n", json->str);
}

/* One line per result (severity, id, title), or with @json a JSON array. */
void
ferry_migrate_print_results (GListModel *results,
                             gboolean    json)
{
  if (json)
    {
      print_json (results);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(FerryReadinessResult) r = g_list_model_get_item (results, i);

      g_print ("%s\t%s\t%s\n", ferry_readiness_severity_to_string (ferry_readiness_result_get_severity (r)),
               ferry_readiness_result_get_id (r), ferry_readiness_result_get_title (r));
    }
}

int
ferry_migrate_check (FerryMigrateCli       *cli,
                     FerryMigrationOptions *options,
                     const char            *vm,
                     const char            *source_uri,
                     const char            *destination_uri)
{
  g_autoptr(FerryConnection) source = ferry_connection_new (source_uri);
  g_autoptr(FerryConnection) destination = ferry_connection_new (destination_uri);
  g_autoptr(FerryReadiness) readiness = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *results;

  if (!ferry_migrate_open (source, &error) || !ferry_migrate_open (destination, &error))
    {
      g_printerr ("ferry-migrate: %s\n", error->message);
      return 2;
    }
  readiness = ferry_readiness_new (source, destination, vm, options);
  if (!run (readiness, &error) || (cli->fix != NULL && !apply_fixes (readiness, cli->fix, &error)))
    {
      g_printerr ("ferry-migrate: %s\n", error->message);
      return 2;
    }

  results = ferry_readiness_get_results (readiness);
  ferry_migrate_print_results (results, cli->json);
  return ferry_readiness_has_blockers (readiness) ? 1 : 0;
}
