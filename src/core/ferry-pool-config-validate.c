/* ferry-pool-config-validate.c — what is wrong with a pool definition, field
 * by field, in words a newer admin can act on, before anything reaches
 * libvirt. Pure functions of the config and the host's pool list.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ferry-core-private.h"
#include "ferry-error.h"
#include "ferry-pool-config.h"
#include "ferry-pool.h"

/* libvirt keeps a persistent pool in <name>.xml, and file names are at most
 * 255 bytes on the file systems libvirt's configuration lives on. */
#define NAME_MAX_BYTES (255 - 4)
/* libvirt reads owner and group as unsigned ints; 2^32-1 is (uid_t)-1,
 * which means "not set" to the kernel. */
#define ID_MAX G_GUINT64_CONSTANT (4294967294)

/* Mounting over one of these hides what the host itself needs, or another
 * pool's files (the default pool's directory). A subdirectory is fine. */
static const char *const system_dirs[] = {
  "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32",
  "/media", "/mnt", "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp",
  "/usr", "/usr/bin", "/usr/lib", "/usr/local", "/usr/sbin", "/usr/share", "/var",
  "/var/lib", "/var/lib/libvirt", "/var/lib/libvirt/images", "/var/log", "/var/run",
  "/var/tmp",
};

static gboolean
is_format (const char *format,
           const char *name)
{
  return g_strcmp0 (format, name) == 0;
}

/* NFS, or libvirt's "auto" (which tries mount's own detection, in practice NFS
 * for a host:/path source): the source is an absolute export path. */
static gboolean
is_nfs_like (const char *format)
{
  return format[0] == '\0' || is_format (format, "nfs") || is_format (format, "auto");
}

static char *
check_name (const char *name)
{
  if (name[0] == '\0')
    return g_strdup (_("Enter a name for the pool"));
  if (strspn (name, " ") == strlen (name))
    return g_strdup (_("The name cannot be only spaces"));
  if (strchr (name, '/') != NULL)
    return g_strdup (_("The name cannot contain “/”: libvirt stores the pool in a file of that name"));
  for (const char *p = name; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p))
      return g_strdup (_("The name cannot contain tabs, line breaks or other control characters"));
  if (!g_utf8_validate (name, -1, NULL))
    return g_strdup (_("The name is not valid text"));
  if (strlen (name) > NAME_MAX_BYTES)
    return g_strdup_printf (_("The name is too long: at most %u bytes"), NAME_MAX_BYTES);
  return NULL;
}

static gboolean
is_dns_name (const char *host)
{
  g_auto(GStrv) labels = NULL;
  gsize len = strlen (host);

  if (len > 253 + 1 || (len > 253 && host[len - 1] != '.'))
    return FALSE;
  labels = g_strsplit (host, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      const char *label = labels[i];
      gsize n = strlen (label);

      /* One empty label is allowed: the root after a trailing dot. */
      if (n == 0)
        {
          if (labels[i + 1] == NULL && i > 0)
            continue;
          return FALSE;
        }
      if (n > 63 || label[0] == '-' || label[n - 1] == '-')
        return FALSE;
      for (const char *p = label; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
          return FALSE;
    }
  return TRUE;
}

static gboolean
looks_like_ipv4 (const char *host)
{
  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != '.')
      return FALSE;
  return TRUE;
}

static char *
check_host (const char *host)
{
  if (host[0] == '\0')
    return g_strdup (_("Enter the server’s host name or IP address"));
  if (host[0] == '[')
    return g_strdup (_("Write an IPv6 address without brackets, such as fd00::5"));
  if (strchr (host, ':') != NULL && !g_hostname_is_ip_address (host))
    return g_strdup (_("This is not a valid IPv6 address; to give a port or path, use the other fields"));
  if (g_hostname_is_ip_address (host))
    return NULL;
  if (looks_like_ipv4 (host))
    return g_strdup (_("This is not a valid IPv4 address: four numbers from 0 to 255, such as 192.168.1.20"));
  if (strchr (host, ' ') != NULL || strchr (host, '/') != NULL)
    return g_strdup (_("A host name has no spaces or “/”: put the export path in its own field"));
  if (!is_dns_name (host))
    return g_strdup (_("This is not a valid host name: use letters, digits, “-” and dots, such as nfs.example.com"));
  return NULL;
}

