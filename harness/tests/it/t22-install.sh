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
