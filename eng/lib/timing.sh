# Timing helpers shared by eng/ipambench.sh and eng/etcdbench.sh (sourced, not run). They keep their
# files in $work, which the sourcing script creates and removes.

# Sets cpu_ms to the CPU time (user + system, ms) of every child the script has waited for, from the
# `times` builtin; no command substitution, since a subshell would see only its own children.
children_cpu() {
  local line user sys
  times >"$work/times"
  { read -r line; read -r user sys; } <"$work/times"
  cpu_ms=$(($(to_ms "$user") + $(to_ms "$sys")))
}
to_ms() { # 0m0.123s -> 123
  local v=${1%s} minutes seconds
  minutes=${v%%m*}; seconds=${v#*m}
  echo $((10#$minutes * 60000 + 10#${seconds%.*} * 1000 + 10#${seconds#*.}))
}

# time_call ROW BINARY COMMAND CONTAINERID CONFIG: runs one call as a runtime does (CNI_COMMAND and
# CNI_CONTAINERID set, CONFIG on stdin), appends its wall time (µs) to ROW and its CPU time (ms, 1 ms
# resolution) to ROW.cpu, and leaves both in $wall and $cpu. A failed call ends the script.
time_call() {
  local row=$1 binary=$2 status t0 t1 cpu0
  export CNI_COMMAND=$3 CNI_CONTAINERID=$4
  children_cpu
  cpu0=$cpu_ms
  t0=${EPOCHREALTIME/./}
  status=0
  "$binary" <"$5" >"$work/out" 2>"$work/err" || status=$?
  t1=${EPOCHREALTIME/./}
  if ((status != 0)); then
    echo "$row: $binary $3 failed ($status): $(cat "$work/out" "$work/err")" >&2
    exit 1
  fi
  wall=$((t1 - t0))
  echo "$wall" >>"$work/$row"
  children_cpu
  cpu=$((cpu_ms - cpu0))
  echo "$cpu" >>"$work/$row.cpu"
}

# stats FILE DIVISOR: "count median p95" of the numbers in FILE divided by DIVISOR (p95 by nearest rank).
stats() {
  sort -n "$1" | awk -v d="$2" '{ v[NR] = $1 }
    END {
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      r = int(0.95 * NR); if (r < 0.95 * NR) r++
      printf "%d %.2f %.2f\n", NR, m / d, v[r] / d
    }'
}
