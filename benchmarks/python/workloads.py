#!/usr/bin/python3
"""The PyTorch side of the benchmark workloads: the same programs as Workloads.java.

usage: workloads.py WORKLOAD SECONDS   -> prints one JSON line
"""
import json
import resource
import sys
import time

import torch
import torch.nn as nn

SIZES = {"notebook": (17, 100, 16, 2, 4), "medium": (5000, 100, 64, 32, 32), "large": (20000, 300, 256, 128, 64)}


CELLS = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}


class Net(nn.Module):
    """The notebook's model; cell "lstm" or "gru" swaps its RNN (Workloads.RecurrentNet in Java)."""

    def __init__(self, vocab, emb, hidden, cell="rnn"):
        super().__init__()
        self.embedding = nn.Embedding(vocab, emb, padding_idx=0)
        self.rnn = CELLS[cell](emb, hidden, batch_first=True)
        self.out = nn.Linear(hidden, 1)

    def forward(self, x):
        _, h_n = self.rnn(self.embedding(x))
        if isinstance(h_n, tuple):
            h_n = h_n[0]
        return self.out(h_n.squeeze(0))


def device():
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def sync(dev):
    if dev.type == "cuda":
        torch.cuda.synchronize()


OPTIMIZERS = {
    "adam": lambda ps: torch.optim.Adam(ps, lr=0.005),
    "sgd": lambda ps: torch.optim.SGD(ps, lr=0.005, momentum=0.9),
    "adamw": lambda ps: torch.optim.AdamW(ps, lr=0.005),
}


def training(size, dev, optimizer="adam", cell="rnn"):
    """The training loop's objects: the model at a size (its RNN or an LSTM or GRU in its place), its loss,
    the optimizer (the notebook's Adam lr=0.005; or SGD lr=0.005 with momentum 0.9, or AdamW lr=0.005)
    and one fixed batch."""
    vocab, emb, hidden, batch, seq = size
    model = Net(vocab, emb, hidden, cell).to(dev)
    criterion = nn.BCEWithLogitsLoss()
    optimizer = OPTIMIZERS[optimizer](model.parameters())
    x = torch.randint(1, vocab, (batch, seq), device=dev)
    y = torch.randint(0, 2, (batch, 1), device=dev).float()
    return model, criterion, optimizer, x, y


def train_step(size, dev, optimizer="adam", cell="rnn"):
    model, criterion, optimizer, x, y = training(size, dev, optimizer, cell)

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
        loss.item()
    return step


def forward_step(size, dev, cell="rnn"):
    vocab, emb, hidden, batch, seq = size
    model = Net(vocab, emb, hidden, cell).to(dev).eval()
    x = torch.randint(1, vocab, (batch, seq), device=dev)

    def step():
        with torch.no_grad():
            model(x).sum().item()
    return step


def ops_chain_step(dev):
    """No model: the same 20 tanh, sum and backward as Workloads.opsChainStep (per-operation cost)."""
    x = torch.randn(2, 16, device=dev, requires_grad=True)

    def step():
        y = x
        for _ in range(20):
            y = y.tanh()
        y.sum().backward()
        x.grad = None
    return step


def loader_workload(name, size, dev):
    from torch.utils.data import DataLoader, TensorDataset
    vocab, emb, hidden, batch, seq = size
    if name == "notebook_loader":
        x = torch.tensor([[2, 3, 4, 5], [6, 7, 0, 0], [8, 9, 0, 0], [10, 11, 0, 0], [12, 13, 0, 0], [14, 0, 0, 0],
                          [15, 16, 0, 0]])
        y = torch.tensor([1, 0, 0, 1, 1, 0, 1], dtype=torch.float32).unsqueeze(1)
        loader = DataLoader(TensorDataset(x, y), batch_size=2, shuffle=True)
        model = Net(vocab, emb, hidden, cell).to(dev)
        criterion = nn.BCEWithLogitsLoss()
        optimizer = torch.optim.Adam(model.parameters(), lr=0.005)

        def epoch():
            for xb, yb in loader:
                xb, yb = xb.to(dev), yb.to(dev)
                optimizer.zero_grad(set_to_none=True)
                loss = criterion(model(xb), yb)
                loss.backward()
                optimizer.step()
                loss.item()
        return epoch
    if name == "medium_loaderonly":
        x = torch.randint(1, vocab, (10000, seq))
        y = torch.randint(0, 2, (10000, 1)).float()
        loader = DataLoader(TensorDataset(x, y), batch_size=batch, shuffle=True)

        def epoch():
            for xb, yb in loader:
                xb.to(dev), yb.to(dev)
        return epoch
    raise SystemExit("unknown workload " + name)


WINDOW_SECONDS = 0.2


def measure(step, seconds, dev):
    """Steps/s over the measured time, and in its fastest window of at least WINDOW_SECONDS
    (the figure other processes on a shared machine disturb least)."""
    warm_end = time.perf_counter() + min(2.0, seconds / 2)
    while time.perf_counter() < warm_end:
        step()
    sync(dev)
    n, start = 0, time.perf_counter()
    end = start + seconds
    window_start, window_steps, fastest = start, 0, 0.0
    while True:
        step()
        n += 1
        window_steps += 1
        sync(dev)
        now = time.perf_counter()
        if now - window_start >= WINDOW_SECONDS:
            fastest = max(fastest, window_steps / (now - window_start))
            window_start, window_steps = now, 0
        if now >= end:
            return n / (now - start), fastest


def main():
    workload, seconds = sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 3.0
    torch.manual_seed(0)
    dev = device()
    if workload == "ops_chain":
        step = ops_chain_step(dev)
    else:
        parts = workload.split("_")  # SIZE_KIND, or SIZE_CELL_KIND for the LSTM and GRU variants
        size = SIZES[parts[0]]
        cell = parts[1] if parts[1] in ("lstm", "gru") else "rnn"
        kind = "_".join(parts[2:] if cell != "rnn" else parts[1:])
        step = {"train": lambda s, d, c: train_step(s, d, "adam", c), "forward": forward_step,
                "train_sgd": lambda s, d, c: train_step(s, d, "sgd", c),
                "train_adamw": lambda s, d, c: train_step(s, d, "adamw", c)}.get(kind)
        step = step(size, dev, cell) if step else loader_workload(workload, size, dev)
    rate, fastest = measure(step, seconds, dev)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    gpu = torch.cuda.max_memory_allocated(dev) / 2**20 if dev.type == "cuda" else -1
    print(json.dumps({"impl": "pytorch", "workload": workload, "steps_per_s": round(rate, 3),
                      "fastest_window_steps_per_s": round(fastest, 3),
                      "peak_rss_mb": round(peak, 1), "peak_gpu_mb": round(gpu, 1),
                      "threads": torch.get_num_threads(), "device": str(dev),
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
