#!/bin/bash
# Rediscovery: the process driving a migration dies, and a new one finds the running job and
# follows it to the end (ferry-migrate --attach, the same engine the window uses).
#
# 1. p2p live migration of a dirtying guest, slowed down; ferry-migrate SIGKILLed; --attach
#    finds the job, reports progress and ends with the VM running once, on b, still ticking.
# 2. The same back from b, then the attached run is cancelled (SIGINT): the VM stays on b.
# 3. A managed-direct (non-p2p) migration whose driving client is SIGKILLed: the client
#    drives the protocol's steps itself, so libvirt aborts the job when the client's
#    connection closes (the source daemon's close callback cancels the migration job). There
#    is nothing left to attach to; the VM stays on the source (b), running once and ticking.
# One guest for all three (a boot is slow on a busy machine): a -> b, then b -> a twice.
source "$(dirname "$0")/lab-lib.sh"

DOM=lab-rediscover
source "$(dirname "$0")/rediscover-lib.sh"

tap_plan 9

SRC=$(lab uri a tcp)
DST=$(lab uri b tcp)

start_guest() {
  lab_remove_guest $DOM
  lab define-guest a $DOM --dirty-mb 1 --tick-ms 200 --start > /dev/null && lab_wait_tick a $DOM 1 60
}

running_once_ticking() { # HOST
  local other; [[ $1 == a ]] && other=b || other=a
  [[ $(lab_where $DOM) == "$1" ]] || { echo "runs on: $(lab_where $DOM)"; return 1; }
  ! "$LAB" virsh "$other" dominfo $DOM > /dev/null 2>&1 || { echo "still defined on $other"; return 1; }
  lab_wait_tick "$1" $DOM "$(lab_last_tick "$1" $DOM)" 30 || { echo "no tick on $1 after $(lab_last_tick "$1" $DOM)"; return 1; }
}

# --- 1: kill, attach, completes ---------------------------------------------------------------
start_guest || bail_out "cannot start the guest"
start_migration "$SRC" "$DST" --p2p --live --persistent --undefinesource --bandwidth 4 ||
  bail_out "the migration did not start: $(tail -n 3 "$WORK/err1")"
kill_driver
tap_check "the job keeps running on a after its client was killed" \
  bash -c "'$LAB' virsh a domjobinfo $DOM | grep -q Unbounded"
# Once attached, the same controls as for its own job: raise the bandwidth so it ends in time.
mkfifo "$WORK/cmd"
timeout 60 "$LAB" exec "$MIGRATE" --attach --commands $DOM "$SRC" "$DST" < "$WORK/cmd" > "$WORK/out" 2> "$WORK/err" &
att=$!
exec 7<> "$WORK/cmd"   # read-write: never blocks, never SIGPIPE
lab_wait 30 grep -q '^progress: ' "$WORK/err"
echo "bandwidth 300" >&7
wait $att; rc=$?
exec 7>&-
tap_check "--attach follows the migration to the end (exit 0)" test $rc -eq 0
tap_check "--attach reports the job's progress and events, and controls it" \
  bash -c "grep -q '^progress: ' '$WORK/err' && grep -q 'already running' '$WORK/err' &&
           grep -q 'Bandwidth change' '$WORK/err'"
tap_check "its summary says the VM is on the destination" grep -q '"placement": "destination"' "$WORK/out"
tap_check "the VM runs once, on b, and its guest keeps ticking" running_once_ticking b
[[ $rc -eq 0 ]] || tap_diag "$(tail -n 5 "$WORK/err"; cat "$WORK/out")"

# --- 2: kill, attach, cancel ------------------------------------------------------------------
start_migration "$DST" "$SRC" --p2p --live --persistent --undefinesource --bandwidth 2 ||
  bail_out "the second migration did not start"
kill_driver
timeout 60 "$LAB" exec "$MIGRATE" --attach $DOM "$DST" "$SRC" > "$WORK/out" 2> "$WORK/err" &
att=$!
lab_wait 20 grep -q '^progress: ' "$WORK/err"
pkill -INT -P $att -x ferry-migrate
wait $att; rc=$?
tap_check "a cancelled attach exits non-zero and says cancelled" \
  bash -c "test $rc -ne 0 && grep -q '\"outcome\": \"Cancelled\"' '$WORK/out'"
tap_check "after the cancel the VM runs once, on b, ticking" running_once_ticking b
[[ $rc -ne 0 ]] || tap_diag "$(tail -n 5 "$WORK/err"; cat "$WORK/out")"

# --- 3: a managed-direct migration loses its client -----------------------------------------
start_migration "$DST" "$SRC" --live --persistent --undefinesource --bandwidth 2 ||
  bail_out "the managed-direct migration did not start"
kill_driver
# libvirt aborts it when the client's connection closes: bounded wait for the job to go.
lab_wait 30 bash -c "! '$LAB' virsh b domjobinfo $DOM | grep -q Unbounded"
tap_check "managed direct: libvirt ends the job when its client dies (nothing to attach)" \
  bash -c "! timeout 30 '$LAB' exec '$MIGRATE' --attach $DOM '$DST' '$SRC' > /dev/null 2>&1"
tap_check "managed direct: the VM stays on b, running once, ticking" running_once_ticking b

tap_done
