# A SUT that answers one request with "100 Trying" as fast as it can and
# never sends a final: SIPp is killed once its logs pass the cap
# (SIPP_LOG_MAX_BYTES, 4 MB), and the reports say the SUT flooded.
# Before: SIPp ran to its timeout and logged tens of MB.
. "$IT_DIR/lib.sh"
set -e
cat >"$IT_TMP/flood.pl" <<'PERL'
# Every request that comes over UDP is answered with "100 Trying", 200 at
# a time, as fast as the socket takes them, for at most 20 s.
use strict; use warnings; use Socket; use IO::Select;
socket(my $s, PF_INET, SOCK_DGRAM, 0) or die "socket: $!";
bind($s, sockaddr_in(0, inet_aton('127.0.0.1'))) or die "bind: $!";
my ($port) = sockaddr_in(getsockname($s));
$| = 1; print "$port\n";
my ($peer, $resp, $end) = (undef, undef, time + 20);
my $sel = IO::Select->new($s);
while (time < $end) {
	if ($sel->can_read($peer ? 0 : 1)) {
		my $buf = '';
		my $from = recv($s, $buf, 65535, 0);
		next unless defined $from && $buf =~ /^[A-Z]+ /;
		my @h = grep { /^(Via|From|To|Call-ID|CSeq):/i } split /\r\n/, $buf;
		$resp = join("\r\n", "SIP/2.0 100 Trying", @h, "Content-Length: 0", "", "");
		$peer = $from;
	}
	next unless $peer;
	send($s, $resp, 0, $peer) for 1 .. 200;
}
PERL
perl "$IT_TMP/flood.pl" >"$IT_TMP/port" &
it_track $!
for i in $(seq 1 300); do [ -s "$IT_TMP/port" ] && break; sleep 0.01; done
port=$(cat "$IT_TMP/port")
[ -n "$port" ] || fail "the flooding SUT did not start"
cat >"$IT_TMP/s.yaml" <<YAML
suite: flood
target: {host: 127.0.0.1, port: $port}
probe: false
tests:
  - id: flood
    request_uri: sip:alice@example.com
    expect: 405
YAML
start=$(date +%s)
run_sc run "$IT_TMP/s.yaml" --tap "$IT_TMP/t.tap" --evidence "$IT_TMP/ev" --timeout 5
end=$(date +%s)
assert_rc 1
log=$(ls "$IT_TMP"/ev/flood/*/messages.log)
size=$(stat -c %s "$log")
note "SIPp's message log: $size bytes; run took $((end - start)) s"
[ "$size" -gt $((4 * 1024 * 1024)) ] || fail "the log ($size bytes) never reached the cap: no flood?"
[ "$size" -lt $((5 * 1024 * 1024)) ] || fail "SIPp's log grew to $size bytes, past the 4 MB cap"
assert_grep "$IT_TMP/t.tap" "SIPp: the SUT flooded: SIPp's logs reached 4\.[0-9] MB in [0-9.]+ s \(cap 4 MB\); SIPp was killed"
[ $((end - start)) -le 60 ] || fail "took $((end - start)) s"
