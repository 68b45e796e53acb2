#!/usr/bin/env bash
# The VM lane: runs the tests marked [Trait("Lane", "vm")] (tests/Cni.Testing/KernelLane.cs), and the whole
# Cni.Netlink test suite, inside a qemu VM booted with Debian's stock kernel (linux-image-amd64), which has what this
# machine's kernel lacks (dummy, vlan, ipvlan, bond, vrf, geneve, wireguard, bridge VLAN filtering).
#
# How: a small initramfs (busybox-static and the virtio/9p/overlay modules) mounts this machine's root read-only over
# 9p, puts a tmpfs overlay on it and switches into it, so the guest runs the same dotnet, test assemblies, iproute2
# and reference plugins as the host, at the same paths, as root; the kernel loads its modules from the host's
# /lib/modules. Results come back over a second, writable 9p share. Software emulation (-accel tcg): a KVM guest hung
# in early boot on this machine.
#
# Usage: eng/kernel-test.sh [FILTER]
#   FILTER: a test method filter (xunit's -method: the full name, wildcards allowed), ANDed with the selection.
# Needs the test projects built (eng/test.sh builds them; otherwise this script builds the ones it runs).
# Ends with "N passed, N failed" for the tests run in the VM; exits non-zero when any failed, none ran, or the VM
# did not finish. Under CI=true a missing qemu or kernel is installed, and a failure to install is a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
filter=${1:-}

