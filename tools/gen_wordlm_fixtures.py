#!/usr/bin/python3
"""Runs pytorch/examples' word_language_model/main.py, unchanged, on the small corpus and records its numbers.

Run with Debian's python3-torch (1.13):  /usr/bin/python3 tools/gen_wordlm_fixtures.py
Input:  tools/word_language_model/{main,model,data}.py, copied unchanged from pytorch/examples at commit
        77f55b912142e11fcfdf5b530231fb9c52f181e8 (BSD 3-Clause, see that folder's LICENSE), and the corpus
        examples/data/wordlm/{train,valid,test}.txt.
Output: src/test/resources/fixtures/examples/wordlm_keys.tsv: the state dict keys and shapes of model.py's models
        (a tied LSTM, a GRU, a Transformer), so the Java models save what PyTorch saves.
        src/test/resources/fixtures/examples/wordlm.tsv (small; committed). Per run, a row with its flags
        (name, "args", the flags besides --data and --save), then one row per number main.py prints:
        run name, kind (train: a log interval's mean training loss, with its epoch, batch and lr; valid: an epoch's
        validation loss; test: the final test loss of the best saved model), and the value as repr() writes it,
        so Java reads back the same double. WordLanguageModelTest runs the Java port with each run's flags.

main.py prints losses rounded to two decimals; to record them exactly this script wraps math.exp, which main.py
calls on every loss it prints (math.exp(cur_loss), math.exp(val_loss), math.exp(test_loss)), and print, to tell
which line the value belonged to. Two shims let the current main.py run on torch 1.13, neither touching the
numbers: torch.serialization.safe_globals (added in 2.4; a no-op context here, since 1.13's torch.load loads any
pickled module) and torch.accelerator (added in 2.6; only read with --accel, which these runs do not pass).
The learning rates keep training stable: with the upstream default lr 20, a 2-layer GRU with dropout here matches
for 4 steps, then a one-ulp difference in a loss (libtorch 2.10 and 1.13 round some sums differently) doubles
every step and reaches 1e-2 within 40 steps; at lr 4 the same run matches to 5e-8 over 4 epochs.
The runs cover annealing (lstm_tied: epoch 2 does not improve, so epoch 3 runs at lr 5) and loading the best
model rather than the last (rnn_relu: epoch 3 is worse than epoch 2, whose saved model gives the test loss).
Adding a run is adding a row to RUNS (and the same name to the Java test's table).
"""
import builtins
import contextlib
import math
import os
import runpy
import sys
import tempfile

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
UPSTREAM = os.path.join(HERE, "word_language_model")
DATA = os.path.join(HERE, "..", "examples", "data", "wordlm")
OUT = os.path.join(HERE, "..", "src", "test", "resources", "fixtures", "examples")

COMMON = ["--emsize", "16", "--nhid", "16", "--nlayers", "2", "--epochs", "3", "--batch_size", "4",
          "--bptt", "8", "--log-interval", "10", "--seed", "1111"]
# name, flags after COMMON (argparse keeps the last value of a repeated flag)
RUNS = [
    ("lstm_tied", ["--model", "LSTM", "--dropout", "0.2", "--tied", "--lr", "20"]),
    ("gru", ["--model", "GRU", "--dropout", "0.3", "--lr", "4", "--epochs", "4"]),
    ("rnn_relu", ["--model", "RNN_RELU", "--dropout", "0.0", "--lr", "3", "--nlayers", "1"]),
    ("transformer", ["--model", "Transformer", "--nhid", "32", "--nhead", "2", "--dropout", "0.2", "--lr", "2"]),
]


def run(flags):
    records = []
    pending = []
    real_exp, real_print = math.exp, builtins.print

    def exp(x):
        pending.append(float(x))
        return real_exp(x)

    def record_print(*args, **kwargs):
        line = " ".join(str(a) for a in args)
        if line.startswith("| epoch"):
            parts = [p.split() for p in line.split("|")]
            epoch = int(parts[1][1])
            batch = int(parts[2][0].split("/")[0])
            lr = float(parts[3][1])
            records.append(("train", epoch, batch, lr, pending.pop()))
        elif line.startswith("| end of epoch"):
            records.append(("valid", int(line.split("|")[1].split()[3]), "", "", pending.pop()))
        elif line.startswith("| End of training"):
            records.append(("test", "", "", "", pending.pop()))
        assert not pending, line
        real_print(*args, **kwargs)

    with tempfile.TemporaryDirectory() as tmp:
        argv = ["main.py", "--data", DATA, "--save", os.path.join(tmp, "model.pt")] + COMMON + flags
        old_argv, old_path = sys.argv, list(sys.path)
        sys.argv = argv
        sys.path.insert(0, UPSTREAM)
        math.exp, builtins.print = exp, record_print
        try:
            runpy.run_path(os.path.join(UPSTREAM, "main.py"), run_name="__main__")
        finally:
            math.exp, builtins.print = real_exp, real_print
            sys.argv, sys.path[:] = old_argv, old_path
            for m in ("data", "model"):
                sys.modules.pop(m, None)
    return argv[1:], records


def main():
    if not hasattr(torch.serialization, "safe_globals"):
        torch.serialization.safe_globals = lambda globs: contextlib.nullcontext()
    os.makedirs(OUT, exist_ok=True)
    lines = ["# written by tools/gen_wordlm_fixtures.py (torch %s): pytorch/examples word_language_model/main.py "
             "on examples/data/wordlm" % torch.__version__,
             "# run\targs\tflags", "# run\tkind\tepoch\tbatch\tlr\tloss"]
    for name, flags in RUNS:
        argv, records = run(flags)
        lines.append("\t".join([name, "args", " ".join(COMMON + flags)]))
        for kind, epoch, batch, lr, loss in records:
            lines.append("\t".join([name, kind, str(epoch), str(batch), repr(lr) if lr != "" else "", repr(loss)]))
    with open(os.path.join(OUT, "wordlm.tsv"), "w") as f:
        f.write("\n".join(lines) + "\n")

    # the state dict keys (and shapes) of the models, in order, for a small vocabulary
    sys.path.insert(0, UPSTREAM)
    import model
    keys = ["# written by tools/gen_wordlm_fixtures.py: model.py's state_dict() keys and shapes",
            "# model\tkey\tshape"]
    for name, m in [("RNNModel('LSTM', 10, 6, 6, 2, 0.5, True)", model.RNNModel("LSTM", 10, 6, 6, 2, 0.5, True)),
                    ("RNNModel('GRU', 10, 6, 4, 1)", model.RNNModel("GRU", 10, 6, 4, 1)),
                    ("TransformerModel(10, 6, 2, 8, 2)", model.TransformerModel(10, 6, 2, 8, 2))]:
        for k, v in m.state_dict().items():
            keys.append("%s\t%s\t%s" % (name, k, ",".join(str(d) for d in v.shape)))
    with open(os.path.join(OUT, "wordlm_keys.tsv"), "w") as f:
        f.write("\n".join(keys) + "\n")


if __name__ == "__main__":
    main()
