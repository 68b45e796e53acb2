#!/usr/bin/env bash
# Captures what the Go reference plugins print for ADD, for every spec version they support, into
# tests/Cni.Spec.Tests/Golden/reference/<plugin>-<version>.json (stdout exactly, no newline added).
# The result tests parse each file and write it back in the same version: the bytes must match.
#
# Runs as root. Touches nothing outside what it creates: a temporary directory and two network
# namespaces (cnit-node, cnit-ctr) that it deletes on exit, whatever happens. host-local needs no
# namespace; bridge runs inside cnit-node and puts the container end into cnit-ctr.
# Usage: sudo eng/capture-reference-results.sh   (re-run only when the reference plugins change)
set -euo pipefail
cd "$(dirname "$0")/.."
plugins=/usr/lib/cni
out=tests/Cni.Spec.Tests/Golden/reference
node=cnit-node
ctr=cnit-ctr
[ "$(id -u)" -eq 0 ] || { echo "run as root (network namespaces)" >&2; exit 1; }
for ns in "$node" "$ctr"; do
  if ip netns list | grep -qw "$ns"; then echo "namespace $ns already exists; delete it first" >&2; exit 1; fi
done

work=$(mktemp -d)
cleanup() {
  ip netns delete "$ctr" 2>/dev/null || true
  ip netns delete "$node" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
ip netns add "$node"
ip netns add "$ctr"
ip -n "$node" link set lo up
ip -n "$ctr" link set lo up
# No duplicate address detection, so the bridge plugin does not wait for IPv6 addresses to settle.
ip netns exec "$ctr" sysctl -qw net.ipv6.conf.default.accept_dad=0
ip netns exec "$node" sysctl -qw net.ipv6.conf.default.accept_dad=0

cat >"$work/resolv.conf" <<'EOF'
nameserver 10.99.0.53
nameserver fd99::53
domain cluster.local
search svc.cluster.local cluster.local
options ndots:5 edns0
EOF

# The IPAM section: one IPv4 and one IPv6 range, routes of both families, DNS from a resolv.conf.
ipam() { # $1 = data directory
  cat <<EOF
{"type": "host-local", "dataDir": "$1", "resolvConf": "$work/resolv.conf",
 "ranges": [[{"subnet": "10.99.0.0/24", "gateway": "10.99.0.1"}], [{"subnet": "fd99::/64", "gateway": "fd99::1"}]],
 "routes": [{"dst": "0.0.0.0/0"}, {"dst": "192.168.128.0/17", "gw": "10.99.0.254"}, {"dst": "::/0"}]}
EOF
}

run() { # $1 = command, $2 = container id, $3 = netns, stdin = config; prints stdout exactly
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin CNI_COMMAND="$1" CNI_CONTAINERID="$2" CNI_NETNS="$3" \
    CNI_IFNAME=eth0 CNI_PATH="$plugins" "${@:4}"
}

mkdir -p "$out"
versions=$(CNI_COMMAND=VERSION "$plugins/bridge" </dev/null | grep -oP '"supportedVersions":\[\K[^]]*' | tr -d '"' | tr ',' ' ')
for v in $versions; do
  id="cnit-$v"

  conf="{\"cniVersion\": \"$v\", \"name\": \"cnit-net\", \"type\": \"host-local\", \"ipam\": $(ipam "$work/hl-$v")}"
  printf '%s' "$conf" | run ADD "$id" /var/run/netns/$ctr "$plugins/host-local" >"$out/host-local-$v.json"
  printf '%s' "$conf" | run DEL "$id" /var/run/netns/$ctr "$plugins/host-local" >/dev/null

  conf="{\"cniVersion\": \"$v\", \"name\": \"cnit-net\", \"type\": \"bridge\", \"bridge\": \"cnit-br0\",
         \"isGateway\": true, \"ipMasq\": false, \"dns\": {\"nameservers\": [\"10.99.0.53\"], \"domain\": \"example.test\",
         \"search\": [\"example.test\"], \"options\": [\"ndots:2\"]}, \"ipam\": $(ipam "$work/br-$v")}"
  printf '%s' "$conf" | run ADD "$id" /var/run/netns/$ctr ip netns exec "$node" "$plugins/bridge" >"$out/bridge-$v.json"
  printf '%s' "$conf" | run DEL "$id" /var/run/netns/$ctr ip netns exec "$node" "$plugins/bridge" >/dev/null
  echo "captured $v"
done
