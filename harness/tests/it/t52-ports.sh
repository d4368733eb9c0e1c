# Sixteen runs side by side (IPv4 and IPv6): every socket of every SIPp
# (SIP, media -mp, remote control -cp) is bound to 127.0.0.1 or ::1 on a
# port of its own, never 0.0.0.0/:: (8888 and 6000 were fixed and open to
# the network before), and all sixteen finish without a bind error.
. "$IT_DIR/lib.sh"
. "$IT_DIR/sut.sh"
set -e
sut_start "$REPO/fixtures/sipp/uas_silent.xml" udp 127.0.0.1
it_track $SUT_PID
port4=$SUT_PORT
sut_start "$REPO/fixtures/sipp/uas_silent.xml" udp ::1
it_track $SUT_PID
port6=$SUT_PORT
for i in $(seq 1 16); do
	if [ $((i % 4)) -eq 0 ]; then host='"::1"' port=$port6; else host=127.0.0.1 port=$port4; fi
	cat >"$IT_TMP/s$i.yaml" <<YAML
suite: par$i
target: {host: $host, port: $port}
tests:
  - id: silent
    request_uri: sip:alice@example.com
    expect: 301
YAML
	"$BIN" run "$IT_TMP/s$i.yaml" --evidence "$IT_TMP/ev$i" --timeout 4 >"$IT_TMP/out$i" 2>&1 &
	pids="${pids:-} $!"
	it_track $!
done
# While they wait on the silent SUTs (4 s): snapshots of the sockets of
# each sipconform's SIPp, until all sixteen were seen up.
seen=" "
for snap in $(seq 1 30); do
	ss -H -uanp >"$IT_TMP/ss" 2>&1 || fail "ss failed"
	ss -H -tanp >>"$IT_TMP/ss" 2>&1 || fail "ss failed"
	for sc in $pids; do
		for sp in $(pgrep -P $sc -x sipp || true); do
			grep -F "pid=$sp," "$IT_TMP/ss" >"$IT_TMP/ss-$sp" || true
			# Local address: column 4 of ss -H (State Recv-Q Send-Q Local Peer Process).
			bad=$(awk '$4 !~ /^(127\.0\.0\.1|\[::1\]):[0-9]+$/' "$IT_TMP/ss-$sp")
			[ -z "$bad" ] || { echo "$bad"; fail "SIPp $sp has a socket beyond loopback"; }
			# Up: SIP, audio, video and control sockets.
			[ "$(wc -l <"$IT_TMP/ss-$sp")" -ge 4 ] || continue
			case $seen in *" $sp "*) ;; *) seen="$seen$sp " ;; esac
		done
	done
	[ $(echo $seen | wc -w) -lt 16 ] || break
	sleep 0.1
done
n=$(echo $seen | wc -w)
note "checked the sockets of $n SIPp processes in $snap snapshots"
[ $n -eq 16 ] || fail "only $n of the 16 SIPp were seen up with all their sockets"
i=0
for sc in $pids; do
	i=$((i + 1))
	rc=0
	wait $sc || rc=$?
	[ $rc -eq 1 ] || { cat "$IT_TMP/out$i"; fail "run $i: exit $rc, expected 1 (no answer)"; }
	assert_grep "$IT_TMP/out$i" "ERROR +silent .*no final response"
	assert_nogrep "$IT_TMP/out$i" "bind"
done
