# --json FILE: one sipconform-result document per run, valid against
# reports/sipconform-result.schema.json (Debian's python3-jsonschema), and
# saying what the TAP of the same run says: the same tests in the same
# order with the same verdicts, the same checks with the same outcomes,
# the same totals (the TAP read by prove's TAP::Parser).  Against the
# Kamailio reference (every test passes, and each pass carries its checks
# and its messages), over TLS (terminator, verification), a broken variant (the
# failing check and where its evidence is), a SIPp UAS sending hostile
# bytes, a run stopped by --max-time; --json - on stdout; path clashes.
# With REPORT_EXAMPLES_DIR set, the example document is written there
# (reports/examples/result.json is made so).
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e
PY=/usr/bin/python3
SCHEMA="$REPO/reports/sipconform-result.schema.json"

# The TAP as prove's own parser (TAP::Parser, perl core) reads it, as JSON:
# [{ok, id, y: the YAML block or null}].
cat >"$IT_TMP/tap2json.pl" <<'PL'
use strict; use warnings; use TAP::Parser; use JSON::PP;
local $/; open my $fh, '<:raw', $ARGV[0] or die "$ARGV[0]: $!"; my $text = <$fh>;
my $p = TAP::Parser->new({ tap => $text }); my @t;
while (my $r = $p->next) {
	if ($r->is_test) {
		push @t, { ok => ($r->ok eq 'ok' ? JSON::PP::true : JSON::PP::false),
			   id => $r->description, y => undef };
	} elsif ($r->is_yaml) {
		$t[-1]{y} = $r->data if @t;
	}
}
print JSON::PP->new->encode(\@t);
PL
# The checker: json_vs_tap.py SCHEMA JSON TAPJSON, prints what it checked.
cat >"$IT_TMP/json_vs_tap.py" <<'PY'
import json, os, re, sys
import jsonschema

schema_path, doc_path, tap_path = sys.argv[1:4]
schema = json.load(open(schema_path))
jsonschema.Draft202012Validator.check_schema(schema)
raw = open(doc_path, 'rb').read()
text = raw.decode('utf-8')          # strict: invalid UTF-8 raises
for b in raw:
    assert b >= 0x20 or b == 0x0a, 'raw control byte 0x%02x' % b
assert b'</' not in raw and b'<!' not in raw, 'a </script> or <!-- could end an HTML script block'
doc = json.loads(text)
errs = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
for e in errs[:10]:
    print('schema:', e.json_path, e.message[:300])
assert not errs, '%s does not validate against the schema' % doc_path

# The TAP of the same run: test lines, and the YAML block of each (TAP::Parser's bytes).
tests = json.loads(open(tap_path, 'rb').read().decode('utf-8'))
for t in tests:
    t['id'] = re.sub(r'(: error: .*)$', '', re.sub(r'^- ', '', t['id'])).replace('\\#', '#')

jt = doc['tests']
assert len(jt) == len(tests), 'JSON has %d tests, TAP %d' % (len(jt), len(tests))
counts = {'pass': 0, 'fail': 0, 'error': 0, 'inconclusive': 0, 'skip': 0}
nchecks = nev = nbatch = 0
for j, t in zip(jt, tests):
    assert j['id'] == t['id'], (j['id'], t['id'])
    v = t['y']['verdict'] if t['y'] else ('pass' if t['ok'] else 'fail')
    assert j['verdict'] == v, '%s: JSON says %s, TAP %s' % (j['id'], j['verdict'], v)
    assert (v in ('pass', 'skip', 'inconclusive')) == t['ok']
    counts[v] += 1
    y = t['y'] or {}
    if 'evidence_dir' in y:
        assert j['evidence_dir'] == y['evidence_dir'], j['id']
    c = y.get('checks')
    if c:
        tc = [(x['id'], x['outcome']) for x in c['list']]
        jc = [(x['id'], x['outcome']) for x in j['checks']]
        assert tc == jc, '%s: checks differ:\nTAP  %s\nJSON %s' % (j['id'], tc, jc)
        ct = j['checks_total']
        assert (ct['fail'], ct['warn'], ct['pass'], ct['na']) == \
            tuple(int(c[k]) for k in ('failing', 'warnings', 'passed', 'not_applicable')), j['id']
    else:
        assert j['checks'] == [], j['id']
    nchecks += len(j['checks'])
    # Every evidence pointer names real bytes: those of the frame file of
    # the test's own run (labels without a "<run>: " prefix), at that
    # offset and line.
    for x in j['checks']:
        e = x['evidence']
        if not e or e['message'] is None:
            continue
        k = e['message']
        m = [mm for mm in j['messages'] if mm['index'] == k]
        assert m and m[0]['label'] == e['label'], (j['id'], x['id'])
        if e['offset'] is None or ': ' in e['label'] or '\\' in e['text']:
            continue
        d = m[0]['direction']
        f = os.path.join(j['evidence_dir'], '%02d-%s.sip' % (k + 1, d))
        if not os.path.exists(f):
            # A batched test that passed has no directory of its own: its
            # bytes are in the batch's log (run/case.c case_evidence_dir).
            assert j['verdict'] == 'pass', (j['id'], f)
            assert os.path.basename(j['evidence_dir']).startswith('batch-'), j['evidence_dir']
            log = open(os.path.join(j['evidence_dir'], 'messages.log'), 'rb').read()
            assert e['text'].encode('utf-8') in log, (j['id'], e)
            nbatch += 1
            continue
        b = open(f, 'rb').read()
        got = b[e['offset']:e['offset'] + e['length']]
        assert got.decode('utf-8') == e['text'], (f, got, e['text'])
        assert b[:e['offset']].count(b'\n') + 1 == e['line'], (f, e)
        nev += 1
    for mm in j['messages']:
        assert mm['direction'] in ('sent', 'received'), mm['label']
        assert mm['quoted'] <= min(mm['length'], 4096)
