#!/usr/bin/python3
"""Table, JSON and PNG from benchmarks/results/results.jsonl (written by benchmarks/run.sh)."""
import json
import statistics
import sys
from collections import defaultdict

out = sys.argv[1] if len(sys.argv) > 1 else "benchmarks/results"
runs = defaultdict(list)
for line in open(out + "/results.jsonl"):
    r = json.loads(line)
    runs[(r["workload"], r["impl"], r["setting"])].append(r)


def stat(workload, impl, setting):
    rs = runs.get((workload, impl, setting))
    if not rs:
        return None
    v = [r["steps_per_s"] for r in rs]
    w = [r["fastest_window_steps_per_s"] for r in rs if r.get("fastest_window_steps_per_s")]
    return {"median": statistics.median(v), "min": min(v), "max": max(v), "n": len(v),
            "fastest_window": max(w) if w else None,
            "peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in rs),
            "peak_gpu_mb": statistics.median(r.get("peak_gpu_mb", -1) for r in rs)}


def best(workload, impl):
    cands = [(s, stat(w, i, s)) for (w, i, s) in runs if w == workload and i == impl]
    cands = [(s, st) for s, st in cands if st]
    return max(cands, key=lambda c: c[1]["median"]) if cands else (None, None)


def fmt(st):
    if not st:
        return "-"
    spread = (st["max"] - st["min"]) / st["median"] * 100 if st["median"] else 0
    return "%.1f ±%.0f%%" % (st["median"], spread / 2)


workloads = list(dict.fromkeys(w for (w, _, _) in runs))
table, summary = [], []
head = ("workload", "torch4j default", "PyTorch default", "ratio", "torch4j best", "PyTorch best", "ratio",
        "fastest 0.2 s, defaults", "ratio", "raw JavaCPP best", "torch4j RSS MB", "PyTorch RSS MB")
gpu = any(r.get("peak_gpu_mb", -1) >= 0 for rs in runs.values() for r in rs)
if gpu:
    head += ("torch4j GPU MB", "PyTorch GPU MB")
for w in workloads:
    jd, pd = stat(w, "torch4j", "default"), stat(w, "pytorch", "default")
    (js, jb), (ps, pb) = best(w, "torch4j"), best(w, "pytorch")
    rs, rb = best(w, "javacpp-raw")
    rd = jd["median"] / pd["median"] if jd and pd else None
    rbest = jb["median"] / pb["median"] if jb and pb else None
    jw, pw = (jd or {}).get("fastest_window"), (pd or {}).get("fastest_window")
    rw = jw / pw if jw and pw else None
    table.append((w, fmt(jd), fmt(pd), "%.2fx" % rd if rd else "-", "%s (%s)" % (fmt(jb), js),
                  "%s (%s)" % (fmt(pb), ps), "%.2fx" % rbest if rbest else "-",
                  "%.1f / %.1f" % (jw, pw) if rw else "-", "%.2fx" % rw if rw else "-",
                  "%s (%s)" % (fmt(rb), rs) if rb else "-",
                  "%.0f" % jd["peak_rss_mb"] if jd else "-", "%.0f" % pd["peak_rss_mb"] if pd else "-")
                 + (("%.0f" % jd["peak_gpu_mb"] if jd else "-", "%.0f" % pd["peak_gpu_mb"] if pd else "-") if gpu else ()))
    summary.append({"workload": w, "torch4j_default": jd, "pytorch_default": pd, "ratio_default": rd,
                    "torch4j_best": jb, "torch4j_best_setting": js, "pytorch_best": pb, "pytorch_best_setting": ps,
                    "ratio_best": rbest, "ratio_fastest_window": rw, "raw_best": rb, "raw_best_setting": rs})

widths = [max(len(str(row[i])) for row in [head] + table) for i in range(len(head))]
versions = {impl: next((r["torch"] for rs in runs.values() for r in rs if r["impl"] == impl and "torch" in r), "?")
            for impl in ("torch4j", "pytorch")}
print("torch4j on libtorch %s, PyTorch %s: ops_chain compares the two libtorch releases' cost per operation"
      % (versions["torch4j"], versions["pytorch"]))
print("steps/s (median ±half the spread), ratio = torch4j / PyTorch (>1: torch4j faster); fastest 0.2 s: the best\n"
      "window of any run at default settings, the figure least disturbed by other processes on a shared machine")
for row in [head] + table:
    print("  ".join(str(c).ljust(widths[i]) for i, c in enumerate(row)))
json.dump(summary, open(out + "/results.json", "w"), indent=1)
try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(9, 4))
    xs = range(len(summary))
    ax.bar([x - 0.27 for x in xs], [s["ratio_default"] or 0 for s in summary], 0.27, label="defaults")
    ax.bar(list(xs), [s["ratio_best"] or 0 for s in summary], 0.27, label="best settings")
    ax.bar([x + 0.27 for x in xs], [s["ratio_fastest_window"] or 0 for s in summary], 0.27,
           label="fastest 0.2 s, defaults")
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_xticks(list(xs))
    ax.set_xticklabels([s["workload"] for s in summary], rotation=20)
    ax.set_ylabel("torch4j / PyTorch steps per second")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out + "/chart.png", dpi=100)
    print("wrote", out + "/results.json", out + "/chart.png")
except ImportError:
    print("wrote", out + "/results.json", "(no chart: apt-get install python3-matplotlib)")
