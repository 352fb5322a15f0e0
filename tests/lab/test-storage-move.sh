#!/bin/bash
# Storage migration on one host (ferry-migrate --move-storage, Ferry's FerryStorageMove):
# a running guest's disk moves live from the local pool `default` to the GlusterFS netfs
# pool `lab-shared` while the guest keeps ticking; the running VM and its definition both
# point at the copy, and a restart boots from it. A cancel halfway leaves the guest on its
# original disk, byte for byte as it was, and deletes the half-made copy. A shut-off guest
# moves by cloning (and converting to raw). A move into a pool without room is refused
# before anything is made.
source "$(dirname "$0")/lab-lib.sh"

DOM=lab-move
BIG=$DOM-big.img
TMP=$(mktemp -d /tmp/ferry-lab-move.XXXXXX)
MIGRATE=${FERRY_MIGRATE:?FERRY_MIGRATE is not set (run through meson test)}
URI=$(lab uri a tcp)
SHARED_DIR=
cleanup() {
  [[ -n ${MOVE_PID:-} ]] && kill "$MOVE_PID" 2> /dev/null
  lab_remove_guest $DOM
  for pool in default lab-shared; do
    for vol in $DOM.img $DOM-2.qcow2 $BIG; do lab virsh a vol-delete --pool $pool $vol > /dev/null 2>&1; done
  done
  rm -rf "$TMP"
}
trap cleanup EXIT
tap_plan 16

# ferry-migrate in the client namespace, bounded; stdout and stderr go to $TMP/out, $TMP/err.
move() { timeout 90 "$LAB" exec "$MIGRATE" "$@" > "$TMP/out" 2> "$TMP/err"; }
live_source() { lab virsh a domblklist "$DOM" | awk -v t="$1" '$1 == t { print $2 }'; }
defined_source() {
  lab virsh a dumpxml --inactive "$DOM" | grep -A3 "<disk" | grep -o "<source [a-z]*='[^']*'" | head -n 1 | sed "s/.*='//; s/'$//"
}
vol_sum() {  # vol_sum POOL VOL: sha256 of the volume's bytes
  lab virsh a vol-download --pool "$1" "$2" "$TMP/download" > /dev/null && sha256sum < "$TMP/download" | cut -d' ' -f1
}
tick_lines() { grep -ac 'FERRY-LAB: tick' "$(lab_serial_log a $DOM)" 2> /dev/null || echo 0; }
ticks_after() { (($(tick_lines) > $1)); }
progress_between() {  # the last progress line shows more than $1 % and less than $2 %
  local p; p=$(grep -o 'progress: *[0-9.]*' "$TMP/err" | tail -n 1 | awk '{print int($2)}')
  [[ -n $p ]] && ((p > $1 && p < $2))
}
diag_move() { tap_diag "stdout: $(cat "$TMP/out")"; tap_diag "stderr: $(tail -n 8 "$TMP/err")"; }

# A guest whose disk holds 32 MiB of data, so a copy limited to 4 MiB/s takes ~8 s: long
# enough to cancel halfway.
lab_remove_guest $DOM
lab define-guest a $DOM --disk local --dirty-mb 4 > /dev/null || bail_out "cannot define $DOM"
qemu-img create -q -f qcow2 "$TMP/disk.qcow2" 64M && qemu-io -c 'write -P 0x5a 0 32M' "$TMP/disk.qcow2" > /dev/null ||
  bail_out "cannot make the disk image"
lab virsh a vol-upload --pool default $DOM.qcow2 "$TMP/disk.qcow2" > /dev/null || bail_out "cannot upload the disk image"
ORIGINAL=$(lab virsh a vol-path --pool default $DOM.qcow2)
SUM=$(sha256sum < "$TMP/disk.qcow2" | cut -d' ' -f1)
lab virsh a start $DOM > /dev/null || bail_out "cannot start $DOM"
lab_wait_tick a $DOM 1 60 || { lab_diag_logs a $DOM; bail_out "$DOM shows no tick"; }

# --- cancel halfway
t0=$(now)
"$LAB" exec "$MIGRATE" --move-storage vda=lab-shared --bandwidth 4 $DOM "$URI" > "$TMP/out" 2> "$TMP/err" &
MOVE_PID=$!
if lab_wait 30 progress_between 5 90; then
  kill -INT $MOVE_PID
  tap_ok "cancel: the live copy was under way ($(grep -o 'progress: *[0-9.]*%' "$TMP/err" | tail -n 1)) when Ctrl+C came"
else
  tap_not_ok "cancel: the live copy was under way when Ctrl+C came"; diag_move
  kill -INT $MOVE_PID
