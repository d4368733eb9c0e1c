# make install PREFIX=... DESTDIR=... gives a working, relocatable tree:
# the installed binary finds its scenarios under PREFIX/share/sipconform;
# make uninstall removes it again.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e
make -s -C "$REPO" install PREFIX=/opt/sc DESTDIR="$IT_TMP/root" >/dev/null
bin="$IT_TMP/root/opt/sc/bin/sipconform"
[ -x "$bin" ] || fail "no installed binary"
[ -f "$IT_TMP/root/opt/sc/share/sipconform/scenarios/uac_request.xml" ] || fail "no installed scenarios"
sut_start "$REPO/fixtures/sipp/uas_301_ok.xml" udp 127.0.0.1
it_track $SUT_PID
printf 'suite: inst\ntarget: {host: 127.0.0.1, port: %s}\ntests:\n  - id: moved\n    request_uri: sip:alice@example.com\n    expect: 301\n' \
	"$SUT_PORT" >"$IT_TMP/s.yaml"
(cd "$IT_TMP" && SIPCONFORM_BIN="$bin" && "$bin" run s.yaml --evidence ev >out 2>err) || { cat "$IT_TMP/out" "$IT_TMP/err"; fail "installed binary failed"; }
assert_grep "$IT_TMP/out" "1 tests: 1 passed"
make -s -C "$REPO" uninstall PREFIX=/opt/sc DESTDIR="$IT_TMP/root" >/dev/null
[ ! -e "$bin" ] || fail "uninstall left the binary"
# The man pages and the README: installed under PREFIX/share/{man,doc},
# readable by man, and removed by uninstall.
make -s -C "$REPO" install PREFIX=/opt/sc DESTDIR="$IT_TMP/root" >/dev/null
man1="$IT_TMP/root/opt/sc/share/man/man1/sipconform.1"
man5="$IT_TMP/root/opt/sc/share/man/man5/sipconform-suite.5"
doc="$IT_TMP/root/opt/sc/share/doc/sipconform/README.md"
[ -f "$man1" ] && [ -f "$man5" ] || fail "man pages not installed"
[ -f "$doc" ] || fail "README not installed under share/doc/sipconform"
cmp -s "$doc" "$REPO/README.md" || fail "installed README differs"
for f in "$REPO"/reports/*.schema.json; do
	[ -e "$f" ] || continue
	cmp -s "$f" "$IT_TMP/root/opt/sc/share/doc/sipconform/$(basename "$f")" || fail "$(basename "$f") not installed"
done
if command -v man >/dev/null 2>&1; then
	MANWIDTH=80 man -l "$man1" 2>"$IT_TMP/man.err" >"$IT_TMP/man.out" || { cat "$IT_TMP/man.err"; fail "man -l sipconform.1"; }
	assert_grep "$IT_TMP/man.out" "--rerun-failed"
	MANWIDTH=80 man -l "$man5" >"$IT_TMP/man5.out" 2>/dev/null || fail "man -l sipconform-suite.5"
	assert_grep "$IT_TMP/man5.out" "request_uris"
	# MANPATH: man finds the installed page by name.
	MANPATH="$IT_TMP/root/opt/sc/share/man" MANWIDTH=80 man sipconform-suite 2>/dev/null | grep -q "probe_options" ||
		fail "man does not find sipconform-suite(5) under the installed MANPATH"
fi
make -s -C "$REPO" uninstall PREFIX=/opt/sc DESTDIR="$IT_TMP/root" >/dev/null
[ ! -e "$man1" ] && [ ! -e "$man5" ] && [ ! -e "$doc" ] || fail "uninstall left docs behind"
