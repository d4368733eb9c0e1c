# A SUT answering with hostile bytes (control bytes, ']]>', '<evil/>',
# forged TAP lines): the reports stay valid and the counts right.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e
sut_start "$REPO/fixtures/sipp/uas_hostile.xml" udp 127.0.0.1
it_track $SUT_PID
cat >"$IT_TMP/s.yaml" <<YAML
suite: hostile
target: {host: 127.0.0.1, port: $SUT_PORT}
tests:
  - id: hostile
    request_uri: sip:alice@example.com
    method: MESSAGE
    expect: 405
YAML
run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" --evidence "$IT_TMP/ev" --timeout 3
[ "$RC" -eq 1 ] || [ "$RC" -eq 0 ] || fail "exit $RC"
assert_junit "$IT_TMP/j.xml"
if [ "$RC" -eq 0 ]; then assert_tap "$IT_TMP/t.tap" 1 0; else assert_tap "$IT_TMP/t.tap" 0 1; fi
[ "$(grep -c '^\(not \)\?ok ' "$IT_TMP/t.tap")" -eq 1 ] || fail "TAP has more than one test line"
