#!/bin/sh
# Puts a benchmark namespace back to a fresh container's state before a run: no table inet
# ocserv, forwarding off. Refuses to run outside an ocn-bench-* network namespace.
set -eu

case "$(ip netns identify $$ 2>/dev/null)" in
  ocn-bench-*) ;;
  *) echo "reset.sh: runs only inside an ocn-bench-* network namespace" >&2; exit 1 ;;
esac

nft delete table inet ocserv 2>/dev/null || true
sysctl -qw net.ipv4.ip_forward=0
sysctl -qw net.ipv6.conf.all.forwarding=0
