# A signal while a test waits for a silent SUT with a long --timeout: the
# run stops within a few seconds, not at the end of the wait, and leaves
# no SIPp behind (the running SIPp's process group is killed: sipp/sipp.c
# polls base/stop.h).  Measured: time from SIGTERM to exit.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e
sut_start "$REPO/fixtures/sipp/uas_silent.xml" udp 127.0.0.1
it_track $SUT_PID
cat >"$IT_TMP/s.yaml" <<YAML
suite: silent
target: {host: 127.0.0.1, port: $SUT_PORT}
# The first SIPp run must be the test's own: no capability probe.
probe: false
tests:
  - id: waits
    request_uri: sip:bob@example.com
    method: MESSAGE
    expect: 405
    repeat: 3
YAML
"$BIN" run "$IT_TMP/s.yaml" --junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" \
	--evidence "$IT_TMP/ev" --timeout 20 >"$IT_TMP/out" 2>"$IT_TMP/err" &
pid=$!
it_track $pid
# SIPp is running (its message log exists): the test is waiting.
for i in $(seq 200); do
	[ -e "$IT_TMP/ev/silent/001-waits/messages.log" ] && break
	sleep 0.05
done
[ -e "$IT_TMP/ev/silent/001-waits/messages.log" ] || fail "SIPp never started"
sleep 0.5
t0=$(date +%s.%N)
kill -TERM $pid
set +e; wait $pid; RC=$?; set -e
t1=$(date +%s.%N)
secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
note "SIGTERM to exit: $secs s (silent SUT, --timeout 20, repeat 3)"
assert_rc 4
awk -v s="$secs" 'BEGIN { exit !(s <= 3.0) }' || fail "SIGTERM to exit took $secs s (the wait was not cut short)"
! pgrep -f -- "$IT_TMP/ev" >/dev/null || { pgrep -af -- "$IT_TMP/ev"; fail "SIPp still running after the run exited"; }
assert_junit "$IT_TMP/j.xml"
assert_grep "$IT_TMP/j.xml" "run.interrupted\" value=\"SIGTERM stopped the run during test 'waits', which is not reported; 0 of 1 tests finished"
assert_grep "$IT_TMP/t.tap" "^Bail out! SIGTERM"
