# The Kamailio reference SUT with a TLS listener (fixtures/kamailio/sut
# start --tls, kamailio-tls.cfg): certificates made by openssl at start,
# a verified handshake on 127.0.0.1 and ::1 only, the reference's answers
# over TLS, nothing left (process or key) after stop, and plain `sut start`
# printing exactly what it always printed.
. "$IT_DIR/lib.sh"
set -e
sut=$REPO/fixtures/kamailio/sut

# tls_start [CFG]: sut start --tls, stopped by PID at exit like kam_start.
tls_start() {
	local out
	out=$("$sut" start --tls ${1:+"$1"}) || fail "sut start --tls did not start: $out"
	printf '%s\n' "$out" >"$IT_TMP/env"
	eval "$out"
	it_track "$SUT_PID"
	IT_KAM_DIRS="${IT_KAM_DIRS:-} $SUT_DIR"
}

# sclient IP ARGS...: one TLS handshake with the SUT's TLS port, then an
# OPTIONS to sip:moved@... (a fresh branch and Call-ID each time: a
# repeated one would be a retransmission to tm, answered on the old
# connection) and 1 s left for the answer; output in $IT_TMP/sc.
n_req=0
sclient() {
	local ip=$1 rip=$1
	shift
	case $ip in *:*) rip="[$ip]" ;; esac
	n_req=$((n_req + 1))
	printf 'OPTIONS sip:moved@example.com SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:5999;branch=z9hG4bK-t60-%s\r\nMax-Forwards: 70\r\nFrom: <sip:t60@example.org>;tag=t60\r\nTo: <sip:moved@example.com>\r\nCall-ID: t60-%s-%s@example.org\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n' \
		"$n_req" "$$" "$n_req" >"$IT_TMP/req"
	(cat "$IT_TMP/req"; sleep 1) |
		timeout 10 openssl s_client -brief -connect "$rip:$SUT_TLS_PORT" "$@" >"$IT_TMP/sc" 2>&1 || true
}

# Plain start: the same five lines as ever, no certificates.
kam_start
[ "$(cut -d= -f1 "$SUT_DIR/env" | tr '\n' ' ')" = "SUT_PID SUT_PORT SUT_DIR SUT_CFG SUT_LOG " ] ||
	fail "plain sut start printed: $(cat "$SUT_DIR/env")"
[ "$SUT_CFG" = "$REPO/fixtures/kamailio/kamailio.cfg" ] || fail "plain default config is $SUT_CFG"
! ls "$SUT_DIR"/tls-* >/dev/null 2>&1 || fail "plain start made certificates"
kam_stop

tls_start
[ "$(cut -d= -f1 "$IT_TMP/env" | tr '\n' ' ')" = "SUT_PID SUT_PORT SUT_DIR SUT_CFG SUT_LOG SUT_TLS_PORT SUT_CA SUT_CLIENT_CERT SUT_CLIENT_KEY " ] ||
	fail "sut start --tls printed: $(cat "$IT_TMP/env")"
[ "$SUT_CFG" = "$REPO/fixtures/kamailio/kamailio-tls.cfg" ] || fail "TLS default config is $SUT_CFG"
[ "$SUT_TLS_PORT" != "$SUT_PORT" ] || fail "one port for TCP and TLS"
[ "$SUT_CA" = "$SUT_DIR/tls-ca.pem" ] || fail "SUT_CA=$SUT_CA"

# The certificates: issued by the test CA, the server's for localhost,
# 127.0.0.1 and ::1, the client's for client authentication; keys 0600.
openssl verify -CAfile "$SUT_CA" -purpose sslserver "$SUT_DIR/tls-server.pem" >"$IT_TMP/v" 2>&1 ||
	{ cat "$IT_TMP/v"; fail "server certificate does not verify"; }
openssl verify -CAfile "$SUT_CA" -purpose sslclient "$SUT_CLIENT_CERT" >"$IT_TMP/v" 2>&1 ||
	{ cat "$IT_TMP/v"; fail "client certificate does not verify"; }
