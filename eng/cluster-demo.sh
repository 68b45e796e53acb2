#!/usr/bin/env bash
# The cluster pod network on real kernel objects, in throwaway namespaces on this machine:
# an underlay (a bridge in its own namespace, which also runs a three-member etcd and stands for
# "outside the cluster"), three node namespaces on it, samples/node-agent in each, two pods per node added
# through the reference libcni with our bridge and host-local. Checks, one line each, who a
# receiver saw as the sender; then the etcd leader is killed, and on the two members left a node
# leaves (agent stopped, lease expired) and rejoins.
# Ends with "N passed, N failed" and leaves nothing behind. Needs root.
#
# Usage: eng/cluster-demo.sh [host-gw|vxlan]   (default: vxlan)
#   CLUSTER_DEMO_KEEP_GOING=1  do not stop at the first failure
set -uo pipefail
cd "$(dirname "$0")/.."
mode=${1:-vxlan}
case "$mode" in host-gw | vxlan) ;; *) echo "usage: $0 [host-gw|vxlan]" >&2; exit 2 ;; esac
[ "$(id -u)" = 0 ] || { echo "$0: needs root (network namespaces)" >&2; exit 2; }

repo=$PWD
agent=$repo/artifacts/agents/node-agent
driver=$repo/artifacts/tools/libcni-driver
for built in "$agent" "$repo/artifacts/plugins/bridge" "$repo/artifacts/plugins/host-local"; do
  [ -x "$built" ] || { echo "$0: $built is missing: run eng/publish.sh node-agent bridge host-local" >&2; exit 2; }
done
[ -x "$driver" ] || { echo "$0: $driver is missing: run eng/build-libcni-driver.sh" >&2; exit 2; }
for tool in etcd python3 nft ip jq; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is missing: run eng/prereqs.sh" >&2; exit 2; }
done
[ -x /usr/lib/cni/portmap ] || { echo "$0: /usr/lib/cni/portmap is missing: run eng/prereqs.sh" >&2; exit 2; }

tag=cnid$$                       # every namespace this run makes starts with it
tmp=$(mktemp -d "/tmp/$tag.XXXX")
under=$tag-under
cluster_cidr=10.244.0.0/16
# Short, so a departed node is dropped quickly, yet longer than a renewal every TTL/3 plus an etcd
# leader election (1 s election timeout, more under load): with 3 s a node lost its claim when the
# leader was killed (seen in CI), since a claim not renewed for a whole TTL counts as lost.
lease_ttl=6
declare -A agent_pid etcd_pid etcd_url
passed=0
failed=0

cleanup() {
  for pid in "${agent_pid[@]}" "${etcd_pid[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${agent_pid[@]}" "${etcd_pid[@]}"; do wait "$pid" 2>/dev/null; done
  for ns in $(ip netns list | awk '{print $1}' | grep "^$tag-"); do ip netns delete "$ns"; done
  rm -rf "$tmp"
}
trap cleanup EXIT

on() { local ns=$1; shift; ip netns exec "$tag-$ns" "$@"; }
# Background processes are started with `ip netns exec` itself (it execs the program), never through
# a shell function, so $! is the program's pid and it gets the signals this script sends.

result() { # result ok|fail TEXT
  if [ "$1" = ok ]; then
    passed=$((passed + 1)); echo "ok    $2"
  else
    failed=$((failed + 1)); echo "FAIL  $2"
    if [ -z "${CLUSTER_DEMO_KEEP_GOING:-}" ]; then
      for n in 1 2 3; do [ -f "$tmp/node$n/agent.log" ] && sed "s/^/  node$n: /" "$tmp/node$n/agent.log" | tail -5; done
      echo "$passed passed, $failed failed"; exit 1
    fi
  fi
}

wait_for() { # wait_for SECONDS COMMAND...: true once COMMAND succeeds
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do ((SECONDS < deadline)) || return 1; sleep 0.1; done
}

# --- the underlay: one bridge, etcd on it, three nodes plugged in -------------------------------
ip netns add "$under"
on under ip link set lo up
on under ip link add br0 type bridge
on under ip addr add 192.168.77.254/24 dev br0
on under ip link set br0 up
for n in 1 2 3; do
  ip netns add "$tag-node$n"
  on node$n ip link set lo up
  ip link add "$tag-u$n" netns "$under" type veth peer name eth0 netns "$tag-node$n"
  on under ip link set "$tag-u$n" master br0 up
  on node$n ip addr add "192.168.77.$n/24" dev eth0
  on node$n ip link set eth0 up
  mkdir -p "$tmp/node$n"
