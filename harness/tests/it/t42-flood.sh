# Issue 9, bounds (the capture's part): a SUT that floods 100 Trying and
# never answers (fixtures/sipp/uas_flood_trying.xml, 4000-byte messages,
# some 800 a second).  SIPp is killed when its logs reach 4 MiB
# (sipp/sipp.h SIPP_LOG_MAX_BYTES), and a test keeps at most 2,000 messages
# and 4 MiB of what SIPp logged (judge/xchg.h); the rest is counted.  The
# test is an ERROR that names the flood - how many provisional responses in
# how many seconds, and which cap stopped it - and the reports stay within
# the cap and valid (before: a 10 MB JUnit file that libxml2 refuses).
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e
sut_start "$REPO/fixtures/sipp/uas_flood_trying.xml" udp 127.0.0.1
it_track $SUT_PID
cat >"$IT_TMP/s.yaml" <<YAML
suite: flood
target: {host: 127.0.0.1, port: $SUT_PORT}
tests:
  - id: trying-flood
    request_uri: sip:alice@example.com
    method: MESSAGE
    expect: 405
YAML
t0=$(date +%s%N)
run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" --evidence "$IT_TMP/ev" --timeout 3
t1=$(date +%s%N)
sut_stop
assert_rc 1
assert_grep "$IT_TMP/out" "ERROR +trying-flood +[0-9.]+s +the SUT sent [0-9,]+ provisional responses in [0-9]+\.[0-9] s \([0-9,]+ messages, [0-9.]+ MB in SIPp's log\)(, past the 2,000 messages and 4 MiB a test keeps|: the SUT flooded: SIPp's logs reached [0-9.]+ MB in [0-9.]+ s \(cap 4 MB\); SIPp was killed)"
# About 4 MiB came before a cap stopped it, and no more than that was kept.
mb=$(sed -n 's/.*messages, \([0-9]*\)\.[0-9] MB in SIPp.s log.*/\1/p' "$IT_TMP/out")
[ "${mb:-0}" -ge 4 ] || fail "the flood did not reach the caps (${mb:-?} MB): the fixture is too slow here"
assert_junit "$IT_TMP/j.xml"
assert_tap "$IT_TMP/t.tap" 0 1
jsize=$(stat -c %s "$IT_TMP/j.xml")
tsize=$(stat -c %s "$IT_TMP/t.tap")
[ "$jsize" -lt 5000000 ] || fail "JUnit is $jsize bytes"
[ "$tsize" -lt 5000000 ] || fail "TAP is $tsize bytes"
nev=$(ls "$IT_TMP/ev/flood/001-trying-flood" | wc -l)
[ "$nev" -le 2010 ] || fail "$nev evidence files"
note "flood: ${mb} MB logged, JUnit $jsize bytes, TAP $tsize bytes, $nev evidence files, $(( (t1 - t0) / 1000000 )) ms"
