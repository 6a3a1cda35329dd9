#!/usr/bin/python3
"""The PyTorch side of benchmarks/distributed.sh: the same program as DistributedBench.java.

usage: one process per rank with torchrun's environment (RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT), as
benchmarks/distributed.sh starts them; rank 0 prints one JSON line:
    distributed_bench.py allreduce BYTES ITERS
    distributed_bench.py ddp medium STEPS
"""
import json
import sys
import time

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP

from workloads import SIZES, training


def allreduce(nbytes, iters):
    t = torch.ones(nbytes // 4)
    for _ in range(max(5, iters // 10)):
        dist.all_reduce(t)
    dist.barrier()
    us = []
    for _ in range(iters):
        t0 = time.perf_counter()
        dist.all_reduce(t)
        us.append((time.perf_counter() - t0) * 1e6)
    us.sort()
    return {"impl": "pytorch", "bench": "allreduce", "bytes": nbytes, "iters": iters,
            "median_us": round(us[iters // 2], 1), "p10_us": round(us[iters // 10], 1),
            "p90_us": round(us[iters * 9 // 10], 1), "world": dist.get_world_size(), "torch": torch.__version__}


def ddp(size_name, steps):
    torch.manual_seed(dist.get_rank())
    net, criterion, optimizer, x, y = training(SIZES[size_name], torch.device("cpu"))
    model = DDP(net)  # the optimizer holds the same parameters

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
        loss.item()

    for _ in range(max(10, steps // 10)):
        step()
    dist.barrier()
    t0 = time.perf_counter()
    for _ in range(steps):
        step()
    dist.barrier()
    seconds = time.perf_counter() - t0
    return {"impl": "pytorch", "bench": "ddp_" + size_name, "steps": steps, "steps_per_s": round(steps / seconds, 3),
            "world": dist.get_world_size(), "torch": torch.__version__}


def main():
    dist.init_process_group("gloo")
    if sys.argv[1] == "allreduce":
        result = allreduce(int(sys.argv[2]), int(sys.argv[3]))
    else:
        result = ddp(sys.argv[2], int(sys.argv[3]))
    if dist.get_rank() == 0:
        print(json.dumps(result))
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
