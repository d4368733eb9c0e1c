# Issue 9, conflicting finals: how long the harness listens after the
# final response over UDP (scenarios/uac_request.xml, judge/xchg.h):
# twice the time the SUT took to answer (an RTT estimate), at least 20 ms,
# at most 500 ms (T1), longer while messages keep coming.  A SUT that
# answers in 200 ms and sends a different final 250 ms later FAILs; the
# same 1.5 s later is past the window (at most 500 ms) and the run does
# not wait for it.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e
fx=$REPO/fixtures/sipp/uas_finals_conflict.xml

# late NAME ANSWER_MS LATER_MS: one 301 after ANSWER_MS, a 302 LATER_MS after it.
late() {
	sed -e 's/compare="less_than" value="11"/compare="less_than" value="0"/' \
	    -e "s/<label id=\"last\"\\/>/<label id=\"last\"\\/>\\n  <pause milliseconds=\"$3\"\\/>/" \
	    -e "0,/<\\/recv>/ s/<\\/recv>/<\\/recv>\\n  <pause milliseconds=\"$2\"\\/>/" \
	    "$fx" >"$IT_TMP/$1.xml"
	grep -q "milliseconds=\"$3\"" "$IT_TMP/$1.xml" && grep -q "milliseconds=\"$2\"" "$IT_TMP/$1.xml" ||
		fail "fixture edit $1 did not apply"
	sut_start "$IT_TMP/$1.xml" udp 127.0.0.1
	it_track $SUT_PID
	cat >"$IT_TMP/$1.yaml" <<YAML
suite: late
probe: false   # the test times the run: no OPTIONS before it
target: {host: 127.0.0.1, port: $SUT_PORT}
tests:
  - id: $1
    request_uri: sip:alice@example.com
    method: OPTIONS
    expect: 301
YAML
	run_sc run "$IT_TMP/$1.yaml" --tap "$IT_TMP/$1.tap" --evidence "$IT_TMP/ev-$1" --timeout 3
	sut_stop
}

late slow-250 200 250
assert_rc 1
assert_grep "$IT_TMP/out" "FAIL +slow-250 .*RFC3261-17.1-FINAL-CONSISTENT .*final response #2 of 2 is not the first one again: status 302, the first was 301"
note "answer in 200 ms, another final 250 ms later: seen, FAIL"

late slow-1500 200 1500
assert_rc 0
assert_grep "$IT_TMP/out" "PASS +slow-1500 +0\.[0-9]+s"
note "answer in 200 ms, another final 1.5 s later: past the window, the run ends before it"
