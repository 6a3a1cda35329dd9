#!/bin/sh
# Finds the CUDA 13 libraries already on this machine (a CUDA toolkit, or the nvidia-* wheels that
# `pip install torch` brings) and prints the shell settings that let torch4j's GPU natives use them,
# so nobody has to download the multi-GB CUDA redistributable jar.
#
#   eval "$(native-config/cuda-env.sh)"      # then: java $TORCH4J_JAVA_OPTS -cp ... your.Main
#   native-config/cuda-env.sh --list         # what was found where, for humans
#   native-config/cuda-env.sh --path         # just the folders, colon-separated
#
# Search order, first match wins (dev.torch4j.internal.CudaDiscovery reports the same search):
#   1. $TORCH4J_CUDA_PATH            folders you name, colon-separated
#   2. $LD_LIBRARY_PATH              kept as it is, after 1
#   3. $CUDA_HOME, $CUDA_PATH        {lib64,lib,targets/x86_64-linux/lib,extras/CUPTI/lib64}
#   4. $VIRTUAL_ENV, $CONDA_PREFIX   lib/python3*/{site,dist}-packages/nvidia/*/lib (the active environment)
#   5. /usr/local/cuda, /usr/local/cuda-13*   the toolkit folders of 3.
#   6. ~/.local, /usr/local, /usr, /opt/conda: lib/python3*/{site,dist}-packages/nvidia/*/lib
#   7. /usr/lib/wsl/lib, /usr/local/nvidia/lib64, /usr/local/nvidia/lib   (driver folders of WSL, containers)
# Only folders holding a CUDA library (libcudart, libcublas, libcudnn, libnccl, ...) are kept. The
# system folders (/usr/lib/x86_64-linux-gnu, ...) are not added: the dynamic linker already searches
# them, and they may hold a distribution's libtorch.so that must stay off java.library.path.
#
# It prints three variables:
#   LD_LIBRARY_PATH            1 + 2 + the folders found, so the linker resolves libtorch_cuda.so's
#                              dependencies (libcublas.so.13, libcudnn.so.9, ...)
#   TORCH4J_CUDA_LIBRARY_PATH  1 + the folders found (without the old LD_LIBRARY_PATH)
#   TORCH4J_JAVA_OPTS          -Djava.library.path=<TORCH4J_CUDA_LIBRARY_PATH>
#                              -Dorg.bytedeco.javacpp.platform.preloadpath=<TORCH4J_CUDA_LIBRARY_PATH>
#                              java.library.path set to these folders only keeps JavaCPP's last-resort
#                              System.loadLibrary("torch") from picking up a distribution's libtorch;
#                              preloadpath lets JavaCPP preload the CUDA libraries by full path.
set -u

mode=env
case "${1:-}" in
    --list) mode=list ;;
    --path) mode=path ;;
    ""|--env) ;;
    -h|--help) sed -n '2,35p' "$0"; exit 0 ;;
    *) echo "usage: $0 [--env|--list|--path]" >&2; exit 2 ;;
esac

found=""        # colon-separated folders, in order
seen=""         # their real paths, newline-separated
sources=""      # "folder<TAB>source" lines, for --list

has_cuda_libs() {
    for f in "$1"/libcuda.so* "$1"/libcudart.so* "$1"/libcublas*.so* "$1"/libcudnn*.so* "$1"/libnccl.so* \
             "$1"/libcusparse.so* "$1"/libcufft.so* "$1"/libcurand.so* "$1"/libcusolver.so* \
             "$1"/libnvrtc*.so* "$1"/libnvJitLink.so* "$1"/libcupti.so* "$1"/libcufile.so*; do
        [ -e "$f" ] && return 0
    done
    return 1
}

add() {   # add FOLDER SOURCE
    [ -d "$1" ] || return 0
    has_cuda_libs "$1" || return 0
    real=$(cd "$1" 2>/dev/null && pwd -P) || return 0
    case "
$seen
" in *"
$real
"*) return 0 ;; esac
    seen="$seen
$real"
    found="${found:+$found:}$1"
    sources="$sources$1	$2
"
}

