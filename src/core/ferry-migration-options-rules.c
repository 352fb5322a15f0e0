/* ferry-migration-options-rules.c — which migration options go together:
 * the conflicts between options, and why_disabled(), which tries a change on
 * a copy of the options to say why a row of the dialog cannot be used.
 *
 * Where the rules come from: libvirt 9.0's qemu driver (qemu_migration.c,
 * qemu_migration_params.c), its public entry points (libvirt-domain.c), virsh
 * 9.0's own checks in `virsh migrate`, and QEMU 7.2's migrate_caps_check() and
 * migrate_params_check(). Each rule says which.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ferry-migration-options-private.h"

/* ------------------------------------------------------------------------ */
/* Which options conflict                                                    */
/* ------------------------------------------------------------------------ */

static gboolean
is_offline (const Options *o)
{
  return o->mode == FERRY_MIGRATION_MODE_OFFLINE;
}

static gboolean
is_tunnelled (const Options *o)
{
  return o->connectivity == FERRY_MIGRATION_CONNECTIVITY_TUNNELLED;
}

/* Whether the option has a value that can clash with others: on, set, or not
 * at its default. An option that is not in use never conflicts. */
gboolean
_ferry_migration_options_in_use (const Options *o,
                                 guint          prop_id)
{
  switch (prop_id)
    {
    case PROP_CONNECTIVITY:
      return is_tunnelled (o);
    case PROP_DESTINATION_URI:
      return o->destination_uri != NULL;
    case PROP_MIGRATE_URI:
      return o->migrate_uri != NULL;
    case PROP_LISTEN_ADDRESS:
      return o->listen_address != NULL;
    case PROP_TLS:
      return o->tls;
    case PROP_PERSISTENT:
      /* The default is on; turning it off is what can clash. */
      return !o->persistent;
    case PROP_SUSPEND:
      return o->suspend;
    case PROP_COPY_STORAGE:
      return o->copy_storage != FERRY_MIGRATION_COPY_STORAGE_NONE;
    case PROP_COPY_STORAGE_DISKS:
      return o->copy_storage_disks != NULL;
    case PROP_NBD_PORT:
      return o->nbd_port != 0;
    case PROP_NBD_URI:
      return o->nbd_uri != NULL;
    case PROP_AUTO_CONVERGE:
      return o->auto_converge;
    case PROP_AUTO_CONVERGE_INITIAL:
      return o->auto_converge_initial != -1;
    case PROP_AUTO_CONVERGE_INCREMENT:
      return o->auto_converge_increment != -1;
    case PROP_COMPRESSED:
      return o->compressed;
    case PROP_COMPRESSION_METHODS:
      return o->compression_methods != NULL;
    case PROP_PARALLEL:
      return o->parallel;
    case PROP_PARALLEL_CONNECTIONS:
      return o->parallel_connections != 0;
    case PROP_POSTCOPY:
      return o->postcopy;
    case PROP_POSTCOPY_AFTER:
      return o->postcopy_after != FERRY_MIGRATION_POSTCOPY_AFTER_MANUAL;
    case PROP_POSTCOPY_AFTER_SECONDS:
      return o->postcopy_after_seconds != 0;
    case PROP_ZEROCOPY:
      return o->zerocopy;
    case PROP_BANDWIDTH:
      return o->bandwidth != 0;
    case PROP_POSTCOPY_BANDWIDTH:
      return o->postcopy_bandwidth != 0;
    case PROP_MAX_DOWNTIME:
      return o->max_downtime != 0;
    case PROP_TIMEOUT:
      return o->timeout != 0;
    case PROP_TIMEOUT_ACTION:
      return o->timeout_action != FERRY_MIGRATION_TIMEOUT_ACTION_SUSPEND;
    case PROP_PERSISTENT_XML:
      return o->persistent_xml != NULL;
    default:
      /* The mode, and options that go with anything. */
      return FALSE;
    }
}

static const char *
offline_no_memory (void)
{
  return _("An offline migration moves only the VM’s definition; no memory is sent");
}

