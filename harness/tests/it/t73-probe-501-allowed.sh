# Capability probe (issue 10, point 6): a SUT whose own OPTIONS 200 lists
# REFER in Allow, yet answers REFER with 501, FAILs 501-BUT-ALLOWED (a
# recognised method refused is a 405, RFC 3261 §8.2.1) -- the suite's
# 'expect: 501' alone would pass.  The probe's exchange is evidence of the
# test (its 200 Allow row in the check, its messages in the report) and
# lives in <suite>/000-probe-<transport>; it is no test of its own.  A
# method the Allow does not list passes the check.  With 'probe: false'
# nothing is probed and the test passes as before.  UDP and TCP.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e

for tr in udp tcp; do
	sut_start "$REPO/fixtures/sipp/uas_options_501.xml" $tr 127.0.0.1
	it_track $SUT_PID
	cat >"$IT_TMP/s.yaml" <<YAML
suite: probe501
target: {host: 127.0.0.1, port: $SUT_PORT, transport: $tr}
tests:
  - id: refer
    request_uri: sip:alice@127.0.0.1
    method: REFER
    expect: 501
  - id: unknown
    request_uri: sip:alice@127.0.0.1
    method: FOO
    expect: 501
YAML
	run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" \
		--evidence "$IT_TMP/ev-$tr" --timeout 3
	assert_rc 1
	assert_grep "$IT_TMP/out" "FAIL +refer .*RFC3261-21.5.2-501-BUT-ALLOWED.*REFER got 'SIP/2.0 501 Not Implemented', but the SUT's own 200 to OPTIONS lists REFER"
	assert_grep "$IT_TMP/out" "PASS +unknown"
	assert_grep "$IT_TMP/out" "2 tests: 1 passed, 1 failed, 0 errors"
	assert_junit "$IT_TMP/j.xml"
	assert_tap "$IT_TMP/t.tap" 1 1
	assert_check "$IT_TMP/t.tap" refer RFC3261-21.5.2-501-BUT-ALLOWED fail
	assert_check "$IT_TMP/t.tap" unknown RFC3261-21.5.2-501-BUT-ALLOWED pass
	# Both messages: the probe's Allow row is the check's evidence, and the
	# probe's 200 is among the test's messages next to the 501.
	assert_grep "$IT_TMP/t.tap" "evidence: 'Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, REFER"
	assert_grep "$IT_TMP/j.xml" "capability probe: received #[0-9]+ \(200"
	assert_grep "$IT_TMP/j.xml" "received #1 \(501"
	# One probe for the run, kept as evidence, not a test.
	[ -d "$IT_TMP/ev-$tr/probe501/000-probe-$tr" ] || fail "no probe evidence directory"
	[ "$(grep -c '^OPTIONS sip:127.0.0.1:' "$IT_TMP/sut-$SUT_PORT.msg")" -eq 1 ] ||
		fail "expected exactly one probe OPTIONS to sip:127.0.0.1:PORT"
	assert_nogrep "$IT_TMP/t.tap" "probe.* - "
	sut_stop
done

# probe: false: no OPTIONS, and 501 to REFER passes as it did.
sut_start "$REPO/fixtures/sipp/uas_options_501.xml" udp 127.0.0.1
it_track $SUT_PID
cat >"$IT_TMP/s.yaml" <<YAML
suite: probe501off
target: {host: 127.0.0.1, port: $SUT_PORT}
probe: false
tests:
  - id: refer
    request_uri: sip:alice@127.0.0.1
    method: REFER
    expect: 501
YAML
run_sc run "$IT_TMP/s.yaml" --tap "$IT_TMP/t.tap" --evidence "$IT_TMP/ev-off" --timeout 3
assert_rc 0
assert_grep "$IT_TMP/out" "PASS +refer"
assert_nogrep "$IT_TMP/sut-$SUT_PORT.msg" "^OPTIONS "
[ ! -d "$IT_TMP/ev-off/probe501off/000-probe-udp" ] || fail "probe ran with probe: false"
