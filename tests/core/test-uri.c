/* test-uri.c — FerryUri: parsing, building, escaping and every validation
 * message, table by table.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-core.h"

#define SSH      FERRY_URI_TRANSPORT_SSH
#define LIBSSH   FERRY_URI_TRANSPORT_LIBSSH
#define LIBSSH2  FERRY_URI_TRANSPORT_LIBSSH2
#define TLS      FERRY_URI_TRANSPORT_TLS
#define TCP      FERRY_URI_TRANSPORT_TCP
#define UNIX     FERRY_URI_TRANSPORT_UNIX
#define LOCAL    FERRY_URI_TRANSPORT_LOCAL

/* Fields of a URI as a test writes them; "" for a field left empty. */
typedef struct
{
  const char        *name;
  const char        *driver;     /* NULL: qemu */
  FerryUriTransport  transport;
  const char        *user;
  const char        *host;
  guint              port;
  const char        *path;       /* NULL: system */
  const char        *params[7];  /* name, value, name, value…, NULL */
} Fields;

static FerryUri *
uri_from_fields (const Fields *f)
{
  FerryUri *uri = ferry_uri_new ();

  if (f->driver != NULL)
    ferry_uri_set_driver (uri, f->driver);
  ferry_uri_set_transport (uri, f->transport);
  ferry_uri_set_user (uri, f->user);
  ferry_uri_set_host (uri, f->host);
  ferry_uri_set_port (uri, f->port);
  if (f->path != NULL)
    ferry_uri_set_path (uri, f->path);
  for (guint i = 0; f->params[i] != NULL; i += 2)
    ferry_uri_add_param (uri, f->params[i], f->params[i + 1]);
  return uri;
}

static void
assert_fields (FerryUri     *uri,
               const Fields *f)
{
  guint n = 0;

  g_assert_cmpstr (ferry_uri_get_driver (uri), ==, f->driver ? f->driver : "qemu");
  g_assert_cmpint (ferry_uri_get_transport (uri), ==, f->transport);
  g_assert_cmpstr (ferry_uri_get_user (uri), ==, f->user);
  g_assert_cmpstr (ferry_uri_get_host (uri), ==, f->host);
  g_assert_cmpuint (ferry_uri_get_port (uri), ==, f->port);
  g_assert_cmpstr (ferry_uri_get_path (uri), ==, f->path ? f->path : "system");
  for (; f->params[2 * n] != NULL; n++)
    {
      g_assert_cmpstr (ferry_uri_get_param_name (uri, n), ==, f->params[2 * n]);
      g_assert_cmpstr (ferry_uri_get_param_value (uri, n), ==, f->params[2 * n + 1]);
    }
  g_assert_cmpuint (ferry_uri_get_n_params (uri), ==, n);
}

/* Parses @string, checks it is valid, and that building it again gives
 * @string back and parsing that gives the same fields. */
static FerryUri *
parse_valid (const char *string)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryUri) uri = ferry_uri_new_from_string (string, &error);
  g_autoptr(FerryUri) again = NULL;
  g_autofree char *built = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (uri);
  ferry_uri_validate (uri, &error);
  g_assert_no_error (error);

  built = ferry_uri_to_string (uri);
  again = ferry_uri_new_from_string (built, &error);
  g_assert_no_error (error);
  g_assert_true (ferry_uri_equal (uri, again));
  return g_steal_pointer (&uri);
}

/* Parsing */

typedef struct
{
  const char *uri;
  Fields      fields;
} ParseCase;

