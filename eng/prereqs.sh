#!/usr/bin/env bash
# Installs the Debian packages the demo and the tests use (root; safe to re-run).
#   containernetworking-plugins: the Go reference plugins in /usr/lib/cni, compared against
#   iproute2: network namespaces for the tests that touch the kernel
#   clang, zlib1g-dev: the NativeAOT toolchain for the sample plugins
#   etcd-server: the etcd store's tests start their own etcd servers on loopback ports
#   golang-go, golang-github-appc-cni-dev: tests/libcni-driver, a runtime over the reference libcni
#   iptables, nftables, iputils-ping: the bridge and ptp samples' masquerade (iptables and nftables) and spoof-check rules, and their ping tests
#   strace: bridge tests that read the netlink requests a plugin sends and kill a plugin mid-ADD
#   python3, time: eng/pluginbench.sh's statistics and peak memory
#   procps: sysctl and kill, which some tests run
set -euo pipefail
packages=(containernetworking-plugins iproute2 clang zlib1g-dev jq etcd-server golang-go golang-github-appc-cni-dev iptables nftables iputils-ping strace python3 time procps)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "eng/prereqs.sh: need root to install: ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing: ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts a system etcd on :2379 when the package is installed; the tests run their own,
  # so leave the machine as it was.
  if [[ " ${missing[*]} " == *" etcd-server "* ]] && command -v systemctl >/dev/null && systemctl is-active --quiet etcd 2>/dev/null; then
    systemctl disable --now etcd >/dev/null 2>&1 || true
  fi
fi
command -v dotnet >/dev/null || { echo "eng/prereqs.sh: the .NET SDK 10 is required (dotnet on PATH)" >&2; exit 1; }
