# Each deliberately broken Kamailio variant fails the right tests on the
# right check (fixtures/kamailio/check-broken-expectations.md), and only
# those: the tests it does not break still pass.
. "$IT_DIR/lib.sh"
set -e
cur=""
while IFS='|' read -r cfg test check outcome; do
	[ -n "$cfg" ] || continue
	if [ "$cfg" != "$cur" ]; then
		[ -z "$cur" ] || kam_stop
		cur=$cfg
		kam_start "$REPO/fixtures/kamailio/$cfg.cfg"
		run_sc run "$REPO/suites/kamailio.yaml" --port "$SUT_PORT" \
			--junit "$IT_TMP/$cfg.xml" --tap "$IT_TMP/$cfg.tap" --evidence "$IT_TMP/ev-$cfg"
		assert_rc 1
		assert_junit "$IT_TMP/$cfg.xml"
		nf=$(grep -c '^not ok ' "$IT_TMP/$cfg.tap")
		np=$(grep -c '^ok ' "$IT_TMP/$cfg.tap")
		assert_tap "$IT_TMP/$cfg.tap" "$np" "$nf"
		note "$cfg: $nf failed, $np passed"
	fi
	case "$outcome" in
	ok|not-ok) assert_verdict "$IT_TMP/$cfg.tap" "$test" "$outcome" ;;
	*) assert_check "$IT_TMP/$cfg.tap" "$test" "$check" "$outcome"
	   [ "$outcome" != fail ] || assert_verdict "$IT_TMP/$cfg.tap" "$test" not-ok ;;
	esac
done <<'TABLE'
broken-405-no-allow|nomethods-message|RFC3261-21.4.6-ALLOW-PRESENT|fail
broken-405-no-allow|bob-publish|RFC3261-21.4.6-ALLOW-PRESENT|fail
broken-405-no-allow|control-unknown-method||ok
broken-405-no-allow|moved-options||ok
broken-301-varies|moved-options|RFC3261-21.3.2-PERMANENT-STABLE|fail
broken-301-varies|moved-methods/INVITE/udp|RFC3261-21.3.2-PERMANENT-METHODS|fail
broken-301-varies|moved-methods/OPTIONS/tcp|RFC3261-21.3.2-PERMANENT-TRANSPORTS|fail
broken-301-varies|nomethods-message||ok
broken-301-per-method|moved-methods/INVITE/udp|RFC3261-21.3.2-PERMANENT-METHODS|fail
broken-301-per-method|moved-methods/OPTIONS/tcp|RFC3261-21.3.2-PERMANENT-TRANSPORTS|pass
broken-301-per-method|moved-options|RFC3261-21.3.2-PERMANENT-STABLE|pass
broken-301-self|moved-options|RFC3261-8.3-CONTACT-NOT-RURI|fail
broken-301-cycle|moved-follow|RFC3261-8.3-NO-REDIRECT-LOOP|fail
broken-301-cycle|alice-moved-follow|RFC3261-8.3-NO-REDIRECT-LOOP|fail
broken-301-cycle|moved-options||ok
broken-301-sips-to-sip|moved-sips/OPTIONS/udp|RFC3261-8.1.3.4-SIPS-KEPT|warn
broken-405-lists-method|nomethods-message|RFC3261-21.4.6-ALLOW-EXCLUDES-METHOD|fail
broken-405-for-unknown|control-unknown-method|RFC3261-21.5.2-501-NOT-405|fail
broken-405-for-unknown|moved-unknown-method||ok
broken-options-allow-differs|nomethods-message|RFC3261-21.4.6-ALLOW-MATCHES-OPTIONS|fail
broken-options-allow-differs|bob-publish||ok
TABLE
kam_stop
# The cycle is printed.
grep -q 'redirect cycle: sip:moved@example.com -> sip:alice-new@new.example.com -> sip:moved@example.com' \
	"$IT_TMP/broken-301-cycle.tap" || fail "cycle not printed"
