# Transport tls against the Kamailio reference SUT's TLS listener
# (fixtures/kamailio/sut start --tls): suites/kamailio-tls.yaml passes
# with --tls-ca $SUT_CA; SIPp speaks TCP to the harness's stunnel and the
# Via says TLS; --transport tls overrides a suite's udp; the tunnel is gone
# after the run.
. "$IT_DIR/lib.sh"
set -e
kam_start --tls

run_sc run "$REPO/suites/kamailio-tls.yaml" --port "$SUT_TLS_PORT" --tls-ca "$SUT_CA" \
	--junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" --evidence "$IT_TMP/ev"
assert_rc 0
n=$(grep -c '^ok ' "$IT_TMP/t.tap")
[ "$n" -ge 11 ] || fail "only $n tests ran"
assert_grep "$IT_TMP/out" "$n tests: $n passed, 0 failed, 0 errors"
assert_junit "$IT_TMP/j.xml"
assert_tap "$IT_TMP/t.tap" "$n" 0
# The suite line's companion: the tunnel and what it verified against.
assert_grep "$IT_TMP/out" "^  tls: via stunnel [0-9.]+, OpenSSL [0-9.]+ on 127\.0\.0\.1:[0-9]+ \($IT_TMP/ev/tls-1/stunnel\.log\); certificate verified against $SUT_CA\$"
assert_nogrep "$IT_TMP/out" 'OFF'
# Every request's Via says TLS; the INVITE's 301 got its ACK over TLS; a
# sips: Request-URI went out as written.
d=$(ls -d "$IT_TMP"/ev/kamailio-reference-tls/*-moved-invite)
grep -h '^ACK ' "$d"/*-sent.sip >/dev/null || fail "no ACK in $d"
cat "$IT_TMP"/ev/kamailio-reference-tls/*/*-sent.sip "$IT_TMP"/ev/kamailio-reference-tls/*/*/*-sent.sip \
	>"$IT_TMP/sent" 2>/dev/null || true
assert_grep "$IT_TMP/sent" '^Via: SIP/2\.0/TLS 127\.0\.0\.1:[0-9]+;branch='
assert_nogrep "$IT_TMP/sent" '^Via: SIP/2\.0/(UDP|TCP)'
assert_grep "$IT_TMP/sent" '^OPTIONS sips:moved@example\.com SIP/2\.0'
# Kamailio saw TLS: its answers name the TLS Via it got.
cat "$IT_TMP"/ev/kamailio-reference-tls/*/*-received.sip >"$IT_TMP/recv"
assert_grep "$IT_TMP/recv" '^Via: SIP/2\.0/TLS 127\.0\.0\.1:'
# The tunnel was stopped: no stunnel runs with this run's configuration.
[ -f "$IT_TMP/ev/tls-1/stunnel.conf" ] || fail "no tunnel configuration in the evidence"
! pgrep -f "$IT_TMP/ev/tls-1/stunnel.conf" >/dev/null || fail "stunnel left running"
assert_grep "$IT_TMP/ev/tls-1/stunnel.log" 'LOG5\[ui\]: Terminated'

# --transport tls beats the suite's transport (udp here); a test's own wins.
cat >"$IT_TMP/s.yaml" <<EOS
suite: cli-tls
target: {host: 127.0.0.1, port: $SUT_TLS_PORT, transport: udp}
tests:
  - id: moved
    request_uri: sip:moved@example.com
    expect: 301
    contact: sip:alice-new@new.example.com
  - id: control-xyzzy
    request_uri: sip:control@example.com
    method: XYZZY
    expect: 501
EOS
run_sc run "$IT_TMP/s.yaml" --transport tls --tls-ca "$SUT_CA" --tap "$IT_TMP/c.tap" --evidence "$IT_TMP/ev2"
assert_rc 0
assert_grep "$IT_TMP/out" '2 tests: 2 passed, 0 failed, 0 errors'
grep -h '^Via: ' "$IT_TMP"/ev2/cli-tls/*/*-sent.sip >"$IT_TMP/via2"
assert_grep "$IT_TMP/via2" '^Via: SIP/2\.0/TLS '
assert_nogrep "$IT_TMP/via2" 'SIP/2\.0/UDP'
! pgrep -f "$IT_TMP/ev2/tls-1/stunnel.conf" >/dev/null || fail "stunnel left running"

# A suite without a TLS test starts no tunnel.
run_sc run "$IT_TMP/s.yaml" --port "$SUT_PORT" --tap "$IT_TMP/u.tap" --evidence "$IT_TMP/ev3"
assert_rc 0
[ ! -e "$IT_TMP/ev3/tls-1" ] || fail "a tunnel for a suite without TLS tests"
assert_nogrep "$IT_TMP/out" '^  tls:'
