#!/usr/bin/env bash
# Runs every test: installs what the tests use, builds the libcni driver, publishes the sample plugins and the `cni`
# tool (artifacts/tools/cni, which tests/Cni.Tool.Tests runs) with NativeAOT (failing on any trim/AOT warning), packs the libraries
# and the .NET tool Cni.Tool into artifacts/packages (tests/Cni.Packaging.Tests reads them; Cni.Tool.Tests installs the tool), runs all test projects, and ends with one line
# "N passed, N failed, N skipped" summing them. Safe to re-run.
# Usage: eng/test.sh [extra dotnet test arguments]
set -uo pipefail
cd "$(dirname "$0")/.."
eng/prereqs.sh || exit 1

if ! eng/build-libcni-driver.sh; then
  echo "building tests/libcni-driver failed"
  echo "0 passed, 1 failed"
  exit 1
fi

if ! eng/publish.sh; then
  echo "publishing the sample plugins failed"
  echo "0 passed, 1 failed"
  exit 1
fi

rm -rf artifacts/packages
if ! dotnet pack Cni.sln -c Release -o artifacts/packages -v:q -clp:NoSummary; then
  echo "packing failed"
  echo "0 passed, 1 failed"
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test --solution Cni.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform prints, per run, "total: N", "failed: N", "succeeded: N", "skipped: N".
sum() { grep -E "^\s+$1: [0-9]+" "$log" | awk '{s += $2} END {print s + 0}'; }
total=$(sum total); failed=$(sum failed); passed=$(sum succeeded); skipped=$(sum skipped)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # the build or the runner failed before reporting a test failure
fi
if [ "$total" -eq 0 ]; then
  echo "no test ran"
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
