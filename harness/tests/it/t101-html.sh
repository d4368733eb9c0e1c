# --html FILE: the lab report of real runs against the Kamailio reference
# SUT (every test passes) and a broken variant (broken-405-lists-method:
# the 405's Allow lists the refused method), rendered by headless
# Chromium (Debian's chromium): the rendered DOM has every test with its
# verdict, its checks with their RFC citations, the offending Allow
# header marked in the failing test's messages, passing checks with their
# proof marked, the totals; a screenshot PNG is produced.  Chromium runs
# with a private profile and HOME under the test's temp dir, with every host name
# unresolvable and a dead proxy (nothing can load from the network), in
# its own process group, bounded by timeout, and that group is killed
# after each run.
#
# REPORT_EXAMPLES_DIR=reports/examples makes reports/examples/lab-report.html
# and lab-report.png from the broken run.
. "$IT_DIR/lib.sh"
set -e
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
PY=/usr/bin/python3
[ -x "$CHROMIUM" ] || fail "$CHROMIUM missing (tools/deps.sh installs chromium)"

# chromium_run OUT ARGS...: headless Chromium, stdout to OUT, at most 90 s;
# then every process of its group (timeout's: it made one) is killed.
chromium_run() {
	local out=$1 pid rc
	shift
	mkdir -p "$IT_TMP/chromium" "$IT_TMP/home"
	set +e
	HOME="$IT_TMP/home" XDG_CONFIG_HOME="$IT_TMP/home/.config" XDG_CACHE_HOME="$IT_TMP/home/.cache" \
	timeout -k 5 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--user-data-dir="$IT_TMP/chromium" --no-first-run --no-default-browser-check \
		--disable-extensions --disable-background-networking --disable-component-update \
		--disable-sync --disable-breakpad --mute-audio \
		--host-resolver-rules='MAP * ~NOTFOUND' --proxy-server='127.0.0.1:9' \
		"$@" >"$out" 2>"$IT_TMP/chromium.err" </dev/null &
	pid=$!
	it_track "$pid"
	wait "$pid"
	rc=$?
	kill -KILL -- "-$pid" 2>/dev/null
	set -e
	[ "$rc" -eq 0 ] || { tail -20 "$IT_TMP/chromium.err"; fail "chromium exited $rc"; }
}

# render NAME: NAME.html -> NAME.dom (the DOM Chromium built) and NAME.png
render() {
	chromium_run "$IT_TMP/$1.dom" --dump-dom "file://$IT_TMP/$1.html"
	chromium_run "$IT_TMP/$1.shot" --window-size=1280,3200 --hide-scrollbars \
		--screenshot="$IT_TMP/$1.png" "file://$IT_TMP/$1.html"
	[ -s "$IT_TMP/$1.png" ] || fail "no screenshot of $1.html"
	[ "$(head -c 8 "$IT_TMP/$1.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
		fail "$1.png is not a PNG"
	assert_grep "$IT_TMP/$1.dom" '<h1>SIP conformance lab report</h1>'
}

# dom_facts DOM: facts of the rendered DOM, one a line (python3's HTML parser).
dom_facts() {
	"$PY" - "$1" <<'PY'
import sys, html.parser
class P(html.parser.HTMLParser):
    def __init__(s):
        super().__init__(); s.stack=[]; s.out=[]; s.cur=None; s.txt=""
    def handle_starttag(s, tag, a):
        a = dict(a); s.stack.append((tag, a))
        if s.cur: s.handle_data(" ")
        if tag == "section" and a.get("class") == "test": s.sec = a["id"]
        if tag in ("h3", "mark", "tr") or (tag == "p" and a.get("class") == "totals"):
            s.cur = (tag, a, ""); 
        for t in ("script", "img", "iframe", "link", "object", "embed"):
            if tag == t: s.out.append("ELEMENT " + t)
        for k, v in a.items():
            if k in ("src", "srcset") or (k == "href" and not v.startswith("#")):
                s.out.append("ATTR %s=%s" % (k, v))
    def handle_data(s, d):
        if s.cur: s.cur = (s.cur[0], s.cur[1], s.cur[2] + d)
    def handle_endtag(s, tag):
        if s.cur and s.cur[0] != tag: s.handle_data(" ")
        if s.cur and s.cur[0] == tag:
            t, a, d = s.cur; d = " ".join(d.split())
            sec = getattr(s, "sec", "-")
            if t == "h3": s.out.append("TEST %s %s" % (sec, d))
            elif t == "mark": s.out.append("MARK %s %s %s | %s" % (sec, a.get("class"), a.get("title"), d))
            elif t == "tr" and a.get("class") in ("pass", "fail", "warn", "na"):
                s.out.append("CHECK %s %s" % (sec, d))
            elif t == "p": s.out.append("TOTALS " + d)
            s.cur = None
        while s.stack and s.stack.pop()[0] != tag: pass
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read()); print("\n".join(p.out))
PY
}

