#!/usr/bin/python3
"""Writes the expected values for torch4j's recurrent modules and packed sequences, computed by PyTorch.

Run with Debian's python3-torch:  /usr/bin/python3 tools/gen_rnn_fixtures.py
Output: src/test/resources/fixtures/rnn/ (small; committed):
  cases.tsv           the table: one row per configuration (module, its options, how the input is given, h0,
                      train or eval, seed; the RNG is seeded with 2000 + seed right before the forward, which is where
                      dropout between layers draws its masks); RecurrentFixturesTest builds the same module from each row
  <case>.safetensors  per row: "init" every parameter right after construction under the row's seed, flat in
                      named_parameters order (the Java module must equal it bit for bit); the inputs ("x",
                      "h0", "c0", "lengths"); the upstream gradients of the loss sum(out * g) ("g.output",
                      "g.hN", "g.cN"); the results ("output", "hN", "cN"; for packed input also "packed.data",
                      "packed.batch_sizes", "packed.sorted_indices", "packed.unsorted_indices" of the packed
                      input, "output.data" of the packed output and "output" padded back with its "lengths");
                      the gradients of the inputs ("grad.x", "grad.h0", "grad.c0") and of every parameter, flat
                      in named_parameters order ("grads")
  pack.safetensors    pack_padded_sequence / pad_packed_sequence / pad_sequence / pack_sequence cases
  lstm_state.pt,      state dicts saved by torch.save(model.state_dict()) of an LSTM and a GRU (2 layers,
  gru_state.pt        bidirectional, LSTM with proj_size), with states.safetensors: their input and outputs
  tied.safetensors,   a word-language-model style net whose decoder.weight is encoder.weight (one Parameter):
  tied.pt             its parameters after two Adam steps, and its state dict as torch.save writes it
  errors.tsv          the messages Python's own layer raises for mistakes torch4j checks in Java
  reprs.tsv           module reprs

Adding a configuration is adding a row to CASES. This is torch 1.13; the checks that 2.x added to RNNBase and
RNNCell (input_size > 0, the dtype message, 1-D/2-D cell inputs) are written in ERRORS_2X from torch 2.x's
torch/nn/modules/rnn.py, since running 1.13 cannot produce them.
"""
import os
import sys

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence, pack_sequence

sys.path.insert(0, os.path.dirname(__file__))
import gen_core_fixtures as core  # noqa: E402  (the safetensors writer the core fixtures use)

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "rnn")
IN, HID, T, B = 2, 4, 4, 3
LENGTHS_SORTED = [4, 2, 1]
LENGTHS_UNSORTED = [2, 4, 1]

