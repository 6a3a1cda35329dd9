#!/usr/bin/env bash
# CPU time per training step, torch4j and PyTorch alternately, everything single-threaded: on a shared
# machine the wall-clock rates of run.sh swing with the other processes, CPU time much less.
#   benchmarks/cputime.sh            (REPEAT=3; WORKLOADS as below; STEPS per window per size)
#   WORKLOADS="notebook_lstm_train notebook_gru_train medium_lstm_train large_lstm_train" benchmarks/cputime.sh
# Prints each run's JSON line, then the median and range per workload and side.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEAT=${REPEAT:-3}
PYTHON=${PYTHON:-/usr/bin/python3}
WORKLOADS=${WORKLOADS:-"notebook_train notebook_train_sgd notebook_train_adamw medium_train medium_train_sgd medium_train_adamw"}
OUT=benchmarks/results
mkdir -p "$OUT"
mvn -q -B -ntp test-compile
mvn -q -B -ntp dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="target/classes:target/test-classes:$(cat "$OUT/cp.txt")"
: > "$OUT/cputime.jsonl"
for r in $(seq 1 "$REPEAT"); do
  for w in $WORKLOADS; do
    case $w in notebook_*) steps=2000 ;; large_*) steps=10 ;; *) steps=60 ;; esac
    java -Dtorch4j.blasThreads=1 -cp "$CP" dev.torch4j.benchmarks.CpuTime "$w" "$steps" 2>/dev/null | tail -n 1 | tee -a "$OUT/cputime.jsonl"
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$PYTHON" benchmarks/python/cputime.py "$w" "$steps" | tee -a "$OUT/cputime.jsonl"
  done
done
"$PYTHON" - "$OUT/cputime.jsonl" <<'PY'
import json, statistics, sys
from collections import defaultdict
runs = defaultdict(list)
for line in open(sys.argv[1]):
    r = json.loads(line)
    runs[(r["workload"], r["impl"])].append(r["cpu_us_per_step"])
print("CPU us per step, median (min-max) of %d runs; ratio = PyTorch / torch4j (>1: torch4j needs less)" %
      max(len(v) for v in runs.values()))
for w in dict.fromkeys(k[0] for k in runs):
    t, p = runs[(w, "torch4j")], runs[(w, "pytorch")]
    print("%-22s torch4j %8.1f (%.1f-%.1f)   PyTorch %8.1f (%.1f-%.1f)   %.2fx" % (
        w, statistics.median(t), min(t), max(t), statistics.median(p), min(p), max(p),
        statistics.median(p) / statistics.median(t)))
PY
