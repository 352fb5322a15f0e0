/* ferry-readiness-evaluate.c — the host-level checks: same host, architecture,
 * CPU, name clash, memory, vCPUs, versions, mode and dirty rate. Pure: facts
 * and options in, results out.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ferry-readiness-private.h"

void
_ferry_readiness_add (GPtrArray              *results,
                      const char             *id,
                      const char             *subject,
                      FerryReadinessSeverity  severity,
                      const char             *title,
                      const char             *explanation,
                      const char             *facts,
                      const char             *fix_id,
                      const char             *fix_label)
{
  g_ptr_array_add (results, ferry_readiness_result_new (id, subject, severity, title, explanation,
                                                        facts, fix_id, fix_label));
}

static gboolean
moves_memory (FerryMigrationOptions *options)
{
  return ferry_migration_options_get_mode (options) != FERRY_MIGRATION_MODE_OFFLINE;
}

static char *
format_version (guint64 version)
{
  if (version == 0)
    return g_strdup (_("unknown"));
  return g_strdup_printf ("%u.%u.%u", (guint)(version / 1000000), (guint)(version / 1000 % 1000),
                          (guint)(version % 1000));
}

static void
check_same_host (GPtrArray *results, const FerryReadinessFacts *f)
{
  const FerryReadinessHost *s = &f->source, *d = &f->destination;
  g_autofree char *facts = g_strdup_printf (_("Source: %s (%s). Destination: %s (%s)."),
                                            s->hostname ? s->hostname : "?", s->host_uuid ? s->host_uuid : _("no host UUID"),
                                            d->hostname ? d->hostname : "?", d->host_uuid ? d->host_uuid : _("no host UUID"));
  /* libvirt refuses when either the host UUID or the hostname matches. */
  gboolean same = (s->host_uuid != NULL && g_strcmp0 (s->host_uuid, d->host_uuid) == 0) ||
                  (s->hostname != NULL && g_strcmp0 (s->hostname, d->hostname) == 0) ||
                  (s->uri != NULL && g_strcmp0 (s->uri, d->uri) == 0);

  if (same)
    _ferry_readiness_add (results, "same-host", NULL, FERRY_READINESS_BLOCKER,
                          _("Source and destination are the same host"),
                          _("Both connections reach the same machine (same host UUID or hostname). "
                            "libvirt refuses to migrate a VM to the host it already runs on. If these "
                            "really are two machines, give them distinct hostnames and host UUIDs "
                            "(host_uuid in libvirtd.conf)."),
                          facts, NULL, NULL);
  else
    _ferry_readiness_add (results, "same-host", NULL, FERRY_READINESS_OK,
                          _("Source and destination are different hosts"), NULL, facts, NULL, NULL);
}

static void
check_arch (GPtrArray *results, const FerryReadinessFacts *f)
{
  const char *arch = f->arch ? f->arch : "?";
  g_autofree char *can = f->destination.guest_arches ? g_strjoinv (", ", f->destination.guest_arches) : NULL;
  g_autofree char *facts = g_strdup_printf (_("The VM is %s; the destination runs %s."),
                                            arch, can && *can ? can : _("unknown architectures"));

  if (can == NULL || *can == '\0')
    _ferry_readiness_add (results, "arch", NULL, FERRY_READINESS_WARNING,
                          _("Could not check the destination’s architectures"),
                          _("The destination did not list the guest architectures it supports."),
                          facts, NULL, NULL);
  else if (f->arch != NULL && !g_strv_contains ((const char * const *)f->destination.guest_arches, f->arch))
    _ferry_readiness_add (results, "arch", NULL, FERRY_READINESS_BLOCKER,
                          _("The destination cannot run this VM’s architecture"),
                          _("A VM keeps its CPU architecture when it moves; the destination’s "
                            "hypervisor must be able to run it."),
                          facts, NULL, NULL);
  else
    _ferry_readiness_add (results, "arch", NULL, FERRY_READINESS_OK,
                          _("The destination runs this architecture"), NULL, facts, NULL, NULL);
}

