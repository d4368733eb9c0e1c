# Report paths are written safely: a regular file (or none) is replaced
# through a temp file made O_EXCL under an unpredictable name (a symlink
# planted at PATH.tmp is never followed); a FIFO or device node is
# written through, never replaced; a symlink to a file is written
# through; a run refused at preflight touches no report; two outputs on
# one file, or an output on an input (suite, waivers), exit 2.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e
sut_start "$REPO/fixtures/sipp/uas_405_ok.xml" udp 127.0.0.1
it_track $SUT_PID
cat >"$IT_TMP/s.yaml" <<YAML
suite: paths
target: {host: 127.0.0.1, port: $SUT_PORT}
tests:
  - id: m
    request_uri: sip:bob@example.com
    method: MESSAGE
    expect: 405
YAML
printf 'waivers: []\n' >"$IT_TMP/w.yaml"
n=0
ev() { n=$((n + 1)); E="$IT_TMP/ev$n"; }   # a fresh evidence directory in $E

# A symlink planted where the old code put its temp file: never followed.
mkdir "$IT_TMP/r"
echo victim >"$IT_TMP/victim"
ln -s "$IT_TMP/victim" "$IT_TMP/r/j.xml.tmp"
ln -s "$IT_TMP/victim" "$IT_TMP/r/t.tap.tmp"
ev
run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/r/j.xml" --tap "$IT_TMP/r/t.tap" --evidence "$E" --timeout 3
assert_rc 0
[ "$(cat "$IT_TMP/victim")" = victim ] || fail "a symlink at PATH.tmp was followed"
assert_junit "$IT_TMP/r/j.xml"
assert_tap "$IT_TMP/r/t.tap" 1 0
[ "$(ls -A "$IT_TMP/r" | grep -c '^\.')" -eq 0 ] || fail "temp files left"

# A device node: written through, still a device afterwards.
if mknod "$IT_TMP/null" c 1 3 2>/dev/null; then
	ev
	run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/null" --evidence "$E" --timeout 3
	assert_rc 0
	[ -c "$IT_TMP/null" ] || fail "--junit on a device node replaced the node"
	ev
	run_sc run "$IT_TMP/s.yaml" --tap "$IT_TMP/null" --evidence "$E" --timeout 3
	assert_rc 0
	[ -c "$IT_TMP/null" ] || fail "--tap on a device node replaced the node"
else
	note "mknod not permitted here: device-node case checked with /dev/null only"
fi
ev
run_sc run "$IT_TMP/s.yaml" --junit /dev/null --tap /dev/stdout --evidence "$E" --timeout 3
assert_rc 0
[ -c /dev/null ] || fail "/dev/null replaced"
# /dev/stdout is stdout (here a file): TAP through it, the summary on stderr
[ "$(head -n 1 "$IT_TMP/out")" = "TAP version 13" ] || { cat "$IT_TMP/out"; fail "--tap /dev/stdout"; }
assert_grep "$IT_TMP/out" '^ok 1 - m$'
assert_grep "$IT_TMP/err" '^1 tests: 1 passed'
assert_nogrep "$IT_TMP/out" 'tests: '

# A FIFO: written through (the document once, at the end), still a FIFO.
mkfifo "$IT_TMP/fifo"
cat "$IT_TMP/fifo" >"$IT_TMP/fifo.copy" &
it_track $!
ev
run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/fifo" --evidence "$E" --timeout 3
assert_rc 0
[ -p "$IT_TMP/fifo" ] || fail "--junit on a FIFO replaced the FIFO"
for i in $(seq 50); do [ -s "$IT_TMP/fifo.copy" ] && break; sleep 0.1; done
assert_junit "$IT_TMP/fifo.copy"
# nobody reading: refused, not hung
ev
run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/fifo" --evidence "$E" --timeout 3
assert_rc 2
assert_grep "$IT_TMP/err" "--junit $IT_TMP/fifo: is a FIFO that nobody reads"

# A symlink to a regular file: the link stays, the file gets the report.
echo old >"$IT_TMP/real.xml"
ln -s real.xml "$IT_TMP/link.xml"
ev
run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/link.xml" --evidence "$E" --timeout 3
assert_rc 0
[ -L "$IT_TMP/link.xml" ] || fail "the symlink was replaced"
assert_junit "$IT_TMP/real.xml"

# A directory: refused at preflight (2), nothing run.
mkdir "$IT_TMP/adir"
ev
run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/adir" --evidence "$E" --timeout 3
assert_rc 2
assert_grep "$IT_TMP/err" "--junit $IT_TMP/adir: is a directory"
[ -d "$IT_TMP/adir" ] && [ -z "$(ls -A "$IT_TMP/adir")" ] || fail "the directory was touched"

# A run refused at preflight (unwritable --tap) touches no report.
echo OLD >"$IT_TMP/keep.xml"
echo OLD >"$IT_TMP/keep.tap"
ev
run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/keep.xml" --tap "$IT_TMP/no/such/t.tap" --evidence "$E" --timeout 3
assert_rc 2
[ "$(cat "$IT_TMP/keep.xml")" = OLD ] || fail "a refused run replaced the existing --junit file"
ev
run_sc run "$IT_TMP/s.yaml" --junit "$IT_TMP/keep.xml" --tap "$IT_TMP/keep.tap" --target no-such-host.invalid:5060 --evidence "$E"
assert_rc 2
[ "$(cat "$IT_TMP/keep.xml")" = OLD ] && [ "$(cat "$IT_TMP/keep.tap")" = OLD ] || fail "a refused run touched the reports"
[ "$(ls -A "$IT_TMP" | grep -c '^\.')" -eq 0 ] || { ls -A "$IT_TMP"; fail "temp files left by a refused run"; }

# Two outputs on one file, or an output on an input: exit 2, nothing touched.
cp "$IT_TMP/s.yaml" "$IT_TMP/s.orig"
mkdir "$IT_TMP/d"
for args in "--junit $IT_TMP/x.out --tap $IT_TMP/x.out" \
	    "--junit $IT_TMP/x.out --tap $IT_TMP/d/../x.out" \
	    "--junit - --tap -" \
	    "--junit $IT_TMP/s.yaml" \
	    "--tap $IT_TMP/d/../s.yaml" \
	    "--junit $IT_TMP/keep.xml --tap $IT_TMP/w.yaml --waivers $IT_TMP/w.yaml"; do
	ev
	# shellcheck disable=SC2086
	run_sc run "$IT_TMP/s.yaml" $args --evidence "$E" --timeout 3
	[ "$RC" -eq 2 ] || { cat "$IT_TMP/err"; fail "'$args': exit $RC, expected 2"; }
	assert_grep "$IT_TMP/err" "refusing to write over it"
	[ ! -e "$E" ] || fail "'$args': evidence written for a refused run"
done
[ ! -e "$IT_TMP/x.out" ] || fail "a refused run created its report"
cmp -s "$IT_TMP/s.yaml" "$IT_TMP/s.orig" || fail "the suite file was overwritten"
[ "$(cat "$IT_TMP/w.yaml")" = "waivers: []" ] || fail "the waivers file was overwritten"
assert_grep "$IT_TMP/err" "--tap $IT_TMP/w.yaml is the waivers file"
