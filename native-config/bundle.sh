#!/bin/sh
# Builds a self-contained folder to copy onto a GPU host that has no internet and no JDK:
#
#   <out>/lib/            torch4j's jar and its runtime dependencies, GPU natives included
#   <out>/runtime/        a jlink'd Java runtime (java.base, jdk.unsupported, java.logging, java.management)
#   <out>/native-config/  cuda-env.sh, which finds the host's CUDA 13 libraries, and its README
#   <out>/bin/torch4j     the launcher: bin/torch4j doctor | bin/torch4j run CLASS [ARGS] | bin/torch4j [ARGS]
#
# Usage: native-config/bundle.sh [options]
#   --out DIR        output folder (default: target/torch4j-bundle); replaced if it exists
#   --cpu            bundle the CPU natives instead of the GPU ones (to try the bundle on any machine)
#   --examples       also pack examples/ and benchmarks/ (compiled with the tests) as lib/torch4j-examples.jar
#   --jar FILE       add an application jar to lib/ (repeatable)
#   --main CLASS     main class for "bin/torch4j [ARGS]" (default: none; use "run CLASS")
#   --modules LIST   extra JDK modules for the runtime, comma-separated (e.g. java.sql)
#   --archive        also write <out>.tar.gz
#   --offline        pass -o to Maven (everything already in ~/.m2)
#
# The host needs: Linux x86_64, an NVIDIA driver, and the CUDA 13 libraries (a toolkit, or the nvidia-*
# wheels of a CUDA 13 PyTorch install); bin/torch4j doctor says what is missing. JavaCPP extracts the
# natives (about 1.3 GB for the GPU build) on first run, into <out>/cache when writable, else
# ~/.javacpp/cache, or where TORCH4J_CACHE_DIR says.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/target/torch4j-bundle
profile=-Pcuda
natives=GPU
examples=no
archive=no
offline=
main=
modules=java.base,jdk.unsupported,java.logging,java.management
jars=""

while [ $# -gt 0 ]; do
    case $1 in
        --out) out=$2; shift 2 ;;
        --cpu) profile=; natives=CPU; shift ;;
        --examples) examples=yes; shift ;;
        --jar) jars="$jars
$2"; shift 2 ;;
        --main) main=$2; shift 2 ;;
        --modules) modules="$modules,$2"; shift 2 ;;
        --archive) archive=yes; shift ;;
        --offline) offline=-o; shift ;;
        -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
        *) echo "bundle.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
