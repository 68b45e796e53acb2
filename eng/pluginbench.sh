#!/usr/bin/env bash
# A/B benchmark of a sample plugin against the reference plugin of the same name, driven the way a
# container runtime drives them: ADD then DEL through libcni (artifacts/tools/libcni-driver), each
# cycle in a fresh container namespace, all inside a throwaway node namespace (cnit-bench-...).
# Ours and the reference alternate (A B B A ...) so load from other work on the machine falls on
# both alike. Prints per plugin the median and p95 of ADD, DEL and the cycle (ADD+DEL, each a whole
# libcni process as a runtime sees it), the ratio ours/reference, the binary sizes and the peak RSS
# of the plugin process (with its children, e.g. an IPAM plugin it executes). A third side, the floor, is
# what any plugin pays here: libcni running a null plugin (a shell script), plus the kernel's deletion of the
# veth pair timed in-process; its ratio to the reference bounds what a plugin can reach on this machine.
# With --storm it runs a pod-start storm instead: N containers (default 32) ADDed at once on the
# plugin's one network through libcni (one driver process, one goroutine and container namespace
# per container, as a runtime starting many pods), then DELed at once; it prints the wall time of
# each wave, ADD and DEL, per side (median, min, max over the rounds, A B B A) and the ratio. A
# storm counts only if every call succeeded, every container got an address of its own and has it
# on its interface, and DEL left no veth and no allocation behind; otherwise it stops with no row.
# Usage: eng/pluginbench.sh [-n CYCLES] [--masq] [--ours PATH] [--reference PATH] [PLUGIN]
#        eng/pluginbench.sh --storm [--containers N] [--rounds R] [--masq] [--ours PATH] [--reference PATH] [PLUGIN]
#        PLUGIN: bridge (default) or ptp: artifacts/plugins/PLUGIN against /usr/lib/cni/PLUGIN
#        (--ours and --reference name other binaries, e.g. to compare two builds of ours).
#        --masq: ipMasq on (iptables rules per container). --rounds: storms per side (default 6).
#        Needs root, python3, /usr/bin/time, eng/publish.sh PLUGIN and eng/build-libcni-driver.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
cycles=30 masq=false plugin=bridge ours= reference= storm=false containers=32 rounds=6
while (($#)); do
  case $1 in
    -n) cycles=$2; shift 2 ;;
    --masq) masq=true; shift ;;
    --storm) storm=true; shift ;;
    --containers) containers=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --ours) ours=$(realpath "$2"); shift 2 ;;
    --reference) reference=$(realpath "$2"); shift 2 ;;
    -*) sed -n 's/^# Usage: //p;s/^#        //p' "$0" >&2; exit 2 ;;
    *) plugin=$1; shift ;;
  esac
done
ours=${ours:-$PWD/artifacts/plugins/$plugin} reference=${reference:-/usr/lib/cni/$plugin}
driver=$PWD/artifacts/tools/libcni-driver
for f in "$ours" "$reference" "$driver" /usr/bin/time; do
  [[ -x $f ]] || { echo "not executable: $f (see the usage in $0)" >&2; exit 2; }
done
((EUID == 0)) || { echo "pluginbench.sh needs root (network namespaces)" >&2; exit 2; }
for count in "$cycles" "$containers" "$rounds"; do
  [[ $count =~ ^[1-9][0-9]*$ ]] || { echo "not a positive count: $count (see the usage in $0)" >&2; exit 2; }
done

node=cnit-bench-$$
work=$(mktemp -d /tmp/cnit-bench-XXXXXX)
cleanup() {
  ip netns list | awk -v p="$node" '$1 == p || index($1, p "-") == 1 {print $1}' | xargs -rn1 ip netns del
  rm -rf "$work"
}
trap cleanup EXIT
echo "pluginbench: node namespace $node, work directory $work" >&2
ip netns add "$node"
ip netns exec "$node" python3 - "$plugin" "$cycles" "$masq" "$ours" "$reference" "$driver" "$node" "$work" \
  "$storm" "$containers" "$rounds" <<'PY'
import ctypes, ipaddress, json, math, os, socket, statistics, struct, subprocess, sys, time

plugin, cycles, masq, ours, reference, driver, node, work, storm, containers, rounds = sys.argv[1:]
cycles, masq, storm, containers, rounds = int(cycles), masq == "true", storm == "true", int(containers), int(rounds)
sides = {"ours": ours, "reference": reference}
# Each side has its own network (and bridge, subnet, IPAM data, libcni cache) on the node, and a
# CNI_PATH with only its plugin in front of the reference folder (for the IPAM plugins).
extra = {"bridge": lambda side: {"bridge": f"cnib-{side[:3]}", "isGateway": True}}

