# The mutual-TLS variant of the reference SUT (kamailio-tls-mutual.cfg):
# a client without a certificate is refused with TLS 1.3's "certificate
# required" alert, one with the client certificate that `sut start --tls`
# made gets the reference's answers; UDP and TCP stay as they are.
. "$IT_DIR/lib.sh"
set -e
sut=$REPO/fixtures/kamailio/sut
out=$("$sut" start --tls "$REPO/fixtures/kamailio/kamailio-tls-mutual.cfg") || fail "did not start: $out"
eval "$out"
it_track "$SUT_PID"
IT_KAM_DIRS="${IT_KAM_DIRS:-} $SUT_DIR"

# One OPTIONS per handshake, each with its own branch and Call-ID.
n_req=0
sclient() {
	n_req=$((n_req + 1))
	printf 'OPTIONS sip:nomethods@example.com SIP/2.0\r\nVia: SIP/2.0/TLS [::1]:5999;branch=z9hG4bK-t61-%s\r\nMax-Forwards: 70\r\nFrom: <sip:t61@example.org>;tag=t61\r\nTo: <sip:nomethods@example.com>\r\nCall-ID: t61-%s-%s@example.org\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n' \
		"$n_req" "$$" "$n_req" >"$IT_TMP/req"
	(cat "$IT_TMP/req"; sleep 1) |
		timeout 10 openssl s_client -brief -connect "[::1]:$SUT_TLS_PORT" -CAfile "$SUT_CA" \
			-verify_return_error -verify_ip ::1 "$@" >"$IT_TMP/sc" 2>&1 || true
}

sclient
assert_grep "$IT_TMP/sc" 'alert certificate required'
assert_nogrep "$IT_TMP/sc" '^SIP/2\.0 '

sclient -cert "$SUT_CLIENT_CERT" -key "$SUT_CLIENT_KEY"
assert_grep "$IT_TMP/sc" '^SIP/2\.0 200 OK'
assert_grep "$IT_TMP/sc" '^Allow: INVITE, ACK, CANCEL, BYE, OPTIONS'

# A certificate from another CA is refused too.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
	-subj "/CN=stranger" -keyout "$IT_TMP/x.key" -out "$IT_TMP/x.pem" >/dev/null 2>&1
sclient -cert "$IT_TMP/x.pem" -key "$IT_TMP/x.key"
assert_grep "$IT_TMP/sc" 'alert unknown ca'
assert_nogrep "$IT_TMP/sc" '^SIP/2\.0 '

# Plain UDP/TCP need no certificate.
for t in u1 t1; do
	(cd "$IT_TMP" && timeout 10 sipp -sf "$REPO/fixtures/kamailio/ready.xml" -m 1 -t "$t" \
		-i 127.0.0.1 -p 0 -nostdin -timeout 5s -timeout_error -recv_timeout 3000 \
		"127.0.0.1:$SUT_PORT" >/dev/null 2>&1) || fail "no 200 over $t"
done
"$sut" stop "$SUT_DIR" || fail "sut stop failed"
