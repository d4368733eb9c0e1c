# Levels and waivers (issue 5): a SHOULD/WARN-level finding passes unless
# --strict; a waived failure is reported as skipped with its reason; an
# expired waiver or one that matches nothing is reported loudly and hides
# nothing.
. "$IT_DIR/lib.sh"
set -e

cat >"$IT_TMP/sips.yaml" <<YAML
suite: levels
target: {host: 127.0.0.1}
tests:
  - id: sips-moved
    request_uri: sips:moved@example.com
    expect: 301
YAML
kam_start "$REPO/fixtures/kamailio/broken-301-sips-to-sip.cfg"
run_sc run "$IT_TMP/sips.yaml" --port "$SUT_PORT" --tap "$IT_TMP/t.tap" --junit "$IT_TMP/j.xml" --evidence "$IT_TMP/ev1"
assert_rc 0
assert_check "$IT_TMP/t.tap" sips-moved RFC3261-8.1.3.4-SIPS-KEPT warn
assert_junit "$IT_TMP/j.xml"
assert_grep "$IT_TMP/j.xml" "<system-out>.*SIPS-KEPT|SIPS-KEPT"
run_sc run "$IT_TMP/sips.yaml" --port "$SUT_PORT" --strict --tap "$IT_TMP/t2.tap" --evidence "$IT_TMP/ev2"
assert_rc 1
assert_grep "$IT_TMP/out" "FAIL +sips-moved .*RFC3261-8.1.3.4-SIPS-KEPT"
kam_stop

kam_start "$REPO/fixtures/kamailio/broken-options-allow-differs.cfg"
cat >"$IT_TMP/opt.yaml" <<YAML
suite: waivers
target: {host: 127.0.0.1}
tests:
  - id: nomethods-message
    request_uri: sip:nomethods@example.com
    method: MESSAGE
    expect: 405
    probe_options: true
  - id: bob-publish
    request_uri: sip:bob@example.com
    method: PUBLISH
    expect: 405
YAML
cat >"$IT_TMP/w-ok.yaml" <<YAML
waivers:
  - check: RFC3261-21.4.6-ALLOW-MATCHES-OPTIONS
    test: "nomethods-*"
    reason: "vendor ticket 42: OPTIONS lists methods of another realm"
    expires: 2099-12-31
  - check: RFC3261-21.4.6-ALLOW-PRESENT
    test: "nobody"
    reason: "stale"
    expires: 2099-12-31
YAML
run_sc run "$IT_TMP/opt.yaml" --port "$SUT_PORT" --waivers "$IT_TMP/w-ok.yaml" \
	--tap "$IT_TMP/w.tap" --junit "$IT_TMP/w.xml" --evidence "$IT_TMP/ev3"
assert_rc 0
assert_grep "$IT_TMP/out" "SKIP +nomethods-message .*vendor ticket 42"
assert_grep "$IT_TMP/w.tap" "^ok 1 - nomethods-message # SKIP .*vendor ticket 42"
assert_junit "$IT_TMP/w.xml"
assert_grep "$IT_TMP/w.xml" "<skipped"
assert_grep "$IT_TMP/err" "matched nothing"
assert_tap "$IT_TMP/w.tap" 2 0

cat >"$IT_TMP/w-old.yaml" <<YAML
waivers:
  - check: RFC3261-21.4.6-ALLOW-MATCHES-OPTIONS
    test: "*"
    reason: "was fixed in 2020"
    expires: 2020-01-01
YAML
run_sc run "$IT_TMP/opt.yaml" --port "$SUT_PORT" --waivers "$IT_TMP/w-old.yaml" --evidence "$IT_TMP/ev4"
assert_rc 1
assert_grep "$IT_TMP/out" "FAIL +nomethods-message .*ALLOW-MATCHES-OPTIONS"
assert_grep "$IT_TMP/err" "EXPIRED"

# A broken waivers file is a usage error, nothing is sent.
printf 'waivers:\n  - check: X\n    test: y\n' >"$IT_TMP/w-bad.yaml"
run_sc run "$IT_TMP/opt.yaml" --port "$SUT_PORT" --waivers "$IT_TMP/w-bad.yaml"
assert_rc 2
assert_grep "$IT_TMP/err" "w-bad.yaml:2:5: "
kam_stop
