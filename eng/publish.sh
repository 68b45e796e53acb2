#!/usr/bin/env bash
# Publishes every sample plugin under samples/ with NativeAOT into artifacts/plugins/, named as
# the plugin type (the folder name), ready for CNI_PATH. Any trim or AOT warning fails the build.
# Usage: eng/publish.sh [sample...]
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/plugins
mkdir -p "$out"
samples=("$@")
((${#samples[@]})) || mapfile -t samples < <(find samples -mindepth 2 -maxdepth 2 -name '*.csproj' -printf '%h\n' | xargs -rn1 basename | sort)
for s in "${samples[@]}"; do
  echo "publishing $s (NativeAOT)" >&2
  dotnet publish "samples/$s" -c Release -r linux-x64 -p:PublishAot=true -p:TreatWarningsAsErrors=true \
    -o "artifacts/publish/$s" -v:q -clp:NoSummary >&2
  install -m 0755 "artifacts/publish/$s/$s" "$out/$s"
done
echo "plugins in $out: ${samples[*]:-none}" >&2
