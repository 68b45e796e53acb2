#!/usr/bin/env bash
# Times host-local ADD and DEL as a runtime runs them (a whole process per call, config on stdin),
# for Debian's Go /usr/lib/cni/host-local and our NativeAOT artifacts/plugins/host-local, in the
# same run, on the same files: temporary dataDirs pre-populated with the same 10,000 allocations
# in a /16, written in host-local's file format. Rows:
#   reference / ours, 10,000 allocated: each binary on its own copy of the files;
#   ours, 10,000 allocated, shared: ours on the reference's copy, between the reference's calls
#     (each reference change makes ours rebuild its owner index: the mixed-node case);
#   ours, 0 allocated: an empty dataDir;
#   VERSION of both binaries and of hello.
# Calls alternate, so noise from other work on the machine spreads over every row. Prints a
# Markdown table: wall time per call (median, p95) and CPU time per call (user + system, median,
# 1 ms resolution; it varies less than wall time on a busy machine). The dataDirs are under ${TMPDIR:-/tmp}.
# Usage: eng/ipambench.sh [N] [--no-publish] [--reference-only]
#   N                 ADD+DEL pairs per row (default 50); VERSION rows run 4N calls
#   --no-publish      use artifacts/plugins/host-local and hello as they are (default: publish them first)
#   --reference-only  time only /usr/lib/cni/host-local (no build needed)
set -euo pipefail
cd "$(dirname "$0")/.."
n=50
publish=1
ours=1
for arg in "$@"; do
  case "$arg" in
    --no-publish) publish=0 ;;
    --reference-only) ours=0 ;;
    *) n=$arg ;;
  esac
done

reference=/usr/lib/cni/host-local
plugin=artifacts/plugins/host-local
hello=artifacts/plugins/hello
[ -x "$reference" ] || { echo "$reference is missing (apt-get install containernetworking-plugins)" >&2; exit 1; }
if ((ours && publish)); then
  eng/publish.sh host-local hello
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/cnit-ipambench.XXXXXX")
trap 'rm -rf "$work"' EXIT
allocations=10000
network=cnit-bench

# host-local's layout: <dataDir>/<network>/<ip> holding "<containerID>\r\n<ifname>" (no newline at
# the end), last_reserved_ip.<range set index>, and an empty lock file. Addresses from 10.22.0.2
# on (10.22.0.1 is the gateway), consecutive, so the next free one follows the last reserved.
populate() {
  local dir=$1/$network count=$2 i address=""
  mkdir -p "$dir"
  : >"$dir/lock"
  for ((i = 0; i < count; i++)); do
    address=10.22.$(((i + 2) / 256)).$(((i + 2) % 256))
    printf 'cnit-populated-%d\r\neth0' "$i" >"$dir/$address"
  done
  [ -z "$address" ] || printf '%s' "$address" >"$dir/last_reserved_ip.0"
}
populate "$work/full" "$allocations"
cp -a "$work/full" "$work/copy"
populate "$work/empty" 0

config() {
  printf '{"cniVersion":"1.0.0","name":"%s","type":"host-local","ipam":{"type":"host-local","subnet":"10.22.0.0/16","dataDir":"%s","routes":[{"dst":"0.0.0.0/0"}]}}' \
    "$network" "$1"
}
config "$work/full" >"$work/full.json"
config "$work/copy" >"$work/copy.json"
config "$work/empty" >"$work/empty.json"

# The runtime's environment plus the CNI_* variables, as libcni passes them.
export CNI_NETNS=/var/run/netns/cnit-bench CNI_IFNAME=eth0 CNI_PATH=/usr/lib/cni CNI_ARGS=""

source eng/lib/timing.sh

rows=()
add_row() { rows+=("$1"); : >"$work/$1"; : >"$work/$1.cpu"; }
add_row "reference ADD, 10,000 allocated"
add_row "reference DEL, 10,000 allocated"
if ((ours)); then
  add_row "ours ADD, 10,000 allocated"
  add_row "ours DEL, 10,000 allocated"
  add_row "ours ADD, 0 allocated"
  add_row "ours DEL, 0 allocated"
  add_row "ours ADD, 10,000 allocated, shared"
  add_row "ours DEL, 10,000 allocated, shared"
fi

for ((i = 0; i < n; i++)); do
  time_call "reference ADD, 10,000 allocated" "$reference" ADD "cnit-ref-$i" "$work/full.json"
  if ((ours)); then
    time_call "ours ADD, 10,000 allocated, shared" "$plugin" ADD "cnit-ours-$i" "$work/full.json"
    time_call "ours ADD, 10,000 allocated" "$plugin" ADD "cnit-ours-$i" "$work/copy.json"
    time_call "ours ADD, 0 allocated" "$plugin" ADD "cnit-ours-$i" "$work/empty.json"
    time_call "ours DEL, 10,000 allocated" "$plugin" DEL "cnit-ours-$i" "$work/copy.json"
    time_call "ours DEL, 0 allocated" "$plugin" DEL "cnit-ours-$i" "$work/empty.json"
  fi
  time_call "reference DEL, 10,000 allocated" "$reference" DEL "cnit-ref-$i" "$work/full.json"
  if ((ours)); then
    time_call "ours DEL, 10,000 allocated, shared" "$plugin" DEL "cnit-ours-$i" "$work/full.json"
  fi
done

# Every ADD was undone: the directories hold the 10,000 pre-populated allocations again.
for dir in full copy; do
  left=$(find "$work/$dir/$network" -name '10.*' | wc -l)
  ((left == allocations)) || { echo "$dir: expected $allocations allocations after the run, found $left" >&2; exit 1; }
done

add_row "reference VERSION"
if ((ours)); then
  add_row "ours VERSION"
  add_row "hello VERSION"
fi
for ((i = 0; i < 4 * n; i++)); do
  time_call "reference VERSION" "$reference" VERSION "" /dev/null
  if ((ours)); then
    time_call "ours VERSION" "$plugin" VERSION "" /dev/null
    time_call "hello VERSION" "$hello" VERSION "" /dev/null
  fi
done

# Median and 95th percentile of each row's wall time, and its median CPU time, in ms.
echo "| call | calls | median | p95 | median CPU |"
echo "|---|---:|---:|---:|---:|"
for row in "${rows[@]}"; do
  read -r calls median p95 < <(stats "$work/$row" 1000)
  read -r _ cpu _ < <(stats "$work/$row.cpu" 1)
  printf '| %s | %d | %s ms | %s ms | %s ms |\n' "$row" "$calls" "$median" "$p95" "$cpu"
done
