#!/bin/bash
# Faults Ferry must survive, each leaving the guest running exactly once:
#  * an aborted migration (domjobabort) leaves it on the source;
#  * the link between the hosts cut during a peer-to-peer migration leaves it on the source;
#  * libvirtd killed (a crash) and restarted finds its running guest again.
source "$(dirname "$0")/lab-lib.sh"

DOM=lab-faults
trap 'lab_restore_link > /dev/null 2>&1; lab_start_libvirtd b > /dev/null 2>&1; lab_remove_guest $DOM' EXIT
tap_plan 8

lab_remove_guest $DOM
lab define-guest a $DOM --dirty-mb 8 --tick-ms 500 --start > /dev/null || bail_out "cannot start $DOM on a"
lab_wait_tick a $DOM 1 60 || tap_diag "$DOM shows no tick on a yet"

# 1. A slow migration (1 MiB/s would need minutes), aborted after a few seconds.
lab_migrate a b tcp $DOM --bandwidth 1 > /dev/null 2>&1 &
mig=$!
lab_wait 20 lab_state_is b $DOM paused || tap_diag "incoming domain never appeared on b"
sleep 2
tap_check "domjobabort during a 1 MiB/s migration" lab virsh a domjobabort $DOM
wait $mig && tap_diag "migration unexpectedly finished"
tap_check "after the abort the guest runs once, on a" lab_running_once $DOM a

# 2. A --p2p migration whose link is cut: the source daemon's keepalive gives up (~30 s).
t0=$(now)
lab_migrate a b tcp $DOM --p2p --bandwidth 1 &
mig=$!
lab_wait 20 lab_state_is b $DOM paused || tap_diag "incoming domain never appeared on b"
lab_cut_link a-b
if wait $mig; then
  tap_not_ok "p2p migration fails when the link between the hosts is cut"
else
  tap_ok "p2p migration fails when the link between the hosts is cut ($(elapsed "$t0") s)"
fi
tap_check "with the link cut the guest still runs on a" lab_wait_state a $DOM running 10
lab_restore_link
# The destination drops its half-made incoming domain when its keepalive times out too.
tap_check "after restoring the link the guest runs once, on a" lab_wait 60 lab_running_once $DOM a

# 3. Kill libvirtd under a running guest on b, restart it: it must pick the guest up again.
lab_migrate a b tcp $DOM || bail_out "cannot move $DOM to b: $LAB_MIGRATE_OUT"
before=$(lab_last_tick b $DOM)
tap_check "libvirtd on b killed" lab_kill_libvirtd b
tap_check "libvirtd on b restarted" lab_start_libvirtd b
if lab_wait_state b $DOM running 30 && lab_wait_tick b $DOM "$before" 20; then
  tap_ok "after the restart b reports the guest running, and it still ticks"
else
  tap_not_ok "after the restart b reports the guest running, and it still ticks"
  tap_diag "state on b: $(lab_domstate b $DOM), ticks $before -> $(lab_last_tick b $DOM)"
fi
tap_done
