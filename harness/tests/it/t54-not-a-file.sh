# A FIFO (or a directory, a device) given as the suite or waivers file:
# exit 2 at once with "not a regular file", never read nor waited on.
# Before: open() of a FIFO waited for a writer for ever.
. "$IT_DIR/lib.sh"
set -e
mkfifo "$IT_TMP/suite.yaml" "$IT_TMP/waivers.yaml"
check() {   # check WHAT-PATTERN ARGS...
	local want=$1 start end
	shift
	start=$(date +%s)
	set +e
	timeout 10 "$BIN" "$@" >"$IT_TMP/out" 2>"$IT_TMP/err"
	RC=$?
	set -e
	end=$(date +%s)
	[ $RC -ne 124 ] || fail "sipconform $*: still waiting after 10 s"
	assert_rc 2
	assert_grep "$IT_TMP/err" "$want"
	[ $((end - start)) -le 3 ] || fail "sipconform $*: took $((end - start)) s"
	[ ! -s "$IT_TMP/out" ] || fail "something was printed on stdout (a run started?)"
}
check "^$IT_TMP/suite.yaml: cannot read the suite file: not a regular file \(a FIFO\)$" \
	run "$IT_TMP/suite.yaml" --target 127.0.0.1:9 --evidence "$IT_TMP/ev"
check "^$IT_TMP/waivers.yaml: cannot read the waivers file: not a regular file \(a FIFO\)$" \
	run "$REPO/fixtures/suites/good_minimal.yaml" --target 127.0.0.1:9 \
	--waivers "$IT_TMP/waivers.yaml" --evidence "$IT_TMP/ev"
check "^$IT_TMP: cannot read the suite file: not a regular file \(a directory\)$" \
	run "$IT_TMP" --target 127.0.0.1:9 --evidence "$IT_TMP/ev"
check "^/dev/zero: cannot read the suite file: not a regular file \(a character device\)$" \
	run /dev/zero --target 127.0.0.1:9 --evidence "$IT_TMP/ev"
# Nothing was written to the FIFOs' readers, nothing left waiting on them.
[ -p "$IT_TMP/suite.yaml" ] || fail "the FIFO was replaced"
