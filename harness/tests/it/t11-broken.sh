# Broken devices: each fails (exit 1) on the right check, reports stay valid.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e

# fixture | method | expect | check id that must be named | verdict word
while IFS='|' read -r fx method expect check; do
	[ -n "$fx" ] || continue
	sut_start "$REPO/fixtures/sipp/$fx.xml" udp 127.0.0.1
	it_track $SUT_PID
	cat >"$IT_TMP/s.yaml" <<YAML
suite: broken
target: {host: 127.0.0.1, port: $SUT_PORT}
tests:
  - id: $fx
    request_uri: sip:alice@example.com
    method: $method
    expect: $expect
YAML
	run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" \
		--evidence "$IT_TMP/ev" --timeout 3
	assert_rc 1
	assert_grep "$IT_TMP/out" "FAIL +$fx .*$check"
	assert_junit "$IT_TMP/j.xml"
	assert_grep "$IT_TMP/j.xml" "<failure[^>]*message=\"[^\"]*$check"
	assert_tap "$IT_TMP/t.tap" 0 1
	assert_grep "$IT_TMP/t.tap" "$check"
	sut_stop
	note "$fx: fails on $check"
done <<'TABLE'
uas_301_no_contact|OPTIONS|301|RFC3261-21.3.2-CONTACT-PRESENT
uas_301_star|OPTIONS|301|RFC3261-10.2.2-CONTACT-NOT-STAR
uas_405_no_allow|MESSAGE|405|RFC3261-21.4.6-ALLOW-PRESENT
uas_405_lists_method|MESSAGE|405|RFC3261-21.4.6-ALLOW-EXCLUDES-METHOD
uas_302|OPTIONS|301|RFC3261-7.2-STATUS-CODE
uas_301_ok|MESSAGE|405|RFC3261-7.2-STATUS-CODE
uas_405_bad_allow|MESSAGE|405|RFC3261-7.3-HEADER-SYNTAX \(RFC 3261 §7.3, Allow\)
TABLE