fail() {
  echo "eng/kernel-test.sh: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

# What the lane needs from Debian.
packages=(qemu-system-x86 linux-image-amd64 busybox-static kmod)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  [ "$(id -u)" -eq 0 ] || fail "need root to install: ${missing[*]}"
  echo "Installing: ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || fail "could not install ${missing[*]}"
fi
command -v qemu-system-x86_64 >/dev/null || fail "qemu-system-x86_64 not found after installing qemu-system-x86"

# The newest installed Debian kernel (the image and its modules).
kernel=$(ls /lib/modules 2>/dev/null | grep -E -- '-amd64$' | sort -V | tail -1)
[ -n "$kernel" ] && [ -f "/boot/vmlinuz-$kernel" ] || fail "no Debian kernel in /boot and /lib/modules (linux-image-amd64)"

# What runs in the VM: all of Cni.Netlink.Tests (the whole suite must hold on the stock kernel too, not only on
# this one) and the lane's tests of the other projects. Listed on the host (fast), run in the VM (slow under
# emulation); a project with nothing selected is not started.
declare -A selection=([Cni.Netlink.Tests]="" [Cni.Samples.Tests]="-trait Lane=vm")
exes=(); arguments=()
for p in Cni.Netlink.Tests Cni.Samples.Tests; do
  exe="$repo/artifacts/bin/$p/release/$p"
  if [ ! -x "$exe" ]; then
    dotnet build "tests/$p/$p.csproj" -c Release -v:q -clp:NoSummary >/dev/null || fail "building tests/$p failed"
  fi
  read -r -a selected <<<"${selection[$p]}"
  [ -n "$filter" ] && selected+=(-method "$filter")
  listed=$("$exe" -list tests "${selected[@]}" 2>/dev/null | grep -c '^Cni\.' || true)
  if [ "$listed" -gt 0 ]; then
    exes+=("$exe")
    arguments+=("${selected[*]@Q}")
  fi
done
((${#exes[@]})) || fail "no test matches${filter:+ the filter '$filter'}"

work="$repo/artifacts/kernel-test"
rm -rf "$work"
mkdir -p "$work/initramfs/bin" "$work/initramfs/lib" "$work/results"
chmod 777 "$work/results"

# The initramfs: busybox, the modules that mount the shared root, and /init.
cp /usr/bin/busybox "$work/initramfs/bin/busybox"
modules=()
for m in virtio_pci 9pnet_virtio 9p overlay; do
  while read -r _ path _; do
    modules+=("$path")
  done < <(modprobe -S "$kernel" --show-depends "$m")
done
order=()
for path in "${modules[@]}"; do
  name=$(basename "$path")
  [[ " ${order[*]} " == *" $name "* ]] && continue
  cp "$path" "$work/initramfs/lib/$name"
  order+=("$name")
done
cat > "$work/initramfs/init" <<EOF
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for m in ${order[*]}; do insmod /lib/\$m || { echo "kernel-test: insmod \$m failed"; echo o > /proc/sysrq-trigger; }; done
mkdir -p /lower /rw /newroot
mount -t 9p -o trans=virtio,version=9p2000.L,msize=1048576,cache=loose,ro hostroot /lower || echo o > /proc/sysrq-trigger
mount -t tmpfs -o size=6g tmpfs /rw
mkdir -p /rw/upper /rw/work
mount -t overlay overlay -o lowerdir=/lower,upperdir=/rw/upper,workdir=/rw/work /newroot || echo o > /proc/sysrq-trigger
mount -t 9p -o trans=virtio,version=9p2000.L,msize=1048576 results /newroot$work/results || echo o > /proc/sysrq-trigger
for d in proc sys dev; do mount --move /\$d /newroot/\$d; done
exec switch_root /newroot /bin/sh $work/results/guest.sh
EOF
chmod +x "$work/initramfs/init"
(cd "$work/initramfs" && mkdir -p proc sys dev && find . | cpio -o -H newc --quiet | gzip -1 > "$work/initramfs.gz")

# What the guest runs as pid 1 in the switched root: the lane's tests, then power off.
{
  echo '#!/bin/sh'
  echo "results=$work/results"
  cat <<'EOF'
mount -t tmpfs tmpfs /run
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
ip link set lo up
# The device nodes a Debian boot makes from modules.devname (/dev/net/tun...), so opening one loads its module.
grep -v '^#' "/lib/modules/$(uname -r)/modules.devname" | while read -r _ name device; do
  mkdir -p "$(dirname "/dev/$name")"
  major=${device#?}
  [ -e "/dev/$name" ] || mknod -m 0600 "/dev/$name" "${device%"$major"}" "${major%:*}" "${major#*:}"
done
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root DOTNET_CLI_TELEMETRY_OPTOUT=1
EOF
  printf 'export CI=%q\n' "${CI:-}"
  printf 'uname -r > "$results/kernel"\n'
  i=0
  for exe in "${exes[@]}"; do
    printf 'cd %q && %q %s -noColor' "$(dirname "$exe")" "$exe" "${arguments[$i]}"
    printf ' > "$results/%d.log" 2>&1; echo $? > "$results/%d.rc"\n' "$i" "$i"
    i=$((i + 1))
  done
  echo 'echo done > "$results/done"'
  echo 'sync'
  echo 'echo o > /proc/sysrq-trigger'
  echo 'sleep 30   # pid 1 must outlive the power-off'
} > "$work/results/guest.sh"

echo "Booting $kernel under qemu (tcg) for: ${exes[*]##*/}" >&2
started=$(date +%s)
timeout 1200 qemu-system-x86_64 -accel tcg -cpu max -smp 2 -m 4096 -no-reboot -nographic -nic none \
  -kernel "/boot/vmlinuz-$kernel" -initrd "$work/initramfs.gz" \
  -append "console=ttyS0 quiet panic=-1 sysrq_always_enabled" \
  -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
  -virtfs local,path="$work/results",mount_tag=results,security_model=none \
  </dev/null > "$work/console.log" 2>&1
qemu_status=$?
echo "VM ran $(($(date +%s) - started)) s (qemu exit $qemu_status), kernel $(cat "$work/results/kernel" 2>/dev/null || echo unknown)" >&2

passed=0; failed=0; skipped=0; total=0
i=0
for exe in "${exes[@]}"; do
  log="$work/results/$i.log"
  echo "== ${exe##*/} (in the VM)"
  if [ -f "$log" ]; then
    cat "$log"
    # xunit's in-process runner: "Total: N, Errors: N, Failed: N, Skipped: N, Not Run: N, Time: ...".
    value() { grep -oE "$1: [0-9]+" "$log" | tail -1 | awk '{print $2 + 0}'; }
    t=$(value Total); e=$(value Errors); f=$(value Failed); k=$(value Skipped); n=$(value 'Not Run')
    t=${t:-0}; f=$((${f:-0} + ${e:-0})); k=$((${k:-0} + ${n:-0}))
    total=$((total + t)); failed=$((failed + f)); skipped=$((skipped + k)); passed=$((passed + t - f - k))
    rc=$(cat "$work/results/$i.rc" 2>/dev/null || echo 1)
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
  else
    echo "no output: the VM did not run it"
    failed=$((failed + 1))
  fi
  i=$((i + 1))
done
if [ ! -f "$work/results/done" ]; then
  echo "the VM did not finish; its console:"
  tail -40 "$work/console.log"
  failed=$((failed + 1))
fi
if [ "$total" -eq 0 ]; then
  echo "no test ran in the VM"
  failed=$((failed + 1))
fi
if [ "$skipped" -gt 0 ]; then
  echo "$skipped test(s) skipped in the VM: the lane runs what the host cannot, so a skip is a failure"
  failed=$((failed + skipped))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
