# The reference verdicts behind a challenge (issue 10 points 1 and 9):
# the whole default suite (suites/kamailio.yaml) against auth.cfg (401)
# with the command line's credentials, and the demo's suite
# (suites/kamailio-auth.yaml, password from SIPCONFORM_DEMO_PASSWORD)
# against auth-407.cfg, give every verdict the plain reference gives:
# PASS.  The evidence directory is relative (SIPp runs in the test's
# directory: the credentials file must still be found).
. "$IT_DIR/lib.sh"
set -e

kam_start "$REPO/fixtures/kamailio/auth.cfg"
P401=$SUT_PORT
kam_start "$REPO/fixtures/kamailio/auth-407.cfg"
P407=$SUT_PORT

cd "$IT_TMP"
n=$(grep -c '^  - id:' "$REPO/suites/kamailio.yaml")
T84_PW=s3cret run_sc run "$REPO/suites/kamailio.yaml" --port "$P401" --evidence ev401 \
	--auth-user tester --auth-password-env T84_PW --tap k.tap --timeout 3
assert_rc 0
assert_grep "$IT_TMP/out" "[0-9]+ tests: ([0-9]+) passed, 0 failed, 0 errors, 0 inconclusive, 0 skipped"
[ "$(grep -c '^SIP/2.0 401 ' -r ev401 --include=messages.log | awk -F: '{s+=$2} END {print s}')" -ge "$n" ] ||
	fail "fewer challenges than suite entries: the requests were not challenged"
note "suites/kamailio.yaml behind a 401: $(grep -Eo '[0-9]+ passed' "$IT_TMP/out")"

SIPCONFORM_DEMO_PASSWORD=s3cret run_sc run "$REPO/suites/kamailio-auth.yaml" --port "$P407" \
	--evidence ev407 --timeout 3
assert_rc 0
assert_grep "$IT_TMP/out" "12 tests: 12 passed, 0 failed"
grep -rq '^Proxy-Authorization: Digest' ev407 || fail "no Proxy-Authorization sent"
note "suites/kamailio-auth.yaml behind a 407: 12 passed"

# The demo suite without its variable: every test says why.
run_sc run "$REPO/suites/kamailio-auth.yaml" --port "$P407" --evidence ev0 --timeout 3
assert_rc 1
assert_grep "$IT_TMP/out" "ERROR moved-options .*the password of tester \(environment variable SIPCONFORM_DEMO_PASSWORD\): "
