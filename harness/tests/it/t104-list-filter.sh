# --list, --filter, --tag (suite and test 'tags'): the ids after matrix
# expansion, nothing sent for --list (no SIPp, no reachable target
# needed), the selection run against the reference Kamailio, and a
# selection that matches nothing refused (exit 2).
. "$IT_DIR/lib.sh"
set -e
suite=$REPO/suites/kamailio.yaml
# --list needs neither SIPp nor the target, and writes nothing.
run_sc run "$suite" --list --sipp /nonexistent/sipp --target 192.0.2.1:9 \
	--junit "$IT_TMP/none.xml" --evidence "$IT_TMP/ev-none"
assert_rc 0
[ ! -e "$IT_TMP/none.xml" ] && [ ! -e "$IT_TMP/ev-none" ] || fail "--list wrote a report or evidence"
[ ! -s "$IT_TMP/err" ] || { cat "$IT_TMP/err"; fail "--list printed on stderr"; }
grep -qx 'moved-options' "$IT_TMP/out" || fail "moved-options not listed"
grep -qx 'moved-methods/INVITE/udp' "$IT_TMP/out" || fail "expanded id not listed"
all=$(wc -l <"$IT_TMP/out")
[ "$all" -ge 20 ] || fail "only $all ids listed"
# Every line is an id: no header, no blank line, no repeat.
[ "$(sort -u "$IT_TMP/out" | wc -l)" -eq "$all" ] || fail "an id is listed twice"
assert_nogrep "$IT_TMP/out" '^$|[[:space:]]'
# --filter: fnmatch on the whole id, '*' crosses '/'; repeatable (any).
run_sc run "$suite" --list --filter 'moved-methods*'
assert_rc 0
[ "$(wc -l <"$IT_TMP/out")" -ge 2 ] || fail "filter kept too little"
assert_nogrep "$IT_TMP/out" '^moved-options$'
run_sc run "$suite" --list --filter 'moved-options' --filter 'moved-m*/INVITE/udp'
assert_rc 0
printf 'moved-options\nmoved-methods/INVITE/udp\n' >"$IT_TMP/want"
diff -u "$IT_TMP/want" "$IT_TMP/out" || fail "two filters: wrong selection or order"
# Several suites: SUITE<TAB>ID on every line.
run_sc run "$suite" "$REPO/suites/kamailio-ipv6.yaml" --list --filter 'moved-options'
assert_rc 0
printf 'kamailio-reference\tmoved-options\n' >"$IT_TMP/want"
diff -u "$IT_TMP/want" "$IT_TMP/out" || fail "several suites: not SUITE<TAB>ID"
# Tags: the suite's are inherited by every test, a test adds its own.
cat >"$IT_TMP/tagged.yaml" <<YAML
suite: tagged
target: {host: 127.0.0.1, port: 5060}
tags: [kamailio]
tests:
  - id: moved-options
    request_uri: sip:moved@example.com
    expect: 301
    contact: sip:alice-new@new.example.com
    tags: [smoke, redirect]
  - id: moved-invite
    request_uri: sip:moved@example.com
    method: INVITE
    expect: 301
    tags: [redirect]
  - id: nomethods
    request_uri: sip:nomethods@example.com
    methods: [MESSAGE, PUBLISH]
    expect: 405
    tags: [smoke]
YAML
run_sc run "$IT_TMP/tagged.yaml" --list --tag smoke
assert_rc 0
printf 'moved-options\nnomethods/MESSAGE\nnomethods/PUBLISH\n' >"$IT_TMP/want"
diff -u "$IT_TMP/want" "$IT_TMP/out" || fail "--tag smoke"
run_sc run "$IT_TMP/tagged.yaml" --list --tag kamailio
assert_rc 0
[ "$(wc -l <"$IT_TMP/out")" -eq 4 ] || fail "the suite's tag is not on every test"
# --tag and --filter: both must select (AND); --tag twice: either (OR).
run_sc run "$IT_TMP/tagged.yaml" --list --tag smoke --filter 'moved-*'
assert_rc 0
printf 'moved-options\n' >"$IT_TMP/want"
diff -u "$IT_TMP/want" "$IT_TMP/out" || fail "--tag AND --filter"
run_sc run "$IT_TMP/tagged.yaml" --list --tag smoke --tag redirect
assert_rc 0
[ "$(wc -l <"$IT_TMP/out")" -eq 4 ] || fail "--tag twice is not OR"
# Nothing selected: exit 2, said on stderr, nothing run or written.
run_sc run "$IT_TMP/tagged.yaml" --tag nosuchtag --junit "$IT_TMP/j0.xml" --evidence "$IT_TMP/ev0"
assert_rc 2
assert_grep "$IT_TMP/err" "no test matches the selection \(--tag\)"
[ ! -e "$IT_TMP/j0.xml" ] && [ ! -e "$IT_TMP/ev0" ] || fail "an empty selection wrote something"
run_sc run "$IT_TMP/tagged.yaml" --list --filter 'nomatch*'
assert_rc 2
assert_grep "$IT_TMP/err" "no test matches"
# A bad tag in the suite is a suite error with its position.
printf 'tests:\n  - id: a\n    request_uri: sip:a@example.com\n    expect: 301\n    tags: [ok, "no space"]\n' >"$IT_TMP/badtag.yaml"
run_sc run "$IT_TMP/badtag.yaml" --list
assert_rc 2
assert_grep "$IT_TMP/err" "badtag.yaml:5:[0-9]+: 'tags' may hold only"
# The selection really runs: against the reference Kamailio, only the
# selected tests are run and reported.
kam_start
run_sc run "$IT_TMP/tagged.yaml" --port "$SUT_PORT" --tag smoke --filter 'nomethods/*' \
	--junit "$IT_TMP/j.xml" --tap "$IT_TMP/t.tap" --evidence "$IT_TMP/ev"
assert_rc 0
assert_grep "$IT_TMP/out" "^2 tests: 2 passed"
assert_tap "$IT_TMP/t.tap" 2 0
assert_junit "$IT_TMP/j.xml"
assert_nogrep "$IT_TMP/t.tap" "moved-"
kam_stop
