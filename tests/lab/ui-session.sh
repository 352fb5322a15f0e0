#!/bin/bash
# ui-session.sh LOG FERRY [FERRY-ARGS…] -- SCRIPT [SCRIPT-ARGS…]
#
# Run inside a fresh X server and D-Bus session (xvfb-run … dbus-run-session --): starts the
# accessibility bus, waits until it answers (a fixed sleep lost that race on a loaded
# machine), starts Ferry with its output in LOG, then runs the AT-SPI script and exits with
# its status. When the script fails, the end of Ferry's log goes to stderr, where the lab's
# failure digest picks it up.
set -uo pipefail

log=$1; shift
ferry=()
while (($#)) && [[ $1 != -- ]]; do ferry+=("$1"); shift; done
shift   # the --

/usr/libexec/at-spi-bus-launcher --launch-immediately > /dev/null 2>&1 &
ready=no
for ((i = 0; i < 100; i++)); do
  if dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus org.a11y.Bus.GetAddress > /dev/null 2>&1; then
    ready=yes; break
  fi
  sleep 0.2
done
if [[ $ready == yes ]]; then
  echo "# the accessibility bus answered after $((i / 5)).$((i % 5 * 2)) s"
else
  echo "# the accessibility bus did not answer in 20 s"
fi

GTK_A11Y=atspi "${ferry[@]}" > "$log" 2>&1 &
ferry_pid=$!
/usr/bin/python3 "$@"
rc=$?
if ((rc != 0)); then
  kill -0 $ferry_pid 2> /dev/null || echo "Ferry had exited: $(wait $ferry_pid; echo "status $?")" >&2
  echo "the end of Ferry's log ($log):" >&2
  tail -n 10 "$log" >&2
fi
kill $ferry_pid 2> /dev/null
exit $rc