static const ParseCase parse_cases[] = {
  { "qemu:///system", { "local-system" } },
  { "qemu:///session", { "local-session", .path = "session" } },
  { "qemu+ssh://root@host:2222/system?keyfile=/k&no_verify=1",
    { "ssh-everything", .transport = SSH, .user = "root", .host = "host", .port = 2222,
      .params = { "keyfile", "/k", "no_verify", "1" } } },
  { "qemu+ssh://[fe80::1]/system", { "ipv6", .transport = SSH, .host = "fe80::1" } },
  { "qemu+libssh://admin@[2001:db8::42]:22/session",
    { "ipv6-port-user", .transport = LIBSSH, .user = "admin", .host = "2001:db8::42",
      .port = 22, .path = "session" } },
  { "qemu+libssh2://192.0.2.7/system?known_hosts=/etc/kh&sshauth=privkey",
    { "libssh2-ipv4", .transport = LIBSSH2, .host = "192.0.2.7",
      .params = { "known_hosts", "/etc/kh", "sshauth", "privkey" } } },
  { "qemu+tls://host-b.example.org:16514/system?pkipath=/etc/pki/ferry",
    { "tls", .transport = TLS, .host = "host-b.example.org", .port = 16514,
      .params = { "pkipath", "/etc/pki/ferry" } } },
  { "qemu+tcp://10.0.0.1/system", { "tcp", .transport = TCP, .host = "10.0.0.1" } },
  { "qemu+unix:///system?socket=/run/libvirt/virtqemud-sock",
    { "unix-socket", .transport = UNIX, .params = { "socket", "/run/libvirt/virtqemud-sock" } } },
  { "test:///default", { "test-default", .driver = "test", .path = "default" } },
  { "test:///tmp/host.xml", { "test-file", .driver = "test", .path = "tmp/host.xml" } },
  { "QEMU+SSH://Host/system", { "scheme-case", .transport = SSH, .host = "Host" } },
  { "qemu+ssh://j%C3%B3zef%40corp@h/system", { "escaped-user", .transport = SSH, .user = "józef@corp", .host = "h" } },
  { "qemu+ssh://h/system?keyfile=/a%26b%3Dc%25d", { "escaped-value", .transport = SSH,
      .host = "h", .params = { "keyfile", "/a&b=c%d" } } },
  { "qemu+ssh://h/system?", { "empty-query", .transport = SSH, .host = "h" } },
  { "qemu+ssh://@h:0/system", { "empty-user-port-zero", .transport = SSH, .host = "h" } },
};

static void
test_parse (gconstpointer data)
{
  const ParseCase *c = data;
  g_autoptr(FerryUri) uri = parse_valid (c->uri);

  assert_fields (uri, &c->fields);
}

typedef struct
{
  const char *name;
  const char *uri;
  const char *message;
} GarbageCase;

static const GarbageCase garbage_cases[] = {
  { "empty", "", "The URI is empty" },
  { "no-scheme", "host/system", "“host/system” is not a URI; write it like qemu:///system" },
  { "words", "not a uri", "“not a uri” is not a URI; write it like qemu:///system" },
  { "no-slashes", "qemu:system", "“qemu:system” has no “//” after the driver, as in qemu:///system" },
  { "one-slash", "qemu:/system", "“qemu:/system” has no “//” after the driver, as in qemu:///system" },
  { "unknown-transport", "qemu+ext:///system",
    "The transport “ext” is unknown; use ssh, libssh, libssh2, tls, tcp or unix" },
  { "local-transport", "qemu+local:///system",
    "The transport “local” is unknown; use ssh, libssh, libssh2, tls, tcp or unix" },
  { "double-plus", "qemu+ssh+tls://h/system",
    "The transport “ssh+tls” is unknown; use ssh, libssh, libssh2, tls, tcp or unix" },
  { "password", "qemu+ssh://root:secret@h/system",
    "A password does not belong in the URI; Ferry asks for it when connecting" },
  { "fragment", "qemu:///system#top", "A libvirt URI has no “#” part" },
  { "bare-ipv6", "qemu+ssh://fe80::1/system",
    "“qemu+ssh://fe80::1/system” has an IPv6 address without brackets; write it as [address]" },
  { "port-letters", "qemu+ssh://h:ssh/system",
    "The port in “qemu+ssh://h:ssh/system” is not a number" },
  { "bad-escape", "qemu+ssh://%zz@h/system",
    "The user name in “qemu+ssh://%zz@h/system” is not valid; check its %-escapes" },
  { "not-utf8", "qemu+ssh://%FF@h/system",
    "The user name in “qemu+ssh://%FF@h/system” is not valid; check its %-escapes" },
  { "bad-host", "qemu+ssh://[fe80::1/system",
    "The host in “qemu+ssh://[fe80::1/system” is not valid; check its %-escapes and brackets" },
  { "bad-path", "qemu:///sys%00tem", "The path in “qemu:///sys%00tem” is not valid; check its %-escapes" },
  { "bad-password", "qemu+ssh://a:%zz@h/system",
    "“qemu+ssh://a:%zz@h/system” is not a valid URI; check its %-escapes" },
  { "param-without-value", "qemu+ssh://h/system?no_verify",
    "The parameters “no_verify” are not name=value pairs joined by “&”" },
  { "param-bad-escape", "qemu+ssh://h/system?a=%zz",
    "The parameters in “qemu+ssh://h/system?a=%zz” are not valid; check their %-escapes" },
};

