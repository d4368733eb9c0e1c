# Waves (issue 11, run/batch.h): after a group's first requests went out
# as one batch, its tests' follow hops (depth 1) and probes go out as
# batches of their own, one SIPp run per shape; each test takes the
# answer to the very request it sends and judges it as alone.  Against
# the reference Kamailio and the broken variants the follow and probe
# checks fail exactly as with --no-batch, with fewer SIPp runs.
. "$IT_DIR/lib.sh"
set -e
. "$IT_DIR/batch.sh"

cat >"$IT_TMP/s.yaml.in" <<'YAML'
suite: waves
target: {host: 127.0.0.1, port: @PORT@}
tests:
  - {id: f0, request_uri: "sip:moved@example.com", method: OPTIONS, expect: 301, follow: 2}
  - {id: f1, request_uri: "sip:alice@example.com", method: OPTIONS, expect: 301, follow: 2}
  - {id: f2, request_uri: "sip:moved@a.example.net", method: OPTIONS, expect: 301, follow: 1}
  - {id: f3, request_uri: "sip:alice@b.example.net", method: OPTIONS, expect: 301, follow: 2, repeat: 2}
  - {id: f4, request_uri: "sip:moved@c.example.net", method: OPTIONS, expect: 301, follow: 2}
  - {id: f5, request_uri: "sip:moved@d.example.net", method: OPTIONS, expect: 301}
  - {id: f6, request_uri: "sip:alice@e.example.net", method: OPTIONS, expect: 301, follow: 1}
  - {id: m0, request_uri: "sip:nomethods@example.com", method: MESSAGE, expect: 405,
     allow: [INVITE, ACK, CANCEL, BYE, OPTIONS], probe_options: true, probe_allowed: true}
  - {id: m1, request_uri: "sip:nomethods@a.example.com", method: MESSAGE, expect: 405,
     allow: [INVITE, ACK, CANCEL, BYE, OPTIONS], probe_options: true}
  - {id: m2, request_uri: "sip:bob@b.example.com", method: MESSAGE, expect: 405,
     allow: [INVITE, ACK, CANCEL, BYE, OPTIONS], probe_options: true, probe_allowed: true, repeat: 2}
  - {id: m3, request_uri: "sip:nomethods@c.example.com", method: MESSAGE, expect: 405,
     allow: [INVITE, ACK, CANCEL, BYE, OPTIONS], probe_allowed: true}
  - {id: m4, request_uri: "sip:nomethods@d.example.com", method: MESSAGE, expect: 405,
     allow: [INVITE, ACK, CANCEL, BYE, OPTIONS], probe_options: true, probe_allowed: true}
  - {id: m5, request_uri: "sip:bob@e.example.com", method: MESSAGE, expect: 405,
     allow: [INVITE, ACK, CANCEL, BYE, OPTIONS]}
  - {id: s0, request_uri: "sip:nomethods@f.example.com", method: SUBSCRIBE, expect: 405,
     allow: [INVITE, ACK, CANCEL, BYE, OPTIONS], probe_allowed: true}
  - {id: s1, request_uri: "sip:nomethods@g.example.com", method: SUBSCRIBE, expect: 405,
     allow: [INVITE, ACK, CANCEL, BYE, OPTIONS], probe_allowed: true}
  - {id: s2, request_uri: "sip:bob@h.example.com", method: SUBSCRIBE, expect: 405,
     allow: [INVITE, ACK, CANCEL, BYE, OPTIONS], probe_allowed: true}
YAML

