# --shard K/N (disjoint, union = the selection, round-robin), --rerun-failed
# FILE.json (only the tests that did not pass; missing tests warned about;
# nothing to rerun: exit 0) and --fail-fast (stops after the first test
# that does not pass, reports complete for what ran), against the
# reference Kamailio and its broken-405-no-allow variant.
. "$IT_DIR/lib.sh"
set -e
suite=$REPO/suites/kamailio.yaml
# ---- --shard ------------------------------------------------------------
run_sc run "$suite" --list
assert_rc 0
sort "$IT_TMP/out" >"$IT_TMP/all"
total=$(wc -l <"$IT_TMP/all")
: >"$IT_TMP/union"
for k in 1 2 3; do
	run_sc run "$suite" --list --shard "$k/3"
	assert_rc 0
	n=$(wc -l <"$IT_TMP/out")
	# Round-robin: every shard within one of total/3.
	[ $((n * 3)) -ge $((total - 2)) ] && [ $((n * 3)) -le $((total + 2)) ] ||
		fail "shard $k/3 has $n of $total tests: not a fair share"
	cat "$IT_TMP/out" >>"$IT_TMP/union"
done
sort "$IT_TMP/union" >"$IT_TMP/union.s"
diff -u "$IT_TMP/all" "$IT_TMP/union.s" || fail "the shards' union is not the suite, or they overlap"
# Deterministic: the same shard twice is the same list.
run_sc run "$suite" --list --shard 2/3
cp "$IT_TMP/out" "$IT_TMP/s2a"
run_sc run "$suite" --list --shard 2/3
cmp -s "$IT_TMP/out" "$IT_TMP/s2a" || fail "shard 2/3 differs between two runs"
# The deal is over the selection: --filter first, then the shards.
run_sc run "$suite" --list --filter 'moved-*' --shard 1/2
assert_rc 0
assert_nogrep "$IT_TMP/out" '^nomethods'
for bad in 0/3 4/3 1/1001 1/0 a/b 1/ /2 1-2 '1/2/3' ' 1/2'; do
	run_sc run "$suite" --list --shard "$bad"
	assert_rc 2
	assert_grep "$IT_TMP/err" "--shard must be K/N"
done
# More shards than tests: an empty shard is no error (CI matrices), nothing is written.
run_sc run "$suite" --filter moved-options --shard 2/2 --junit "$IT_TMP/e.xml" --evidence "$IT_TMP/ev-e"
assert_rc 0
assert_grep "$IT_TMP/err" "shard 2/2 has no test"
[ ! -e "$IT_TMP/e.xml" ] && [ ! -e "$IT_TMP/ev-e" ] || fail "an empty shard wrote something"
# A shard really runs only its part.
kam_start
run_sc run "$suite" --list --filter 'moved-*' --shard 2/2
cp "$IT_TMP/out" "$IT_TMP/want"
run_sc run "$suite" --port "$SUT_PORT" --filter 'moved-*' --shard 2/2 --tap "$IT_TMP/s.tap" --evidence "$IT_TMP/ev-s"
assert_rc 0
sed -n 's/^ok [0-9]* - \([^ ]*\).*/\1/p' "$IT_TMP/s.tap" >"$IT_TMP/got"
diff -u "$IT_TMP/want" "$IT_TMP/got" || fail "shard 2/2 ran other tests than --list names"
kam_stop
# ---- --rerun-failed -------------------------------------------------------
kam_start "$REPO/fixtures/kamailio/broken-405-no-allow.cfg"
sel="--filter moved-options --filter nomethods-message --filter bob-publish --filter control-unknown-method"
if "$BIN" --help | grep -q -- '^  --json '; then
	run_sc run "$suite" --port "$SUT_PORT" $sel --json "$IT_TMP/first.json" --evidence "$IT_TMP/ev1"
	assert_rc 1
	rerun=$IT_TMP/first.json
else
	# No JSON writer in this build: the same result by hand (the format's
	# fields --rerun-failed reads, COMMON result contract).
	rerun=$IT_TMP/first.json
	cat >"$rerun" <<JSON
{"format": "sipconform-result", "format_version": 1,
 "tool": {"name": "sipconform", "version": "0.1.0"},
 "tests": [
  {"suite": "kamailio-reference", "id": "moved-options", "verdict": "pass"},
  {"suite": "kamailio-reference", "id": "nomethods-message", "verdict": "fail"},
  {"suite": "kamailio-reference", "id": "bob-publish", "verdict": "fail"},
  {"suite": "kamailio-reference", "id": "control-unknown-method", "verdict": "pass"}],
 "totals": {"tests": 4, "passed": 2, "failed": 2, "errors": 0, "inconclusive": 0, "skipped": 0}}
JSON
fi
run_sc run "$suite" --port "$SUT_PORT" --rerun-failed "$rerun" --tap "$IT_TMP/r.tap" --evidence "$IT_TMP/ev2"
assert_rc 1
sed -n 's/^\(not \)\{0,1\}ok [0-9]* - \([^ ]*\).*/\2/p' "$IT_TMP/r.tap" | sort >"$IT_TMP/got"
printf 'bob-publish\nnomethods-message\n' >"$IT_TMP/want"
diff -u "$IT_TMP/want" "$IT_TMP/got" || fail "--rerun-failed ran other tests than the failed ones"
assert_tap "$IT_TMP/r.tap" 0 2
kam_stop
# Fixed SUT: the rerun passes.
kam_start
run_sc run "$suite" --port "$SUT_PORT" --rerun-failed "$rerun" --evidence "$IT_TMP/ev3"
assert_rc 0
assert_grep "$IT_TMP/out" "^2 tests: 2 passed"
kam_stop
# Error, inconclusive are rerun; skip and pass are not; a test gone from
# the suite is a warning; the suite name counts.
cat >"$IT_TMP/mixed.json" <<'JSON'
{"format": "sipconform-result", "format_version": 1, "tests": [
 {"suite": "kamailio-reference", "id": "moved-options", "verdict": "error"},
 {"suite": "kamailio-reference", "id": "moved-invite", "verdict": "inconclusive"},
 {"suite": "kamailio-reference", "id": "bob-publish", "verdict": "skip"},
 {"suite": "kamailio-reference", "id": "nomethods-message", "verdict": "pass"},
 {"suite": "other-suite", "id": "moved-follow", "verdict": "fail"},
 {"suite": "kamailio-reference", "id": "gone-test", "verdict": "fail"}]}
