# What SIPp 3.6.1's [authentication] really sends, recomputed here from
# RFC 2617 (fixtures/sipp/uas_401_digest.xml challenges, never checks):
# MD5 with qop=auth and without qop, qop=auth-int over the body, opaque
# echoed, the digest uri; and its limits: qop="auth,auth-int" is answered
# with auth-int, MD5-sess with a plain MD5 response, and a SHA-256
# challenge (RFC 8760) is not answered at all, even beside an MD5 one.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
. "$REPO/fixtures/kamailio/trace.sh"
set -e
NONCE=dcd98b7102dd2f0e8b11d0f600bfb0c093
CHALLENGE="WWW-Authenticate: Digest realm=\"sipconform.test\", nonce=\"$NONCE\""

md5() { printf '%s' "$1" | md5sum | cut -d' ' -f1; }
# param NAME: the value of NAME in the Authorization that SIPp sent.
param() { trace_hdr "$TRACE" 3 Authorization | sed -n "s/.*[ ,]$1=\"\\{0,1\\}\\([^\",]*\\).*/\\1/p"; }

# challenge LINES SCENARIO [-m METHOD]: the UAS offers LINES (sed
# replacement text, \n between lines); one SIPp client run answers it.
challenge() {
	local lines=$1 sc=$2
	shift 2
	sed "s|^WWW-Authenticate: .*|$lines|" "$REPO/fixtures/sipp/uas_401_digest.xml" >"$IT_TMP/uas.xml"
	sut_start "$IT_TMP/uas.xml" udp 127.0.0.1 || fail "UAS did not start"
	it_track "$SUT_PID"
	uac_run "$@" "$SUT_PORT" "$sc" -key ruri sip:alice@example.com -au tester -ap s3cret
	sut_stop
}
# check_response QOP BODY_HASH_OR_EMPTY: SIPp's response is RFC 2617's for
# the MESSAGE's digest uri (the UAS's address, not the Request-URI).
check_response() {
	local qop=$1 ha2 want
	[ "$(param uri)" = "sip:127.0.0.1:$SUT_PORT" ] || fail "digest uri $(param uri)"
	ha2=$(md5 "MESSAGE:sip:127.0.0.1:$SUT_PORT${2:+:$2}")
	if [ -n "$qop" ]; then
		want=$(md5 "$(md5 tester:sipconform.test:s3cret):$NONCE:$(param nc):$(param cnonce):$qop:$ha2")
	else
		want=$(md5 "$(md5 tester:sipconform.test:s3cret):$NONCE:$ha2")
	fi
	[ "$(param response)" = "$want" ] || { cat "$TRACE"; fail "qop '$qop': response is not RFC 2617's"; }
}

# MESSAGE with a body, for auth-int (SIPp hashes the body it sends).
sed 's|Content-Length: 0|Content-Type: text/plain\n      Content-Length: [len]\n\n      hello|' \
	"$KAM/manual/auth-request.xml" >"$IT_TMP/body.xml"

# qop=auth, opaque echoed; CSeq 2.
challenge "$CHALLENGE, qop=\"auth\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"" "$KAM/manual/auth-request.xml" -m MESSAGE
trace_expect "qop=auth" "401 403"
[ "$(param qop)" = auth ] && [ "$(param nc)" = 00000001 ] && [ -n "$(param cnonce)" ] || fail "qop=auth answer"
[ "$(param opaque)" = 5ccc069c403ebaf9f0171e9517f40e41 ] || fail "opaque not echoed"
[ "$(param algorithm)" = MD5 ] || fail "algorithm $(param algorithm)"
check_response auth

# No qop: RFC 2069 form.
challenge "$CHALLENGE" "$KAM/manual/auth-request.xml" -m MESSAGE
trace_expect "no qop" "401 403"
[ -z "$(param qop)" ] && [ -z "$(param cnonce)" ] || fail "qop/cnonce without qop"
check_response ""

# qop=auth-int: H(entity-body) of the body sent ("hello" CRLF, 7 bytes).
challenge "$CHALLENGE, qop=\"auth-int\"" "$IT_TMP/body.xml" -m MESSAGE
trace_expect "qop=auth-int" "401 403"
[ "$(trace_hdr "$TRACE" 3 Content-Length | tr -d ' ')" = 7 ] || fail "body length"
check_response auth-int "$(printf 'hello\r\n' | md5sum | cut -d' ' -f1)"

# qop="auth,auth-int": SIPp takes auth-int, not the auth a server may prefer.
challenge "$CHALLENGE, qop=\"auth,auth-int\"" "$IT_TMP/body.xml" -m MESSAGE
[ "$(param qop)" = auth-int ] || fail "qop=auth,auth-int answered with $(param qop)"
check_response auth-int "$(printf 'hello\r\n' | md5sum | cut -d' ' -f1)"

# MD5-sess: labelled MD5-sess, computed as plain MD5 (wrong: RFC 2617
# 3.2.2.2 wants H(H(user:realm:pw):nonce:cnonce) as HA1).
challenge "$CHALLENGE, qop=\"auth\", algorithm=MD5-sess" "$KAM/manual/auth-request.xml" -m MESSAGE
[ "$(param algorithm)" = MD5-sess ] || fail "MD5-sess label"
check_response auth

# SHA-256 (RFC 8760): not answered; listed before MD5 (as RFC 8760 2.4
# orders them), not even the MD5 one.  Listed after MD5: the MD5 one is.
for first in sha md5; do
	sha="$CHALLENGE, qop=\"auth\", algorithm=SHA-256"
	md="$CHALLENGE, qop=\"auth\", algorithm=MD5"
	if [ $first = sha ]; then lines="$sha\\n$md"; else lines="$md\\n$sha"; fi
	challenge "$lines" "$KAM/manual/auth-request.xml" -m MESSAGE
	if [ $first = sha ]; then
		[ "$UAC_RC" != 0 ] || fail "SIPp answered SHA-256"
		trace_expect "SHA-256 first" "401"
		assert_grep "$TRACE.err" "createAuthHeader: authentication must use MD5 or AKAv1-MD5"
	else
		trace_expect "MD5 first" "401 403"
		[ "$(param algorithm)" = MD5 ] || fail "MD5 first: $(param algorithm)"
		check_response auth
	fi
done