static const char *
no_data_connection (const Options *o)
{
  if (is_offline (o))
    return _("An offline migration sends no data, so there is no data connection to set up");
  if (is_tunnelled (o))
    return _("A tunnelled migration sends its data through the libvirt connection, "
             "so there is no data connection to set up");
  return NULL;
}

/* For an option that tunes another: the other's own conflict first, since
 * turning the other on is no help while that stands. */
static const char *
needs (const Options *o,
       guint          parent_prop_id,
       gboolean       parent_on,
       const char    *turn_on_first)
{
  const char *reason = _ferry_migration_options_conflict (o, parent_prop_id);

  if (reason != NULL)
    return reason;
  return parent_on ? NULL : turn_on_first;
}

/* Why the option, given a value, cannot go with the others as they are; NULL
 * when it can. Each pair of clashing options is listed under one of the two;
 * why_disabled() finds it from either side. */
const char *
_ferry_migration_options_conflict (const Options *o,
                                   guint          prop_id)
{
  switch (prop_id)
    {
    case PROP_CONNECTIVITY:
      /* qemu_migration.c: "tunnelled offline migration does not make sense". */
      if (is_tunnelled (o) && is_offline (o))
        return _("An offline migration sends no data, so there is nothing to tunnel");
      return NULL;

    case PROP_MIGRATE_URI:
      /* libvirt-domain.h: VIR_MIGRATE_PARAM_URI "may not be used when
       * VIR_MIGRATE_TUNNELLED flag is set". */
    case PROP_LISTEN_ADDRESS:
      return no_data_connection (o);

    case PROP_TLS:
      /* docs/migration.rst: TLS (VIR_MIGRATE_TLS) encrypts the hypervisor's
       * native transport; the tunnelled transport is encrypted by the libvirt
       * RPC connection instead. Allowed offline on purpose: a host with
       * migrate_tls_force refuses any migration without the TLS flag. */
      if (is_tunnelled (o))
        return _("A tunnelled migration is already encrypted by the libvirt connection; "
                 "TLS applies to a direct data connection");
      return NULL;

    case PROP_PERSISTENT:
      /* qemu_migration.c: "offline migration must be specified with the
       * persistent flag set". */
      if (is_offline (o))
        return _("An offline migration only defines the VM on the destination, "
                 "so it is always persistent there");
      return NULL;

    case PROP_SUSPEND:
      if (is_offline (o))
        return _("An offline migration does not start the VM on the destination");
      return NULL;

    case PROP_COPY_STORAGE:
      /* qemu_migration.c: "offline migration cannot handle non-shared
       * storage"; and "migration of non-shared storage is not supported with
       * tunnelled migration and this QEMU" for any QEMU with -blockdev, which
       * QEMU 7.2 is. */
      if (is_offline (o))
        return _("An offline migration cannot copy storage; "
                 "the disks must already be reachable from the destination");
      if (is_tunnelled (o))
        return _("Storage cannot be copied in a tunnelled migration; "
                 "choose managed direct or peer-to-peer");
      return NULL;

    case PROP_COPY_STORAGE_DISKS:
    case PROP_NBD_URI:
      return needs (o, PROP_COPY_STORAGE,
                    o->copy_storage != FERRY_MIGRATION_COPY_STORAGE_NONE,
                    _("Choose to copy storage first"));

    case PROP_NBD_PORT:
      {
        const char *reason = needs (o, PROP_COPY_STORAGE,
                                    o->copy_storage != FERRY_MIGRATION_COPY_STORAGE_NONE,
                                    _("Choose to copy storage first"));

        /* virsh: --disks-uri "overrides --disks-port"; the qemu driver
         * refuses both at once. */
        if (reason == NULL && o->nbd_uri != NULL)
          reason = _("The disk migration URI already gives the port");
        return reason;
      }

    case PROP_AUTO_CONVERGE:
    case PROP_COMPRESSED:
    case PROP_BANDWIDTH:
    case PROP_MAX_DOWNTIME:
      return is_offline (o) ? offline_no_memory () : NULL;

    case PROP_AUTO_CONVERGE_INITIAL:
    case PROP_AUTO_CONVERGE_INCREMENT:
      /* qemu_migration_params.c: "Turn auto convergence on to tune it". */
      return needs (o, PROP_AUTO_CONVERGE, o->auto_converge,
                    _("Turn on auto-converge to tune it"));

    case PROP_COMPRESSION_METHODS:
      return needs (o, PROP_COMPRESSED, o->compressed,
                    _("Turn on compression to choose its methods"));

    case PROP_PARALLEL:
      if (is_offline (o))
        return offline_no_memory ();
      /* libvirt-domain.c: "Flags 'VIR_MIGRATE_TUNNELLED' and
       * 'VIR_MIGRATE_PARALLEL' are mutually exclusive". */
      if (is_tunnelled (o))
        return _("Parallel connections cannot be tunnelled");
      return NULL;

    case PROP_PARALLEL_CONNECTIONS:
      /* qemu_migration_params.c: "Turn parallel migration on to tune it". */
      return needs (o, PROP_PARALLEL, o->parallel,
                    _("Turn on parallel migration to choose the number of connections"));

    case PROP_POSTCOPY:
      if (is_offline (o))
        return offline_no_memory ();
      /* qemu_migration.c: "post-copy migration is not supported with
       * non-live or paused migration" (paused: VIR_MIGRATE_PAUSED, our
       * suspend), and "post-copy is not supported with tunnelled
       * migration". QEMU 7.2 cannot combine post-copy with multifd (its
       * "Postcopy is not yet compatible with multifd"). */
      if (o->mode == FERRY_MIGRATION_MODE_PAUSED)
        return _("Post-copy needs a live migration");
      if (o->suspend)
        return _("Post-copy runs the VM on the destination, so it cannot be left paused there");
      if (is_tunnelled (o))
        return _("Post-copy is not supported in a tunnelled migration");
      if (o->parallel)
        return _("Post-copy cannot be combined with parallel connections");
      return NULL;

    case PROP_POSTCOPY_AFTER:
      return needs (o, PROP_POSTCOPY, o->postcopy, _("Turn on post-copy first"));

    case PROP_POSTCOPY_AFTER_SECONDS:
      return needs (o, PROP_POSTCOPY_AFTER,
                    o->postcopy_after == FERRY_MIGRATION_POSTCOPY_AFTER_SECONDS,
                    _("Choose to switch to post-copy after a delay first"));

    case PROP_ZEROCOPY:
      {
        /* qemu_migration.c: "zero-copy is only available for parallel
         * migration"; QEMU 7.2: "Zero copy only available for
         * non-compressed non-TLS multifd migration". */
        const char *reason = needs (o, PROP_PARALLEL, o->parallel,
                                    _("Zero-copy needs parallel connections"));

        if (reason != NULL)
          return reason;
        if (o->compressed)
          return _("Zero-copy cannot be combined with compression");
        if (o->tls)
          return _("Zero-copy cannot be combined with TLS");
        return NULL;
      }

    case PROP_POSTCOPY_BANDWIDTH:
      return needs (o, PROP_POSTCOPY, o->postcopy,
                    _("Turn on post-copy to limit its bandwidth"));

    case PROP_TIMEOUT:
      /* virsh: "Unexpected timeout for offline migration" without --live. */
      if (o->mode != FERRY_MIGRATION_MODE_LIVE)
        return _("The timeout applies to live migrations only");
      /* virsh has one --timeout: switching after a delay is that timeout. */
      if (o->postcopy_after == FERRY_MIGRATION_POSTCOPY_AFTER_SECONDS)
        return _("Switching to post-copy after a delay already uses the timeout");
      return NULL;

    case PROP_TIMEOUT_ACTION:
      {
        /* virsh: --timeout-postcopy needs --postcopy, and "Unexpected
         * --timeout-* option without --timeout". */
        const char *reason = needs (o, PROP_POSTCOPY, o->postcopy,
                                    _("Turn on post-copy to switch to it on timeout"));

        if (reason == NULL && o->timeout == 0)
          reason = _("Set a timeout first");
        return reason;
      }

    case PROP_PERSISTENT_XML:
      /* virsh: "Option --persistent is required by option --persistent-xml". */
      if (!o->persistent)
        return _("A persistent definition applies only when the VM is made persistent on the destination");
      return NULL;

    default:
      return NULL;
    }
}