/* Absolute, and written the way the kernel and libvirt will report it back:
 * no "." or ".." components, no doubled or trailing "/". */
static char *
check_absolute_path (const char *path,
                     const char *what_empty,
                     const char *example)
{
  if (path[0] == '\0')
    return g_strdup (what_empty);
  if (path[0] != '/')
    /* Translators: %s is an example path */
    return g_strdup_printf (_("Use an absolute path, starting with “/”, such as %s"), example);
  if (strlen (path) > 1 && g_str_has_suffix (path, "/"))
    return g_strdup (_("Remove the “/” at the end"));
  if (strstr (path, "//") != NULL)
    return g_strdup (_("The path contains “//”"));
  if (_ferry_path_has_dot_component (path))
    return g_strdup (_("Write the path without “.” or “..”"));
  for (const char *p = path; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p))
      return g_strdup (_("The path cannot contain tabs, line breaks or other control characters"));
  return NULL;
}

static char *
check_source_dir (const char *dir,
                  const char *format)
{
  if (is_nfs_like (format))
    return check_absolute_path (dir, _("Enter the export path on the server, such as /srv/nfs/vms"),
                                "/srv/nfs/vms");
  if (dir[0] == '\0')
    return g_strdup (is_format (format, "glusterfs") ?
                     _("Enter the Gluster volume name, such as gv0") :
                     _("Enter the share name, such as vms"));
  if (strchr (dir, ' ') != NULL && is_format (format, "glusterfs"))
    return g_strdup (_("A Gluster volume name has no spaces"));
  for (const char *p = dir; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p))
      return g_strdup (_("The source cannot contain tabs, line breaks or other control characters"));
  /* A subdirectory of the volume or share is fine; climbing out of it is not. */
  if (_ferry_path_has_dot_component (dir))
    return g_strdup (_("Write the source without “.” or “..”"));
  return NULL;
}

static char *
check_format (const char *format)
{
  if (format[0] == '\0' || is_format (format, "auto") || is_format (format, "nfs") ||
      is_format (format, "glusterfs") || is_format (format, "cifs"))
    return NULL;
  /* Translators: %s is what the pool definition says */
  return g_strdup_printf (_("“%s” is not a network file system Ferry can set up: choose automatic, NFS, GlusterFS or CIFS"),
                          format);
}

static char *
check_protocol_version (const char *version,
                        const char *format)
{
  if (version[0] == '\0')
    return NULL;
  if (!is_nfs_like (format))
    return g_strdup (_("The NFS version applies to NFS only: leave it empty for this format"));
  if (g_str_equal (version, "3") || g_str_equal (version, "4"))
    return NULL;
  if (g_str_has_prefix (version, "4."))
    return g_strdup (_("libvirt takes a whole version here: choose 4, and add the mount option vers=4.1 (or 4.2) for a minor version"));
  return g_strdup (_("The NFS version must be 3 or 4"));
}

static char *
check_mount_options (const char *options)
{
  g_auto(GStrv) list = g_strsplit (options, ",", -1);

  if (options[0] == '\0')
    return NULL;
  for (guint i = 0; list[i] != NULL; i++)
    {
      const char *option = list[i];

      if (option[0] == '\0')
        return g_strdup (_("Separate the options with single commas, such as noatime,nosuid"));
      for (const char *p = option; *p != '\0'; p++)
        if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
          return g_strdup (_("Mount options have no spaces: separate them with commas"));
    }
  return NULL;
}

static char *
check_target_path (const char *path)
{
  g_autofree char *message = check_absolute_path (path, _("Enter the directory where the host mounts the pool, such as /var/lib/libvirt/nfs"),
                                                  "/var/lib/libvirt/nfs");

  if (message != NULL)
    return g_steal_pointer (&message);
  for (guint i = 0; i < G_N_ELEMENTS (system_dirs); i++)
    if (g_str_equal (path, system_dirs[i]))
      /* Translators: %s is a directory such as /var */
      return g_strdup_printf (_("%s is a system directory: mounting over it hides what is there. Use a directory of its own, such as %s/nfs-pool"),
                              path, g_str_equal (path, "/") ? "" : path);
  return NULL;
}

