#!/bin/sh
# The shell init-nat that the Java launcher replaces, reduced to what it does on the defaults:
# forwarding on, then nft twice, once to drop an earlier table and once to load the new one,
# the same table init-nat installs on its defaults.
# bin/benchmark-startup times it beside bin/init-nat; it refuses to run outside the benchmark's
# own network namespaces, so that it never changes the host's sysctls or ruleset.
set -eu

case "$(ip netns identify $$ 2>/dev/null)" in
  ocn-bench-*) ;;
  *) echo "init-nat.sh: runs only inside an ocn-bench-* network namespace" >&2; exit 1 ;;
esac

sysctl -qw net.ipv4.ip_forward=1
sysctl -qw net.ipv6.conf.all.forwarding=1
nft delete table inet ocserv 2>/dev/null || true
nft -f - <<'NFT'
table inet ocserv {
	chain forward {
		type filter hook forward priority filter; policy accept;
		iifname "vpns*" oifname "eth0" tcp flags syn tcp option maxseg size set rt mtu
		iifname "eth0" oifname "vpns*" tcp flags syn tcp option maxseg size set rt mtu
		iifname "vpns*" oifname "eth0" accept
		iifname "eth0" oifname "vpns*" ct state established,related accept
	}

	chain input {
		type filter hook input priority filter; policy accept;
		iifname "eth0" meta nfproto ipv4 tcp flags syn tcp option maxseg size set 1460
		iifname "eth0" meta nfproto ipv6 tcp flags syn tcp option maxseg size set 1440
	}

	chain output {
		type filter hook output priority filter; policy accept;
		oifname "eth0" meta nfproto ipv4 tcp flags syn tcp option maxseg size set 1460
		oifname "eth0" meta nfproto ipv6 tcp flags syn tcp option maxseg size set 1440
	}

	chain postrouting {
		type nat hook postrouting priority srcnat; policy accept;
		ip saddr 10.10.10.0/24 oifname "eth0" masquerade
	}
}
NFT
