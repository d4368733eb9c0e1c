# Batched runs give the one-by-one verdicts (issue 11, run/batch.h): the
# reference Kamailio and every broken variant (t91: hostile SIPp fixtures), each
# suite run batched (the default) and with --no-batch; the TAP reports must
# agree on every test's verdict and every listed check's id and outcome,
# and on the check counts (times, tags, Call-IDs and paths differ).
. "$IT_DIR/lib.sh"
set -e

. "$IT_DIR/batch.sh"

for cfg in kamailio $(cd "$REPO/fixtures/kamailio" && ls broken-*.cfg | sed 's/\.cfg$//'); do
	kam_start "$REPO/fixtures/kamailio/$cfg.cfg"
	same "$cfg" yes "$REPO/suites/kamailio.yaml" --port "$SUT_PORT"
	kam_stop
done
