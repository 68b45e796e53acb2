#!/usr/bin/env bash
# Whole-process start-up of plugins, as a runtime runs them: by default answering VERSION, as a
# runtime probes them (only CNI_COMMAND=VERSION in the environment, stdin and stdout on /dev/null);
# with --command and --stdin, a whole command with a configuration on stdin (CNI_CONTAINERID,
# CNI_IFNAME=eth0, CNI_PATH=/usr/lib/cni and a CNI_NETNS path that does not exist, so only plugins
# that touch no namespace, such as hello or host-local's DEL, answer 0; any other exit fails the run).
# The binaries take turns every round, so load from other work on the machine falls on all of them
# alike: two binaries run A B B A, more are shuffled. Prints min, p10, median, mean and p90 of the
# wall time and the median CPU time (user + system) in milliseconds per binary.
# Usage: eng/startup.sh [--command CMD --stdin FILE] [runs] [binary...]   (default: VERSION, 1000
#        rounds, /usr/lib/cni/bridge against artifacts/plugins/hello, which eng/publish.sh hello builds)
set -euo pipefail
cd "$(dirname "$0")/.."
command=VERSION
stdin=/dev/null
while [[ ${1:-} == --* ]]; do
  case $1 in
    --command) command=$2; shift 2 ;;
    --stdin) stdin=$2; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
runs=${1:-1000}
shift || true
binaries=("$@")
((${#binaries[@]})) || binaries=(/usr/lib/cni/bridge artifacts/plugins/hello)
command -v python3 >/dev/null || { echo "startup.sh needs python3 (apt-get install python3)" >&2; exit 2; }
for b in "${binaries[@]}"; do [[ -x $b ]] || { echo "not executable: $b" >&2; exit 2; }; done
[[ -r $stdin ]] || { echo "cannot read: $stdin" >&2; exit 2; }
exec python3 - "$runs" "$command" "$stdin" "${binaries[@]}" <<'PY'
import os, random, statistics, sys, time

runs, command, stdin_path, binaries = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
env = {"CNI_COMMAND": command}
if command != "VERSION":
    env.update(CNI_CONTAINERID="startup-ctr", CNI_NETNS="/var/run/netns/startup-does-not-exist",
               CNI_IFNAME="eth0", CNI_PATH="/usr/lib/cni")
null = os.open(os.devnull, os.O_RDWR)
cpu = {b: [] for b in binaries}

def once(path):
    source = os.open(stdin_path, os.O_RDONLY)
    actions = [(os.POSIX_SPAWN_DUP2, source, 0), (os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)]
    start = time.perf_counter_ns()
    pid = os.posix_spawn(path, [path], env, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter_ns() - start
    os.close(source)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{path} exited with {os.waitstatus_to_exitcode(status)} ({command})")
    cpu[path].append((usage.ru_utime + usage.ru_stime) * 1e3)
    return elapsed / 1e6

for _ in range(30):
    for b in binaries:
        once(b)
cpu = {b: [] for b in binaries}
samples = {b: [] for b in binaries}
for _ in range(runs):
    if len(binaries) == 2:
        order = binaries + binaries[::-1]
    else:
        order = binaries[:]
        random.shuffle(order)
    for b in order:
        samples[b].append(once(b))

print(f"{command}: {runs} rounds ({len(samples[binaries[0]])} runs each)")
print(f"{'binary':<40} {'min':>7} {'p10':>7} {'median':>7} {'mean':>7} {'p90':>7} {'CPU':>7}  (ms)")
for b, s in samples.items():
    s.sort()
    q = lambda p: s[min(len(s) - 1, int(p * len(s)))]
    print(f"{b:<40} {s[0]:7.2f} {q(0.1):7.2f} {statistics.median(s):7.2f} {statistics.fmean(s):7.2f} {q(0.9):7.2f} {statistics.median(cpu[b]):7.2f}")
PY