fi
rc=0; lab_wait 30 bash -c "! kill -0 $MOVE_PID" || kill -KILL $MOVE_PID; wait $MOVE_PID || rc=$?; MOVE_PID=
if ((rc == 1)) && grep -q '"outcome": "Cancelled"' "$TMP/out"; then
  tap_ok "cancel: ferry-migrate reports Cancelled, exit status 1 ($(elapsed "$t0") s)"
else
  tap_not_ok "cancel: ferry-migrate reports Cancelled, exit status 1 (got $rc)"; diag_move
fi
tap_check "cancel: the running guest still uses its original disk" test "$(live_source vda)" = "$ORIGINAL"
lab virsh a pool-refresh lab-shared > /dev/null
tap_check "cancel: the half-made copy was deleted from lab-shared" \
  bash -c "! '$LAB' virsh a vol-list lab-shared | grep -q '$DOM'"
before=$(lab_last_tick a $DOM)
tap_check "cancel: the guest keeps ticking" lab_wait_tick a $DOM "$before" 20
lab virsh a suspend $DOM > /dev/null
tap_check "cancel: the original disk is intact (checksum, guest paused)" test "$(vol_sum default $DOM.qcow2)" = "$SUM"
lab virsh a resume $DOM > /dev/null

# --- live move
before=$(lab_last_tick a $DOM)
t0=$(now)
if move --move-storage vda=lab-shared $DOM "$URI" && grep -q '"outcome": "Completed"' "$TMP/out"; then
  tap_ok "live: vda moved from default to lab-shared ($(elapsed "$t0") s)"
else
  tap_not_ok "live: vda moved from default to lab-shared"; diag_move
fi
SHARED_DIR=$(lab virsh a pool-dumpxml lab-shared | grep -o '<path>[^<]*' | head -n 1 | sed 's/<path>//')
tap_check "live: the guest kept running and ticking through the move" lab_wait_tick a $DOM "$before" 20
tap_check "live: the running VM uses the copy on lab-shared" test "$(live_source vda)" = "$SHARED_DIR/$DOM.qcow2"
tap_check "live: the persistent definition names the copy" test "$(defined_source)" = "$SHARED_DIR/$DOM.qcow2"
lines=$(tick_lines)
lab virsh a destroy $DOM > /dev/null && lab virsh a start $DOM > /dev/null
if lab_wait 60 ticks_after "$lines" && test "$(live_source vda)" = "$SHARED_DIR/$DOM.qcow2"; then
  tap_ok "live: after a restart the guest boots from the copy and ticks again"
else
  tap_not_ok "live: after a restart the guest boots from the copy and ticks again"; lab_diag_logs a $DOM
fi

# --- offline move (clone, converted to raw)
lab virsh a destroy $DOM > /dev/null
if move --move-storage vda=default --format raw $DOM "$URI" && grep -q '"live": false' "$TMP/out"; then
  tap_ok "offline: the shut-off guest's vda cloned into default as raw"
else
  tap_not_ok "offline: the shut-off guest's vda cloned into default as raw"; diag_move
fi
tap_check "offline: the definition names the raw copy" \
  bash -c "'$LAB' virsh a dumpxml --inactive $DOM | grep -q \"<driver name='qemu' type='raw'\" &&
           test \"\$('$LAB' virsh a vol-path --pool default $DOM.img)\" = \"$(dirname "$ORIGINAL")/$DOM.img\" &&
           '$LAB' virsh a dumpxml --inactive $DOM | grep -q \"<source file='$(dirname "$ORIGINAL")/$DOM.img'/>\""
lines=$(tick_lines)
lab virsh a start $DOM > /dev/null
tap_check "offline: the guest boots from the raw copy and ticks" lab_wait 60 ticks_after "$lines"
lab virsh a destroy $DOM > /dev/null

# --- no room: a sparse raw disk larger than lab-shared's free space
available=$(lab virsh a pool-info --bytes lab-shared | awk '/^Available:/ {print $2}')
lab virsh a vol-create-as default $BIG $((available * 2)) --allocation 0 --format raw > /dev/null &&
  lab virsh a attach-disk $DOM "$(dirname "$ORIGINAL")/$BIG" vdb --config --subdriver raw > /dev/null ||
  bail_out "cannot attach a large sparse disk"
rc=0; move --move-storage vdb=lab-shared --format raw $DOM "$URI" || rc=$?
if ((rc == 1)) && grep -q 'Not enough room in pool “lab-shared”' "$TMP/err"; then
  tap_ok "no room: refused up front: $(grep -o 'Not enough room.* free' "$TMP/err" | head -n 1)"
else
  tap_not_ok "no room: refused up front with the reason (exit status $rc)"; diag_move
fi
lab virsh a pool-refresh lab-shared > /dev/null
tap_check "no room: nothing was made in lab-shared" bash -c "! '$LAB' virsh a vol-list lab-shared | grep -q '$BIG'"
tap_done
