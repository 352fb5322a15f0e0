#!/bin/bash
# The disk cache editor's core on real hosts: a running VM on the shared gluster pool gets
# a new cache mode through Ferry (disk-modes-client, the same calls as the Disks window);
# the persistent definition has it at once, the running VM only after a restart (libvirt
# refuses to change a running disk's cache, and Ferry says so); "make migration-safe"
# sets cache=none; the VM then live-migrates a->b and runs exactly once. A VM on local
# storage is refused by libvirt as unsafe, and Ferry's explanation names both ways out.
source "$(dirname "$0")/lab-lib.sh"

CLIENT=${FERRY_DISK_MODES_CLIENT:?FERRY_DISK_MODES_CLIENT is set by meson}
FM=${FERRY_MIGRATE:?FERRY_MIGRATE is set by meson}
DOM=lab-cache
LOCAL=lab-cache-local
OUT=$(mktemp)
trap 'lab_remove_guest $DOM; lab_remove_guest $LOCAL; rm -f "$OUT"' EXIT

A=$(lab uri a tcp)
B=$(lab uri b tcp)

# client ARGS...: disk-modes-client against host a, in the client namespace; output in $OUT.
client() { timeout 90 "$LAB" exec "$CLIENT" "$A" "$DOM" "$@" > "$OUT" 2>&1; }
# The cache attribute of vda's driver in DOM's XML on a (virsh dumpxml ARGS).
xml_cache() {
  lab virsh a dumpxml "$@" $DOM | sed -n "/<target dev='vda'/,\$d; s/.*<driver [^>]*cache='\([a-z]*\)'.*/\1/p" | tail -1
}
# The serial log is appended to across boots: a fresh boot shows as new tick lines.
tick_lines() { grep -ac 'FERRY-LAB: tick' "$(lab_serial_log a $DOM)" 2> /dev/null || true; }
more_ticks() { (($(tick_lines) > $1)); }
# restart_with_cache MODE: destroy and start DOM, wait for the guest to boot again, and
# check the running VM's vda has cache MODE.
restart_with_cache() {
  local n
  lab virsh a destroy $DOM > /dev/null || return 1
  n=$(tick_lines)
  lab virsh a start $DOM > /dev/null || return 1
  lab_wait 60 more_ticks "$n" || { echo "no new boot on the console"; return 1; }
  [[ $(xml_cache) == "$1" ]] || { echo "live cache is '$(xml_cache)'"; return 1; }
}

tap_plan 11
lab_remove_guest $DOM
lab_remove_guest $LOCAL
lab define-guest a $DOM --disk shared --start > /dev/null || bail_out "cannot start $DOM"
lab_wait_tick a $DOM 0 60 || bail_out "$DOM does not boot"

# 1. writeback through Ferry: in the definition now, in the running VM after a restart.
if client set vda writeback default && grep -q '^changed vda cache=writeback io=default applied=' "$OUT"; then
  tap_ok "Ferry sets cache=writeback on the running VM's vda"
else
  tap_not_ok "Ferry sets cache=writeback on the running VM's vda"
fi
tap_diag "$(cat "$OUT")"
tap_check "virsh dumpxml --inactive: cache='writeback'" test "$(xml_cache --inactive)" = writeback
# Whatever libvirt decided about the live change, Ferry's report must match the live XML.
if grep -q 'applied=next-boot reason=.' "$OUT"; then
  tap_check "reported 'next boot' with libvirt's reason, and the running VM still has cache='none'" \
    test "$(xml_cache)" = none
else
  tap_check "reported 'live': the running VM has cache='writeback'" test "$(xml_cache)" = writeback
fi
tap_check "restarted (destroy, start), the guest boots with cache='writeback' in the live XML" \
  restart_with_cache writeback

# 2. Make migration-safe: one redefine, reports the one disk it changed.
client make-safe
tap_diag "$(cat "$OUT")"
tap_check "make migration-safe reports vda set to cache=none" \
  grep -q '^changed vda cache=none io=default applied=' "$OUT"
tap_check "virsh dumpxml --inactive: cache='none'" test "$(xml_cache --inactive)" = none
tap_check "restarted, the guest boots with cache='none' in the live XML" restart_with_cache none

# 3. Live migration of the VM with its new mode.
if lab_migrate a b tcp $DOM; then
  tap_ok "live migration a->b succeeds (${LAB_MIGRATE_SECS} s)"
else
  tap_not_ok "live migration a->b succeeds"; tap_diag "$LAB_MIGRATE_OUT"
fi
tap_check "after migration: runs exactly once, on b" lab_running_once $DOM b

# 4. Local storage: libvirt refuses, Ferry explains the two ways out.
lab define-guest a $LOCAL --disk local --start > /dev/null || bail_out "cannot start $LOCAL"
lab_wait_tick a $LOCAL 0 60 || bail_out "$LOCAL does not boot"
rc=0
timeout 120 "$LAB" exec "$FM" --live --persistent --undefinesource $LOCAL "$A" "$B" > /dev/null 2> "$OUT" || rc=$?
if [[ $rc != 0 ]] && grep -q 'Migration without shared storage is unsafe' "$OUT" &&
   grep -qF 'Either choose “Copy storage”' "$OUT" && grep -qF 'choose “Unsafe” to skip the check' "$OUT"; then
  tap_ok "local disk: libvirt refuses as unsafe; Ferry names Copy storage and Unsafe"
else
  tap_not_ok "local disk: libvirt refuses as unsafe; Ferry names Copy storage and Unsafe"
  tap_diag "rc=$rc"; tap_diag "$(tail -n 15 "$OUT")"
fi
tap_check "refused: the local VM still runs exactly once, on a" lab_running_once $LOCAL a
tap_done
