# Behind a 407 (fixtures/kamailio/auth-407.cfg: Proxy-Authorization) with
# the test's own headers, body, From and To (issue 10 points 1 and 4):
# they reach the SUT in both the challenged request and the retry (the
# evidence bytes), a user Contact/User-Agent replaces the harness's own,
# and the verdicts are the reference's.
. "$IT_DIR/lib.sh"
set -e

kam_start "$REPO/fixtures/kamailio/auth-407.cfg"
P=$SUT_PORT

cat >"$IT_TMP/s.yaml" <<YAML
suite: behind-407
target: {host: 127.0.0.1, port: 9}
auth: {user: tester, password: s3cret}
tests:
  - id: message-body
    request_uri: sip:nomethods@example.com
    method: MESSAGE
    expect: 405
    allow: [INVITE, ACK, CANCEL, BYE, OPTIONS]
    headers: {Subject: lab test, X-Lab: "42", User-Agent: my-phone/1.0}
    body: "hello\nsecond line\n"
    content_type: text/plain
    from: sip:tester@example.org
    to: sip:bob@example.com
  - id: invite-contact
    request_uri: sip:moved@example.com
    method: INVITE
    transport: tcp
    expect: 301
    contact: sip:alice-new@new.example.com
    headers: {Contact: "<sip:tester@192.0.2.7:5062>"}
    body: "v=0\no=- 1 1 IN IP4 192.0.2.7\ns=-\nc=IN IP4 192.0.2.7\nt=0 0\nm=audio 4000 RTP/AVP 0\n"
    content_type: application/sdp
YAML
run_sc run "$IT_TMP/s.yaml" --port "$P" --evidence "$IT_TMP/ev" --timeout 3
assert_rc 0
assert_grep "$IT_TMP/out" "2 tests: 2 passed"
m=$IT_TMP/ev/behind-407/001-message-body/messages.log
grep -q '^SIP/2.0 407 ' "$m" || fail "no 407 in the evidence"
grep -q '^Proxy-Authorization: Digest username="tester"' "$m" || fail "no Proxy-Authorization"
# Both MESSAGEs sent (the exact bytes: NN-sent.sip) carry the test's
# headers, identities and body, every line ending in CRLF.
e=$IT_TMP/ev/behind-407/001-message-body
sent=$(grep -l '^MESSAGE sip:nomethods@example.com SIP/2.0' "$e"/*-sent.sip)
[ "$(echo "$sent" | wc -l)" = 2 ] || fail "MESSAGE: expected 2 requests sent, got: $sent"
for f in $sent; do
	for want in '^Subject: lab test\r$' '^X-Lab: 42\r$' '^User-Agent: my-phone/1.0\r$' \
		'^From: <sip:tester@example.org>;tag=' '^To: <sip:bob@example.com>\r$' \
		'^Content-Type: text/plain\r$' '^Content-Length: *20\r$' '^hello\r$' '^second line\r$'; do
		grep -q -- "$(printf "$want")" "$f" || fail "$f: no '$want'"
	done
done
! grep -q '^User-Agent: sipconform' "$m" || fail "the harness's User-Agent was not replaced"
# (Content-Length 20: "hello\r\nsecond line\r\n".)
i=$IT_TMP/ev/behind-407/002-invite-contact/messages.log
[ "$(grep -c '^Contact: <sip:tester@192.0.2.7:5062>' "$i")" = 2 ] || fail "INVITE: user Contact"
! grep -q '^Contact: <sip:sipconform@' "$i" || fail "INVITE: the harness's Contact was not replaced"
[ "$(grep -c '^m=audio 4000 RTP/AVP 0' "$i")" = 2 ] || fail "INVITE: the test's SDP"
! grep -q 'a=inactive' "$i" || fail "INVITE: the harness's SDP was sent"
grep -q '^CSeq: 1 ACK' "$i" || fail "INVITE: the 407 not ACKed"
note "407: Proxy-Authorization; headers, body, From, To, Contact, User-Agent in the bytes sent"