s = doc['totals']
assert (s['tests'], s['passed'], s['failed'], s['errors'], s['inconclusive'], s['skipped']) == \
    (len(tests), counts['pass'], counts['fail'], counts['error'], counts['inconclusive'],
     counts['skip']), (s, counts)
assert sum(x['tests'] for x in doc['suites']) == len(tests)
for i, t in enumerate(jt):
    assert doc['suites'][t['suite_index']]['name'] == t['suite']
print('tests=%d pass=%d fail=%d error=%d inconclusive=%d skip=%d checks=%d evidence=%d' %
      (len(tests), counts['pass'], counts['fail'], counts['error'], counts['inconclusive'],
       counts['skip'], nchecks, nev))
PY
# json_check JSON TAP: the checker above; its summary line goes to $IT_TMP/summary.
json_check() {
	perl "$IT_TMP/tap2json.pl" "$2" >"$IT_TMP/tap.json" || fail "TAP::Parser cannot read $2"
	$PY "$IT_TMP/json_vs_tap.py" "$SCHEMA" "$1" "$IT_TMP/tap.json" >"$IT_TMP/summary" 2>&1 ||
		{ cat "$IT_TMP/summary"; fail "$1 and $2 disagree"; }
	note "$(basename "$1"): $(cat "$IT_TMP/summary")"
}
# jq_py JSON EXPR: print the Python expression EXPR of the document d.
jq_py() {
	$PY -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}
assert_eq() { [ "$1" = "$2" ] || fail "$3: '$1', expected '$2'"; }

# 1. The reference Kamailio: every test passes, each with its checks and messages.
kam_start
run_sc run "$REPO/suites/kamailio.yaml" --port "$SUT_PORT" --json "$IT_TMP/ref.json" \
	--tap "$IT_TMP/ref.tap" --junit "$IT_TMP/ref.xml" --evidence "$IT_TMP/ev-ref"
assert_rc 0
json_check "$IT_TMP/ref.json" "$IT_TMP/ref.tap"
n=$(grep -c '^ok ' "$IT_TMP/ref.tap")
assert_grep "$IT_TMP/summary" "^tests=$n pass=$n fail=0 error=0 "
assert_eq "$(jq_py "$IT_TMP/ref.json" "d['format'], d['format_version'], d['tool']['version']")" \
	"('sipconform-result', 1, '0.1.0')" "format"
assert_eq "$(jq_py "$IT_TMP/ref.json" "d['suites'][0]['target']")" \
	"{'host': '127.0.0.1', 'port': $SUT_PORT, 'address': '127.0.0.1', 'transport': 'udp'}" "target"
assert_eq "$(jq_py "$IT_TMP/ref.json" "d['run']['options']")" \
	"{'strict': False, 'waivers': None, 'auth': False, 'tls_verify': None}" "options"
v=$(jq_py "$IT_TMP/ref.json" "d['sipp']['version']")
assert_grep "$IT_TMP/out" "SIPp $v"
# Pass evidence: every passing test lists checks that passed and the messages both ways.
assert_eq "$(jq_py "$IT_TMP/ref.json" "all(t['checks_total']['pass'] > 0 and
	{m['direction'] for m in t['messages']} == {'sent', 'received'} for t in d['tests'])")" True "pass evidence"
