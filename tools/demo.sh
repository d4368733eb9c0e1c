#!/bin/bash
# make demo: start the bundled Kamailio reference SUT on loopback, run the
# default suites (IPv4 and IPv6, UDP and TCP) against it, write
# reports/junit.xml and reports/results.tap; then its TLS variant (a test
# CA and certificate made now) with the reference suite over TLS
# (suites/kamailio-tls.yaml, verified with --tls-ca), writing
# reports/junit-tls.xml and reports/results-tls.tap; then the reference
# behind digest authentication (fixtures/kamailio/auth.cfg) with
# suites/kamailio-auth.yaml, its password given through the environment
# (SIPCONFORM_DEMO_PASSWORD, never on a command line), writing
# reports/junit-auth.xml and reports/results-auth.tap.  Stops every
# Kamailio it started; exits with the first non-zero exit code of
# sipconform (0 when every run passed).
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$repo/sipconform}
cd "$repo"

SUT_PID= SUT_DIR=
stop() {
	[ -n "$SUT_DIR" ] || return 0
	SUT_PID=$SUT_PID SUT_DIR=$SUT_DIR fixtures/kamailio/sut stop >/dev/null 2>&1
	SUT_PID= SUT_DIR=
}
trap stop EXIT

out=$(fixtures/kamailio/sut start) || { echo "demo: Kamailio did not start" >&2; exit 3; }
eval "$out"
echo "demo: Kamailio $(kamailio -v 2>/dev/null | head -n1 | awk '{print $3}') (pid $SUT_PID) on 127.0.0.1 and ::1, port $SUT_PORT (udp+tcp)"

rm -rf reports/evidence/demo reports/evidence/demo-tls reports/evidence/demo-auth; mkdir -p reports
"$bin" run suites/kamailio.yaml suites/kamailio-ipv6.yaml --port "$SUT_PORT" \
	--junit reports/junit.xml --tap reports/results.tap --evidence reports/evidence/demo
rc=$?
stop

out=$(fixtures/kamailio/sut start --tls) || { echo "demo: Kamailio with TLS did not start" >&2; exit 3; }
eval "$out"
echo "demo: Kamailio (pid $SUT_PID) with TLS on 127.0.0.1 and ::1, port $SUT_TLS_PORT; test CA $SUT_CA"
"$bin" run suites/kamailio-tls.yaml --port "$SUT_TLS_PORT" --tls-ca "$SUT_CA" \
	--junit reports/junit-tls.xml --tap reports/results-tls.tap --evidence reports/evidence/demo-tls
rc_tls=$?
[ "$rc" -ne 0 ] || rc=$rc_tls
stop

# The same reference behind a 401 challenge (user tester, password s3cret).
out=$(fixtures/kamailio/sut start fixtures/kamailio/auth.cfg) ||
	{ echo "demo: Kamailio (auth.cfg) did not start" >&2; exit 3; }
eval "$out"
echo "demo: Kamailio behind digest authentication (pid $SUT_PID) on 127.0.0.1, port $SUT_PORT"
SIPCONFORM_DEMO_PASSWORD=s3cret "$bin" run suites/kamailio-auth.yaml --port "$SUT_PORT" \
	--junit reports/junit-auth.xml --tap reports/results-auth.tap --evidence reports/evidence/demo-auth
arc=$?
[ "$rc" -ne 0 ] || rc=$arc
echo "demo: reports/junit.xml, reports/results.tap, reports/junit-tls.xml, reports/results-tls.tap," \
	"reports/junit-auth.xml, reports/results-auth.tap; evidence under reports/evidence/demo{,-tls,-auth}"
exit $rc
