#!/usr/bin/python3
"""Where one CPU training step's time goes in PyTorch: the same loop as Phases.java.

usage: phases.py SIZE STEPS [CELL]   -> one JSON line of microseconds per step (second of two passes).
The previous step's graph is freed here as its variables are rebound, inside forward and loss, so
"free" is null: Java frees it when the step's scope closes.
"""
import json
import sys
import time

import torch

from workloads import SIZES, training

NAMES = ["zero_grad", "forward", "loss", "backward", "step", "item"]


def main():
    size, steps = sys.argv[1], int(sys.argv[2])
    cell = sys.argv[3] if len(sys.argv) > 3 else "rnn"
    torch.manual_seed(0)
    model, criterion, optimizer, x, y = training(SIZES[size], torch.device("cpu"), cell=cell)
    clock = time.perf_counter_ns
    for _ in range(2):
        ns = [0] * len(NAMES)
        for _ in range(steps):
            t0 = clock()
            optimizer.zero_grad(set_to_none=True)
            t1 = clock()
            out = model(x)
            t2 = clock()
            loss = criterion(out, y)
            t3 = clock()
            loss.backward()
            t4 = clock()
            optimizer.step()
            t5 = clock()
            loss.item()
            t6 = clock()
            for k, (a, b) in enumerate([(t0, t1), (t1, t2), (t2, t3), (t3, t4), (t4, t5), (t5, t6)]):
                ns[k] += b - a
    us = {n: round(v / 1e3 / steps, 1) for n, v in zip(NAMES, ns)}
    us["free"] = None
    print(json.dumps({"impl": "pytorch", "size": size, "cell": cell, "us": us, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
