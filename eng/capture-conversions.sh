#!/usr/bin/env bash
# Writes what the reference libcni 1.1.2 (Debian's golang-github-appc-cni-dev, built with Debian's Go)
# makes of every result in tests/Cni.Spec.Tests/Golden/results when converted to every spec version
# it knows: tests/libcni-convert, run over that folder, into
# tests/Cni.Spec.Tests/Golden/conversions/libcni/<sample>-<from>-to-<to>.json (or .error, libcni's
# message where it refuses). The folder is replaced as a whole, so no stale file survives.
# ResultConversionTests compares Cni.Spec's converter with these files, and checks that running this
# script into a temporary folder writes the same files.
# Usage: eng/capture-conversions.sh [OUT_DIR]   (default: the folder above; re-run when the inputs change)
# Needs golang-go and golang-github-appc-cni-dev (eng/prereqs.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-tests/Cni.Spec.Tests/Golden/conversions/libcni}
[ -d /usr/share/gocode/src/github.com/containernetworking/cni ] || { echo "libcni source missing: install golang-github-appc-cni-dev (eng/prereqs.sh)" >&2; exit 1; }
command -v go >/dev/null || { echo "go missing: install golang-go (eng/prereqs.sh)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p artifacts/obj/go-cache
GOPATH=/usr/share/gocode GO111MODULE=off GOFLAGS= GOCACHE="$PWD/artifacts/obj/go-cache" \
  go build -o "$work/libcni-convert" ./tests/libcni-convert
"$work/libcni-convert" -in tests/Cni.Spec.Tests/Golden/results -out "$work/conversions"
rm -rf "$out"
mkdir -p "$(dirname "$out")"
mv "$work/conversions" "$out"
echo "wrote $(find "$out" -type f | wc -l) files into $out" >&2
