# lib.sh - sourced by integration tests: temp dir, assertions, cleanup.
# Every process a test starts must be registered with it_track PID; the
# EXIT trap stops each one by PID (TERM, then KILL) and removes the temp dir.
set -u
IT_TMP=$(mktemp -d /tmp/sipconform-it.XXXXXX)
IT_PIDS=""
SHARED_DIR=${SHARED_DIR:-$(cd "$IT_DIR/../../../.." && pwd)/shared}
REPO=$(cd "$IT_DIR/../../.." && pwd)
BIN=$SIPCONFORM_BIN

it_track() { IT_PIDS="$IT_PIDS $1"; }

it_cleanup() {
	local p i
	for p in $IT_PIDS; do
		kill -TERM "$p" 2>/dev/null || continue
		for i in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$p" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	[ -n "${IT_KEEP:-}" ] || rm -rf "$IT_TMP"
}
trap it_cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
note() { echo "# $*"; }

# run_sc ARGS...: run sipconform, capture stdout/stderr/exit code in
# $IT_TMP/out, $IT_TMP/err, $RC.
run_sc() {
	set +e
	"$BIN" "$@" >"$IT_TMP/out" 2>"$IT_TMP/err"
	RC=$?
	set -e
	return 0
}

assert_rc() {
	[ "$RC" -eq "$1" ] || { echo "--- stdout"; cat "$IT_TMP/out"; echo "--- stderr"; cat "$IT_TMP/err"; fail "exit code $RC, expected $1"; }
}

# assert_grep FILE REGEX
assert_grep() {
	grep -Eq -- "$2" "$1" || { echo "--- $1"; cat "$1"; fail "no match for /$2/ in $1"; }
}
assert_nogrep() {
	! grep -Eq -- "$2" "$1" || { echo "--- $1"; cat "$1"; fail "unexpected match for /$2/ in $1"; }
}

# assert_junit FILE: valid against the strict schema.
assert_junit() {
	xmllint --noout --schema "$SHARED_DIR/schemas/junit.xsd" "$1" 2>"$IT_TMP/xmllint" ||
		{ cat "$IT_TMP/xmllint"; fail "$1 does not validate against junit.xsd"; }
}

# assert_tap FILE PASSED FAILED: prove reads it; counts as given.
assert_tap() {
	local f=$1 total=$(($2 + $3))
	prove -e cat "$f" >"$IT_TMP/prove" 2>&1 || true
	if grep -Eq 'Parse errors|Bad plan|Unknown TAP token' "$IT_TMP/prove"; then
		cat "$IT_TMP/prove"; fail "prove reports parse errors in $f"
	fi
	if [ "$3" -eq 0 ]; then
		grep -q '^Result: PASS' "$IT_TMP/prove" || { cat "$IT_TMP/prove"; fail "prove: expected PASS"; }
	else
		grep -Eq "Failed $3/$total subtests" "$IT_TMP/prove" ||
			{ cat "$IT_TMP/prove"; fail "prove: expected $3/$total failed"; }
	fi
	grep -Eq "Tests=$total," "$IT_TMP/prove" ||
		{ cat "$IT_TMP/prove"; fail "prove: expected $total tests"; }
}
