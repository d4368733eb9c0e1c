# -j N (run/batch.h): the slices of a large batch run at once, yet the
# reports are the same as with -j 1 (suite order, same verdicts and checks)
# and so are the evidence directories' names; bad values are usage errors.
. "$IT_DIR/lib.sh"
set -e
. "$IT_DIR/batch.sh"
kam_start
{
	printf 'suite: jobs\ntarget: {host: 127.0.0.1, port: %s}\ntests:\n' "$SUT_PORT"
	for i in $(seq 1 40); do
		printf '  - {id: m%s, request_uri: "sip:moved@h%s.example.com", method: OPTIONS, expect: 301}\n' "$i" "$i"
		printf '  - {id: n%s, request_uri: "sip:nomethods@h%s.example.com", method: MESSAGE, expect: 405, repeat: %s}\n' \
			"$i" "$i" $((i % 3 + 1))
	done
} >"$IT_TMP/s.yaml"
for j in 1 4; do
	run_sc run "$IT_TMP/s.yaml" "$REPO/suites/kamailio.yaml" --port "$SUT_PORT" \
		--tap "$IT_TMP/j$j.tap" --junit "$IT_TMP/j$j.xml" --json "$IT_TMP/j$j.json" --evidence "$IT_TMP/ev$j" -j "$j"
	assert_rc 0
	assert_junit "$IT_TMP/j$j.xml"
	norm "$IT_TMP/j$j.tap" >"$IT_TMP/j$j.norm"
	# per test: how many frames sent and received (their order within a
	# test's repeats follows the SUT's timing, -j or not), from the JSON:
	# a batched test that passed has no directory of its own
	/usr/bin/python3 -c '
import json, sys
for t in json.load(open(sys.argv[1]))["tests"]:
    d = [m["direction"] for m in t["messages"]]
    print(t["suite"], t["id"], d.count("sent"), d.count("received"))' "$IT_TMP/j$j.json" >"$IT_TMP/files$j"
done
assert_tap "$IT_TMP/j4.tap" 129 0
diff "$IT_TMP/j1.norm" "$IT_TMP/j4.norm" || fail "-j 4 and -j 1 give different verdicts or checks"
# The tests' own evidence is the same set of files either way.
[ -s "$IT_TMP/files1" ] || fail "no evidence files"
diff "$IT_TMP/files1" "$IT_TMP/files4" || fail "-j 4 wrote other evidence files than -j 1"
# -j 4 cut each of the two 'jobs' groups in (at least) 4 slices; -j 1 in one.
[ "$(ls -d "$IT_TMP"/ev1/jobs/batch-* | wc -l)" -eq 2 ] || fail "-j 1: not 2 batches"
[ "$(ls -d "$IT_TMP"/ev4/jobs/batch-* | wc -l)" -ge 8 ] || fail "-j 4: fewer than 8 batches"
cat "$IT_TMP"/ev4/jobs/batch-*/index.tsv | cut -f2 | sort >"$IT_TMP/in4"
cat "$IT_TMP"/ev1/jobs/batch-*/index.tsv | cut -f2 | sort >"$IT_TMP/in1"
diff "$IT_TMP/in1" "$IT_TMP/in4" || fail "-j 4 batched other tests than -j 1"
# Usage errors.
for v in 0 65 x ""; do
	run_sc run "$IT_TMP/s.yaml" -j "$v" --evidence "$IT_TMP/evx"
	assert_rc 2
	assert_grep "$IT_TMP/err" "--jobs \(-j\) must be a whole number, 1\.\.64"
done
run_sc run "$IT_TMP/s.yaml" -j
assert_rc 2
run_sc run "$IT_TMP/s.yaml" -j2 --evidence "$IT_TMP/ev2" --tap "$IT_TMP/j2.tap"
assert_rc 0
assert_tap "$IT_TMP/j2.tap" 80 0
[ "$(ls -d "$IT_TMP"/ev2/jobs/batch-* | wc -l)" -ge 4 ] || fail "-j2: fewer than 4 batches"
[ ! -e "$IT_TMP/evx" ] || fail "evidence written for a refused run"
