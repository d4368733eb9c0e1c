#!/bin/sh
# tools/deps.sh - install the Debian packages sipconform needs, if missing.
#
#   tools/deps.sh            what `make`, `make check` and `make demo` need
#   tools/deps.sh --fuzz     the same, plus clang and its libFuzzer/sanitizer
#                            runtime (`make fuzz`, `make fuzz-regress`,
#                            `make check SANITIZE=1 CC=clang`)
#   tools/deps.sh --bench    the same, plus what `make bench` compares against
#                            (libosip2, valgrind's callgrind)
#   tools/deps.sh --list [--fuzz] [--bench]   print the package list, install nothing
#   tools/deps.sh --check [--fuzz] [--bench]  exit 1 if anything is missing, install nothing
#
# Not root: prints the exact command to run instead, exits 1.
#
# Package names that change with the Debian release (clang's runtime is
# libclang-rt-<major>-dev) are looked up in the package index, not written
# here: the runtime of whatever major version the `clang` package depends on.
set -eu

# Build: compiler, libxml2 (JUnit, scenarios), libyaml (suites, TAP).
# Test: Check (unit tests), xmllint (JUnit schema), prove (TAP), SIPp and
# Kamailio (the integration tests and the demo), ip/ss and ps (ports and
# process checks in the integration tests).
# TLS: stunnel4 (the terminator between SIPp, which has no TLS, and the
# SUT), kamailio-tls-modules (the reference SUT's TLS listener), openssl (its
# certificates, made at test time).
# Reports: jansson (the --json result, and reading it back for
# --rerun-failed), chromium (headless: the test that renders the --html lab
# report), python3-jsonschema (the tests validate --json against its schema).
BASE="make gcc libc6-dev pkg-config libxml2-dev libyaml-dev check libxml2-utils perl \
sip-tester kamailio iproute2 procps stunnel4 kamailio-tls-modules openssl \
libjansson-dev chromium python3-jsonschema"
# make bench: the parser it is compared with, and callgrind to count instructions.
BENCH="libosip2-dev valgrind"

fuzz=0
bench=0
mode=install
for a in "$@"; do
	case "$a" in
	--fuzz) fuzz=1 ;;
	--bench) bench=1 ;;
	--list) mode=list ;;
	--check) mode=check ;;
	-h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "tools/deps.sh: unknown option '$a' (see --help)" >&2; exit 2 ;;
	esac
done

installed() {
	case "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" in
	*"install ok installed"*) return 0 ;;
	esac
	return 1
}

# The major version of the clang the distribution's `clang` package pulls
# in, from the package index (works before clang is installed).
clang_major() {
	apt-cache depends clang 2>/dev/null |
		sed -n 's/^ *Depends: clang-\([0-9][0-9]*\)$/\1/p' | head -n 1
}

need_update=1
apt_update() {
	if [ "$need_update" = 1 ]; then
		apt-get update -qq >&2
		need_update=0
	fi
}

pkgs=$BASE
[ "$bench" = 1 ] && pkgs="$pkgs $BENCH"
if [ "$fuzz" = 1 ]; then
	v=$(clang_major)
	if [ -z "$v" ] && [ "$(id -u)" = 0 ] && [ "$mode" = install ]; then
		export DEBIAN_FRONTEND=noninteractive
		apt_update
		v=$(clang_major)
	fi
	if [ -z "$v" ]; then
		echo "tools/deps.sh: cannot find the clang version in the package index (run apt-get update)" >&2
		exit 1
	fi
	pkgs="$pkgs clang libclang-rt-$v-dev"
fi

if [ "$mode" = list ]; then
	echo $pkgs
	exit 0
fi

missing=""
for p in $pkgs; do
	installed "$p" || missing="$missing $p"
done

if [ -z "$missing" ]; then
	exit 0
fi
if [ "$mode" = check ]; then
	echo "missing packages:$missing" >&2
	exit 1
fi
if [ "$(id -u)" != 0 ]; then
	echo "sipconform needs these Debian packages:$missing" >&2
	echo "run: sudo apt-get install -y --no-install-recommends$missing" >&2
	exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt_update
# --no-install-recommends keeps the install small; the packages above are all we use.
apt-get install -y -qq --no-install-recommends $missing >&2
# The kamailio package may start a system service; the harness runs its own
# instance on loopback ports and does not need it.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet kamailio 2>/dev/null; then
	systemctl stop kamailio >/dev/null 2>&1 || true
fi
