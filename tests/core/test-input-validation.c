/* test-input-validation.c — every field Ferry takes from a user, given
 * hostile input: XML and shell metacharacters, unicode, 4 KiB strings,
 * relative and ".." paths, ports 0, 65536 and -1, huge numbers, empty
 * required fields. Each is refused with its own message, or (where libvirt
 * and the shell can take it) kept exactly; and where a validator stands
 * before a libvirt call, nothing reaches libvirt.
 *
 * The pool, volume and disk fields are in test-input-validation-storage.c.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ferry-core.h"
#include "ferry-migration-params.h"

#define SSH FERRY_URI_TRANSPORT_SSH

/* A 4 KiB string of @c. */
static char *
long_string (char c)
{
  return g_strnfill (4096, c);
}

/* ------------------------------------------------------------------ URI */

typedef struct
{
  const char        *field;       /* the property set */
  const char        *value;       /* NULL: a 4 KiB string */
  FerryUriTransport  transport;
  const char        *driver;      /* NULL: qemu */
  FerryUriField      invalid;
  const char        *message;
} UriCase;

static const UriCase uri_cases[] = {
  { "host", "<host>", SSH, NULL, FERRY_URI_FIELD_HOST,
    "The host name “<host>” contains “<”; a host name has only letters, digits, “-” and “.”" },
  { "host", "a;b", SSH, NULL, FERRY_URI_FIELD_HOST,
    "The host name “a;b” contains “;”; a host name has only letters, digits, “-” and “.”" },
  { "host", "$(id)", SSH, NULL, FERRY_URI_FIELD_HOST,
    "The host name “$(id)” contains “$”; a host name has only letters, digits, “-” and “.”" },
  { "host", "h&'\"`|", SSH, NULL, FERRY_URI_FIELD_HOST,
    "The host name “h&'\"`|” contains “&”; a host name has only letters, digits, “-” and “.”" },
  { "host", "hôte", SSH, NULL, FERRY_URI_FIELD_HOST,
    "The host name “hôte” contains “ô”; a host name has only letters, digits, “-” and “.”" },
  { "host", "../etc", SSH, NULL, FERRY_URI_FIELD_HOST,
    "The host name “../etc” contains “/”; a host name has only letters, digits, “-” and “.”" },
  { "host", NULL, SSH, NULL, FERRY_URI_FIELD_HOST,
    "The host name is 4096 characters long; the limit is 253" },
  { "host", "", SSH, NULL, FERRY_URI_FIELD_HOST, "The SSH transport needs a host" },
  { "user", "$(id)", SSH, NULL, FERRY_URI_FIELD_USER, "A user name cannot contain “$”" },
  { "user", "a;b", SSH, NULL, FERRY_URI_FIELD_USER, "A user name cannot contain “;”" },
  { "user", "<a>", SSH, NULL, FERRY_URI_FIELD_USER, "A user name cannot contain “<”" },
  { "user", "`id`", SSH, NULL, FERRY_URI_FIELD_USER, "A user name cannot contain “`”" },
  { "user", "a|b&c", SSH, NULL, FERRY_URI_FIELD_USER, "A user name cannot contain “|”" },
  { "user", "o'brien", SSH, NULL, FERRY_URI_FIELD_USER, "A user name cannot contain “'”" },
  { "user", "-oProxyCommand=x", SSH, NULL, FERRY_URI_FIELD_USER,
    "A user name cannot start with “-”" },
  { "user", "..", SSH, NULL, FERRY_URI_FIELD_USER, "“..” is not a user name" },
  { "user", "../root", SSH, NULL, FERRY_URI_FIELD_USER, "A user name cannot contain “/”" },
  { "user", "a:b", SSH, NULL, FERRY_URI_FIELD_USER, "A user name cannot contain “:”" },
  { "user", "1000", SSH, NULL, FERRY_URI_FIELD_USER,
    "“1000” is a number; use the user’s name, not its id" },
  { "user", NULL, SSH, NULL, FERRY_URI_FIELD_USER,
    "The user name is 4096 characters long; the limit is 255" },
  { "path", "../system", SSH, NULL, FERRY_URI_FIELD_PATH,
    "The path must be “system” or “session”, not “../system”" },
  { "path", "systém", SSH, NULL, FERRY_URI_FIELD_PATH,
    "The path must be “system” or “session”, not “systém”" },
  { "path", "", SSH, NULL, FERRY_URI_FIELD_PATH, "The path is missing; use “system” or “session”" },
  { "path", "tmp/../etc/host.xml", FERRY_URI_TRANSPORT_LOCAL, "test", FERRY_URI_FIELD_PATH,
    "The path “tmp/../etc/host.xml” contains “.” or “..”; write the file’s path without them" },
  { "path", "./host.xml", FERRY_URI_TRANSPORT_LOCAL, "test", FERRY_URI_FIELD_PATH,
    "The path “./host.xml” contains “.” or “..”; write the file’s path without them" },
};

