# sut.sh - sourced by integration tests: play a system under test with a
# SIPp UAS fixture (fixtures/sipp/*.xml) on loopback.
#
#   sut_start SCENARIO TRANSPORT IP   TRANSPORT: udp|tcp (or u1|t1),
#                                     IP: 127.0.0.1 or ::1
#       starts sipp in the background on a free port, returns once the
#       port is listening (read from /proc/net, no blind sleep), and
#       exports SUT_PID and SUT_PORT.  Status 1 if it could not start.
#   sut_stop
#       stops $SUT_PID: TERM, wait up to 2 s, then KILL; reaps it.
#
# SIPp's screen, error log and message log go to $IT_TMP (or a private
# temp dir) as sut-PORT.{out,err,msg}; the path is on SIPp's command line
# so run's leftover-process check (pgrep sipconform-it) can see it.
# POSIX sh plus $RANDOM (bash; dash has none: falls back to $$).  Safe
# under set -eu: no command here fails the caller's shell.

SUT_PID=
SUT_PORT=

# _sut_listening PROTO IP PORT: is PORT bound (udp) / listening (tcp)?
_sut_listening() {
	_f=/proc/net/$1
	case $2 in *:*) _f=${_f}6 ;; esac
	_hex=$(printf '%04X' "$3")
	if [ "$1" = tcp ]; then
		awk -v p=":$_hex" '$2 ~ p"$" && $4 == "0A" { f = 1 } END { exit !f }' "$_f" 2>/dev/null
	else
		awk -v p=":$_hex" '$2 ~ p"$" { f = 1 } END { exit !f }' "$_f" 2>/dev/null
	fi
}

# _sut_alive PID: running and not a zombie (kill -0 succeeds on zombies).
_sut_alive() {
	[ -r "/proc/$1/stat" ] || return 1
	awk '{ exit ($3 == "Z") }' "/proc/$1/stat" 2>/dev/null
}

# _sut_port_used PORT: is PORT bound in any family/protocol?
_sut_port_used() {
	_hex=$(printf '%04X' "$1")
	cat /proc/net/udp /proc/net/udp6 /proc/net/tcp /proc/net/tcp6 2>/dev/null |
		awk -v p=":$_hex" '$2 ~ p"$" { f = 1 } END { exit !f }'
}

sut_start() {
	_scn=$1 _tr=$2 _ip=${3:-127.0.0.1}
	case $_tr in
	udp | u1) _t=u1 _proto=udp ;;
	tcp | t1) _t=t1 _proto=tcp ;;
	*) echo "sut_start: transport '$_tr'?" >&2; return 1 ;;
	esac
	[ -r "$_scn" ] || { echo "sut_start: no scenario $_scn" >&2; return 1; }
	_dir=${IT_TMP:-}
	if [ -z "$_dir" ]; then
		_dir=$(mktemp -d /tmp/sipconform-it.XXXXXX) || return 1
	fi
	_seed=${RANDOM:-$$}
	_try=0
	while [ $_try -lt 20 ]; do
		_try=$((_try + 1))
		_seed=$(((_seed * 1103515245 + 12345 + _try) % 2147483648))
		_port=$((20000 + _seed % 30000))
		_sut_port_used $_port && continue
		sipp -sf "$_scn" -i "$_ip" -p $_port -t $_t -bind_local -nostdin \
			-trace_err -error_file "$_dir/sut-$_port.err" \
			-trace_msg -message_file "$_dir/sut-$_port.msg" \
			</dev/null >"$_dir/sut-$_port.out" 2>&1 &
		_pid=$!
		# Up to 5 s for the socket to appear; SIPp binds at startup.
		_i=0
		while [ $_i -lt 500 ]; do
			if _sut_listening $_proto "$_ip" $_port; then
				SUT_PID=$_pid SUT_PORT=$_port
				export SUT_PID SUT_PORT
				return 0
			fi
			_sut_alive $_pid || break
			sleep 0.01
			_i=$((_i + 1))
		done
		# Did not come up (port raced away, or a bad scenario): retry.
		kill -KILL $_pid 2>/dev/null || :
		wait $_pid 2>/dev/null || :
		if [ -s "$_dir/sut-$_port.err" ] &&
			! grep -q -i -E 'bind|address already in use' "$_dir/sut-$_port.err"; then
			cat "$_dir/sut-$_port.err" >&2
			return 1
		fi
	done
	echo "sut_start: could not start $_scn" >&2
	cat "$_dir/sut-$_port.out" >&2 2>/dev/null
	return 1
}

sut_stop() {
	[ -n "${SUT_PID:-}" ] || return 0
	kill -TERM "$SUT_PID" 2>/dev/null || :
	_i=0
	while [ $_i -lt 200 ] && _sut_alive "$SUT_PID"; do
		sleep 0.01
		_i=$((_i + 1))
	done
	kill -KILL "$SUT_PID" 2>/dev/null || :
	wait "$SUT_PID" 2>/dev/null || :
	SUT_PID=
	return 0
}
