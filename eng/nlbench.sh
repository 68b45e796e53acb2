#!/usr/bin/env bash
# Times Cni.Netlink on the cases of nlbench-go (shared/conformance/nlbench.go) and prints one line
# per case in its format: name, ops, ns/op (wall), user-ns/op (user CPU of the process).
# Publishes benchmarks/Cni.Netlink.Benchmarks with NativeAOT (its nlbench mode), makes a fresh network
# namespace, runs the tool inside it, and deletes the namespace (also on failure). Root is needed.
# Usage: eng/nlbench.sh [N] [--compare] [--sample-user]
#   N              operations per case (default 2000; link-add-del-veth runs N/4, link-dump-1000 runs 50)
#   --compare      also run nlbench-go and nlfloor (on PATH), each in its own fresh namespace, in the
#                  same run; each block is headed by "# <tool>"
#   --sample-user  run every tool under `perf record` (4 kHz cpu-clock samples) and append to each
#                  line the user CPU per operation measured from the samples in that case's time
#                  window: getrusage's user time is charged by 4 ms ticks on this kernel, too
#                  coarse for cases that spend a few ticks in user mode (docs/netlink.md)
set -euo pipefail
cd "$(dirname "$0")/.."
n=2000
compare=0
sample_user=0
for arg in "$@"; do
  case "$arg" in
    --compare) compare=1 ;;
    --sample-user) sample_user=1 ;;
    *) n=$arg ;;
  esac
done

if ((sample_user)) && ! command -v perf >/dev/null; then
  echo "nlbench.sh: --sample-user needs perf (Debian: apt-get install linux-perf)" >&2
  exit 1
fi

dotnet publish benchmarks/Cni.Netlink.Benchmarks -c Release -r linux-x64 -p:PublishAot=true \
  -o artifacts/publish/nlbench -v:q -clp:NoSummary >&2
tool=(artifacts/publish/nlbench/Cni.Netlink.Benchmarks nlbench)

namespaces=()
work=$(mktemp -d)
cleanup() {
  for ns in "${namespaces[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Runs a tool in the given namespace; with --sample-user, under perf, each output line stamped with
# the wall clock (perf uses the same clock) and followed by the user-mode share of its window.
run_tool() {
  local ns=$1; shift
  if ((!sample_user)); then
    ip netns exec "$ns" "$@"
    return
  fi
  perf record -q -k CLOCK_REALTIME -e cpu-clock -F 4000 -o "$work/perf.data" -- ip netns exec "$ns" "$@" \
    | { echo "start $EPOCHREALTIME"; while IFS= read -r line; do echo "$EPOCHREALTIME $line"; done; } > "$work/lines"
  perf script -i "$work/perf.data" -F comm,time,ip,dso 2>/dev/null > "$work/samples"
  # A sample is user-mode when its code is not the kernel's; samples of `ip` (the launcher) are not
  # the tool's. Each line's window runs from the previous line's stamp to its own.
  awk -v hz=4000 '
    FNR == NR { if ($1 != "ip") { t = $(NF - 2); sub(/:$/, "", t); time[++count] = t; user[count] = ($NF !~ /kernel/) } next }
    $1 == "start" { from = $2; next }
    {
      to = $1; samples = 0
      for (i = 1; i <= count; i++) if (time[i] > from && time[i] <= to && user[i]) samples++
      line = $0; sub(/^[^ ]+ /, "", line)
      printf "%s %9.0f sampled-user-ns/op\n", line, samples * 1e9 / hz / $3
      from = to
    }' "$work/samples" "$work/lines"
}

# Runs a command inside a namespace made for it alone, then deletes the namespace. Its links are
# deleted first, synchronously: the kernel tears down a deleted namespace's links later, holding
# the rtnl lock for seconds with 1000 bridges, which would stall whatever runs next.
fresh() {
  local ns="cnit-nlbench-$$-${#namespaces[@]}"
  namespaces+=("$ns")
  ip netns add "$ns"
  run_tool "$ns" "$@"
  ip -n "$ns" -o link show | awk -F': ' '{ sub(/@.*/, "", $2); if ($2 != "lo") print "link del dev " $2 }' \
    | ip -n "$ns" -force -batch - 2>/dev/null || true
  ip netns del "$ns"
}

if ((compare)); then
  echo "# nlbench-go"; fresh nlbench-go "$n"
  echo "# nlfloor"; fresh nlfloor "$n"
  echo "# Cni.Netlink"
fi
fresh "${tool[@]}" "$n"
