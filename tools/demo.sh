#!/bin/bash
# make demo: start the bundled Kamailio reference SUT on loopback, run the
# default suites (IPv4 and IPv6, UDP and TCP) against it, write
# reports/junit.xml and reports/results.tap; then the same reference
# behind digest authentication (fixtures/kamailio/auth.cfg) with
# suites/kamailio-auth.yaml, its password given through the environment
# (SIPCONFORM_DEMO_PASSWORD, never on a command line), writing
# reports/junit-auth.xml and reports/results-auth.tap; stop both
# Kamailios, exit with the first non-zero exit code of sipconform.
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$repo/sipconform}
cd "$repo"

out=$(fixtures/kamailio/sut start) || { echo "demo: Kamailio did not start" >&2; exit 3; }
eval "$out"
stop() { SUT_PID=$SUT_PID SUT_DIR=$SUT_DIR fixtures/kamailio/sut stop >/dev/null 2>&1; }
trap stop EXIT
echo "demo: Kamailio $(kamailio -v 2>/dev/null | head -n1 | awk '{print $3}') (pid $SUT_PID) on 127.0.0.1 and ::1, port $SUT_PORT (udp+tcp)"

rm -rf reports/evidence/demo reports/evidence/demo-auth; mkdir -p reports
"$bin" run suites/kamailio.yaml suites/kamailio-ipv6.yaml --port "$SUT_PORT" \
	--junit reports/junit.xml --tap reports/results.tap --evidence reports/evidence/demo
rc=$?
echo "demo: reports/junit.xml, reports/results.tap; evidence under reports/evidence/demo"

# The same reference behind a 401 challenge (user tester, password s3cret).
out=$(fixtures/kamailio/sut start fixtures/kamailio/auth.cfg) ||
	{ echo "demo: Kamailio (auth.cfg) did not start" >&2; exit 3; }
AUTH_PID=$(eval "$out"; echo "$SUT_PID"); AUTH_DIR=$(eval "$out"; echo "$SUT_DIR")
AUTH_PORT=$(eval "$out"; echo "$SUT_PORT")
stop_auth() { SUT_PID=$AUTH_PID SUT_DIR=$AUTH_DIR fixtures/kamailio/sut stop >/dev/null 2>&1; }
trap 'stop; stop_auth' EXIT
echo "demo: Kamailio behind digest authentication (pid $AUTH_PID) on 127.0.0.1, port $AUTH_PORT"
SIPCONFORM_DEMO_PASSWORD=s3cret "$bin" run suites/kamailio-auth.yaml --port "$AUTH_PORT" \
	--junit reports/junit-auth.xml --tap reports/results-auth.tap --evidence reports/evidence/demo-auth
arc=$?
echo "demo: reports/junit-auth.xml, reports/results-auth.tap; evidence under reports/evidence/demo-auth"
[ "$rc" -ne 0 ] || rc=$arc
exit $rc
