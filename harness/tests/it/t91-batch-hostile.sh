# Batched runs give the one-by-one verdicts against hostile SIPp fixtures
# (run/batch.h): a suite of three tests of one shape per SUT, batched (the
# default) and with --no-batch, must give the same TAP verdicts and checks.
# Where the first test (the pilot) is not answered cleanly the group is
# not batched at all; where it is, the rest go out in one batch.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e

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

# Hostile SIPp fixtures: three tests of one shape (one batch) per SUT.
for scn in uas_hostile uas_finals_conflict uas_forged_frame uas_405_no_allow uas_301_ok uas_501; do
	sut_start "$REPO/fixtures/sipp/$scn.xml" udp 127.0.0.1 || fail "$scn did not start"
	it_track $SUT_PID
	cat >"$IT_TMP/$scn.yaml" <<YAML
suite: $scn
target: {host: 127.0.0.1, port: $SUT_PORT}
tests:
  - {id: a, request_uri: sip:alice@example.com, method: MESSAGE, expect: 405}
  - {id: b, request_uri: sip:bob@example.com, method: MESSAGE, expect: 405, repeat: 2}
  - {id: c, request_uri: sip:carol@example.com, method: MESSAGE, expect: 301}
YAML
	same "$scn" maybe "$IT_TMP/$scn.yaml" --timeout 2
	sut_stop
done