done

members=""
for m in 1 2 3; do
  etcd_url[$m]=http://192.168.77.254:${m}2379
  members+="${members:+,}e$m=http://127.0.0.1:${m}2380"
done
for m in 1 2 3; do
  ip netns exec "$under" etcd --name "e$m" --data-dir "$tmp/etcd$m" \
    --listen-client-urls "${etcd_url[$m]}" --advertise-client-urls "${etcd_url[$m]}" \
    --listen-peer-urls "http://127.0.0.1:${m}2380" --initial-advertise-peer-urls "http://127.0.0.1:${m}2380" \
    --initial-cluster "$members" --initial-cluster-token "$tag" >"$tmp/etcd$m.log" 2>&1 &
  etcd_pid[$m]=$!
done
endpoints=$(IFS=,; echo "${etcd_url[*]}")
etcd_healthy() {
  for m in 1 2 3; do
    on under python3 -c "import urllib.request; urllib.request.urlopen('${etcd_url[$m]}/health', timeout=1)" 2>/dev/null || return 1
  done
}
wait_for 30 etcd_healthy || { echo "$0: etcd did not start:" >&2; tail -5 "$tmp"/etcd*.log >&2; exit 1; }

# --- the agents ----------------------------------------------------------------------------------
start_agent() { # start_agent N
  local n=$1
  rm -f "$tmp/node$n/ready"
  ip netns exec "$tag-node$n" "$agent" --node-name "node$n" --underlay-address "192.168.77.$n" --cluster-cidr "$cluster_cidr" \
    --etcd-endpoints "$endpoints" --mode "$mode" --lease-ttl "$lease_ttl" --grace-period 30 \
    --conf-dir "$tmp/node$n/net.d" --ipam-data-dir "$tmp/node$n/ipam" --ready-file "$tmp/node$n/ready" \
    >>"$tmp/node$n/agent.log" 2>&1 &
  agent_pid[$n]=$!
}
block_of() { jq -r '.plugins[0].ipam.ranges[0][0].subnet' "$tmp/node$1/net.d/00-cni-cluster.conflist"; }

for n in 1 2 3; do start_agent $n; done
for n in 1 2 3; do
  if wait_for 30 test -f "$tmp/node$n/ready"; then
    result ok "node$n ready in $(cat "$tmp/node$n/ready") ms: block $(block_of $n), configuration written"
  else
    result fail "node$n not ready within 30 s"
  fi
done
# Ready means in step with the nodes it saw; the last node's join reaches the others a moment later.
routes_to() { # routes_to NODE BLOCK: NODE has a route to BLOCK
  on node$1 ip route show "$2" | grep -q .
}
converged() { for a in 1 2 3; do for b in 1 2 3; do [ $a = $b ] || routes_to $a "$(block_of $b)" || return 1; done; done; }
began=$SECONDS
if wait_for 15 converged; then
  result ok "every node has a route to every other node's block ($mode)"
else
  result fail "routes between the nodes' blocks missing: $(for a in 1 2 3; do echo "node$a: $(on node$a ip route | tr '\n' ';')"; done)"
fi

# --- pods, through the reference libcni -------------------------------------------------------------
declare -A pod_ip
add_pod() { # add_pod NODE NAME
  local n=$1 pod=$2 out
  ip netns add "$tag-$pod"
  out=$(on node$n env CNI_PATH="$repo/artifacts/plugins:/usr/lib/cni" "$driver" add \
    -config "$tmp/node$n/net.d/00-cni-cluster.conflist" -netns "/var/run/netns/$tag-$pod" -id "$pod" -ifname eth0 \
    -cache "$tmp/node$n/cache")
  pod_ip[$pod]=$(jq -r '.ips[0].address' <<<"$out" | cut -d/ -f1)
  [ -n "${pod_ip[$pod]}" ] && [ "${pod_ip[$pod]}" != null ]
}
for n in 1 2 3; do
  for p in a b; do
    if add_pod $n "pod$n$p"; then
      result ok "pod$n$p on node$n: ${pod_ip[pod$n$p]}"
    else
      result fail "pod$n$p on node$n: ADD failed"
    fi
  done
done

