# The default suites against the Kamailio reference SUT: every test passes
# (IPv4 and IPv6, UDP and TCP, INVITE with its ACK, follow, probes).
. "$IT_DIR/lib.sh"
set -e
kam_start
run_sc run "$REPO/suites/kamailio.yaml" "$REPO/suites/kamailio-ipv6.yaml" --port "$SUT_PORT" \
	--junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" --evidence "$IT_TMP/ev"
assert_rc 0
n=$(grep -c '^ok ' "$IT_TMP/t.tap")
[ "$n" -ge 50 ] || fail "only $n tests ran"
assert_grep "$IT_TMP/out" "$n tests: $n passed, 0 failed, 0 errors"
assert_junit "$IT_TMP/j.xml"
assert_tap "$IT_TMP/t.tap" "$n" 0
assert_grep "$IT_TMP/out" "target \[::1\]:$SUT_PORT"
# The INVITE's 301 got its ACK, over UDP and over IPv6 TCP.
for d in "$IT_TMP"/ev/kamailio-reference/*-moved-invite "$IT_TMP"/ev/kamailio-reference-ipv6/*-v6-moved_INVITE_tcp; do
	grep -l '^ACK ' "$d"/*-sent.sip >/dev/null || fail "no ACK in $d"
done
# follow and probes really sent their requests.
ls -d "$IT_TMP"/ev/kamailio-reference/*-moved-follow/follow_1.1 >/dev/null || fail "follow not run"
ls -d "$IT_TMP"/ev/kamailio-reference/*-nomethods-message/probe_OPTIONS >/dev/null || fail "probe not run"
kam_stop
