#!/usr/bin/env bash
# Times etcd-ipam ADD and DEL as a runtime runs them (a whole process per call, config on stdin)
# against a single etcd member (Debian's /usr/bin/etcd) this script starts on free loopback ports
# with a temporary data directory and stops at the end. Several builds of the plugin can be
# compared in one run: the calls alternate between them, A B then B A, so noise from other work on
# the machine spreads over every row. Prints each binary's size and a Markdown table: wall time
# per call and per ADD+DEL pair (median, p95) and CPU time (user + system, median, 1 ms resolution).
# Usage: eng/etcdbench.sh [N] [BINARY...]   (default: 50 ADD+DEL pairs of artifacts/plugins/etcd-ipam)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-50}
shift || true
binaries=("$@")
((${#binaries[@]})) || binaries=(artifacts/plugins/etcd-ipam)
etcd=/usr/bin/etcd
[ -x "$etcd" ] || { echo "$etcd is missing (eng/prereqs.sh installs etcd-server)" >&2; exit 1; }
for b in "${binaries[@]}"; do
  [ -x "$b" ] || { echo "$b is not an executable (eng/publish.sh etcd-ipam)" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/cnit-etcdbench.XXXXXX")
etcd_pid=""
cleanup() {
  if [ -n "$etcd_pid" ]; then kill "$etcd_pid" 2>/dev/null || true; wait "$etcd_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

read -r client peer < <(python3 -c 'import socket
s = [socket.socket() for _ in range(2)]
[x.bind(("127.0.0.1", 0)) for x in s]
print(*[x.getsockname()[1] for x in s])')
"$etcd" --name cnit-bench --data-dir "$work/etcd" \
  --listen-client-urls "http://127.0.0.1:$client" --advertise-client-urls "http://127.0.0.1:$client" \
  --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
  --initial-cluster "cnit-bench=http://127.0.0.1:$peer" --logger zap --log-outputs "$work/etcd.log" \
  >/dev/null 2>&1 &
etcd_pid=$!
for ((i = 0; i < 100; i++)); do
  (exec 3<>"/dev/tcp/127.0.0.1/$client") 2>/dev/null && break
  sleep 0.1
done

printf '{"cniVersion":"1.1.0","name":"cnit-bench","type":"etcd-ipam","ipam":{"type":"etcd-ipam","subnet":"10.22.0.0/16","etcd":{"endpoints":["http://127.0.0.1:%s"],"prefix":"/cnit-bench"}}}' \
  "$client" >"$work/config.json"
export CNI_NETNS=/var/run/netns/cnit-bench CNI_IFNAME=eth0 CNI_PATH=/usr/lib/cni CNI_ARGS=""

source eng/lib/timing.sh

# One untimed ADD+DEL each: etcd's first writes and the page cache are not what is measured.
for ((b = 0; b < ${#binaries[@]}; b++)); do
  time_call warm "${binaries[b]}" ADD "cnit-warm-$b" "$work/config.json"
  time_call warm "${binaries[b]}" DEL "cnit-warm-$b" "$work/config.json"
done

for ((i = 0; i < n; i++)); do
  order=($(seq 0 $((${#binaries[@]} - 1))))
  ((i % 2 == 0)) || order=($(printf '%s\n' "${order[@]}" | tac))
  for b in "${order[@]}"; do
    time_call "$b ADD" "${binaries[b]}" ADD "cnit-$b-$i" "$work/config.json"
    pair_wall=$wall pair_cpu=$cpu
    time_call "$b DEL" "${binaries[b]}" DEL "cnit-$b-$i" "$work/config.json"
    echo $((pair_wall + wall)) >>"$work/$b ADD+DEL"
    echo $((pair_cpu + cpu)) >>"$work/$b ADD+DEL.cpu"
  done
done

for ((b = 0; b < ${#binaries[@]}; b++)); do
  echo "binary $b: ${binaries[b]}, $(stat -c %s "${binaries[b]}") bytes"
done
echo "| binary | call | calls | median | p95 | median CPU |"
echo "|---|---|---:|---:|---:|---:|"
for ((b = 0; b < ${#binaries[@]}; b++)); do
  for call in ADD DEL ADD+DEL; do
    read -r calls median p95 < <(stats "$work/$b $call" 1000)
    read -r _ cpu _ < <(stats "$work/$b $call.cpu" 1)
    printf '| %s | %s | %d | %s ms | %s ms | %s ms |\n' "$b" "$call" "$calls" "$median" "$p95" "$cpu"
  done
done