static char *
check_mode (const char *mode)
{
  gsize n = strlen (mode);

  if (n == 0)
    return NULL;
  for (const char *p = mode; *p != '\0'; p++)
    if (*p < '0' || *p > '7')
      return g_strdup (_("Write the mode in octal digits (0–7), such as 0755"));
  if (n < 3 || n > 4)
    return g_strdup (_("The mode has 3 or 4 octal digits, such as 0755 or 755"));
  return NULL;
}

static char *
check_id (const char *id,
          gboolean    group)
{
  guint64 value;

  if (id[0] == '\0')
    return NULL;
  if (!g_ascii_string_to_unsigned (id, 10, 0, ID_MAX, &value, NULL))
    return g_strdup_printf (group ?
                            _("Enter the group as a number (a GID from 0 to %" G_GUINT64_FORMAT "), not a name") :
                            _("Enter the owner as a number (a UID from 0 to %" G_GUINT64_FORMAT "), not a name"),
                            ID_MAX);
  return NULL;
}

/* ---------------------------------------------------------- duplicates */

static char *
normalize_dir (const char *dir)
{
  char *copy = g_strdup (dir != NULL ? dir : "");
  gsize n = strlen (copy);

  while (n > 1 && copy[n - 1] == '/')
    copy[--n] = '\0';
  return copy;
}

static gboolean
same_source (FerryPool  *pool,
             const char *host,
             const char *dir)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (ferry_pool_get_source_host (pool) == NULL || host[0] == '\0' || dir[0] == '\0' ||
      g_ascii_strcasecmp (ferry_pool_get_source_host (pool), host) != 0)
    return FALSE;
  a = normalize_dir (ferry_pool_get_source_dir (pool));
  b = normalize_dir (dir);
  return g_str_equal (a, b);
}

/* Another pool (not the one being edited) that @field clashes with. */
static char *
check_duplicate (FerryPoolConfig *self,
                 FerryPoolField   field,
                 GListModel      *pools)
{
  const char *uuid = ferry_pool_config_get_uuid (self);
  const char *value = ferry_pool_config_get_field (self, field);

  if (pools == NULL || value[0] == '\0')
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (pools); i++)
    {
      g_autoptr(FerryPool) pool = g_list_model_get_item (pools, i);
      const char *name = ferry_pool_get_name (pool);

      if (uuid != NULL && g_strcmp0 (ferry_pool_get_uuid (pool), uuid) == 0)
        continue;
      if (field == FERRY_POOL_FIELD_NAME && g_strcmp0 (name, value) == 0)
        /* Translators: %s is a pool name */
        return g_strdup_printf (_("This host already has a pool named “%s”"), value);
      if (field == FERRY_POOL_FIELD_SOURCE_DIR &&
          same_source (pool, ferry_pool_config_get_field (self, FERRY_POOL_FIELD_SOURCE_HOST), value))
        /* Translators: the first %s is a pool name, then server:path */
        return g_strdup_printf (_("Pool “%s” on this host already uses %s:%s"), name,
                                ferry_pool_get_source_host (pool), value);
      if (field == FERRY_POOL_FIELD_TARGET_PATH &&
          g_strcmp0 (ferry_pool_get_target_path (pool), value) == 0)
        /* Translators: %s is a pool name */
        return g_strdup_printf (_("Pool “%s” on this host already uses this directory"), name);
    }
  return NULL;
}

/**
 * ferry_pool_config_check_field:
 * @pools: (nullable): the host's #FerryPool list, for the duplicate checks
 *
 * Returns: (transfer full) (nullable): what is wrong with @field, as one
 *   translated sentence; NULL when it is fine
 */