static void
test_parse_garbage (gconstpointer data)
{
  const GarbageCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryUri) uri = ferry_uri_new_from_string (c->uri, &error);

  g_assert_null (uri);
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, c->message);
}

/* A port GUri refuses still parses, so that validation can name it. */
static void
test_parse_big_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryUri) uri = ferry_uri_new_from_string ("qemu+ssh://u@[::1]:70000/system", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ferry_uri_get_port (uri), ==, 70000);
  g_assert_cmpstr (ferry_uri_get_host (uri), ==, "::1");
  g_assert_false (ferry_uri_validate (uri, &error));
  g_assert_cmpstr (error->message, ==, "Port 70000 is out of range (1–65535)");
}

/* Building and escaping */

typedef struct
{
  Fields      fields;
  const char *uri;
} BuildCase;

static const BuildCase build_cases[] = {
  { { "default" }, "qemu:///system" },
  { { "user-reserved", .transport = SSH, .user = "a@b:c/d?e&f=g%h", .host = "h" },
    "qemu+ssh://a%40b%3Ac%2Fd%3Fe%26f%3Dg%25h@h/system" },
  { { "user-unicode", .transport = SSH, .user = "józef", .host = "h" },
    "qemu+ssh://j%C3%B3zef@h/system" },
  { { "value-reserved", .transport = SSH, .host = "h",
      .params = { "keyfile", "/k@e:y/?&=%+#", "no_verify", "1" } },
    "qemu+ssh://h/system?keyfile=/k%40e:y/%3F%26%3D%25%2B%23&no_verify=1" },
  { { "value-unicode", .transport = SSH, .host = "h", .params = { "keyfile", "/home/zoë/κλειδί" } },
    "qemu+ssh://h/system?keyfile=/home/zo%C3%AB/%CE%BA%CE%BB%CE%B5%CE%B9%CE%B4%CE%AF" },
  { { "empty-value", .transport = SSH, .host = "h", .params = { "no_tty", "" } },
    "qemu+ssh://h/system?no_tty=" },
  { { "ipv6-port", .transport = TLS, .host = "2001:db8::1", .port = 16514 },
    "qemu+tls://[2001:db8::1]:16514/system" },
  { { "order-kept", .transport = UNIX, .params = { "z", "1", "socket", "/s", "a", "2" } },
    "qemu+unix:///system?z=1&socket=/s&a=2" },
  { { "test-file", .driver = "test", .path = "tmp/a b#c.xml" },
    "test:///tmp/a%20b%23c.xml" },
};

static void
test_build (gconstpointer data)
{
  const BuildCase *c = data;
  g_autoptr(FerryUri) uri = uri_from_fields (&c->fields);
  g_autofree char *built = ferry_uri_to_string (uri);
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryUri) parsed = NULL;

  g_assert_cmpstr (built, ==, c->uri);
  parsed = ferry_uri_new_from_string (built, &error);
  g_assert_no_error (error);
  g_assert_true (ferry_uri_equal (uri, parsed));
  assert_fields (parsed, &c->fields);
}

