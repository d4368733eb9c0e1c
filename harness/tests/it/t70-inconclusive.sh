# The inconclusive verdict (issue 10, point 2): a SUT that refuses the
# request on other grounds before the property under test can be seen
# (a 401 challenge without credentials, 404 where 405/501 is due, 503)
# is neither passed nor failed: INCONCLUSIVE with the reason, counted in
# the totals, exit 1, a <skipped message="inconclusive: ..."> in JUnit,
# "ok # SKIP inconclusive: ..." in TAP; a waiver of
# SIPCONFORM-INCONCLUSIVE turns it into SKIP.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e

sut_start "$REPO/fixtures/sipp/uas_refuse.xml" udp 127.0.0.1
it_track $SUT_PID
cat >"$IT_TMP/s.yaml" <<YAML
suite: refused
target: {host: 127.0.0.1, port: $SUT_PORT}
tests:
  - id: auth-405
    request_uri: sip:c401@127.0.0.1
    method: PUBLISH
    expect: 405
  - id: unknown-501
    request_uri: sip:c404@127.0.0.1
    method: FOOBAR
    expect: 501
  - id: busy-405
    request_uri: sip:c503@127.0.0.1
    method: PUBLISH
    expect: 405
YAML
run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" \
	--evidence "$IT_TMP/ev1" --timeout 3
assert_rc 1
assert_grep "$IT_TMP/out" "INCONCLUSIVE auth-405 .*challenged \(401\) and no credentials were given; the 405 under test could not be observed"
assert_grep "$IT_TMP/out" "INCONCLUSIVE unknown-501 .*\(404 Not Found\), so its method never mattered; the 501 under test"
assert_grep "$IT_TMP/out" "INCONCLUSIVE busy-405 .*the SUT is unavailable \(503 Service Unavailable\)"
assert_grep "$IT_TMP/out" "^3 tests: 0 passed, 0 failed, 0 errors, 3 inconclusive, 0 skipped "
assert_nogrep "$IT_TMP/out" "FAIL "
assert_junit "$IT_TMP/j.xml"
assert_grep "$IT_TMP/j.xml" 'tests="3" failures="0" errors="0" skipped="3"'
assert_grep "$IT_TMP/j.xml" '<property name="tests.inconclusive" value="3"/>'
assert_grep "$IT_TMP/j.xml" '<skipped message="inconclusive: challenged \(401\) and no credentials were given'
assert_nogrep "$IT_TMP/j.xml" '<failure|<error'
# The evidence is there: the status check's failure and the challenge itself.
assert_grep "$IT_TMP/j.xml" 'FAIL RFC3261-7.2-STATUS-CODE .*expected 405 Method Not Allowed, got 401 Unauthorized'
assert_grep "$IT_TMP/j.xml" 'WWW-Authenticate: Digest realm'
# TAP: skipped to prove (never "not ok"), the verdict named in the block.
assert_tap "$IT_TMP/t.tap" 3 0
assert_grep "$IT_TMP/t.tap" "^ok 1 - auth-405 # SKIP inconclusive: challenged \(401\) and no credentials were given"
assert_grep "$IT_TMP/t.tap" "^  verdict: inconclusive$"
assert_nogrep "$IT_TMP/t.tap" "^not ok"
# prove --directives shows the SKIP tests: all three, none failed.
prove -e cat --directives "$IT_TMP/t.tap" >"$IT_TMP/prove" 2>&1 || :
[ "$(grep -c '^ok [0-9] - .* # SKIP inconclusive: ' "$IT_TMP/prove")" -eq 3 ] ||
	{ cat "$IT_TMP/prove"; fail "prove does not show 3 skipped tests"; }
assert_check "$IT_TMP/t.tap" auth-405 RFC3261-7.2-STATUS-CODE fail
note "401 / 404 / 503 where 405 or 501 is due: INCONCLUSIVE, exit 1, in every report"

# Waived: SIPCONFORM-INCONCLUSIVE for auth-*: that test is SKIP, the others stay.
cat >"$IT_TMP/w.yaml" <<'YAML'
waivers:
  - check: SIPCONFORM-INCONCLUSIVE
    test: "auth-*"
    reason: lab proxy challenges everything
    expires: 2099-12-31
YAML
run_sc run "$IT_TMP/s.yaml" --waivers "$IT_TMP/w.yaml" --junit "$IT_TMP/j2.xml" \
	--evidence "$IT_TMP/ev2" --timeout 3
assert_rc 1
assert_grep "$IT_TMP/out" "SKIP +auth-405 .*waived SIPCONFORM-INCONCLUSIVE: lab proxy challenges everything"
assert_grep "$IT_TMP/out" "^3 tests: 0 passed, 0 failed, 0 errors, 2 inconclusive, 1 skipped "
assert_junit "$IT_TMP/j2.xml"
assert_grep "$IT_TMP/j2.xml" '\[auth-405\] notes:'
assert_grep "$IT_TMP/j2.xml" 'inconclusive: challenged \(401\)'

# Every one waived: exit 0.
sed 's/"auth-\*"/"*"/' "$IT_TMP/w.yaml" >"$IT_TMP/wall.yaml"
run_sc run "$IT_TMP/s.yaml" --waivers "$IT_TMP/wall.yaml" --evidence "$IT_TMP/ev3" --timeout 3
assert_rc 0
assert_grep "$IT_TMP/out" "^3 tests: 0 passed, 0 failed, 0 errors, 0 inconclusive, 3 skipped "
note "a waiver of SIPCONFORM-INCONCLUSIVE makes it SKIP; all waived: exit 0"
