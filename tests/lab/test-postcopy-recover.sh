#!/bin/bash
# A post-copy migration that breaks off, and its recovery (issue #11).
#
# After the switch to post-copy the VM's memory is split between the hosts. The fault: the
# link between them cut and the migration's TCP connections (QEMU's, on libvirt's migration
# ports 49152-49215) reset on both hosts, so both QEMUs see the stream die at once, as when a
# switch or a firewall drops it. QEMU then pauses the migration instead of losing the VM, and
# Ferry must say so: "needs recovery", not a plain failure, nor "running on both hosts", with
# the exact command that recovers it. With the link back, that command (ferry-migrate
# --recover) must finish the migration: the VM runs once, on the destination, still ticking.
#
# --broken-only stops after the broken state (4 points): `meson test --suite lab` runs that.
# The recovery itself is not reliable here yet: in 5 of 10 runs on 2026-11-24 the resume never
# ended (a's domain vanished, b stayed "running (post-copy failed)"), so the whole test runs in
# the lab-long suite (tools/check --long), with the resume bounded.
source "$(dirname "$0")/lab-lib.sh"
BROKEN_ONLY=no
[[ ${1:-} == --broken-only ]] && BROKEN_ONLY=yes

MIGRATE=${FERRY_MIGRATE:?FERRY_MIGRATE is not set}
DOM=lab-pc-recover
WORK=$(mktemp -d)
cleanup() { lab_restore_link > /dev/null 2>&1; lab_remove_guest $DOM; rm -rf "$WORK"; }
trap cleanup EXIT
if [[ $BROKEN_ONLY == yes ]]; then tap_plan 4; else tap_plan 8; fi

# Reset every TCP connection on libvirt's migration ports in HOST's network namespace.
reset_migration_connections() {
  ip netns exec "${FERRY_LAB_PREFIX:-ferrylab}-$1" \
    ss -K -tn '( sport >= :49152 and sport <= :49215 ) or ( dport >= :49152 and dport <= :49215 )' > /dev/null
}
reason() { timeout 30 "$LAB" virsh "$1" domstate --reason $DOM 2> /dev/null | head -n 1; }
field() { sed -n "s/.*\"$1\": \"\\([^\"]*\\)\".*/\\1/p" "$2"; }

lab_remove_guest $DOM
# 100 MiB written over and over, so post-copy has pages left to fetch for several seconds.
lab define-guest a $DOM --dirty-mb 100 --memory 256 --tick-ms 200 --start > /dev/null ||
  bail_out "cannot start $DOM on a"
lab_wait_tick a $DOM 0 60 || bail_out "$DOM shows no tick on a"
SRC=$(lab uri a tcp) DST=$(lab uri b tcp)

# The migration: switched to post-copy a second after the first memory pass began; post-copy
# itself held to 8 MiB/s (some 10 s of it), so the fault lands while pages still flow.
timeout 90 "$LAB" exec "$MIGRATE" --live --persistent --undefinesource --postcopy --postcopy-after 1 \
  --bandwidth 4 --postcopy-bandwidth 8 $DOM "$SRC" "$DST" > "$WORK/out" 2> "$WORK/err" &
mig=$!
lab_wait 40 grep -q 'Post-copy started' "$WORK/err" || { kill $mig; bail_out "no switch to post-copy"; }
sleep 0.5
lab_cut_link a-b > /dev/null
reset_migration_connections a
reset_migration_connections b
wait $mig; rc=$?
outcome=$(field outcome "$WORK/out")
if ((rc != 0)) && [[ $outcome == "Needs recovery" ]]; then
  tap_ok "post-copy broken off: ferry-migrate fails with the outcome \"Needs recovery\""
else
  tap_not_ok "post-copy broken off: ferry-migrate fails with the outcome \"Needs recovery\""
  tap_diag "rc $rc, outcome '$outcome'"; tap_diag "$(tail -n 5 "$WORK/err")"
fi
recover=$(grep -A1 'recover it with:' "$WORK/err" | tail -n 1 | sed 's/^ *//')
if grep -q 'Nothing is lost yet' "$WORK/err" && [[ $recover == "ferry-migrate --recover "* ]]; then
  tap_ok "Ferry says nothing is lost yet and prints the recover command"
else
  tap_not_ok "Ferry says nothing is lost yet and prints the recover command"; tap_diag "$(tail -n 4 "$WORK/err")"
fi

# The VM runs nowhere: the source paused, the destination's vCPUs blocked on missing pages
# (libvirt reports it "running (post-copy failed)"), the guest's tick counter frozen.
src_state=$(reason a) dst_state=$(reason b)
if [[ $src_state == "paused (post-copy failed)" && $dst_state == *"(post-copy failed)" ]]; then
  tap_ok "libvirt holds the VM on both hosts: a '$src_state', b '$dst_state'"
else
  tap_not_ok "libvirt holds the VM on both hosts"; tap_diag "a '$src_state', b '$dst_state'"
fi
ticks_a=$(lab_last_tick a $DOM) ticks_b=$(lab_last_tick b $DOM)
sleep 3
if (($(lab_last_tick a $DOM) == ticks_a && $(lab_last_tick b $DOM) == ticks_b)); then
  tap_ok "the guest runs nowhere while broken (ticks a $ticks_a, b $ticks_b, unchanged for 3 s)"
else
  tap_not_ok "the guest runs nowhere while broken"
  tap_diag "a $ticks_a -> $(lab_last_tick a $DOM), b $ticks_b -> $(lab_last_tick b $DOM)"
fi

[[ $BROKEN_ONLY == yes ]] && { tap_done; exit; }

# The link back, then exactly the command Ferry printed.
lab_restore_link > /dev/null
t0=$(now)
# (-k: SIGTERM asks ferry-migrate to cancel, which waits on the same stuck migration.)
timeout -k 10 90 "$LAB" exec bash -c "exec $(printf '%q' "$MIGRATE") ${recover#ferry-migrate }" \
  > "$WORK/out" 2> "$WORK/err"; rc=$?
if ((rc == 0)) && [[ $(field outcome "$WORK/out") == Completed && $(field placement "$WORK/out") == destination ]]; then
  tap_ok "ferry-migrate --recover finishes the migration ($(elapsed "$t0") s)"
else
  tap_not_ok "ferry-migrate --recover finishes the migration"
  tap_diag "rc $rc: $(cat "$WORK/out")"; tap_diag "$(grep -v '^progress' "$WORK/err" | tail -n 8)"
fi
tap_check "the VM runs once, on b" lab_wait 20 lab_running_once $DOM b
ticks_b=$(lab_last_tick b $DOM)
tap_check "the guest ticks on b (was at $ticks_b)" lab_wait_tick b $DOM "$ticks_b" 20
tap_check "the recovery's events say it recovers" grep -q 'Recovering the broken post-copy migration' "$WORK/err"
tap_done