char *
ferry_pool_config_check_field (FerryPoolConfig *self,
                               FerryPoolField   field,
                               GListModel      *pools)
{
  const char *value;
  const char *format;
  char *message = NULL;

  g_return_val_if_fail (FERRY_IS_POOL_CONFIG (self), NULL);
  g_return_val_if_fail (field < FERRY_POOL_N_FIELDS, NULL);
  g_return_val_if_fail (pools == NULL || G_IS_LIST_MODEL (pools), NULL);

  value = ferry_pool_config_get_field (self, field);
  format = ferry_pool_config_get_field (self, FERRY_POOL_FIELD_FORMAT);
  switch (field)
    {
    case FERRY_POOL_FIELD_NAME:
      message = check_name (value);
      break;
    case FERRY_POOL_FIELD_SOURCE_HOST:
      message = check_host (value);
      break;
    case FERRY_POOL_FIELD_SOURCE_DIR:
      message = check_source_dir (value, format);
      break;
    case FERRY_POOL_FIELD_FORMAT:
      message = check_format (value);
      break;
    case FERRY_POOL_FIELD_PROTOCOL_VERSION:
      message = check_protocol_version (value, format);
      break;
    case FERRY_POOL_FIELD_MOUNT_OPTIONS:
      message = check_mount_options (value);
      break;
    case FERRY_POOL_FIELD_TARGET_PATH:
      message = check_target_path (value);
      break;
    case FERRY_POOL_FIELD_MODE:
      message = check_mode (value);
      break;
    case FERRY_POOL_FIELD_OWNER:
    case FERRY_POOL_FIELD_GROUP:
      message = check_id (value, field == FERRY_POOL_FIELD_GROUP);
      break;
    case FERRY_POOL_N_FIELDS:
    default:
      g_assert_not_reached ();
    }
  if (message == NULL)
    message = check_duplicate (self, field, pools);
  return message;
}

/**
 * ferry_pool_config_validate:
 * @pools: (nullable): the host's #FerryPool list
 *
 * Returns: TRUE when every field is fine; otherwise FALSE with
 *   %FERRY_ERROR_INVALID_INPUT naming the first problem
 */
gboolean
ferry_pool_config_validate (FerryPoolConfig  *self,
                            GListModel       *pools,
                            GError          **error)
{
  g_return_val_if_fail (FERRY_IS_POOL_CONFIG (self), FALSE);

  for (guint field = 0; field < FERRY_POOL_N_FIELDS; field++)
    {
      g_autofree char *message = ferry_pool_config_check_field (self, field, pools);

      if (message != NULL)
        {
          g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_INPUT, message);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * ferry_pool_check_volume_name:
 *
 * Returns: (transfer full) (nullable): what is wrong with @name as the name
 *   of a new volume (a file in the pool's directory); NULL when it is fine
 */
char *
ferry_pool_check_volume_name (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  if (name[0] == '\0')
    return g_strdup (_("Enter a name for the volume"));
  if (strchr (name, '/') != NULL)
    return g_strdup (_("A volume name cannot contain “/”"));
  if (g_str_equal (name, ".") || g_str_equal (name, ".."))
    return g_strdup (_("“.” and “..” are not volume names"));
  if (name[0] == '.')
    return g_strdup (_("A volume name starting with “.” would be hidden: libvirt does not list it"));
  for (const char *p = name; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p))
      return g_strdup (_("The name cannot contain tabs, line breaks or other control characters"));
  if (strlen (name) > 255)
    return g_strdup (_("The name is too long: at most 255 bytes"));
  return NULL;
}

/**
 * ferry_pool_check_volume_size:
 * @capacity: the size the guest sees, in bytes
 * @allocation: how much to allocate now, in bytes
 *
 * Returns: (transfer full) (nullable): what is wrong with the sizes of a new
 *   volume; NULL when they are fine
 */
char *
ferry_pool_check_volume_size (guint64 capacity,
                              guint64 allocation)
{
  if (capacity == 0)
    return g_strdup (_("Enter a size for the volume"));
  /* qemu-img and QEMU keep image sizes in an int64. */
  if (capacity > G_MAXINT64)
    return g_strdup (_("The size is too big: at most 8 EiB"));
  if (allocation > capacity)
    return g_strdup (_("The space to allocate now cannot be more than the size"));
  return NULL;
}