for cfg in kamailio broken-301-cycle broken-405-lists-method broken-options-allow-differs; do
	kam_start "$REPO/fixtures/kamailio/$cfg.cfg"
	sed "s/@PORT@/$SUT_PORT/" "$IT_TMP/s.yaml.in" >"$IT_TMP/s.yaml"
	same "$cfg" yes "$IT_TMP/s.yaml"
	kam_stop
	b=$(sipp_runs "$IT_TMP/ev-$cfg-b") n=$(sipp_runs "$IT_TMP/ev-$cfg-n")
	note "$cfg: $b SIPp runs batched, $n with --no-batch"
	[ "$b" -lt "$n" ] || fail "$cfg: $b SIPp runs batched, not fewer than $n"
	# Waves ran: a follow hop and probes in batches, adopted by their tests
	# (the test's <label> directory links the batch's scenario).
	cat "$IT_TMP/ev-$cfg-b"/waves/batch-*/index.tsv >"$IT_TMP/$cfg.index"
	for l in '003-f2/follow 1.1' '010-m2/probe OPTIONS' '010-m2/probe BYE' '015-s1/probe OPTIONS'; do
		grep -q "	$l	" "$IT_TMP/$cfg.index" || { cat "$IT_TMP/$cfg.index"; fail "$cfg: $l not in a wave"; }
	done
done

# The reference: every test passes; the hops and probes of the batched
# tests went out in waves, each adopted: its evidence is where a run
# alone puts it, holding that request only.
ev=$IT_TMP/ev-kamailio-b/waves
assert_tap "$IT_TMP/kamailio-b.tap" 16 0
for d in '003-f2/follow_1.1' '010-m2/probe_OPTIONS' '010-m2/probe_BYE' '016-s2/probe_BYE'; do
	[ -f "$ev/$d/messages.log" ] || { ls -R "$ev" | head -80; fail "no $d/messages.log"; }
	[ "$(stat -c %h "$ev/$d/scenario.xml")" -gt 1 ] || fail "$d: not from a wave (scenario not linked)"
	[ "$(grep -c 'message sent' "$ev/$d/messages.log")" = 1 ] || fail "$d: not exactly its one request"
	ls "$ev/$d"/*-sent.sip >/dev/null 2>&1 || fail "$d: no frame files"
done
grep -q '^OPTIONS sip:alice-new@new.example.com SIP/2.0' "$ev/003-f2/follow_1.1/messages.log" ||
	fail "f2's hop went elsewhere"
grep -q '^BYE sip:bob@b.example.com SIP/2.0' "$ev/010-m2/probe_BYE/messages.log" || fail "m2's BYE probe"
# The pilots (f0, m0, s0) sent theirs alone; f5 follows nothing, m5 probes nothing.
[ "$(stat -c %h "$ev/001-f0/follow_1.1/scenario.xml")" = 1 ] || fail "the pilot's hop went out in a wave"
[ ! -e "$ev/006-f5/follow_1.1" ] && [ ! -e "$ev/013-m5/probe_OPTIONS" ] || fail "evidence of a request never sent"

# The reports label a wave's frames as those of a run alone (JSON; the
# repeats of a batch go out concurrently: their frames may interleave).
kam_start
sed "s/@PORT@/$SUT_PORT/" "$IT_TMP/s.yaml.in" >"$IT_TMP/s.yaml"
for mode in b n; do
	run_sc run "$IT_TMP/s.yaml" --json "$IT_TMP/$mode.json" --evidence "$IT_TMP/ev-json-$mode" \
		$([ $mode = n ] && echo --no-batch)
	assert_rc 0
	/usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for t in d["tests"]:
    print(t["id"], t["verdict"], *sorted(m["label"] for m in t["messages"]), sep="|")
' "$IT_TMP/$mode.json" >"$IT_TMP/$mode.labels"
done
diff "$IT_TMP/n.labels" "$IT_TMP/b.labels" || fail "message labels differ batched and --no-batch"
grep -q '^f2|pass|follow 1.1: received #2 (200, UDP)|follow 1.1: sent #2 (OPTIONS, UDP)|' "$IT_TMP/b.labels" ||
	{ cat "$IT_TMP/b.labels"; fail "f2's hop frames"; }
grep -q '^m2|pass|probe BYE: received #4 ([0-9]*, UDP)|probe BYE: sent #4 (BYE, UDP)|' "$IT_TMP/b.labels" ||
	{ cat "$IT_TMP/b.labels"; fail "m2's BYE probe frames"; }