openssl x509 -in "$SUT_DIR/tls-server.pem" -noout -ext subjectAltName >"$IT_TMP/san"
assert_grep "$IT_TMP/san" 'DNS:localhost, IP Address:127\.0\.0\.1, IP Address:0:0:0:0:0:0:0:1'
for k in "$SUT_DIR"/tls-*.key; do
	[ "$(stat -c %a "$k")" = 600 ] || fail "$k is mode $(stat -c %a "$k")"
done

# Listening for TLS on the two loopback addresses and nowhere else.
ss -Htln "sport = :$SUT_TLS_PORT" | awk '{print $4}' | sort >"$IT_TMP/ls"
[ "$(tr '\n' ' ' <"$IT_TMP/ls")" = "127.0.0.1:$SUT_TLS_PORT [::1]:$SUT_TLS_PORT " ] ||
	fail "TLS listeners: $(cat "$IT_TMP/ls")"

# A verified handshake on both (the address is the name checked) and the
# reference's 301 over it; against the system store it does not verify.
for ip in 127.0.0.1 ::1; do
	sclient "$ip" -CAfile "$SUT_CA" -verify_return_error -verify_ip "$ip"
	assert_grep "$IT_TMP/sc" '^Verification: OK'
	assert_grep "$IT_TMP/sc" '^SIP/2\.0 301 Moved Permanently'
	assert_grep "$IT_TMP/sc" '^Contact: <sip:alice-new@new\.example\.com>'
	assert_grep "$IT_TMP/sc" "^Via: SIP/2\\.0/TLS 127\\.0\\.0\\.1:5999;branch=z9hG4bK-t60-$n_req"
done
sclient 127.0.0.1 -CAfile /etc/ssl/certs/ca-certificates.crt -verify_return_error
assert_grep "$IT_TMP/sc" 'unable to get local issuer certificate'
assert_nogrep "$IT_TMP/sc" '^SIP/2\.0 '
sclient 127.0.0.1 -CAfile "$SUT_CA" -verify_return_error -verify_hostname sip.example.com
assert_grep "$IT_TMP/sc" 'hostname mismatch'
# UDP and TCP answer as ever.
assert_grep "$SUT_LOG" 'request OPTIONS sip:moved@example.com from tls:\[127\.0\.0\.1\]'

# Stop: the process is gone, and the keys with the directory.
pid=$SUT_PID dir=$SUT_DIR
"$sut" stop "$SUT_DIR" || fail "sut stop failed"
# (A zombie no longer runs: its parent, whoever adopted it, reaps it.)
! { [ -r "/proc/$pid/stat" ] && awk '{ exit ($3 == "Z") }' "/proc/$pid/stat"; } ||
	fail "kamailio $pid still running"
[ ! -e "$dir" ] || fail "$dir left behind"
[ -z "$(ss -Htln "sport = :$SUT_TLS_PORT")" ] || fail "port $SUT_TLS_PORT still listening"

# No private key is kept in the source tree.
! grep -rl -e '-----BEGIN [A-Z ]*PRIVATE KEY-----' "$REPO/fixtures" "$REPO/harness" "$REPO/tools" \
	>"$IT_TMP/keys" 2>/dev/null || fail "private keys in the tree: $(cat "$IT_TMP/keys")"

# A CFG without the TLS module cannot listen on TLS: start fails, and
# leaves nothing behind.
# (A TMPDIR of its own: other tests may make sut dirs meanwhile.)
mkdir "$IT_TMP/tmpd"
set +e
TMPDIR=$IT_TMP/tmpd SUT_READY_TIMEOUT=3 "$sut" start --tls "$REPO/fixtures/kamailio/kamailio.cfg" >"$IT_TMP/o" 2>"$IT_TMP/e"
rc=$?
set -e
[ "$rc" = 1 ] || fail "start --tls with kamailio.cfg: exit $rc"
assert_grep "$IT_TMP/e" 'bad protocol in tls:127\.0\.0\.1:'
[ ! -s "$IT_TMP/o" ] || fail "printed: $(cat "$IT_TMP/o")"
[ -z "$(ls -A "$IT_TMP/tmpd")" ] || fail "left behind: $(ls -A "$IT_TMP/tmpd")"
