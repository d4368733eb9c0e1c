# Conformance under load against Kamailio variants that change from their
# 300th answer on (fixtures/kamailio/broken-*-load*.cfg): the load test
# fails on the right check, counted over every exchange, the reason naming
# the first failing exchange (#300); the evidence holds it; the test the
# variant does not break still passes.  A SUT that goes silent under load
# after answering FAILs NO-ANSWER (not an ERROR: it answered #1..#299).
. "$IT_DIR/lib.sh"
set -e
suite="$REPO/fixtures/suites/good_load.yaml"
# One UDP worker: the variants' shared counter then numbers the answers in
# the order the requests were sent, so the first broken one is #300 exactly.
export SUT_CHILDREN=1
run_variant() {   # CFG [ARGS...]
	local cfg=$1
	shift
	kam_start "$REPO/fixtures/kamailio/$cfg.cfg"
	run_sc run "$suite" --port "$SUT_PORT" --junit "$IT_TMP/$cfg.xml" --tap "$IT_TMP/$cfg.tap" \
		--evidence "$IT_TMP/ev-$cfg" "$@"
	assert_rc 1
	assert_junit "$IT_TMP/$cfg.xml"
	assert_tap "$IT_TMP/$cfg.tap" 1 1
	kam_stop
}

# 301 whose Contact changes at the 300th request.
run_variant broken-301-load --json "$IT_TMP/broken-301-load.json"
t="$IT_TMP/broken-301-load.tap"
# The JSON result of the same run validates and carries the counts.
/usr/bin/python3 - "$REPO/reports/sipconform-result.schema.json" "$IT_TMP/broken-301-load.json" <<'PY' || fail "JSON result"
import json, sys
import jsonschema
schema, doc = (json.load(open(p)) for p in sys.argv[1:3])
errs = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
assert not errs, [e.message[:200] for e in errs[:5]]
t = {x['id']: x for x in doc['tests']}
assert t['moved-load']['verdict'] == 'fail' and t['nomethods-load']['verdict'] == 'pass', t.keys()
c = {x['id']: x for x in t['moved-load']['checks']}
r = c['RFC3261-21.3.2-PERMANENT-STABLE']
assert r['outcome'] == 'fail' and r['reason'].startswith('failed in 101 of 400 exchanges, first at #300: '), r
labels = [m['label'] for m in t['moved-load']['messages']]
assert labels[:2] == ['#300 sent (OPTIONS)', '#300 received (301)'], labels
PY
assert_verdict "$t" moved-load not-ok
assert_verdict "$t" nomethods-load ok
assert_check "$t" moved-load RFC3261-21.3.2-PERMANENT-STABLE fail
assert_check "$t" moved-load SIPCONFORM-19.1.4-EXPECT-CONTACT fail
assert_grep "$t" "reason: 'failed in 101 of 400 exchanges, first at #300: Contact set changed under load: #1 got \{sip:alice-new@new.example.com\}, #300 got \{sip:alice-load@new.example.com\}; passed in 299'"
assert_grep "$t" "message: 'RFC3261-21.3.2-PERMANENT-STABLE \(RFC 3261 §21.3.2, Contact\): failed in 101 of 400 exchanges, first at #300: "
# The first failing exchanges are the evidence: #300 to #304.
assert_grep "$t" "label: '#300 received \(301\)'"
assert_grep "$t" "label: '#304 sent \(OPTIONS\)'"
assert_nogrep "$t" "label: '#305 "
assert_grep "$t" "Contact: <sip:alice-load@new.example.com>"

# 405 that loses its Allow at the 300th request.
run_variant broken-405-load
t="$IT_TMP/broken-405-load.tap"
assert_verdict "$t" nomethods-load not-ok
assert_verdict "$t" moved-load ok
assert_check "$t" nomethods-load RFC3261-21.4.6-ALLOW-PRESENT fail
assert_check "$t" nomethods-load RFC3261-21.4.6-ALLOW-STABLE fail
assert_grep "$t" "reason: 'failed in 201 of 500 exchanges, first at #300: 405 without Allow"
assert_grep "$t" "reason: 'failed in 201 of 500 exchanges, first at #300: Allow set changed under load: #1 got \{INVITE, ACK, CANCEL, BYE, OPTIONS\}, #300 got "
assert_grep "$t" "label: '#300 received \(405\)'"

# Silent from the 300th request on: NO-ANSWER fails, counted.
run_variant broken-301-load-silent --timeout 1
t="$IT_TMP/broken-301-load-silent.tap"
assert_verdict "$t" moved-load not-ok
assert_verdict "$t" nomethods-load ok
assert_check "$t" moved-load RFC3261-17.1-NO-ANSWER fail
assert_grep "$t" "reason: 'failed in 101 of 400 exchanges, first at #300: no final response within 1 s \(SIPp calls failed\); passed in 299'"
assert_grep "$t" "400 requests at 1000/s in 1 SIPp run: 400 sent over [0-9.]+ s \([0-9]+/s\), 299 answered, 101 not answered"
assert_grep "$t" "\(299 responses\)"
assert_nogrep "$t" "verdict: error"
