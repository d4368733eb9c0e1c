# The TLS tunnel is stopped by its PID however the run ends: on SIGTERM
# while a test waits for an answer over TLS (exit 4; Kamailio never answers
# a lower-case 'ack', fixtures/kamailio/README.md), and when preflight
# refuses the run after the tunnel started (a report that cannot be
# opened: exit 2).  While the run waits, the tunnel is there (so the
# checks for its absence can fail).
. "$IT_DIR/lib.sh"
set -e
kam_start --tls
cat >"$IT_TMP/s.yaml" <<EOS
suite: tls-stop
target: {host: 127.0.0.1, port: $SUT_TLS_PORT, transport: tls}
tests:
  - id: answered
    request_uri: sip:control@example.com
    method: XYZZY
    expect: 501
  - id: silent
    request_uri: sip:control@example.com
    method: ack
    expect: 501
EOS

"$BIN" run "$IT_TMP/s.yaml" --tls-ca "$SUT_CA" --timeout 30 --tap "$IT_TMP/t.tap" \
	--evidence "$IT_TMP/ev" >"$IT_TMP/out" 2>"$IT_TMP/err" &
RUN_PID=$!
it_track $RUN_PID
conf="$IT_TMP/ev/tls-1/stunnel.conf"
for i in $(seq 200); do
	[ -f "$IT_TMP/t.tap" ] && grep -q '^ok 1 - answered' "$IT_TMP/t.tap" && break
	sleep 0.05
done
grep -q '^ok 1 - answered' "$IT_TMP/t.tap" || { cat "$IT_TMP/out" "$IT_TMP/err"; fail "the first test never finished"; }
spid=$(pgrep -f "$conf") || fail "no stunnel with $conf while the run waits"
kill -TERM "$RUN_PID"
set +e; wait "$RUN_PID"; RC=$?; set -e
assert_rc 4
assert_grep "$IT_TMP/out" "stopped: SIGTERM stopped the run during test 'silent'"
! kill -0 "$spid" 2>/dev/null || fail "stunnel $spid still runs after the stop"
! pgrep -f "$conf" >/dev/null || fail "stunnel left running"
# Stopped by the harness (SIGTERM, logged), not by the kernel's SIGKILL
# when the harness exited (sipp/child.h's safety net, which logs nothing).
assert_grep "$IT_TMP/ev/tls-1/stunnel.log" 'LOG5\[ui\]: Terminated'

# Preflight refuses the run after the tunnel started: no tunnel left.
run_sc run "$IT_TMP/s.yaml" --tls-ca "$SUT_CA" --tap "$IT_TMP/no-such-dir/t.tap" --evidence "$IT_TMP/ev2"
assert_rc 2
assert_grep "$IT_TMP/err" "^sipconform: --tap $IT_TMP/no-such-dir/t\.tap: "
[ -f "$IT_TMP/ev2/tls-1/stunnel.conf" ] || fail "the tunnel never started"
! pgrep -f "$IT_TMP/ev2/tls-1/stunnel.conf" >/dev/null || fail "stunnel left running after the refusal"
assert_grep "$IT_TMP/ev2/tls-1/stunnel.log" 'LOG5\[ui\]: Terminated'