static void
check_cpu (GPtrArray *results, const FerryReadinessFacts *f, FerryMigrationOptions *options)
{
  FerryReadinessSeverity bad = moves_memory (options) ? FERRY_READINESS_BLOCKER : FERRY_READINESS_WARNING;
  g_autofree char *facts = g_strdup_printf (_("VM CPU: %s%s%s. Host CPUs: %s (source), %s (destination)."),
                                            f->cpu_mode ? f->cpu_mode : _("default"),
                                            f->cpu_model ? " " : "", f->cpu_model ? f->cpu_model : "",
                                            f->source.host_cpu_model ? f->source.host_cpu_model : "?",
                                            f->destination.host_cpu_model ? f->destination.host_cpu_model : "?");

  if (g_strcmp0 (f->cpu_mode, "host-passthrough") == 0 || g_strcmp0 (f->cpu_mode, "maximum") == 0)
    {
      const char *why = _("With “host-passthrough” the VM sees the host’s own CPU, every feature of "
                          "it. It can move only to a host with the very same CPU model and "
                          "microcode; otherwise it may crash after the move. “host-model” is the "
                          "migratable choice.");

      if (f->source.host_cpu_model != NULL &&
          g_strcmp0 (f->source.host_cpu_model, f->destination.host_cpu_model) == 0)
        _ferry_readiness_add (results, "cpu", NULL, FERRY_READINESS_OK,
                              _("Both hosts have the same CPU model (host-passthrough)"), why, facts, NULL, NULL);
      else
        _ferry_readiness_add (results, "cpu", NULL, FERRY_READINESS_WARNING,
                              _("The VM uses host-passthrough and the hosts’ CPUs differ"), why, facts, NULL, NULL);
      return;
    }
  if (f->cpu_model == NULL)
    {
      _ferry_readiness_add (results, "cpu", NULL, FERRY_READINESS_OK,
                            _("The VM uses the hypervisor’s default CPU model"),
                            _("Without a CPU definition the VM gets QEMU’s basic model, which every "
                              "host of the same architecture provides."),
                            facts, NULL, NULL);
      return;
    }
  switch (f->cpu_compare)
    {
    case VIR_CPU_COMPARE_IDENTICAL:
    case VIR_CPU_COMPARE_SUPERSET:
      _ferry_readiness_add (results, "cpu", NULL, FERRY_READINESS_OK,
                            _("The destination provides the VM’s CPU"),
                            _("libvirt compared the VM’s CPU definition (for “host-model”, the "
                              "model the source host gave it) with what the destination can offer."),
                            facts, NULL, NULL);
      break;
    case VIR_CPU_COMPARE_INCOMPATIBLE:
      _ferry_readiness_add (results, "cpu", NULL, bad,
                            _("The destination cannot provide the VM’s CPU"),
                            _("The destination’s CPU lacks features the VM’s CPU model has, so the "
                              "VM cannot run there. Choose a CPU model both hosts support (an older "
                              "named model) in the VM’s definition."),
                            facts, NULL, NULL);
      break;
    default:
      {
        g_autofree char *more = g_strdup_printf ("%s %s", facts, f->cpu_compare_error ? f->cpu_compare_error : "");

        _ferry_readiness_add (results, "cpu", NULL, FERRY_READINESS_WARNING,
                              _("Could not compare the CPU with the destination"),
                              _("The destination did not answer the CPU comparison, so it is not known "
                                "whether it can run the VM’s CPU model."),
                              more, NULL, NULL);
      }
    }
}

static const char *
state_word (int state)
{
  switch (state)
    {
    case VIR_DOMAIN_RUNNING: return _("running");
    case VIR_DOMAIN_BLOCKED: return _("blocked");
    case VIR_DOMAIN_PAUSED: return _("paused");
    case VIR_DOMAIN_SHUTDOWN: return _("shutting down");
    case VIR_DOMAIN_SHUTOFF: return _("shut off");
    case VIR_DOMAIN_CRASHED: return _("crashed");
    case VIR_DOMAIN_PMSUSPENDED: return _("suspended");
    default: return _("in an unknown state");
    }
}

static void
check_name_clash (GPtrArray *results, const FerryReadinessFacts *f, FerryMigrationOptions *options)
{
  const char *dname = ferry_migration_options_get_destination_name (options);
  const char *name = dname && *dname ? dname : f->name;
  g_autofree char *facts = NULL;

  if (!f->clash)
    {
      facts = g_strdup_printf (_("No VM named “%s” or with UUID %s on the destination."), name, f->uuid);
      _ferry_readiness_add (results, "name-clash", NULL, FERRY_READINESS_OK,
                            _("No VM with this name on the destination"), NULL, facts, NULL, NULL);
      return;
    }
  facts = g_strdup_printf (f->clash_same_uuid ? _("“%s” (same UUID) is %s on the destination.")
                                              : _("“%s” (another UUID) is %s on the destination."),
                           f->clash_name, state_word (f->clash_state));
  if (f->clash_state == VIR_DOMAIN_SHUTOFF || f->clash_state == VIR_DOMAIN_NOSTATE)
    _ferry_readiness_add (results, "name-clash", NULL, FERRY_READINESS_WARNING,
                          _("A shut-off VM with this name is defined on the destination"),
                          _("Its definition will be replaced by this VM’s. If it is a different VM, "
                            "migrate under another name (destination name) instead."),
                          facts, NULL, NULL);
  else
    _ferry_readiness_add (results, "name-clash", NULL, FERRY_READINESS_BLOCKER,
                          _("A VM with this name is running on the destination"),
                          _("libvirt cannot bring in a VM whose name or UUID is already in use by "
                            "an active VM. Shut that one down, or migrate under another name."),
                          facts, NULL, NULL);
}

