#!/usr/bin/env bash
# Whole-process start-up of plugins answering VERSION, as a runtime probes them: each binary is
# started with only CNI_COMMAND=VERSION in its environment, stdin and stdout on /dev/null.
# The binaries take turns (shuffled every round), so load from other work on the machine falls on
# all of them alike. Prints min, p10, median, mean and p90 in milliseconds per binary.
# Usage: eng/startup.sh [runs] [binary...]   (default: 1000 runs, /usr/lib/cni/bridge against
#        artifacts/plugins/hello, which eng/publish.sh hello builds)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1000}
shift || true
binaries=("$@")
((${#binaries[@]})) || binaries=(/usr/lib/cni/bridge artifacts/plugins/hello)
command -v python3 >/dev/null || { echo "startup.sh needs python3 (apt-get install python3)" >&2; exit 2; }
for b in "${binaries[@]}"; do [[ -x $b ]] || { echo "not executable: $b" >&2; exit 2; }; done
exec python3 - "$runs" "${binaries[@]}" <<'PY'
import os, random, statistics, sys, time

runs, binaries = int(sys.argv[1]), sys.argv[2:]
env = {"CNI_COMMAND": "VERSION"}
null = os.open(os.devnull, os.O_RDWR)
actions = [(os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, null, 1)]

def once(path):
    start = time.perf_counter_ns()
    pid = os.posix_spawn(path, [path], env, file_actions=actions)
    _, status = os.waitpid(pid, 0)
    elapsed = time.perf_counter_ns() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{path} exited with {os.waitstatus_to_exitcode(status)}")
    return elapsed / 1e6

for _ in range(30):
    for b in binaries:
        once(b)
samples = {b: [] for b in binaries}
for _ in range(runs):
    order = binaries[:]
    random.shuffle(order)
    for b in order:
        samples[b].append(once(b))

print(f"{'binary':<40} {'min':>7} {'p10':>7} {'median':>7} {'mean':>7} {'p90':>7}  (ms, {runs} runs each)")
for b, s in samples.items():
    s.sort()
    q = lambda p: s[min(len(s) - 1, int(p * len(s)))]
    print(f"{b:<40} {s[0]:7.2f} {q(0.1):7.2f} {statistics.median(s):7.2f} {statistics.fmean(s):7.2f} {q(0.9):7.2f}")
PY
