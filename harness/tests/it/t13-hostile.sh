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
# The start line carries control bytes: the answer cannot be parsed, so
# the test could not be judged (error), and says why.
assert_rc 1
assert_grep "$IT_TMP/out" "ERROR +hostile .*unparsable response"
assert_junit "$IT_TMP/j.xml"
assert_grep "$IT_TMP/j.xml" "<error "
assert_tap "$IT_TMP/t.tap" 0 1
[ "$(grep -c '^\(not \)\?ok ' "$IT_TMP/t.tap")" -eq 1 ] || fail "TAP has more than one test line"
# The hostile bytes are in both reports, escaped: no raw control byte,
# the forged lines only indented inside the diagnostics.
for f in "$IT_TMP/t.tap" "$IT_TMP/j.xml"; do
	! LC_ALL=C grep -q "$(printf '[\001-\010\013\014\016-\037\177]')" "$f" || fail "raw control byte in $f"
done
assert_grep "$IT_TMP/t.tap" "^ +ok 1 - forged"
assert_nogrep "$IT_TMP/t.tap" "^Bail out!"
assert_grep "$IT_TMP/j.xml" "&lt;evil/&gt;"