JSON
run_sc run "$suite" --list --rerun-failed "$IT_TMP/mixed.json"
assert_rc 0
printf 'moved-options\nmoved-invite\n' >"$IT_TMP/want"
diff -u "$IT_TMP/want" "$IT_TMP/out" || fail "rerun selection of error/inconclusive"
assert_grep "$IT_TMP/err" "warning: --rerun-failed: no test 'gone-test' in a suite named 'kamailio-reference'"
assert_grep "$IT_TMP/err" "no test 'moved-follow' in a suite named 'other-suite'"
# With --filter: both select.
run_sc run "$suite" --list --rerun-failed "$IT_TMP/mixed.json" --filter 'moved-inv*'
assert_rc 0
printf 'moved-invite\n' >"$IT_TMP/want"
diff -u "$IT_TMP/want" "$IT_TMP/out" || fail "--rerun-failed AND --filter"
# Nothing to rerun: said, exit 0, nothing sent or written.
printf '{"format": "sipconform-result", "format_version": 1, "tests": [{"suite": "kamailio-reference", "id": "moved-options", "verdict": "pass"}]}' >"$IT_TMP/pass.json"
run_sc run "$suite" --target 192.0.2.1:9 --rerun-failed "$IT_TMP/pass.json" --junit "$IT_TMP/p.xml" --evidence "$IT_TMP/ev-p"
assert_rc 0
assert_grep "$IT_TMP/err" "no test to rerun"
[ ! -e "$IT_TMP/p.xml" ] && [ ! -e "$IT_TMP/ev-p" ] || fail "nothing to rerun, yet something was written"
# Bad files: exit 2 with file:line:col for JSON syntax.
printf '{"format": "sipconform-result",\n  "tests": [1,,2]}\n' >"$IT_TMP/bad.json"
run_sc run "$suite" --list --rerun-failed "$IT_TMP/bad.json"
assert_rc 2
assert_grep "$IT_TMP/err" "bad.json:2:[0-9]+: not valid JSON"
printf '{"tests": []}' >"$IT_TMP/other.json"
run_sc run "$suite" --list --rerun-failed "$IT_TMP/other.json"
assert_rc 2
assert_grep "$IT_TMP/err" "not a sipconform JSON result"
printf '{"format": "sipconform-result", "format_version": 1, "tests": [{"suite": "s", "id": "x", "verdict": "maybe"}]}' >"$IT_TMP/verdict.json"
run_sc run "$suite" --list --rerun-failed "$IT_TMP/verdict.json"
assert_rc 2
assert_grep "$IT_TMP/err" "tests\[0\]: unknown verdict"
run_sc run "$suite" --list --rerun-failed "$IT_TMP/no-such.json"
assert_rc 2
assert_grep "$IT_TMP/err" "no-such.json: cannot read"
# ---- --fail-fast ----------------------------------------------------------
kam_start "$REPO/fixtures/kamailio/broken-405-no-allow.cfg"
run_sc run "$suite" --port "$SUT_PORT" --fail-fast --junit "$IT_TMP/ff.xml" --tap "$IT_TMP/ff.tap" --evidence "$IT_TMP/ev-ff"
assert_rc 1
assert_grep "$IT_TMP/out" "^stopped: --fail-fast stopped the run after the first test that did not pass; [0-9]+ of $total tests finished"
ran=$(grep -Ec '^(not )?ok ' "$IT_TMP/ff.tap")
[ "$ran" -lt "$total" ] || fail "--fail-fast ran all $total tests"
[ "$(grep -c '^not ok ' "$IT_TMP/ff.tap")" -eq 1 ] || fail "--fail-fast: not exactly one failure"
grep -E '^(not )?ok ' "$IT_TMP/ff.tap" | tail -n 1 | grep -q '^not ok ' || fail "the failing test is not the last one run"
assert_junit "$IT_TMP/ff.xml"
assert_grep "$IT_TMP/ff.tap" "^Bail out! --fail-fast"
if "$BIN" --help | grep -q -- '^  --json '; then
	run_sc run "$suite" --port "$SUT_PORT" --fail-fast --json "$IT_TMP/ff.json" --evidence "$IT_TMP/ev-ffj"
	assert_rc 1
	/usr/bin/python3 - "$IT_TMP/ff.json" "$ran" <<'PY' || fail "the JSON result does not record the --fail-fast stop"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["run"]["stopped"].startswith("--fail-fast stopped the run"), d["run"]["stopped"]
assert d["totals"]["tests"] == int(sys.argv[2]) == len(d["tests"]), d["totals"]
assert [t["verdict"] for t in d["tests"]].count("fail") == 1
PY
fi
# Without --fail-fast the same SUT runs everything.
run_sc run "$suite" --port "$SUT_PORT" --tap "$IT_TMP/all.tap" --evidence "$IT_TMP/ev-all"
assert_rc 1
[ "$(grep -Ec '^(not )?ok ' "$IT_TMP/all.tap")" -eq "$total" ] || fail "not every test ran"
kam_stop
