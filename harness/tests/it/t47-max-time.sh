# --max-time SECONDS bounds the whole run: then it stops as on SIGTERM
# (no new test, the running one not reported, the stop recorded in both
# reports) and exits 5.  Bad values are usage errors (2).
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e
sut_start "$REPO/fixtures/sipp/uas_silent.xml" udp 127.0.0.1
it_track $SUT_PID
{
	printf 'suite: slow\ntarget: {host: 127.0.0.1, port: %s}\nprobe: false\ntests:\n' "$SUT_PORT"
	for i in 1 2 3 4 5 6 7 8; do
		printf '  - id: t%s\n    request_uri: sip:bob@example.com\n    expect: 301\n' "$i"
	done
} >"$IT_TMP/s.yaml"
start=$(date +%s.%N)
run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" --evidence "$IT_TMP/ev" \
	--timeout 2 --max-time 3
end=$(date +%s.%N)
secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
note "--max-time 3 with 8 tests of ~2 s each: exited after $secs s"
assert_rc 5
# 3 s, plus at most the rest of the test that was running (2 s --timeout) and slack
awk -v s="$secs" 'BEGIN { exit !(s >= 3.0 && s <= 7.0) }' || fail "--max-time 3: the run took $secs s"
assert_junit "$IT_TMP/j.xml"
assert_grep "$IT_TMP/j.xml" "run.interrupted\" value=\"--max-time 3 s stopped the run (during test 't[0-9]', which is not reported|between tests); [0-9] of 8 tests finished"
n=$(grep -c '<testcase ' "$IT_TMP/j.xml")
[ "$n" -ge 1 ] && [ "$n" -lt 8 ] || fail "--max-time 3: $n tests in the JUnit"
[ "$(grep -c '^not ok ' "$IT_TMP/t.tap")" -eq "$n" ] || fail "TAP and JUnit disagree"
tail -n 1 "$IT_TMP/t.tap" | grep -q '^Bail out! --max-time 3 s stopped the run' || { cat "$IT_TMP/t.tap"; fail "no Bail out"; }
[ "$(tail -n 2 "$IT_TMP/t.tap" | head -n 1)" = "1..$n" ] || fail "plan is not 1..$n"
assert_grep "$IT_TMP/out" '^stopped: --max-time 3 s stopped the run'
# usage errors
for v in 0 -1 abc 604801 1.5 ""; do
	run_sc run "$IT_TMP/s.yaml" --max-time "$v" --evidence "$IT_TMP/ev2"
	assert_rc 2
	assert_grep "$IT_TMP/err" "--max-time must be a whole number of seconds, 1\.\.604800"
done
[ ! -e "$IT_TMP/ev2" ] || fail "evidence written for a refused run"
run_sc --help
assert_rc 0
assert_grep "$IT_TMP/out" '^  --max-time SECONDS +whole run'
assert_grep "$IT_TMP/out" '^  4  SIGINT, SIGTERM or SIGHUP stopped the run'
assert_grep "$IT_TMP/out" '^  5  --max-time stopped the run'