/* Every combination of these that validates survives a round trip. */
static void
test_round_trip_combinations (void)
{
  const char *drivers[] = { "qemu", "test" };
  const char *users[] = { NULL, "root", "a@b.c", "zoë%" };
  const char *hosts[] = { NULL, "h", "host-b.example.org", "192.0.2.1", "fe80::1", "::" };
  const guint ports[] = { 0, 1, 22, 65535 };
  const char *paths[] = { "system", "session", "default" };
  const char *values[] = { NULL, "/k", "a&b=c%d+e?f#g", "ключ" };
  guint n_valid = 0;

  for (guint d = 0; d < G_N_ELEMENTS (drivers); d++)
    for (FerryUriTransport t = LOCAL; t <= UNIX; t++)
      for (guint u = 0; u < G_N_ELEMENTS (users); u++)
        for (guint h = 0; h < G_N_ELEMENTS (hosts); h++)
          for (guint p = 0; p < G_N_ELEMENTS (ports); p++)
            for (guint a = 0; a < G_N_ELEMENTS (paths); a++)
              for (guint v = 0; v < G_N_ELEMENTS (values); v++)
                {
                  g_autoptr(FerryUri) uri = ferry_uri_new ();
                  g_autoptr(FerryUri) again = NULL;
                  g_autoptr(GError) error = NULL;
                  g_autofree char *built = NULL;

                  g_object_set (uri, "driver", drivers[d], "transport", t, "user", users[u],
                                "host", hosts[h], "port", ports[p], "path", paths[a], NULL);
                  if (values[v] != NULL)
                    ferry_uri_set_param (uri, "keyfile", values[v]);
                  if (!ferry_uri_validate (uri, NULL))
                    continue;

                  n_valid++;
                  built = ferry_uri_to_string (uri);
                  again = ferry_uri_new_from_string (built, &error);
                  g_assert_no_error (error);
                  if (!ferry_uri_equal (uri, again))
                    g_error ("%s does not round-trip", built);
                }

  /* The checks above ran on a good share of the combinations. */
  g_assert_cmpuint (n_valid, >, 1000);
}

/* Validation: one case per message */

typedef struct
{
  Fields         fields;
  FerryUriField  field;
  const char    *message;
} ValidateCase;

