# Mutual TLS against the Kamailio variant that requires a client
# certificate (kamailio-tls-mutual.cfg): without --tls-cert/--tls-key every
# test is ERROR naming the SUT's alert; with the client certificate `sut
# start --tls` made, the reference suite over TLS passes.  Over IPv6 too.
. "$IT_DIR/lib.sh"
set -e
kam_start --tls "$REPO/fixtures/kamailio/kamailio-tls-mutual.cfg"
suite=$REPO/suites/kamailio-tls.yaml
n=11

run_sc run "$suite" --port "$SUT_TLS_PORT" --tls-ca "$SUT_CA" --timeout 2 --tap "$IT_TMP/t.tap" \
	--junit "$IT_TMP/j.xml" --evidence "$IT_TMP/ev"
assert_rc 1
assert_grep "$IT_TMP/out" "$n tests: 0 passed, 0 failed, $n errors"
[ "$(grep -c '^  ERROR .* TLS: TLS alert from the SUT: tlsv13 alert certificate required (the SUT wants a client certificate)' "$IT_TMP/out")" -eq $n ] ||
	{ cat "$IT_TMP/out"; fail "not every test is ERROR with the alert"; }
assert_junit "$IT_TMP/j.xml"
assert_tap "$IT_TMP/t.tap" 0 $n
assert_grep "$IT_TMP/j.xml" 'alert certificate required'
! pgrep -f "$IT_TMP/ev/tls-1/stunnel.conf" >/dev/null || fail "stunnel left running"

run_sc run "$suite" --port "$SUT_TLS_PORT" --tls-ca "$SUT_CA" --tls-cert "$SUT_CLIENT_CERT" \
	--tls-key "$SUT_CLIENT_KEY" --tap "$IT_TMP/m.tap" --evidence "$IT_TMP/evm"
assert_rc 0
assert_grep "$IT_TMP/out" "$n tests: $n passed, 0 failed, 0 errors"
assert_grep "$IT_TMP/out" "certificate verified against $SUT_CA, client certificate given \(mutual TLS\)"
assert_tap "$IT_TMP/m.tap" $n 0
! pgrep -f "$IT_TMP/evm/tls-1/stunnel.conf" >/dev/null || fail "stunnel left running"

# IPv6: the tunnel listens on ::1 and checks the SUT's ::1 address.
run_sc run "$suite" --target "[::1]:$SUT_TLS_PORT" --tls-ca "$SUT_CA" --tls-cert "$SUT_CLIENT_CERT" \
	--tls-key "$SUT_CLIENT_KEY" --tap "$IT_TMP/6.tap" --evidence "$IT_TMP/ev6"
assert_rc 0
assert_grep "$IT_TMP/out" "$n tests: $n passed, 0 failed, 0 errors"
assert_grep "$IT_TMP/out" '^  tls: via stunnel .* on \[::1\]:[0-9]+ '
grep -h '^Via: ' "$IT_TMP"/ev6/kamailio-reference-tls/*/*-sent.sip >"$IT_TMP/via6"
assert_grep "$IT_TMP/via6" '^Via: SIP/2\.0/TLS \[::1\]:'
! pgrep -f "$IT_TMP/ev6/tls-1/stunnel.conf" >/dev/null || fail "stunnel left running"