/* Stand-ins that put an option in use on a copy of the options; never freed,
 * since the copy is thrown away without freeing anything. */
static char placeholder[] = "x";
static char *placeholder_strv[] = { placeholder, NULL };

/* Puts the option in use on @o, with @nick's value for an enum. Returns FALSE
 * for a nick the enum does not have. */
static gboolean
make_used (Options    *o,
           guint       prop_id,
           const char *nick)
{
  GParamSpec *pspec = _ferry_migration_options_pspec (prop_id);
  int value = -1;

  if (nick != NULL)
    {
      GEnumValue *enum_value;

      if (!G_IS_PARAM_SPEC_ENUM (pspec))
        return FALSE;
      enum_value = g_enum_get_value_by_nick (G_PARAM_SPEC_ENUM (pspec)->enum_class, nick);
      if (enum_value == NULL)
        return FALSE;
      value = enum_value->value;
    }

  switch (prop_id)
    {
    case PROP_MODE:
      if (value >= 0)
        o->mode = value;
      break;
    case PROP_CONNECTIVITY:
      if (value >= 0)
        o->connectivity = value;
      break;
    case PROP_COPY_STORAGE:
      if (value >= 0)
        o->copy_storage = value;
      else if (o->copy_storage == FERRY_MIGRATION_COPY_STORAGE_NONE)
        o->copy_storage = FERRY_MIGRATION_COPY_STORAGE_ALL;
      break;
    case PROP_POSTCOPY_AFTER:
      if (value >= 0)
        o->postcopy_after = value;
      else if (o->postcopy_after == FERRY_MIGRATION_POSTCOPY_AFTER_MANUAL)
        o->postcopy_after = FERRY_MIGRATION_POSTCOPY_AFTER_IMMEDIATELY;
      break;
    case PROP_TIMEOUT_ACTION:
      o->timeout_action = value >= 0 ? (FerryMigrationTimeoutAction)value
                                     : FERRY_MIGRATION_TIMEOUT_ACTION_POSTCOPY;
      break;
    case PROP_DESTINATION_URI:
      o->destination_uri = o->destination_uri ? o->destination_uri : placeholder;
      break;
    case PROP_MIGRATE_URI:
      o->migrate_uri = o->migrate_uri ? o->migrate_uri : placeholder;
      break;
    case PROP_LISTEN_ADDRESS:
      o->listen_address = o->listen_address ? o->listen_address : placeholder;
      break;
    case PROP_NBD_URI:
      o->nbd_uri = o->nbd_uri ? o->nbd_uri : placeholder;
      break;
    case PROP_DESTINATION_NAME:
      o->destination_name = o->destination_name ? o->destination_name : placeholder;
      break;
    case PROP_DESTINATION_XML:
      o->destination_xml = o->destination_xml ? o->destination_xml : placeholder;
      break;
    case PROP_PERSISTENT_XML:
      o->persistent_xml = o->persistent_xml ? o->persistent_xml : placeholder;
      break;
    case PROP_COPY_STORAGE_DISKS:
      o->copy_storage_disks = o->copy_storage_disks ? o->copy_storage_disks : placeholder_strv;
      break;
    case PROP_COMPRESSION_METHODS:
      o->compression_methods = o->compression_methods ? o->compression_methods : placeholder_strv;
      break;
    case PROP_TLS: o->tls = TRUE; break;
    case PROP_PERSISTENT: o->persistent = FALSE; break;
    case PROP_UNDEFINE_SOURCE: o->undefine_source = TRUE; break;
    case PROP_SUSPEND: o->suspend = TRUE; break;
    case PROP_UNSAFE: o->unsafe = TRUE; break;
    case PROP_AUTO_CONVERGE: o->auto_converge = TRUE; break;
    case PROP_COMPRESSED: o->compressed = TRUE; break;
    case PROP_PARALLEL: o->parallel = TRUE; break;
    case PROP_POSTCOPY: o->postcopy = TRUE; break;
    case PROP_ZEROCOPY: o->zerocopy = TRUE; break;
    case PROP_ABORT_ON_ERROR: o->abort_on_error = TRUE; break;
    case PROP_CHANGE_PROTECTION: o->change_protection = TRUE; break;
    case PROP_NBD_PORT: o->nbd_port = MAX (o->nbd_port, 1); break;
    case PROP_PARALLEL_CONNECTIONS: o->parallel_connections = MAX (o->parallel_connections, 1); break;
    case PROP_POSTCOPY_AFTER_SECONDS: o->postcopy_after_seconds = MAX (o->postcopy_after_seconds, 1); break;
    case PROP_BANDWIDTH: o->bandwidth = MAX (o->bandwidth, 1); break;
    case PROP_POSTCOPY_BANDWIDTH: o->postcopy_bandwidth = MAX (o->postcopy_bandwidth, 1); break;
    case PROP_MAX_DOWNTIME: o->max_downtime = MAX (o->max_downtime, 1); break;
    case PROP_TIMEOUT: o->timeout = MAX (o->timeout, 1); break;
    case PROP_AUTO_CONVERGE_INITIAL:
      o->auto_converge_initial = o->auto_converge_initial != -1 ? o->auto_converge_initial : 50;
      break;
    case PROP_AUTO_CONVERGE_INCREMENT:
      o->auto_converge_increment = o->auto_converge_increment != -1 ? o->auto_converge_increment : 10;
      break;
    default:
      return FALSE;
    }
  return TRUE;
}

