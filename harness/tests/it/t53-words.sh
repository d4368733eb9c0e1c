# What went wrong, in words: a TCP connection refused, reset or closed by
# the SUT; SIPp missing, not executable, hung.  Before: "cannot read
# SIPp's message log: malformed input" for a refused connection, and "not
# found" for a SIPp without the execute bit.
. "$IT_DIR/lib.sh"
set -e
cat >"$IT_TMP/tcp.pl" <<'PERL'
# MODE refused: a bound TCP port nobody listens on; reset / close: accept,
# read the request, then RST (SO_LINGER 0) or FIN.  At most 20 s.
use strict; use warnings; use Socket;
my $mode = shift;
socket(my $s, PF_INET, SOCK_STREAM, 0) or die "socket: $!";
bind($s, sockaddr_in(0, inet_aton('127.0.0.1'))) or die "bind: $!";
my ($port) = sockaddr_in(getsockname($s));
if ($mode ne 'refused') { listen($s, 5) or die "listen: $!"; }
$| = 1; print "$port\n";
if ($mode eq 'refused') { sleep 20; exit 0; }
alarm 20;
while (accept(my $c, $s)) {
	my $buf = '';
	sysread($c, $buf, 65536);
	setsockopt($c, SOL_SOCKET, SO_LINGER, pack('ii', 1, 0)) if $mode eq 'reset';
	close($c);
}
PERL
for mode in refused reset close; do
	rm -f "$IT_TMP/port"
	perl "$IT_TMP/tcp.pl" $mode >"$IT_TMP/port" &
	it_track $!
	for i in $(seq 1 300); do [ -s "$IT_TMP/port" ] && break; sleep 0.01; done
	port=$(cat "$IT_TMP/port")
	[ -n "$port" ] || fail "$mode: the TCP SUT did not start"
	cat >"$IT_TMP/s.yaml" <<YAML
suite: words
target: {host: 127.0.0.1, port: $port, transport: tcp}
tests:
  - id: $mode
    request_uri: sip:alice@example.com
    expect: 301
YAML
	run_sc run "$IT_TMP/s.yaml" --tap "$IT_TMP/t.tap" --evidence "$IT_TMP/ev-$mode" --timeout 3
	assert_rc 1
	assert_nogrep "$IT_TMP/out" "malformed input"
	case $mode in
	refused)
		assert_grep "$IT_TMP/out" "ERROR +refused .*the SUT refused the TCP connection \(ECONNREFUSED\) at 127\.0\.0\.1:$port" ;;
	reset)
		assert_grep "$IT_TMP/out" "ERROR +reset .*TCP connection reset by the SUT"
		assert_grep "$IT_TMP/t.tap" "SIPp: the SUT reset the TCP connection \(ECONNRESET\) at 127\.0\.0\.1:$port" ;;
	close)
		assert_grep "$IT_TMP/out" "ERROR +close .*TCP connection closed by the SUT"
		assert_grep "$IT_TMP/t.tap" "SIPp: the SUT closed the TCP connection at 127\.0\.0\.1:$port before a final response" ;;
	esac
	note "$mode: $(grep -E 'ERROR' "$IT_TMP/out" | sed 's/  */ /g')"
done

# SIPp itself: missing, not executable, hung.
printf '%s\n' "suite: bin" "target: {host: 127.0.0.1, port: 9}" "tests:" \
	"  - id: t" "    request_uri: sip:alice@example.com" "    expect: 301" >"$IT_TMP/b.yaml"
run_sc run "$IT_TMP/b.yaml" --sipp "$IT_TMP/no-such-sipp" --evidence "$IT_TMP/ev-b"
assert_rc 3
assert_grep "$IT_TMP/err" "SIPp \(.*no-such-sipp\) is missing or unusable: not found \(no such file, or not on PATH\)"
printf '#!/bin/sh\nexit 0\n' >"$IT_TMP/noexec-sipp"
chmod 644 "$IT_TMP/noexec-sipp"
run_sc run "$IT_TMP/b.yaml" --sipp "$IT_TMP/noexec-sipp" --evidence "$IT_TMP/ev-b"
assert_rc 3
assert_grep "$IT_TMP/err" "is missing or unusable: not executable \(permission denied"
# A SIPp that answers -v but then hangs, deaf to SIGTERM: killed at the bound, said with the bound.
cat >"$IT_TMP/hung-sipp" <<'SH'
#!/bin/sh
[ "$1" = -v ] && { echo ' SIPp v3.6.1-hung.'; exit 99; }
trap '' TERM
exec sleep 60
SH
chmod 755 "$IT_TMP/hung-sipp"
run_sc run "$IT_TMP/b.yaml" --sipp "$IT_TMP/hung-sipp" --tap "$IT_TMP/t.tap" --evidence "$IT_TMP/ev-h" --timeout 1
assert_rc 1
assert_grep "$IT_TMP/out" "ERROR +t .*SIPp ran past its time bound"
assert_grep "$IT_TMP/t.tap" "SIPp: SIPp hung: killed \(SIGKILL\) after [0-9.]+ s, at its bound of 6 s \(1 s timeout x 1 call \+ 1 s \+ 1 s linger \+ 3 s grace\)"
