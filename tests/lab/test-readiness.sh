#!/bin/bash
# Readiness checks against real hosts (ferry-migrate --check): the CPU comparison with QEMU on
# the destination, the dirty page rate measured by QEMU, and the two fixes that change the
# destination: a pool and a network only host a has are defined on b by --fix, the checks
# then pass, and a real migration succeeds. The network is a libvirt network over a host
# bridge both hosts have (the lab hosts have no iptables for NAT networks).
source "$(dirname "$0")/lab-lib.sh"

MIGRATE=${FERRY_MIGRATE:?FERRY_MIGRATE is not set}
BUSY=lab-rdy-busy
MOVER=lab-rdy-mover
POOL=lab-rdy-pool
POOL_DIR=/var/lib/libvirt/lab-rdy-pool   # host-private on each lab host
NET=lab-rdy-net
BRIDGE=rdybr0
A=$(lab uri a tcp)
B=$(lab uri b tcp)

cleanup() {
  lab_remove_guest $BUSY
  lab_remove_guest $MOVER
  for h in a b; do
    lab virsh $h vol-delete --pool $POOL $MOVER.qcow2 > /dev/null 2>&1
    lab virsh $h vol-delete --pool $POOL $MOVER.iso > /dev/null 2>&1
    lab virsh $h pool-destroy $POOL > /dev/null 2>&1
    lab virsh $h pool-delete $POOL > /dev/null 2>&1
    lab virsh $h pool-undefine $POOL > /dev/null 2>&1
    lab virsh $h net-destroy $NET > /dev/null 2>&1
    lab virsh $h net-undefine $NET > /dev/null 2>&1
    echo "ip link del $BRIDGE" | lab shell $h > /dev/null 2>&1
  done
}
# host_bridge HOST: the bridge a datacenter would have on every host, outside libvirt.
host_bridge() { echo "ip link add $BRIDGE type bridge && ip link set $BRIDGE up" | lab shell "$1" > /dev/null 2>&1; }
trap cleanup EXIT
cleanup
tap_plan 12

check() { timeout 60 "$LAB" exec "$MIGRATE" --check "$@" 2>&1; }
# result_line OUTPUT SEVERITY ID: OUTPUT has a line "SEVERITY<TAB>ID<TAB>…"
has_result() { grep -qP "^$2\t$3\t" <<< "$1"; }

# --- CPU: compared by the destination's QEMU, for the guest's qemu64 model.
lab define-guest a $BUSY --dirty-mb 32 --tick-ms 100 --start > /dev/null || bail_out "cannot start $BUSY"
out=$(check --live $BUSY "$A" "$B")
if has_result "$out" ok cpu && [[ $(check --json --live $BUSY "$A" "$B") == *'"VM CPU: custom qemu64.'* ]]; then
  tap_ok "cpu: the destination provides the guest's qemu64 CPU (compared by libvirt)"
else
  tap_not_ok "cpu: the destination provides the guest's qemu64 CPU"; tap_diag "$out"
fi
tap_check "a guest on real, distinct hosts has no blocker (exit status 0)" check --live $BUSY "$A" "$B"

# --- Dirty rate: measured by QEMU (page sampling), compared with a 1 MiB/s limit.
lab_wait_tick a $BUSY 5 60 || tap_diag "$BUSY shows no tick yet"
out=$(check --json --live --bandwidth 1 --fix measure-dirty-rate $BUSY "$A" "$B")
rate=$(grep -oP '"The VM dirties \K[0-9]+' <<< "$out")
if [[ -n $rate ]]; then
  tap_ok "dirty rate: measured through virDomainStartDirtyRateCalc ($rate MiB/s)"
else
  tap_not_ok "dirty rate: measured through virDomainStartDirtyRateCalc"; tap_diag "$out"
fi
# QEMU's page sampling compares page hashes; the lab guest rewrites the same bytes each tick,
# so QEMU 7.2 under TCG reports 0 for it (and its dirty-bitmap mode crashes under TCG).
if ((${rate:-0} > 1)) && [[ $out == *'"id": "dirty-rate", "subject": null, "severity": "warning"'* ]]; then
  tap_ok "dirty rate: ${rate} MiB/s against 1 MiB/s gives the warning"
else
  # TAP TODO: reported, not counted as a failure, until the lab guest changes page contents.
  TAP_N=$((TAP_N + 1))
  echo "not ok $TAP_N - dirty rate: a non-zero rate against 1 MiB/s gives the warning # TODO page sampling sees no change in the lab guest"
fi