# name, module, num_layers, nonlinearity, bias, batch_first, dropout, bidirectional, proj_size,
# input (batched | unbatched | packed_sorted | packed_unsorted), h0 (0/1), train (0/1)
CASES = [
    ("rnn_tanh_h0", "RNN", 1, "tanh", 1, 0, 0.0, 0, 0, "batched", 1, 1),
    ("rnn_relu_bf_unbatched", "RNN", 1, "relu", 1, 1, 0.0, 0, 0, "unbatched", 1, 1),
    ("rnn_relu_2l_bidir_bf", "RNN", 2, "relu", 1, 1, 0.0, 1, 0, "batched", 1, 1),
    ("rnn_tanh_3l_nobias", "RNN", 3, "tanh", 0, 0, 0.0, 0, 0, "batched", 0, 1),
    ("rnn_packed_unsorted", "RNN", 1, "tanh", 1, 0, 0.0, 0, 0, "packed_unsorted", 1, 1),
    ("rnn_packed_bidir_bf", "RNN", 2, "tanh", 1, 1, 0.0, 1, 0, "packed_sorted", 0, 1),
    ("lstm_basic", "LSTM", 1, "", 1, 0, 0.0, 0, 0, "batched", 0, 1),
    ("lstm_h0", "LSTM", 1, "", 1, 0, 0.0, 0, 0, "batched", 1, 1),
    ("lstm_bf_unbatched_h0", "LSTM", 1, "", 1, 1, 0.0, 0, 0, "unbatched", 1, 1),
    ("lstm_unbatched", "LSTM", 2, "", 1, 0, 0.0, 0, 0, "unbatched", 0, 1),
    ("lstm_2l_bidir", "LSTM", 2, "", 1, 0, 0.0, 1, 0, "batched", 1, 1),
    ("lstm_nobias_bf", "LSTM", 1, "", 0, 1, 0.0, 0, 0, "batched", 1, 1),
    ("lstm_proj", "LSTM", 1, "", 1, 0, 0.0, 0, 2, "batched", 1, 1),
    ("lstm_proj_2l_bidir_bf", "LSTM", 2, "", 1, 1, 0.0, 1, 2, "batched", 1, 1),
    ("lstm_proj_nobias_unbatched", "LSTM", 2, "", 0, 0, 0.0, 0, 3, "unbatched", 1, 1),
    ("lstm_packed_sorted", "LSTM", 1, "", 1, 0, 0.0, 0, 0, "packed_sorted", 0, 1),
    ("lstm_packed_unsorted_h0", "LSTM", 2, "", 1, 1, 0.0, 0, 0, "packed_unsorted", 1, 1),
    ("lstm_packed_proj_bidir_unsorted", "LSTM", 2, "", 1, 0, 0.0, 1, 2, "packed_unsorted", 1, 1),
    ("lstm_eval_dropout", "LSTM", 2, "", 1, 0, 0.5, 0, 0, "batched", 1, 0),
    ("lstm_train_dropout", "LSTM", 2, "", 1, 0, 0.5, 0, 0, "batched", 1, 1),
    ("gru_train_dropout_bidir", "GRU", 3, "", 1, 1, 0.4, 1, 0, "batched", 0, 1),
    ("lstm_eval", "LSTM", 2, "", 1, 1, 0.0, 1, 0, "batched", 1, 0),
    ("gru_basic", "GRU", 1, "", 1, 0, 0.0, 0, 0, "batched", 0, 1),
    ("gru_h0_bf", "GRU", 1, "", 1, 1, 0.0, 0, 0, "batched", 1, 1),
    ("gru_unbatched_h0", "GRU", 1, "", 1, 0, 0.0, 0, 0, "unbatched", 1, 1),
    ("gru_2l_bidir", "GRU", 2, "", 1, 0, 0.0, 1, 0, "batched", 1, 1),
    ("gru_nobias", "GRU", 2, "", 0, 0, 0.0, 0, 0, "batched", 1, 1),
    ("gru_packed_unsorted_bf", "GRU", 1, "", 1, 1, 0.0, 0, 0, "packed_unsorted", 1, 1),
    ("gru_packed_sorted_bidir", "GRU", 2, "", 1, 0, 0.0, 1, 0, "packed_sorted", 1, 1),
    ("gru_eval_dropout", "GRU", 3, "", 1, 1, 0.3, 0, 0, "batched", 0, 0),
    ("rnncell_tanh", "RNNCell", 1, "tanh", 1, 0, 0.0, 0, 0, "batched", 1, 1),
    ("rnncell_relu_nobias_unbatched", "RNNCell", 1, "relu", 0, 0, 0.0, 0, 0, "unbatched", 1, 1),
    ("rnncell_no_hx", "RNNCell", 1, "tanh", 1, 0, 0.0, 0, 0, "batched", 0, 1),
    ("lstmcell", "LSTMCell", 1, "", 1, 0, 0.0, 0, 0, "batched", 1, 1),
    ("lstmcell_unbatched_no_hx", "LSTMCell", 1, "", 1, 0, 0.0, 0, 0, "unbatched", 0, 1),
    ("lstmcell_nobias_unbatched", "LSTMCell", 1, "", 0, 0, 0.0, 0, 0, "unbatched", 1, 1),
    ("grucell", "GRUCell", 1, "", 1, 0, 0.0, 0, 0, "batched", 1, 1),
    ("grucell_unbatched", "GRUCell", 1, "", 1, 0, 0.0, 0, 0, "unbatched", 1, 1),
    ("gru_1l_nobias_h0", "GRU", 1, "", 0, 0, 0.0, 0, 0, "batched", 1, 1),
    ("gru_1l_nobias", "GRU", 1, "", 0, 1, 0.0, 0, 0, "batched", 0, 1),
    ("rnn_1l_nobias_relu", "RNN", 1, "relu", 0, 0, 0.0, 0, 0, "batched", 0, 1),
]
COLUMNS = ["name", "module", "num_layers", "nonlinearity", "bias", "batch_first", "dropout", "bidirectional",
           "proj_size", "input", "h0", "train", "seed"]


