# SIGTERM, SIGINT and SIGHUP stop the run: the tests that finished are in
# the JUnit and TAP reports (on disk test by test, before any signal),
# complete and valid, with the stop recorded (TAP plan then "Bail out!",
# JUnit property run.interrupted and <system-err>), no temp file left,
# exit 4.  A second signal exits at once with 128 + its number; the
# reports on disk are still those of the finished tests.
# Two SUTs: one answers (two tests finish), one is silent (the third test
# is waiting for it when the signal comes).
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e
set -m   # background jobs keep SIGINT (a non-interactive shell would make them ignore it)
sut_start "$REPO/fixtures/sipp/uas_405_ok.xml" udp 127.0.0.1
it_track $SUT_PID
P1=$SUT_PORT
sut_start "$REPO/fixtures/sipp/uas_silent.xml" udp 127.0.0.1
it_track $SUT_PID
P2=$SUT_PORT
suite() { # NAME PORT ID...
	local n=$1 p=$2 id
	shift 2
	printf 'suite: %s\ntarget: {host: 127.0.0.1, port: %s}\ntests:\n' "$n" "$p"
	for id in "$@"; do
		printf '  - id: %s\n    request_uri: sip:bob@example.com\n    method: MESSAGE\n    expect: 405\n' "$id"
	done
}
suite answers "$P1" a1 a2 >"$IT_TMP/a.yaml"
suite silent "$P2" s1 s2 s3 >"$IT_TMP/b.yaml"

# start_run DIR TIMEOUT: sipconform in the background, reports in DIR; $RUN_PID
start_run() {
	mkdir -p "$1"
	"$BIN" run "$IT_TMP/a.yaml" "$IT_TMP/b.yaml" --junit "$1/j.xml" --tap "$1/t.tap" \
		--evidence "$1/ev" --timeout "$2" >"$1/out" 2>"$1/err" &
	RUN_PID=$!
	it_track $RUN_PID
}
# wait_tests DIR N: until the TAP file on disk has N test lines (at most 10 s)
wait_tests() {
	local i
	for i in $(seq 200); do
		[ -f "$1/t.tap" ] && [ "$(grep -c '^ok ' "$1/t.tap")" -ge "$2" ] && return 0
		sleep 0.05
	done
	cat "$1/out" "$1/err"; fail "the TAP file never showed $2 finished tests"
}
# stop_run SIG: signal sipconform once; $RC, $SECS (signal to exit)
stop_run() {
	local t0 t1
	t0=$(date +%s.%N)
	kill -"$1" "$RUN_PID"
	set +e; wait "$RUN_PID"; RC=$?; set -e
	t1=$(date +%s.%N)
	SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
}
# check_stopped DIR SIGNAME: the reports of a run stopped after a1, a2, while s1 ran
check_stopped() {
	local d=$1 sig=$2
	[ "$RC" -eq 4 ] || { cat "$d/out" "$d/err"; fail "$sig: exit $RC, expected 4"; }
	assert_junit "$d/j.xml"
	[ "$(grep -c '<testcase ' "$d/j.xml")" -eq 2 ] || fail "$sig: JUnit should hold the 2 finished tests"
	assert_grep "$d/j.xml" "<property name=\"run.interrupted\" value=\"$sig stopped the run during test 's1', which is not reported; 2 of 5 tests finished\"/>"
	assert_grep "$d/j.xml" "<system-err>$sig stopped the run during test 's1'"
	assert_grep "$d/j.xml" 'name="silent" tests="0"'
	[ "$(tail -n 2 "$d/t.tap" | head -n 1)" = "1..2" ] || { cat "$d/t.tap"; fail "$sig: plan 1..2 before the Bail out"; }
	tail -n 1 "$d/t.tap" | grep -Eq "^Bail out! $sig stopped the run during test 's1'" ||
		{ cat "$d/t.tap"; fail "$sig: no Bail out line last"; }
	prove -e cat "$d/t.tap" >"$IT_TMP/prove" 2>&1 || true
	assert_grep "$IT_TMP/prove" "Further testing stopped: $sig stopped the run"
	assert_nogrep "$IT_TMP/prove" 'Parse errors'
	assert_grep "$d/out" "^stopped: $sig stopped the run during test 's1'"
	assert_grep "$d/out" '^2 tests: 2 passed'
	# no temp file next to the reports
	[ -z "$(ls -A "$d" | grep '^\.')" ] || { ls -A "$d"; fail "$sig: temp files left"; }
}

# SIGTERM.  The reports are on disk, valid, before any signal: TAP as
# each test ends, JUnit within a second of it (REPORT_JUNIT_INTERVAL: a
# SIGKILL would lose at most the last second of tests and the running one).
start_run "$IT_TMP/term" 3
wait_tests "$IT_TMP/term" 2
sleep 1.5
assert_junit "$IT_TMP/term/j.xml"
[ "$(grep -c '<testcase ' "$IT_TMP/term/j.xml")" -eq 2 ] || fail "JUnit on disk does not hold the 2 finished tests"
stop_run TERM
note "SIGTERM to exit: $SECS s (silent SUT, --timeout 3)"
check_stopped "$IT_TMP/term" SIGTERM

start_run "$IT_TMP/int" 3
wait_tests "$IT_TMP/int" 2
sleep 0.3
stop_run INT
check_stopped "$IT_TMP/int" SIGINT

start_run "$IT_TMP/hup" 3
wait_tests "$IT_TMP/hup" 2
sleep 0.3
stop_run HUP
check_stopped "$IT_TMP/hup" SIGHUP

# A second signal exits at once, 128 + its number; the JUnit on disk is
# still the complete document of the tests finished over a second before
# (REPORT_JUNIT_INTERVAL), no temp file is left.
start_run "$IT_TMP/twice" 3
wait_tests "$IT_TMP/twice" 2
sleep 1.5
# Two signals back to back (the clean stop takes milliseconds: both are
# pending before it ends); whichever is handled second exits at once.
t0=$(date +%s.%N)
kill -HUP "$RUN_PID"; kill -TERM "$RUN_PID"
set +e; wait "$RUN_PID"; RC=$?; set -e
t1=$(date +%s.%N)
SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
note "SIGHUP + SIGTERM to exit: $SECS s, exit $RC"
[ "$RC" -eq 143 ] || [ "$RC" -eq 129 ] || fail "second signal: exit $RC, expected 128 + the signal"
awk -v s="$SECS" 'BEGIN { exit !(s < 1.0) }' || fail "second signal: took $SECS s to exit"
assert_junit "$IT_TMP/twice/j.xml"
[ "$(grep -c '<testcase ' "$IT_TMP/twice/j.xml")" -eq 2 ] || fail "second SIGTERM: JUnit lost finished tests"
[ "$(grep -c '^ok ' "$IT_TMP/twice/t.tap")" -eq 2 ] || fail "second SIGTERM: TAP lost finished tests"
[ -z "$(ls -A "$IT_TMP/twice" | grep '^\.')" ] || { ls -A "$IT_TMP/twice"; fail "second SIGTERM: temp files left"; }
# The running SIPp dies with it (sipp/child.c: parent-death signal).
for i in $(seq 20); do
	pgrep -f -- "$IT_TMP/twice/ev" >/dev/null || break
	sleep 0.05
done
! pgrep -f -- "$IT_TMP/twice/ev" >/dev/null || fail "a SIPp of the hard-exited run is still running"