static void
test_uri_fields (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (uri_cases); i++)
    {
      const UriCase *c = &uri_cases[i];
      g_autoptr(FerryUri) uri = ferry_uri_new ();
      g_autofree char *value = c->value != NULL ? g_strdup (c->value) : long_string ('a');
      g_autoptr(GError) error = NULL;
      FerryUriField field = FERRY_URI_FIELD_NONE;

      g_test_message ("%s = %s", c->field, c->value);
      g_object_set (uri, "driver", c->driver ? c->driver : "qemu", "transport", c->transport,
                    c->transport == SSH ? "host" : NULL, "host-b", NULL);
      g_object_set (uri, c->field, value, NULL);
      g_assert_false (ferry_uri_validate_full (uri, &field, &error));
      g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
      g_assert_cmpstr (error->message, ==, c->message);
      g_assert_cmpint (field, ==, c->invalid);
    }
}

/* Ports 0 (none: ssh's own), 65536 and -1 (a spin button's wrap-around). */
static void
test_uri_ports (void)
{
  const struct { guint port; const char *message; } cases[] = {
    { 65536, "Port 65536 is out of range (1–65535)" },
    { (guint)-1, "Port 4294967295 is out of range (1–65535)" },
  };
  g_autoptr(FerryUri) uri = ferry_uri_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (uri, "transport", SSH, "host", "host-b", "port", 0, NULL);
  g_assert_true (ferry_uri_validate (uri, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FerryUriField field = FERRY_URI_FIELD_NONE;

      g_clear_error (&error);
      ferry_uri_set_port (uri, cases[i].port);
      g_assert_false (ferry_uri_validate_full (uri, &field, &error));
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpint (field, ==, FERRY_URI_FIELD_PORT);
    }

  /* Typed whole, as in the custom URI field. */
  g_clear_error (&error);
  g_assert_false (ferry_uri_validate_custom ("qemu+ssh://host-b:65536/system", &error));
  g_assert_cmpstr (error->message, ==, "Port 65536 is out of range (1–65535)");
  g_clear_error (&error);
  g_assert_false (ferry_uri_validate_custom ("qemu+ssh://host-b:-1/system", &error));
  g_assert_cmpstr (error->message, ==, "The port in “qemu+ssh://host-b:-1/system” is not a number");
}

/* Parameters: a socket path is absolute and has no "..". */
static void
test_uri_socket (void)
{
  g_autoptr(FerryUri) uri = ferry_uri_new ();
  g_autoptr(GError) error = NULL;

  ferry_uri_set_transport (uri, FERRY_URI_TRANSPORT_UNIX);
  ferry_uri_set_param (uri, "socket", "/run/../tmp/evil-sock");
  g_assert_false (ferry_uri_validate (uri, &error));
  g_assert_cmpstr (error->message, ==, "The socket path “/run/../tmp/evil-sock” contains “.” or “..”; "
                                       "write it without them");
  g_clear_error (&error);
  ferry_uri_set_param (uri, "socket", "run/sock");
  g_assert_false (ferry_uri_validate (uri, &error));
  g_assert_cmpstr (error->message, ==, "The socket path “run/sock” is not absolute");
}

/* What a user name may hold, unicode and directory accounts included, stays
 * exactly as typed through the URI text. */
static void
test_uri_kept (void)
{
  const char *users[] = { "józef", "admin@EXAMPLE.COM", "a.b_c-d", "用户" };

  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autoptr(FerryUri) uri = ferry_uri_new ();
      g_autoptr(FerryUri) again = NULL;
      g_autofree char *text = NULL;

      g_object_set (uri, "transport", SSH, "host", "host-b", "user", users[i], NULL);
      g_assert_true (ferry_uri_validate (uri, NULL));
      text = ferry_uri_to_string (uri);
      again = ferry_uri_new_from_string (text, NULL);
      g_assert_cmpstr (ferry_uri_get_user (again), ==, users[i]);
    }
}

