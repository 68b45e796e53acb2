#!/usr/bin/env bash
# Publishes every sample plugin under samples/ with NativeAOT into artifacts/plugins/, named as
# the plugin type (the folder name), ready for CNI_PATH (an agent, samples/*-agent, into artifacts/agents/), and the `cni` tool (tools/Cni.Tool)
# into artifacts/tools/cni. Any trim or AOT warning fails the build.
# --otel publishes the named samples built with the exporter (-p:CniOpenTelemetry=true, samples/Directory.Build.props)
# into artifacts/plugins-otel/ instead, and neither the other samples nor the tool.
# Usage: eng/publish.sh [sample...|cni]   (no argument: every sample and the tool)
#        eng/publish.sh --otel sample...
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/plugins
variant=()
suffix=
if [ "${1:-}" = --otel ]; then
  shift
  (($#)) || { echo "usage: eng/publish.sh --otel sample..." >&2; exit 2; }
  out=artifacts/plugins-otel
  variant=(-p:CniOpenTelemetry=true)
  suffix=-otel
fi
mkdir -p "$out"
samples=("$@")
tool=$((${#samples[@]} == 0))
((${#samples[@]})) || mapfile -t samples < <(find samples -mindepth 2 -maxdepth 2 -name '*.csproj' -printf '%h\n' | xargs -rn1 basename | sort)
published=()
for s in "${samples[@]}"; do
  if [ "$s" = cni ]; then
    [ -z "$suffix" ] || { echo "the cni tool has no --otel variant" >&2; exit 2; }
    tool=1
    continue
  fi
  echo "publishing $s$suffix (NativeAOT)" >&2
  dotnet publish "samples/$s" -c Release -r linux-x64 -p:PublishAot=true -p:TreatWarningsAsErrors=true "${variant[@]}" \
    -o "artifacts/publish/$s$suffix" -v:q -clp:NoSummary >&2
  # An agent is a long-running program, not a plugin: it stays off CNI_PATH.
  case "$s" in
    *-agent) mkdir -p artifacts/agents; install -m 0755 "artifacts/publish/$s$suffix/$s" "artifacts/agents/$s" ;;
    *) install -m 0755 "artifacts/publish/$s$suffix/$s" "$out/$s" ;;
  esac
  published+=("$s")
done
echo "published (plugins in $out, agents in artifacts/agents): ${published[*]:-none}" >&2
if ((tool)); then
  echo "publishing the cni tool (NativeAOT)" >&2
  dotnet publish tools/Cni.Tool -c Release -r linux-x64 -p:PublishAot=true -p:TreatWarningsAsErrors=true \
    -o artifacts/publish/cni -v:q -clp:NoSummary >&2
  mkdir -p artifacts/tools
  install -m 0755 artifacts/publish/cni/cni artifacts/tools/cni
  echo "tool: artifacts/tools/cni" >&2
fi
