# batch.sh - sourced by the batch integration tests (t90-t92): run a suite
# batched (the default) and with --no-batch and compare the TAP reports.
# Needs lib.sh sourced first.

# norm TAP: verdict lines, check counts, check ids with their outcome.
norm() {
	grep -E '^(not )?ok |^  verdict:|^    (failing|warnings|passed|not_applicable|not_listed):|^    - id:|^      outcome:' "$1" |
		sed -E 's/(: error: ).*/\1/'
}

# same NAME yes|maybe SUITE ARGS...: batched and --no-batch agree; with
# yes a batch was used (against a hostile SUT the pilot test may keep
# its group out of batches: run/batch.h).
same() {
	local name=$1 must=$2 suite=$3
	shift 3
	run_sc run "$suite" --tap "$IT_TMP/$name-b.tap" --evidence "$IT_TMP/ev-$name-b" "$@"
	local rcb=$RC
	run_sc run "$suite" --tap "$IT_TMP/$name-n.tap" --evidence "$IT_TMP/ev-$name-n" --no-batch "$@"
	[ "$rcb" = "$RC" ] || fail "$name: exit $rcb batched, $RC with --no-batch"
	norm "$IT_TMP/$name-b.tap" >"$IT_TMP/$name-b.norm"
	norm "$IT_TMP/$name-n.tap" >"$IT_TMP/$name-n.norm"
	[ -s "$IT_TMP/$name-b.norm" ] || fail "$name: empty report"
	diff "$IT_TMP/$name-n.norm" "$IT_TMP/$name-b.norm" >"$IT_TMP/$name.diff" ||
		{ cat "$IT_TMP/$name.diff"; fail "$name: batched and --no-batch reports differ"; }
	local used=no
	! ls -d "$IT_TMP/ev-$name-b"/*/batch-1 >/dev/null 2>&1 || used=yes
	[ "$must" = maybe ] || [ "$used" = yes ] || fail "$name: no batch ran"
	! ls -d "$IT_TMP/ev-$name-n"/*/batch-* >/dev/null 2>&1 || fail "$name: --no-batch ran a batch"
	note "$name: $(grep -c '^ok ' "$IT_TMP/$name-b.tap") ok, $(grep -c '^not ok ' "$IT_TMP/$name-b.tap") not ok, both ways (batched: $used)"
}

# sipp_runs DIR: the SIPp runs whose evidence is under DIR: every run
# writes one scenario.xml (a batch's is linked into its tests' directories).
sipp_runs() {
	find "$1" -name scenario.xml -printf '%i\n' | sort -u | wc -l
}
