#!/usr/bin/python3
"""The PyTorch side of benchmarks/footprint.sh: the seed notebook from its first line to its
training loop (tokenize, vocabulary, pad, DataLoader, model, Adam, steps), as Footprint.java.

usage: footprint.py STEPS [HOLD_SECONDS] [--nltk]   -> prints one JSON line

Prints the wall-clock time (epoch ns) at which the first training step ended, the time from just
before `import torch` to then, the resident set after the last step and its peak. Tokenizes with
str.split() unless --nltk (the notebook's nltk.word_tokenize, whose import costs time and memory);
the sentences have no punctuation, so both give the same tokens.
"""
import os
import sys
import time

IMPORT_START = time.time_ns()
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
from torch.utils.data import DataLoader, TensorDataset  # noqa: E402

from workloads import Net as SimpleNet  # noqa: E402  the notebook's model, as the other benchmarks build it


def status_mib(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024.0
    return -1


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    steps = int(args[0])
    hold = int(args[1]) if len(args) > 1 else 0
    if "--nltk" in sys.argv:
        from nltk.tokenize import word_tokenize as nltk_word_tokenize

        def word_tokenize(s):
            return nltk_word_tokenize(s, preserve_line=True)
    else:
        def word_tokenize(s):
            return s.split()
    torch.manual_seed(42)
    sentences = ["nice great best amazing", "stop lies", "pitiful nerd", "excellent work", "supreme quality",
                 "bad", "highly respectable"]
    labels = [1, 0, 0, 1, 1, 0, 1]
    tokens = [word_tokenize(s) for s in sentences]
    word2idx = {"<PAD>": 0, "<UNK>": 1}
    for sent in tokens:
        for w in sent:
            word2idx.setdefault(w, len(word2idx))
    encoded = [[word2idx[w] for w in sent][:4] for sent in tokens]
    x = torch.tensor([e + [0] * (4 - len(e)) for e in encoded])
    y = torch.tensor(labels, dtype=torch.float32).unsqueeze(1)
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(TensorDataset(x, y), batch_size=2, shuffle=True)
    model = SimpleNet(len(word2idx), 100, 16).to(dev)
    criterion = nn.BCEWithLogitsLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.005)
    done, first_end = 0, 0
    while done < steps:
        for xb, yb in loader:
            xb, yb = xb.to(dev), yb.to(dev)
            optimizer.zero_grad()
            loss = criterion(model(xb), yb)
            loss.backward()
            optimizer.step()
            loss.item()
            done += 1
            if done == 1:
                first_end = time.time_ns()
            if done == steps:
                break
    rate = (done - 1) / ((time.time_ns() - first_end) / 1e9) if done > 1 else 0
    print('{"impl": "pytorch", "steps": %d, "first_step_end_ns": %d, "import_to_first_step_s": %.3f, '
          '"rss_mb": %.1f, "peak_rss_mb": %.1f, "steps_per_s": %.0f, "torch": "%s"}'
          % (done, first_end, (first_end - IMPORT_START) / 1e9, status_mib("VmRSS"), status_mib("VmHWM"), rate,
             torch.__version__), flush=True)
    if hold:
        print("HOLD %d" % os.getpid(), flush=True)
        time.sleep(hold)


if __name__ == "__main__":
    main()
