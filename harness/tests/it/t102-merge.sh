# sipconform merge (issue 12, point 5): the JUnit reports of two shards --
# two runs, each of part of one suite (the same suite name), as CI
# machines would make them -- merged into one document that validates
# against fixtures/schemas/junit.xsd, every suite kept whole with its
# counts, the totals on stdout; what is not a sipconform JUnit report is
# refused with exit 2 and OUT is left as it was.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e

sut_start "$REPO/fixtures/sipp/uas_405_ok.xml" udp 127.0.0.1
it_track $SUT_PID
shard() { # FILE ID:EXPECT...
	local f=$1 t
	shift
	printf 'suite: methods\ntarget: {host: 127.0.0.1, port: %s}\ntests:\n' "$SUT_PORT" >"$f"
	for t in "$@"; do
		printf '  - id: %s\n    request_uri: sip:bob@example.com\n    method: MESSAGE\n    expect: %s\n' \
			"${t%:*}" "${t#*:}" >>"$f"
	done
}
shard "$IT_TMP/s1.yaml" m1:405 m2:405 m3:301
shard "$IT_TMP/s2.yaml" m4:405 m5:301
run_sc run "$IT_TMP/s1.yaml" --junit "$IT_TMP/j1.xml" --evidence "$IT_TMP/ev1" --timeout 3
assert_rc 1
run_sc run "$IT_TMP/s2.yaml" --junit "$IT_TMP/j2.xml" --evidence "$IT_TMP/ev2" --timeout 3
assert_rc 1
assert_junit "$IT_TMP/j1.xml"
assert_junit "$IT_TMP/j2.xml"

run_sc merge "$IT_TMP/all.xml" "$IT_TMP/j1.xml" "$IT_TMP/j2.xml"
assert_rc 0
assert_grep "$IT_TMP/out" "^merged 2 files: 2 suites, 5 tests, 2 failures, 0 errors, 0 skipped$"
[ ! -s "$IT_TMP/err" ] || { cat "$IT_TMP/err"; fail "merge wrote to stderr"; }
assert_junit "$IT_TMP/all.xml"
# Both shards' suites, apart, renumbered, each naming its file; counts and cases kept.
[ "$(grep -c '<testsuite name="methods" tests=' "$IT_TMP/all.xml")" -eq 2 ] || fail "not two 'methods' suites"
assert_grep "$IT_TMP/all.xml" '<testsuite name="methods" tests="3" failures="1" errors="0" skipped="0" .* id="0" package="methods">'
assert_grep "$IT_TMP/all.xml" '<testsuite name="methods" tests="2" failures="1" errors="0" skipped="0" .* id="1" package="methods">'
assert_grep "$IT_TMP/all.xml" "<property name=\"merge.source\" value=\"$IT_TMP/j1.xml\"/>"
assert_grep "$IT_TMP/all.xml" "<property name=\"merge.source\" value=\"$IT_TMP/j2.xml\"/>"
for id in m1 m2 m3 m4 m5; do
	[ "$(grep -c "<testcase name=\"$id\" classname=\"methods\"" "$IT_TMP/all.xml")" -eq 1 ] ||
		fail "$id is not in the merged report once"
done
[ "$(grep -c '<failure ' "$IT_TMP/all.xml")" -eq 2 ] || fail "not 2 failures"
# The evidence of each shard's passes and failures came along.
assert_grep "$IT_TMP/all.xml" '^\[m1\] PASS RFC3261-21.4.6-ALLOW-PRESENT '
assert_grep "$IT_TMP/all.xml" '^\[m4\] SIP/2.0 405 '
n=$(grep -c '<testcase ' "$IT_TMP/j1.xml")
[ "$n" -eq 3 ] || fail "shard 1 has $n cases"

# Refused: a TAP file, a foreign JUnit, a DOCTYPE; OUT untouched, exit 2.
run_sc run "$IT_TMP/s2.yaml" --tap "$IT_TMP/t.tap" --evidence "$IT_TMP/ev3" --timeout 3
cp "$IT_TMP/all.xml" "$IT_TMP/keep.xml"
run_sc merge "$IT_TMP/all.xml" "$IT_TMP/j1.xml" "$IT_TMP/t.tap"
assert_rc 2
assert_grep "$IT_TMP/err" "^sipconform: merge: $IT_TMP/t.tap:1: not well-formed XML"
cmp -s "$IT_TMP/all.xml" "$IT_TMP/keep.xml" || fail "OUT changed by a refused merge"
cat >"$IT_TMP/pytest.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="0" failures="0" skipped="0" tests="1" time="0.1" timestamp="2026-11-29T20:00:00.123456" hostname="h"><testcase classname="t" name="x" time="0.001"/></testsuite></testsuites>
XML
run_sc merge "$IT_TMP/all.xml" "$IT_TMP/pytest.xml"
assert_rc 2
assert_grep "$IT_TMP/err" "^sipconform: merge: $IT_TMP/pytest.xml:1: <testsuite> lacks its 'id' attribute"
cat >"$IT_TMP/xxe.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE testsuites [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<testsuites>&x;</testsuites>
XML
run_sc merge "$IT_TMP/all.xml" "$IT_TMP/xxe.xml"
assert_rc 2
assert_grep "$IT_TMP/err" "xxe.xml: has a DOCTYPE or an entity declaration"
cmp -s "$IT_TMP/all.xml" "$IT_TMP/keep.xml" || fail "OUT changed by a refused merge"
[ -z "$(ls -A "$IT_TMP" | grep '^\.')" ] || { ls -A "$IT_TMP"; fail "temp files left"; }
# --help and the man page name the command.
run_sc --help
assert_grep "$IT_TMP/out" '^ +sipconform merge OUT.xml IN.xml \[IN.xml \.\.\.\]'
assert_grep "$REPO/doc/sipconform.1" '^\.B sipconform merge$'
note "2 shards (3 + 2 tests) merged into one valid JUnit; a TAP file, a foreign JUnit and a DOCTYPE refused"
