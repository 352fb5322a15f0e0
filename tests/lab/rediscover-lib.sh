# Shared by test-rediscover.sh and test-ui-rediscover.sh (sourced after lab-lib.sh, with DOM
# set): a migration whose driving ferry-migrate is killed, and the cleanup that goes with it.

MIGRATE=${FERRY_MIGRATE:?FERRY_MIGRATE is not set}
WORK=$(mktemp -d)

rediscover_cleanup() {
  [[ -n ${mig:-} ]] && kill -9 "$mig" 2> /dev/null
  lab_remove_guest "$DOM"
  rm -rf "$WORK"
}
trap rediscover_cleanup EXIT

# start_migration FROM-URI TO-URI OPTIONS...: ferry-migrate in the background; returns once
# data moves.
start_migration() {
  local from=$1 to=$2; shift 2
  timeout 150 "$LAB" exec "$MIGRATE" "$@" "$DOM" "$from" "$to" > "$WORK/out1" 2> "$WORK/err1" &
  mig=$!
  lab_wait 30 grep -q '^progress: ' "$WORK/err1"
}

# kill_driver: SIGKILL the ferry-migrate process itself, with no chance to clean up
# (`lab exec` becomes it through exec; it is the child of `timeout`).
kill_driver() {
  pkill -9 -P "$mig" -x ferry-migrate
  wait "$mig" 2> /dev/null
  mig=""
}
