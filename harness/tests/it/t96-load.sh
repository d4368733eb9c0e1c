# Conformance under load (the 'load' key, harness/run/load.h) against the
# Kamailio reference: every exchange judged and counted, one test case per
# load test, sent/answered counts and response-time percentiles in the
# notes, SIPp driven at the test's rate; a SUT that answers nothing is an
# ERROR; --max-time stops a long load test within about a second.
. "$IT_DIR/lib.sh"
set -e
kam_start
run_sc run "$REPO/fixtures/suites/good_load_ref.yaml" --port "$SUT_PORT" \
	--junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" --evidence "$IT_TMP/ev"
assert_rc 0
assert_grep "$IT_TMP/out" "4 tests: 4 passed, 0 failed, 0 errors"
assert_junit "$IT_TMP/j.xml"
assert_tap "$IT_TMP/t.tap" 4 0
assert_verdict "$IT_TMP/t.tap" moved-load ok
assert_verdict "$IT_TMP/t.tap" nomethods-load ok
# Every exchange counted, per check; stability over all of them.
assert_grep "$IT_TMP/t.tap" "reason: 'passed in all 4000 exchanges \(#1: the first Contact set, the one the others must carry: \{sip:alice-new@new.example.com\}\)'"
assert_grep "$IT_TMP/t.tap" "reason: 'passed in all 2000 exchanges \(#1: the first Allow set, the one the others must carry: \{INVITE, ACK, CANCEL, BYE, OPTIONS\}\)'"
assert_grep "$IT_TMP/t.tap" "reason: 'passed in all 4000 exchanges \(#1: .*Contact"
# Counts and percentiles in the notes.
assert_grep "$IT_TMP/t.tap" "load: 4000 requests at 2000/s for 2 s in 1 SIPp run: 4000 sent over [0-9.]+ s \([0-9]+/s\), 4000 answered, 0 not answered"
assert_grep "$IT_TMP/t.tap" "load: 2000 requests at 2000/s in 1 SIPp run: 2000 sent over [0-9.]+ s \([0-9]+/s\), 2000 answered, 0 not answered"
assert_grep "$IT_TMP/t.tap" "response time \(SIPp -trace_msg time stamps, request to its first final response\): p50 [0-9.]+ ms, p90 [0-9.]+ ms, p99 [0-9.]+ ms, max [0-9.]+ ms \(4000 responses\)"
assert_grep "$IT_TMP/j.xml" "p50 [0-9.]+ ms, p90"
# SIPp ran at the test's rate (2000/s: 4000 requests over about 2 s, where
# SIPp's default 1000/s would take 4 s), and sent each request once.
secs=$(grep -oE "4000 requests at 2000/s for 2 s in 1 SIPp run: 4000 sent over [0-9.]+ s" "$IT_TMP/t.tap" | awk '{ print $(NF-1) }')
awk -v s="$secs" 'BEGIN { exit !(s >= 1.6 && s <= 3.5) }' || fail "4000 requests at 2000/s sent over $secs s"
d=$(ls -d "$IT_TMP"/ev/load-ref/*-moved-load)
[ "$(grep -c '^OPTIONS sip:moved@example.com' "$d/messages.log")" -eq 4000 ] || fail "not 4000 OPTIONS in $d/messages.log"
[ "$(grep -c '^SIP/2.0 301 ' "$d/messages.log")" -ge 4000 ] || fail "not 4000 answers logged"
# One test case each, whatever the number of exchanges.
[ "$(grep -c '<testcase ' "$IT_TMP/j.xml")" -eq 4 ] || fail "not 4 test cases"
# Three load tests of one shape (a batch for the batched runner): each
# still runs alone and sends its own 1000.
[ "$(grep -cE "load: 1000 requests at 2000/s in 1 SIPp run: 1000 sent over [0-9.]+ s \\([0-9]+/s\\), 1000 answered, 0 not answered" "$IT_TMP/t.tap")" -eq 2 ] || fail "not 2 x 1000"
kam_stop

# Nothing answers: an ERROR that says so (no SUT alive to fail).
port=$("$REPO/fixtures/kamailio/sut" port)
printf 'suite: dead\nprobe: false\ntarget: {host: 127.0.0.1, port: %s}\ntests:\n  - id: dead-load\n    request_uri: sip:moved@example.com\n    expect: 301\n    load: {rate: 200, count: 40}\n' \
	"$port" >"$IT_TMP/dead.yaml"
run_sc run "$IT_TMP/dead.yaml" --timeout 1 --tap "$IT_TMP/d.tap" --evidence "$IT_TMP/ev2"
assert_rc 1
assert_grep "$IT_TMP/d.tap" "^not ok 1 - dead-load: error: none of the 40 requests got a final response \(the SUT may be unreachable\), first .?#1: no final response within 1 s"
assert_grep "$IT_TMP/d.tap" "40 sent over [0-9.]+ s \([0-9]+/s\), 0 answered, 40 not answered"

# A hostile SUT under load: every answer unparsable (a terminal escape in
# its reason phrase): an ERROR that says why, nothing judged as silence.
. "$IT_DIR/sut.sh"
sut_start "$REPO/fixtures/sipp/uas_hostile.xml" udp 127.0.0.1
it_track "$SUT_PID"
printf 'suite: hostile\nprobe: false\ntarget: {host: 127.0.0.1, port: %s}\ntests:\n  - id: hostile-load\n    request_uri: sip:bob@example.com\n    method: MESSAGE\n    expect: 405\n    load: {rate: 1000, count: 200}\n' \
	"$SUT_PORT" >"$IT_TMP/hostile.yaml"
run_sc run "$IT_TMP/hostile.yaml" --tap "$IT_TMP/h.tap" --junit "$IT_TMP/h.xml" --evidence "$IT_TMP/ev4"
assert_rc 1
assert_junit "$IT_TMP/h.xml"
assert_grep "$IT_TMP/h.tap" "^not ok 1 - hostile-load: error: 200 of 200 requests cannot be judged, first .?#1: no final response that can be matched to it: the SUT sent 200 unparsable messages in this SIPp run"
assert_nogrep "$IT_TMP/h.tap" "NO-ANSWER"
sut_stop

# A stop request ends a long load test within about a second (--max-time).
kam_start
printf 'suite: long\ntarget: {host: 127.0.0.1, port: %s}\ntests:\n  - id: long-load\n    request_uri: sip:moved@example.com\n    expect: 301\n    load: {rate: 100, duration: 60}\n' \
	"$SUT_PORT" >"$IT_TMP/long.yaml"
start=$(date +%s.%N)
run_sc run "$IT_TMP/long.yaml" --max-time 1 --tap "$IT_TMP/l.tap" --evidence "$IT_TMP/ev3"
end=$(date +%s.%N)
secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
note "--max-time 1 during a 60 s load test: exited after $secs s"
assert_rc 5
awk -v s="$secs" 'BEGIN { exit !(s <= 3.0) }' || fail "--max-time 1: the run took $secs s"
assert_grep "$IT_TMP/out" "^stopped: --max-time 1 s stopped the run during test 'long-load', which is not reported; 0 of 1 tests finished"
kam_stop
