# shellcheck shell=bash
# shellcheck disable=SC2034  # LAB_MIGRATE_* are read by the tests that source this
# tests/lab/lab-lib.sh — helpers for the lab tests (sourced; bash).
#
# The tests assume the lab is up (tools/lab up). They reach the hosts the way Ferry does:
# from the client namespace, through `tools/lab virsh HOST ...` (qemu+tcp) or an explicit URI
# from `tools/lab uri HOST tcp|tls|ssh`. Output is TAP: call tap_plan first, then tap_ok /
# tap_check for each test point, and end with tap_done (exits non-zero if anything failed).
# Every wait here is bounded.

# Under pipefail, `virsh … | grep -q` fails at random: grep exits at the first match and virsh
# dies of SIGPIPE. Tests read all of it (`grep -c … > /dev/null`, or a here-string).
set -uo pipefail

# tools/lab: from meson's environment, else relative to this file (tests/lab/ -> tools/lab).
LAB=${FERRY_LAB:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/tools/lab}
[[ -x $LAB ]] || { echo "Bail out! tools/lab not found at $LAB"; exit 1; }

lab() { "$LAB" "$@"; }

# Without root or a running lab there is nothing to test: report the whole file skipped
# (TAP "1..0 # SKIP"), so a plain `meson test` on a developer machine does not fail here.
if [[ $(id -u) != 0 ]] || ! "$LAB" is-up; then
  echo "1..0 # SKIP the lab is not up (run tools/lab up as root)"
  exit 0
fi

# libvirt 9.0's libvirtd can itself crash (SIGSEGV while freeing a client that was killed
# mid-migration; tests/lab/README.md). A test that finds a host's libvirtd dead says so and
# starts it again, so that one crash fails the test it happened in, not every test after it.
for _h in a b; do
  if ! "$LAB" libvirtd "$_h" status > /dev/null 2>&1; then
    echo "# libvirtd on ferry-lab-$_h was not running (it died during an earlier test): starting it again"
    "$LAB" libvirtd "$_h" start > /dev/null 2>&1 || { echo "Bail out! cannot start libvirtd on ferry-lab-$_h"; exit 1; }
  fi
done
unset _h

# ------------------------------------------------------------------- TAP ---
TAP_N=0
TAP_FAILED=0

tap_plan() { echo "1..$1"; }
tap_diag() { local line; while IFS= read -r line; do echo "# $line"; done <<< "$*"; }
tap_ok() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - $*"; }
tap_not_ok() { TAP_N=$((TAP_N + 1)); TAP_FAILED=$((TAP_FAILED + 1)); echo "not ok $TAP_N - $*"; }
tap_skip() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - $* # SKIP"; }

# tap_check DESCRIPTION CMD...: one test point from a command's exit status; its output is
# shown as diagnostics only when it fails.
tap_check() {
  local desc=$1 out; shift
  if out=$("$@" 2>&1); then tap_ok "$desc"; else tap_not_ok "$desc"; tap_diag "$out"; fi
}

tap_done() {
  ((TAP_FAILED == 0)) || tap_diag "$TAP_FAILED of $TAP_N failed"
  exit $((TAP_FAILED > 0))
}

bail_out() { echo "Bail out! $*"; exit 1; }

# Seconds since START (from `now`), one decimal.
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# Bounded poll: lab_wait SECONDS CMD... (retries every 0.3 s; returns 1 on timeout).
lab_wait() {
  local end=$(($(date +%s) + $1)); shift
  until "$@" > /dev/null 2>&1; do
    (($(date +%s) < end)) || return 1
    sleep 0.3
  done
}

# ------------------------------------------------------------- domains ---
# State of DOM on HOST as virsh prints it ("running", "paused", "shut off"), or "absent".
lab_domstate() {
  local out
  # (no `| head`: under pipefail, virsh killed by SIGPIPE would read as "absent")
  out=$(timeout 30 "$LAB" virsh "$1" domstate "$2" 2> /dev/null) || out=""
  out=${out%%$'\n'*}
  echo "${out:-absent}"
}

