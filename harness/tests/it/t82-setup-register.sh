# Setup and teardown (issue 10 point 3) against fixtures/kamailio/
# registrar.cfg, whose 405 (with the Allow of the REGISTER) exists only
# for an address-of-record registered with an Allow, and only at its own
# address:port (${target}).  With the setup step the 405 test passes and
# the binding is gone after the run (Expires: 0, also when a later step
# failed); without it the test does not pass; a failed step makes every
# test ERROR with its reason; the steps' exchanges are in the evidence.
. "$IT_DIR/lib.sh"
. "$REPO/fixtures/kamailio/trace.sh"
set -e

kam_start "$KAM/registrar.cfg"
P=$SUT_PORT
ME=127.0.0.1:$P
ask() { uac_run -m "$1" "$P" "$KAM/manual/auth-request.xml" -key ruri "$2"; }

suite() {   # suite FILE SETUP-YAML
	cat >"$1" <<YAML
suite: registrar
target: {host: 127.0.0.1, port: 9}
$2
tests:
  - id: alice-message
    request_uri: sip:alice@\${target}
    method: MESSAGE
    expect: 405
    allow: [INVITE, ACK, CANCEL, BYE, OPTIONS]
  - id: alice-subscribe-tcp
    request_uri: sip:alice@\${target}
    method: SUBSCRIBE
    transport: tcp
    expect: 405
    allow: [INVITE, ACK, CANCEL, BYE, OPTIONS]
YAML
}
suite "$IT_TMP/with.yaml" "setup:
  - register:
      uri: sip:alice@\${target}
      contact: sip:alice@127.0.0.1:5099
      allow: [INVITE, ACK, CANCEL, BYE, OPTIONS]
      expires: 600"
suite "$IT_TMP/without.yaml" ""
# Step 1 registers bob, step 2 fails (a foreign registrar host: 403).
suite "$IT_TMP/failing.yaml" "setup:
  - register:
      uri: sip:bob@\${target}
      allow: [INVITE, ACK]
  - register:
      uri: sip:alice@example.com
      allow: [INVITE, ACK, CANCEL, BYE, OPTIONS]"

# Without the setup step: the AOR is unknown (404), the test cannot pass.
run_sc run "$IT_TMP/without.yaml" --port "$P" --evidence "$IT_TMP/ev0" --timeout 3
assert_rc 1
assert_grep "$IT_TMP/out" "0 passed"
[ ! -d "$IT_TMP/ev0/registrar/000-setup" ] || fail "a setup directory without setup steps"

# With it: both pass; REGISTER with Allow and Expires, later Expires: 0.
run_sc run "$IT_TMP/with.yaml" --port "$P" --evidence "$IT_TMP/ev" --tap "$IT_TMP/t.tap" --timeout 3
assert_rc 0
assert_grep "$IT_TMP/out" "2 tests: 2 passed"
s=$IT_TMP/ev/registrar/000-setup
for want in "^REGISTER sip:$ME SIP/2.0" "^To: <sip:alice@$ME>" "^From: <sip:alice@$ME>;tag=" \
	'^Contact: <sip:alice@127.0.0.1:5099>' '^Allow: INVITE, ACK, CANCEL, BYE, OPTIONS' \
	'^Expires: 600' '^SIP/2.0 200 OK'; do
	grep -q -- "$want" "$s/register-1/messages.log" || fail "register-1: no /$want/"
done
grep -q '^Expires: 0' "$s/unregister-1/messages.log" || fail "unregister-1: no Expires: 0"
grep -q '^SIP/2.0 200 OK' "$s/unregister-1/messages.log" || fail "unregister-1: no 200"
# The binding is gone: the AOR is unknown again.
ask MESSAGE "sip:alice@$ME"
trace_expect "after the run" "404"
note "setup REGISTER with Allow: 2 PASS; Expires: 0 after the run, alice is 404 again"

# A failed step: every test is an ERROR with its reason, nothing sent;
# what step 1 registered is unregistered anyway.
run_sc run "$IT_TMP/failing.yaml" --port "$P" --evidence "$IT_TMP/evf" --timeout 3
assert_rc 1
assert_grep "$IT_TMP/out" "ERROR alice-message .*setup step 2 \(register sip:alice@example.com\) failed: got 403"
assert_grep "$IT_TMP/out" "ERROR alice-subscribe-tcp .*setup step 2"
[ ! -e "$IT_TMP/evf/registrar/001-alice-message/messages.log" ] || fail "a test ran after a failed setup"
grep -q '^SIP/2.0 200 OK' "$IT_TMP/evf/registrar/000-setup/register-1/messages.log" || fail "step 1 did not register"
grep -q '^SIP/2.0 403' "$IT_TMP/evf/registrar/000-setup/register-2/messages.log" || fail "step 2's 403 not in the evidence"
grep -q '^Expires: 0' "$IT_TMP/evf/registrar/000-setup/unregister-1/messages.log" || fail "step 1 not undone"
[ ! -d "$IT_TMP/evf/registrar/000-setup/unregister-2" ] || fail "the failed step was undone"
ask MESSAGE "sip:bob@$ME"
trace_expect "bob after the failed setup" "404"
note "failed setup step: ERROR with its reason; step 1 undone"
