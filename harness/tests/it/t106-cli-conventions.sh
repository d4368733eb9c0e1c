# CLI conventions: -h / -V, --version naming SIPp (resolved path, version)
# and the TLS terminator, quick and never failing when a tool is missing;
# the man pages lint clean and document every option --help lists; on a
# terminal (script(1)) the verdict words are coloured (not with NO_COLOR)
# and a progress line is drawn and erased; nothing of that in a file.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e
# ---- -h, -V -------------------------------------------------------------
run_sc --help
assert_rc 0
cp "$IT_TMP/out" "$IT_TMP/help"
run_sc -h
assert_rc 0
cmp -s "$IT_TMP/out" "$IT_TMP/help" || fail "-h differs from --help"
assert_grep "$IT_TMP/help" "^  -h, --help"
assert_grep "$IT_TMP/help" "^  -V, --version"
run_sc -V
assert_rc 0
cp "$IT_TMP/out" "$IT_TMP/version"
run_sc --version
cmp -s "$IT_TMP/out" "$IT_TMP/version" || fail "-V differs from --version"
sipp=$(command -v sipp)
assert_grep "$IT_TMP/version" "^sipconform [0-9]+\.[0-9]+\.[0-9]+$"
assert_grep "$IT_TMP/version" "^SIPp: $(readlink -f "$sipp" | sed 's/[.]/[.]/g')|^SIPp: $sipp, version 3\.[0-9.]+$"
assert_grep "$IT_TMP/version" "^SIPp: /.*, version [0-9]+\.[0-9.]+$"
if command -v stunnel4 >/dev/null; then
	assert_grep "$IT_TMP/version" "^TLS: by the stunnel4 terminator \(SIPp has no TLS\): /.*stunnel4, stunnel [0-9.]+, OpenSSL [0-9.]+"
fi
# A missing SIPp (--sipp, $SIPCONFORM_SIPP) or stunnel4 (PATH) is said, exit 0, quickly.
start=$(date +%s)
run_sc -V --sipp /nonexistent/sipp
assert_rc 0
assert_grep "$IT_TMP/out" "^SIPp: /nonexistent/sipp: not found"
SIPCONFORM_SIPP=/nonexistent/sipp2 run_sc --version
assert_rc 0
assert_grep "$IT_TMP/out" "^SIPp: /nonexistent/sipp2: not found"
PATH=/nonexistent run_sc --version
assert_rc 0
assert_grep "$IT_TMP/out" "^SIPp: sipp: not found"
assert_grep "$IT_TMP/out" "^TLS: .*not installed"
[ $(($(date +%s) - start)) -le 5 ] || fail "--version is slow without the tools"
# Short options: only the ones in the table, no bundling.
for bad in -x -hV -v; do
	run_sc "$bad"
	assert_rc 2
	assert_grep "$IT_TMP/err" "unknown option '$bad'"
done
# ---- man pages --------------------------------------------------------------
for page in "$REPO/doc/sipconform.1" "$REPO/doc/sipconform-suite.5"; do
	if command -v groff >/dev/null; then
		groff -man -Tutf8 -ww -z "$page" 2>"$IT_TMP/groff.err" || fail "groff failed on $page"
		[ ! -s "$IT_TMP/groff.err" ] || { cat "$IT_TMP/groff.err"; fail "groff warns about $page"; }
	elif command -v mandoc >/dev/null; then
		mandoc -Tlint -Wwarning "$page" || fail "mandoc warns about $page"
	fi
done
# Every option --help lists is documented (as \-\-name in the roff source).
grep -Eo -- '--[a-z][a-z-]*' "$IT_TMP/help" | sort -u >"$IT_TMP/opts"
[ "$(wc -l <"$IT_TMP/opts")" -ge 25 ] || fail "too few options found in --help"
while read -r opt; do
	roff=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
	grep -q -- "$roff" "$REPO/doc/sipconform.1" || fail "$opt is not in doc/sipconform.1"
