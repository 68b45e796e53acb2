#!/usr/bin/env bash
# Measures the cluster pod network (issue 15) on real kernel objects in throwaway namespaces, set up as
# eng/cluster-demo.sh does: an underlay bridge in its own namespace running one etcd member, node
# namespaces on it, samples/node-agent in each. Prints Markdown tables:
#   1. ready: agent start to the ready file (configuration written, routes in place), with two other
#      nodes present, over RESTARTS restarts of one agent;
#   2. convergence: a node joins (its agent's start until it is ready and both others route to its
#      block) and leaves (its agent's SIGTERM until both others dropped the route: bound by the lease
#      TTL), and the leave after an explicit release (the agent stopped, then its alive lease revoked,
#      which is what EtcdNodeBlocks.ReleaseAsync does), CYCLES times each;
#   3. one agent facing REMOTE simulated nodes (records written into etcd in EtcdNodeBlocks' layout,
#      fake underlay addresses on the underlay subnet, fake VTEP MACs): agent start to all routes (and,
#      vxlan, neighbour and FDB entries) programmed, from a clean namespace, BIG_RUNS times; its peak
#      memory (VmHWM); then one record added / one removed, time until the kernel has the change;
#   4. pod IPAM on a node: host-local over the node's block (its local store) against etcd-ipam (a
#      pool in the same etcd), ADD and DEL as a runtime runs them, alternating A B B A.
# Kernel event times come from `ip -ts monitor route neigh` in each node (an FDB entry shows there as
# a neighbour of the VXLAN device); a start is the moment before the agent is launched, an etcd
# change the moment before its request is sent. Leaves nothing behind, even on failure. Needs root.
#
# Usage: eng/clusterbench.sh [host-gw|vxlan]   (default: vxlan)
#   CLUSTERBENCH_RESTARTS (25)  CLUSTERBENCH_CYCLES (10)  CLUSTERBENCH_REMOTE (1000)
#   CLUSTERBENCH_BIG_RUNS (5)   CLUSTERBENCH_CHANGES (2: add+remove pairs per run of 3.)
#   CLUSTERBENCH_PAIRS (100)    CLUSTERBENCH_LEASE_TTL (2)
set -uo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = __allocations ]; then
  # Run inside a node's namespace by the outer script (below): the IPAM calls, A B B A.
  work=$2 pairs=$3
  export CNI_NETNS=/var/run/netns/cnb-pod CNI_IFNAME=eth0 CNI_PATH="$PWD/artifacts/plugins" CNI_ARGS=""
  source eng/lib/timing.sh
  rows=("host-local" "etcd-ipam")
  binaries=(artifacts/plugins/host-local artifacts/plugins/etcd-ipam)
  configs=("$work/host-local.json" "$work/etcd-ipam.json")
  for b in 0 1; do
    time_call warm "${binaries[b]}" ADD "cnb-warm-$b" "${configs[b]}"
    time_call warm "${binaries[b]}" DEL "cnb-warm-$b" "${configs[b]}"
  done
  for ((i = 0; i < pairs; i++)); do
    order=(0 1); ((i % 2 == 0)) || order=(1 0)
    for b in "${order[@]}"; do
      time_call "${rows[b]} ADD" "${binaries[b]}" ADD "cnb-$i" "${configs[b]}"
      time_call "${rows[b]} DEL" "${binaries[b]}" DEL "cnb-$i" "${configs[b]}"
    done
  done
  echo "| IPAM | call | calls | median | p95 | median CPU | calls per second (1 / median) |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  for row in "${rows[@]}"; do
    for call in ADD DEL; do
      read -r calls median p95 < <(stats "$work/$row $call" 1000)
      read -r _ cpu _ < <(stats "$work/$row $call.cpu" 1)
      printf '| %s | %s | %d | %s ms | %s ms | %s ms | %.0f |\n' "$row" "$call" "$calls" "$median" "$p95" "$cpu" "$(awk -v m="$median" 'BEGIN { print 1000 / m }')"
    done
  done
  exit 0
fi

