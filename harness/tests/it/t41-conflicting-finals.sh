# Issue 9, conflicting finals: a SUT that sends 100 x 301 and then a
# different final response for the same request (and the shorter and
# subtler variants) FAILs RFC3261-17.1-FINAL-CONSISTENT over UDP, where
# the harness keeps listening after the final; the same 301 again is
# fine, the same 301 with another To tag FAILs RFC3261-17.2.2-RETRANSMIT-
# SAME.  Over TCP the transaction ends with its first final (Timers D
# and K are 0, RFC 3261 17.1.1.2, 17.1.2.2): no linger, nothing later is
# judged.  Fixture: fixtures/sipp/uas_finals_conflict.xml, edited here.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e
fx=$REPO/fixtures/sipp/uas_finals_conflict.xml

# variant NAME SED: the fixture with its last response (after label
# "last") edited by SED, as $IT_TMP/NAME.xml.
variant() {
	sed "/<label id=\"last\"\/>/,\$ { $2; }" "$fx" >"$IT_TMP/$1.xml"
	! cmp -s "$fx" "$IT_TMP/$1.xml" || fail "fixture edit $1 did not apply"
}

# finals SCENARIO TRANSPORT TAG: run a 301 suite (OPTIONS and INVITE) against it.
finals() {
	sut_start "$1" "$2" 127.0.0.1
	it_track $SUT_PID
	cat >"$IT_TMP/s-$3.yaml" <<YAML
suite: finals
probe: false   # the UAS numbers its answers by call: no OPTIONS before the test
target: {host: 127.0.0.1, port: $SUT_PORT, transport: $2}
tests:
  - id: moved
    request_uri: sip:alice@example.com
    methods: [OPTIONS, INVITE]
    expect: 301
    contact: sip:alice@new.example.com
YAML
	run_sc run "$IT_TMP/s-$3.yaml" --junit "$IT_TMP/j-$3.xml" --tap "$IT_TMP/t-$3.tap" \
		--evidence "$IT_TMP/ev-$3" --timeout 3
	sut_stop
	assert_junit "$IT_TMP/j-$3.xml"
}

# 1. 100 x 301, then 302: the issue's case.
finals "$fx" udp flood
assert_rc 1
for m in OPTIONS INVITE; do
	assert_grep "$IT_TMP/out" "FAIL +moved/$m .*RFC3261-17.1-FINAL-CONSISTENT \(RFC 3261 §17.1, start line\): final response #101 of 101 is not the first one again: status 302, the first was 301"
	assert_check "$IT_TMP/t-flood.tap" moved/$m RFC3261-17.1-FINAL-CONSISTENT fail
done
[ "$(grep -c '^SIP/2.0 301 ' "$IT_TMP/ev-flood/finals/001-moved_OPTIONS/messages.log")" -eq 100 ] ||
	fail "not all 100 301s were logged"
assert_tap "$IT_TMP/t-flood.tap" 0 2
note "100 x 301 then 302: FAIL FINAL-CONSISTENT (OPTIONS and INVITE)"

# 2. One 301, then a 302.
sed 's/compare="less_than" value="11"/compare="less_than" value="0"/' "$fx" >"$IT_TMP/one-then-302.xml"
grep -q 'value="0"' "$IT_TMP/one-then-302.xml" || fail "fixture edit did not apply"
finals "$IT_TMP/one-then-302.xml" udp one
assert_rc 1
assert_grep "$IT_TMP/out" "FAIL +moved/OPTIONS .*final response #2 of 2 is not the first one again: status 302, the first was 301"
note "301 then 302: FAIL"

# 3. The same status, another Contact.
variant contact 's/SIP\/2.0 302 Moved Temporarily/SIP\/2.0 301 Moved Permanently/'
finals "$IT_TMP/contact.xml" udp contact
assert_rc 1
assert_grep "$IT_TMP/out" "FAIL +moved/INVITE .*final response #101 of 101 is not the first one again: Contact \{sip:alice@elsewhere.example.com\}, the first had \{sip:alice@new.example.com\}"
note "301 then 301 with another Contact: FAIL"

# 4. The same 301 every time: a retransmission is fine.
variant same 's/SIP\/2.0 302 Moved Temporarily/SIP\/2.0 301 Moved Permanently/; s/elsewhere.example.com/new.example.com/'
finals "$IT_TMP/same.xml" udp same
assert_rc 0
assert_grep "$IT_TMP/out" "2 tests: 2 passed"
assert_check "$IT_TMP/t-same.tap" moved/OPTIONS RFC3261-17.1-FINAL-CONSISTENT pass
note "101 x the same 301: PASS"

# 5. The same 301 with another To tag.
variant retag 's/SIP\/2.0 302 Moved Temporarily/SIP\/2.0 301 Moved Permanently/; s/elsewhere.example.com/new.example.com/; s/tag=\[pid\]sut\[call_number\]/tag=other[call_number]/'
finals "$IT_TMP/retag.xml" udp retag
assert_rc 1
assert_grep "$IT_TMP/out" "FAIL +moved/OPTIONS .*RFC3261-17.2.2-RETRANSMIT-SAME \(RFC 3261 §17.2.2, start line\): final response #101 repeats the first \(301\) with To tag 'other1', the first had '[0-9]+sut1'"
assert_check "$IT_TMP/t-retag.tap" moved/INVITE RFC3261-17.2.2-RETRANSMIT-SAME fail
assert_check "$IT_TMP/t-retag.tap" moved/INVITE RFC3261-17.1-FINAL-CONSISTENT pass
note "the same 301 with another To tag: FAIL RETRANSMIT-SAME"

# 6. TCP: the transaction ends with the first final; no linger.
t0=$(date +%s%N)
finals "$fx" tcp tcp
t1=$(date +%s%N)
assert_rc 0
[ "$(grep -c '^SIP/2.0 30[12] ' "$IT_TMP/ev-tcp/finals/001-moved_OPTIONS/messages.log")" -lt 101 ] ||
	fail "TCP: SIPp kept listening"
note "TCP: no linger, the first final is judged ($(( (t1 - t0) / 1000000 )) ms for the run)"