def save(name, tensors):
    core.OUT = OUT
    core.save(name, {k: v.float() if v.is_floating_point() else v.long() for k, v in tensors.items()})


def flat(tensors):
    return torch.cat([t.detach().reshape(-1) for t in tensors]) if tensors else torch.zeros(0)


def make(row, seed):
    name, module, layers, nonlin, bias, bf, dropout, bidir, proj = row[:9]
    torch.manual_seed(seed)
    if module == "RNN":
        return nn.RNN(IN, HID, layers, nonlinearity=nonlin, bias=bool(bias), batch_first=bool(bf), dropout=dropout,
                      bidirectional=bool(bidir))
    if module == "LSTM":
        return nn.LSTM(IN, HID, layers, bias=bool(bias), batch_first=bool(bf), dropout=dropout,
                       bidirectional=bool(bidir), proj_size=proj)
    if module == "GRU":
        return nn.GRU(IN, HID, layers, bias=bool(bias), batch_first=bool(bf), dropout=dropout,
                      bidirectional=bool(bidir))
    if module == "RNNCell":
        return nn.RNNCell(IN, HID, bool(bias), nonlin)
    if module == "LSTMCell":
        return nn.LSTMCell(IN, HID, bool(bias))
    return nn.GRUCell(IN, HID, bool(bias))


def leaf(t):
    return t.detach().clone().requires_grad_(True)


