#!/bin/sh
# Runs a test in its own D-Bus session with a private, unlocked keyring, so
# keyring tests never touch the user's own. Usage: run-with-keyring.sh PROGRAM ARGS…
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -m 700 "$tmp/run"
export HOME="$tmp" XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run"
exec dbus-run-session -- sh -c '
  printf test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"' sh "$@"
