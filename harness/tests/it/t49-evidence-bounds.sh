# Evidence isolation, report bounds, the terminal.
#  - Two runs on one --evidence: the second is refused (exit 3) while the
#    first holds the directory; the first is not disturbed.
#  - What an earlier run left in a test's directory is gone before the
#    test runs: nothing stale passes for this run's evidence.
#  - A SUT sending 60 provisional responses and a final with a 30 KB body:
#    JUnit and TAP list a bounded excerpt and say what was cut; sizes noted.
#  - Bidi overrides and C1 controls from the SUT never reach the terminal raw.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e

# One run at a time per evidence directory.
sut_start "$REPO/fixtures/sipp/uas_silent.xml" udp 127.0.0.1
it_track $SUT_PID
SILENT=$SUT_PORT
cat >"$IT_TMP/silent.yaml" <<YAML
suite: silent
target: {host: 127.0.0.1, port: $SILENT}
tests:
  - id: waits
    request_uri: sip:bob@example.com
    expect: 301
YAML
"$BIN" run "$IT_TMP/silent.yaml" --tap "$IT_TMP/first.tap" --evidence "$IT_TMP/shared" --timeout 3 \
	>"$IT_TMP/first.out" 2>&1 &
first=$!
it_track $first
for i in $(seq 100); do
	[ -e "$IT_TMP/shared/silent/001-waits/messages.log" ] && break
	sleep 0.05
done
run_sc run "$IT_TMP/silent.yaml" --tap "$IT_TMP/second.tap" --evidence "$IT_TMP/shared" --timeout 3
assert_rc 3
assert_grep "$IT_TMP/err" "evidence directory $IT_TMP/shared is in use by another run \(locked\): give each run its own --evidence"
[ ! -e "$IT_TMP/second.tap" ] || fail "the refused run wrote a report"
set +e; wait $first; rc=$?; set -e
[ "$rc" -eq 1 ] || { cat "$IT_TMP/first.out"; fail "the first run ended $rc, expected 1 (silent SUT)"; }
assert_tap "$IT_TMP/first.tap" 0 1
# Afterwards the directory is free again, and the stale files of the first run go.
d="$IT_TMP/shared/silent/001-waits"
echo stale >"$d/09-received.sip"
echo stale >"$d/messages.log"
mkdir -p "$d/probe_OPTIONS"
echo stale >"$d/probe_OPTIONS/01-received.sip"
run_sc run "$IT_TMP/silent.yaml" --evidence "$IT_TMP/shared" --timeout 1
assert_rc 1
[ ! -e "$d/09-received.sip" ] || fail "a stale evidence file survived"
[ ! -e "$d/probe_OPTIONS" ] || fail "a stale evidence directory survived"
! grep -q stale "$d/messages.log" 2>/dev/null || fail "a stale message log survived"
sut_stop

# A flood of provisionals and a big final: bounded excerpts.
body=$(awk 'BEGIN { for (i = 0; i < 480; i++) printf "line %04d of a body that is far too long for a report...\n", i }')
cat >"$IT_TMP/flood.xml" <<XML
<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="flood">
  <recv request=".*" regexp_match="true"/>
  <nop><action><assign assign_to="n" value="0"/></action></nop>
  <label id="more"/>
  <send><![CDATA[
SIP/2.0 100 Trying
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0

]]></send>
  <nop>
    <action>
      <add assign_to="n" value="1"/>
      <test assign_to="again" variable="n" compare="less_than" value="60"/>
    </action>
  </nop>
  <nop next="more" test="again"/>
  <send><![CDATA[
SIP/2.0 404 Not Found
[last_Via:]
[last_From:]
[last_To:];tag=[pid]sut[call_number]
[last_Call-ID:]
[last_CSeq:]
Content-Type: text/plain
Content-Length: [len]

$body
]]></send>
</scenario>
XML
sut_start "$IT_TMP/flood.xml" tcp 127.0.0.1 || fail "the flood SUT did not start"
it_track $SUT_PID
cat >"$IT_TMP/flood.yaml" <<YAML
suite: flood
target: {host: 127.0.0.1, port: $SUT_PORT, transport: tcp}
tests:
  - id: flood
    request_uri: sip:bob@example.com
    method: MESSAGE
    expect: 405
