#!/bin/bash
# make demo: start the bundled Kamailio reference SUT on loopback, run the
# default suites (IPv4 and IPv6, UDP and TCP) against it, write
# reports/junit.xml and reports/results.tap, stop Kamailio, exit with
# sipconform's exit code.
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$repo/sipconform}
cd "$repo"

out=$(fixtures/kamailio/sut start) || { echo "demo: Kamailio did not start" >&2; exit 3; }
eval "$out"
stop() { SUT_PID=$SUT_PID SUT_DIR=$SUT_DIR fixtures/kamailio/sut stop >/dev/null 2>&1; }
trap stop EXIT
echo "demo: Kamailio $(kamailio -v 2>/dev/null | head -n1 | awk '{print $3}') (pid $SUT_PID) on 127.0.0.1 and ::1, port $SUT_PORT (udp+tcp)"

rm -rf reports/evidence/demo; mkdir -p reports
"$bin" run suites/kamailio.yaml suites/kamailio-ipv6.yaml --port "$SUT_PORT" \
	--junit reports/junit.xml --tap reports/results.tap --evidence reports/evidence/demo
rc=$?
echo "demo: reports/junit.xml, reports/results.tap; evidence under reports/evidence/demo"
exit $rc