cat >"$IT_TMP/lab.yaml" <<'YAML'
suite: kamailio-lab
target: {host: 127.0.0.1, port: 5060, transport: udp}
tests:
  - id: nomethods-message
    request_uri: sip:nomethods@example.com
    method: MESSAGE
    expect: 405
    allow: [INVITE, ACK, CANCEL, BYE, OPTIONS]
  - id: bob-publish-tcp
    request_uri: sip:bob@example.org
    method: PUBLISH
    expect: 405
    allow: [INVITE, ACK, CANCEL, BYE, OPTIONS]
    transport: tcp
  - id: moved-options
    request_uri: sip:moved@example.com
    method: OPTIONS
    expect: 301
    contact: sip:alice-new@new.example.com
  - id: control-unknown-method
    request_uri: sip:control@example.com
    method: XYZZY
    expect: 501
YAML

# The option is in --help.
run_sc --help
assert_rc 0
assert_grep "$IT_TMP/out" '^  --html FILE +write the HTML lab report'

# ---- the reference: every test passes, each with its proof ----------------
kam_start
run_sc run "$REPO/suites/kamailio.yaml" --port "$SUT_PORT" --html "$IT_TMP/good.html" \
	--tap "$IT_TMP/good.tap" --evidence "$IT_TMP/ev-good"
assert_rc 0
kam_stop
n=$(grep -c '^ok ' "$IT_TMP/good.tap")
[ "$n" -ge 40 ] || fail "only $n tests ran"
render good
dom_facts "$IT_TMP/good.dom" >"$IT_TMP/good.facts"
assert_nogrep "$IT_TMP/good.facts" '^(ELEMENT|ATTR) '
assert_grep "$IT_TMP/good.facts" "^TOTALS $n tests: $n passed, 0 failed, 0 errors, 0 inconclusive, 0 skipped\$"
[ "$(grep -c '^TEST ' "$IT_TMP/good.facts")" -eq "$n" ] || fail "not $n test sections"
[ "$(grep -c '^TEST t[0-9]* PASS ' "$IT_TMP/good.facts")" -eq "$n" ] || fail "not every section says PASS"
# every test id of the TAP stream has its section, in order
sed -n 's/^ok [0-9]* - //p' "$IT_TMP/good.tap" >"$IT_TMP/good.ids"
sed -n 's/^TEST t[0-9]* PASS //p' "$IT_TMP/good.facts" | diff - "$IT_TMP/good.ids" >/dev/null ||
	fail "the sections do not list the TAP tests in order"
# the checks of a passing test, with citation and normative text, and their proof marked
assert_grep "$IT_TMP/good.facts" '^CHECK t1 PASS RFC3261-8.2.6.2-CALLID-ECHO MUST RFC 3261 §8.2.6.2 "The Call-ID header field of the response MUST equal'
assert_grep "$IT_TMP/good.facts" '^MARK t1 pass RFC3261-8.2.6.2-CALLID-ECHO \| Call-ID: '
assert_grep "$IT_TMP/good.facts" '^MARK t[0-9]+ pass RFC3261-21.4.6-ALLOW-PRESENT \| Allow: INVITE, ACK, CANCEL, BYE, OPTIONS'
assert_nogrep "$IT_TMP/good.facts" '^MARK t[0-9]+ fail '
assert_grep "$IT_TMP/good.dom" 'Server: kamailio \('
assert_grep "$IT_TMP/good.dom" "127\\.0\\.0\\.1:$SUT_PORT"
assert_nogrep "$IT_TMP/good.html" 'https?://'

