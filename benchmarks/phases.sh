#!/usr/bin/env bash
# Where a CPU training step's time goes, torch4j against PyTorch:  benchmarks/phases.sh [SIZE] [STEPS] [CELL]
# Runs Phases (Java) and phases.py (PyTorch) alternately, REPEAT times, and prints the median
# microseconds per phase of each side and their ratio (PyTorch / torch4j, >1: torch4j faster).
# PyTorch frees the previous step's graph inside forward and loss, torch4j when the step's scope
# closes ("free"), so compare totals; the phases say where each side spends it.
# SIZE: notebook (default), medium or large; STEPS per pass (20000; try 200 for large);
# CELL: rnn (the notebook's model, default), lstm or gru.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-notebook}
STEPS=${2:-20000}
CELL=${3:-rnn}
REPEAT=${REPEAT:-3}
PYTHON=${PYTHON:-/usr/bin/python3}
mvn -q -B -ntp test-compile
mvn -q -B -ntp dependency:build-classpath -Dmdep.outputFile=target/phases-cp.txt >/dev/null
CP="target/classes:target/test-classes:$(cat target/phases-cp.txt)"
for r in $(seq "$REPEAT"); do
  java -cp "$CP" dev.torch4j.benchmarks.Phases "$SIZE" "$STEPS" "$CELL"
  "$PYTHON" benchmarks/python/phases.py "$SIZE" "$STEPS" "$CELL"
done | "$PYTHON" -c '
import json, statistics, sys
runs = {}
for line in sys.stdin:
    r = json.loads(line)
    runs.setdefault(r["impl"], []).append(r["us"])
names = list(runs["torch4j"][0])
def med(impl, n):
    vals = [u[n] for u in runs[impl] if u[n] is not None]
    return statistics.median(vals) if vals else 0.0
print("us per step (median of %d runs)   torch4j   PyTorch   ratio" % len(runs["torch4j"]))
for n in names + ["total"]:
    j = sum(med("torch4j", m) for m in names) if n == "total" else med("torch4j", n)
    p = sum(med("pytorch", m) for m in names) if n == "total" else med("pytorch", n)
    print("%-32s %9.1f %9.1f   %s" % (n, j, p, "%.2fx" % (p / j) if j and p else "-"))
'