YAML
run_sc run "$IT_TMP/flood.yaml" --junit "$IT_TMP/f.xml" --tap "$IT_TMP/f.tap" --evidence "$IT_TMP/fev" --timeout 3
assert_rc 1
assert_junit "$IT_TMP/f.xml"
prove -e cat "$IT_TMP/f.tap" >"$IT_TMP/prove" 2>&1 || true
assert_nogrep "$IT_TMP/prove" 'Parse errors'
msgs=$(ls "$IT_TMP/fev/flood/001-flood" | grep -cE '^[0-9]+-(sent|received)\.sip$')
logged=$(grep -cE '^(TCP|UDP) message (sent|received)' "$IT_TMP/fev/flood/001-flood/messages.log")
jsize=$(wc -c <"$IT_TMP/f.xml")
tsize=$(wc -c <"$IT_TMP/f.tap")
note "SUT sent 60 x 100 Trying + a 404 with a $(printf '%s\n' "$body" | wc -c)-byte body: $msgs frames in evidence; JUnit $jsize bytes, TAP $tsize bytes"
# Every frame SIPp logged is in the evidence (within its bounds), and
# there are more than a report lists (32), so the reports must cut.  (How
# many of the 62 arrive is the SUT's SIPp's business: on a loaded machine
# it has been seen to drop part of its TCP flood, 34 frames.)
[ "$msgs" -eq "$logged" ] || fail "SIPp logged $logged frames, the evidence holds $msgs"
[ "$msgs" -gt 32 ] || fail "expected the flood in the evidence, got $msgs frames"
assert_grep "$IT_TMP/f.xml" '\.\.\.\[cut: [0-9]+ more bytes\]'
assert_grep "$IT_TMP/f.xml" '\[report cut: [0-9]+ of [0-9]+ messages not listed, [0-9]+ quoted in part, [0-9]+ bytes not quoted \(limits: '
assert_grep "$IT_TMP/f.xml" '<property name="report.cut" value="[0-9]+ messages not listed'
assert_grep "$IT_TMP/f.tap" "^  cut: '[0-9]+ of [0-9]+ messages not listed"
assert_grep "$IT_TMP/f.tap" '^        \.\.\.\[cut: [0-9]+ more bytes\]$'
assert_grep "$IT_TMP/f.tap" '^# report cut: '
[ "$(grep -c -- '^--- ' "$IT_TMP/f.xml")" -le 32 ] || fail "JUnit lists more than 32 messages"
[ "$jsize" -lt 160000 ] && [ "$tsize" -lt 160000 ] || fail "reports too big: $jsize / $tsize bytes"
sut_stop

# Bidi overrides and C1 controls in the SUT's reason phrase: '?' on the terminal.
printf '%s\n' '<?xml version="1.0" encoding="ISO-8859-1" ?>' \
	'<scenario name="bidi">' \
	'  <recv request=".*" regexp_match="true"/>' \
	'  <send><![CDATA[' \
	"SIP/2.0 499 x$(printf '\342\200\256')evil$(printf '\342\201\246')y$(printf '\302\233')31mz" \
	'[last_Via:]' '[last_From:]' '[last_To:];tag=[pid]sut[call_number]' '[last_Call-ID:]' '[last_CSeq:]' \
	'Content-Length: 0' '' ']]></send>' '</scenario>' >"$IT_TMP/bidi.xml"
sut_start "$IT_TMP/bidi.xml" udp 127.0.0.1 || fail "the bidi SUT did not start"
it_track $SUT_PID
cat >"$IT_TMP/bidi.yaml" <<YAML
suite: bidi
target: {host: 127.0.0.1, port: $SUT_PORT}
tests:
  - id: bidi
    request_uri: sip:bob@example.com
    method: MESSAGE
    expect: 405
YAML
run_sc run "$IT_TMP/bidi.yaml" --evidence "$IT_TMP/bev" --timeout 3
assert_rc 1
assert_grep "$IT_TMP/out" 'evil'
for seq in '\342\200\256' '\342\201\246' '\302\233'; do
	! LC_ALL=C grep -q "$(printf "$seq")" "$IT_TMP/out" "$IT_TMP/err" || fail "raw $seq reached the terminal"
done
! LC_ALL=C grep -q "$(printf '[\001-\010\013\014\016-\037\177]')" "$IT_TMP/out" || fail "raw control byte on the terminal"
