#!/bin/sh
# Runs a test in its own D-Bus session with a private, unlocked keyring, so
# keyring tests never touch the user's own. Usage: run-with-keyring.sh PROGRAM ARGS…
# Under `meson test --setup valgrind`, FERRY_TEST_VALGRIND holds memcheck's command line
# (one argument per line) and the test program itself runs under it.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -m 700 "$tmp/run"
export HOME="$tmp" XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run"
dbus-run-session -- sh -c '
  printf test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  if [ -n "${FERRY_TEST_VALGRIND:-}" ]; then
    IFS="
"
    set -- $FERRY_TEST_VALGRIND "$@"
  fi
  exec "$@"' sh "$@"
