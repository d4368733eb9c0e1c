# lib.sh - sourced by integration tests: temp dir, assertions, cleanup.
# Every process a test starts must be registered with it_track PID; the
# EXIT trap stops each one by PID (TERM, then KILL) and removes the temp dir.
set -u
IT_TMP=$(mktemp -d /tmp/sipconform-it.XXXXXX)
IT_PIDS=""
REPO=$(cd "$IT_DIR/../../.." && pwd)
BIN=$SIPCONFORM_BIN

it_track() { IT_PIDS="$IT_PIDS $1"; }

it_cleanup() {
	local p i d
	for d in ${IT_KAM_DIRS:-}; do
		"$REPO/fixtures/kamailio/sut" stop "$d" >/dev/null 2>&1 || true
	done
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

# assert_junit FILE: valid against the project's JUnit schema.
assert_junit() {
	xmllint --noout --schema "$REPO/fixtures/schemas/junit.xsd" "$1" 2>"$IT_TMP/xmllint" ||
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

# tap_outcome TAPFILE TESTID CHECKID: the outcome ("fail", "warn", "pass",
# "na") the TAP diagnostics give for CHECKID in test TESTID, or "" if the
# check is not listed there.  A test line's description is the id alone
# (a skip adds its "# SKIP reason" directive).
tap_outcome() {
	awk -v t="$2" -v c="$3" '
		/^(not )?ok [0-9]+ - / {
			d = $0; sub(/^(not )?ok [0-9]+ - /, "", d); sub(/ # SKIP .*$/, "", d)
			intest = (d == t); next
		}
		intest && index($0, "- id: '\''" c "'\''") { want = 1; next }
		intest && want && /^ *outcome: / { sub(/^ *outcome: /, ""); print; exit }
	' "$1"
}

# assert_check TAPFILE TESTID CHECKID OUTCOME
assert_check() {
	local got
	got=$(tap_outcome "$1" "$2" "$3")
	# The diagnostics list failing and warning checks only: a check that
	# passed is simply not listed.
	[ "$4" != pass ] || [ -n "$got" ] || got=pass
	[ "$got" = "$4" ] || { grep -F -A40 -- " - $2" "$1" | head -60; fail "$2: $3 is '$got', expected '$4'"; }
}

# assert_verdict TAPFILE TESTID ok|not-ok
assert_verdict() {
	if [ "$3" = ok ]; then
		grep -Eq "^ok [0-9]+ - $2( |\$)" "$1" || fail "$2: expected ok"
	else
		grep -Eq "^not ok [0-9]+ - $2( |:|\$)" "$1" || fail "$2: expected not ok"
	fi
}

# kam_start [--tls] [CFG]: the Kamailio reference SUT (fixtures/kamailio/sut),
# stopped by PID at exit.
kam_start() {
	local out
	out=$("$REPO/fixtures/kamailio/sut" start "$@") || fail "kamailio did not start: $out"
	eval "$out"
	it_track "$SUT_PID"
	IT_KAM_DIRS="${IT_KAM_DIRS:-} $SUT_DIR"
}
kam_stop() {
	"$REPO/fixtures/kamailio/sut" stop "$SUT_DIR" >/dev/null 2>&1 || true
}
