#!/usr/bin/env bash
# Resident memory and startup of the seed notebook, torch4j against PyTorch:  benchmarks/footprint.sh
# Runs Footprint (Java) and footprint.py (PyTorch), the notebook from its first line through STEPS
# scoped training steps, alternately REPEAT times, and prints per side the medians (min-max) of:
#   launch->1st step  wall time from exec (java / python3) to the end of the first training step
#   in-process        the JVM's uptime then / the time from just before `import torch` to then
#   RSS end, peak     VmRSS after the last step, VmHWM (MB)
#   heap              Java heap committed (MB) and Java garbage per step (bytes) after the first
#   steps/s           training steps per second after the first
# JAVA_VARIANTS (";"-separated lists of JVM options, default below) are extra torch4j rows: what
# one heap-shrinking GC or a small young generation would do (proposals, not torch4j's defaults).
# BREAKDOWN=1 adds, for one run per side, where the resident memory is (smaps_breakdown.py, with
# the JVM's native memory tracking). Env: REPEAT (3), STEPS (20000), PYTHON (/usr/bin/python3).
# The machine may be shared: read the spread. Tests never assert on these figures.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEAT=${REPEAT:-3}
STEPS=${STEPS:-20000}
PYTHON=${PYTHON:-/usr/bin/python3}
JAVA_VARIANTS=${JAVA_VARIANTS-"-Dfootprint.gcAfter=100;-XX:+UseSerialGC -Xmn16m"}
OUT=benchmarks/results
mkdir -p "$OUT"
: > "$OUT/footprint.jsonl"
mvn -q -B -ntp test-compile
mvn -q -B -ntp dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="target/classes:target/test-classes:$(cat "$OUT/cp.txt")"

run() {  # label, then the command; appends its JSON line with the launch time and the label
  local label=$1; shift
  local t0 line
  t0=$EPOCHREALTIME
  if line=$("$@" 2>/dev/null | grep '^{' | tail -n 1) && [[ -n $line ]]; then
    echo "${line%\}}, \"launch_epoch_s\": $t0, \"label\": \"$label\"}" >> "$OUT/footprint.jsonl"
    echo "  $label: $line"
  else
    echo "  $label: FAILED ($*)"
  fi
}

IFS=';' read -r -a VARIANTS <<< "$JAVA_VARIANTS"
for r in $(seq 1 "$REPEAT"); do
  echo "[$r/$REPEAT]"
  run "torch4j (default JVM)" java -cp "$CP" dev.torch4j.benchmarks.Footprint "$STEPS"
  run "PyTorch" "$PYTHON" benchmarks/python/footprint.py "$STEPS"
  for v in "${VARIANTS[@]}"; do
    read -r -a opts <<< "$v"
    run "torch4j $v" java "${opts[@]}" -cp "$CP" dev.torch4j.benchmarks.Footprint "$STEPS"
  done
done

"$PYTHON" - "$OUT/footprint.jsonl" <<'PY'
import json, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    r["launch_to_first_step_s"] = r["first_step_end_ns"] / 1e9 - r["launch_epoch_s"]
    r["in_process_s"] = r.get("first_step_uptime_s", r.get("import_to_first_step_s"))
    rows.setdefault(r["label"], []).append(r)

def cell(rs, key, fmt):
    v = [r[key] for r in rs if key in r]
    if not v:
        return "-"
    return (fmt % statistics.median(v)) + " (" + (fmt % min(v)) + "-" + (fmt % max(v)) + ")"

head = ("", "launch->1st step s", "in-process s", "RSS end MB", "RSS peak MB", "heap MB", "garbage B/step",
        "steps/s")
table = [head]
for label, rs in rows.items():
    table.append((label, cell(rs, "launch_to_first_step_s", "%.2f"), cell(rs, "in_process_s", "%.2f"),
                  cell(rs, "rss_mb", "%.0f"), cell(rs, "peak_rss_mb", "%.0f"), cell(rs, "heap_committed_mb", "%.0f"),
                  cell(rs, "java_garbage_per_step_b", "%.0f"), cell(rs, "steps_per_s", "%.0f")))
steps = next(iter(rows.values()))[0]["steps"]
print("the notebook through %d scoped steps; median (min-max) of %d runs per row" % (steps, len(next(iter(rows.values())))))
print("in-process: torch4j = JVM uptime at the first step's end, PyTorch = `import torch` to then")
widths = [max(len(str(row[i])) for row in table) for i in range(len(head))]
for row in table:
    print("  ".join(str(c).ljust(widths[i]) for i, c in enumerate(row)))
base = {k: statistics.median(r["rss_mb"] for r in v) for k, v in rows.items()}
if "PyTorch" in base and "torch4j (default JVM)" in base:
    print("RSS end, torch4j default minus PyTorch: %+.0f MB (goal: at most +100)"
          % (base["torch4j (default JVM)"] - base["PyTorch"]))
PY

if [[ ${BREAKDOWN:-0} == 1 ]]; then
  hold() {  # label, then the command; reads smaps (and NMT) of the process while it holds
    local label=$1; shift
    local log pid
    log=$(mktemp)
    "$@" > "$log" 2>&1 &
    for _ in $(seq 1 600); do grep -q '^HOLD' "$log" && break; sleep 0.5; done
    pid=$(awk '/^HOLD/{print $2}' "$log")
    echo "== $label, after $STEPS steps"
    cp "/proc/$pid/smaps" "$OUT/smaps-$label.txt"
    if [[ $label == torch4j ]]; then
      jcmd "$pid" VM.native_memory detail > "$OUT/nmt-$label.txt"
      jcmd "$pid" VM.native_memory summary | grep -E '^Total|malloc:' | sed 's/^/  NMT /'
      "$PYTHON" benchmarks/smaps_breakdown.py "$OUT/smaps-$label.txt" "$OUT/nmt-$label.txt"
    else
      "$PYTHON" benchmarks/smaps_breakdown.py "$OUT/smaps-$label.txt"
    fi
    kill "$pid"
    rm -f "$log"
  }
  hold torch4j java -XX:NativeMemoryTracking=detail -cp "$CP" dev.torch4j.benchmarks.Footprint "$STEPS" 120
  hold pytorch "$PYTHON" benchmarks/python/footprint.py "$STEPS" 120
fi
