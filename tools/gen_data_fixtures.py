#!/usr/bin/python3
"""Expected DataLoader batch counts and batch sizes, from PyTorch's own DataLoader.

Run with Debian's python3-torch:  /usr/bin/python3 tools/gen_data_fixtures.py
Writes src/test/resources/fixtures/data/loader_sizes.tsv: n, batch_size, drop_last, len(loader),
and the batch sizes of one epoch joined by commas.
"""
import os

import torch
from torch.utils.data import DataLoader, TensorDataset

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "data")

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "loader_sizes.tsv"), "w") as f:
        for n in (1, 2, 7, 10, 64, 100):
            for bs in (1, 2, 3, 7, 32, 128):
                for drop in (False, True):
                    ds = TensorDataset(torch.arange(n), torch.zeros(n, 2))
                    loader = DataLoader(ds, batch_size=bs, shuffle=False, drop_last=drop)
                    sizes = [len(x) for x, _ in loader]
                    f.write("%d\t%d\t%s\t%d\t%s\n" % (n, bs, str(drop).lower(), len(loader),
                                                     ",".join(map(str, sizes))))
        # pad_sequence(batch_first=True) of three variable-length rows
    rows = [torch.tensor([1, 2, 3]), torch.tensor([4]), torch.tensor([5, 6])]
    padded = torch.nn.utils.rnn.pad_sequence(rows, batch_first=True, padding_value=-1)
    with open(os.path.join(OUT, "pad_sequence.tsv"), "w") as f:
        f.write(" ".join(map(str, padded.shape)) + "\t" + " ".join(map(str, padded.flatten().tolist())) + "\n")
    print("torch", torch.__version__, "->", os.path.abspath(OUT))