# --- who the receiver sees ---------------------------------------------------------------------------
port=7070
seen_by() { # seen_by FROM_NS TO_NS TO_ADDRESS: prints the source address the receiver saw
  local from=$1 to=$2 address=$3 out="$tmp/seen.$port"
  ip netns exec "$tag-$to" python3 -c "
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('0.0.0.0', $port)); s.listen(1); s.settimeout(10)
c, peer = s.accept(); print(peer[0])" >"$out" 2>/dev/null &
  local receiver=$!
  wait_for 5 sh -c "ip netns exec $tag-$to ss -ltn | grep -q ':$port '"
  on "$from" python3 -c "import socket; socket.create_connection(('$address', $port), timeout=5).close()" 2>/dev/null
  wait "$receiver"
  cat "$out"
  port=$((port + 1))
}
addresses_of() { on "$1" ip -o -4 addr show | awk '{print $4}' | cut -d/ -f1; }
expect_seen() { # expect_seen TEXT FROM TO ADDRESS EXPECTED...
  local text=$1 from=$2 to=$3 address=$4 seen; shift 4
  seen=$(seen_by "$from" "$to" "$address")
  if [ -n "$seen" ] && printf '%s\n' "$@" | grep -qx "$seen"; then
    result ok "$text: $address saw $seen"
  else
    result fail "$text: $address saw '${seen:-nothing}', expected one of: $*"
  fi
}

expect_seen "pod to pod on one node" pod1a pod1b "${pod_ip[pod1b]}" "${pod_ip[pod1a]}"
expect_seen "pod to pod across nodes" pod1a pod2a "${pod_ip[pod2a]}" "${pod_ip[pod1a]}"
expect_seen "pod to pod across nodes, the other way" pod3b pod1b "${pod_ip[pod1b]}" "${pod_ip[pod3b]}"
expect_seen "node daemon to a local pod" node1 pod1a "${pod_ip[pod1a]}" $(addresses_of node1)
expect_seen "host network of node1 to a pod on node2" node1 pod2b "${pod_ip[pod2b]}" $(addresses_of node1)
expect_seen "pod to outside the cluster (masqueraded)" pod2a under 192.168.77.254 192.168.77.2

# --- etcd loses its leader ----------------------------------------------------------------------------
leader=""
for m in 1 2 3; do
  status=$(on under python3 -c "import urllib.request; print(urllib.request.urlopen(urllib.request.Request('${etcd_url[$m]}/v3/maintenance/status', data=b'{}'), timeout=2).read().decode())")
  [ "$(jq -r '.header.member_id' <<<"$status")" = "$(jq -r '.leader' <<<"$status")" ] && leader=$m
done
kill -KILL "${etcd_pid[$leader]}"
wait "${etcd_pid[$leader]}" 2>/dev/null
unset "etcd_pid[$leader]"
sleep $((lease_ttl * 2))
lost=$(grep -l "claim was lost" "$tmp"/node*/agent.log 2>/dev/null | wc -l)
if ((lost == 0)) && kill -0 "${agent_pid[1]}" "${agent_pid[2]}" "${agent_pid[3]}" 2>/dev/null && converged; then
  result ok "etcd leader e$leader killed: every agent kept its claim and its routes"
else
  result fail "etcd leader e$leader killed: $lost agents lost their claim: $(grep -h "claim was lost" "$tmp"/node*/agent.log | head -3)"
fi

# --- a node leaves, then rejoins (on the two etcd members left) ------------------------------------------
block3=$(block_of 3)
kill -TERM "${agent_pid[3]}"
if wait "${agent_pid[3]}"; then result ok "node3's agent stopped cleanly on SIGTERM"; else result fail "node3's agent exited $? on SIGTERM"; fi
unset 'agent_pid[3]'
gone() { ! routes_to 1 "$block3" && ! routes_to 2 "$block3"; }
began=$SECONDS
if wait_for $((lease_ttl * 5)) gone; then
  result ok "node3 left: node1 and node2 dropped the route to $block3 (lease ${lease_ttl} s)"
else
  result fail "node3 left, yet a route to $block3 stayed: $(on node1 ip route show "$block3")"
fi

start_agent 3
if wait_for 30 test -f "$tmp/node3/ready" && [ "$(block_of 3)" = "$block3" ]; then
  result ok "node3 rejoined with its own block $block3"
else
  result fail "node3 rejoined with block $(block_of 3 2>/dev/null), expected $block3"
fi
back() { routes_to 1 "$block3" && routes_to 2 "$block3"; }
if wait_for 15 back; then result ok "node1 and node2 route to $block3 again"; else result fail "no route back to $block3"; fi
expect_seen "pod to pod across nodes after the rejoin" pod1a pod3a "${pod_ip[pod3a]}" "${pod_ip[pod1a]}"

echo "$passed passed, $failed failed"
((failed == 0))