static const ValidateCase validate_cases[] = {
  { { "driver-missing", .driver = "" }, FERRY_URI_FIELD_DRIVER, "The driver is missing" },
  { { "driver-unsupported", .driver = "xen" }, FERRY_URI_FIELD_DRIVER,
    "The driver “xen” is not supported; Ferry knows qemu and test" },
  { { "ssh-no-host", .transport = SSH }, FERRY_URI_FIELD_HOST, "The SSH transport needs a host" },
  { { "libssh-no-host", .transport = LIBSSH }, FERRY_URI_FIELD_HOST,
    "The libssh transport needs a host" },
  { { "libssh2-no-host", .transport = LIBSSH2 }, FERRY_URI_FIELD_HOST,
    "The libssh2 transport needs a host" },
  { { "tls-no-host", .transport = TLS }, FERRY_URI_FIELD_HOST, "The TLS transport needs a host" },
  { { "tcp-no-host", .transport = TCP }, FERRY_URI_FIELD_HOST, "The TCP transport needs a host" },
  { { "local-host", .host = "h" }, FERRY_URI_FIELD_HOST, "The local transport takes no host" },
  { { "unix-host", .transport = UNIX, .host = "h" }, FERRY_URI_FIELD_HOST,
    "The Unix socket transport takes no host" },
  { { "host-space", .transport = SSH, .host = "my host" }, FERRY_URI_FIELD_HOST,
    "The host name contains a space" },
  { { "host-control", .transport = SSH, .host = "h\tx" }, FERRY_URI_FIELD_HOST,
    "The host name contains a control character" },
  { { "host-underscore", .transport = SSH, .host = "my_host" }, FERRY_URI_FIELD_HOST,
    "The host name “my_host” contains “_”; a host name has only letters, digits, “-” and “.”" },
  { { "host-slash", .transport = SSH, .host = "h/x" }, FERRY_URI_FIELD_HOST,
    "The host name “h/x” contains “/”; a host name has only letters, digits, “-” and “.”" },
  { { "host-unicode", .transport = SSH, .host = "hôte" }, FERRY_URI_FIELD_HOST,
    "The host name “hôte” contains “ô”; a host name has only letters, digits, “-” and “.”" },
  { { "host-empty-label", .transport = SSH, .host = "a..b" }, FERRY_URI_FIELD_HOST,
    "The host name “a..b” has an empty part between dots" },
  { { "host-leading-dot", .transport = SSH, .host = ".a" }, FERRY_URI_FIELD_HOST,
    "The host name “.a” has an empty part between dots" },
  { { "host-hyphen", .transport = SSH, .host = "a.-b" }, FERRY_URI_FIELD_HOST,
    "A part of the host name “a.-b” starts or ends with “-”" },
  { { "host-long-label", .transport = SSH,
      .host = "a234567890123456789012345678901234567890123456789012345678901234.org" },
    FERRY_URI_FIELD_HOST,
    "A part of the host name “a234567890123456789012345678901234567890123456789012345678901234.org” "
    "is longer than 63 characters" },
  { { "bad-ipv4", .transport = TCP, .host = "300.1.1.1" }, FERRY_URI_FIELD_HOST,
    "“300.1.1.1” is not a valid IPv4 address" },
  { { "bad-ipv6", .transport = TLS, .host = "fe80::zz" }, FERRY_URI_FIELD_HOST,
    "“fe80::zz” is not a valid IPv6 address" },
  { { "ipv6-zone", .transport = TLS, .host = "fe80::1%eth0" }, FERRY_URI_FIELD_HOST,
    "“fe80::1%eth0” is not a valid IPv6 address" },
  { { "port-range", .transport = SSH, .host = "h", .port = 65536 }, FERRY_URI_FIELD_PORT,
    "Port 65536 is out of range (1–65535)" },
  { { "port-local", .port = 22 }, FERRY_URI_FIELD_PORT, "The local transport takes no port" },
  { { "user-tls", .transport = TLS, .host = "h", .user = "root" }, FERRY_URI_FIELD_USER,
    "The TLS transport takes no user name" },
  { { "user-tcp", .transport = TCP, .host = "h", .user = "root" }, FERRY_URI_FIELD_USER,
    "The TCP transport takes no user name" },
  { { "user-unix", .transport = UNIX, .user = "root" }, FERRY_URI_FIELD_USER,
    "The Unix socket transport takes no user name" },
  { { "user-local", .user = "root" }, FERRY_URI_FIELD_USER, "The local transport takes no user name" },
  { { "user-space", .transport = SSH, .host = "h", .user = "jo smith" }, FERRY_URI_FIELD_USER,
    "The user name contains a space" },
  { { "user-control", .transport = SSH, .host = "h", .user = "jo\nsmith" }, FERRY_URI_FIELD_USER,
    "The user name contains a control character" },
  { { "path-missing", .path = "" }, FERRY_URI_FIELD_PATH,
    "The path is missing; use “system” or “session”" },
  { { "path-other", .path = "default" }, FERRY_URI_FIELD_PATH,
    "The path must be “system” or “session”, not “default”" },
  { { "path-slash", .path = "system/" }, FERRY_URI_FIELD_PATH,
    "The path must be “system” or “session”, not “system/”" },
  { { "path-space", .path = "sys tem" }, FERRY_URI_FIELD_PATH, "The path contains a space" },
  { { "path-control", .path = "sys\x7ftem" }, FERRY_URI_FIELD_PATH,
    "The path contains a control character" },
  { { "test-no-path", .driver = "test", .path = "" }, FERRY_URI_FIELD_PATH,
    "The test driver needs a path, such as “default”" },
  { { "socket-relative", .transport = UNIX, .params = { "socket", "run/sock" } },
    FERRY_URI_FIELD_PARAMS, "The socket path “run/sock” is not absolute" },
  { { "param-no-name", .params = { "", "1" } }, FERRY_URI_FIELD_PARAMS, "A parameter has no name" },
  { { "param-bad-name", .params = { "key file", "1" } }, FERRY_URI_FIELD_PARAMS,
    "The parameter name “key file” may contain only letters, digits and “_”" },
  { { "param-twice", .transport = SSH, .host = "h", .params = { "keyfile", "/a", "keyfile", "/b" } },
    FERRY_URI_FIELD_PARAMS, "The parameter “keyfile” is given twice" },
  { { "param-space", .transport = SSH, .host = "h", .params = { "keyfile", "/my key" } },
    FERRY_URI_FIELD_PARAMS, "The value of “keyfile” contains a space" },
  { { "param-control", .transport = SSH, .host = "h", .params = { "keyfile", "/k\r" } },
    FERRY_URI_FIELD_PARAMS, "The value of “keyfile” contains a control character" },
};

