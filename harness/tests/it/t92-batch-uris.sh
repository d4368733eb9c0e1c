# Batches against the reference Kamailio (run/batch.h): Request-URIs with
# ';' parameters and '?' headers go out through the -inf file split
# across fields and arrive whole; tests with repeat, follow and probes
# share a batch with plain ones; the per-test evidence holds each test's
# own frames only; verdicts equal --no-batch; a broken variant fails the
# same tests batched.
. "$IT_DIR/lib.sh"
set -e
. "$IT_DIR/batch.sh"
kam_start
cat >"$IT_TMP/s.yaml" <<YAML
suite: uris
target: {host: 127.0.0.1, port: $SUT_PORT}
tests:
  - {id: pilot, request_uri: "sip:moved@example.com", method: OPTIONS, expect: 301}
  - {id: p1, request_uri: "sip:moved@example.com;transport=udp", method: OPTIONS, expect: 301}
  - {id: p2, request_uri: "sip:alice@example.net;lr", method: OPTIONS, expect: 301, repeat: 3}
  - {id: p3, request_uri: "sip:moved@[::1]:5060;maddr=127.0.0.1", method: OPTIONS, expect: 301}
  - {id: q0, request_uri: "sip:moved@example.com", method: OPTIONS, expect: 301, follow: 2}
  - {id: q1, request_uri: "sip:moved@example.com?Subject=hi", method: OPTIONS, expect: 301,
     contact: sip:alice-new@new.example.com}
  - {id: q2, request_uri: "sip:alice@example.org?Subject=a%20b&Priority=urgent", method: OPTIONS, expect: 301}
  - {id: m0, request_uri: "sip:nomethods@example.com", method: MESSAGE, expect: 405,
     allow: [INVITE, ACK, CANCEL, BYE, OPTIONS], probe_options: true}
  - {id: m1, request_uri: "sip:nomethods@a.example.com;x=1;y", method: MESSAGE, expect: 405, repeat: 2}
  - {id: m2, request_uri: "sip:nomethods@b.example.com;x=2;z", method: MESSAGE, expect: 405}
  - {id: m3, request_uri: "sip:nomethods@c.example.com;x=3;w", method: MESSAGE, expect: 405,
     probe_allowed: true}
  - {id: m4, request_uri: "sip:nomethods@d.example.com", method: MESSAGE, expect: 405, repeat: 2,
     probe_options: true}
YAML
run_sc run "$IT_TMP/s.yaml" --tap "$IT_TMP/b.tap" --evidence "$IT_TMP/evb"
assert_rc 0
run_sc run "$IT_TMP/s.yaml" --tap "$IT_TMP/n.tap" --evidence "$IT_TMP/evn" --no-batch
assert_rc 0
assert_tap "$IT_TMP/b.tap" 12 0
norm "$IT_TMP/b.tap" >"$IT_TMP/b.norm"
norm "$IT_TMP/n.tap" >"$IT_TMP/n.norm"
diff "$IT_TMP/n.norm" "$IT_TMP/b.norm" || fail "batched and --no-batch differ"

ev=$IT_TMP/evb/uris
# Groups by the URI's number of ';': {pilot q0 q1 q2}: q1, q2 batched
# after the pilot, q0 too; {p1 p2 p3}: p1 is the pilot, p2 and p3 batched;
# {m1 m2 m3} likewise; m0 and m4 (no ';') are a group of two: alone.
for b in 1 2 3; do [ -f "$ev/batch-$b/index.tsv" ] || fail "no batch-$b"; done
[ ! -e "$ev/batch-4" ] || fail "a fourth batch ran"
cat "$ev"/batch-*/index.tsv >"$IT_TMP/index"
for t in 006-q1 007-q2 005-q0 003-p2 004-p3 010-m2 011-m3; do
	grep -q "	$t	" "$IT_TMP/index" || { cat "$IT_TMP/index"; fail "$t not in a batch"; }
done
for t in 001-pilot 002-p1 008-m0 009-m1 012-m4; do
	! grep -q "	$t	" "$IT_TMP/index" || fail "$t (a pilot, or a group of two) batched"
done
grep -q '^1-3	003-p2	sip:alice@example.net;lr$' "$IT_TMP/index" || { cat "$IT_TMP/index"; fail "index: p2's calls"; }
# The URIs arrived whole, parameters and headers included.
for u in 'sip:alice@example.net;lr' 'sip:moved@\[::1\]:5060;maddr=127.0.0.1' \
	 'sip:moved@example.com?Subject=hi' 'sip:alice@example.org?Subject=a%20b&Priority=urgent' \
	 'sip:nomethods@c.example.com;x=3;w'; do
	grep -q "^OPTIONS $u SIP/2.0\|^MESSAGE $u SIP/2.0" "$ev"/batch-*/messages.log || fail "request line for $u"
	grep -q "^To: <$u>" "$ev"/batch-*/messages.log || fail "To for $u"
done
# A test judged from the batch that passed has no directory of its own:
# its frames are in the batch's log, its calls in the index (run/case.c).
b=$(grep -l "	003-p2	" "$ev"/batch-*/index.tsv)
[ "$(grep -c '^OPTIONS sip:alice@example.net;lr SIP/2.0' "$(dirname "$b")/messages.log")" -eq 3 ] ||
	fail "p2: not 3 requests in its batch's log"
# Judged from the batch, not run again alone (a run alone makes its directory).
for t in 003-p2 004-p3 006-q1 007-q2 010-m2 011-m3; do
	b=$(grep -l "	$t	" "$ev"/batch-*/index.tsv) || fail "$t not in a batch"
	# Its own directory only when it made other runs (follow, probes):
	# then with the batch's scenario linked, not one of a run alone.
	[ ! -e "$ev/$t" ] || [ "$ev/$t/scenario.xml" -ef "$(dirname "$b")/scenario.xml" ] ||
		fail "$t was run again alone"
done
# Follow and probes still ran per test, in their own directories.
[ -d "$ev/005-q0/follow_1.1" ] || fail "q0: no follow hop"
[ -d "$ev/011-m3/probe_OPTIONS" ] || ls "$ev/011-m3" | grep -q probe || fail "m3: no probe"
# The password-free -inf file is gone; nothing secret stays.
! ls "$ev"/batch-*/calls.csv >/dev/null 2>&1 || fail "the -inf file stayed"

# A broken variant: the same tests fail batched as alone.
kam_stop
kam_start "$REPO/fixtures/kamailio/broken-405-no-allow.cfg"
sed -i "s/port: [0-9]*/port: $SUT_PORT/" "$IT_TMP/s.yaml"
run_sc run "$IT_TMP/s.yaml" --tap "$IT_TMP/b2.tap" --evidence "$IT_TMP/evb2"
assert_rc 1
run_sc run "$IT_TMP/s.yaml" --tap "$IT_TMP/n2.tap" --evidence "$IT_TMP/evn2" --no-batch
assert_rc 1
norm "$IT_TMP/b2.tap" >"$IT_TMP/b2.norm"
norm "$IT_TMP/n2.tap" >"$IT_TMP/n2.norm"
diff "$IT_TMP/n2.norm" "$IT_TMP/b2.norm" || fail "broken-405-no-allow: batched and --no-batch differ"
assert_check "$IT_TMP/b2.tap" m2 RFC3261-21.4.6-ALLOW-PRESENT fail
assert_verdict "$IT_TMP/b2.tap" p3 ok
[ -f "$IT_TMP/evb2/uris/batch-1/index.tsv" ] || fail "broken: no batch"
