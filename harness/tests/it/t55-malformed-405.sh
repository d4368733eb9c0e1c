# A malformed answer is a verdict (issue 9, bullet 6): a 405 without Allow
# whose unrelated X-Debug header holds a control byte (0x01).  Its framing
# holds (status line, empty line, Content-Length), so the test FAILs -- not
# ERROR -- naming the grammar check with line and column, and the missing
# Allow is still found: both checks are in the JUnit and TAP reports.
# Over UDP and TCP.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e

for tr in udp tcp; do
	sut_start "$REPO/fixtures/sipp/uas_405_ctl_no_allow.xml" $tr 127.0.0.1
	it_track $SUT_PID
	cat >"$IT_TMP/s.yaml" <<YAML
suite: malformed
target: {host: 127.0.0.1, port: $SUT_PORT, transport: $tr}
tests:
  - id: ctl405
    request_uri: sip:alice@example.com
    method: MESSAGE
    expect: 405
YAML
	run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" \
		--evidence "$IT_TMP/ev-$tr" --timeout 3
	assert_rc 1
	# FAIL, not ERROR: the answer was judged.
	assert_grep "$IT_TMP/out" "FAIL +ctl405 .*RFC3261-7.3-HEADER-SYNTAX"
	assert_grep "$IT_TMP/out" "1 tests: 0 passed, 1 failed, 0 errors"
	assert_nogrep "$IT_TMP/out" "unparsable"
	# The grammar fault named with its row, line and column
	# (line 7 = X-Debug; col 15 = the 0x01 after "X-Debug: build").
	assert_grep "$IT_TMP/out" "X-Debug: line 7 col 15: control character 0x01 in header value"
	# JUnit: a failure (no error) naming the grammar check first, and the
	# missing Allow among the failing checks.
	assert_junit "$IT_TMP/j.xml"
	assert_grep "$IT_TMP/j.xml" "<failure[^>]*message=\"RFC3261-7.3-HEADER-SYNTAX[^\"]*line 7 col 15"
	assert_grep "$IT_TMP/j.xml" "FAIL RFC3261-21.4.6-ALLOW-PRESENT .*405 without Allow"
	assert_nogrep "$IT_TMP/j.xml" "<error "
	# TAP: one failing test, both checks failing, the row as evidence.
	assert_tap "$IT_TMP/t.tap" 0 1
	assert_verdict "$IT_TMP/t.tap" ctl405 not-ok
	assert_grep "$IT_TMP/t.tap" "verdict: fail"
	assert_check "$IT_TMP/t.tap" ctl405 RFC3261-7.3-HEADER-SYNTAX fail
	assert_check "$IT_TMP/t.tap" ctl405 RFC3261-21.4.6-ALLOW-PRESENT fail
	assert_grep "$IT_TMP/t.tap" "reason: 'X-Debug: line 7 col 15: control character 0x01 in header value'"
	assert_grep "$IT_TMP/t.tap" "evidence: 'X-Debug: build\\\\x01 42'"
	# The other checks ran on the rows that parse: the echoes pass.
	for c in RFC3261-8.2.6.2-FROM-ECHO RFC3261-8.2.6.2-CALLID-ECHO RFC3261-8.2.6.2-CSEQ-ECHO \
		RFC3261-8.2.6.2-TO-TAG RFC3261-7.2-STATUS-CODE; do
		assert_check "$IT_TMP/t.tap" ctl405 $c pass
	done
	sut_stop
	note "$tr: 405 with a control byte and no Allow: FAIL on HEADER-SYNTAX (line 7 col 15) and ALLOW-PRESENT"
done