static void
assert_invalid (FerryUri      *uri,
                FerryUriField  field,
                const char    *message)
{
  g_autoptr(GError) error = NULL;
  FerryUriField found = FERRY_URI_FIELD_NONE;

  g_assert_false (ferry_uri_validate_full (uri, &found, &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpint (found, ==, field);
}

static void
test_validate (gconstpointer data)
{
  const ValidateCase *c = data;
  g_autoptr(FerryUri) uri = uri_from_fields (&c->fields);

  assert_invalid (uri, c->field, c->message);
}

static void
test_validate_lengths (void)
{
  g_autoptr(FerryUri) uri = ferry_uri_new ();
  g_autofree char *label63 = g_strnfill (63, 'a');
  g_autofree char *label61 = g_strnfill (61, 'b');
  g_autofree char *host253 = g_strjoin (".", label63, label63, label63, label61, NULL);
  g_autofree char *host254 = g_strconcat ("c", host253, NULL);
  g_autofree char *user255 = g_strnfill (255, 'u');
  g_autofree char *user256 = g_strnfill (256, 'u');

  g_assert_cmpuint (strlen (host253), ==, 253);
  g_object_set (uri, "transport", SSH, "host", host253, "user", user255, NULL);
  g_assert_true (ferry_uri_validate (uri, NULL));

  ferry_uri_set_host (uri, host254);
  assert_invalid (uri, FERRY_URI_FIELD_HOST,
                  "The host name is 254 characters long; the limit is 253");

  ferry_uri_set_host (uri, "h");
  ferry_uri_set_user (uri, user256);
  assert_invalid (uri, FERRY_URI_FIELD_USER,
                  "The user name is 256 characters long; the limit is 255");
}

static void
test_validate_accepts (void)
{
  const char *valid[] = {
    "qemu+ssh://h./system",
    "qemu+ssh://a-b.c-d/system",
    "qemu+ssh://1host/system",
    "qemu+tcp://[::1]/system",
    "qemu+tcp://[::ffff:192.0.2.1]/system",
    "qemu+libssh://zoë@h/session",
    "qemu+ssh://h:65535/system",
    "qemu+ssh://h:1/system",
    "qemu+ssh://h/system?socket=/run/libvirt/libvirt-sock",
    "test:///default?x=",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(FerryUri) uri = parse_valid (valid[i]);
    }
}

typedef struct
{
  const char *uri;
  const char *message;   /* NULL: valid */
} CustomCase;

static const CustomCase custom_cases[] = {
  { "qemu+ssh://root@h/system", NULL },
  { "lxc:///system", NULL },
  { "esx://host/?no_verify=1", NULL },
  { "xen+ssh://root@h/system?keyfile=relative", NULL },
  { "qemu+ssh:///system", "The SSH transport needs a host" },
  { "test:///", "The test driver needs a path, such as “default”" },
  { "qemu:///sys tem", "A URI cannot contain spaces; write them as %20" },
  { "qemu:///system\n", "The URI contains a control character" },
  { "", "The URI is empty" },
  { "qemu+ext:///system", "The transport “ext” is unknown; use ssh, libssh, libssh2, tls, tcp or unix" },
};

static void
test_validate_custom (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (custom_cases); i++)
    {
      const CustomCase *c = &custom_cases[i];
      g_autoptr(GError) error = NULL;
      gboolean valid = ferry_uri_validate_custom (c->uri, &error);

      if (c->message == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (valid);
        }
      else
        {
          g_assert_false (valid);
          g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT);
          g_assert_cmpstr (error->message, ==, c->message);
        }
    }
}