def setup(side, index, plugin_dir):
    config = {"cniVersion": "1.0.0", "name": f"bench-{side}", "type": plugin, "ipMasq": masq,
              **extra.get(plugin, lambda _: {})(side),
              "ipam": {"type": "host-local", "subnet": f"10.{110 + index}.0.0/16",
                       "dataDir": f"{work}/{side}/ipam"}}
    path = f"{work}/{side}/net.conf"
    with open(path, "w") as f:
        json.dump(config, f)
    return path, f"{plugin_dir}:/usr/lib/cni"

def run(verb, config, cni_path, netns, cid, side):
    out = f"{work}/{side}/out"
    start = time.perf_counter_ns()
    with open(out, "wb") as f:
        code = subprocess.call([driver, verb, "-config", config, "-cache", f"{work}/{side}/cache",
                                "-netns", netns, "-id", cid, "-ifname", "eth0"],
                               env={"CNI_PATH": cni_path, "PATH": os.environ["PATH"]}, stdout=f, stderr=f)
    elapsed = (time.perf_counter_ns() - start) / 1e6
    if code != 0:
        sys.exit(f"{side} {verb} failed: {open(out).read()}")
    return elapsed

def cycle(side, config, cni_path, n):
    ns = f"{node}-{side[:3]}{n}"
    subprocess.check_call(["ip", "netns", "add", ns])
    try:
        add = run("add", config, cni_path, f"/var/run/netns/{ns}", f"ctr{n}", side)
        delete = run("del", config, cni_path, f"/var/run/netns/{ns}", f"ctr{n}", side)
    finally:
        subprocess.check_call(["ip", "netns", "del", ns])
    return add, delete

# The floor: what any plugin pays in this setup. A null plugin (a shell script that reads the config and
# answers) through the same libcni driver, plus the kernel's own deletion of a veth pair whose host end is a
# bridge port (for bridge; for ptp a plain veth pair), timed in-process (one RTM_DELLINK on a netlink socket in the container namespace); the veth
# pair is made untimed after the null ADD. The kernel's work for ADD is left out, so it is a lower bound.
NULL_PLUGIN = """#!/bin/sh
while read -r _; do :; done
[ "$CNI_COMMAND" = ADD ] && echo '{"cniVersion":"1.0.0"}'
exit 0
"""
libc = ctypes.CDLL(None, use_errno=True)
node_netns = os.open("/proc/self/ns/net", os.O_RDONLY)

def setns(fd):
    if libc.setns(fd, 0x40000000) != 0:  # CLONE_NEWNET
        sys.exit(f"setns: {os.strerror(ctypes.get_errno())}")

def kernel_delete(ns, ifname):
    with open(f"/var/run/netns/{ns}") as target:
        setns(target.fileno())
    try:
        index = socket.if_nametoindex(ifname)
        sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)  # NETLINK_ROUTE
    finally:
        setns(node_netns)
    with sock:
        # nlmsghdr (RTM_DELLINK, NLM_F_REQUEST | NLM_F_ACK) + ifinfomsg naming the link by index
        message = struct.pack("=IHHII", 16 + 16, 17, 1 | 4, 1, 0) + struct.pack("=BxHiII", 0, 0, index, 0, 0)
        start = time.perf_counter_ns()
        sock.send(message)
        reply = sock.recv(4096)
        elapsed = (time.perf_counter_ns() - start) / 1e6
    error = struct.unpack_from("=i", reply, 16)[0]
    if error != 0:
        sys.exit(f"deleting {ifname} in {ns}: {os.strerror(-error)}")
    return elapsed

# The pod-start storm (--storm): one libcni-driver -many process per wave, its own wall time (from
# the first call to the last answer; the driver's start and configuration load are outside, as in
# a runtime that is already running). The container namespaces are made before and removed after,
# untimed, as a runtime does around CNI.
def storm_wave(verb, side, config, cni_path, pods):
    answer = subprocess.run([driver, verb, "-many", "-config", config, "-cache", f"{work}/{side}/cache"],
                            input="".join(f"/var/run/netns/{ns} {cid}\n" for ns, cid in pods), capture_output=True,
                            text=True, env={"CNI_PATH": cni_path, "PATH": os.environ["PATH"]})
    try:
        report = json.loads(answer.stdout)
        entries = report["containers"]
    except (ValueError, KeyError, TypeError):
        sys.exit(f"{side} storm {verb} failed: {answer.stdout.strip()} {answer.stderr.strip()}")
    failed = [f"{e['id']}: {json.dumps(e['error'])}" for e in entries if "error" in e]
    if answer.returncode != 0 or failed or [e["id"] for e in entries] != [cid for _, cid in pods]:
        sys.exit(f"{side} storm {verb} failed for {len(failed)} of {len(pods)} containers "
                 f"(exit {answer.returncode}): " + "; ".join(failed[:3]))
    return report

