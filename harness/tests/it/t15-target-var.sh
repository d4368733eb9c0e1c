# ${target} in a Request-URI becomes the effective target (after --port),
# IPv6 in brackets, before anything is sent; a result that breaks the
# suite's rules is a usage error (2) naming the place.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e

sut_start "$REPO/fixtures/sipp/uas_301_ok.xml" udp 127.0.0.1
p4=$SUT_PORT; it_track $SUT_PID
sut_start "$REPO/fixtures/sipp/uas_301_ok.xml" udp ::1
p6=$SUT_PORT; it_track $SUT_PID

cat >"$IT_TMP/s.yaml" <<YAML
suite: temp
target: {host: 127.0.0.1, port: 9}
tests:
  - id: own-address
    request_uri: "sip:alice@\${target}"
    expect: 301
YAML
# --port overrides the suite's port: the URI must carry the new one.
run_sc run "$IT_TMP/s.yaml" --port "$p4" --evidence "$IT_TMP/ev4" --timeout 3
assert_rc 0
assert_grep "$IT_TMP/out" "PASS +own-address "
grep -rl "^OPTIONS sip:alice@127.0.0.1:$p4 SIP/2.0" "$IT_TMP/ev4" >/dev/null ||
	fail "the request did not name sip:alice@127.0.0.1:$p4"
note "\${target} with --port: sip:alice@127.0.0.1:$p4"

run_sc run "$IT_TMP/s.yaml" --target "[::1]:$p6" --evidence "$IT_TMP/ev6" --timeout 3
assert_rc 0
grep -rl "^OPTIONS sip:alice@\[::1\]:$p6 SIP/2.0" "$IT_TMP/ev6" >/dev/null ||
	fail "the request did not name sip:alice@[::1]:$p6"
note "\${target} with an IPv6 --target: sip:alice@[::1]:$p6"

# No literal ${target} ever reaches the SUT.
! grep -rq '\${target}' "$IT_TMP/ev4" "$IT_TMP/ev6" || fail 'a literal ${target} was sent'
