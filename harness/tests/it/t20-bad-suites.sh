# Bad suite files exit 2 with FILE:LINE:COL before anything is sent.
. "$IT_DIR/lib.sh"
set -e
for f in bad_yaml_syntax bad_missing_request_uri bad_crlf_in_uri bad_unknown_expect \
         bad_unknown_key bad_duplicate_id bad_sipp_keyword bad_method_ack; do
	path="$REPO/fixtures/suites/$f.yaml"
	[ -f "$path" ] || fail "missing fixture $path"
	run_sc run "$path" --target 127.0.0.1:9 --evidence "$IT_TMP/ev"
	assert_rc 2
	assert_grep "$IT_TMP/err" "^$path:[0-9]+:[0-9]+: "
	[ ! -s "$IT_TMP/out" ] || fail "$f: something was printed on stdout (a run started?)"
	note "$f: $(head -n1 "$IT_TMP/err")"
done
# A missing file is a usage error too.
run_sc run "$IT_TMP/nope.yaml"
assert_rc 2
assert_grep "$IT_TMP/err" "nope.yaml"
