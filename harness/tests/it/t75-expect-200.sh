# expect: 200 (issue 10, point 6) judges an OPTIONS answer itself: the
# common checks, Allow present (§11.2 SHOULD: a warning when missing) and
# Allow well-formed (ALLOW-SYNTAX).  A 200 with a good Allow passes; one
# without Allow passes with a warning (FAIL under --strict).  Another
# method with expect 200 is refused by the suite loader (exit 2).
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e

mk() {   # mk NAME
	cat >"$IT_TMP/s.yaml" <<YAML
suite: $1
target: {host: 127.0.0.1, port: $SUT_PORT}
tests:
  - id: options
    request_uri: sip:alice@127.0.0.1
    expect: 200
YAML
}

sut_start "$REPO/fixtures/sipp/uas_options_501.xml" udp 127.0.0.1
it_track $SUT_PID
mk good
run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" --evidence "$IT_TMP/ev" --timeout 3
assert_rc 0
assert_grep "$IT_TMP/out" "PASS +options"
assert_nogrep "$IT_TMP/out" "WARN|warning"
assert_junit "$IT_TMP/j.xml"
assert_tap "$IT_TMP/t.tap" 1 0
assert_check "$IT_TMP/t.tap" options RFC3261-11.2-ALLOW-PRESENT pass
sut_stop

sut_start "$REPO/fixtures/sipp/uas_options_only.xml" udp 127.0.0.1
it_track $SUT_PID
mk noallow
run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" --evidence "$IT_TMP/ev2" --timeout 3
assert_rc 0
assert_grep "$IT_TMP/out" "PASS +options"
assert_tap "$IT_TMP/t.tap" 1 0
assert_check "$IT_TMP/t.tap" options RFC3261-11.2-ALLOW-PRESENT warn
assert_grep "$IT_TMP/t.tap" "200 to OPTIONS without Allow \(§11.2 SHOULD\)"
assert_junit "$IT_TMP/j.xml"
assert_grep "$IT_TMP/j.xml" "WARN RFC3261-11.2-ALLOW-PRESENT"
run_sc run "$IT_TMP/s.yaml" --strict --tap "$IT_TMP/t.tap" --evidence "$IT_TMP/ev3" --timeout 3
assert_rc 1
assert_grep "$IT_TMP/out" "FAIL +options .*RFC3261-11.2-ALLOW-PRESENT"

# expect 200 is for OPTIONS only.
cat >"$IT_TMP/bad.yaml" <<YAML
suite: bad
target: {host: 127.0.0.1, port: $SUT_PORT}
tests:
  - id: msg
    request_uri: sip:alice@127.0.0.1
    method: MESSAGE
    expect: 200
YAML
run_sc run "$IT_TMP/bad.yaml" --evidence "$IT_TMP/ev4"
assert_rc 2
assert_grep "$IT_TMP/err" "bad.yaml:6:13: expect 200 applies only to method OPTIONS, not MESSAGE"