/**
 * ferry_migration_options_why_disabled:
 * @property: a property name, such as "postcopy"; for an enum property also
 *   "name:nick", such as "connectivity:tunnelled" or "mode:offline"
 *
 * Says whether the option can be used with the others as they are now set.
 * "Used" means turned on for a switch, given a value for a text or a number,
 * set to a value other than the default for copy-storage, postcopy-after and
 * timeout-action, turned off for persistent, and the given value for
 * "name:nick". Plain "mode" and "connectivity" are judged at their current
 * value. Clashes are found from both sides: with zero-copy on, TLS is
 * disabled too.
 *
 * The dialog greys out a row whose option cannot be used and shows the reason.
 * A row that is on but disabled must still let the user turn it off.
 *
 * Returns: (transfer full) (nullable): %NULL when the option can be used, or
 *   why it cannot
 */
char *
ferry_migration_options_why_disabled (FerryMigrationOptions *self,
                                      const char            *property)
{
  g_autofree char *name = NULL;
  const char *nick = NULL;
  GParamSpec *pspec;
  Options probe;
  guint prop_id = 0;
  const char *reason;
  char *colon;

  g_return_val_if_fail (FERRY_IS_MIGRATION_OPTIONS (self), NULL);
  g_return_val_if_fail (property != NULL, NULL);

  name = g_strdup (property);
  colon = strchr (name, ':');
  if (colon != NULL)
    {
      *colon = '\0';
      nick = colon + 1;
    }

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), name);
  g_return_val_if_fail (pspec != NULL, NULL);
  for (guint i = PROP_0 + 1; i < N_PROPS; i++)
    if (_ferry_migration_options_pspec (i) == pspec)
      prop_id = i;

  probe = self->o;
  if (!make_used (&probe, prop_id, nick))
    g_return_val_if_reached (NULL);

  /* At its default an option clashes with nothing ("copy-storage:none"). */
  reason = _ferry_migration_options_in_use (&probe, prop_id)
           ? _ferry_migration_options_conflict (&probe, prop_id) : NULL;
  if (reason != NULL)
    return g_strdup (reason);

  /* A clash listed under another option, which this one would create. */
  for (guint other = PROP_0 + 1; other < N_PROPS; other++)
    {
      if (other == prop_id || !_ferry_migration_options_in_use (&probe, other))
        continue;
      reason = _ferry_migration_options_conflict (&probe, other);
      if (reason == NULL)
        continue;
      if (_ferry_migration_options_in_use (&self->o, other) &&
          g_strcmp0 (_ferry_migration_options_conflict (&self->o, other), reason) == 0)
        continue;
      return g_strdup (reason);
    }

  return NULL;
}