# --- Pool and network on host a only.
lab virsh a pool-define-as $POOL dir --target $POOL_DIR > /dev/null &&
  lab virsh a pool-build $POOL > /dev/null && lab virsh a pool-start $POOL > /dev/null &&
  lab virsh a pool-autostart $POOL > /dev/null &&
  lab virsh a vol-create-as $POOL $MOVER.qcow2 64M --format qcow2 > /dev/null &&
  lab virsh a vol-create-as $POOL $MOVER.iso 1M --format raw > /dev/null || bail_out "cannot set up pool $POOL on a"
host_bridge a && host_bridge b || bail_out "cannot create bridge $BRIDGE on the hosts"
netxml=$(mktemp)
echo "<network><name>$NET</name><forward mode='bridge'/><bridge name='$BRIDGE'/></network>" > "$netxml"
lab virsh a net-define "$netxml" > /dev/null && lab virsh a net-start $NET > /dev/null &&
  lab virsh a net-autostart $NET > /dev/null || bail_out "cannot start $NET on a"
rm -f "$netxml"
lab define-guest a $MOVER --empty > /dev/null || bail_out "cannot define $MOVER"
lab virsh a attach-disk $MOVER $POOL_DIR/$MOVER.qcow2 vda --driver qemu --subdriver qcow2 --cache none --config > /dev/null &&
  lab virsh a attach-disk $MOVER $POOL_DIR/$MOVER.iso hdc --type cdrom --targetbus ide --mode readonly --config > /dev/null &&
  lab virsh a attach-interface $MOVER network $NET --model virtio --config > /dev/null &&
  lab virsh a start $MOVER > /dev/null || bail_out "cannot start $MOVER"

OPTS=(--live --persistent --undefinesource --copy-storage-all)
out=$(check "${OPTS[@]}" $MOVER "$A" "$B"); rc=$?
if ((rc == 1)) && has_result "$out" blocker disk-storage && has_result "$out" blocker networks; then
  tap_ok "before the fixes: blockers for the pool and the network b lacks (exit status 1)"
else
  tap_not_ok "before the fixes: blockers for the pool and the network b lacks"; tap_diag "rc $rc"; tap_diag "$out"
fi

# A CD-ROM with a medium only host a has: a warning whose fix ejects it from the running guest.
tap_check "cdrom: the medium in hdc gives a warning with the eject fix" \
  bash -c "grep -qP '^warning\tcdrom-media\t' <<< \"\$1\"" _ "$out"
out=$(check "${OPTS[@]}" --fix eject-media $MOVER "$A" "$B")
if lab virsh a domblklist $MOVER | grep -cE '^ *hdc +-$' > /dev/null && ! has_result "$out" warning cdrom-media; then
  tap_ok "cdrom: --fix eject-media empties hdc on the running guest; the warning is gone"
else
  tap_not_ok "cdrom: --fix eject-media empties hdc"; tap_diag "$(lab virsh a domblklist $MOVER)"; tap_diag "$out"
fi

out=$(check "${OPTS[@]}" --fix define-pool-on-destination,define-network-on-destination $MOVER "$A" "$B"); rc=$?
if ((rc == 0)) && has_result "$out" ok disk-storage && has_result "$out" ok networks; then
  tap_ok "--fix defines, builds, starts and autostarts both on b; the checks pass"
else
  tap_not_ok "--fix defines the pool and the network on b; the checks pass"; tap_diag "rc $rc"; tap_diag "$out"
fi
tap_check "pool $POOL is active and autostarted on b, at the same path" \
  bash -c "'$LAB' virsh b pool-info $POOL | grep -q '^State: *running' &&
           '$LAB' virsh b pool-info $POOL | grep -q '^Autostart: *yes' &&
           '$LAB' virsh b pool-dumpxml $POOL | grep -q '<path>$POOL_DIR</path>'"
tap_check "network $NET is active on b with a UUID of its own" \
  bash -c "'$LAB' virsh b net-info $NET | grep -q '^Active: *yes' &&
           [[ \$('$LAB' virsh a net-uuid $NET) != \$('$LAB' virsh b net-uuid $NET) ]]"

t0=$(now)
if out=$(timeout 120 "$LAB" exec "$MIGRATE" --quiet "${OPTS[@]}" $MOVER "$A" "$B" 2>&1); then
  tap_ok "after the fixes: a real live migration with the disk copied succeeds ($(elapsed "$t0") s)"
else
  tap_not_ok "after the fixes: a real live migration succeeds"; tap_diag "$out"
fi
tap_check "$MOVER runs once, on b" lab_running_once $MOVER b

tap_done
