#!/usr/bin/python3
"""Where a process's resident memory is, from /proc/PID/smaps (read while it runs).

usage: smaps_breakdown.py SMAPS_FILE [NMT_DETAIL_FILE]

Groups resident KiB by what owns the pages: the Java heap and the JVM's other mappings (from
`jcmd PID VM.native_memory detail`, run with -XX:NativeMemoryTracking=detail), glibc's malloc
arenas and other anonymous memory, and each shared library (libtorch, OpenBLAS, the JVM's, the
JavaCPP JNI glue, Python's). Without the NMT file, anonymous memory is one group.
"""
import collections
import re
import sys


def mappings(path):
    out, cur = [], None
    for line in open(path):
        m = re.match(r'^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$', line)
        if m:
            cur = [int(m.group(1), 16), int(m.group(2), 16), 0, m.group(3).strip() or "[anon]"]
            out.append(cur)
        elif line.startswith("Rss:"):
            cur[2] = int(line.split()[1])
    return out


def nmt_regions(path):
    regions, cat = [], None
    for line in open(path):
        m = re.match(r'^\[0x([0-9a-f]+) - 0x([0-9a-f]+)\] reserved \d+KB for (.+?) from', line)
        if m:
            cat = m.group(3)
            continue
        m = re.match(r'^\s+\[0x([0-9a-f]+) - 0x([0-9a-f]+)\] committed \d+KB', line)
        if m and cat:
            regions.append((int(m.group(1), 16), int(m.group(2), 16), cat))
    return regions


def group_of(name):
    base = name.rsplit("/", 1)[-1]
    if name == "[heap]":
        return "malloc: main arena ([heap])"
    if name.startswith("["):
        return "other " + name
    for key, group in (("libtorch", "libtorch .so (torch, torch_cpu, c10)"), ("libc10", "libtorch .so (torch, torch_cpu, c10)"),
                       ("libjnitorch", "JavaCPP JNI glue (libjni*.so, libjnijavacpp)"), ("libjni", "JavaCPP JNI glue (libjni*.so, libjnijavacpp)"),
                       ("openblas", "OpenBLAS .so"), ("libgfortran", "OpenBLAS .so"), ("libquadmath", "OpenBLAS .so"),
                       ("libjvm", "JVM .so + CDS archive + modules"), ("classes", "JVM .so + CDS archive + modules"),
                       ("modules", "JVM .so + CDS archive + modules"), ("libjava", "JVM .so + CDS archive + modules"),
                       ("python3", "Python interpreter + extension modules"), ("cpython", "Python interpreter + extension modules"),
                       ("libtorch_python", "libtorch .so (torch, torch_cpu, c10)"), ("libcud", "CUDA runtime .so (cudart, cupti)"),
                       ("libcupti", "CUDA runtime .so (cudart, cupti)")):
        if key in base:
            return group
    return "other shared libraries and files"


def main():
    maps = mappings(sys.argv[1])
    regions = nmt_regions(sys.argv[2]) if len(sys.argv) > 2 else []
    groups = collections.Counter()
    for start, end, rss, name in maps:
        if rss == 0:
            continue
        if name != "[anon]":
            groups[group_of(name)] += rss
            continue
        covered = 0.0
        for rs, re_, cat in regions:
            lo, hi = max(start, rs), min(end, re_)
            if lo < hi:
                share = rss * (hi - lo) / (end - start)
                groups["JVM: " + cat] += share
                covered += share
        rest = rss - covered
        if rest > 0:
            groups["anonymous: malloc arenas, libraries' own mmaps" if regions else "anonymous (heap, arenas, ...)"] += rest
    total = sum(groups.values())
    print("resident %.1f MiB" % (total / 1024))
    for g, kb in groups.most_common():
        if kb >= 512:
            print("  %7.1f MiB  %s" % (kb / 1024, g))


if __name__ == "__main__":
    main()