/* --------------------------------------------------- migration options */

typedef struct
{
  const char *setting;   /* property=value; a value of "4K" is a 4 KiB string */
  const char *extra;     /* another setting the case needs, or NULL */
  const char *message;
} OptionCase;

static const OptionCase option_cases[] = {
  { "destination-uri=", NULL,
    "Enter the destination host’s connection URI, such as qemu+ssh://host/system" },
  { "destination-uri=qemu+ssh://$(id)/system", NULL,
    "The host name “$(id)” contains “$”; a host name has only letters, digits, “-” and “.”" },
  { "destination-uri=qemu+ssh://a;b@host-b/system", NULL, "A user name cannot contain “;”" },
  { "destination-uri=qemu+ssh://host-b:65536/system", NULL, "Port 65536 is out of range (1–65535)" },
  { "destination-uri=4K", NULL, NULL },
  { "destination-name=4K", NULL, "The new name is 4096 bytes long; the limit is 255" },
  { "destination-name=../etc/x", NULL, "The new name “../etc/x” contains “/”" },
  { "destination-name=a\nb", NULL, "The new name contains a control character" },
  { "migrate-uri=tcp://a;b:49152", NULL,
    "The migration address names “a;b”, which is neither an IP address nor a host name" },
  { "migrate-uri=tcp://$(id):49152", NULL,
    "The migration address names “$(id)”, which is neither an IP address nor a host name" },
  { "migrate-uri=tcp://hôte:49152", NULL,
    "The migration address names “hôte”, which is neither an IP address nor a host name" },
  { "migrate-uri=tcp://host-b:65536", NULL,
    "The port in the migration address “tcp://host-b:65536” is not a number from 1 to 65535" },
  { "migrate-uri=tcp://host-b:-1", NULL,
    "The port in the migration address “tcp://host-b:-1” is not a number from 1 to 65535" },
  { "migrate-uri=tcp://a b", NULL,
    "The migration address “tcp://a b” contains a space or a control character" },
  { "migrate-uri=unix://run/migrate.sock", NULL,
    "The migration address “unix://run/migrate.sock” needs an absolute socket path, as in unix:///run/ferry/migrate.sock" },
  { "migrate-uri=4K", NULL,
    NULL },
  { "listen-address=0.0.0.0;id", NULL,
    "The listen address “0.0.0.0;id” is neither an IP address nor a host name" },
  { "listen-address=<host>", NULL,
    "The listen address “<host>” is neither an IP address nor a host name" },
  { "listen-address=4K", NULL, NULL },
  { "nbd-uri=tcp://`id`:49153", "copy-storage=all",
    "The disk migration URI names “`id`”, which is neither an IP address nor a host name" },
  { "nbd-uri=tcp://host-b:65536", "copy-storage=all",
    "The port in the disk migration URI “tcp://host-b:65536” is not a number from 1 to 65535" },
  { "nbd-port=65536", "copy-storage=all", "The disk migration port must be between 1 and 65535" },
  { "nbd-port=4294967295", "copy-storage=all", "The disk migration port must be between 1 and 65535" },
  { "bandwidth=18446744073709551615", NULL, "The bandwidth limit must be at most 8796093022207 MiB/s" },
  { "postcopy-bandwidth=18446744073709551615", "postcopy=true",
    "The post-copy bandwidth limit must be at most 8796093022207 MiB/s" },
  { "max-downtime=18446744073709551615", NULL, "The maximum downtime must be at most 2000000 ms" },
  { "timeout=4294967295", NULL, "The timeout must be at most 2147483647 seconds" },
  { "compression-methods=zstd;id", "compressed=true",
    "“zstd;id” is not a compression method; use xbzrle, mt, zlib or zstd" },
  { "compression-methods=xbzrle,", "compressed=true",
    "A compression method has no name; use xbzrle, mt, zlib or zstd" },
  { "copy-storage-disks=vda;id", "copy-storage=all", "“vda;id” is not a disk target such as vda" },
  { "copy-storage-disks=../vda", "copy-storage=all", "“../vda” is not a disk target such as vda" },
  { "copy-storage-disks=vdä", "copy-storage=all", "“vdä” is not a disk target such as vda" },
  { "copy-storage-disks=vda,,vdb", "copy-storage=all", "A disk to copy has no name" },
};