lab_state_is() { [[ $(lab_domstate "$1" "$2") == "$3" ]]; }

# lab_wait_state HOST DOM STATE [SECONDS=30]
lab_wait_state() { lab_wait "${4:-30}" lab_state_is "$1" "$2" "$3"; }

# Hosts on which DOM is running, space separated ("a", "b", "a b" or "").
lab_where() {
  local h out=()
  for h in a b; do [[ $(lab_domstate "$h" "$1") == running ]] && out+=("$h"); done
  echo "${out[*]}"
}

# lab_running_once DOM HOST: DOM runs on HOST and is not even defined on the other host
# (a migration with --undefinesource must leave exactly one copy). Prints why not.
lab_running_once() {
  local dom=$1 h=$2 other; other=$([[ $2 == a ]] && echo b || echo a)
  local here there
  here=$(lab_domstate "$h" "$dom"); there=$(lab_domstate "$other" "$dom")
  [[ $here == running && $there == absent ]] && return 0
  echo "$dom: on $h '$here', on $other '$there' (want running on $h, absent on $other)"
  return 1
}

# ------------------------------------------------------------- console ---
lab_serial_log() { "$LAB" serial-log "$1" "$2"; }
lab_last_tick() { "$LAB" last-tick "$1" "$2"; }

lab_tick_above() { (($(lab_last_tick "$1" "$2") > $3)); }

# lab_wait_tick HOST DOM MIN [SECONDS=30]: wait until the guest's console on HOST shows a
# tick greater than MIN, i.e. the guest is alive and executing there.
lab_wait_tick() { lab_wait "${4:-30}" lab_tick_above "$1" "$2" "$3"; }

# ------------------------------------------------------------- faults ---
lab_cut_link() { "$LAB" net cut "${1:-a-b}"; }       # a-b (default), a or b
lab_restore_link() { "$LAB" net restore; }
lab_kill_libvirtd() { "$LAB" libvirtd "$1" kill; }
lab_start_libvirtd() { "$LAB" libvirtd "$1" start; }

# ---------------------------------------------------------- migrations ---
# lab_migrate FROM TO TRANSPORT DOM [EXTRA virsh migrate ARGS...]: live-migrate DOM from
# host FROM to host TO (managed direct, driven by virsh in the client namespace), bounded
# to 120 s. Sets LAB_MIGRATE_SECS and LAB_MIGRATE_OUT.
LAB_MIGRATE_SECS=0
LAB_MIGRATE_OUT=""
lab_migrate() {
  local from=$1 to=$2 transport=$3 dom=$4 t0 rc=0 desturi; shift 4
  desturi=$("$LAB" uri "$to" "$transport")
  t0=$(now)
  LAB_MIGRATE_OUT=$(FERRY_LAB_TRANSPORT=$transport timeout 120 "$LAB" virsh "$from" \
    migrate --live --persistent --undefinesource "$@" "$dom" "$desturi" 2>&1) || rc=$?
  LAB_MIGRATE_SECS=$(elapsed "$t0")
  return "$rc"
}

# Diagnostics for a failed check: the tail of DOM's console and QEMU logs on HOST.
lab_diag_logs() {
  local h=$1 dom=$2 log
  log=$(lab_serial_log "$h" "$dom")
  tap_diag "console log on $h ($log), last lines:"
  tap_diag "$(tail -n 5 "$log" 2>&1)"
  tap_diag "QEMU log on $h, last lines:"
  tap_diag "$(tail -n 5 "${log%-serial.log}.log" 2>&1)"
}

# Clean up a test guest on both hosts (ignores errors; used in EXIT traps).
lab_remove_guest() { "$LAB" remove-guest "$1" > /dev/null 2>&1 || true; }
