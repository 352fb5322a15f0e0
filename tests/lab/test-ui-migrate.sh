#!/bin/bash
# A user migrates a VM in Ferry's window, driven over AT-SPI by accessible names
# (ui-migrate.py), against the two lab hosts. Ferry runs under Xvfb with its own
# D-Bus session and accessibility bus; screenshots of each step are kept.
source "$(dirname "$0")/lab-lib.sh"

FERRY=${FERRY_BIN:?FERRY_BIN is set by meson}
DOM=lab-ui
trap 'lab_remove_guest $DOM' EXIT
lab_remove_guest $DOM
lab define-guest a $DOM --memory 512 --dirty-mb 64 --tick-ms 200 --start > /dev/null || bail_out "cannot start $DOM"
lab_wait_tick a $DOM 1 60 || bail_out "$DOM does not boot"

export FERRY_SCREENSHOT_DIR=${FERRY_SCREENSHOT_DIR:-$PWD/screenshots}
mkdir -p "$FERRY_SCREENSHOT_DIR"   # a fresh build dir does not have it yet
A=$(lab uri-local a); B=$(lab uri-local b)
timeout 240 xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  "$(dirname "$0")/ui-session.sh" "$FERRY_SCREENSHOT_DIR/ferry.log" "$FERRY" --connect "$A" --connect "$B" -- \
  "$(dirname "$0")/ui-migrate.py" $DOM ferry-lab-a ferry-lab-b
rc=$?
# Whatever the window said, the hosts decide: exactly once, on b.
if lab_running_once $DOM b > /dev/null; then
  echo "ok 10 - the VM runs exactly once, on ferry-lab-b (checked with virsh on both hosts)"
else
  echo "not ok 10 - the VM runs exactly once, on ferry-lab-b"; rc=1
fi
exit $rc
