#!/bin/bash
# "Define this pool on another host", on real hosts: Ferry's core creates a GlusterFS netfs pool
# on host a (as the pool editor does), copies its definition to host b
# (ferry_definition_copy_async, as the pools view's "Define on Another Host…" and the editor's
# "Also Define On" page do), and the pool runs on both. Copying again changes nothing. Then a VM
# whose disk lives in that pool migrates live a->b without copying storage and without --unsafe:
# to libvirt, the copied pool is real shared storage.
#
# The pool names the Gluster server by address (lab-shared names it by host name), so libvirt and
# Ferry's duplicate check accept it next to lab-shared, on the same volume.
source "$(dirname "$0")/lab-lib.sh"

CLIENT=${FERRY_POOL_CLIENT:-}
[[ -x $CLIENT ]] || bail_out "pool-client not built (FERRY_POOL_CLIENT='$CLIENT')"
LAB_DIR=${FERRY_LAB_DIR:-/tmp/ferry-lab}
URI_A=$(lab uri a tcp)
URI_B=$(lab uri b tcp)
POOL=ferry-lab-copy
TARGET=$LAB_DIR/mnt/$POOL
DOM=lab-poolcopy

pool_a() { lab exec "$CLIENT" "$URI_A" "$@"; }
cleanup() {
  lab_remove_guest $DOM
  lab virsh a vol-delete --pool $POOL $DOM.qcow2 > /dev/null 2>&1
  for h in a b; do lab virsh $h pool-destroy $POOL > /dev/null 2>&1; done
  lab virsh a pool-delete $POOL > /dev/null 2>&1
  for h in a b; do lab virsh $h pool-undefine $POOL > /dev/null 2>&1; done
  true
}
trap cleanup EXIT
cleanup
tap_plan 7

# 1. The pool on a, as the editor creates it: define, build, start, autostart.
OUT=$(pool_a create $POOL 10.254.0.1 ferrylab glusterfs "$TARGET" 2>&1)
if [[ $(grep -c ': ok$' <<< "$OUT") == 4 ]]; then tap_ok "create $POOL on a: define, build, start, autostart"
else tap_not_ok "create $POOL on a: define, build, start, autostart"; tap_diag "$OUT"; fi

# 2. The copy to b, step by step.
OUT=$(pool_a copy "$URI_B" $POOL 2>&1)
if grep -qx 'copy Defined: done' <<< "$OUT" && grep -qx 'copy Built: done' <<< "$OUT" &&
   grep -qx 'copy Started: done' <<< "$OUT" && grep -qx 'copy Autostart set: done' <<< "$OUT"; then
  tap_ok "copy to b: defined, built, started, autostart set"
else
  tap_not_ok "copy to b: defined, built, started, autostart set"; tap_diag "$OUT"
fi

running_on() {
  local info
  info=$("$LAB" virsh "$1" pool-info $POOL 2>&1)
  if grep -q '^State: *running' <<< "$info" && grep -q '^Autostart: *yes' <<< "$info" &&
     "$LAB" virsh "$1" pool-dumpxml $POOL | grep -c "<format type='glusterfs'/>" > /dev/null; then
    return 0
  fi
  echo "$info"
  return 1
}
tap_check "virsh: $POOL runs on a, autostarted, mounted from gluster" running_on a
tap_check "virsh: $POOL runs on b, autostarted, mounted from gluster" running_on b

# 3. Again: what is there is kept, nothing fails.
OUT=$(pool_a copy "$URI_B" $POOL 2>&1)
if grep -qx 'copy Defined: skipped (already defined)' <<< "$OUT" &&
   grep -qx 'copy Started: skipped (already active)' <<< "$OUT" && ! grep -q failed <<< "$OUT"; then
  tap_ok "copying again keeps b's pool as it is"
else
  tap_not_ok "copying again keeps b's pool as it is"; tap_diag "$OUT"
fi

# 4. A VM with its disk in the copied pool moves live, no storage copy, no --unsafe.
if ! lab define-guest a $DOM --empty --disk-pool $POOL --start > /dev/null; then
  bail_out "cannot start $DOM on a with its disk in $POOL"
fi
if lab_migrate a b tcp $DOM; then
  tap_ok "disk in $POOL: live migration a->b without copy storage or --unsafe (${LAB_MIGRATE_SECS} s)"
else
  tap_not_ok "disk in $POOL: live migration a->b without copy storage or --unsafe"; tap_diag "$LAB_MIGRATE_OUT"
fi
on_b_from_pool() {
  local disks
  lab_running_once $DOM b || return 1
  disks=$(lab virsh b domblklist $DOM 2>&1)
  grep -qF "$TARGET/$DOM.qcow2" <<< "$disks" || { echo "$disks"; return 1; }
}
tap_check "the guest runs once, on b, its disk in $TARGET" on_b_from_pool
tap_done
