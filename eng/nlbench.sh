#!/usr/bin/env bash
# Times Cni.Netlink on the cases of nlbench-go (shared/conformance/nlbench.go) and prints one line
# per case in its format: name, ops, ns/op (wall), user-ns/op (user CPU of the process).
# Publishes benchmarks/Cni.Netlink.Bench with NativeAOT, makes a fresh network namespace, runs the
# tool inside it, and deletes the namespace (also on failure). Root is needed.
# Usage: eng/nlbench.sh [N] [--compare]
#   N          operations per case (default 2000; link-add-del-veth runs N/4, link-dump-1000 runs 50)
#   --compare  also run nlbench-go and nlfloor (on PATH), each in its own fresh namespace, in the
#              same run; each block is headed by "# <tool>"
set -euo pipefail
cd "$(dirname "$0")/.."
n=2000
compare=0
for arg in "$@"; do
  case "$arg" in
    --compare) compare=1 ;;
    *) n=$arg ;;
  esac
done

dotnet publish benchmarks/Cni.Netlink.Bench -c Release -r linux-x64 -p:PublishAot=true \
  -o artifacts/publish/nlbench -v:q -clp:NoSummary >&2
tool=artifacts/publish/nlbench/Cni.Netlink.Bench

namespaces=()
cleanup() { for ns in "${namespaces[@]}"; do ip netns del "$ns" 2>/dev/null || true; done; }
trap cleanup EXIT

# Runs a command inside a namespace made for it alone, then deletes the namespace. Its links are
# deleted first, synchronously: the kernel tears down a deleted namespace's links later, holding
# the rtnl lock for seconds with 1000 bridges, which would stall whatever runs next.
fresh() {
  local ns="cnit-nlbench-$$-${#namespaces[@]}"
  namespaces+=("$ns")
  ip netns add "$ns"
  ip netns exec "$ns" "$@"
  ip -n "$ns" -o link show | awk -F': ' '{ sub(/@.*/, "", $2); if ($2 != "lo") print "link del dev " $2 }' \
    | ip -n "$ns" -force -batch - 2>/dev/null || true
  ip netns del "$ns"
}

if ((compare)); then
  echo "# nlbench-go"; fresh nlbench-go "$n"
  echo "# nlfloor"; fresh nlfloor "$n"
  echo "# Cni.Netlink"
fi
fresh "$tool" "$n"
