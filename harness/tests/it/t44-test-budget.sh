# Issue 9, bounds (the capture's part): the cap is per test, over all its
# SIPp runs.  A SUT that sends every final response 101 times (the same
# 301: fine on its own) to a test with repeat: 30 and follow: 1 sends more
# than the 2,000 messages a test keeps (judge/xchg.h).  The test is an
# ERROR that names the flood of final responses; what was kept is judged;
# the follow hop, after the budget is spent, keeps nothing and says so.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e
fx=$REPO/fixtures/sipp/uas_finals_conflict.xml
sed "/<label id=\"last\"\/>/,\$ { s/SIP\/2.0 302 Moved Temporarily/SIP\/2.0 301 Moved Permanently/; s/elsewhere.example.com/new.example.com/; }" \
	"$fx" >"$IT_TMP/same.xml"
! grep -q 'SIP/2.0 302' "$IT_TMP/same.xml" || fail "fixture edit did not apply"
sut_start "$IT_TMP/same.xml" udp 127.0.0.1
it_track $SUT_PID
cat >"$IT_TMP/s.yaml" <<YAML
suite: budget
target: {host: 127.0.0.1, port: $SUT_PORT}
tests:
  - id: many-finals
    request_uri: sip:alice@example.com
    method: OPTIONS
    expect: 301
    repeat: 30
    follow: 1
YAML
run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" --evidence "$IT_TMP/ev" --timeout 3
sut_stop
assert_rc 1
assert_grep "$IT_TMP/out" "ERROR +many-finals +[0-9.]+s +the SUT sent [0-9],[0-9]{3} final responses in [0-9.]+ s \([0-9,]+ messages, [0-9.]+ MB in SIPp's log\), past the 2,000 messages and 4 MiB a test keeps: the first 2,000 of this SIPp run were judged, the rest only counted"
assert_grep "$IT_TMP/out" "follow 1\.1: the 2,000 messages and 4 MiB a test keeps were spent before this SIPp run: its [0-9]+ messages were counted, not judged"
assert_junit "$IT_TMP/j.xml"
assert_tap "$IT_TMP/t.tap" 0 1
# 2,000 frames kept (judged) in the test's own run, none in the hop's; of
# those the evidence writes at most 256 as files (EVIDENCE_MAX_FILES) and
# cut.txt counts the other 1,744.
n=$(ls "$IT_TMP/ev/budget/001-many-finals" | grep -c '\.sip$')
[ "$n" -eq 256 ] || fail "$n frame files in the evidence, not 256"
assert_grep "$IT_TMP/ev/budget/001-many-finals/cut.txt" "^1744 frames \([0-9]+ bytes\) were not written"
! ls "$IT_TMP/ev/budget/001-many-finals/follow_1.1" | grep -q '\.sip$' || fail "the hop kept frames"
note "30 x 101 finals: ERROR naming the flood; 2,000 kept (256 as files), the follow hop none"
