# Answers that contradict the property under test stay FAIL (issue 10,
# point 2): 302 where 301 is due, 405 where 501 is due; beside an
# inconclusive test the run still fails on them, and the failure names
# the status check.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e

sut_start "$REPO/fixtures/sipp/uas_refuse.xml" udp 127.0.0.1
it_track $SUT_PID
cat >"$IT_TMP/s.yaml" <<YAML
suite: contradicted
target: {host: 127.0.0.1, port: $SUT_PORT}
tests:
  - id: moved-301
    request_uri: sip:c302@127.0.0.1
    method: OPTIONS
    expect: 301
  - id: unknown-501
    request_uri: sip:bob@127.0.0.1
    method: FOOBAR
    expect: 501
  - id: busy-301
    request_uri: sip:c503@127.0.0.1
    method: OPTIONS
    expect: 301
YAML
run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" \
	--evidence "$IT_TMP/ev" --timeout 3
assert_rc 1
assert_grep "$IT_TMP/out" "FAIL +moved-301 .*RFC3261-7.2-STATUS-CODE .*expected 301 Moved Permanently, got 302 Moved Temporarily"
assert_grep "$IT_TMP/out" "FAIL +unknown-501 .*RFC3261-7.2-STATUS-CODE .*expected 501 Not Implemented, got 405 Method Not Allowed"
assert_grep "$IT_TMP/out" "INCONCLUSIVE busy-301 .*503 Service Unavailable.*the 301 under test could not be observed"
assert_grep "$IT_TMP/out" "^3 tests: 0 passed, 2 failed, 0 errors, 1 inconclusive, 0 skipped "
assert_junit "$IT_TMP/j.xml"
assert_grep "$IT_TMP/j.xml" 'tests="3" failures="2" errors="0" skipped="1"'
assert_tap "$IT_TMP/t.tap" 1 2
assert_verdict "$IT_TMP/t.tap" moved-301 not-ok
assert_verdict "$IT_TMP/t.tap" unknown-501 not-ok
assert_verdict "$IT_TMP/t.tap" busy-301 ok
note "302 where 301 is due, 405 where 501 is due: FAIL; 503: INCONCLUSIVE"
