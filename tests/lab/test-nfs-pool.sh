#!/bin/bash
# A storage pool set up the way Ferry's pool editor does it, on a real host: host b scans host
# a's NFS export (nfs-ganesha) through Ferry's core; Ferry refuses a pool that repeats lab-shared;
# then it defines, builds, starts and autostarts a real netfs pool on b, creates a volume in it,
# sees it listed (on b, and on a through a's own pool on the same volume), deletes it, and stops,
# deletes and undefines the pool, leaving nothing behind.
#
# The mount is GlusterFS, not NFS: the lab's kernel has no NFS client (see tools/lab), so a
# kernel NFS mount of ganesha cannot work here. The NFS part proven is the scan, and that an
# NFS pool from the scan is accepted, defined and built; starting it is reported as skipped
# when the kernel cannot mount NFS. The new pool names the Gluster server by address while lab-shared
# names it by host name: to libvirt (and to Ferry's duplicate check) those are different
# sources, so both pools may mount the same volume.
source "$(dirname "$0")/lab-lib.sh"

CLIENT=${FERRY_POOL_CLIENT:-}
[[ -x $CLIENT ]] || bail_out "pool-client not built (FERRY_POOL_CLIENT='$CLIENT')"
LAB_DIR=${FERRY_LAB_DIR:-/tmp/ferry-lab}
URI_B=$(lab uri b tcp)
POOL=ferry-lab-pool
NFS_POOL=ferry-lab-nfs
TARGET=$LAB_DIR/mnt/$POOL
VOL=ferry-vol-$$.qcow2
EXPORT=$LAB_DIR/nfs/export

pool() { lab exec "$CLIENT" "$URI_B" "$@"; }
cleanup() {
  for p in $POOL $NFS_POOL; do
    lab virsh b vol-delete --pool "$p" "$VOL" > /dev/null 2>&1
    lab virsh b pool-destroy "$p" > /dev/null 2>&1
    lab virsh b pool-delete "$p" > /dev/null 2>&1
    lab virsh b pool-undefine "$p" > /dev/null 2>&1
  done
  true
}
trap cleanup EXIT
cleanup
tap_plan 14

# 1. The scan, as the editor's Scan button runs it.
OUT=$(pool scan ferry-lab-a 2>&1)
tap_check "scan from b lists a's NFS export $EXPORT" grep -qx "$EXPORT" <<< "$OUT"

# 2. What the editor refuses before anything is sent.
OUT=$(pool create lab-shared ferry-lab-a other glusterfs "$LAB_DIR/mnt/x" 2>&1)
tap_check "a second pool named lab-shared is refused by name" \
  grep -q 'invalid: This host already has a pool named “lab-shared”' <<< "$OUT"
OUT=$(pool create $POOL ferry-lab-a ferrylab glusterfs "$TARGET" 2>&1)
tap_check "a second pool on lab-shared's source is refused" \
  grep -q 'invalid: Pool “lab-shared” on this host already uses ferry-lab-a:ferrylab' <<< "$OUT"

# 3. Create: define, build, start, autostart, each reported.
OUT=$(pool create $POOL 10.254.0.1 ferrylab glusterfs "$TARGET" 2>&1)
if [[ $(grep -c ': ok$' <<< "$OUT") == 4 ]]; then tap_ok "create: define, build, start, autostart"
else tap_not_ok "create: define, build, start, autostart"; tap_diag "$OUT"; fi
tap_check "virsh on b: $POOL is running, autostarted, mounted from gluster" \
  bash -c "'$LAB' virsh b pool-info $POOL | grep -q '^State: *running' &&
           '$LAB' virsh b pool-info $POOL | grep -q '^Autostart: *yes' &&
           '$LAB' virsh b pool-dumpxml $POOL | grep -q \"<format type='glusterfs'/>\""
OUT=$(pool info $POOL 2>&1)
tap_check "info: running with a real capacity" grep -qE '^state=2 capacity=[1-9]' <<< "$OUT"

# 4. A volume: made, listed on b, seen from a through the same volume, deleted.
OUT=$(pool vol-create $POOL "$VOL" qcow2 67108864 2>&1)
tap_check "create volume $VOL (qcow2, 64 MiB)" grep -q ': ok$' <<< "$OUT"
OUT=$(pool vol-list $POOL 2>&1)
tap_check "volume listed on b as qcow2, 64 MiB" grep -q "^$VOL qcow2 67108864 $TARGET/$VOL\$" <<< "$OUT"
tap_check "the same file is in a's lab-shared pool" \
  bash -c "'$LAB' virsh a pool-refresh lab-shared > /dev/null && '$LAB' virsh a vol-list lab-shared | grep -q ' $VOL '"
OUT=$(pool vol-delete $POOL "$VOL" 2>&1; pool vol-list $POOL 2>&1)
if grep -q ': ok$' <<< "$OUT" && ! grep -q "^$VOL " <<< "$OUT"; then tap_ok "volume deleted, no longer listed"
else tap_not_ok "volume deleted, no longer listed"; tap_diag "$OUT"; fi

# 5. An NFS pool from the scan. The lab defines one already (lab-nfs), which Ferry points out;
# by address it is defined and built like any other, and started if this kernel can mount NFS.
OUT=$(pool create $NFS_POOL ferry-lab-a "$EXPORT" nfs "$LAB_DIR/mnt/$NFS_POOL" 4 2>&1)
tap_check "an NFS pool on the export lab-nfs uses is refused" \
  grep -q "invalid: Pool “lab-nfs” on this host already uses ferry-lab-a:$EXPORT" <<< "$OUT"
OUT=$(pool create $NFS_POOL 10.254.0.1 "$EXPORT" nfs "$LAB_DIR/mnt/$NFS_POOL" 4 2>&1)
if grep -q 'step define: ok' <<< "$OUT" && grep -q 'step Creating the mount directory: ok' <<< "$OUT"; then
  if grep -q 'step Starting the pool (mounting it): ok' <<< "$OUT"; then
    tap_ok "NFS pool from the scan: defined, built and mounted"
    tap_skip "the reason a mount fails is said in plain words: this kernel mounted NFS"
  else
    tap_skip "NFS pool from the scan: defined and built; mounting NFS failed on this kernel"
    # The user reads why in plain words first, libvirt's mount output after it.
    tap_check "the failed NFS mount is explained in plain words, then libvirt's message" \
      grep -q 'step Starting the pool (mounting it): failed: This host cannot mount NFS shares: .* libvirt said: .*Child process (/bin/mount' <<< "$OUT"
  fi
else
  tap_not_ok "NFS pool from the scan: defined and built"; tap_diag "$OUT"
fi

# 6. Stop, delete the mount directory, undefine: nothing left.
OUT=$(pool op $POOL stop 2>&1; pool op $POOL delete 2>&1; pool op $POOL undefine 2>&1;
      pool op $NFS_POOL stop 2>&1; pool op $NFS_POOL delete 2>&1; pool op $NFS_POOL undefine 2>&1)
if ! lab virsh b pool-list --all --name | grep -cx "$POOL" > /dev/null &&
   ! lab virsh b pool-list --all --name | grep -cx "$NFS_POOL" > /dev/null && [[ ! -e $TARGET ]]; then
  tap_ok "stopped, deleted, undefined: no pool and no mount directory left"
else
  tap_not_ok "stopped, deleted, undefined: no pool and no mount directory left"; tap_diag "$OUT"
fi
tap_done