/* Object behaviour */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_notify_on_change_only (void)
{
  g_autoptr(FerryUri) uri = ferry_uri_new ();
  guint count = 0;

  g_signal_connect (uri, "notify", G_CALLBACK (count_notify_cb), &count);

  ferry_uri_set_driver (uri, "qemu");
  ferry_uri_set_path (uri, "system");
  ferry_uri_set_transport (uri, LOCAL);
  ferry_uri_set_port (uri, 0);
  ferry_uri_set_user (uri, "");
  g_object_set (uri, "host", NULL, NULL);
  g_assert_cmpuint (count, ==, 0);

  ferry_uri_set_transport (uri, SSH);
  ferry_uri_set_host (uri, "h");
  ferry_uri_set_host (uri, "h");
  ferry_uri_set_port (uri, 22);
  ferry_uri_set_user (uri, "root");
  ferry_uri_set_path (uri, "session");
  g_assert_cmpuint (count, ==, 5);

  /* "" and NULL are the same: no field. */
  ferry_uri_set_user (uri, "");
  g_assert_null (ferry_uri_get_user (uri));
  g_assert_cmpuint (count, ==, 6);
}

static void
test_params (void)
{
  g_autoptr(FerryUri) uri = ferry_uri_new ();
  g_autofree char *built = NULL;

  ferry_uri_set_param (uri, "a", "1");
  ferry_uri_set_param (uri, "b", "2");
  ferry_uri_add_param (uri, "a", "3");
  g_assert_cmpuint (ferry_uri_get_n_params (uri), ==, 3);
  g_assert_cmpstr (ferry_uri_get_param (uri, "a"), ==, "1");

  /* Setting keeps the first place and drops the repetition. */
  ferry_uri_set_param (uri, "a", "4");
  g_assert_cmpuint (ferry_uri_get_n_params (uri), ==, 2);
  g_assert_cmpstr (ferry_uri_get_param_name (uri, 0), ==, "a");
  g_assert_cmpstr (ferry_uri_get_param_value (uri, 0), ==, "4");
  ferry_uri_set_param (uri, "a", "");
  g_assert_cmpstr (ferry_uri_get_param (uri, "a"), ==, "");

  ferry_uri_set_param (uri, "a", NULL);
  g_assert_null (ferry_uri_get_param (uri, "a"));
  built = ferry_uri_to_string (uri);
  g_assert_cmpstr (built, ==, "qemu:///system?b=2");

  ferry_uri_clear_params (uri);
  g_assert_cmpuint (ferry_uri_get_n_params (uri), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/uri/parse/%s", parse_cases[i].fields.name);

      g_test_add_data_func (path, &parse_cases[i], test_parse);
    }
  for (guint i = 0; i < G_N_ELEMENTS (garbage_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/uri/parse/garbage/%s", garbage_cases[i].name);

      g_test_add_data_func (path, &garbage_cases[i], test_parse_garbage);
    }
  g_test_add_func ("/core/uri/parse/big-port", test_parse_big_port);
  for (guint i = 0; i < G_N_ELEMENTS (build_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/uri/build/%s", build_cases[i].fields.name);

      g_test_add_data_func (path, &build_cases[i], test_build);
    }
  g_test_add_func ("/core/uri/round-trip/combinations", test_round_trip_combinations);
  for (guint i = 0; i < G_N_ELEMENTS (validate_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/uri/validate/%s", validate_cases[i].fields.name);

      g_test_add_data_func (path, &validate_cases[i], test_validate);
    }
  g_test_add_func ("/core/uri/validate/lengths", test_validate_lengths);
  g_test_add_func ("/core/uri/validate/accepts", test_validate_accepts);
  g_test_add_func ("/core/uri/validate/custom", test_validate_custom);
  g_test_add_func ("/core/uri/notify-on-change-only", test_notify_on_change_only);
  g_test_add_func ("/core/uri/params", test_params);

  return g_test_run ();
}
