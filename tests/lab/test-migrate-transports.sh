#!/bin/bash
# Live-migrate a memory-dirtying guest A->B and back over each of tcp, tls and ssh, as Ferry
# would (virsh in the client namespace, managed direct, --live --persistent --undefinesource).
# After each hop: the guest runs exactly once, on the destination, and its tick counter keeps
# advancing there (its RAM really moved: the count continues instead of restarting).
source "$(dirname "$0")/lab-lib.sh"

DOM=lab-transports
trap 'lab_remove_guest $DOM' EXIT

tap_plan 19
lab_remove_guest $DOM
# 8 MiB rewritten every 500 ms: 16 MiB/s of dirty memory while it migrates.
lab define-guest a $DOM --dirty-mb 8 --tick-ms 500 --start > /dev/null || bail_out "cannot start $DOM on a"
t0=$(now)
if lab_wait_tick a $DOM 1 60; then
  tap_ok "guest boots and ticks on a ($(elapsed "$t0") s)"
else
  tap_not_ok "guest boots and ticks on a"; tap_diag "$(tail -n 20 "$(lab_serial_log a $DOM)" 2>&1)"
fi

# hop FROM TO TRANSPORT: three test points.
hop() {
  local from=$1 to=$2 transport=$3 before
  before=$(lab_last_tick "$from" $DOM)
  if lab_migrate "$from" "$to" "$transport" $DOM; then
    tap_ok "$transport: live migration $from->$to (${LAB_MIGRATE_SECS} s)"
  else
    tap_not_ok "$transport: live migration $from->$to"; tap_diag "$LAB_MIGRATE_OUT"
  fi
  tap_check "$transport: after $from->$to the guest runs once, on $to" lab_running_once $DOM "$to"
  if lab_wait_tick "$to" $DOM "$before" 30; then
    tap_ok "$transport: tick counter advances on $to ($before -> $(lab_last_tick "$to" $DOM))"
  else
    tap_not_ok "$transport: tick counter advances on $to"
    tap_diag "last tick on $from: $before, on $to: $(lab_last_tick "$to" $DOM), state on $to: $(lab_domstate "$to" $DOM)"
    lab_diag_logs "$to" $DOM
  fi
}

for transport in tcp tls ssh; do
  hop a b $transport
  hop b a $transport
done
tap_done