case $out in /*) ;; *) out=$(pwd)/$out ;; esac

jlink=${JAVA_HOME:+$JAVA_HOME/bin/}jlink
command -v "$jlink" >/dev/null 2>&1 || { echo "bundle.sh: jlink not found (needs a JDK 17+)" >&2; exit 1; }
command -v mvn >/dev/null 2>&1 || { echo "bundle.sh: mvn not found" >&2; exit 1; }

echo "bundle.sh: building torch4j with the $natives natives${profile:+ ($profile)}"
cd "$root"
# shellcheck disable=SC2086  # $profile and $offline are empty or one word
mvn -q -B $offline $profile -DskipTests package
rm -rf "$out"
mkdir -p "$out/lib" "$out/bin" "$out/native-config"
# shellcheck disable=SC2086
mvn -q -B $offline $profile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$out/lib"
cp target/torch4j-*.jar "$out/lib/"
if [ "$examples" = yes ]; then
    set --
    for p in dev/torch4j/examples dev/torch4j/benchmarks; do
        if [ -d "target/test-classes/$p" ]; then set -- "$@" -C target/test-classes "$p"; fi
    done
    if [ $# -gt 0 ]; then
        jar --create --file "$out/lib/torch4j-examples.jar" "$@"
    else
        echo "bundle.sh: no compiled examples or benchmarks in target/test-classes" >&2
    fi
fi
printf '%s\n' "$jars" | while IFS= read -r j; do
    if [ -n "$j" ]; then cp "$j" "$out/lib/"; fi
done

echo "bundle.sh: jlink runtime with $modules"
"$jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
    --output "$out/runtime"

cp native-config/cuda-env.sh native-config/README.md "$out/native-config/"
chmod +x "$out/native-config/cuda-env.sh"

cat > "$out/bin/torch4j" <<'LAUNCHER'
#!/bin/sh
# torch4j launcher: runs a main class on the bundled Java runtime with the host's CUDA libraries.
#   bin/torch4j doctor [--require-cuda]   what libtorch, CUDA and each CUDA library look like here
#   bin/torch4j run CLASS [ARGS...]       run a main class from lib/
#   bin/torch4j [ARGS...]                 run the bundle's default main class
# Environment:
#   TORCH4J_CUDA_PATH   folders holding CUDA libraries, searched before anything else (colon-separated)
#   TORCH4J_CACHE_DIR   where JavaCPP extracts the natives (default: cache/ here when writable,
#                       else ~/.javacpp/cache)
#   JAVA_OPTS           extra JVM options, e.g. -Xmx8g -Dtorch4j.threads=8
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
eval "$("$here/native-config/cuda-env.sh")"
main=@MAIN@
case "${1:-}" in
    doctor) main=dev.torch4j.Doctor; shift ;;
    run) [ $# -ge 2 ] || { echo "usage: $0 run CLASS [ARGS...]" >&2; exit 2; }; main=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
esac
if [ -z "$main" ]; then
    echo "no default main class in this bundle; use: $0 run CLASS [ARGS...]   or   $0 doctor" >&2
    exit 2
fi
cache=${TORCH4J_CACHE_DIR:-}
if [ -z "$cache" ]; then
    if mkdir -p "$here/cache" 2>/dev/null && [ -w "$here/cache" ]; then
        cache=$here/cache
    else
        cache=${HOME:-/tmp}/.javacpp/cache
    fi
fi
jvm() {   # jvm [exec] CLASS ARGS...
    launch=
    if [ "$1" = exec ]; then launch=exec; shift; fi
    # java.library.path holds only the CUDA folders: JavaCPP's last-resort System.loadLibrary("torch")
    # must not find a distribution's libtorch.so; preloadpath lets JavaCPP preload CUDA libraries by path.
    # shellcheck disable=SC2086  # JAVA_OPTS is split into words on purpose
    $launch "$here/runtime/bin/java" \
        "-Djava.library.path=$TORCH4J_CUDA_LIBRARY_PATH" \
        "-Dorg.bytedeco.javacpp.platform.preloadpath=$TORCH4J_CUDA_LIBRARY_PATH" \
        "-Dorg.bytedeco.javacpp.cachedir=$cache" \
        ${JAVA_OPTS:-} -cp "$here/lib/*" "$@"
}
# Unpack the natives once per cache before the first run: JavaCPP would otherwise load libtorch.so before
# extracting libtorch_cpu.so, and an OS libtorch_cpu.so (Debian/Ubuntu libtorch-dev) would be linked in.
marker=$cache/.torch4j-extracted-$(cd "$here/lib" && ls pytorch-*-linux-*.jar | head -1)
if [ ! -e "$marker" ]; then
    jvm dev.torch4j.Doctor --extract-natives >&2 && touch "$marker"
fi
jvm exec "$main" "$@"
LAUNCHER
sed -i "s|@MAIN@|$main|" "$out/bin/torch4j"
chmod +x "$out/bin/torch4j"

{
    echo "torch4j bundle"
    echo "built:    $(date -u +%Y-%m-%dT%H:%M:%SZ) from $(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"
    echo "natives:  $(cd "$out/lib" && ls pytorch-*-linux-*.jar)"
    echo "runtime:  $("$out/runtime/bin/java" -version 2>&1 | head -1) ($modules)"
    echo
    echo "bin/torch4j doctor            check this host: driver, CUDA libraries, devices"
    echo "bin/torch4j run CLASS [ARGS]  run a main class from lib/"
    echo "native-config/README.md       how the CUDA libraries are found; TORCH4J_CUDA_PATH to point at them"
} > "$out/README.txt"

if [ "$archive" = yes ]; then
    echo "bundle.sh: writing $out.tar.gz"
    tar -C "$(dirname "$out")" --exclude="$(basename "$out")/cache" -czf "$out.tar.gz" "$(basename "$out")"
fi
echo "bundle.sh: done: $out ($(du -sh "$out" | cut -f1))"
