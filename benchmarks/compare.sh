#!/usr/bin/env bash
# torch4j at another revision against this tree, alternating run by run, the same dependency classpath:
#   benchmarks/compare.sh REV              (e.g. c497594; WORKLOADS="notebook_train ops_chain", REPEAT=4, SECS=3)
# Builds REV in a clone under ${TMPDIR:-/tmp} (kept for reuse) and prints, per workload, each side's steps/s
# (whole run and fastest 0.2 s window) with medians; the ratio is new / old.
set -euo pipefail
cd "$(dirname "$0")/.."
REV=${1:?usage: benchmarks/compare.sh REV}
WORKLOADS=${WORKLOADS:-"notebook_train ops_chain"}
REPEAT=${REPEAT:-4}
SECS=${SECS:-3}
OLD=${TMPDIR:-/tmp}/torch4j-compare-$(git rev-parse --short "$REV")
if [[ ! -d $OLD ]]; then
  git clone -q . "$OLD"
  git -C "$OLD" checkout -q "$REV"
fi
(cd "$OLD" && mvn -q -B -ntp test-compile)
mvn -q -B -ntp test-compile
mvn -q -B -ntp dependency:build-classpath -Dmdep.outputFile=target/compare-cp.txt >/dev/null
DEPS=$(cat target/compare-cp.txt)
run() {  # run CLASSES WORKLOAD -> "steps_per_s fastest"
  java -cp "$1/target/classes:$1/target/test-classes:$DEPS" dev.torch4j.benchmarks.Workloads "$2" "$SECS" 2>/dev/null \
    | tail -n 1 | python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print(d["steps_per_s"], d["fastest_window_steps_per_s"])'
}
for w in $WORKLOADS; do
  : > "target/compare-$w.txt"
  for r in $(seq 1 "$REPEAT"); do
    o=$(run "$OLD" "$w")
    n=$(run . "$w")
    echo "$w run $r: old $o  new $n"
    echo "$o $n" >> "target/compare-$w.txt"
  done
  python3 - "$w" "target/compare-$w.txt" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[2])]
col = lambda i: [r[i] for r in rows]
for label, o, n in (("whole run", 0, 2), ("fastest 0.2 s", 1, 3)):
    a, b = col(o), col(n)
    print("%s %-13s old %8.1f (%.1f-%.1f)  new %8.1f (%.1f-%.1f)  new/old %.3f" % (
        sys.argv[1], label, statistics.median(a), min(a), max(a), statistics.median(b), min(b), max(b),
        statistics.median(b) / statistics.median(a)))
PY
done
