#!/bin/bash
# tests/lab/test-ssh-askpass.sh — ssh's prompts for qemu+ssh:// reach Ferry and Ferry's
# answers reach ssh, against a real sshd and a real libvirtd (TAP).
#
# tests/lab/ssh-askpass-client opens one connection with Ferry's core (FerryAskpassServer
# exporting SSH_ASKPASS, FerryConnectionManager routing each prompt to the opening
# connection) to host b's password-only account ferrypw (`tools/lab uri b ssh-password`),
# whose ssh knows no host key until one is accepted. It runs in the client namespace, with
# neither DISPLAY nor a terminal: ssh must ask Ferry or nobody (inside a Wayland-only
# session or a flatpak without X11 there is no DISPLAY either).
#
#   a. unknown host key, right password: a host-key prompt with host b's real fingerprint,
#      then a password prompt; the connection opens and lists b's domains
#   b. the key is now known; a wrong password first: ssh asks again, the right one connects
#   c. refusing the host key fails, with ssh's error, in bounded time
#   d. refusing the password fails, with ssh's error, in bounded time
#   e. the password reaches no log and no file: a login with every debug message on, the host
#      saved in Ferry's settings (a key file) and a home directory of its own; the password is
#      in none of the output and none of the files written
source "$(dirname "${BASH_SOURCE[0]}")/lab-lib.sh"

CLIENT=${FERRY_SSH_ASKPASS_CLIENT:-}
[[ -x $CLIENT ]] || bail_out "ssh-askpass-client not built (FERRY_SSH_ASKPASS_CLIENT='$CLIENT')"
[[ -x ${FERRY_ASKPASS:-} ]] || bail_out "ferry-askpass not built (FERRY_ASKPASS='${FERRY_ASKPASS:-}')"
# tools/lab resolves its state directory the same way.
LAB_DIR=${FERRY_LAB_DIR:-/tmp/ferry-lab}
GUEST=askpass-vm
URI=$(lab uri b ssh-password)
PASSWORD=$(lab password) || bail_out "tools/lab password failed (lab too old? run tools/lab down; tools/lab up)"
FINGERPRINT=$(ssh-keygen -lf "$LAB_DIR/ssh/host-b-key.pub" | awk '{ print $2 }')
[[ $FINGERPRINT == SHA256:* ]] || bail_out "cannot read host b's key fingerprint from $LAB_DIR/ssh/host-b-key.pub"

tap_plan 12

trap 'lab_remove_guest $GUEST' EXIT
lab_remove_guest $GUEST
# Defined, not started: something to list, at no cost.
lab define-guest b $GUEST --empty > /dev/null || bail_out "cannot define $GUEST on b"
EXPECTED_DOMAINS=$(timeout 30 "$LAB" virsh b list --all --name | grep -c .)