/* Sets "property=value" the way the migrate dialog's rows do. */
static void
set_option (FerryMigrationOptions *options,
            const char            *setting)
{
  g_auto(GStrv) pair = g_strsplit (setting, "=", 2);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (options), pair[0]);
  g_autofree char *value = g_str_equal (pair[1], "4K") ? long_string ('v') : g_strdup (pair[1]);
  GType type;

  g_assert_nonnull (pspec);
  type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  if (type == G_TYPE_STRING)
    g_object_set (options, pair[0], value, NULL);
  else if (type == G_TYPE_BOOLEAN)
    g_object_set (options, pair[0], g_str_equal (value, "true"), NULL);
  else if (type == G_TYPE_UINT)
    g_object_set (options, pair[0], (guint)g_ascii_strtoull (value, NULL, 10), NULL);
  else if (type == G_TYPE_UINT64)
    g_object_set (options, pair[0], g_ascii_strtoull (value, NULL, 10), NULL);
  else if (type == G_TYPE_STRV)
    {
      g_auto(GStrv) list = g_strsplit (value, ",", -1);

      g_object_set (options, pair[0], list, NULL);
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      GEnumValue *v = g_enum_get_value_by_nick (G_PARAM_SPEC_ENUM (pspec)->enum_class, value);

      g_assert_nonnull (v);
      g_object_set (options, pair[0], v->value, NULL);
    }
  else
    g_assert_not_reached ();
}

/* Each bad value is refused with its message, and a migration plan (what a
 * job is made from, before it calls libvirt) cannot be made from it. */
static void
test_migration_options (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (option_cases); i++)
    {
      const OptionCase *c = &option_cases[i];
      g_autoptr(FerryMigrationOptions) options = ferry_migration_options_new ();
      g_autoptr(GError) error = NULL;
      FerryMigrationPlan plan;

      g_test_message ("%s", c->setting);
      set_option (options, "destination-uri=qemu+ssh://host-b/system");
      if (c->extra != NULL)
        set_option (options, c->extra);
      g_assert_true (ferry_migration_options_validate (options, NULL));
      set_option (options, c->setting);

      g_assert_false (ferry_migration_options_validate (options, &error));
      g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
      if (c->message != NULL)
        g_assert_cmpstr (error->message, ==, c->message);
      else
        /* A 4 KiB value: the message names the problem, not the value. */
        g_assert_cmpuint (strlen (error->message), >, 20);
      g_clear_error (&error);

      g_assert_false (ferry_migration_plan_init (&plan, G_OBJECT (options), &error));
      g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
      g_assert_null (plan.params);
    }
}

/* A new name full of XML and shell metacharacters, and unicode, is a name
 * libvirt takes (it escapes XML itself; virsh's command is quoted): it
 * reaches libvirt's parameters exactly as typed. */
static void
test_destination_name_kept (void)
{
  const char *names[] = { "vm<>&'\"`$;|", "$(id)", "ünïcødé ☃", "名前" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(FerryMigrationOptions) options = ferry_migration_options_new ();
      virTypedParameterPtr params = NULL;
      int nparams = 0;
      const char *dname = NULL;

      g_object_set (options, "destination-uri", "qemu+ssh://host-b/system",
                    "destination-name", names[i], NULL);
      g_assert_true (ferry_migration_options_validate (options, NULL));
      g_assert_true (ferry_migration_options_to_params (options, &params, &nparams, NULL));
      g_assert_cmpint (virTypedParamsGetString (params, nparams, VIR_MIGRATE_PARAM_DEST_NAME,
                                                &dname), ==, 1);
      g_assert_cmpstr (dname, ==, names[i]);
      virTypedParamsFree (params, nparams);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ferry_core_init ();

  g_test_add_func ("/core/input-validation/uri/fields", test_uri_fields);
  g_test_add_func ("/core/input-validation/uri/ports", test_uri_ports);
  g_test_add_func ("/core/input-validation/uri/socket", test_uri_socket);
  g_test_add_func ("/core/input-validation/uri/kept", test_uri_kept);
  g_test_add_func ("/core/input-validation/migration-options", test_migration_options);
  g_test_add_func ("/core/input-validation/destination-name-kept", test_destination_name_kept);
  return g_test_run ();
}
