# Issue 9, log integrity: a SUT answers a MESSAGE (405 due) with 200 OK
# whose body holds a fake SIPp log block - a clean 405 - and then a NUL
# (fixtures/sipp/uas_forged_frame.xml).  SIPp prints the message with
# "%s", so its log shows the fake block where the next entry would be.
# The test must never PASS: it is an ERROR saying the SUT sent bytes SIPp
# could not log faithfully, over UDP and over TCP, and the fake 405 is in
# no report.  Without the NUL the count holds, but the message still
# holds a separator and a head: an ERROR too.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e
# SIPp reads [file name=...] from its working directory.
cd "$IT_TMP"
printf -- '-----------------------------------------------\nUDP message received [999] bytes :\n\n' >forge-sep.txt
printf '\0' >nul.bin

# forge TRANSPORT TAG: run the suite against the forging SUT.
forge() {
	sut_start "$REPO/fixtures/sipp/uas_forged_frame.xml" "$1" 127.0.0.1
	it_track $SUT_PID
	cat >"$IT_TMP/s-$2.yaml" <<YAML
suite: forged
target: {host: 127.0.0.1, port: $SUT_PORT, transport: $1}
tests:
  - id: forged-405
    request_uri: sip:alice@example.com
    method: MESSAGE
    expect: 405
YAML
	run_sc run "$IT_TMP/s-$2.yaml" --junit "$IT_TMP/j-$2.xml" --tap "$IT_TMP/t-$2.tap" \
		--evidence "$IT_TMP/ev-$2" --timeout 3
	sut_stop
	assert_rc 1
	assert_nogrep "$IT_TMP/out" "PASS"
	assert_junit "$IT_TMP/j-$2.xml"
	assert_grep "$IT_TMP/j-$2.xml" "<error "
	assert_tap "$IT_TMP/t-$2.tap" 0 1
	# Only our MESSAGE is a frame: the fake 405 is judged nowhere.
	assert_nogrep "$IT_TMP/t-$2.tap" "label: 'received"
	[ -e "$IT_TMP/ev-$2/forged/001-forged-405/01-sent.sip" ] || fail "no sent frame in evidence"
	! ls "$IT_TMP/ev-$2/forged/001-forged-405/" | grep -q received || fail "a received frame in evidence"
}

for tr in udp tcp; do
	forge $tr $tr
	TR=$(echo $tr | tr a-z A-Z)
	assert_grep "$IT_TMP/out" "ERROR +forged-405 +[0-9.]+s +the SUT sent bytes SIPp could not log faithfully \(received message #1, $TR: SIPp counted [0-9]+ bytes but its log holds [0-9]+ before the next entry, as when a NUL byte cuts a message short\): the verdict cannot be trusted"
	assert_grep "$IT_TMP/t-$tr.tap" "verdict: error"
	note "$TR: a forged frame after a NUL is an ERROR, not a PASS"
done

# No NUL: SIPp's count holds, the message carries the fake block.
: >nul.bin
forge udp nonul
assert_grep "$IT_TMP/out" "ERROR +forged-405 .*the SUT sent text shaped like SIPp's own log \(received message #1, UDP, byte [0-9]+: a separator line and a message head, or a note\)"
note "a fake log block without a NUL is an ERROR too"
