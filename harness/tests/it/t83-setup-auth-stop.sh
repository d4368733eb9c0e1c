# Setup behind a challenge (fixtures/kamailio/registrar-auth.cfg: REGISTER
# gets 401, everything else 407) and teardown after a stop: the REGISTER
# answers the 401 with the step's (here the suite's) credentials, the
# tests their 407; without credentials the step fails with the reason;
# when --max-time stops the run the binding is still removed.
. "$IT_DIR/lib.sh"
. "$REPO/fixtures/kamailio/trace.sh"
set -e

kam_start "$KAM/registrar-auth.cfg"
P=$SUT_PORT
ME=127.0.0.1:$P

suite() {   # suite FILE AUTH-LINE [REPEAT]
	cat >"$1" <<YAML
suite: registrar-auth
target: {host: 127.0.0.1, port: 9}
$2
setup:
  - register:
      uri: sip:carol@\${target}
      contact: sip:carol@127.0.0.1:5099
      allow: [INVITE, ACK, CANCEL, BYE, OPTIONS]
tests:
  - id: carol-message
    request_uri: sip:carol@\${target}
    method: MESSAGE
    expect: 405
    allow: [INVITE, ACK, CANCEL, BYE, OPTIONS]
YAML
	# [N]: N more tests of 100 requests each, to be stopped in the middle.
	for i in $(seq 1 "${3:-0}"); do
		cat >>"$1" <<YAML
  - id: carol-message-$i
    request_uri: sip:carol@\${target}
    method: MESSAGE
    expect: 405
    repeat: 100
YAML
	done
}
suite "$IT_TMP/auth.yaml" "auth: {user: tester, password_env: T83_PW}"
suite "$IT_TMP/none.yaml" ""
suite "$IT_TMP/long.yaml" "auth: {user: tester, password_env: T83_PW}" 20

T83_PW=s3cret run_sc run "$IT_TMP/auth.yaml" --port "$P" --evidence "$IT_TMP/ev" --timeout 3
assert_rc 0
assert_grep "$IT_TMP/out" "1 tests: 1 passed"
s=$IT_TMP/ev/registrar-auth/000-setup
grep -q '^SIP/2.0 401' "$s/register-1/messages.log" || fail "REGISTER was not challenged"
grep -q '^Authorization: Digest username="tester"' "$s/register-1/messages.log" || fail "REGISTER retry without credentials"
grep -q '^Authorization: Digest' "$s/unregister-1/messages.log" || fail "unregister without credentials"
[ -z "$(find "$IT_TMP/ev" -name credentials.csv)" ] || fail "a credentials file was left"
! grep -rq s3cret "$IT_TMP/ev" "$IT_TMP/out" || fail "the password leaked"
note "REGISTER through the 401, MESSAGE through the 407: PASS"

run_sc run "$IT_TMP/none.yaml" --port "$P" --evidence "$IT_TMP/ev0" --timeout 3
assert_rc 1
assert_grep "$IT_TMP/out" "ERROR carol-message .*setup step 1 \(register sip:carol@127.0.0.1:$P\) failed: challenged \(401\) and no credentials were given"
note "no credentials: the setup step fails with the reason"

# A stop in the middle of a test: the registration is undone all the same.
T83_PW=s3cret run_sc run "$IT_TMP/long.yaml" --port "$P" --evidence "$IT_TMP/evs" --timeout 3 --max-time 1
assert_rc 5
grep -q '^SIP/2.0 200 OK' "$IT_TMP/evs/registrar-auth/000-setup/register-1/messages.log" || fail "not registered"
grep -q '^Expires: 0' "$IT_TMP/evs/registrar-auth/000-setup/unregister-1/messages.log" || fail "not unregistered after the stop"
grep -q '^SIP/2.0 200 OK' "$IT_TMP/evs/registrar-auth/000-setup/unregister-1/messages.log" || fail "unregister not answered 200"
note "--max-time stop: Expires: 0 sent after the stop"
