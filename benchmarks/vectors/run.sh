#!/usr/bin/env bash
# Word-vector loading: torch4j beside gensim and beside the floors, in one run, as ratios.
#
#   benchmarks/vectors/run.sh [DATA_DIR]
#
# DATA_DIR (default /tmp/torch4j-vector-bench, outside the repository) receives the synthetic files
# (about 2.8 GB for the defaults; generated once, kept for later runs). Environment:
#   ROWS=1000000 GLOVE_ROWS=200000 DIM=300   sizes of the synthetic files
#   REPEAT=5                                 runs per tool and case, the order rotating each round
#   PYTHON=/usr/bin/python3                  needs Debian's python3-gensim
#   GENSIM=1                                 0 leaves gensim out (a quicker run of the torch4j side)
#
# Every load runs in a process of its own; time is wall time inside the process (load only), memory
# the peak RSS of the whole process from /usr/bin/time. Each cell is the median of REPEAT runs with
# the spread (min-max) beside it. The floors, measured in the same run:
#   read+copy   the file read with FileChannel straight into a fresh tensor of its size: one read
#               and one copy into new memory, page faults included (VectorLoadBenchmark floor); also
#               on all cores, each reading its share (VectorLoadBenchmark floor FILE $(nproc)), since
#               the page faults of a fresh tensor are most of the cost and spread over the cores
#   gzip -dc    `gzip -dc FILE > /dev/null`, whole process
#   scan        the file read into one reused 1 MB buffer, nothing kept (VectorLoadBenchmark scan)
#   C bound     when a C compiler is there: torch4j's binary design written in C (native_bound.c, no
#               JVM, no JIT, no checks), and the page faults of a fresh tensor alone on one thread;
#               gensim/C is then the most a load of this design can reach against gensim on this machine
# RSS: 'extra' is torch4j's peak RSS minus the JVM baseline (the JVM with libtorch loaded, nothing
# read: VectorLoadBenchmark baseline) minus the tensor itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:-/tmp/torch4j-vector-bench}
ROWS=${ROWS:-1000000}
GLOVE_ROWS=${GLOVE_ROWS:-200000}
DIM=${DIM:-300}
REPEAT=${REPEAT:-5}
PYTHON=${PYTHON:-/usr/bin/python3}
GENSIM=${GENSIM:-1}

"$PYTHON" benchmarks/vectors/gen_bench_files.py "$DATA" "$ROWS" "$GLOVE_ROWS" "$DIM" >&2
mvn -q -o test-compile >&2
mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
JAVA=(java -cp "$CP" dev.torch4j.benchmarks.VectorLoadBenchmark)
NATIVE=()
if command -v cc >/dev/null && cc -O2 -pthread -o "$DATA/native_bound" benchmarks/vectors/native_bound.c; then
  NATIVE=("$DATA/native_bound")
fi
GENSIM_LOAD=("$PYTHON" benchmarks/vectors/gensim_load.py)

BIN="$DATA/vectors-${ROWS}x${DIM}.bin"
GLOVE="$DATA/glove-${GLOVE_ROWS}x${DIM}.txt"
WORDS="$DATA/words-20.txt"
TIMING=$(mktemp)
trap 'rm -f "$TIMING"' EXIT

# one run of a command: prints "load_s wall_s rss_mb rows"
measure() {
  local out load rows wall rss
  out=$(/usr/bin/time -f "%e %M" -o "$TIMING" "$@" 2>/dev/null)
  load=$(sed -n 's/.*load_s=\([0-9.]*\).*/\1/p' <<<"$out")
  rows=$(sed -n 's/.*rows=\([0-9]*\).*/\1/p' <<<"$out")
  read -r wall rss < <(tail -n 1 "$TIMING")
  echo "${load:-$wall} $wall $((rss / 1024)) ${rows:-0}"
}

# median and spread of one column of "load wall rss rows" lines: prints "median min max"
stats() {
  awk -v c="$1" '{print $c}' | sort -g | awk '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; print m, v[1], v[NR]}'
}

declare -A RUNS
run() {  # run NAME COMMAND...: appends one measurement to RUNS[NAME]
  local name=$1
  shift
  RUNS[$name]+="$(measure "$@")"$'\n'
}
med() { printf '%s' "${RUNS[$1]}" | stats "${2:-1}"; }
grun() {  # like run, for gensim, unless GENSIM=0
  if [[ $GENSIM == 1 ]]; then
    run "$@"
  fi
}

