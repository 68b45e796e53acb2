#!/usr/bin/env bash
# The demo: publishes the bridge sample with NativeAOT and runs it as a container runtime does,
# through the reference libcni (tests/libcni-driver), on a throwaway "node" (a network namespace,
# so the machine's own interfaces and firewall are not touched) with two "containers" (two more
# namespaces): ADD both, show what they got, ping between them and to the gateway, CHECK, DEL.
# Then a cluster pod network of three nodes with the node agent (eng/cluster-demo.sh vxlan).
# Everything it makes is removed on exit. Needs root; safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
eng/prereqs.sh
eng/publish.sh bridge host-local node-agent
eng/build-libcni-driver.sh

node=cnit-demo-node-$$ containers=(cnit-demo-a-$$ cnit-demo-b-$$)
work=$(mktemp -d)
cleanup() {
  for ns in "$node" "${containers[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
for ns in "$node" "${containers[@]}"; do ip netns add "$ns"; done

cat >"$work/demo.conflist" <<EOF
{"cniVersion": "1.0.0", "name": "demo-net", "plugins": [
  {"type": "bridge", "bridge": "cni0", "isGateway": true, "ipMasq": true,
   "ipam": {"type": "host-local", "subnet": "10.22.0.0/24", "dataDir": "$work/ipam"}}]}
EOF
echo "network configuration (CNI_PATH=artifacts/plugins, so \"bridge\" is ours):"
cat "$work/demo.conflist"

show() { printf '\n\033[1m%s\033[0m\n' "$*"; }
libcni() { # libcni VERB CONTAINER: what a runtime on the node does for that container
  ip netns exec "$node" env CNI_PATH="$PWD/artifacts/plugins:/usr/lib/cni" \
    artifacts/tools/libcni-driver "$1" -config "$work/demo.conflist" -cache "$work/cache" \
    -netns "/var/run/netns/$2" -id "$2" -ifname eth0
}

for c in "${containers[@]}"; do
  show "ADD $c"
  libcni add "$c"
  echo
done
show "the node: the bridge with its gateway address, one veth per container, the masquerade rules"
ip -n "$node" -br addr show
ip netns exec "$node" iptables -t nat -S POSTROUTING | grep CNI- || true
show "in ${containers[0]}:"
ip -n "${containers[0]}" -br addr show eth0
ip -n "${containers[0]}" route

b=$(ip -n "${containers[1]}" -4 -br addr show eth0 | awk '{print $3}' | cut -d/ -f1)
show "ping ${containers[1]} ($b) and the gateway from ${containers[0]}"
ip netns exec "${containers[0]}" ping -c 2 -W 2 "$b"
ip netns exec "${containers[0]}" ping -c 2 -W 2 10.22.0.1

for c in "${containers[@]}"; do
  show "CHECK $c"; libcni check "$c" && echo ok
done
for c in "${containers[@]}"; do
  show "DEL $c"; libcni del "$c" && echo ok
done
show "the node after DEL: the bridge stays (other containers may use it), the rest is gone"
ip -n "$node" -br link show
ip netns exec "$node" iptables -t nat -S POSTROUTING | grep CNI- || echo "no masquerade rules left"

show "a cluster: three nodes, the node agent on each, pods across them (eng/cluster-demo.sh vxlan)"
eng/cluster-demo.sh vxlan
