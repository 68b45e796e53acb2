#!/usr/bin/env bash
# The demo: publishes the sample plugin `hello` with NativeAOT and runs it the way a container
# runtime does (CNI_* variables, the config on stdin) through VERSION, ADD, CHECK and DEL,
# printing what goes in and what comes out. Safe to re-run; needs root for the throwaway
# network namespace the container "lives" in.
set -euo pipefail
cd "$(dirname "$0")/.."
eng/prereqs.sh
eng/publish.sh hello
plugin=artifacts/plugins/hello

netns=cnidemo-$$
ip netns add "$netns"
trap 'ip netns del "$netns" 2>/dev/null || true' EXIT

config='{
  "cniVersion": "1.0.0",
  "name": "demo-net",
  "type": "hello",
  "address": "10.22.0.5/24",
  "gateway": "10.22.0.1"
}'

step() { # step COMMAND STDIN [extra env...]
  local command=$1 stdin=$2; shift 2
  printf '\n\033[1m$ CNI_COMMAND=%s %s < config\033[0m\n' "$command" "$plugin"
  local status=0
  printf '%s' "$stdin" | env CNI_COMMAND="$command" CNI_CONTAINERID=demo-ctr-1 \
    CNI_NETNS="/var/run/netns/$netns" CNI_IFNAME=eth0 CNI_PATH="$PWD/artifacts/plugins" "$@" \
    "$plugin" >"$tmp/out" 2>"$tmp/err" || status=$?
  if [ -s "$tmp/out" ]; then cat "$tmp/out"; [ -z "$(tail -c1 "$tmp/out")" ] || echo; fi
  [ -s "$tmp/err" ] && sed 's/^/  (stderr) /' "$tmp/err"
  echo "  (exit status $status)"
}
tmp=$(mktemp -d)
trap 'ip netns del "$netns" 2>/dev/null || true; rm -rf "$tmp"' EXIT

echo "config on stdin:"; echo "$config"
step VERSION "$config"
step ADD "$config"
result=$(cat "$tmp/out")
# CHECK and DEL get the ADD result back as prevResult, as a runtime sends it.
with_prev=$(jq --argjson prev "$result" '. + {prevResult: $prev}' <<<"$config")
step CHECK "$with_prev"
step DEL "$with_prev"
echo; echo "And what a runtime sees when something is wrong (an interface name with a slash):"
step ADD "$config" CNI_IFNAME=eth/0