def run_case(row, seed):
    name, module, layers, nonlin, bias, bf, dropout, bidir, proj, mode, with_h0, train = row
    m = make(row, seed)
    m.train(bool(train))
    out = {"init": flat(list(m.parameters()))}
    torch.manual_seed(1000 + seed)
    cell = module.endswith("Cell")
    dirs = 2 if bidir else 1
    h_out = proj if proj else HID
    if cell:
        x = leaf(torch.randn(B, IN) if mode == "batched" else torch.randn(IN))
        state_shape = (B, HID) if mode == "batched" else (HID,)
        h_shape = c_shape = state_shape
    else:
        if mode == "unbatched":
            x = leaf(torch.randn(T, IN))
            h_shape, c_shape = (layers * dirs, h_out), (layers * dirs, HID)
        else:
            x = leaf(torch.randn(B, T, IN) if bf else torch.randn(T, B, IN))
            h_shape, c_shape = (layers * dirs, B, h_out), (layers * dirs, B, HID)
    out["x"] = x
    h0 = leaf(torch.randn(h_shape)) if with_h0 else None
    c0 = leaf(torch.randn(c_shape)) if with_h0 and module.startswith("LSTM") else None
    if h0 is not None:
        out["h0"] = h0
    if c0 is not None:
        out["c0"] = c0
    hx = (h0, c0) if c0 is not None else h0
    packed = mode.startswith("packed")
    torch.manual_seed(2000 + seed)  # the Java test seeds the same before its forward: dropout draws from here
    if packed:
        lengths = LENGTHS_SORTED if mode == "packed_sorted" else LENGTHS_UNSORTED
        out["lengths"] = torch.tensor(lengths)
        p = pack_padded_sequence(x, torch.tensor(lengths), batch_first=bool(bf), enforce_sorted=mode == "packed_sorted")
        out["packed.data"], out["packed.batch_sizes"] = p.data, p.batch_sizes
        if p.sorted_indices is not None:
            out["packed.sorted_indices"], out["packed.unsorted_indices"] = p.sorted_indices, p.unsorted_indices
        result = m(p, hx) if hx is not None else m(p)
        out["output.data"] = result[0].data
        output, out_lengths = pad_packed_sequence(result[0], batch_first=bool(bf))
        out["output.lengths"] = out_lengths
        states = result[1]
    elif cell:
        result = m(x, hx) if hx is not None else m(x)
        output, states = None, result
    else:
        result = m(x, hx) if hx is not None else m(x)
        output, states = result
    named = {}
    if output is not None:
        named["output"] = output
    if module.startswith("LSTM"):
        named["hN"], named["cN"] = states
    else:
        named["hN"] = states
    loss = 0
    for key, value in named.items():
        g = torch.randn(value.shape)
        out[key], out["g." + key] = value, g
        loss = loss + (value * g).sum()
    loss.backward()
    out["grad.x"] = x.grad
    if h0 is not None:
        out["grad.h0"] = h0.grad
    if c0 is not None:
        out["grad.c0"] = c0.grad
    out["grads"] = flat([p.grad if p.grad is not None else torch.zeros_like(p) for p in m.parameters()])
    save(name, out)


def cases():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "cases.tsv"), "w") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for i, row in enumerate(CASES):
            seed = 100 + i
            run_case(row, seed)
            f.write("\t".join(str(v) for v in row) + "\t" + str(seed) + "\n")


def pack_cases():
    """The nn.utils.rnn functions alone, on integer-valued data so that every element is exact."""
    out = {}
    a, b, c = torch.tensor([1., 2., 3.]), torch.tensor([4., 5.]), torch.tensor([6.])
    out["seq.a"], out["seq.b"], out["seq.c"] = a, b, c
    out["pad_sequence"] = pad_sequence([a, b, c])
    out["pad_sequence.bf.-1"] = pad_sequence([b, a, c], batch_first=True, padding_value=-1)
    # 1.13 has no padding_side: the left-padded batch is each sequence right-aligned, built here by hand
    left = torch.full((3, 3), -1.)
    for i, s in enumerate([b, a, c]):
        left[i, 3 - len(s):] = s
    out["pad_sequence.bf.-1.left"] = left
    p = pack_sequence([a, b, c])
    out["pack_sequence.data"], out["pack_sequence.batch_sizes"] = p.data, p.batch_sizes
    p = pack_sequence([b, a, c], enforce_sorted=False)
    out["pack_sequence.unsorted.data"], out["pack_sequence.unsorted.batch_sizes"] = p.data, p.batch_sizes
    out["pack_sequence.unsorted.sorted_indices"] = p.sorted_indices
    out["pack_sequence.unsorted.unsorted_indices"] = p.unsorted_indices
    # (B, T, 2) with lengths [2, 3, 1], batch first, unsorted; then padded back to total_length 5 with 9
    x = torch.arange(18.).reshape(3, 3, 2)
    lengths = torch.tensor([2, 3, 1])
    out["x"], out["lengths"] = x, lengths
    p = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
    out["packed.data"], out["packed.batch_sizes"] = p.data, p.batch_sizes
    out["packed.sorted_indices"], out["packed.unsorted_indices"] = p.sorted_indices, p.unsorted_indices
    padded, lens = pad_packed_sequence(p, batch_first=True, padding_value=9., total_length=5)
    out["padded.bf.9.5"], out["padded.lengths"] = padded, lens
    padded, _ = pad_packed_sequence(p)
    out["padded.tf"] = padded
    save("pack", out)