mode=${1:-vxlan}
case "$mode" in host-gw | vxlan) ;; *) echo "usage: $0 [host-gw|vxlan]" >&2; exit 2 ;; esac
[ "$(id -u)" = 0 ] || { echo "$0: needs root (network namespaces)" >&2; exit 2; }
restarts=${CLUSTERBENCH_RESTARTS:-25}
cycles=${CLUSTERBENCH_CYCLES:-10}
remote=${CLUSTERBENCH_REMOTE:-1000}
big_runs=${CLUSTERBENCH_BIG_RUNS:-5}
changes=${CLUSTERBENCH_CHANGES:-2}
pairs=${CLUSTERBENCH_PAIRS:-100}
lease_ttl=${CLUSTERBENCH_LEASE_TTL:-2}
((remote <= 2500)) || { echo "$0: CLUSTERBENCH_REMOTE is at most 2500 (fake underlay addresses 172.31.10-19.x)" >&2; exit 2; }

repo=$PWD
agent=$repo/artifacts/agents/node-agent
for built in "$agent" "$repo/artifacts/plugins/host-local" "$repo/artifacts/plugins/etcd-ipam"; do
  [ -x "$built" ] || { echo "$0: $built is missing: run eng/publish.sh node-agent host-local etcd-ipam" >&2; exit 2; }
done
for tool in etcd python3 ip bridge jq; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is missing: run eng/prereqs.sh" >&2; exit 2; }
done

tag=cnb$$                        # every namespace and veth this run makes starts with it
tmp=$(mktemp -d "/tmp/$tag.XXXX")
under=$tag-under
cluster_cidr=10.244.0.0/16
etcd_url=http://172.31.255.254:2379
declare -A agent_pid monitor_pid
etcd_pid=

cleanup() {
  for pid in "${agent_pid[@]}" "${monitor_pid[@]}" $etcd_pid; do kill "$pid" 2>/dev/null; done
  for pid in "${agent_pid[@]}" "${monitor_pid[@]}" $etcd_pid; do wait "$pid" 2>/dev/null; done
  for ns in $(ip netns list | awk '{print $1}' | grep "^$tag-"); do ip netns delete "$ns"; done
  rm -rf "$tmp"
}
trap cleanup EXIT

