# fixtures/kamailio/registrar-auth.cfg: the registrar behind stock
# Kamailio's auth_challenge() (401 for REGISTER, 407 for the rest).  A
# REGISTER whose credentials are refused registers nothing; with the right
# ones the 405 appears; the unregister is challenged too.
. "$IT_DIR/lib.sh"
. "$REPO/fixtures/kamailio/trace.sh"
set -e
ALLOW="INVITE, ACK, CANCEL, BYE, OPTIONS"

kam_start "$KAM/registrar-auth.cfg"
P=$SUT_PORT
# message [CREDS...]: a MESSAGE to alice's AOR at this server.
message() { uac_run -m MESSAGE "$P" "$KAM/manual/auth-request.xml" -key ruri "sip:alice@127.0.0.1:$P" "$@"; }
# register EXPIRES CREDS...: REGISTER alice with Allow.
register() {
	local e=$1
	shift
	uac_run "$P" "$KAM/manual/register.xml" -key user alice -key contact "<sip:alice@127.0.0.1:5099>" \
		-key allow "$ALLOW" -key expires "$e" "$@"
}

message -au tester -ap s3cret
trace_expect "MESSAGE before REGISTER" "407 404"
[ -n "$(trace_hdr "$TRACE" 3 Proxy-Authorization)" ] || fail "no Proxy-Authorization"

register 3600 -au tester -ap wrong
trace_expect "REGISTER, wrong password" "401 401"
message -au tester -ap s3cret
trace_expect "MESSAGE after a refused REGISTER" "407 404"

register 3600 -au tester -ap s3cret
trace_expect "REGISTER" "401 200"
[ -n "$(trace_hdr "$TRACE" 3 Authorization)" ] || fail "REGISTER without Authorization"
[ "$(trace_hdr "$TRACE" 3 CSeq)" = "2 REGISTER" ] || fail "REGISTER retry CSeq"
message -au tester -ap s3cret
trace_expect "MESSAGE after REGISTER" "407 405"
[ "$(trace_hdr "$TRACE" 4 Allow)" = "$ALLOW" ] || fail "405 Allow"
message -au tester -ap wrong
trace_expect "MESSAGE, wrong password" "407 407"
uac_run -m MESSAGE "$P" "$KAM/manual/auth-request.xml" -key ruri sip:alice@example.com -au tester -ap s3cret
trace_expect "foreign Request-URI" "407 403"

register 0 -au tester -ap s3cret
trace_expect "unregister" "401 200"
message -au tester -ap s3cret
trace_expect "MESSAGE after unregister" "407 404"
kam_stop
