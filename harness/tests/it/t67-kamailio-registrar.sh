# fixtures/kamailio/registrar.cfg with plain SIPp: only Request-URIs
# naming its own address:port are answered (else 403), an AOR is 404 until
# registered, its 405 (with the REGISTER's Allow) appears only after a
# REGISTER that listed Allow, and Expires: 0 unregisters.  UDP and TCP,
# IPv4 and IPv6.
. "$IT_DIR/lib.sh"
. "$REPO/fixtures/kamailio/trace.sh"
set -e
ALLOW="INVITE, ACK, CANCEL, BYE, OPTIONS"
ALL="INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, MESSAGE, SUBSCRIBE, NOTIFY, PUBLISH, INFO, PRACK, UPDATE, REFER"

kam_start "$KAM/registrar.cfg"
P=$SUT_PORT
ME=127.0.0.1:$P
# ask [uac options] METHOD RURI: one request (through no challenge).
ask() {
	local o=()
	while [ $# -gt 2 ]; do o+=("$1"); shift; done
	uac_run "${o[@]}" -m "$1" "$P" "$KAM/manual/auth-request.xml" -key ruri "$2"
}
# register USER CONTACT EXPIRES [ALLOW]: REGISTER, with Allow if given.
register() {
	local sc=$KAM/manual/register.xml
	if [ $# -lt 4 ]; then
		sc=$IT_TMP/register-noallow.xml
		sed '/^ *Allow:/d' "$KAM/manual/register.xml" >"$sc"
	fi
	uac_run "$P" "$sc" -key user "$1" -key contact "$2" -key expires "$3" -key allow "${4:-}"
}
# allow_of N: the Allow of message N ("" if none).
allow_of() { trace_hdr "$TRACE" "$1" Allow; }

# Before any REGISTER.
ask MESSAGE sip:alice@example.com
trace_expect "foreign host" "403"
ask MESSAGE sip:alice@127.0.0.1
trace_expect "own address, no port (= 5060)" "403"
ask MESSAGE "sip:alice@$ME"
trace_expect "unregistered AOR" "404"
ask XYZZY "sip:alice@$ME"
trace_expect "unknown method" "501"
[ "$(allow_of 2)" = "$ALL" ] || fail "501 Allow: $(allow_of 2)"
ask OPTIONS "sip:$ME"
trace_expect "OPTIONS to the server" "200"
[ "$(allow_of 2)" = "$ALL" ] || fail "keepalive Allow: $(allow_of 2)"
ask MESSAGE "sip:$ME"
trace_expect "MESSAGE without user" "484"

# REGISTER with Allow: the 405 appears, with that Allow.
register alice "<sip:alice@127.0.0.1:5099>" 3600 "$ALLOW"
trace_expect "REGISTER alice" "200"
[ "$(trace_hdr "$TRACE" 2 Contact)" = "<sip:alice@127.0.0.1:5099>;expires=3600" ] || fail "200 Contact"
ask MESSAGE "sip:alice@$ME"
trace_expect "MESSAGE alice" "405"
[ "$(allow_of 2)" = "$ALLOW" ] || fail "405 Allow: $(allow_of 2)"
ask -6 -t t1 SUBSCRIBE "sip:alice@[::1]:$P"
trace_expect "SUBSCRIBE alice (tcp, IPv6)" "405"
[ "$(allow_of 2)" = "$ALLOW" ] || fail "405 Allow (IPv6): $(allow_of 2)"
ask OPTIONS "sip:alice@$ME"
trace_expect "OPTIONS alice" "200"
[ "$(allow_of 2)" = "$ALLOW" ] || fail "OPTIONS Allow: $(allow_of 2)"
uac_run "$P" "$KAM/manual/auth-invite.xml" -key ruri "sip:alice@$ME"
trace_expect "INVITE alice (allowed, not relayed)" "480"
[ "$(trace_hdr "$TRACE" 3 CSeq)" = "1 ACK" ] || fail "480 not ACKed"
ask MESSAGE "sip:alice@example.com"
trace_expect "registered AOR at a foreign host" "403"

# REGISTER without Allow: every method allowed, no 405.
register bob "<sip:bob@127.0.0.1:5098>" 3600
trace_expect "REGISTER bob" "200"
ask MESSAGE "sip:bob@$ME"
trace_expect "MESSAGE bob" "480"
ask OPTIONS "sip:bob@$ME"
[ "$(allow_of 2)" = "$ALL" ] || fail "bob's Allow: $(allow_of 2)"

# Unregister (another Call-ID, as a teardown would send): 404 again.
register alice "<sip:alice@127.0.0.1:5099>" 0 "$ALLOW"
trace_expect "unregister alice" "200"
[ -z "$(trace_hdr "$TRACE" 2 Contact)" ] || fail "binding left: $(trace_hdr "$TRACE" 2 Contact)"
ask MESSAGE "sip:alice@$ME"
trace_expect "MESSAGE alice after unregister" "404"
register bob "*" 0
trace_expect "unregister bob (Contact: *)" "200"
ask MESSAGE "sip:bob@$ME"
trace_expect "MESSAGE bob after unregister" "404"
kam_stop