static void
check_memory (GPtrArray *results, const FerryReadinessFacts *f, FerryMigrationOptions *options)
{
  g_autofree char *need = g_format_size_full (f->memory, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *have = g_format_size_full (f->destination.memory_free, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *facts = g_strdup_printf (f->destination.memory_free_estimated
                                              ? _("Needs %s; the destination has about %s free (estimated).")
                                              : _("Needs %s; the destination has %s free."),
                                            need, have);

  if (f->memory <= f->destination.memory_free)
    _ferry_readiness_add (results, "memory", NULL, FERRY_READINESS_OK,
                          _("The destination has enough free memory"), NULL, facts, NULL, NULL);
  else
    _ferry_readiness_add (results, "memory", NULL,
                          moves_memory (options) ? FERRY_READINESS_BLOCKER : FERRY_READINESS_WARNING,
                          _("The destination does not have enough free memory"),
                          _("libvirt does not check this: the migration would start, then QEMU on "
                            "the destination would fail to allocate the VM’s memory, or the host "
                            "would start swapping or killing processes. Free memory there first, "
                            "or pick another destination."),
                          facts, NULL, NULL);
}

static void
check_vcpus (GPtrArray *results, const FerryReadinessFacts *f)
{
  g_autofree char *facts = g_strdup_printf (_("The VM has %u vCPUs; the destination has %u CPUs."),
                                            f->vcpus, f->destination.cpus);

  if (f->vcpus <= f->destination.cpus)
    _ferry_readiness_add (results, "vcpus", NULL, FERRY_READINESS_OK,
                          _("The destination has enough CPUs"), NULL, facts, NULL, NULL);
  else
    _ferry_readiness_add (results, "vcpus", NULL, FERRY_READINESS_WARNING,
                          _("The VM has more vCPUs than the destination has CPUs"),
                          _("The VM will run, but its vCPUs will share fewer physical CPUs and it "
                            "will be slower there."),
                          facts, NULL, NULL);
}

static void
check_versions (GPtrArray *results, const FerryReadinessFacts *f)
{
  g_autofree char *sl = format_version (f->source.libvirt_version);
  g_autofree char *dl = format_version (f->destination.libvirt_version);
  g_autofree char *sh = format_version (f->source.hv_version);
  g_autofree char *dh = format_version (f->destination.hv_version);
  g_autofree char *facts = g_strdup_printf (_("Source: libvirt %s, %s %s. Destination: libvirt %s, %s %s."),
                                            sl, f->source.hv_type ? f->source.hv_type : "", sh,
                                            dl, f->destination.hv_type ? f->destination.hv_type : "", dh);

  if (f->destination.libvirt_version < f->source.libvirt_version ||
      f->destination.hv_version < f->source.hv_version)
    _ferry_readiness_add (results, "versions", NULL, FERRY_READINESS_WARNING,
                          _("The destination runs older software than the source"),
                          _("Migrating to an older libvirt or QEMU works only when the VM uses no "
                            "feature or machine type the older one lacks; it may be refused at the "
                            "start or fail on the destination."),
                          facts, NULL, NULL);
  else
    _ferry_readiness_add (results, "versions", NULL, FERRY_READINESS_OK,
                          _("The destination’s libvirt and hypervisor are as new as the source’s"),
                          NULL, facts, NULL, NULL);
}

static void
check_mode (GPtrArray *results, const FerryReadinessFacts *f, FerryMigrationOptions *options)
{
  gboolean active = f->state != VIR_DOMAIN_SHUTOFF && f->state != VIR_DOMAIN_NOSTATE &&
                    f->state != VIR_DOMAIN_CRASHED;
  g_autofree char *facts = g_strdup_printf (_("The VM is %s and %s."), state_word (f->state),
                                            f->persistent ? _("persistent") : _("transient"));

  if (moves_memory (options) && !active)
    _ferry_readiness_add (results, "mode", NULL, FERRY_READINESS_BLOCKER,
                          _("A live or paused migration needs a running VM"),
                          _("This VM is not running, so there is no memory to move. An offline "
                            "migration moves its definition."),
                          facts, "choose-offline", _("Migrate Offline"));
  else if (!moves_memory (options) && !f->persistent)
    _ferry_readiness_add (results, "mode", NULL, FERRY_READINESS_BLOCKER,
                          _("An offline migration needs a persistent VM"),
                          _("An offline migration moves only the VM’s saved definition, and this "
                            "VM has none (it is transient). Migrate it live instead."),
                          facts, NULL, NULL);
  else if (!moves_memory (options) && active)
    _ferry_readiness_add (results, "mode", NULL, FERRY_READINESS_WARNING,
                          _("The VM keeps running here after an offline migration"),
                          _("An offline migration only defines the VM on the destination; this "
                            "running copy stays on the source. Do not start both."),
                          facts, NULL, NULL);
  else
    _ferry_readiness_add (results, "mode", NULL, FERRY_READINESS_OK,
                          _("The VM’s state suits this kind of migration"), NULL, facts, NULL, NULL);
}

static void
check_dirty_rate (GPtrArray *results, const FerryReadinessFacts *f, FerryMigrationOptions *options)
{
  guint64 bandwidth = ferry_migration_options_get_bandwidth (options);
  gboolean helped = ferry_migration_options_get_auto_converge (options) ||
                    ferry_migration_options_get_postcopy (options);
  g_autofree char *facts = NULL;

  /* Only a live migration copies memory while the VM keeps writing to it. */
  if (ferry_migration_options_get_mode (options) != FERRY_MIGRATION_MODE_LIVE ||
      f->state != VIR_DOMAIN_RUNNING)
    return;
  if (!f->dirty_rate_measured)
    {
      _ferry_readiness_add (results, "dirty-rate", NULL, FERRY_READINESS_OK,
                            _("Dirty page rate not measured"),
                            _("How fast the VM writes to its memory decides whether a live migration "
                              "can ever finish. Measuring takes a few seconds."),
                            NULL, "measure-dirty-rate", _("Measure"));
      return;
    }
  if (bandwidth == 0)
    facts = g_strdup_printf (_("The VM dirties %" G_GUINT64_FORMAT " MiB/s; the bandwidth is not limited."),
                             f->dirty_rate);
  else
    facts = g_strdup_printf (_("The VM dirties %" G_GUINT64_FORMAT " MiB/s; the bandwidth limit is %"
                               G_GUINT64_FORMAT " MiB/s."), f->dirty_rate, bandwidth);

  if (bandwidth == 0 || f->dirty_rate < bandwidth)
    _ferry_readiness_add (results, "dirty-rate", NULL, FERRY_READINESS_OK,
                          _("The VM’s memory can be copied faster than it changes"),
                          NULL, facts, NULL, NULL);
  else if (helped)
    _ferry_readiness_add (results, "dirty-rate", NULL, FERRY_READINESS_OK,
                          _("The VM writes memory faster than the bandwidth, and the options handle it"),
                          _("Auto-converge slows the VM down until the copy catches up; post-copy "
                            "moves it before every page is copied."),
                          facts, NULL, NULL);
  else
    _ferry_readiness_add (results, "dirty-rate", NULL, FERRY_READINESS_WARNING,
                          _("The migration will not converge at this bandwidth"),
                          _("The VM writes to its memory faster than the migration can send it, so "
                            "the copy never catches up. Use auto-converge (slows the VM down) or "
                            "post-copy (switches over early), or raise the bandwidth."),
                          facts, "apply-preset", _("Use Auto-Converge and Post-Copy"));
}

static int
by_severity (gconstpointer a,
             gconstpointer b)
{
  FerryReadinessResult *ra = *(FerryReadinessResult **)a;
  FerryReadinessResult *rb = *(FerryReadinessResult **)b;

  return (int)ferry_readiness_result_get_severity (rb) - (int)ferry_readiness_result_get_severity (ra);
}

/**
 * _ferry_readiness_evaluate:
 *
 * Returns: (transfer full) (element-type FerryReadinessResult): every check's
 *   result, blockers first, then warnings, then the rest; stable otherwise
 */
GPtrArray *
_ferry_readiness_evaluate (const FerryReadinessFacts *facts,
                           FerryMigrationOptions     *options)
{
  GPtrArray *results = g_ptr_array_new_with_free_func (g_object_unref);

  check_mode (results, facts, options);
  check_same_host (results, facts);
  check_arch (results, facts);
  check_cpu (results, facts, options);
  check_name_clash (results, facts, options);
  check_memory (results, facts, options);
  check_vcpus (results, facts);
  _ferry_readiness_evaluate_storage (results, facts, options);
  _ferry_readiness_evaluate_devices (results, facts, options);
  check_versions (results, facts);
  check_dirty_rate (results, facts, options);
  /* g_ptr_array_sort is stable: checks keep their order within a severity. */
  g_ptr_array_sort (results, by_severity);
  return results;
}
