#!/usr/bin/env bash
# Records public API changes in src/*/PublicAPI.Unshipped.txt after you change a public surface:
# adds what RS0016 reports as undeclared and removes what RS0017 reports as gone.
# Usage: eng/update-public-api.sh [project...]   (default: every project under src/)
# Review the diff: it is the API change a reviewer reads.
set -euo pipefail
cd "$(dirname "$0")/.."
projects=("$@")
((${#projects[@]})) || mapfile -t projects < <(ls src/*/*.csproj)
for proj in "${projects[@]}"; do
  dir=$(dirname "$proj")
  # A project without API files (the source generator) has no public API to track.
  [ -f "$dir/PublicAPI.Shipped.txt" ] || continue
  log=$(mktemp)
  dotnet build "$proj" -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= --no-incremental -v:q -clp:NoSummary >"$log" 2>&1 || true
  # Only this project's diagnostics (MSBuild ends each with "[/path/to/project.csproj]"): building it builds its
  # dependencies too, and their undeclared symbols belong in their own files.
  own=$(grep -F "[$(realpath "$proj")" "$log" || true)
  added=$(grep -oP "RS0016: Symbol '\K.*?(?=' is not part of the declared public API)" <<<"$own" | sort -u || true)
  removed=$(grep -oP "RS0017: Symbol '\K.*?(?=' is part of the declared API, but)" <<<"$own" | sort -u || true)
  unshipped="$dir/PublicAPI.Unshipped.txt"
  {
    echo '#nullable enable'
    { grep -v '^#nullable enable' "$unshipped" || true; if [ -n "$added" ]; then printf '%s\n' "$added"; fi; } \
      | { grep -vxF -f <(printf '%s\n' "$removed") || true; } | { grep -v '^$' || true; } | LC_ALL=C sort -u
  } >"$unshipped.new"
  mv "$unshipped.new" "$unshipped"
  echo "$proj: $(printf '%s' "$added" | grep -c . || true) added, $(printf '%s' "$removed" | grep -c . || true) removed"
  rm -f "$log"
done
