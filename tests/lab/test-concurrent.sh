#!/bin/bash
# Four live migrations at once through Ferry's engine (libferry-core, one pair of
# FerryConnections as the window holds them), each showing progress; one cancelled part
# way; and the destination's connection dropped and reopened while the rest run.
#
# The drop: host b's libvirtd is restarted while migrations into b are under way. The
# client's connection to b breaks at once; Ferry's engine then aborts each managed-direct
# job still copying (virDomainAbortJob on a: libvirt would otherwise wait minutes inside the
# migration for a destination that is gone), so the source's QEMU stops sending and the VM
# keeps running on a. libvirt keeps no incoming migration across a daemon restart either:
# coming back, libvirtd kills each unfinished incoming QEMU and drops the half-made domain.
# A migration that had already finished is not touched. FerryConnection reconnects on its
# own. So a job still copying ends Failed (not Cancelled: the user did not cancel it) with
# the VM on a; one that finished before the drop ends on b. The VM running twice, nowhere,
# or left defined where it does not run is the failure this test looks for.
source "$(dirname "$0")/lab-lib.sh"

CLIENT=${FERRY_CONCURRENT_CLIENT:?FERRY_CONCURRENT_CLIENT is set by meson}
VMS=(lab-conc-1 lab-conc-2 lab-conc-3 lab-conc-4)
OUT=$(mktemp)
CLIENT_PID=""

cleanup() {
  [[ -z $CLIENT_PID ]] || kill "$CLIENT_PID" 2> /dev/null
  # A failed run may have left b's daemon down: the other tests need it.
  "$LAB" libvirtd b status > /dev/null 2>&1 || "$LAB" libvirtd b start > /dev/null 2>&1
  local v; for v in "${VMS[@]}"; do lab_remove_guest "$v"; done
  rm -f "$OUT"
}
trap cleanup EXIT

tap_plan 21
# The smallest guests that boot here: 96 MiB (64 MiB does not get to its first tick).
for v in "${VMS[@]}"; do
  lab_remove_guest "$v"
  lab define-guest a "$v" --memory 96 --dirty-mb 4 --tick-ms 300 --start > /dev/null ||
    bail_out "cannot start $v"
done
for v in "${VMS[@]}"; do lab_wait_tick a "$v" 1 60 || bail_out "$v does not boot"; done

A=$(lab uri a tcp)
B=$(lab uri b tcp)
T0=$(now)
timeout 170 "$LAB" exec "$CLIENT" concurrent "$A" "$B" "${VMS[@]}" > "$OUT" 2>&1 &
CLIENT_PID=$!
if lab_wait 100 grep -q '^ready-for-drop' "$OUT"; then
  lab libvirtd b restart > /dev/null 2>&1 || tap_diag "libvirtd b restart failed"
  tap_diag "destination libvirtd restarted at $(elapsed "$T0") s"
else
  tap_diag "the client never got to the drop"
fi
rc=0
wait "$CLIENT_PID" || rc=$?
CLIENT_PID=""
tap_diag "client ran $(elapsed "$T0") s, exit $rc"
if ((rc == 0)); then tap_ok "the client finished every job in time"; else
  tap_not_ok "the client finished every job in time (exit $rc)"; tap_diag "$(tail -n 30 "$OUT")"; fi
tap_diag "$(grep -v '^progress:' "$OUT")"

# result: NAME STATE DISTINCT-READINGS PLACEMENT
field() { awk -v v="$1" -v f="$2" '$1 == "result:" && $2 == v { print $f }' "$OUT"; }
placement() { sed -n "s/^result: $1 [^ ]* [0-9]* //p" "$OUT"; }

for v in "${VMS[@]}"; do
  n=$(field "$v" 4)
  if ((${n:-0} >= 2)); then tap_ok "$v: progress reported while it ran ($n readings)"; else
    tap_not_ok "$v: progress reported while it ran (${n:-no} readings)"; fi
done

state1=$(field "${VMS[0]}" 3)
if [[ $state1 == Cancelled ]]; then tap_ok "${VMS[0]}: cancelled"; else
  tap_not_ok "${VMS[0]}: cancelled (state '${state1:-none}')"; fi

# Ferry aborts a job whose destination is lost; the user cancelled only the first one, so
# only that one may say "Cancelled" (the others say why they failed).
wrong=$(awk -v first="${VMS[0]}" '$1 == "result:" && $2 != first && $3 == "Cancelled" { print $2 }' "$OUT")
if [[ -z $wrong ]]; then tap_ok "only the job the user cancelled is reported Cancelled"; else
  tap_not_ok "only the job the user cancelled is reported Cancelled (also: $wrong)"; fi

for v in "${VMS[@]}"; do
  where=$(lab_where "$v")
  st=$(field "$v" 3)
  # Completed: on b. Cancelled or failed by the drop: still on a.
  expect=a; [[ $st == Completed ]] && expect=b
  [[ $v == "${VMS[0]}" ]] && expect=a
  tap_check "$v ($st): runs exactly once, on $expect, no definition left on the other host" \
    lab_running_once "$v" "$expect"
  case $where in a) want=source ;; b) want=destination ;; "") want="neither host" ;; *) want="both hosts" ;; esac
  got=$(placement "$v")
  if [[ $got == "$want" ]]; then tap_ok "$v: Ferry says '$got', virsh sees it on '$where'"; else
    tap_not_ok "$v: Ferry says '${got:-nothing}', virsh sees it on '$where'"; fi
  if [[ $where == a || $where == b ]]; then
    before=$(lab_last_tick "$where" "$v")
    if lab_wait_tick "$where" "$v" "$before" 20; then tap_ok "$v: keeps ticking on $where"; else
      tap_not_ok "$v: keeps ticking on $where (stuck at $before)"; lab_diag_logs "$where" "$v"; fi
  else
    tap_not_ok "$v: keeps ticking (runs on '$where')"
  fi
done

if grep -q '^reconnected: yes' "$OUT"; then tap_ok "the destination connection dropped and was reopened"; else
  tap_not_ok "the destination connection dropped and was reopened"; fi

stall=$(sed -n 's/^stall-max-ms: //p' "$OUT")
if [[ -n $stall ]] && ((stall <= 250)); then tap_ok "the client's main loop never stalled > 250 ms (max $stall ms)"; else
  tap_not_ok "the client's main loop never stalled > 250 ms (max ${stall:-unknown} ms)"; fi
tap_done
