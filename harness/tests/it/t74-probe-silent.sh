# Silent SUT vs unreachable (issue 10, point 6): a SUT that answered the
# capability probe (OPTIONS) but never answers MESSAGE is at fault: FAIL
# RFC3261-17.1-NO-ANSWER (no final response within the transaction
# timeout, §17.1.1.2 / §17.1.2.2), not ERROR.  When nothing answers at
# all (the probe neither: uas_silent), or the probe is off, it stays an
# ERROR (unreachable) as in t12.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e

suite() {   # suite NAME PROBE
	cat >"$IT_TMP/s.yaml" <<YAML
suite: $1
target: {host: 127.0.0.1, port: $SUT_PORT}
probe: $2
tests:
  - id: message
    request_uri: sip:alice@127.0.0.1
    method: MESSAGE
    expect: 405
YAML
}

sut_start "$REPO/fixtures/sipp/uas_options_only.xml" udp 127.0.0.1
it_track $SUT_PID
suite alive true
run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" \
	--evidence "$IT_TMP/ev" --timeout 1
assert_rc 1
assert_grep "$IT_TMP/out" "FAIL +message .*RFC3261-17.1-NO-ANSWER.*MESSAGE #1: no final response within 1 s.*from a SUT that answered the capability probe \(OPTIONS sip:127.0.0.1:$SUT_PORT: 200\)"
assert_grep "$IT_TMP/out" "1 tests: 0 passed, 1 failed, 0 errors"
assert_junit "$IT_TMP/j.xml"
assert_nogrep "$IT_TMP/j.xml" "<error "
assert_tap "$IT_TMP/t.tap" 0 1
assert_check "$IT_TMP/t.tap" message RFC3261-17.1-NO-ANSWER fail
assert_grep "$IT_TMP/t.tap" "evidence: 'MESSAGE sip:alice@127.0.0.1 SIP/2.0"

# The same SUT with the probe off: nothing proves it alive, ERROR.
suite aliveoff false
run_sc run "$IT_TMP/s.yaml" --tap "$IT_TMP/t.tap" --evidence "$IT_TMP/ev-off" --timeout 1
assert_rc 1
assert_grep "$IT_TMP/out" "ERROR +message .*no final response"
assert_nogrep "$IT_TMP/out" "NO-ANSWER"
sut_stop

# Nothing answers at all: ERROR (unreachable), as before.
sut_start "$REPO/fixtures/sipp/uas_silent.xml" udp 127.0.0.1
it_track $SUT_PID
suite dead true
run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" \
	--evidence "$IT_TMP/ev-dead" --timeout 1
assert_rc 1
assert_grep "$IT_TMP/out" "ERROR +message .*no final response"
assert_nogrep "$IT_TMP/out" "NO-ANSWER"
assert_grep "$IT_TMP/j.xml" "<error "
assert_tap "$IT_TMP/t.tap" 0 1
