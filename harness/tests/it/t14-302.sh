# expect: 302 (RFC 3261 §21.3.3): a conformant 302 passes, with no
# permanence check; a 301 where a 302 is due fails naming both codes;
# 'follow' is honoured for a 302 (a Contact that redirects to itself is a
# cycle).
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e

sut_start "$REPO/fixtures/sipp/uas_302.xml" udp 127.0.0.1
p302=$SUT_PORT; pid302=$SUT_PID; it_track $SUT_PID
sut_start "$REPO/fixtures/sipp/uas_301_ok.xml" udp 127.0.0.1
p301=$SUT_PORT; pid301=$SUT_PID; it_track $SUT_PID

# 1. A 302 with the Contact the suite names: PASS on every method.
cat >"$IT_TMP/ok.yaml" <<YAML
suite: temp
target: {host: 127.0.0.1, port: $p302}
tests:
  - id: moved-for-now
    request_uri: sip:alice@example.com
    methods: [OPTIONS, INVITE]
    expect: 302
    contact: sip:alice@new.example.com
YAML
run_sc run "$IT_TMP/ok.yaml" --junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" \
	--evidence "$IT_TMP/ev1" --timeout 3
assert_rc 0
assert_grep "$IT_TMP/out" "PASS +moved-for-now/OPTIONS "
assert_grep "$IT_TMP/out" "PASS +moved-for-now/INVITE "
assert_grep "$IT_TMP/out" "2 tests: 2 passed, 0 failed"
assert_junit "$IT_TMP/j.xml"
assert_tap "$IT_TMP/t.tap" 2 0
note "302 with the expected Contact: PASS"

# The same entry as a 301 expectation against the same device fails on the
# status (the control: the 302 suite above did judge the responses).
sed 's/expect: 302/expect: 301/' "$IT_TMP/ok.yaml" >"$IT_TMP/as301.yaml"
run_sc run "$IT_TMP/as301.yaml" --tap "$IT_TMP/t2.tap" --evidence "$IT_TMP/ev2" --timeout 3
assert_rc 1
assert_grep "$IT_TMP/out" "FAIL +moved-for-now/OPTIONS .*RFC3261-7.2-STATUS-CODE"
assert_grep "$IT_TMP/t2.tap" "expected 301 Moved Permanently, got 302 Moved Temporarily"

# 2. A temporary move may differ on every request (§21.3.3): a device whose
#    Contact changes per call passes as a 302 over repeats and methods, no
#    PERMANENT-* check is run.  The control: the same device answering 301
#    fails PERMANENT-STABLE and PERMANENT-METHODS.
sed 's|Contact: <sip:alice@new.example.com>|Contact: <sip:alice-[call_number]@new.example.com>|' \
	"$REPO/fixtures/sipp/uas_302.xml" >"$IT_TMP/uas_302_moving.xml"
sed 's|SIP/2.0 302 Moved Temporarily|SIP/2.0 301 Moved Permanently|' \
	"$IT_TMP/uas_302_moving.xml" >"$IT_TMP/uas_301_moving.xml"
grep -q 'alice-\[call_number\]' "$IT_TMP/uas_302_moving.xml" || fail "fixture edit did not apply"
grep -q '^SIP/2.0 301 ' "$IT_TMP/uas_301_moving.xml" || fail "fixture edit did not apply"
for code in 302 301; do
	sut_start "$IT_TMP/uas_${code}_moving.xml" udp 127.0.0.1
	it_track $SUT_PID
	cat >"$IT_TMP/moving.yaml" <<YAML
suite: moving
target: {host: 127.0.0.1, port: $SUT_PORT}
tests:
  - id: moving-$code
    request_uri: sip:alice@example.com
    methods: [OPTIONS, INVITE]
    expect: $code
    repeat: 2
YAML
	run_sc run "$IT_TMP/moving.yaml" --junit "$IT_TMP/jm$code.xml" --tap "$IT_TMP/tm$code.tap" \
		--evidence "$IT_TMP/evm$code" --timeout 3
	sut_stop
	if [ $code = 302 ]; then
		assert_rc 0
		assert_grep "$IT_TMP/out" "2 tests: 2 passed, 0 failed"
		assert_nogrep "$IT_TMP/tm302.tap" "PERMANENT"
		assert_nogrep "$IT_TMP/jm302.xml" "PERMANENT"
	else
		assert_rc 1
		assert_check "$IT_TMP/tm301.tap" moving-301/OPTIONS RFC3261-21.3.2-PERMANENT-STABLE fail
		assert_check "$IT_TMP/tm301.tap" moving-301/INVITE RFC3261-21.3.2-PERMANENT-METHODS fail
	fi
done
note "302 whose Contact changes per request: PASS, no PERMANENT-* (the 301 twin fails them)"

# 2. A 301 where a 302 is due: FAIL on the status check, naming both codes.
cat >"$IT_TMP/bad.yaml" <<YAML
suite: temp-bad
target: {host: 127.0.0.1, port: $p301}
tests:
  - id: permanent-instead
    request_uri: sip:alice@example.com
    expect: 302
YAML
run_sc run "$IT_TMP/bad.yaml" --junit "$IT_TMP/j3.xml" --tap "$IT_TMP/t3.tap" \
	--evidence "$IT_TMP/ev3" --timeout 3
assert_rc 1
assert_grep "$IT_TMP/out" "FAIL +permanent-instead .*RFC3261-7.2-STATUS-CODE"
assert_grep "$IT_TMP/out" "expected 302 Moved Temporarily, got 301 Moved Permanently"
assert_junit "$IT_TMP/j3.xml"
assert_grep "$IT_TMP/j3.xml" "<failure[^>]*message=\"[^\"]*RFC3261-7.2-STATUS-CODE"
assert_tap "$IT_TMP/t3.tap" 0 1
note "301 where 302 is due: FAIL on RFC3261-7.2-STATUS-CODE"

# 3. follow: 1 on a 302 is not ignored: the fixture redirects
#    sip:alice@new.example.com to itself, a cycle (RFC 3261 §8.3).
cat >"$IT_TMP/follow.yaml" <<YAML
suite: temp-follow
target: {host: 127.0.0.1, port: $p302}
tests:
  - id: follow-temp
    request_uri: sip:alice@example.com
    expect: 302
    follow: 1
YAML
run_sc run "$IT_TMP/follow.yaml" --tap "$IT_TMP/t4.tap" --evidence "$IT_TMP/ev4" --timeout 3
assert_rc 1
assert_grep "$IT_TMP/out" "FAIL +follow-temp .*RFC3261-8.3-NO-REDIRECT-LOOP"
assert_check "$IT_TMP/t4.tap" follow-temp RFC3261-8.3-NO-REDIRECT-LOOP fail
note "follow on a 302: the redirect cycle is found"

sut_stop; SUT_PID=$pid302; sut_stop
