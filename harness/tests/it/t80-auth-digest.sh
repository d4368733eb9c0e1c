# Digest authentication (issue 10 point 1) against the reference Kamailio
# behind a 401 challenge (fixtures/kamailio/auth.cfg: tester / s3cret).
# Right password: the challenge is answered once (CSeq 2, Authorization),
# an INVITE's challenge ACKed first, and the final after it judged as
# against the plain reference (PASS).  No credentials, or a wrong
# password: INCONCLUSIVE with the reason, never a FAIL blaming the
# challenge (judge/verdict.c; run/case.c case_challenged).  The password is in
# no argv, no evidence file, no report.
. "$IT_DIR/lib.sh"
set -e

kam_start "$REPO/fixtures/kamailio/auth.cfg"
P=$SUT_PORT

suite() {   # suite FILE [AUTH-LINE]
	cat >"$1" <<YAML
suite: behind-401
target: {host: 127.0.0.1, port: 9}
$2
tests:
  - id: moved-options
    request_uri: sip:moved@example.com
    expect: 301
    contact: sip:alice-new@new.example.com
    repeat: 2
  - id: moved-invite
    request_uri: sip:moved@example.com
    method: INVITE
    expect: 301
    contact: sip:alice-new@new.example.com
  - id: nomethods-message-tcp
    request_uri: sip:nomethods@example.com
    method: MESSAGE
    transport: tcp
    expect: 405
    allow: [INVITE, ACK, CANCEL, BYE, OPTIONS]
  - id: unknown-method
    request_uri: sip:control@example.com
    method: XYZZY
    expect: 501
YAML
}
suite "$IT_TMP/auth.yaml" "auth: {user: tester, password_env: T80_PW}"
suite "$IT_TMP/none.yaml" ""

# Right password: every test passes, each through exactly one challenge.
T80_PW=s3cret run_sc run "$IT_TMP/auth.yaml" --port "$P" --evidence "$IT_TMP/ev" \
	--tap "$IT_TMP/ok.tap" --junit "$IT_TMP/ok.xml" --timeout 3
assert_rc 0
assert_grep "$IT_TMP/out" "4 tests: 4 passed, 0 failed, 0 errors"
assert_junit "$IT_TMP/ok.xml"
d=$IT_TMP/ev/behind-401
for t in 001-moved-options 002-moved-invite 003-nomethods-message-tcp 004-unknown-method; do
	log=$d/$t/messages.log
	[ -f "$log" ] || fail "$t: no messages.log"
	grep -q '^SIP/2.0 401 ' "$log" || fail "$t: the challenge is not in the evidence"
	grep -q '^Authorization: Digest username="tester",.*qop=auth,.*algorithm=MD5' "$log" ||
		fail "$t: no Authorization with qop=auth, MD5"
	[ ! -e "$d/$t/credentials.csv" ] || fail "$t: the -inf file was left behind"
done
# Two calls, each: OPTIONS CSeq 1, 401, OPTIONS CSeq 2 with credentials, 301.
[ "$(grep -c '^CSeq: 2 OPTIONS' "$d/001-moved-options/messages.log")" -ge 4 ] ||
	fail "moved-options: not retried with CSeq 2 in both calls"
# INVITE: the challenge ACKed in its transaction (CSeq 1 ACK), the 301 too (CSeq 2 ACK).
grep -q '^CSeq: 1 ACK' "$d/002-moved-invite/messages.log" || fail "INVITE: challenge not ACKed"
grep -q '^CSeq: 2 ACK' "$d/002-moved-invite/messages.log" || fail "INVITE: the 301 not ACKed"
# The password is nowhere: not in the evidence, the reports or the output.
! grep -rq s3cret "$IT_TMP/ev" "$IT_TMP/ok.tap" "$IT_TMP/ok.xml" "$IT_TMP/out" "$IT_TMP/err" ||
	fail "the password leaked into evidence, reports or output"
note "right password: 4 PASS behind the 401, password in no file"

# The command line's credentials serve every test without its own.
T80_PW=s3cret run_sc run "$IT_TMP/none.yaml" --port "$P" --evidence "$IT_TMP/evc" \
	--auth-user tester --auth-password-env T80_PW --timeout 3
assert_rc 0
assert_grep "$IT_TMP/out" "4 tests: 4 passed"
run_sc run "$IT_TMP/none.yaml" --port "$P" --auth-user tester --timeout 3
assert_rc 2
assert_grep "$IT_TMP/err" "--auth-user and --auth-password-env go together"
note "--auth-user/--auth-password-env: 4 PASS"

# No credentials: the reason, never a FAIL blaming the challenge.
run_sc run "$IT_TMP/none.yaml" --port "$P" --evidence "$IT_TMP/ev0" --tap "$IT_TMP/none.tap" --timeout 3
assert_rc 1
assert_grep "$IT_TMP/out" "0 passed, 0 failed, 0 errors, 4 inconclusive"
assert_grep "$IT_TMP/out" "INCONCLUSIVE moved-invite .*challenged \(401\) and no credentials were given; the 301 under test could not be observed"
assert_grep "$IT_TMP/out" "INCONCLUSIVE moved-options .*challenged \(401\) and no credentials were given; the 301 under test could not be observed \(\+1 more refused answer\)"
assert_grep "$IT_TMP/none.tap" "^ok [0-9]+ - moved-invite # SKIP inconclusive: challenged \(401\)"
assert_nogrep "$IT_TMP/none.tap" "^not ok"
note "no credentials: INCONCLUSIVE 'challenged (401) and no credentials were given'"

# Wrong password: challenged again, once; the reason says so.
T80_PW=wrong run_sc run "$IT_TMP/auth.yaml" --port "$P" --evidence "$IT_TMP/evw" --timeout 3
assert_rc 1
assert_grep "$IT_TMP/out" "INCONCLUSIVE nomethods-message-tcp .*challenged \(401\) again after credentials were sent: the credentials were rejected"
assert_grep "$IT_TMP/out" "INCONCLUSIVE moved-invite .*challenged \(401\) again after credentials were sent: the credentials were rejected"
[ "$(grep -c '^Authorization:' "$IT_TMP/evw/behind-401/004-unknown-method/messages.log")" = 1 ] ||
	fail "wrong password: credentials sent more than once"
note "wrong password: INCONCLUSIVE 'the credentials were rejected'"

# The variable unset: the reason names it, nothing is sent.
run_sc run "$IT_TMP/auth.yaml" --port "$P" --evidence "$IT_TMP/evu" --timeout 3
assert_rc 1
assert_grep "$IT_TMP/out" "ERROR moved-options .*the password of tester \(environment variable T80_PW\)"