on() { local ns=$1; shift; ip netns exec "$tag-$ns" "$@"; }
fail() { echo "$0: $*" >&2; for f in "$tmp"/*/agent.log; do [ -f "$f" ] && sed "s|^|  $f: |" "$f" | tail -5 >&2; done; exit 1; }
wait_for() { # wait_for SECONDS COMMAND...: true once COMMAND succeeds
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do ((SECONDS < deadline)) || return 1; sleep 0.05; done
}
now() { echo "${EPOCHREALTIME}"; }
load() { uptime | sed 's/.*load average/load average/'; }

# --- the underlay: a bridge with etcd on it (172.31.0.0/16) ----------------------------------------
ip netns add "$under"
on under ip link set lo up
on under ip link add br0 type bridge
on under ip addr add 172.31.255.254/16 dev br0
on under ip link set br0 up
ip netns exec "$under" etcd --name bench --data-dir "$tmp/etcd" \
  --listen-client-urls "$etcd_url" --advertise-client-urls "$etcd_url" \
  --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
  --initial-cluster bench=http://127.0.0.1:2380 >"$tmp/etcd.log" 2>&1 &
etcd_pid=$!
etcd_healthy() { on under python3 -c "import urllib.request; urllib.request.urlopen('$etcd_url/health', timeout=1)" 2>/dev/null; }
wait_for 20 etcd_healthy || fail "etcd did not start: $(tail -3 "$tmp/etcd.log")"

# etcd_do COMMAND ARGS: through etcd's JSON gateway, from the underlay namespace; prints the moment
# (epoch seconds) just before the request that makes the change was sent.
#   populate PREFIX COUNT  the fake nodes' records (blocks/ and nodes/ keys, 100 keys a transaction)
#   put KEY VALUE | delete KEY | revoke-lease-of KEY
etcd_do() {
  on under python3 - "$etcd_url" "$@" <<'PY'
import base64, json, sys, time, urllib.request
url, command, args = sys.argv[1], sys.argv[2], sys.argv[3:]
b64 = lambda s: base64.b64encode(s.encode()).decode()
def call(path, body):
    request = urllib.request.Request(url + path, json.dumps(body).encode(), {"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(request, timeout=10))
def fake(prefix, i):  # block i of 10.240.0.0/12 in /24s, underlay 172.31.10.1 on, VTEP MAC as the agent derives it
    block = "10.%d.%d.0/24" % (240 + (i >> 8), i & 255)
    underlay = "172.31.%d.%d" % (10 + (i - 1) // 250, (i - 1) % 250 + 1)
    vtep = "0e:c1:" + ":".join("%02x" % int(o) for o in underlay.split("."))
    sortable = "%03d.%03d.%03d.000-24" % (10, 240 + (i >> 8), i & 255)
    record = json.dumps({"block": block, "underlay": underlay, "vtep": vtep}, separators=(",", ":"))
    return [(f"{prefix}/blocks/{sortable}", f"fake-{i}"), (f"{prefix}/nodes/fake-{i}", record)]
if command == "populate":
    keys = [kv for i in range(1, int(args[1]) + 1) for kv in fake(args[0], i)]
    for start in range(0, len(keys), 100):
        call("/v3/kv/txn", {"success": [{"requestPut": {"key": b64(k), "value": b64(v)}} for k, v in keys[start:start + 100]]})
elif command == "put-fake":
    kvs = fake(args[0], int(args[1]))
    call("/v3/kv/put", {"key": b64(kvs[0][0]), "value": b64(kvs[0][1])})
    print(time.time()); call("/v3/kv/put", {"key": b64(kvs[1][0]), "value": b64(kvs[1][1])})
elif command == "delete-fake":
    key = fake(args[0], int(args[1]))[1][0]
    print(time.time()); call("/v3/kv/deleterange", {"key": b64(key)})
elif command == "revoke-lease-of":
    lease = call("/v3/kv/range", {"key": b64(args[0])})["kvs"][0]["lease"]
    print(time.time()); call("/v3/lease/revoke", {"ID": lease})
PY
}

# --- nodes ---------------------------------------------------------------------------------------------
add_node() { # add_node NAME ADDRESS
  ip netns add "$tag-$1"
  on "$1" ip link set lo up
  ip link add "$tag-u$1" netns "$under" type veth peer name eth0 netns "$tag-$1"
  on under ip link set "$tag-u$1" master br0 up
  on "$1" ip addr add "$2/16" dev eth0
  on "$1" ip link set eth0 up
  mkdir -p "$tmp/$1"
  ip netns exec "$tag-$1" ip -ts monitor route neigh >"$tmp/$1/events" &
  monitor_pid[$1]=$!
}
declare -A started
start_agent() { # start_agent NODE ADDRESS CLUSTER_CIDR PREFIX: records the start moment in started[NODE]
  rm -f "$tmp/$1/ready"
  started[$1]=$(now)
  ip netns exec "$tag-$1" "$agent" --node-name "$1" --underlay-address "$2" --cluster-cidr "$3" --etcd-prefix "$4" \
    --etcd-endpoints "$etcd_url" --mode "$mode" --lease-ttl "$lease_ttl" --grace-period 60 \
    --conf-dir "$tmp/$1/net.d" --ipam-data-dir "$tmp/$1/ipam" --ready-file "$tmp/$1/ready" \
    >>"$tmp/$1/agent.log" 2>&1 &
  agent_pid[$1]=$!
}
stop_agent() { kill -TERM "${agent_pid[$1]}"; wait "${agent_pid[$1]}" || fail "$1's agent exited $? on SIGTERM"; unset "agent_pid[$1]"; }
ready_ms() { # ready_ms NODE: ms from the agent's start to its ready file's modification
  awk -v ready="$(stat -c %.6Y "$tmp/$1/ready")" -v start="${started[$1]}" 'BEGIN { printf "%.1f\n", (ready - start) * 1000 }'
}
block_of() { jq -r '.plugins[0].ipam.ranges[0][0].subnet' "$tmp/$1/net.d/00-cni-cluster.conflist"; }
mark() { wc -l <"$tmp/$1/events"; } # events so far: later searches start after them
# seen NODE MARK REGEX: the event line has come (after MARK lines); event_ms NODE MARK REGEX T0: its ms after T0
seen() { tail -n +$(($2 + 1)) "$tmp/$1/events" | grep -Eq "^\[[^]]*\] $3"; }
event_ms() {
  tail -n +$(($2 + 1)) "$tmp/$1/events" | python3 -c '
import datetime, re, sys
pattern, t0 = re.compile(r"^\[([^]]*)\] " + sys.argv[1]), float(sys.argv[2])
for line in sys.stdin:
    m = pattern.match(line)
    if m:
        print("%.1f" % ((datetime.datetime.fromisoformat(m.group(1)).timestamp() - t0) * 1000)); break' "$3" "$4"
}
max() { printf '%s\n' "$@" | sort -g | tail -1; }
# summary NAME FILE: "| NAME | n | median | p95 | min | max |" of the ms values in FILE
summary() {
  sort -g "$2" | awk -v name="$1" '{ v[NR] = $1 }
    END {
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      r = int(0.95 * NR); if (r < 0.95 * NR) r++
      printf "| %s | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms |\n", name, NR, m, v[r], v[1], v[NR]
    }'
}
table_head() { echo "| $1 | runs | median | p95 | min | max |"; echo "|---|---:|---:|---:|---:|---:|"; }

echo "## clusterbench $mode, $(date -u '+%Y-%m-%d %H:%M UTC'), lease TTL ${lease_ttl} s, etcd $(etcd --version | head -1 | cut -d' ' -f3)"
echo
echo "start: $(load)"

# --- 1. ready after a restart, two other nodes present ---------------------------------------------------
for n in 1 2 3; do add_node node$n "172.31.0.$n"; done
for n in 1 2 3; do start_agent node$n "172.31.0.$n" "$cluster_cidr" /cnb; done
for n in 1 2 3; do wait_for 30 test -f "$tmp/node$n/ready" || fail "node$n not ready within 30 s"; done
routes_to() { on "$1" ip route show "$2" | grep -q .; }
converged() { for a in 1 2 3; do for b in 1 2 3; do [ $a = $b ] || routes_to node$a "$(block_of node$b)" || return 1; done; done; }
wait_for 15 converged || fail "the three nodes did not converge"

for ((i = 0; i < restarts; i++)); do
  stop_agent node3
  start_agent node3 172.31.0.3 "$cluster_cidr" /cnb
  wait_for 30 test -s "$tmp/node3/ready" || fail "node3 not ready within 30 s after restart $i"
  ready_ms node3 >>"$tmp/ready"
  cat "$tmp/node3/ready" >>"$tmp/ready.internal"
  routes_to node3 "$(block_of node1)" && routes_to node3 "$(block_of node2)" || fail "node3 ready without its routes"
  sleep 0.3
done
echo
table_head "agent start to ready ($mode, 2 other nodes)"
summary "restart, start of the process to the ready file" "$tmp/ready"
summary "restart, as the agent reports it (from its Agent service's construction)" "$tmp/ready.internal"
echo
echo "agents' peak memory (VmHWM) with 2 other nodes: $(for n in 1 2; do grep VmHWM "/proc/${agent_pid[node$n]}/status" | awk '{print $2 " kB"}'; done | paste -sd' ')"
echo "after the restarts: $(load)"

# --- 2. convergence after a join and after a leave -----------------------------------------------------
block3=$(block_of node3)
b3=${block3//./\\.}
for ((i = 0; i < cycles; i++)); do
  # leave by lease expiry
  m1=$(mark node1) m2=$(mark node2)
  t0=$(now); stop_agent node3
  wait_for $((lease_ttl * 5)) bash -c "$(declare -f seen); tmp=$tmp; seen node1 $m1 'Deleted $b3 ' && seen node2 $m2 'Deleted $b3 '" \
    || fail "node3 left, its route stayed"
  max "$(event_ms node1 "$m1" "Deleted $b3 " "$t0")" "$(event_ms node2 "$m2" "Deleted $b3 " "$t0")" >>"$tmp/leave"
  # join
  for pass in 1 2; do
    m1=$(mark node1) m2=$(mark node2)
    start_agent node3 172.31.0.3 "$cluster_cidr" /cnb
    wait_for 30 bash -c "$(declare -f seen); tmp=$tmp; seen node1 $m1 '$b3 ' && seen node2 $m2 '$b3 ' && test -s $tmp/node3/ready" \
      || fail "node3 joined, the others have no route to it"
    max "$(event_ms node1 "$m1" "$b3 " "${started[node3]}")" "$(event_ms node2 "$m2" "$b3 " "${started[node3]}")" "$(ready_ms node3)" >>"$tmp/join"
    [ "$(block_of node3)" = "$block3" ] || fail "node3 came back with $(block_of node3), not $block3"
    ((pass == 2)) && break
    # leave by release: the agent stopped, then its alive lease revoked (EtcdNodeBlocks.ReleaseAsync's revoke)
    stop_agent node3
    m1=$(mark node1) m2=$(mark node2)
    t0=$(etcd_do revoke-lease-of /cnb/nodes/node3)
    wait_for 10 bash -c "$(declare -f seen); tmp=$tmp; seen node1 $m1 'Deleted $b3 ' && seen node2 $m2 'Deleted $b3 '" \
      || fail "node3's lease revoked, its route stayed"
    max "$(event_ms node1 "$m1" "Deleted $b3 " "$t0")" "$(event_ms node2 "$m2" "Deleted $b3 " "$t0")" >>"$tmp/release"
  done
done
echo
table_head "convergence ($mode, 3 nodes)"
summary "join: agent start to it ready and both others routing to its block" "$tmp/join"
summary "leave: SIGTERM to both others without its route (lease TTL ${lease_ttl} s)" "$tmp/leave"
summary "leave by release: its alive lease revoked to both others without its route" "$tmp/release"
echo "after the convergence runs: $(load)"

# --- 4. pod IPAM on a node: host-local over the block against etcd-ipam --------------------------------
jq -c '{cniVersion: .cniVersion, name: .name, type: "host-local", ipam: .plugins[0].ipam}' \
  "$tmp/node1/net.d/00-cni-cluster.conflist" >"$tmp/host-local.json"
printf '{"cniVersion":"1.1.0","name":"cnb-bench","type":"etcd-ipam","ipam":{"type":"etcd-ipam","subnet":"10.22.0.0/16","etcd":{"endpoints":["%s"],"prefix":"/cnb-ipam"}}}' \
  "$etcd_url" >"$tmp/etcd-ipam.json"
mkdir -p "$tmp/alloc"
cp "$tmp/host-local.json" "$tmp/etcd-ipam.json" "$tmp/alloc/"
echo
echo "pod IPAM on node1 ($(jq -r .ipam.ranges[0][0].subnet "$tmp/host-local.json"), host-local's files in $(jq -r .ipam.dataDir "$tmp/host-local.json" | sed "s|$tmp|TMP|")) against etcd-ipam (10.22.0.0/16 in the same etcd), $pairs ADD+DEL pairs each, A B B A, the three agents running:"
echo
ip netns exec "$tag-node1" bash eng/clusterbench.sh __allocations "$tmp/alloc" "$pairs" || fail "the IPAM calls failed"
echo "after the IPAM calls: $(load)"
for n in 1 2 3; do stop_agent node$n; done

# --- 3. one agent facing REMOTE simulated nodes --------------------------------------------------------
big_cidr=10.240.0.0/12
etcd_do populate /cnb-big "$remote" || fail "could not write the fake nodes' records"
add_node big 172.31.0.100
programmed() { # all routes (vxlan: and neighbour and FDB entries) in place
  (($(on big ip route show proto 77 | wc -l) >= remote)) || return 1
  [ "$mode" = host-gw ] && return 0
  (($(on big ip neigh show dev cni-vxlan nud permanent | wc -l) >= remote)) &&
    (($(on big bridge fdb show dev cni-vxlan | grep -c ' dst ') >= remote))
}
next=$((remote + 1))
for ((run = 0; run < big_runs; run++)); do
  on big ip route flush proto 77
  [ "$mode" = vxlan ] && on big ip link delete cni-vxlan 2>/dev/null
  start_agent big 172.31.0.100 "$big_cidr" /cnb-big
  wait_for 120 test -s "$tmp/big/ready" || fail "the agent facing $remote nodes was not ready within 120 s"
  programmed || fail "ready, yet not all $remote nodes programmed"
  ready_ms big >>"$tmp/big-ready"
  grep -o 'in step with [0-9]* other nodes ([0-9.]* ms)' "$tmp/big/agent.log" | tail -1 | grep -o '([0-9.]*' | tr -d '(' >>"$tmp/big-sync"
  grep VmHWM "/proc/${agent_pid[big]}/status" | awk '{print $2}' >>"$tmp/big-hwm-ready"
  # The node's entries: its route, and (vxlan) its VTEP's neighbour entry and its FDB entry; the
  # time to apply is the last of them.
  network="10\\.$((240 + (next >> 8)))\\.$((next & 255))\\.0"
  entries=("$network/24 ")
  [ "$mode" = vxlan ] && entries+=("$network dev cni-vxlan " "172\\.31\\.$((10 + (next - 1) / 250))\\.$(((next - 1) % 250 + 1)) dev cni-vxlan ")
  all_seen() { local e; for e in "${entries[@]}"; do seen big "$m" "$1$e" || return 1; done; }
  last_ms() { local e; max $(for e in "${entries[@]}"; do event_ms big "$m" "$1$e" "$t0"; done); }
  : >"$tmp/big-hwm-changes"
  for ((change = 0; change < changes; change++)); do
    m=$(mark big)
    t0=$(etcd_do put-fake /cnb-big "$next")
    wait_for 10 all_seen "" || fail "an added node's entries did not all come"
    last_ms "" >>"$tmp/big-add"
    m=$(mark big)
    t0=$(etcd_do delete-fake /cnb-big "$next")
    wait_for 10 all_seen "Deleted " || fail "a removed node's entries stayed"
    last_ms "Deleted " >>"$tmp/big-remove"
    grep VmHWM "/proc/${agent_pid[big]}/status" | awk '{print $2}' >>"$tmp/big-hwm-changes"
  done
  grep VmHWM "/proc/${agent_pid[big]}/status" | awk '{print $2}' >>"$tmp/big-hwm"
  stop_agent big
done
echo
echo "one agent facing $remote simulated nodes ($mode; $(on big ip route show proto 77 | wc -l) routes$([ "$mode" = vxlan ] && echo ", $(on big ip neigh show dev cni-vxlan nud permanent | wc -l) neighbour and $(on big bridge fdb show dev cni-vxlan | grep -c ' dst ') FDB entries") checked after each run), each run from a namespace without them:"
echo
table_head "$remote remote nodes ($mode)"
summary "agent start to all programmed (the ready file)" "$tmp/big-ready"
summary "the first sync alone, as the agent logs it" "$tmp/big-sync"
summary "one node added in etcd to its entries in the kernel" "$tmp/big-add"
summary "one node removed in etcd to its entries gone" "$tmp/big-remove"
echo
echo "the agent's VmHWM: at ready $(sort -n "$tmp/big-hwm-ready" | paste -sd' ') kB; at its stop $(sort -n "$tmp/big-hwm" | paste -sd' ') kB"
echo "the last run's VmHWM after each of its $changes add+remove pairs: $(paste -sd' ' "$tmp/big-hwm-changes") kB"
echo "end: $(load)"
