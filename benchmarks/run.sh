#!/usr/bin/env bash
# torch4j against PyTorch on the same machine, one command:  benchmarks/run.sh
# Runs every workload in torch4j (Java) and in PyTorch (Python) alternately, REPEAT times each, at each
# side's default thread settings and at tuned ones, plus the raw JavaCPP binding; then prints a table of
# medians, spreads and ratios and writes benchmarks/results/{results.jsonl,results.json,chart.png}.
# With a GPU both sides run on it, each step timed to a device synchronisation after a warm-up, and the
# table adds each side's peak GPU memory.
# Each run reports steps/s over its measured time and in its fastest 0.2 s window (least disturbed by
# other processes on a shared machine); the table gives the ratio of both.
# Workloads: the notebook's model at its size, a medium and a large one (train with Adam, and with SGD and
# AdamW for the notebook and medium sizes; forward; DataLoader-fed), the same model with an LSTM or a GRU
# in place of its RNN (SIZE_lstm_train, SIZE_gru_train),
# DataLoader iteration alone, and ops_chain: no model, 20 tanh + sum + backward on a 2x16 tensor, the
# per-operation cost of each side's libtorch (the raw JavaCPP row shows what torch4j adds to it).
# Env: REPEAT (3), SECONDS_PER_RUN (3), WORKLOADS (space-separated subset), PYTHON (/usr/bin/python3).
# Resident memory over a long scoped loop and startup (launch to the first training step) have their
# own script, benchmarks/footprint.sh, side by side with PyTorch too (notes in benchmarks/FOOTPRINT.md).
# Needs Debian's python3-torch (and python3-matplotlib for the chart); on a CUDA machine the PyTorch
# there and `mvn -Pcuda` natives. Timings synchronise the device; tests never assert on time.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEAT=${REPEAT:-3}
SECS=${SECONDS_PER_RUN:-3}
PYTHON=${PYTHON:-/usr/bin/python3}
WORKLOADS=${WORKLOADS:-"notebook_train notebook_train_sgd notebook_train_adamw notebook_forward notebook_loader medium_train medium_train_sgd medium_train_adamw large_train medium_loaderonly ops_chain notebook_lstm_train notebook_gru_train medium_lstm_train medium_gru_train large_lstm_train large_gru_train"}
OUT=benchmarks/results
mkdir -p "$OUT"
: > "$OUT/results.jsonl"

"$PYTHON" -c "import torch" 2>/dev/null || { echo "PyTorch for Python not found: apt-get install python3-torch"; exit 1; }
JAVA_OPTS=()
if "$PYTHON" -c "import torch,sys; sys.exit(0 if torch.cuda.is_available() else 1)"; then
  echo "CUDA present: both sides run on the GPU (torch4j with -Pcuda and the host's CUDA libraries)"
  MAVEN_ARGS=${MAVEN_ARGS:--Pcuda}
  eval "$(native-config/cuda-env.sh)"
  read -r -a JAVA_OPTS <<< "${TORCH4J_JAVA_OPTS:-}"
else
  echo "no CUDA device: CPU only ($(nproc) cores)"
fi
mvn -q -B -ntp test-compile ${MAVEN_ARGS:-}
mvn -q -B -ntp dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" ${MAVEN_ARGS:-} >/dev/null
CP="target/classes:target/test-classes:$(cat "$OUT/cp.txt")"
java() { command java "${JAVA_OPTS[@]}" "$@"; }

record() {  # setting, then the command; appends its JSON line tagged with the setting
  local setting=$1; shift
  local line
  if line=$("$@" 2>/dev/null | tail -n 1) && [[ $line == \{* ]]; then
    echo "${line%\}}, \"setting\": \"$setting\"}" >> "$OUT/results.jsonl"
    echo "  $setting: $line"
  else
    echo "  $setting: FAILED ($*)"
  fi
}

for r in $(seq 1 "$REPEAT"); do
  for w in $WORKLOADS; do
    echo "[$r/$REPEAT] $w"
    # torch4j default: 1 intra-op thread, OpenBLAS one per core; omp_all: one intra-op thread per core
    # (OpenBLAS then 1, the old default); blas1: everything single-threaded
    record default      java -cp "$CP" dev.torch4j.benchmarks.Workloads "$w" "$SECS"
    record default      "$PYTHON" benchmarks/python/workloads.py "$w" "$SECS"
    record omp_all      java -Dtorch4j.threads="$(nproc)" -cp "$CP" dev.torch4j.benchmarks.Workloads "$w" "$SECS"
    record blas1        java -Dtorch4j.blasThreads=1 -cp "$CP" dev.torch4j.benchmarks.Workloads "$w" "$SECS"
    record blas1        env OPENBLAS_NUM_THREADS=1 "$PYTHON" benchmarks/python/workloads.py "$w" "$SECS"
    record blas1_omp    env OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS="$(nproc)" "$PYTHON" benchmarks/python/workloads.py "$w" "$SECS"
    case $w in notebook_train|large_train|ops_chain)
      record default    java -cp "$CP" dev.torch4j.benchmarks.raw.RawBindingLoop "${w%_*}" "$SECS" --seconds
      record blas1      env OPENBLAS_NUM_THREADS=1 java -cp "$CP" dev.torch4j.benchmarks.raw.RawBindingLoop "${w%_*}" "$SECS" --seconds
    esac
  done
done
"$PYTHON" benchmarks/report.py "$OUT"
