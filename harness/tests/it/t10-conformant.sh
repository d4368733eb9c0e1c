# A conformant 301 and a conformant 405 (two Allow rows) pass: exit 0,
# valid JUnit, TAP that prove reads.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e

for t in udp tcp; do
	sut_start "$REPO/fixtures/sipp/uas_301_ok.xml" $t 127.0.0.1
	p301=$SUT_PORT; pid301=$SUT_PID; it_track $SUT_PID
	sut_start "$REPO/fixtures/sipp/uas_405_ok.xml" $t 127.0.0.1
	p405=$SUT_PORT; it_track $SUT_PID
	cat >"$IT_TMP/s301.yaml" <<YAML
suite: conformant-301
target: {host: 127.0.0.1, port: $p301, transport: $t}
tests:
  - id: moved
    request_uri: sip:alice@example.com
    expect: 301
    contact: sip:alice@new.example.com
  - id: moved-invite
    request_uri: sip:alice@example.com
    method: INVITE
    expect: 301
YAML
	cat >"$IT_TMP/s405.yaml" <<YAML
suite: conformant-405
target: {host: 127.0.0.1, port: $p405, transport: $t}
tests:
  - id: no-message
    request_uri: sip:bob@example.com
    method: MESSAGE
    expect: 405
    allow: [INVITE, ACK, CANCEL, BYE, OPTIONS]
YAML
	run_sc run "$IT_TMP/s301.yaml" "$IT_TMP/s405.yaml" --junit "$IT_TMP/j.xml" \
		--tap "$IT_TMP/t.tap" --evidence "$IT_TMP/ev-$t" --timeout 3
	assert_rc 0
	assert_grep "$IT_TMP/out" "3 tests: 3 passed, 0 failed"
	assert_junit "$IT_TMP/j.xml"
	assert_tap "$IT_TMP/t.tap" 3 0
	# Evidence: the bytes sent and received, the scenario, SIPp's stderr.
	d=$(ls -d "$IT_TMP/ev-$t"/conformant-301/*-moved-invite)
	ls "$d" | grep -q 'sent.sip' || fail "no sent bytes in $d"
	ls "$d" | grep -q 'received.sip' || fail "no received bytes in $d"
	[ -s "$d/scenario.xml" ] || fail "no scenario in $d"
	[ -e "$d/sipp.stderr" ] || fail "no sipp.stderr in $d"
	# INVITE got its ACK (RFC 3261 §17.1.1.3)
	grep -l '^ACK ' "$d"/*-sent.sip >/dev/null || fail "no ACK sent for the INVITE's 301"
	# TAP on stdout: the summary moves to stderr, stdout is pure TAP.
	run_sc run "$IT_TMP/s301.yaml" --tap - --evidence "$IT_TMP/ev2-$t" --timeout 3
	assert_rc 0
	assert_tap "$IT_TMP/out" 2 0
	assert_grep "$IT_TMP/err" "2 tests: 2 passed"
	sut_stop; SUT_PID=$pid301; sut_stop
done