add_toolkit() {   # add_toolkit ROOT SOURCE
    for sub in lib64 lib targets/x86_64-linux/lib extras/CUPTI/lib64; do
        add "$1/$sub" "$2"
    done
}

add_wheels() {   # add_wheels PREFIX/lib SOURCE   ->  PREFIX/lib/python3*/{site,dist}-packages/nvidia/*/lib
    for d in "$1"/python3*/site-packages/nvidia/*/lib "$1"/python3*/dist-packages/nvidia/*/lib; do
        add "$d" "$2"
    done
}

old_ifs=$IFS
IFS=:
for d in ${TORCH4J_CUDA_PATH:-}; do
    [ -n "$d" ] && add "$d" TORCH4J_CUDA_PATH
done
IFS=$old_ifs
user_path=$found

for v in CUDA_HOME CUDA_PATH; do
    eval "root=\${$v:-}"
    [ -n "$root" ] && add_toolkit "$root" "$v"
done
[ -n "${VIRTUAL_ENV:-}" ] && add_wheels "$VIRTUAL_ENV/lib" "pip wheel (VIRTUAL_ENV)"
[ -n "${CONDA_PREFIX:-}" ] && add_wheels "$CONDA_PREFIX/lib" "pip wheel (CONDA_PREFIX)"
add_toolkit /usr/local/cuda "CUDA toolkit"
for tk in $(ls -d /usr/local/cuda-13* 2>/dev/null | sort -r); do
    add_toolkit "$tk" "CUDA toolkit"
done
add_wheels "${HOME:-/nonexistent}/.local/lib" "pip wheel (user)"
add_wheels /usr/local/lib "pip wheel (system)"
add_wheels /usr/lib "pip wheel (system)"
add_wheels /opt/conda/lib "pip wheel (conda)"
for d in /usr/lib/wsl/lib /usr/local/nvidia/lib64 /usr/local/nvidia/lib; do
    add "$d" driver
done

discovered=${found#"$user_path"}
discovered=${discovered#:}
cuda_path=$found

case $mode in
path)
    printf '%s\n' "$cuda_path"
    ;;
list)
    if [ -z "$cuda_path" ]; then
        echo "no CUDA library folder found; install the NVIDIA driver plus a CUDA 13 toolkit, or"
        echo "pip install torch (CUDA 13 build), or name the folders in TORCH4J_CUDA_PATH"
        exit 1
    fi
    printf '%s' "$sources" | while IFS='	' read -r dir src; do
        libs=$(cd "$dir" && ls libcuda.so.1 libcudart.so.* libcublas*.so.* libcudnn*.so.? libnccl.so.* \
               libcusparse.so.* libcufft.so.* libcurand.so.* libcusolver.so.* libnvrtc.so.* \
               libnvJitLink.so.* libcupti.so.* libcufile.so.* 2>/dev/null | grep -E '\.so\.[0-9]+$' | tr '\n' ' ')
        printf '%s  [%s]\n    %s\n' "$dir" "$src" "$libs"
    done
    ;;
env)
    ld=${TORCH4J_CUDA_PATH:-}
    [ -n "${LD_LIBRARY_PATH:-}" ] && ld=${ld:+$ld:}$LD_LIBRARY_PATH
    [ -n "$discovered" ] && ld=${ld:+$ld:}$discovered
    # print shell-quoted assignments for eval
    q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
    printf 'export LD_LIBRARY_PATH=%s\n' "$(q "$ld")"
    printf 'export TORCH4J_CUDA_LIBRARY_PATH=%s\n' "$(q "$cuda_path")"
    printf 'export TORCH4J_JAVA_OPTS=%s\n' \
        "$(q "-Djava.library.path=$cuda_path -Dorg.bytedeco.javacpp.platform.preloadpath=$cuda_path")"
    ;;
esac
