# Batched runs give the one-by-one verdicts against hostile SIPp fixtures
# (run/batch.h): a suite of three tests of one shape per SUT, batched (the
# default) and with --no-batch, must give the same TAP verdicts and checks.
# Where the first test (the pilot) is not answered cleanly the group is
# not batched at all; where it is, the rest go out in one batch.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e

. "$IT_DIR/batch.sh"

# Hostile SIPp fixtures: three tests of one shape (one batch) per SUT.
for scn in uas_hostile uas_finals_conflict uas_forged_frame uas_405_no_allow uas_301_ok uas_501; do
	sut_start "$REPO/fixtures/sipp/$scn.xml" udp 127.0.0.1 || fail "$scn did not start"
	it_track $SUT_PID
	cat >"$IT_TMP/$scn.yaml" <<YAML
suite: $scn
target: {host: 127.0.0.1, port: $SUT_PORT}
tests:
  - {id: a, request_uri: sip:alice@example.com, method: MESSAGE, expect: 405}
  - {id: b, request_uri: sip:bob@example.com, method: MESSAGE, expect: 405, repeat: 2}
  - {id: c, request_uri: sip:carol@example.com, method: MESSAGE, expect: 301}
YAML
	same "$scn" maybe "$IT_TMP/$scn.yaml" --timeout 2
	sut_stop
done
