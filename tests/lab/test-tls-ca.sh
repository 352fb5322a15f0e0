#!/bin/bash
# tests/lab/test-tls-ca.sh — a qemu+tls:// host whose certificate Ferry cannot trust is
# refused, and the user is told which host and what is wrong with its certificate (TAP).
#
# tests/lab/ssh-askpass-client opens one connection with Ferry's core (FerryConnection, as
# the app does; it answers no prompt) from the lab's client namespace to host a's TLS port:
#
#   a. the lab's own CA and client certificate: connects (the control case)
#   b. a second, unrelated CA and a client certificate it signed (a pkipath directory made
#      here with certtool): refused at once; the message names host a, the certificate, the
#      CA file in that directory and what to do, and keeps libvirt's text
#   c. a host name the server's certificate was not made for (an alias of host a's address,
#      in a private /etc/hosts): refused, and the message names that host and the host-name
#      mismatch as a cause
# (Host a's certificate carries its address too, so an IP address is not a mismatch.)
source "$(dirname "${BASH_SOURCE[0]}")/lab-lib.sh"

CLIENT=${FERRY_SSH_ASKPASS_CLIENT:-}
[[ -x $CLIENT ]] || bail_out "ssh-askpass-client not built (FERRY_SSH_ASKPASS_CLIENT='$CLIENT')"
[[ -x ${FERRY_ASKPASS:-} ]] || bail_out "ferry-askpass not built (FERRY_ASKPASS='${FERRY_ASKPASS:-}')"
command -v certtool > /dev/null || bail_out "certtool (gnutls-bin) is missing"
LAB_DIR=${FERRY_LAB_DIR:-/tmp/ferry-lab}
GOOD_PKI=$LAB_DIR/pki/client
[[ -r $GOOD_PKI/cacert.pem ]] || bail_out "no lab PKI at $GOOD_PKI"

tap_plan 6

WORK=$(mktemp -d /tmp/ferry-tls-ca.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# An unrelated CA and a client certificate signed by it, in libvirt's pkipath layout.
WRONG_PKI=$WORK/pki
mkdir -p "$WRONG_PKI"
printf '%s\n' 'cn = "Unrelated test CA"' ca cert_signing_key 'expiration_days = 2' > "$WORK/ca.info"
printf '%s\n' 'cn = "ferry-lab-client"' tls_www_client encryption_key signing_key \
  'expiration_days = 2' > "$WORK/client.info"
if ! { certtool --generate-privkey --bits 2048 --outfile "$WORK/ca-key.pem" &&
       certtool --generate-self-signed --load-privkey "$WORK/ca-key.pem" --template "$WORK/ca.info" \
         --outfile "$WRONG_PKI/cacert.pem" &&
       certtool --generate-privkey --bits 2048 --outfile "$WRONG_PKI/clientkey.pem" &&
       certtool --generate-certificate --load-privkey "$WRONG_PKI/clientkey.pem" \
         --load-ca-certificate "$WRONG_PKI/cacert.pem" --load-ca-privkey "$WORK/ca-key.pem" \
         --template "$WORK/client.info" --outfile "$WRONG_PKI/clientcert.pem"; } > "$WORK/certtool.log" 2>&1
then
  cat "$WORK/certtool.log" >&2
  bail_out "certtool could not make the unrelated CA"
fi
chmod 600 "$WRONG_PKI/clientkey.pem"

# A private /etc/hosts with one more name for host a's address (case c).
ALIAS=ferry-lab-a-old
{ lab exec cat /etc/hosts && echo "10.254.0.1 $ALIAS"; } > "$WORK/hosts" || bail_out "cannot read the lab's /etc/hosts"

# run_client URI [HOSTS-FILE]: sets OUT, RC and SECS; bounded by the client and by timeout(1).
OUT="" RC=0 SECS=0
run_client() {
  local uri=$1 hosts=${2:-} t0; t0=$(now); RC=0
  if [[ -n $hosts ]]; then
    OUT=$(lab exec unshare -m sh -c 'mount --bind "$1" /etc/hosts && shift && exec "$@"' sh "$hosts" \
      env FERRY_ASKPASS="$FERRY_ASKPASS" timeout 60 "$CLIENT" --refuse=all --timeout=30 "$uri" unused 2>&1 < /dev/null) || RC=$?
  else
    OUT=$(lab exec env FERRY_ASKPASS="$FERRY_ASKPASS" \
      timeout 60 "$CLIENT" --refuse=all --timeout=30 "$uri" unused 2>&1 < /dev/null) || RC=$?
  fi
  SECS=$(elapsed "$t0")
  tap_diag "$uri ($SECS s, exit $RC):"
  tap_diag "$(grep -E '^(prompt|state|error)=?' <<< "$OUT")"
}
field() { sed -n "s/^$1=//p" <<< "$OUT" | head -n 1; }
fast() { awk -v s="$SECS" 'BEGIN { exit !(s < 20) }'; }

# ------------------------------------------------------------- a. control
run_client "qemu+tls://ferry-lab-a/system?pkipath=$GOOD_PKI"
if [[ $RC == 0 && $(field state) == connected ]]; then
  tap_ok "a: the lab's own CA: qemu+tls://ferry-lab-a connects ($SECS s)"
else
  tap_not_ok "a: the lab's own CA: qemu+tls://ferry-lab-a connects (state '$(field state)', error '$(field error)')"
fi

# ------------------------------------------------------------- b. unrelated CA
run_client "qemu+tls://ferry-lab-a/system?pkipath=$WRONG_PKI"
if [[ $RC != 0 && $(field state) == failed ]] && fast; then
  tap_ok "b: an unrelated CA: refused, in $SECS s"
else
  tap_not_ok "b: an unrelated CA: refused in bounded time (state '$(field state)', $SECS s)"
fi
msg=$(field error)
if [[ $msg == "Ferry does not trust the TLS certificate of ferry-lab-a: it is not signed by the certificate authority (CA) in $WRONG_PKI/cacert.pem"* &&
      $msg == *"Connect with the host name the certificate was made for, or use the CA certificate that signed it."* ]]; then
  tap_ok "b: the message names host ferry-lab-a, its certificate, the CA file $WRONG_PKI/cacert.pem and the fix"
else
  tap_not_ok "b: the message names host ferry-lab-a, its certificate, the CA file and the fix (got '$msg')"
fi
if [[ $msg == *"(libvirt: "*"Failed to verify peer's certificate)" ]]; then
  tap_ok "b: libvirt's own text is kept at the end"
else
  tap_not_ok "b: libvirt's own text is kept at the end (got '$msg')"
fi

# ------------------------------------------------------------- c. another host name
run_client "qemu+tls://$ALIAS/system?pkipath=$GOOD_PKI" "$WORK/hosts"
if [[ $RC != 0 && $(field state) == failed ]] && fast; then
  tap_ok "c: a name the certificate was not made for ($ALIAS): refused, in $SECS s"
else
  tap_not_ok "c: a name the certificate was not made for ($ALIAS): refused in bounded time (state '$(field state)', $SECS s)"
fi
msg=$(field error)
if [[ $msg == "Ferry does not trust the TLS certificate of $ALIAS: "* && $msg == *"or it was made for another host name."* &&
      $msg == *"$GOOD_PKI/cacert.pem"* ]]; then
  tap_ok "c: the message names host $ALIAS and the host-name mismatch as a cause"
else
  tap_not_ok "c: the message names host $ALIAS and the host-name mismatch as a cause (got '$msg')"
fi

tap_done
