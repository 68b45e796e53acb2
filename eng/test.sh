#!/usr/bin/env bash
# Runs every test: installs what the tests use, builds the libcni driver, publishes the sample plugins and the `cni`
# tool (artifacts/tools/cni, which tests/Cni.Tool.Tests runs) with NativeAOT (failing on any trim/AOT warning), and the
# exporter's test plugin (tests/traced-plugin) and the bridge built with the exporter (artifacts/plugins-otel) the same way, packs the libraries
# and the .NET tool Cni.Tool into artifacts/packages (tests/Cni.Packaging.Tests reads them; Cni.Tool.Tests installs the tool), runs all test projects
# on this machine's kernel except the VM lane's tests, then those in a VM with Debian's stock kernel (eng/kernel-test.sh),
# and ends with one line "N passed, N failed, N skipped" summing both. Safe to re-run.
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

# The bridge built with the exporter, into artifacts/plugins-otel: BridgeTraceTests traces a real ADD with it.
if ! eng/publish.sh --otel bridge; then
  echo "publishing the bridge sample with Cni.OpenTelemetry failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# The default samples do not carry Cni.OpenTelemetry (docs/observability.md, "Exporting from a plugin"): the tests' plugin built
# with it shows the exporter still publishes with NativeAOT without a trim or AOT warning.
if ! dotnet publish tests/traced-plugin -c Release -r linux-x64 -p:PublishAot=true -p:TreatWarningsAsErrors=true \
    -o artifacts/publish/cnit-traced -v:q -clp:NoSummary; then
  echo "publishing tests/traced-plugin (NativeAOT, with Cni.OpenTelemetry) failed"
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
# The VM lane's tests need kernel features this kernel lacks; eng/kernel-test.sh runs them below.
dotnet test --solution Cni.sln -c Release --filter-not-trait "Lane=vm" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform prints, per run, "total: N", "failed: N", "succeeded: N", "skipped: N".
sum() { grep -E "^\s+$1: [0-9]+" "$log" | awk '{s += $2} END {print s + 0}'; }
total=$(sum total); failed=$(sum failed); passed=$(sum succeeded); skipped=$(sum skipped)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # the build or the runner failed before reporting a test failure
fi

vmlog=$(mktemp)
trap 'rm -f "$log" "$vmlog"' EXIT
eng/kernel-test.sh 2>&1 | tee "$vmlog"
vmstatus=${PIPESTATUS[0]}
read -r vmpassed vmfailed < <(tail -1 "$vmlog" | awk '/passed,.*failed$/ {print $1, $3; next} {print 0, 1}')
total=$((total + vmpassed + vmfailed)); passed=$((passed + vmpassed)); failed=$((failed + vmfailed))
if [ "$vmstatus" -ne 0 ] && [ "$vmfailed" -eq 0 ]; then
  failed=$((failed + 1))
fi
if [ "$total" -eq 0 ]; then
  echo "no test ran"
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$vmstatus" -eq 0 ] && [ "$failed" -eq 0 ]
