/* ferry-test-utils.c
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-test-utils.h"

typedef struct
{
  gpointer    object;
  const char *property;
  int         value;
} PropertyWait;

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Under valgrind everything runs many times slower; its meson test setup
 * stretches every wait by FERRY_TEST_TIMEOUT_MULTIPLIER, as meson stretches
 * the whole test's timeout, so a slow run is not mistaken for a hang. */
static guint
timeout_multiplier (void)
{
  const char *value = g_getenv ("FERRY_TEST_TIMEOUT_MULTIPLIER");
  guint64 n = value != NULL ? g_ascii_strtoull (value, NULL, 10) : 0;

  return n >= 1 && n <= 100 ? (guint)n : 1;
}

void
ferry_test_wait_until (FerryTestCondition  condition,
                       gpointer            user_data,
                       guint               timeout_ms,
                       const char         *what)
{
  gboolean expired = FALSE;
  guint id;

  timeout_ms *= timeout_multiplier ();
  id = g_timeout_add (timeout_ms, timeout_cb, &expired);
  /* Conditions may watch the world outside the main loop (a file, a
   * process): wake up regularly to look again. */
  guint tick = g_timeout_add (20, tick_cb, NULL);

  while (!condition (user_data) && !expired)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick);
  if (!expired)
    g_source_remove (id);
  else if (!condition (user_data))
    g_error ("timed out after %u ms waiting for %s", timeout_ms, what);
}

static gboolean
property_matches (gpointer user_data)
{
  PropertyWait *wait = user_data;
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (wait->object),
                                                    wait->property);
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (wait->object, wait->property, &value);
  if (G_VALUE_HOLDS_ENUM (&value))
    return g_value_get_enum (&value) == wait->value;
  if (G_VALUE_HOLDS_BOOLEAN (&value))
    return g_value_get_boolean (&value) == wait->value;
  if (G_VALUE_HOLDS_UINT (&value))
    return (int)g_value_get_uint (&value) == wait->value;
  g_assert_not_reached ();
}

void
ferry_test_wait_property (gpointer    object,
                          const char *property,
                          int         value,
                          guint       timeout_ms)
{
  PropertyWait wait = { object, property, value };
  g_autofree char *what = g_strdup_printf ("%s::%s == %d",
                                           G_OBJECT_TYPE_NAME (object), property, value);

  ferry_test_wait_until (property_matches, &wait, timeout_ms, what);
}

void
ferry_test_store_result (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static gboolean
result_stored (gpointer user_data)
{
  return *(GAsyncResult **)user_data != NULL;
}

GAsyncResult *
ferry_test_wait_result (GAsyncResult **slot,
                        guint          timeout_ms,
                        const char    *what)
{
  ferry_test_wait_until (result_stored, slot, timeout_ms, what);
  return g_steal_pointer (slot);
}

char *
ferry_test_write_host (guint n_domains)
{
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  g_string_append (xml,
                   "<node xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>\n"
                   "  <cpu><nodes>1</nodes><sockets>2</sockets><cores>4</cores>"
                   "<threads>1</threads><active>8</active><mhz>2400</mhz>"
                   "<model>x86_64</model></cpu>\n"
                   "  <memory>33554432</memory>\n");
  for (guint i = 0; i < n_domains; i++)
    {
      /* 5 = VIR_DOMAIN_SHUTOFF, 3 = VIR_DOMAIN_PAUSED, 1 = VIR_DOMAIN_RUNNING */
      int runstate = (i % 3 == 0) ? 5 : (i % 5 == 0) ? 3 : 1;
      gboolean transient = (i % 7 == 6) && runstate != 5;

      g_string_append_printf (xml,
                              "  <domain type='test'>\n"
                              "    <name>vm-%05u</name>\n"
                              "    <uuid>6695eb01-f6a4-8304-79aa-%012x</uuid>\n"
                              "    <memory unit='MiB'>%u</memory>\n"
                              "    <vcpu>%u</vcpu>\n"
                              "    <os><type>hvm</type></os>\n"
                              "    <test:runstate>%d</test:runstate>\n"
                              "%s"
                              "  </domain>\n",
                              i, i, 256 * (1 + i % 8), 1 + i % 4, runstate,
                              transient ? "    <test:transient/>\n" : "");
    }
  g_string_append (xml, "</node>\n");

  dir = g_dir_make_tmp ("ferry-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "host.xml", NULL);
  g_file_set_contents (path, xml->str, xml->len, &error);
  g_assert_no_error (error);

  return g_strdup_printf ("test://%s", path);
}

char *
ferry_test_write_auth_host (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ferry-auth-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "host.xml", NULL);
  const char *xml =
    "<node>\n"
    "  <auth><user password='s3cret'>admin</user></auth>\n"
    "  <domain type='test'><name>guarded</name><memory>65536</memory>"
    "<os><type>hvm</type></os></domain>\n"
    "</node>\n";

  g_file_set_contents (path, xml, -1, &error);
  g_assert_no_error (error);
  return g_strdup_printf ("test://%s", path);
}

GSocket *
ferry_test_listen_silently (guint16 *port)
{
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_socket_bind (socket, any, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return socket;
}
