# A malformed answer is a verdict (issue 9, bullet 6): a 301 with a row
# that is no header field ("Server sut/1.0": no colon) next to a Contact
# that redirects to the Request-URI itself and carries 'lr'.  The test
# FAILs naming the grammar check with line and column, and the Contact
# checks still judge the Contact (CONTACT-NOT-RURI fails, NO-METHOD-LR
# warns), while the Contact syntax checks pass.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e

sut_start "$REPO/fixtures/sipp/uas_301_bad_row.xml" udp 127.0.0.1
it_track $SUT_PID
cat >"$IT_TMP/s.yaml" <<YAML
suite: malformed
target: {host: 127.0.0.1, port: $SUT_PORT}
tests:
  - id: badrow301
    request_uri: sip:alice@example.com
    method: OPTIONS
    expect: 301
    contact: sip:alice@example.com
YAML
run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" \
	--evidence "$IT_TMP/ev" --timeout 3
assert_rc 1
assert_grep "$IT_TMP/out" "FAIL +badrow301 .*RFC3261-7.3-HEADER-SYNTAX"
assert_grep "$IT_TMP/out" "1 tests: 0 passed, 1 failed, 0 errors"
assert_nogrep "$IT_TMP/out" "unparsable"
# line 7 = the Server row; col 7 = the SP where the ':' should be.
assert_grep "$IT_TMP/out" "header row: line 7 col 7: expected ':' after header name 'Server'"
assert_junit "$IT_TMP/j.xml"
assert_grep "$IT_TMP/j.xml" "<failure[^>]*message=\"RFC3261-7.3-HEADER-SYNTAX[^\"]*line 7 col 7"
assert_grep "$IT_TMP/j.xml" "FAIL RFC3261-8.3-CONTACT-NOT-RURI "
assert_nogrep "$IT_TMP/j.xml" "<error "
assert_tap "$IT_TMP/t.tap" 0 1
assert_verdict "$IT_TMP/t.tap" badrow301 not-ok
assert_check "$IT_TMP/t.tap" badrow301 RFC3261-7.3-HEADER-SYNTAX fail
assert_grep "$IT_TMP/t.tap" "evidence: 'Server sut/1.0'"
# The Contact was judged: the checks that find fault with it do, the
# others pass (a pass is not listed; a check that did not run would be NA
# and is not listed either, so the failing ones are the proof).
assert_check "$IT_TMP/t.tap" badrow301 RFC3261-8.3-CONTACT-NOT-RURI fail
assert_check "$IT_TMP/t.tap" badrow301 RFC3261-19.1.1-CONTACT-NO-METHOD-LR warn
for c in RFC3261-21.3.2-CONTACT-PRESENT RFC3261-20.10-CONTACT-SYNTAX \
	RFC3261-25-CONTACT-URI-SYNTAX SIPCONFORM-19.1.4-EXPECT-CONTACT; do
	assert_check "$IT_TMP/t.tap" badrow301 $c pass
done
sut_stop
note "301 with a row without colon: FAIL on HEADER-SYNTAX (line 7 col 7), Contact still judged"