cat "$BIN" "$BIN.gz" "$GLOVE" >/dev/null   # every run starts from a warm page cache
for ((i = 0; i < REPEAT; i++)); do
  steps=(baseline binary gzip glove vocabulary)
  for s in "${steps[@]}"; do
    # the order of the tools rotates each round, so none always runs right after another
    tools=(t4j floor gensim)
    tools=("${tools[@]:i%3}" "${tools[@]:0:i%3}")
    for t in "${tools[@]}"; do
      case "$s/$t" in
        baseline/t4j) run baseline "${JAVA[@]}" baseline ;;
        binary/t4j) run binary-t4j "${JAVA[@]}" word2vec "$BIN" ;;
        binary/floor)
          run binary-floor "${JAVA[@]}" floor "$BIN"
          run binary-floorall "${JAVA[@]}" floor "$BIN" "$(nproc)"
          run binary-dd dd if="$BIN" of=/dev/null bs=1M
          if ((${#NATIVE[@]})); then
            run binary-native "${NATIVE[@]}" load "$BIN" "$ROWS" "$DIM"
            run binary-touch "${NATIVE[@]}" touch "$BIN" "$ROWS" "$DIM"
          fi ;;
        binary/gensim) grun binary-gensim "${GENSIM_LOAD[@]}" word2vec "$BIN" ;;
        gzip/t4j) run gzip-t4j "${JAVA[@]}" word2vec "$BIN.gz" ;;
        gzip/floor) run gzip-floor sh -c "gzip -dc '$BIN.gz' > /dev/null" ;;
        gzip/gensim) grun gzip-gensim "${GENSIM_LOAD[@]}" word2vec "$BIN.gz" ;;
        glove/t4j) run glove-t4j "${JAVA[@]}" glove "$GLOVE" ;;
        glove/floor) run glove-floor "${JAVA[@]}" scan "$GLOVE" ;;
        glove/gensim) grun glove-gensim "${GENSIM_LOAD[@]}" glove "$GLOVE" ;;
        vocabulary/t4j) run vocabulary-t4j "${JAVA[@]}" vocabulary "$BIN" "$WORDS" ;;
        vocabulary/floor) run vocabulary-floor "${JAVA[@]}" scan "$BIN" ;;
        vocabulary/gensim) grun vocabulary-gensim "${GENSIM_LOAD[@]}" vocabulary "$BIN" "$WORDS" ;;
      esac
    done
  done
  for n in 1000 10000 100000 1000000; do
    run "limit-$n" "${JAVA[@]}" limit "$BIN" "$n"
  done
  echo "round $((i + 1)) of $REPEAT done" >&2
done

fmt() {  # fmt NAME [COLUMN]: "median (min-max)"
  [[ -z "${RUNS[$1]:-}" ]] && { echo "-"; return; }
  read -r m lo hi < <(med "$1" "${2:-1}")
  printf '%.2f (%.2f-%.2f)' "$m" "$lo" "$hi"
}
ratio() {  # ratio A B: median(A) / median(B)
  [[ -z "${RUNS[$1]:-}" || -z "${RUNS[$2]:-}" ]] && { echo "-"; return; }
  read -r a _ _ < <(med "$1")
  read -r b _ _ < <(med "$2")
  printf '%.2fx' "$(echo "$a / $b" | bc -l)"
}
rssmb() { [[ -z "${RUNS[$1]:-}" ]] && { echo "-"; return; }; read -r m _ _ < <(med "$1" 3); printf '%d' "${m%.*}"; }

read -r BASE _ _ < <(med baseline 3)
BASE=${BASE%.*}
tensor_mb() { echo $(( $1 * DIM * 4 / 1048576 )); }
echo
echo "Word-vector loads, torch4j against gensim and the floors; median (min-max) of $REPEAT runs, seconds."
printf '%-28s | %-20s | %-20s | %-9s | %-10s %-20s | %-9s\n' case "torch4j" "gensim" "gensim/t4j" floor "" "t4j/floor"
printf '%s\n' "-----------------------------+----------------------+----------------------+-----------+---------------------------------+----------"
row() {  # row LABEL CASE FLOOR_LABEL
  printf '%-28s | %-20s | %-20s | %-9s | %-10s %-20s | %-9s\n' "$1" "$(fmt "$2-t4j")" "$(fmt "$2-gensim")" \
    "$(ratio "$2-gensim" "$2-t4j")" "$3" "$(fmt "$2-floor")" "$(ratio "$2-t4j" "$2-floor")"
}
row "binary ${ROWS}x${DIM}" binary "read+copy"
row "gzip binary ${ROWS}x${DIM}" gzip "gzip -dc"
row "GloVe text ${GLOVE_ROWS}x${DIM}" glove "scan"
row "20 words of the binary" vocabulary "scan"
printf '%-28s | %-20s | %-20s | %-9s | %-10s %-20s | %-9s\n' "" "" "" "" "all cores" "$(fmt binary-floorall)" \
  "$(ratio binary-t4j binary-floorall)"
printf '%-28s   dd read of the binary: %s s\n' "" "$(fmt binary-dd 2)"
if ((${#NATIVE[@]})); then
  printf '%-28s   C bound, torch4j'"'"'s design without a JVM: %s s; gensim/C %s; torch4j/C %s\n' "" \
    "$(fmt binary-native)" "$(ratio binary-gensim binary-native)" "$(ratio binary-t4j binary-native)"
  printf '%-28s   page faults of the fresh tensor alone, one thread (C): %s s\n' "" "$(fmt binary-touch)"
fi
echo
echo "Peak RSS, MB (median): JVM baseline (libtorch loaded, nothing read) $BASE"
printf '%-28s | %-8s | %-8s | %-14s | %-8s\n' case torch4j tensor "extra (t4j-base-tensor)" gensim
for c in binary gzip glove vocabulary; do
  case $c in
    binary | gzip) t=$(tensor_mb "$ROWS") ;;
    glove) t=$(tensor_mb "$GLOVE_ROWS") ;;
    vocabulary) t=0 ;;
  esac
  r=$(rssmb "$c-t4j")
  printf '%-28s | %-8s | %-8s | %-23s | %-8s\n' "$c" "$r" "$t" "$((r - BASE - t))" "$(rssmb "$c-gensim")"
done
echo
echo "limit(n) of the binary: load seconds, median (min-max)"
for n in 1000 10000 100000 1000000; do
  read -r m _ _ < <(med "limit-$n")
  printf '  n=%-8d %-22s %.1f us per row\n' "$n" "$(fmt "limit-$n")" "$(echo "$m * 1000000 / $n" | bc -l)"
done
echo
printf '%s; %s; %d cores; %s\n' "$(java -version 2>&1 | head -n 1)" "$("$PYTHON" -c 'import gensim; print("gensim", gensim.__version__)' 2>/dev/null || echo "no gensim")" "$(nproc)" "$(uptime | sed 's/.*load/load/')"