assert_eq "$(jq_py "$IT_TMP/ref.json" "d['run']['stopped']")" None "run.stopped"

# 1b. Over TLS: the terminator and how the certificate was verified.
kam_stop
kam_start --tls
run_sc run "$REPO/suites/kamailio-tls.yaml" --port "$SUT_TLS_PORT" --tls-ca "$SUT_CA" \
	--json "$IT_TMP/tls.json" --tap "$IT_TMP/tls.tap" --evidence "$IT_TMP/ev-tls"
assert_rc 0
json_check "$IT_TMP/tls.json" "$IT_TMP/tls.tap"
assert_eq "$(jq_py "$IT_TMP/tls.json" "d['run']['options']['tls_verify']")" "CA file $SUT_CA" "tls_verify"
assert_eq "$(jq_py "$IT_TMP/tls.json" "d['sipp']['tls'].split()[0], d['suites'][0]['target']['transport']")" \
	"('stunnel', 'tls')" "TLS terminator"

# 2. A broken variant: the failing check, its evidence where it is.
kam_stop
kam_start "$REPO/fixtures/kamailio/broken-405-no-allow.cfg"
run_sc run "$REPO/suites/kamailio.yaml" --port "$SUT_PORT" --json "$IT_TMP/broken.json" \
	--tap "$IT_TMP/broken.tap" --evidence "$IT_TMP/ev-broken" --strict
assert_rc 1
json_check "$IT_TMP/broken.json" "$IT_TMP/broken.tap"
assert_eq "$(jq_py "$IT_TMP/broken.json" "d['run']['options']['strict']")" True "strict"
assert_eq "$(jq_py "$IT_TMP/broken.json" "[t for t in d['tests'] if t['id'] == 'nomethods-message'][0]['verdict']")" fail "nomethods-message"
c="[c for t in d['tests'] if t['id'] == 'nomethods-message' for c in t['checks'] if c['id'] == 'RFC3261-21.4.6-ALLOW-PRESENT'][0]"
assert_eq "$(jq_py "$IT_TMP/broken.json" "$c['outcome'], $c['level'], $c['section']")" "('fail', 'MUST', '21.4.6')" "ALLOW-PRESENT"
assert_grep "$IT_TMP/broken.tap" "^not ok [0-9]+ - nomethods-message"
kam_stop

# 3. A SIPp UAS sending hostile bytes: valid UTF-8, escaped, counts right.
sut_start "$REPO/fixtures/sipp/uas_hostile.xml" udp 127.0.0.1
it_track $SUT_PID
cat >"$IT_TMP/h.yaml" <<YAML
suite: hostile
target: {host: 127.0.0.1, port: $SUT_PORT}
tests:
  - id: hostile
    request_uri: sip:alice@example.com
    method: MESSAGE
    expect: 405
YAML
run_sc run "$IT_TMP/h.yaml" --json "$IT_TMP/h.json" --tap "$IT_TMP/h.tap" --evidence "$IT_TMP/ev-h" --timeout 3
assert_rc 1
json_check "$IT_TMP/h.json" "$IT_TMP/h.tap"
assert_grep "$IT_TMP/summary" "^tests=1 pass=0 fail=0 error=1 "
# The hostile reason phrase, escaped as the one policy says (\xNN), not dropped.
assert_eq "$(jq_py "$IT_TMP/h.json" "'\nX-Evil: ]]> <evil/> &amp; \\\\x1b]0;pwned\\\\x07 \\\\xff\\\\xfe\\\\xc3(\\\\xc0\\\\xaf\\\\xed\\\\xa0\\\\x80 \\\\x01\\\\x7f\\\\r\\\\n\\n' in d['tests'][0]['messages'][1]['text']")" True "hostile bytes"
assert_eq "$(jq_py "$IT_TMP/h.json" "'\\nok 1 - forged\\\\r\\\\n\\n' in d['tests'][0]['messages'][1]['text']")" True "forged line"
sut_stop

# 4. A run stopped by --max-time: run.stopped says why, the tests finished are there.
sut_start "$REPO/fixtures/sipp/uas_silent.xml" udp 127.0.0.1
it_track $SUT_PID
{
	printf 'suite: slow\ntarget: {host: 127.0.0.1, port: %s}\nprobe: false\ntests:\n' "$SUT_PORT"
	for i in 1 2 3 4 5 6; do
		printf '  - id: t%s\n    request_uri: sip:bob@example.com\n    expect: 301\n' "$i"
	done
} >"$IT_TMP/slow.yaml"
run_sc run "$IT_TMP/slow.yaml" --json "$IT_TMP/slow.json" --tap "$IT_TMP/slow.tap" \
	--evidence "$IT_TMP/ev-slow" --timeout 1 --max-time 2
