# A SUT that never answers: ERROR (could not judge), exit 1, bounded time.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e
sut_start "$REPO/fixtures/sipp/uas_silent.xml" udp 127.0.0.1
it_track $SUT_PID
cat >"$IT_TMP/s.yaml" <<YAML
suite: silent
target: {host: 127.0.0.1, port: $SUT_PORT}
tests:
  - id: silent
    request_uri: sip:alice@example.com
    expect: 301
YAML
start=$(date +%s)
run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" --evidence "$IT_TMP/ev" --timeout 1
end=$(date +%s)
assert_rc 1
assert_grep "$IT_TMP/out" "ERROR +silent .*no final response"
assert_junit "$IT_TMP/j.xml"
assert_grep "$IT_TMP/j.xml" "<error "
assert_tap "$IT_TMP/t.tap" 0 1
[ $((end - start)) -le 15 ] || fail "took $((end - start)) s for a 1 s timeout"
