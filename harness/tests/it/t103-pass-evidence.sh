# Pass evidence (issue 12, points 1 and 6): against the Kamailio reference
# SUT, every test -- a pass too -- records the checks evaluated with their
# outcomes and the bytes sent and received: in TAP, the YAML block of its
# "ok" line; in JUnit, the suite's <system-out>, every line headed by the
# test's id (the strict schema allows no <system-out> in a <testcase>).
# A test point's description is its id alone, an error's text is in the
# block.  prove and xmllint --schema read both.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e
kam_start
KAM_PORT=$SUT_PORT
sut_start "$REPO/fixtures/sipp/uas_silent.xml" udp 127.0.0.1
it_track $SUT_PID
cat >"$IT_TMP/k.yaml" <<YAML
suite: kam
target: {host: 127.0.0.1, port: $KAM_PORT}
tests:
  - id: moved-options
    request_uri: sip:moved@example.com
    method: OPTIONS
    expect: 301
    contact: sip:alice-new@new.example.com
  - id: nomethods-message
    request_uri: sip:nomethods@example.com
    method: MESSAGE
    expect: 405
    allow: [INVITE, ACK, CANCEL, BYE, OPTIONS]
YAML
cat >"$IT_TMP/s.yaml" <<YAML
suite: quiet
target: {host: 127.0.0.1, port: $SUT_PORT}
tests:
  - id: silent
    request_uri: sip:bob@example.com
    method: MESSAGE
    expect: 405
YAML
run_sc run "$IT_TMP/k.yaml" "$IT_TMP/s.yaml" --junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" \
	--evidence "$IT_TMP/ev" --timeout 1
assert_rc 1
assert_grep "$IT_TMP/out" "PASS +moved-options"
assert_grep "$IT_TMP/out" "PASS +nomethods-message"
assert_grep "$IT_TMP/out" "ERROR +silent"
assert_tap "$IT_TMP/t.tap" 2 1
assert_junit "$IT_TMP/j.xml"

# TAP: "ok N - ID" alone; the block of each pass lists its checks and quotes
# the request and the answer as literal blocks.
assert_grep "$IT_TMP/t.tap" '^ok 1 - moved-options$'
assert_grep "$IT_TMP/t.tap" '^ok 2 - nomethods-message$'
assert_grep "$IT_TMP/t.tap" '^not ok 3 - silent$'
block() { sed -n "/^$1\$/,/^  \\.\\.\\.\$/p" "$IT_TMP/t.tap"; }
for t in "ok 1 - moved-options:OPTIONS:301" "ok 2 - nomethods-message:MESSAGE:405"; do
	line=${t%%:*} rest=${t#*:}
	m=${rest%%:*} code=${rest#*:}
	b=$(block "$line")
	echo "$b" | grep -q '^  verdict: pass$' || fail "$line: no verdict"
	echo "$b" | grep -Eq '^    passed: [1-9]' || fail "$line: no passed checks counted"
	echo "$b" | grep -q "^      outcome: pass$" || fail "$line: no passing check listed"
	echo "$b" | grep -q "^    - label: 'sent #1 ($m, UDP)'$" || { echo "$b"; fail "$line: request not quoted"; }
	echo "$b" | grep -q "^    - label: 'received #1 ($code, UDP)'$" || { echo "$b"; fail "$line: answer not quoted"; }
	echo "$b" | grep -q "^        $m sip:.* SIP/2.0\\\\r\\\\n$" || { echo "$b"; fail "$line: request line not in a literal block"; }
	echo "$b" | grep -q "^        SIP/2.0 $code .*\\\\r\\\\n$" || { echo "$b"; fail "$line: status line not in a literal block"; }
done
# The error: its text in the block, not in the description.
b=$(block "not ok 3 - silent")
echo "$b" | grep -q '^  verdict: error$' || { echo "$b"; fail "silent: no error verdict"; }
echo "$b" | grep -Eq "^  message: '.*no final response" || { echo "$b"; fail "silent: no error message"; }
assert_nogrep "$IT_TMP/t.tap" '^(not )?ok [0-9]+ - [^ ]+[: ]'

# JUnit: a passing <testcase> is empty; its checks and messages are in the
# suite's <system-out>, every line headed by its id.
assert_grep "$IT_TMP/j.xml" '<testcase name="moved-options" classname="kam" time="[0-9.]+"/>'
assert_grep "$IT_TMP/j.xml" '(^|<system-out>)\[moved-options\] PASS RFC3261-21.3.2-'
assert_grep "$IT_TMP/j.xml" '^\[moved-options\] --- sent #1 \(OPTIONS, UDP\) ---$'
assert_grep "$IT_TMP/j.xml" '^\[moved-options\] OPTIONS sip:moved@example.com SIP/2.0\\r\\n$'
assert_grep "$IT_TMP/j.xml" '^\[moved-options\] --- received #1 \(301, UDP\) ---$'
assert_grep "$IT_TMP/j.xml" '^\[moved-options\] SIP/2.0 301 .*\\r\\n$'
assert_grep "$IT_TMP/j.xml" '^\[moved-options\] Contact: .*alice-new@new.example.com'
assert_grep "$IT_TMP/j.xml" '^\[nomethods-message\] --- received #1 \(405, UDP\) ---$'
assert_grep "$IT_TMP/j.xml" '^\[nomethods-message\] Allow: '
assert_grep "$IT_TMP/j.xml" "^\\[moved-options\\] evidence directory: $IT_TMP/ev/"
# The JUnit and the TAP list as many checks for each pass.
for t in moved-options nomethods-message; do
	nj=$(grep -Ec "(^|<system-out>)\\[$t\\] (PASS|FAIL|WARN|NA) " "$IT_TMP/j.xml")
	nt=$(sed -n "/ - $t\$/,/^  \\.\\.\\.\$/p" "$IT_TMP/t.tap" | grep -c '^    - id: ')
	[ "$nj" -eq "$nt" ] && [ "$nj" -ge 5 ] || fail "$t: JUnit lists $nj checks, TAP $nt"
done
note "passes carry their checks and both messages in TAP and JUnit; the error's text is in its block"
