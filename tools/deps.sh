#!/bin/sh
# tools/deps.sh - install the Debian packages sipconform needs, if missing.
#
#   tools/deps.sh            install what is missing (apt-get, when root)
#   tools/deps.sh --list     print the package list
#   tools/deps.sh --check    exit 1 if anything is missing, install nothing
#
# Not root: prints the exact command to run instead, exits 1.
set -eu

PKGS="make gcc libc6-dev pkg-config libxml2-dev libyaml-dev check libxml2-utils perl \
sip-tester kamailio iproute2 procps clang libclang-rt-14-dev"

case "${1:-}" in
--list) echo "$PKGS"; exit 0 ;;
esac

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done

if [ -z "$missing" ]; then
	exit 0
fi
if [ "${1:-}" = "--check" ]; then
	echo "missing packages:$missing" >&2
	exit 1
fi
if [ "$(id -u)" != 0 ]; then
	echo "sipconform needs these Debian packages:$missing" >&2
	echo "run: sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
# --no-install-recommends keeps the install small; the packages above are all we use.
apt-get install -y -qq --no-install-recommends $missing >&2
# The kamailio package may start a system service; the harness runs its own
# instance on loopback ports and does not need it.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet kamailio 2>/dev/null; then
	systemctl stop kamailio >/dev/null 2>&1 || true
fi