# run_client [CLIENT OPTIONS...]: sets OUT, RC and SECS. No DISPLAY, no controlling terminal
# (setsid), bounded twice: by the client's own --timeout and by timeout(1) around it.
OUT="" RC=0 SECS=0 CLIENT_ENV=()
run_client() {
  local t0; t0=$(now); RC=0
  OUT=$(lab exec env -u DISPLAY -u WAYLAND_DISPLAY FERRY_ASKPASS="$FERRY_ASKPASS" "${CLIENT_ENV[@]}" \
    setsid -w timeout 90 "$CLIENT" --timeout=60 "$@" "$URI" "$PASSWORD" 2>&1 < /dev/null) || RC=$?
  SECS=$(elapsed "$t0")
  tap_diag "client $* ($SECS s, exit $RC):"
  # With every debug log on (e.), only the client's own report lines.
  if ((${#CLIENT_ENV[@]})); then tap_diag "$(grep -E '^(prompt|state|domains|error)' <<< "$OUT")"; else tap_diag "$OUT"; fi
}

field() { sed -n "s/^$1=//p" <<< "$OUT" | head -n 1; }                 # state, domains, error
prompt() { grep "^prompt $1 " <<< "$OUT"; }                              # prompt N
kinds() { sed -n 's/^prompt [0-9]* kind=\([^ ]*\) answer=\([^ ]*\) .*/\1:\2/p' <<< "$OUT" | paste -sd ' '; }

# -------------------------------------------------------- a. unknown host key
lab forget-host-keys
run_client
if [[ $RC == 0 && $(field state) == connected ]]; then
  tap_ok "a: unknown host key + password: connected through ferry-askpass ($SECS s)"
else
  tap_not_ok "a: unknown host key + password: connected through ferry-askpass (state '$(field state)', error '$(field error)')"
fi
p=$(prompt 1)
if [[ $p == *"kind=host-key answer=accept "* && $p == *"$FINGERPRINT"* && $p == *"ferry-lab-b"* ]]; then
  tap_ok "a: first prompt: trust host key of ferry-lab-b, showing its real fingerprint $FINGERPRINT"
else
  tap_not_ok "a: first prompt: trust host key of ferry-lab-b, showing its real fingerprint $FINGERPRINT"
  tap_diag "prompt 1: ${p:-none}"
fi
p=$(prompt 2)
if [[ $p == *"kind=secret answer=right "* && $p == *"ferrypw@ferry-lab-b's password"* && -z $(prompt 3) ]]; then
  tap_ok "a: then one password prompt for ferrypw@ferry-lab-b"
else
  tap_not_ok "a: then one password prompt for ferrypw@ferry-lab-b (prompts: $(kinds))"
fi
if [[ $(field state) == connected && $(field domains) == "$EXPECTED_DOMAINS" ]]; then
  tap_ok "a: the connection lists b's $EXPECTED_DOMAINS domain(s)"
else
  tap_not_ok "a: the connection lists b's $EXPECTED_DOMAINS domain(s) (listed '$(field domains)')"
fi

# ------------------------------------- b. known host key, wrong password first
run_client --wrong-first
if [[ $RC == 0 && $(field state) == connected ]]; then
  tap_ok "b: wrong password, then the right one: connected ($SECS s)"
else
  tap_not_ok "b: wrong password, then the right one: connected (state '$(field state)', error '$(field error)')"
fi
# The accepted key was saved in a, so ssh no longer asks about it.
if [[ $(kinds) == "secret:wrong secret:right" ]]; then
  tap_ok "b: no host-key prompt (the key accepted in a was saved); ssh asked for the password again"
else
  tap_not_ok "b: no host-key prompt (the key accepted in a was saved); ssh asked for the password again (prompts: '$(kinds)')"
fi

# ---------------------------------------------------- c. refuse the host key
lab forget-host-keys
run_client --refuse=host-key
if [[ $RC == 1 && $(field state) == failed && $(field error) == *"Host key verification failed"* && $(kinds) == host-key:refuse ]]; then
  tap_ok "c: refusing the host key fails with ssh's 'Host key verification failed'"
else
  tap_not_ok "c: refusing the host key fails with ssh's 'Host key verification failed' (exit $RC, prompts '$(kinds)', error '$(field error)')"
fi
if awk -v s="$SECS" 'BEGIN { exit !(s < 30) }' && [[ $(field state) != timeout ]]; then
  tap_ok "c: and fails promptly ($SECS s)"
else
  tap_not_ok "c: and fails promptly ($SECS s, state '$(field state)')"
fi

# ---------------------------------------------------- d. refuse the password
run_client --refuse=password
if [[ $RC == 1 && $(field state) == failed && $(field error) == *"Permission denied"* && $(kinds) == host-key:accept\ secret:refuse* ]]; then
  tap_ok "d: refusing the password fails with ssh's 'Permission denied'"
else
  tap_not_ok "d: refusing the password fails with ssh's 'Permission denied' (exit $RC, prompts '$(kinds)', error '$(field error)')"
fi
if awk -v s="$SECS" 'BEGIN { exit !(s < 30) }' && [[ $(field state) != timeout ]]; then
  tap_ok "d: and fails promptly ($SECS s; ssh asked $(grep -c 'kind=secret' <<< "$OUT") time(s))"
else
  tap_not_ok "d: and fails promptly ($SECS s, state '$(field state)')"
fi

# ---------------------------------------------- e. the password leaks nowhere
SECRET_HOME=$(mktemp -d)
trap 'lab_remove_guest $GUEST; rm -rf "$SECRET_HOME"' EXIT
CLIENT_ENV=(HOME="$SECRET_HOME" XDG_CONFIG_HOME="$SECRET_HOME/config" XDG_CACHE_HOME="$SECRET_HOME/cache"
            XDG_DATA_HOME="$SECRET_HOME/data" XDG_STATE_HOME="$SECRET_HOME/state" XDG_RUNTIME_DIR="$SECRET_HOME/run"
            G_MESSAGES_DEBUG=all LIBVIRT_DEBUG=1 LIBVIRT_LOG_OUTPUTS="1:stderr")
mkdir -p "$SECRET_HOME/run" && chmod 700 "$SECRET_HOME/run"
run_client --settings="$SECRET_HOME/config/ferry-settings.ini"
if [[ $RC == 0 ]] && grep -q "$URI" "$SECRET_HOME/config/ferry-settings.ini" 2> /dev/null; then
  tap_ok "e: logged in with every debug log on; the host is saved in the settings file"
else
  tap_not_ok "e: logged in with every debug log on; the host is saved in the settings file (exit $RC)"
fi
leaks=$( { grep -c -F -- "$PASSWORD" <<< "$OUT"; grep -rl -F -- "$PASSWORD" "$SECRET_HOME"; } 2> /dev/null |
         grep -v '^0$' || true)
if [[ -z $leaks && $(wc -l <<< "$OUT") -gt 20 ]]; then
  tap_ok "e: the password is in none of the $(wc -l <<< "$OUT") lines of output and none of the files written under the home"
else
  tap_not_ok "e: the password leaks: ${leaks:-too little output to tell}"
fi

tap_done
