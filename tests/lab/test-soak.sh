#!/bin/bash
# Soak (the `lab-long` suite, tools/check --long): ONE long-lived process using
# libferry-core opens both hosts, live-migrates a guest a->b, closes the connections, and
# the same way back, for FERRY_SOAK_MINUTES (default 30). After each round trip it samples
# its own VmRSS; at the end it prints the least-squares slope of RSS per round trip (all
# rounds, and the second half, after allocators and caches have settled).
#
# Threshold: the second half's slope must not exceed FERRY_SOAK_MAX_KIB_PER_ROUND
# (default 16 KiB per round trip, i.e. per 4 connections opened and closed and 2
# migrations). A leak of one job's or one connection's state per round is larger than
# that; the noise of glibc's allocator on a settled process is well below it.
source "$(dirname "$0")/lab-lib.sh"

CLIENT=${FERRY_CONCURRENT_CLIENT:?FERRY_CONCURRENT_CLIENT is set by meson}
MINUTES=${FERRY_SOAK_MINUTES:-30}
LIMIT=${FERRY_SOAK_MAX_KIB_PER_ROUND:-16}
DOM=lab-soak
OUT=$(mktemp)
trap 'lab_remove_guest $DOM; rm -f "$OUT"' EXIT

tap_plan 3
lab_remove_guest $DOM
lab define-guest a $DOM --memory 96 --dirty-mb 4 --tick-ms 300 --start > /dev/null || bail_out "cannot start $DOM"
lab_wait_tick a $DOM 1 90 || bail_out "$DOM does not boot"

rc=0
# Bounded: the minutes asked for (may be fractional), plus ten minutes of slack.
timeout "$(awk -v m="$MINUTES" 'BEGIN { printf "%d", m * 60 + 600 }')" "$LAB" exec "$CLIENT" soak "$(lab uri a tcp)" "$(lab uri b tcp)" \
  $DOM "$MINUTES" "$LIMIT" > "$OUT" 2>&1 || rc=$?
tap_diag "$(grep -v '^rss:' "$OUT")"
tap_diag "RSS (round KiB minutes heap-KiB), every 10th: $(awk '/^rss:/ && $2 % 10 == 1 { printf "%s/%s/%s/%s ", $2, $3, $4, $5 }' "$OUT")"
rounds=$(grep -c '^rss:' "$OUT")
if ! grep -q '^soak: round .* failed' "$OUT" && ((rounds >= 4)); then
  tap_ok "$rounds round trips a->b->a, every migration completed"
else
  tap_not_ok "round trips a->b->a ($rounds done)"; tap_diag "$(tail -n 20 "$OUT")"
fi
if ((rc == 0)) && grep -q '^soak: slope' "$OUT"; then tap_ok "RSS slope over the second half within $LIMIT KiB per round trip"; else
  tap_not_ok "RSS slope over the second half within $LIMIT KiB per round trip (exit $rc)"; fi
tap_check "$DOM runs exactly once, on a" lab_running_once $DOM a
tap_done
