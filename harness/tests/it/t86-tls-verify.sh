# TLS verification against the Kamailio TLS listener, whose certificate
# comes from a CA made at start: without --tls-ca (the system store) every
# test is ERROR naming the verification failure; --tls-insecure passes and
# every report says verification was off; a tunnel that cannot start
# stops the run in preflight (exit 3) with its reason and no report.
. "$IT_DIR/lib.sh"
set -e
kam_start --tls
suite=$REPO/suites/kamailio-tls.yaml
n=11

# The system store does not know the test CA.
run_sc run "$suite" --port "$SUT_TLS_PORT" --timeout 2 --junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" \
	--evidence "$IT_TMP/ev"
assert_rc 1
assert_grep "$IT_TMP/out" "$n tests: 0 passed, 0 failed, $n errors"
assert_grep "$IT_TMP/out" "certificate verified against the system store /etc/ssl/certs/ca-certificates\.crt"
[ "$(grep -c '^  ERROR .* TLS: certificate verify failed: unable to get local issuer certificate (depth 0: CN=localhost)' "$IT_TMP/out")" -eq $n ] ||
	{ cat "$IT_TMP/out"; fail "not every test is ERROR with the verification failure"; }
assert_junit "$IT_TMP/j.xml"
assert_tap "$IT_TMP/t.tap" 0 $n
# The description is the id alone; the error is in the YAML block.
assert_grep "$IT_TMP/t.tap" '^not ok 1 - moved-options$'
sed -n '/^not ok 1 - moved-options$/,/^  \.\.\.$/p' "$IT_TMP/t.tap" |
	grep -Eq "^  message: 'TLS: certificate verify failed" ||
	{ cat "$IT_TMP/t.tap"; fail "moved-options: no TLS error in the YAML block"; }
# Nothing reached the SUT: no SIP answer was logged.
! ls "$IT_TMP"/ev/kamailio-reference-tls/*/*-received.sip >/dev/null 2>&1 || fail "an answer without a verified handshake"
! pgrep -f "$IT_TMP/ev/tls-1/stunnel.conf" >/dev/null || fail "stunnel left running"

# --tls-insecure: the same suite passes, and the reports say nothing was verified.
run_sc run "$suite" --port "$SUT_TLS_PORT" --tls-insecure --junit "$IT_TMP/ji.xml" --tap "$IT_TMP/ti.tap" \
	--evidence "$IT_TMP/evi"
assert_rc 0
assert_grep "$IT_TMP/out" "$n tests: $n passed, 0 failed, 0 errors"
assert_grep "$IT_TMP/out" '^  tls: via stunnel .*; certificate verification OFF \(--tls-insecure\)$'
assert_junit "$IT_TMP/ji.xml"
assert_tap "$IT_TMP/ti.tap" $n 0
[ "$(grep -c "TLS: certificate verification was off (--tls-insecure)" "$IT_TMP/ti.tap")" -eq $n ] ||
	fail "not every TAP test says verification was off"
[ "$(grep -c "TLS: certificate verification was off (--tls-insecure)" "$IT_TMP/ji.xml")" -eq $n ] ||
	fail "not every JUnit test says verification was off"
! pgrep -f "$IT_TMP/evi/tls-1/stunnel.conf" >/dev/null || fail "stunnel left running"
# A verified run says nothing of the kind.
run_sc run "$suite" --port "$SUT_TLS_PORT" --tls-ca "$SUT_CA" --tap "$IT_TMP/tv.tap" --evidence "$IT_TMP/evv"
assert_rc 0
assert_nogrep "$IT_TMP/tv.tap" 'tls-insecure'

# A tunnel that cannot start: exit 3, the reason, no report written.
run_sc run "$suite" --port "$SUT_TLS_PORT" --tls-ca "$IT_TMP/no-such-ca.pem" --tap "$IT_TMP/x.tap" \
	--evidence "$IT_TMP/evx"
assert_rc 3
assert_grep "$IT_TMP/err" "kamailio-tls\.yaml: cannot start the TLS tunnel to 127\.0\.0\.1:$SUT_TLS_PORT: TLS: cannot read CA file $IT_TMP/no-such-ca\.pem: No such file or directory"
[ ! -e "$IT_TMP/x.tap" ] || fail "a report was written"
run_sc run "$suite" --port "$SUT_TLS_PORT" --tls-cert "$SUT_CLIENT_CERT" --tls-key "$SUT_DIR/tls-server.key" \
	--tls-ca "$SUT_CA" --evidence "$IT_TMP/evk"
assert_rc 3
assert_grep "$IT_TMP/err" 'cannot start the TLS tunnel .*TLS: .*(key values mismatch|private key)'
! pgrep -f "$IT_TMP/evk/tls-1/stunnel.conf" >/dev/null || fail "stunnel left running"
# Options that do not go together are usage errors.
run_sc run "$suite" --tls-insecure --tls-ca "$SUT_CA"
assert_rc 2
assert_grep "$IT_TMP/err" '^sipconform: --tls-insecure verifies nothing: it cannot go with --tls-ca$'
run_sc run "$suite" --tls-cert "$SUT_CLIENT_CERT"
assert_rc 2
assert_grep "$IT_TMP/err" '^sipconform: --tls-cert and --tls-key go together: give both or neither$'