def storm_round(side, config, cni_path, label):
    pods = [(f"{node}-{side[:3]}{label}x{i}", f"{label}x{i}") for i in range(containers)]
    subprocess.run(["ip", "-batch", "-"], input="".join(f"netns add {ns}\n" for ns, _ in pods), text=True, check=True)
    try:
        added = storm_wave("add", side, config, cni_path, pods)
        owners, results = {}, []
        for (ns, cid), entry in zip(pods, added["containers"]):
            mine = [ip["address"] for ip in entry.get("result", {}).get("ips", [])]
            if not mine:
                sys.exit(f"{side} storm ADD: {cid} got no address: {json.dumps(entry)}")
            for address in mine:
                ip = address.split("/")[0]
                if ip in owners:
                    sys.exit(f"{side} storm ADD: {cid} and {owners[ip]} both got {address}")
                owners[ip] = cid
            results.append((ns, cid, mine))
        for ns, cid, mine in results:
            shown = subprocess.run(["ip", "-n", ns, "-j", "addr", "show", "dev", "eth0"], capture_output=True, text=True)
            links = json.loads(shown.stdout) if shown.returncode == 0 else []
            present = {f"{a['local']}/{a['prefixlen']}" for link in links for a in link.get("addr_info", [])}
            if not set(mine) <= present:
                sys.exit(f"{side} storm ADD: {cid}'s eth0 has {sorted(present)} {shown.stderr.strip()}, its result says {mine}")
        deleted = storm_wave("del", side, config, cni_path, pods)
        left = json.loads(subprocess.check_output(["ip", "-j", "link", "show", "type", "veth"]) or b"[]")
        if left:
            sys.exit(f"{side} storm DEL left veths on the node: {[l['ifname'] for l in left]}")
        for root, _, files in os.walk(f"{work}/{side}/ipam"):
            for name in files:
                try:
                    ipaddress.ip_address(name)
                except ValueError:
                    continue
                sys.exit(f"{side} storm DEL left the allocation {root}/{name}")
    finally:
        subprocess.run(["ip", "-force", "-batch", "-"], input="".join(f"netns del {ns}\n" for ns, _ in pods),
                       text=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # The namespaces just removed are torn down by the kernel in the background; let that finish
    # before the next storm so it does not fall on the other side's waves.
    time.sleep(1)
    return added["wallMs"], deleted["wallMs"]

def run_storms():
    load_before = os.getloadavg()
    for side in sides:                       # warm-up: the bridges, IPAM folders, page cache
        storm_round(side, *timed[side], "w")
    waves = {side: ([], []) for side in sides}
    for n in range(rounds):
        for side in (list(sides) if n % 2 == 0 else list(sides)[::-1]):
            add, delete = storm_round(side, *timed[side], f"r{n}")
            waves[side][0].append(add)
            waves[side][1].append(delete)
    load_after = os.getloadavg()
    print(f"pluginbench {plugin} storm{' (ipMasq)' if masq else ''}: {containers} containers ADDed at once, then DELed "
          f"at once, through libcni (one process, a goroutine per container), rounds: {rounds}, ours and the "
          f"reference alternating (A B B A)")
    print("load average before: %.2f %.2f %.2f, after: %.2f %.2f %.2f" % (*load_before, *load_after))
    print(f"{'':10} {'ADD wave':>10} {'min':>8} {'max':>8} {'per pod':>8}"
          f" {'DEL wave':>10} {'min':>8} {'max':>8} {'per pod':>8}")
    medians = {}
    for side in sides:
        medians[side] = [statistics.median(w) for w in waves[side]]
        print(f"{side:10} " + " ".join(f"{statistics.median(w):8.1f}ms {min(w):6.1f}ms {max(w):6.1f}ms "
                                       f"{statistics.median(w) / containers:6.2f}ms" for w in waves[side]))
    print("ours/reference (medians): ADD wave %.2f, DEL wave %.2f"
          % tuple(o / r for o, r in zip(medians["ours"], medians["reference"])))
    print(f"ours: {ours}\nreference: {reference}")

timed = {}
for index, (side, binary) in enumerate(sides.items()):
    bin_dir = f"{work}/{side}/bin"
    os.makedirs(bin_dir)
    os.symlink(binary, f"{bin_dir}/{plugin}")
    timed[side] = setup(side, index, bin_dir)
if storm:
    run_storms()
    sys.exit(0)
os.makedirs(f"{work}/floor/bin")
with open(f"{work}/floor/bin/cnit-null", "w") as f:
    f.write(NULL_PLUGIN)
os.chmod(f"{work}/floor/bin/cnit-null", 0o755)
with open(f"{work}/floor/net.conf", "w") as f:
    json.dump({"cniVersion": "1.0.0", "name": "bench-floor", "type": "cnit-null"}, f)
floor = (f"{work}/floor/net.conf", f"{work}/floor/bin")
subprocess.check_call(["ip", "link", "add", "cnib-flo", "type", "bridge"])
subprocess.check_call(["ip", "link", "set", "cnib-flo", "up"])

def floor_cycle(n):
    ns = f"{node}-flo{n}"
    subprocess.check_call(["ip", "netns", "add", ns])
    try:
        add = run("add", *floor, f"/var/run/netns/{ns}", f"ctr{n}", "floor")
        host = f"cnfl{n}"
        subprocess.check_call(["ip", "link", "add", host, "type", "veth", "peer", "name", "eth0", "netns", ns])
        subprocess.check_call(["ip", "link", "set", host, *(["master", "cnib-flo"] if plugin == "bridge" else []), "up"])
        subprocess.check_call(["ip", "-n", ns, "link", "set", "eth0", "up"])
        delete = run("del", *floor, f"/var/run/netns/{ns}", f"ctr{n}", "floor") + kernel_delete(ns, "eth0")
    finally:
        subprocess.check_call(["ip", "netns", "del", ns])
    return add, delete

load_before = os.getloadavg()
for n in range(3):                           # warm-up: the bridges, IPAM folders, page cache
    for side in sides:
        cycle(side, *timed[side], f"w{n}")
    floor_cycle(f"w{n}")
samples = {side: ([], []) for side in [*sides, "floor"]}
for n in range(cycles):
    # A B C, C B A: each goes first as often as last (the first of a group runs a little faster:
    # the previous container namespace is still being torn down in the background).
    order = [*sides, "floor"]
    for side in (order if n % 2 == 0 else order[::-1]):
        add, delete = floor_cycle(n) if side == "floor" else cycle(side, *timed[side], n)
        samples[side][0].append(add)
        samples[side][1].append(delete)
load_after = os.getloadavg()

# Peak memory, in separate untimed cycles: the plugin runs under /usr/bin/time (which waits for
# it, so its peak covers its children too, e.g. the reference's host-local).
peaks = {}
for side, binary in sides.items():
    mem_dir, log = f"{work}/{side}/mem", f"{work}/{side}/rss"
    os.makedirs(mem_dir)
    with open(f"{mem_dir}/{plugin}", "w") as f:
        f.write(f'#!/bin/sh\nexec /usr/bin/time -a -o {log} -f %M {binary} "$@"\n')
    os.chmod(f"{mem_dir}/{plugin}", 0o755)
    config, _ = timed[side]
    for n in range(3):
        cycle(side, config, f"{mem_dir}:/usr/lib/cni", f"m{n}")
    peaks[side] = max(int(line) for line in open(log) if line.strip().isdigit())

def p95(values):
    values = sorted(values)
    return values[math.ceil(0.95 * len(values)) - 1]

print(f"pluginbench {plugin}{' (ipMasq)' if masq else ''}: {cycles} ADD+DEL cycles each through libcni, "
      f"ours, the reference and the floor alternating (A B C C B A), each in a fresh container namespace")
print("load average before: %.2f %.2f %.2f, after: %.2f %.2f %.2f" % (*load_before, *load_after))
print(f"{'':10} {'ADD median':>10} {'p95':>6} {'DEL median':>10} {'p95':>6} {'cycle med':>10} {'p95':>6}"
      f" {'size':>8} {'peak RSS':>9}")
medians = {}
for side, binary in sides.items():
    adds, dels = samples[side]
    cyc = [a + d for a, d in zip(adds, dels)]
    medians[side] = [statistics.median(x) for x in (adds, dels, cyc)]
    print(f"{side:10} {medians[side][0]:8.1f}ms {p95(adds):4.1f}ms {medians[side][1]:8.1f}ms {p95(dels):4.1f}ms"
          f" {medians[side][2]:8.1f}ms {p95(cyc):4.1f}ms {os.path.getsize(binary) / 1e6:6.1f}MB {peaks[side] / 1024:7.1f}MB")
adds, dels = samples["floor"]
cyc = [a + d for a, d in zip(adds, dels)]
medians["floor"] = [statistics.median(x) for x in (adds, dels, cyc)]
print(f"{'floor':10} {medians['floor'][0]:8.1f}ms {p95(adds):4.1f}ms {medians['floor'][1]:8.1f}ms {p95(dels):4.1f}ms"
      f" {medians['floor'][2]:8.1f}ms {p95(cyc):4.1f}ms")
for side in ("ours", "floor"):
    ratio = [o / r for o, r in zip(medians[side], medians["reference"])]
    print(f"{side}/reference (medians): ADD %.2f, DEL %.2f, cycle %.2f" % tuple(ratio))
print(f"ours: {ours}\nreference: {reference}")
print("floor: libcni with a null plugin (a shell script), plus the kernel's deletion of the veth pair in-process")
PY
