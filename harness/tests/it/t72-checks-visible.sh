# Every check visible (issue 10, point 7): for each test the reports list
# every check evaluated with its outcome, passing and not-applicable ones
# with their reason, a passing test's too: TAP YAML and JUnit system-out.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e

sut_start "$REPO/fixtures/sipp/uas_refuse.xml" udp 127.0.0.1
it_track $SUT_PID
cat >"$IT_TMP/s.yaml" <<YAML
suite: visible
target: {host: 127.0.0.1, port: $SUT_PORT}
tests:
  - id: publish-405
    request_uri: sip:bob@127.0.0.1
    method: PUBLISH
    expect: 405
  - id: refused-405
    request_uri: sip:c404@127.0.0.1
    method: PUBLISH
    expect: 405
YAML
run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" \
	--evidence "$IT_TMP/ev" --timeout 3
assert_rc 1
assert_grep "$IT_TMP/out" "PASS +publish-405 "
assert_tap "$IT_TMP/t.tap" 2 0
# TAP: the passing test has a block listing its passing checks.
for c in RFC3261-7.2-START-LINE RFC3261-7.2-STATUS-CODE RFC3261-8.2.6.2-FROM-ECHO \
	RFC3261-8.2.6.2-VIA-ECHO RFC3261-21.4.6-ALLOW-PRESENT RFC3261-21.4.6-ALLOW-EXCLUDES-METHOD; do
	[ "$(tap_outcome "$IT_TMP/t.tap" publish-405 $c)" = pass ] ||
		{ sed -n '/publish-405/,/^ok 2/p' "$IT_TMP/t.tap"; fail "publish-405: $c not listed as pass"; }
done
n=$(sed -n '/^ok 1 - publish-405/,/^ok 2/p' "$IT_TMP/t.tap" | grep -c '^    - id: ')
[ "$n" -ge 15 ] || fail "publish-405: only $n checks listed"
sed -n '/^ok 1 - publish-405/,/^ok 2/p' "$IT_TMP/t.tap" | grep -q "^    failing: 0$" ||
	fail "publish-405: no failing count"
# The refused test: the code-specific checks are NA, with the reason.
[ "$(tap_outcome "$IT_TMP/t.tap" refused-405 RFC3261-21.4.6-ALLOW-PRESENT)" = na ] ||
	fail "refused-405: ALLOW-PRESENT not listed as na"
assert_grep "$IT_TMP/t.tap" "reason: 'not judged: status was 404'"
# JUnit: within the schema, every check of both tests in the suite's system-out.
assert_junit "$IT_TMP/j.xml"
assert_grep "$IT_TMP/j.xml" '(^|<system-out>)\[publish-405\] PASS RFC3261-7.2-START-LINE \(RFC 3261 §7.2, MUST\)'
assert_grep "$IT_TMP/j.xml" '^\[publish-405\] PASS RFC3261-21.4.6-ALLOW-PRESENT '
assert_grep "$IT_TMP/j.xml" '^\[refused-405\] NA RFC3261-21.4.6-ALLOW-PRESENT .*: not judged: status was 404'
assert_grep "$IT_TMP/j.xml" '^\[refused-405\] FAIL RFC3261-7.2-STATUS-CODE '
m=$(grep -Ec '(^|<system-out>)\[publish-405\] (PASS|FAIL|WARN|NA) ' "$IT_TMP/j.xml")
[ "$m" -eq "$n" ] || fail "JUnit lists $m checks of publish-405, TAP $n"
note "a passing test lists all its $n checks in TAP YAML and JUnit system-out; NA ones with why"
