#!/usr/bin/env bash
# Word-vector loading, torch4j beside gensim, each load in its own process, alternating.
#
#   benchmarks/vectors/run.sh [DATA_DIR]
#
# DATA_DIR (default /tmp/torch4j-vector-bench, outside the repository) receives the synthetic files
# (about 2.7 GB for the defaults; generated once, kept for later runs). Environment:
#   ROWS=1000000 GLOVE_ROWS=200000 DIM=300   sizes of the synthetic files
#   REPEAT=1                                 runs per tool and case; the table shows the fastest
#   PYTHON=/usr/bin/python3                  needs Debian's python3-gensim
# Cases: the 1M x 300 word2vec binary, its gzip form, a 200k x 300 GloVe text file, and the
# 1M binary filtered to 20 words (gensim has no filter: it loads all and keeps the 20).
# Time is wall time inside the process (load only) and of the whole process (startup included:
# the JVM and libtorch, or Python and gensim); memory is the peak RSS from /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:-/tmp/torch4j-vector-bench}
ROWS=${ROWS:-1000000}
GLOVE_ROWS=${GLOVE_ROWS:-200000}
DIM=${DIM:-300}
REPEAT=${REPEAT:-1}
PYTHON=${PYTHON:-/usr/bin/python3}

"$PYTHON" benchmarks/vectors/gen_bench_files.py "$DATA" "$ROWS" "$GLOVE_ROWS" "$DIM" >&2
mvn -q -o test-compile >&2
mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"

BIN="$DATA/vectors-${ROWS}x${DIM}.bin"
CASES=("binary ${ROWS}x${DIM}|word2vec|$BIN"
       "gzip binary ${ROWS}x${DIM}|word2vec|$BIN.gz"
       "GloVe text ${GLOVE_ROWS}x${DIM}|glove|$DATA/glove-${GLOVE_ROWS}x${DIM}.txt"
       "20 words of the ${ROWS} binary|vocabulary|$BIN $DATA/words-20.txt")

TIMING=$(mktemp)
trap 'rm -f "$TIMING"' EXIT

# prints "load_s wall_s rss_mb rows" for one run of a command
measure() {
  local out
  out=$(/usr/bin/time -f "%e %M" -o "$TIMING" "$@")
  local load rows
  load=$(sed -n 's/.*load_s=\([0-9.]*\).*/\1/p' <<<"$out")
  rows=$(sed -n 's/.*rows=\([0-9]*\).*/\1/p' <<<"$out")
  read -r wall rss < <(tail -n 1 "$TIMING")
  echo "$load $wall $((rss / 1024)) $rows"
}

best() {  # keeps, per field, the smallest of several "load wall rss rows" lines
  sort -n -k1,1 | head -n 1
}

printf '\n%-30s | %-27s | %-27s | %-27s\n' "case" "load s: gensim torch4j (x)" "process s: gensim torch4j (x)" "peak RSS MB: gensim torch4j (x)"
printf '%s\n' "-------------------------------+-----------------------------+-----------------------------+--------------------------------"
for c in "${CASES[@]}"; do
  IFS='|' read -r name mode args <<<"$c"
  read -r -a argv <<<"$args"
  cat "${argv[0]}" >/dev/null   # both tools start from a warm page cache
  g_runs=""; t_runs=""
  for ((i = 0; i < REPEAT; i++)); do
    g_runs+="$(measure "$PYTHON" benchmarks/vectors/gensim_load.py "$mode" "${argv[@]}")"$'\n'
    t_runs+="$(measure java -cp "$CP" dev.torch4j.benchmarks.VectorLoadBenchmark "$mode" "${argv[@]}")"$'\n'
  done
  read -r gl gw gm gr < <(printf '%s' "$g_runs" | best)
  read -r tl tw tm tr < <(printf '%s' "$t_runs" | best)
  if [[ "$gr" != "$tr" ]]; then
    echo "row counts differ: gensim $gr, torch4j $tr" >&2
    exit 1
  fi
  printf '%-30s | %7.2f %7.2f %7.1fx   | %7.2f %7.2f %7.1fx   | %7d %7d %7.2fx\n' "$name" \
    "$gl" "$tl" "$(echo "$gl / $tl" | bc -l)" "$gw" "$tw" "$(echo "$gw / $tw" | bc -l)" \
    "$gm" "$tm" "$(echo "$tm / $gm" | bc -l)"
done
printf '\n(x) time: gensim / torch4j (above 1: torch4j faster); memory: torch4j / gensim (below 1: torch4j smaller).\n'
printf 'Fastest of %d run(s) each, alternating gensim and torch4j; %s; %d cores.\n' "$REPEAT" "$(java -version 2>&1 | head -n 1)" "$(nproc)"
