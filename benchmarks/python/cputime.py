#!/usr/bin/python3
"""The PyTorch side of CpuTime.java: CPU time per training step (best of five windows), one thread.

usage: OPENBLAS_NUM_THREADS=1 cputime.py WORKLOAD STEPS   -> prints one JSON line
"""
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workloads  # noqa: E402


def main():
    workload, steps = sys.argv[1], int(sys.argv[2])
    torch.set_num_threads(1)
    torch.manual_seed(0)
    parts = workload.split("_")  # SIZE_KIND or SIZE_CELL_KIND (lstm, gru)
    cell = parts[1] if parts[1] in ("lstm", "gru") else "rnn"
    kind = "_".join(parts[2:] if cell != "rnn" else parts[1:])
    optimizer = {"train": "adam", "train_sgd": "sgd", "train_adamw": "adamw"}[kind]
    step = workloads.train_step(workloads.SIZES[parts[0]], torch.device("cpu"), optimizer, cell)
    for _ in range(min(steps, 300)):
        step()
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        for _ in range(steps):
            step()
        best = min(best, (time.process_time() - start) / steps)
    print(json.dumps({"impl": "pytorch", "workload": workload, "cpu_us_per_step": round(best * 1e6, 1),
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
