#!/usr/bin/env bash
# Builds tests/libcni-driver (a small runtime over Debian's reference libcni 1.1.2, with Debian's Go)
# into artifacts/tools/libcni-driver, for the end-to-end tests of the sample plugins.
# Needs golang-go and golang-github-appc-cni-dev (eng/prereqs.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p artifacts/tools artifacts/obj/go-cache
GOPATH=/usr/share/gocode GO111MODULE=off GOFLAGS= GOCACHE="$PWD/artifacts/obj/go-cache" \
  go build -o artifacts/tools/libcni-driver ./tests/libcni-driver
echo "built artifacts/tools/libcni-driver" >&2