done <"$IT_TMP/opts"
# ---- terminal: colour and progress -------------------------------------------
command -v script >/dev/null || fail "script(1) (util-linux) is needed for the TTY tests"
kam_start
kam_port=$SUT_PORT
sut_start "$REPO/fixtures/sipp/uas_silent.xml" udp 127.0.0.1
it_track $SUT_PID
# Two passes against Kamailio, then three tests a silent SUT leaves
# unanswered (about 1 s each): a run past the progress line's 2 s.
cat >"$IT_TMP/pass.yaml" <<YAML
suite: pass
target: {host: 127.0.0.1, port: $kam_port}
tests:
  - id: moved
    request_uri: sip:moved@example.com
    expect: 301
  - id: unknown
    request_uri: sip:bob@example.com
    method: XYZZY
    expect: 501
YAML
cat >"$IT_TMP/silent.yaml" <<YAML
suite: silent
target: {host: 127.0.0.1, port: $SUT_PORT}
probe: false
tests:
  - id: silent
    request_uris: [sip:a@example.com, sip:b@example.com, sip:c@example.com]
    expect: 301
YAML
args="run $IT_TMP/pass.yaml $IT_TMP/silent.yaml --timeout 1"
# script(1) gives the run a terminal; what it drew is in the typescript.
tty_run() {
	set +e
	env "$@" script -qec "'$BIN' $args --evidence '$IT_TMP/ev-$RANDOM'" "$IT_TMP/typescript" \
		</dev/null >"$IT_TMP/tty.out" 2>&1
	RC=$?
	set -e
}
esc=$(printf '\033')
tty_run TERM=xterm
assert_rc 1
ts=$IT_TMP/tty.out
grep -q "${esc}\[32mPASS${esc}\[0m" "$ts" || { cat -v "$ts"; fail "PASS not green on a TTY"; }
grep -q "${esc}\[1;31mERROR${esc}\[0m" "$ts" || { cat -v "$ts"; fail "ERROR not bold red on a TTY"; }
grep -Eq "\[[345]/5\] [0-9]+ not passed, [0-9]+s" "$ts" || { cat -v "$ts"; fail "no progress line on a TTY"; }
# The progress line is erased before the totals: CR, erase-line, then the line.
tr -d '\n' <"$ts" | grep -q "${esc}\[K5 tests: 2 passed, 0 failed, 3 errors" ||
	{ cat -v "$ts"; fail "progress line not erased before the totals"; }
# The ids stay aligned whatever the colour.
grep -q "${esc}\[0m  moved  " "$ts" || { cat -v "$ts"; fail "colour broke the column"; }
# NO_COLOR (non-empty): no colour, the progress line still.
tty_run TERM=xterm NO_COLOR=1
assert_rc 1
! grep -q "${esc}\[[0-9;]*m" "$IT_TMP/tty.out" || { cat -v "$IT_TMP/tty.out"; fail "colour despite NO_COLOR"; }
grep -q "${esc}\[K" "$IT_TMP/tty.out" || fail "no progress line with NO_COLOR"
grep -q "  PASS  moved " "$IT_TMP/tty.out" || fail "NO_COLOR: PASS line"
# TERM=dumb: no colour.
tty_run TERM=dumb
! grep -q "${esc}\[[0-9;]*m" "$IT_TMP/tty.out" || fail "colour on a dumb terminal"
# Not a terminal: not one escape byte on stdout or stderr.
run_sc $args --evidence "$IT_TMP/ev-plain"
assert_rc 1
! grep -q "$esc" "$IT_TMP/out" "$IT_TMP/err" || fail "escape bytes in a file"
! grep -q "$(printf '\r')" "$IT_TMP/out" "$IT_TMP/err" || fail "CR in a file"
assert_grep "$IT_TMP/out" "^  PASS  moved "
sut_stop
kam_stop
