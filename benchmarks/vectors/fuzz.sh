#!/usr/bin/env bash
# The long run of the vector readers' fuzzer (the test suite runs 3,000 cases of it: VectorFuzzTest).
#
#   benchmarks/vectors/fuzz.sh [CASES [SEED]]      defaults: 100000 cases, seed 1
#
# Writes valid word2vec (binary in its three row layouts, text) and GloVe files, gzip or not,
# mutates them and loads each with random options (dev.torch4j.vectors.VectorFuzz). Prints the
# outcomes by class, the refusals by kind, the slowest load, the peak RSS of the run (VmHWM, and
# /usr/bin/time's maximum resident set) and the wall time; exits 1 on any finding (a load that threw
# something other than an IOException with a message, an Error, ran past the 30 s watchdog, left a
# tensor open, or allocated more heap than 64 MB + 64 x its file). A finding names its case and seed:
# `fuzz.sh 1 SEED` does not replay case N, but VectorFuzz.run(N, 1) with the same seed does.
# JAVA_OPTS (e.g. -Xmx512m) bounds the heap to show that the run needs no more.
set -euo pipefail
cd "$(dirname "$0")/../.."
CASES=${1:-100000}
SEED=${2:-1}
mvn -q -o test-compile >&2
mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
echo "java ${JAVA_OPTS:-} -cp ... dev.torch4j.vectors.VectorFuzz $CASES $SEED"
# shellcheck disable=SC2086
/usr/bin/time -f "process: %e s wall, %U s user, %S s system, max RSS %M KB" \
  java ${JAVA_OPTS:-} -cp "$CP" dev.torch4j.vectors.VectorFuzz "$CASES" "$SEED"