assert_rc 5
json_check "$IT_TMP/slow.json" "$IT_TMP/slow.tap"
jq_py "$IT_TMP/slow.json" "d['run']['stopped']" >"$IT_TMP/stopped"
assert_grep "$IT_TMP/stopped" "^--max-time 2 s stopped the run"
tail -n 1 "$IT_TMP/slow.tap" | grep -qF "Bail out! $(cat "$IT_TMP/stopped")" || fail "TAP and JSON give other reasons"
sut_stop

# 5. --json - : the document on stdout, the summary on stderr; clashes refused.
sut_start "$REPO/fixtures/sipp/uas_405_ok.xml" udp 127.0.0.1
it_track $SUT_PID
cat >"$IT_TMP/one.yaml" <<YAML
suite: one
target: {host: 127.0.0.1, port: $SUT_PORT}
probe: false
tests:
  - id: t1
    request_uri: sip:bob@example.com
    method: FOOBAR
    expect: 405
YAML
run_sc run "$IT_TMP/one.yaml" --json - --tap "$IT_TMP/one.tap" --evidence "$IT_TMP/ev-one"
assert_rc 0
json_check "$IT_TMP/out" "$IT_TMP/one.tap"
assert_grep "$IT_TMP/err" "1 tests?: 1 passed"
sut_stop
printf 'old' >"$IT_TMP/keep.json"
run_sc run "$IT_TMP/one.yaml" --json "$IT_TMP/keep.json" --tap "$IT_TMP/keep.json"
assert_rc 2
assert_grep "$IT_TMP/err" "^sipconform: --tap .*keep.json is the same file as --json: refusing to write over it"
run_sc run "$IT_TMP/one.yaml" --junit "$IT_TMP/j.xml" --json "$IT_TMP/./j.xml"
assert_rc 2
assert_grep "$IT_TMP/err" "^sipconform: --junit .*j.xml is the same file as --json .*: refusing"
run_sc run "$IT_TMP/one.yaml" --tap - --json -
assert_rc 2
assert_grep "$IT_TMP/err" "^sipconform: --tap - is the same file as --json: refusing"
run_sc run "$IT_TMP/one.yaml" --json "$IT_TMP/one.yaml"
assert_rc 2
assert_grep "$IT_TMP/err" "^sipconform: --json .*one.yaml is the suite file"
run_sc run "$IT_TMP/one.yaml" --json "$IT_TMP" --evidence "$IT_TMP/ev-dir"
assert_rc 2
assert_grep "$IT_TMP/err" "^sipconform: --json $IT_TMP: is a directory"
assert_eq "$(cat "$IT_TMP/keep.json")" old "a refused run wrote its JSON path"

# 6. The example of reports/examples/: example.yaml and example-silent.yaml
# with waivers.yaml against broken-options-allow-differs (all four verdicts),
# run from a copy of the tree so that the paths read as in the repo.
kam_start "$REPO/fixtures/kamailio/broken-options-allow-differs.cfg"
mkdir -p "$IT_TMP/ex/reports/examples"
sed "s/port: 5060/port: $SUT_PORT/" "$REPO/reports/examples/example.yaml" >"$IT_TMP/ex/reports/examples/example.yaml"
cp "$REPO/reports/examples/example-silent.yaml" "$REPO/reports/examples/waivers.yaml" "$IT_TMP/ex/reports/examples/"
(cd "$IT_TMP/ex" && run_sc run reports/examples/example.yaml reports/examples/example-silent.yaml --timeout 1 \
	--waivers reports/examples/waivers.yaml --json reports/examples/result.json \
	--tap reports/examples/results.tap --evidence reports/evidence/example
 assert_rc 1
 json_check reports/examples/result.json reports/examples/results.tap)
assert_grep "$IT_TMP/summary" "pass=[1-9][0-9]* fail=[1-9][0-9]* error=1 inconclusive=0 skip=1 "
assert_eq "$(jq_py "$IT_TMP/ex/reports/examples/result.json" "d['run']['options']['waivers']")" \
	reports/examples/waivers.yaml "waivers"
if [ -n "${REPORT_EXAMPLES_DIR:-}" ]; then
	cp "$IT_TMP/ex/reports/examples/result.json" "$REPORT_EXAMPLES_DIR/result.json"
	note "wrote $REPORT_EXAMPLES_DIR/result.json"
fi
kam_stop
