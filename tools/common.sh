# tools/common.sh — shared by tools/check and tools/demo (sourced, not run).
# Installs what is missing on a Debian 12 machine and builds Ferry.

FERRY_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FERRY_BUILD=${FERRY_BUILD:-$FERRY_TOP/_build}

# Everything the build, the tests and the demo need from Debian 12.
FERRY_PACKAGES=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libvirt-dev libvirt-glib-1.0-dev libxml2-dev libvirt-clients libvirt-daemon
  libsecret-1-dev gnome-keyring
  desktop-file-utils appstream python3
  xvfb xauth dbus-daemon dbus-x11 imagemagick
  at-spi2-core python3-pyatspi python3-gi gir1.2-atspi-2.0
  fonts-cantarell adwaita-icon-theme hicolor-icon-theme
  valgrind
  clang libclang-rt-14-dev
)

ferry_log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

# Installs the packages not yet installed; quick when nothing is missing.
ferry_install_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages (run as root to install them): ${missing[*]}" >&2
    return 1
  fi
  ferry_log "installing ${missing[*]}"
  apt-get update -o DPkg::Lock::Timeout=600 -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 \
    --no-install-recommends "${missing[@]}" > /dev/null
}

# ferry_build [BUILDDIR [meson options…]]
# Builds everything, or only the ninja targets named in FERRY_TARGETS.
ferry_build() {
  local dir=${1:-$FERRY_BUILD}
  shift || true
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$FERRY_TOP" -Dwerror=true "$@" > "$dir.setup.log" 2>&1 ||
      { cat "$dir.setup.log" >&2; return 1; }
  fi
  # shellcheck disable=SC2086 # FERRY_TARGETS is a list of words
  ninja -C "$dir" ${FERRY_TARGETS:-} > "$dir.ninja.log" 2>&1 || { tail -50 "$dir.ninja.log" >&2; return 1; }
}