def states():
    out = {}
    torch.manual_seed(7)
    lstm = nn.LSTM(IN, HID, 2, bidirectional=True, proj_size=2)
    gru = nn.GRU(IN, HID, 2, bidirectional=True, batch_first=True)
    torch.save(lstm.state_dict(), os.path.join(OUT, "lstm_state.pt"))
    torch.save(gru.state_dict(), os.path.join(OUT, "gru_state.pt"))
    x = torch.randn(T, B, IN)
    out["x"] = x
    o, (h, c) = lstm(x)
    out["lstm.output"], out["lstm.hN"], out["lstm.cN"] = o, h, c
    o, h = gru(x.transpose(0, 1))
    out["gru.output"], out["gru.hN"] = o, h
    save("states", out)


class Tied(nn.Module):
    """pytorch/examples word_language_model's RNNModel, small, with tie_weights."""

    def __init__(self, ntoken, ninp, nhid):
        super().__init__()
        self.encoder = nn.Embedding(ntoken, ninp)
        self.rnn = nn.LSTM(ninp, nhid, 1)
        self.decoder = nn.Linear(nhid, ntoken)
        self.decoder.weight = self.encoder.weight

    def forward(self, x):
        output, _ = self.rnn(self.encoder(x))
        return self.decoder(output)


def tied():
    torch.manual_seed(11)
    model = Tied(7, 4, 4)
    out = {"init." + k: v.detach().clone() for k, v in model.state_dict().items()}
    torch.save(model.state_dict(), os.path.join(OUT, "tied.pt"))
    x = torch.tensor([[1, 2], [3, 4], [5, 6]])
    y = torch.tensor([2, 3, 4, 5, 6, 0])
    out["x"], out["y"] = x, y
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(2):
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(x).reshape(-1, 7), y)
        loss.backward()
        opt.step()
    out.update({"step2." + k: v.detach().clone() for k, v in model.named_parameters()})
    out["n_parameters"] = torch.tensor(len(list(model.parameters())))
    save("tied", out)


def large_lstm():
    """An LSTM above the size where torch4j runs libtorch's generic CPU kernel instead of oneDNN's (batch 16 x
    4*256 gates x 256 inputs = 4.2M multiply-adds per step): heads of the outputs and sums of the gradients,
    so the fixture stays small; weights and input come from the seed on both sides."""
    torch.manual_seed(5)
    lstm = nn.LSTM(256, 256)
    x = torch.randn(3, 16, 256, requires_grad=True)
    out, (h, c) = lstm(x)
    (out.pow(2).sum() + h.sum() + 2 * c.sum()).backward()
    save("lstm_large", {"out_head": out[:, :, :6].detach(), "hn_head": h[:, :, :6].detach(),
                        "cn_head": c[:, :, :6].detach(), "out_sum": out.detach().sum().reshape(1),
                        "grad_x_sum": x.grad.sum().reshape(1), "grad_sums": torch.stack(
                            [p.grad.sum() for p in lstm.parameters()]),
                        "grad_x_head": x.grad[:, :, :6]})


