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
