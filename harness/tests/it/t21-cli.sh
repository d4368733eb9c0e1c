# The command line contract: --help, --version, usage errors, exit 3 when
# SIPp is missing.
. "$IT_DIR/lib.sh"
set -e
run_sc --help
assert_rc 0
assert_grep "$IT_TMP/out" "--target HOST:PORT"
assert_grep "$IT_TMP/out" "3  the environment stopped the run"
run_sc --version
assert_rc 0
assert_grep "$IT_TMP/out" "^sipconform [0-9]+\.[0-9]+"
run_sc run --bogus x.yaml
assert_rc 2
assert_grep "$IT_TMP/err" "unknown option '--bogus'"
run_sc run
assert_rc 2
run_sc run "$REPO/fixtures/suites/good_minimal.yaml" --transport sctp
assert_rc 2
run_sc run "$REPO/fixtures/suites/good_minimal.yaml" --timeout 0
assert_rc 2
run_sc run "$REPO/fixtures/suites/good_minimal.yaml" --target '::1:5060'
assert_rc 2
assert_grep "$IT_TMP/err" "brackets"
run_sc run "$REPO/fixtures/suites/good_minimal.yaml" --target 127.0.0.1:9 --sipp /nonexistent/sipp --evidence "$IT_TMP/ev"
assert_rc 3
assert_grep "$IT_TMP/err" "SIPp"
run_sc checks
assert_rc 0
assert_grep "$IT_TMP/out" "RFC3261-21.4.6-ALLOW-PRESENT"
# A target that does not resolve stops the run before anything is sent:
# 2 when the resolver says the name does not exist, 3 when it cannot ask.
run_sc run "$REPO/fixtures/suites/good_minimal.yaml" --target no-such-host.invalid:5060 --evidence "$IT_TMP/ev2"
[ "$RC" -eq 2 ] || [ "$RC" -eq 3 ] || fail "exit $RC for an unresolvable target"
assert_grep "$IT_TMP/err" "target 'no-such-host.invalid'"
[ ! -e "$IT_TMP/ev2" ] || fail "evidence written although nothing was run"
# A report path that cannot be written is a usage error, found before the run.
run_sc run "$REPO/fixtures/suites/good_minimal.yaml" --target 127.0.0.1:9 --junit "$IT_TMP/no/such/dir/j.xml" --evidence "$IT_TMP/ev3"
assert_rc 2
assert_grep "$IT_TMP/err" "--junit .*no/such/dir/j.xml"