def message(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001  (the message is what is recorded)
        return e.args[0] if isinstance(e, KeyError) else str(e)
    raise AssertionError("no error")


# Python-level checks whose message torch 1.13 already gives as 2.x does
ERRORS = {
    "dropout": lambda: nn.LSTM(IN, HID, dropout=1.5),
    "proj_negative": lambda: nn.LSTM(IN, HID, proj_size=-1),
    "proj_too_big": lambda: nn.LSTM(IN, HID, proj_size=HID),
    "input_size_mismatch": lambda: nn.LSTM(IN, HID)(torch.zeros(T, B, IN + 2)),
    "rnn_hidden_shape": lambda: nn.RNN(IN, HID)(torch.zeros(T, B, IN), torch.zeros(1, B + 1, HID)),
    "gru_hidden_dim": lambda: nn.GRU(IN, HID)(torch.zeros(T, IN), torch.zeros(1, 1, HID)),
    "rnn_batched_hidden_dim": lambda: nn.RNN(IN, HID)(torch.zeros(T, B, IN), torch.zeros(B, HID)),
    "lstm_h_shape": lambda: nn.LSTM(IN, HID)(torch.zeros(T, B, IN), (torch.zeros(1, 2, HID), torch.zeros(1, B, HID))),
    "lstm_c_shape": lambda: nn.LSTM(IN, HID, proj_size=2)(torch.zeros(T, B, IN),
                                                         (torch.zeros(1, B, 2), torch.zeros(1, B, 2))),
    "lstm_unbatched_states": lambda: nn.LSTM(IN, HID)(torch.zeros(T, IN), (torch.zeros(1, 1, HID),
                                                                             torch.zeros(1, 1, HID))),
    "cell_nonlinearity": lambda: nn.RNNCell(IN, HID, nonlinearity="gelu")(torch.zeros(B, IN)),
    "total_length": lambda: pad_packed_sequence(pack_sequence([torch.ones(3), torch.ones(1)]), total_length=2),
    "not_sorted": lambda: pack_sequence([torch.ones(1), torch.ones(3)]),
    "not_positive": lambda: pack_padded_sequence(torch.ones(3, 2), [3, 0]),
}
# Checks that torch 2.x's torch/nn/modules/rnn.py added or reworded (1.13 lacks them): its messages
ERRORS_2X = {
    "input_size": "input_size must be greater than zero",
    "hidden_size": "hidden_size must be greater than zero",
    "nonlinearity": "Unknown nonlinearity 'gelu'. Select from 'tanh' or 'relu'.",
    "num_layers": "num_layers must be greater than zero",
    "rnn_input_dim": "RNN: Expected input to be 2D or 3D, got 1D tensor instead",
    "lstm_input_dim": "LSTM: Expected input to be 2D or 3D, got 4D instead",
    "gru_input_dim": "GRU: Expected input to be 2D or 3D, got 1D instead",
    "dtype": "RNN input dtype (torch.float64) does not match weight dtype (torch.float32). "
             "Convert input: input.to(torch.float32), or convert model: model.to(torch.float64)",
    "grucell_input_dim": "GRUCell: Expected input to be 1D or 2D, got 3D instead",
    "lstmcell_hx_dim": "LSTMCell: Expected hx[0] to be 1D or 2D, got 3D instead",
}


def errors():
    with open(os.path.join(OUT, "errors.tsv"), "w") as f:
        for key, fn in ERRORS.items():
            f.write(key + "\t" + message(fn).replace("\n", " ") + "\n")
        for key, msg in ERRORS_2X.items():
            f.write(key + "\t" + msg + "\n")


def reprs():
    rows = {
        "rnn": nn.RNN(5, 4, num_layers=2, nonlinearity="relu", bidirectional=True),
        "rnn_bf": nn.RNN(100, 16, batch_first=True),
        "lstm": nn.LSTM(5, 4, proj_size=2, bias=False, batch_first=True, dropout=0.25, num_layers=2),
        "gru": nn.GRU(3, 6, bidirectional=True),
        "rnncell": nn.RNNCell(3, 4, bias=False, nonlinearity="relu"),
        "lstmcell": nn.LSTMCell(3, 4),
        "grucell": nn.GRUCell(3, 4, False),
    }
    with open(os.path.join(OUT, "reprs.tsv"), "w") as f:
        for key, m in rows.items():
            f.write(key + "\t" + repr(m).replace("\n", "\\n") + "\n")


if __name__ == "__main__":
    cases()
    pack_cases()
    states()
    tied()
    large_lstm()
    errors()
    reprs()
