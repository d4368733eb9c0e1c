# The capability probe against the Kamailio reference SUT (issue 10,
# point 6): the default suites stay all-pass with the probe on; one probe
# per target and transport is sent for the whole run (UDP and TCP, IPv4
# and IPv6: four), kept as evidence in 000-probe-<transport>; a 501 to an
# unknown method is checked against Kamailio's own Allow (passes); an
# 'expect: 200' of its OPTIONS answer passes, the Request-URI naming it.
. "$IT_DIR/lib.sh"
set -e
kam_start
run_sc run "$REPO/suites/kamailio.yaml" "$REPO/suites/kamailio-ipv6.yaml" --port "$SUT_PORT" \
	--junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" --evidence "$IT_TMP/ev"
assert_rc 0
n=$(grep -c '^ok ' "$IT_TMP/t.tap")
assert_grep "$IT_TMP/out" "$n tests: $n passed, 0 failed, 0 errors"
for d in kamailio-reference/000-probe-udp kamailio-reference/000-probe-tcp \
	kamailio-reference-ipv6/000-probe-udp kamailio-reference-ipv6/000-probe-tcp; do
	[ -d "$IT_TMP/ev/$d" ] || fail "no probe evidence $d"
	grep -q "^OPTIONS sip:" "$IT_TMP/ev/$d/messages.log" || fail "no OPTIONS in $d"
done
[ "$(ls -d "$IT_TMP"/ev/*/000-probe-* | wc -l)" -eq 4 ] || fail "expected 4 probes"
grep -q "^OPTIONS sip:\\[::1\\]:" "$IT_TMP"/ev/kamailio-reference-ipv6/000-probe-udp/messages.log ||
	fail "IPv6 probe URI not in brackets"
assert_check "$IT_TMP/t.tap" control-unknown-method RFC3261-21.5.2-501-BUT-ALLOWED pass

cat >"$IT_TMP/s.yaml" <<YAML
suite: kam200
target: {host: 127.0.0.1, port: $SUT_PORT}
tests:
  - id: options
    request_uri: sip:127.0.0.1:$SUT_PORT
    expect: 200
YAML
run_sc run "$IT_TMP/s.yaml" --tap "$IT_TMP/t2.tap" --evidence "$IT_TMP/ev2"
assert_rc 0
assert_grep "$IT_TMP/out" "PASS +options"
assert_check "$IT_TMP/t2.tap" options RFC3261-11.2-ALLOW-PRESENT pass
kam_stop