# ---- a broken variant: the failing tests, the Allow header marked -----------
kam_start "$REPO/fixtures/kamailio/broken-405-lists-method.cfg"
run_sc run "$IT_TMP/lab.yaml" --port "$SUT_PORT" --html "$IT_TMP/lab-report.html" \
	--tap "$IT_TMP/bad.tap" --evidence "$IT_TMP/ev-bad"
assert_rc 1
# On stdout ("-"): the document alone there, the terminal summary on stderr.
run_sc run "$IT_TMP/lab.yaml" --port "$SUT_PORT" --html - --evidence "$IT_TMP/ev-stdout"
assert_rc 1
[ "$(head -n 1 "$IT_TMP/out")" = '<!DOCTYPE html>' ] || fail "--html - does not start stdout"
[ "$(tail -n 1 "$IT_TMP/out")" = '</html>' ] || fail "--html - does not end stdout"
assert_grep "$IT_TMP/out" '<strong>4 tests: 2 passed, 2 failed, 0 errors, 0 inconclusive, 0 skipped</strong>'
assert_grep "$IT_TMP/err" '^4 tests: 2 passed, 2 failed, 0 errors'
kam_stop
render lab-report
dom_facts "$IT_TMP/lab-report.dom" >"$IT_TMP/bad.facts"
assert_nogrep "$IT_TMP/bad.facts" '^(ELEMENT|ATTR) '
assert_grep "$IT_TMP/bad.facts" '^TOTALS 4 tests: 2 passed, 2 failed, 0 errors, 0 inconclusive, 0 skipped$'
assert_grep "$IT_TMP/bad.facts" '^TEST t1 FAIL nomethods-message$'
assert_grep "$IT_TMP/bad.facts" '^TEST t2 FAIL bob-publish-tcp$'
assert_grep "$IT_TMP/bad.facts" '^TEST t3 PASS moved-options$'
assert_grep "$IT_TMP/bad.facts" '^TEST t4 PASS control-unknown-method$'
assert_grep "$IT_TMP/bad.facts" '^CHECK t1 FAIL RFC3261-21.4.6-ALLOW-EXCLUDES-METHOD DERIVED RFC 3261 §21.4.6 the refused method'
assert_grep "$IT_TMP/bad.facts" '^MARK t1 fail RFC3261-21.4.6-ALLOW-EXCLUDES-METHOD \| Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE$'
assert_grep "$IT_TMP/bad.facts" '^MARK t2 fail RFC3261-21.4.6-ALLOW-EXCLUDES-METHOD \| Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, PUBLISH$'
assert_grep "$IT_TMP/bad.facts" '^CHECK t3 PASS RFC3261-21.3.2-PERMANENT-STABLE|^CHECK t3 PASS RFC3261-8.2.6.2-FROM-ECHO'
assert_grep "$IT_TMP/bad.facts" '^MARK t3 pass [^ ]+ \| Contact: <sip:alice-new@new.example.com>'
assert_grep "$IT_TMP/lab-report.dom" 'FAIL</span></td>'
assert_nogrep "$IT_TMP/lab-report.html" 'https?://'

# Two reports on one file: refused before anything is sent.
run_sc run "$IT_TMP/lab.yaml" --port 9 --html "$IT_TMP/x.html" --junit "$IT_TMP/x.html"
assert_rc 2
assert_grep "$IT_TMP/err" 'is the same file as --html'
run_sc run "$IT_TMP/lab.yaml" --port 9 --json "$IT_TMP/x.html" --html "$IT_TMP/x.html"
assert_rc 2
assert_grep "$IT_TMP/err" '--json .* is the same file as --html'
run_sc run "$IT_TMP/lab.yaml" --port 9 --json - --html -
assert_rc 2
assert_grep "$IT_TMP/err" '--json - is the same file as --html'
[ ! -s "$IT_TMP/out" ] || fail "a refused run wrote to stdout"
run_sc run "$IT_TMP/lab.yaml" --port 9 --html "$IT_TMP/lab.yaml"
assert_rc 2
assert_grep "$IT_TMP/err" '--html .* is the suite file'

if [ -n "${REPORT_EXAMPLES_DIR:-}" ]; then
	mkdir -p "$REPORT_EXAMPLES_DIR"
	cp "$IT_TMP/lab-report.html" "$IT_TMP/lab-report.png" "$REPORT_EXAMPLES_DIR/"
	note "wrote $REPORT_EXAMPLES_DIR/lab-report.html and lab-report.png"
fi
