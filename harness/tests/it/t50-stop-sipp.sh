# SIGTERM or SIGKILL to sipconform while SIPp waits on a silent SUT: no
# SIPp of that run is left running a second later (its process group is
# killed on a stop; PR_SET_PDEATHSIG kills it if the harness dies first).
# Before: SIPp went on sending to the SUT for up to timeout x repeat.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e
sut_start "$REPO/fixtures/sipp/uas_silent.xml" udp 127.0.0.1
it_track $SUT_PID
cat >"$IT_TMP/s.yaml" <<YAML
suite: stop
target: {host: 127.0.0.1, port: $SUT_PORT}
tests:
  - id: silent
    request_uri: sip:alice@example.com
    expect: 301
    repeat: 3
YAML

# alive PID: running and not a zombie.
alive() { [ -r "/proc/$1/stat" ] && awk '{ exit ($3 == "Z") }' "/proc/$1/stat" 2>/dev/null; }
# pgrp PID: its process group (from /proc: the field after state and ppid).
pgrp() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{ print $3 }'; }
# sipp_of PID: a live SIPp child of sipconform PID (waits up to 5 s);
# fails if one runs in sipconform's own group.
sipp_of() {
	local i p g
	for i in $(seq 1 500); do
		for p in $(pgrep -P "$1" -x sipp || true); do
			g=$(pgrp "$p")
			alive "$p" && [ -n "$g" ] || continue
			[ "$g" = "$p" ] || fail "SIPp $p runs in group $g, not in its own"
			echo "$p"
			return 0
		done
		sleep 0.01
	done
	return 1
}

# (Not SIGINT: bash starts background jobs with SIGINT ignored.)
for sig in TERM KILL HUP; do
	"$BIN" run "$IT_TMP/s.yaml" --evidence "$IT_TMP/ev-$sig" --timeout 5 \
		--tap "$IT_TMP/t-$sig.tap" >"$IT_TMP/out-$sig" 2>&1 &
	sc=$!
	it_track $sc
	sipp_of $sc >/dev/null || fail "$sig: no SIPp started"
	sleep 0.3
	# The one running now (a bind retry would have started another).
	sipp_pid=$(sipp_of $sc) || fail "$sig: no SIPp running"
	start=$(date +%s%N)
	kill -$sig $sc
	gone=
	for i in $(seq 1 100); do
		if ! alive "$sipp_pid"; then gone=$(( ($(date +%s%N) - start) / 1000000 )); break; fi
		sleep 0.01
	done
	[ -n "$gone" ] || { ps -o pid,pgid,stat,args -p "$sipp_pid"; fail "$sig: SIPp $sipp_pid still runs 1 s after SIG$sig to sipconform"; }
	note "SIG$sig to sipconform: its SIPp gone after ${gone} ms"
	# sipconform itself ends too (what it writes on the way out is run/'s business).
	for i in $(seq 1 500); do alive $sc || break; sleep 0.01; done
	! alive $sc || fail "$sig: sipconform still runs 5 s after SIG$sig"
	{ wait $sc; } 2>/dev/null || true
done
