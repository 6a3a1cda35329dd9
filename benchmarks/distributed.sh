#!/usr/bin/env bash
# torch4j's torch.distributed against PyTorch's on this machine, one command:  benchmarks/distributed.sh
# Two processes over Gloo on 127.0.0.1 for each side (torch4j's launcher Run; for PyTorch two python3
# processes with torchrun's environment), alternating torch4j and PyTorch REPEAT times:
#   allreduce latency (sum of float32) for 4 KB, 4 MB and 64 MB: median of ITERS calls per run, and the
#   same loop on the raw JavaCPP binding (dev.torch4j.benchmarks.raw.RawAllreduce) to show what torch4j adds;
#   DDP training steps/s of the notebook's model at the medium size (benchmarks/python/workloads.py),
#   each rank on its own batch of 32 sequences of 32 tokens, Adam.
# Prints medians over the runs with their spread (min-max) and the ratio PyTorch time / torch4j time
# (> 1: torch4j is faster). Threads: one intra-op and one BLAS thread per process on both sides.
# Env: REPEAT (5), DDP_STEPS (150), ALLREDUCE ("4096 4194304 67108864": the sizes in bytes), DDP (1; 0 skips
# the DDP rows), PYTHON (/usr/bin/python3). Writes benchmarks/results/distributed.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEAT=${REPEAT:-5}
DDP_STEPS=${DDP_STEPS:-150}
PYTHON=${PYTHON:-/usr/bin/python3}
ALLREDUCE=${ALLREDUCE:-"4096 4194304 67108864"}
DDP=${DDP:-1}
OUT=benchmarks/results
mkdir -p "$OUT"
: > "$OUT/distributed.jsonl"
"$PYTHON" -c "import torch.distributed as d; assert d.is_available() and d.is_gloo_available()" \
  || { echo "PyTorch with Gloo not found: apt-get install python3-torch"; exit 1; }
mvn -q -B -ntp test-compile
mvn -q -B -ntp dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="target/classes:target/test-classes:$(cat "$OUT/cp.txt")"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
port() { "$PYTHON" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"; }

record() {  # the command; appends rank 0's JSON line
  local line
  if line=$("$@" 2>/dev/null | grep -o '{.*}' | tail -n 1) && [[ -n $line ]]; then
    echo "$line" >> "$OUT/distributed.jsonl"
    echo "  $line"
  else
    echo "  FAILED: $*"
  fi
}
java_side() { record java -cp "$CP" dev.torch4j.distributed.Run --nproc-per-node 2 --master-port "$(port)" \
  dev.torch4j.benchmarks.DistributedBench "$@"; }
# the same allreduce loop on the raw JavaCPP binding, without torch4j (shared/notes/c10d.md's recipe)
raw_side() { record java -cp "$CP" dev.torch4j.distributed.Run --nproc-per-node 2 --master-port "$(port)" \
  dev.torch4j.benchmarks.raw.RawAllreduce "$@"; }
# Debian's torchrun (PyTorch 1.13 on Python 3.11) fails in its own argument handling ('NoneType' object
# has no attribute 'get'), so the two Python ranks get torchrun's environment from here
python_ranks() {
  local p; p=$(port)
  ( cd benchmarks/python
    for rank in 0 1; do
      RANK=$rank LOCAL_RANK=$rank WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=$p "$PYTHON" distributed_bench.py "$@" &
    done
    wait )
}
python_side() { record python_ranks "$@"; }

for r in $(seq 1 "$REPEAT"); do
  echo "[$r/$REPEAT]"
  for bytes in $ALLREDUCE; do
    iters=$(( bytes <= 65536 ? 2000 : (bytes <= 8388608 ? 200 : 20) ))
    # alternate which side goes first, so that neither always meets the same background load
    if (( r % 2 )); then java_side allreduce "$bytes" "$iters"; python_side allreduce "$bytes" "$iters"
    else python_side allreduce "$bytes" "$iters"; java_side allreduce "$bytes" "$iters"; fi
    raw_side "$bytes" "$iters"
  done
  if (( DDP )); then
    if (( r % 2 )); then java_side ddp medium "$DDP_STEPS"; python_side ddp medium "$DDP_STEPS"
    else python_side ddp medium "$DDP_STEPS"; java_side ddp medium "$DDP_STEPS"; fi
  fi
done

"$PYTHON" - "$OUT/distributed.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def runs(impl, bench, nbytes=None):
    return [r for r in rows if r["impl"] == impl and r["bench"] == bench and r.get("bytes") == nbytes]
def med(v): return statistics.median(v) if v else float("nan")
print("\n2 processes, Gloo, 127.0.0.1; medians over %d runs of each side (min-max); ratio = PyTorch time / torch4j time"
      % max(sum(1 for r in rows if r["impl"] == "torch4j") // max(len({(r["bench"], r.get("bytes")) for r in rows}), 1), 1))
print("| benchmark | torch4j | PyTorch %s | ratio |" % next((r["torch"] for r in rows if r.get("torch") and r["impl"] == "pytorch"), ""))
print("| --- | --- | --- | --- |")
for nbytes, label in ((4096, "allreduce 4 KB (µs)"), (4194304, "allreduce 4 MB (µs)"), (67108864, "allreduce 64 MB (µs)")):
    j = [r["median_us"] for r in runs("torch4j", "allreduce", nbytes)]
    p = [r["median_us"] for r in runs("pytorch", "allreduce", nbytes)]
    if j and p:
        print("| %s | %.0f (%.0f-%.0f) | %.0f (%.0f-%.0f) | %.2f |" % (label, med(j), min(j), max(j), med(p), min(p), max(p), med(p) / med(j)))
    w = [r["median_us"] for r in runs("raw_javacpp", "allreduce", nbytes)]
    if w and p:
        print("| %s, raw JavaCPP binding, no torch4j | %.0f (%.0f-%.0f) | | %.2f |" % (label, med(w), min(w), max(w), med(p) / med(w)))
j = [r["steps_per_s"] for r in runs("torch4j", "ddp_medium")]
p = [r["steps_per_s"] for r in runs("pytorch", "ddp_medium")]
if j and p:
    print("| DDP medium train (steps/s) | %.1f (%.1f-%.1f) | %.1f (%.1f-%.1f) | %.2f |" % (med(j), min(j), max(j), med(p), min(p), max(p), med(j) / med(p)))
PY
