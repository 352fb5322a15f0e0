#!/bin/bash
# Storage the lab offers: the GlusterFS netfs pool is real shared storage (a guest whose disk
# is on it live-migrates without --unsafe), the NFS export is found by a scan from both hosts,
# a disk on the common directory is refused without --unsafe (libvirt cannot tell it is
# shared), and a disk on a host's private pool moves with --copy-storage-all.
source "$(dirname "$0")/lab-lib.sh"

DOM=lab-gluster
EMPTY=lab-localdisk
trap 'lab_remove_guest $DOM; lab_remove_guest $EMPTY' EXIT
tap_plan 10

for h in a b; do
  tap_check "find-storage-pool-sources-as netfs on $h lists the NFS export" \
    bash -c "'$LAB' virsh $h find-storage-pool-sources-as netfs ferry-lab-a | grep -q \"<dir path='[^']*/nfs/export'/>\""
  tap_check "pool lab-shared on $h is an active glusterfs netfs pool" \
    bash -c "'$LAB' virsh $h pool-info lab-shared | grep -q '^State: *running' &&
             '$LAB' virsh $h pool-dumpxml lab-shared | grep -q \"<format type='glusterfs'/>\""
done

lab_remove_guest $DOM
lab define-guest a $DOM --disk shared --dirty-mb 4 --start > /dev/null || bail_out "cannot start $DOM on a"
lab_wait_tick a $DOM 1 60 || tap_diag "$DOM shows no tick on a yet"
if lab_migrate a b tcp $DOM; then
  tap_ok "disk on gluster: live migration a->b without --unsafe (${LAB_MIGRATE_SECS} s)"
else
  tap_not_ok "disk on gluster: live migration a->b without --unsafe"; tap_diag "$LAB_MIGRATE_OUT"
fi
tap_check "disk on gluster: the guest runs once, on b" lab_running_once $DOM b
before=$(lab_last_tick a $DOM)
tap_check "disk on gluster: tick counter advances on b" lab_wait_tick b $DOM "$before" 20
if lab_migrate b a tcp $DOM; then
  tap_ok "disk on gluster: live migration back b->a (${LAB_MIGRATE_SECS} s)"
else
  tap_not_ok "disk on gluster: live migration back b->a"; tap_diag "$LAB_MIGRATE_OUT"
fi

# An empty guest (nothing to boot) is enough for the disk checks and starts at once.
lab_remove_guest $EMPTY
lab define-guest a $EMPTY --empty --disk common --start > /dev/null || bail_out "cannot start $EMPTY"
if lab_migrate a b tcp $EMPTY; then
  tap_not_ok "disk on the common dir: refused without --unsafe"; tap_diag "it migrated"
else
  tap_check "disk on the common dir: refused without --unsafe" \
    grep -q 'Migration without shared storage is unsafe' <<< "$LAB_MIGRATE_OUT"
fi
lab_remove_guest $EMPTY
lab define-guest a $EMPTY --empty --disk local --start > /dev/null || bail_out "cannot start $EMPTY"
if lab_migrate a b tcp $EMPTY --copy-storage-all && lab_running_once $EMPTY b > /dev/null; then
  tap_ok "disk on a's private pool: --copy-storage-all a->b (${LAB_MIGRATE_SECS} s)"
else
  tap_not_ok "disk on a's private pool: --copy-storage-all a->b"; tap_diag "$LAB_MIGRATE_OUT"
fi
tap_done
