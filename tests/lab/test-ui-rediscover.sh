#!/bin/bash
# Ferry killed mid-migration, then started again the way a user starts it: the window finds
# the running migration and follows it (issue #11). ui-rediscover.py drives the real window
# over AT-SPI: the "found" toast, Show, moving progress, the Migrations list; then the
# source's libvirtd drops Ferry's connection (the p2p migration goes on), the view says so,
# and after the reconnect the migration is found and followed again to its end. Then back
# (b -> a): found when b reconnects, cancelled from its view. The hosts decide at the end:
# the VM runs exactly once, on b, its guest still ticking.
source "$(dirname "$0")/lab-lib.sh"

FERRY=${FERRY_BIN:?FERRY_BIN is set by meson}
DOM=lab-uired
source "$(dirname "$0")/rediscover-lib.sh"

lab_remove_guest $DOM
lab define-guest a $DOM --dirty-mb 1 --tick-ms 200 --start > /dev/null || bail_out "cannot start $DOM"
lab_wait_tick a $DOM 1 60 || bail_out "$DOM does not boot"

# The "Ferry" that dies: a slow p2p migration, driven until data moves, then SIGKILLed.
start_migration "$(lab uri a tcp)" "$(lab uri b tcp)" --p2p --live --persistent --undefinesource \
  --bandwidth 2 || bail_out "the migration did not start: $(tail -n 3 "$WORK/err1")"
kill_driver
# (not `| grep -q`: under pipefail, virsh's SIGPIPE after an early match would fail it)
[[ $("$LAB" virsh a domjobinfo $DOM 2>&1) == *Unbounded* ]] ||
  bail_out "no migration job left running on a: $(tail -n 3 "$WORK/err1"; "$LAB" virsh a domjobinfo $DOM 2>&1)"

export FERRY_SCREENSHOT_DIR=${FERRY_SCREENSHOT_DIR:-$PWD/screenshots}
mkdir -p "$FERRY_SCREENSHOT_DIR"
A=$(lab uri-local a); B=$(lab uri-local b)
# A host's admin socket sits next to the socket uri-local names.
admin_uri() { echo "libvirtd+unix:///system?socket=$(sed 's/.*socket=//; s/libvirt-sock$/libvirt-admin-sock/' <<< "$1")"; }
timeout 220 xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  "$(dirname "$0")/ui-session.sh" "$FERRY_SCREENSHOT_DIR/ferry-rediscover.log" "$FERRY" --connect "$A" --connect "$B" -- \
  "$(dirname "$0")/ui-rediscover.py" $DOM ferry-lab-a "$(admin_uri "$A")" \
  ferry-lab-b "$(admin_uri "$B")" "$(lab uri b tcp)" "$(lab uri a tcp)"
rc=$?

# Whatever the window said, the hosts decide: after the cancel, exactly once, on b (the
# second migration's source), and the guest ticks on.
if lab_running_once $DOM b > /dev/null && lab_wait_tick b $DOM "$(lab_last_tick b $DOM)" 30; then
  echo "ok 14 - after the cancel the VM runs exactly once, on ferry-lab-b, and its guest keeps ticking"
else
  echo "not ok 14 - after the cancel the VM runs exactly once, on ferry-lab-b, ticking (runs on: $(lab_where $DOM))"; rc=1
fi
exit $rc
