#!/usr/bin/python3
"""Writes the expected values for torch4j's core tests, computed by PyTorch itself.

Run with Debian's python3-torch:  /usr/bin/python3 tools/gen_core_fixtures.py
Output: src/test/resources/fixtures/core/*.safetensors (small; committed). The files are written
here with plain struct/json so that the tests' own reader, not torch4j's, checks them.
"""
import json
import os
import struct

import torch
import torch.nn as nn

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "core")
CODES = {torch.float32: ("F32", "f"), torch.int64: ("I64", "q")}


def save(name, tensors):
    header, blobs, offset = {}, [], 0
    for key, t in tensors.items():
        t = t.detach().contiguous()
        code, fmt = CODES[t.dtype]
        data = struct.pack("<%d%s" % (t.numel(), fmt), *t.flatten().tolist())
        header[key] = {"dtype": code, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    with open(os.path.join(OUT, name + ".safetensors"), "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


class SimpleNet(nn.Module):
    def __init__(self, vocab_size, embedding_dim, hidden_size):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim, padding_idx=0)
        self.rnn = nn.RNN(embedding_dim, hidden_size, batch_first=True)
        self.out = nn.Linear(hidden_size, 1)

    def forward(self, x):
        _, h_n = self.rnn(self.embedding(x))
        return self.out(h_n.squeeze(0))


def prefixed(prefix, named):
    return {prefix + k: v.detach().clone() for k, v in named}


def grads(model):
    return {"grad." + k: (p.grad.clone() if p.grad is not None else torch.zeros_like(p)) for k, p in model.named_parameters()}


def notebook():
    torch.manual_seed(42)
    model = SimpleNet(17, 100, 16)
    out = {}
    out.update(prefixed("init.", model.named_parameters()))
    x = torch.tensor([[2, 3, 4, 5], [6, 7, 0, 0], [8, 9, 0, 0], [10, 11, 0, 0], [12, 13, 0, 0], [14, 0, 0, 0],
                      [15, 16, 0, 0]])
    y = torch.tensor([1, 0, 0, 1, 1, 0, 1], dtype=torch.float32).unsqueeze(1)
    out["x"], out["y"] = x, y
    criterion = nn.BCEWithLogitsLoss()
    opt = torch.optim.Adam(model.parameters(), lr=0.005)
    for step in range(1, 6):
        opt.zero_grad()
        logits = model(x)
        loss = criterion(logits, y)
        loss.backward()
        if step == 1:
            out["logits"] = logits
            out["loss"] = loss.reshape(())
            out.update(grads(model))
        opt.step()
        if step in (1, 5):
            out.update(prefixed("step%d." % step, model.named_parameters()))
    # The same five steps in float64 from the same start: there Adam's update is well conditioned (in
    # float32 a gradient near eps turns the sums' rounding into a change of up to lr), so the parameters
    # can be held to 1e-5 everywhere. Stored rounded to float32, which is far inside that tolerance.
    model64 = SimpleNet(17, 100, 16).double()
    model64.load_state_dict({k[len("init."):]: v.double() for k, v in out.items() if k.startswith("init.")})
    opt64 = torch.optim.Adam(model64.parameters(), lr=0.005)
    for step in range(1, 6):
        opt64.zero_grad()
        criterion(model64(x), y.double()).backward()
        opt64.step()
        if step in (1, 5):
            out.update({"f64." + k: v.float() for k, v in prefixed("step%d." % step, model64.named_parameters()).items()})
    save("notebook", out)


def rnn_bidirectional_relu():
    torch.manual_seed(7)
    rnn = nn.RNN(5, 4, num_layers=2, nonlinearity="relu", bidirectional=True)
    x = torch.randn(3, 2, 5)
    h0 = torch.randn(4, 2, 4)
    out = prefixed("init.", rnn.named_parameters())
    out["x"], out["h0"] = x, h0
    opt = torch.optim.Adam(rnn.parameters(), lr=0.01, betas=(0.8, 0.7), eps=1e-6, weight_decay=0.01, amsgrad=True)
    for step in range(1, 6):
        opt.zero_grad()
        output, h_n = rnn(x, h0)
        loss = output.pow(2).mean() + h_n.sum()
        loss.backward()
        if step == 1:
            out["output"], out["h_n"] = output, h_n
            out.update(grads(rnn))
        opt.step()
        if step in (1, 5):
            out.update(prefixed("step%d." % step, rnn.named_parameters()))
    save("rnn_bidirectional_relu", out)


def rnn_shapes():
    """Output shapes in every mode, written as int64 tensors holding the shapes."""
    out = {}
    for layers in (1, 2):
        for bidir in (False, True):
            for batch_first in (False, True):
                rnn = nn.RNN(3, 5, num_layers=layers, bidirectional=bidir, batch_first=batch_first)
                for name, x in (("batched", torch.zeros(2, 6, 3) if batch_first else torch.zeros(6, 2, 3)),
                                ("unbatched", torch.zeros(6, 3))):
                    o, h = rnn(x)
                    key = "l%d_b%d_f%d_%s" % (layers, bidir, batch_first, name)
                    out[key + ".output"] = torch.tensor(list(o.shape))
                    out[key + ".h_n"] = torch.tensor(list(h.shape))
    save("rnn_shapes", out)


def rnn_one_layer():
    """One-layer RNN in every variant torch4j runs step by step on CPU: values and gradients."""
    out = {}
    for nonlin in ("tanh", "relu"):
        for bias in (True, False):
            for batch_first in (False, True):
                for with_h0 in (False, True):
                    for batched in (True, False):
                        key = "%s_b%d_f%d_h%d_%s" % (nonlin, bias, batch_first, with_h0,
                                                     "batched" if batched else "unbatched")
                        torch.manual_seed(len(out))
                        rnn = nn.RNN(3, 4, nonlinearity=nonlin, bias=bias, batch_first=batch_first)
                        shape = ((2, 5, 3) if batch_first else (5, 2, 3)) if batched else (5, 3)
                        x = torch.randn(*shape, requires_grad=True)
                        h0 = torch.randn(*((1, 2, 4) if batched else (1, 4)), requires_grad=True) if with_h0 else None
                        o, h = rnn(x, h0) if with_h0 else rnn(x)
                        (o.pow(2).sum() + h.sum()).backward()
                        out.update(prefixed(key + ".init.", rnn.named_parameters()))
                        out[key + ".x"], out[key + ".output"], out[key + ".h_n"] = x, o, h
                        out[key + ".grad.x"] = x.grad
                        if with_h0:
                            out[key + ".h0"], out[key + ".grad.h0"] = h0, h0.grad
                        out.update({key + ".grad." + k: p.grad for k, p in rnn.named_parameters()})
    save("rnn_one_layer", out)


def embedding_cases():
    torch.manual_seed(3)
    out = {}
    w = torch.randn(10, 4)
    idx = torch.tensor([[1, 2, 2], [9, 0, 2]])
    out["weight"], out["idx"] = w, idx
    # padding_idx=-2 (row 8) and scale_grad_by_freq: gradient of sum(out * coeff)
    coeff = torch.randn(2, 3, 4)
    out["coeff"] = coeff
    e = nn.Embedding.from_pretrained(w.clone(), freeze=False, padding_idx=-2, scale_grad_by_freq=True)
    (e(torch.tensor([[1, 2, 2], [8, 8, 2]])) * coeff).sum().backward()
    out["scale_freq_pad.grad"] = e.weight.grad
    # max_norm renormalises the looked-up rows in place
    e = nn.Embedding.from_pretrained(w.clone(), freeze=True, max_norm=1.5, norm_type=1.0)
    out["max_norm.output"] = e(idx)
    out["max_norm.weight_after"] = e.weight
    # padding row's gradient is zero
    e = nn.Embedding.from_pretrained(w.clone(), freeze=False, padding_idx=0)
    (e(idx) * coeff).sum().backward()
    out["padding.grad"] = e.weight.grad
    save("embedding", out)


def bce_cases():
    torch.manual_seed(5)
    x = torch.randn(4, 3)
    t = torch.rand(4, 3)
    pos = torch.tensor([0.5, 2.0, 3.0])
    w = torch.tensor([1.0, 0.5, 2.0])
    out = {"input": x, "target": t, "pos_weight": pos, "weight": w}
    for red in ("mean", "sum", "none"):
        xx = x.clone().requires_grad_(True)
        loss = nn.BCEWithLogitsLoss(weight=w, pos_weight=pos, reduction=red)(xx, t)
        out[red + ".loss"] = loss
        loss.sum().backward()
        out[red + ".grad"] = xx.grad
    save("bce", out)


def frozen_pretrained():
    torch.manual_seed(11)
    m = torch.randn(6, 3)
    emb = nn.Embedding.from_pretrained(m.clone())  # freeze=True by default
    lin = nn.Linear(3, 1)
    params = list(emb.parameters()) + list(lin.parameters())
    opt = torch.optim.Adam(params, lr=0.1)
    idx = torch.tensor([[0, 1, 5], [2, 3, 4]])
    out = {"matrix": m, "idx": idx, "init.weight": lin.weight.detach().clone(), "init.bias": lin.bias.detach().clone()}
    loss = lin(emb(idx)).sum()
    loss.backward()
    opt.step()
    out["after.embedding"] = emb.weight
    out["after.weight"], out["after.bias"] = lin.weight, lin.bias
    save("frozen_pretrained", out)


def adam_paths():
    """Adam when gradients come and go, are zeroed instead of dropped, and a parameter's data is replaced;
    d is a transposed (non-contiguous) leaf, which the fused kernel can't take."""
    torch.manual_seed(5)
    a, b, c = torch.randn(3, 2), torch.randn(4), torch.randn(2)
    d = torch.randn(2, 3).t()
    v = torch.tensor([0.5, -1.5])
    out = {"init.a": a.clone(), "init.b": b.clone(), "init.c": c.clone(), "init.d": d.contiguous(), "v": v}
    assert not d.is_contiguous()
    for p in (a, b, c, d):
        p.requires_grad_(True)
    opt = torch.optim.Adam([a, b, c, d], lr=0.05, weight_decay=0.1)
    for step in range(1, 8):
        opt.zero_grad(set_to_none=step not in (4, 5))
        loss = c.tanh().sum() + (d * 2).tanh().pow(3).sum()
        if step != 1:  # only c has a gradient in step 1
            loss = loss + (a @ v).pow(2).sum()
        if step not in (1, 6):  # b gets no gradient in steps 1 and 6 and is skipped
            loss = loss + b.pow(3).sum()
        loss.backward()
        if step == 5:
            a.data = a.data.clone()  # what module.to(device) does to a parameter
        opt.step()
        out.update({"step%d.%s" % (step, k): t.detach().clone() for k, t in (("a", a), ("b", b), ("c", c), ("d", d))})
    save("adam_paths", out)


def seeded():
    torch.manual_seed(0)
    out = {"randn": torch.randn(2, 5)}
    torch.manual_seed(1234)
    out.update(prefixed("model.", SimpleNet(17, 100, 16).named_parameters()))
    torch.manual_seed(99)
    out.update(prefixed("birnn.", nn.RNN(5, 4, num_layers=2, nonlinearity="relu", bidirectional=True).named_parameters()))
    save("seeded", out)


def reprs():
    """PyTorch's repr of a few tensors, one per line: name, a tab, the repr with newlines as \\n."""
    cases = {}
    cases["matrix"] = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    cases["arange"] = torch.arange(5)
    cases["fractions"] = torch.tensor([0.1234567, -2.5, 10.0])
    cases["sci"] = torch.tensor([1e-5, 3.0], dtype=torch.float64)
    cases["bools"] = torch.tensor([True, False])
    cases["int32"] = torch.tensor([1, -20], dtype=torch.int32)
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    cases["leaf"] = w
    cases["grad_fn"] = (w * 2).sum()
    torch.manual_seed(0)
    cases["summarized"] = torch.randn(40, 40)
    cases["scalar"] = torch.tensor(3.5)
    cases["complex"] = torch.complex(torch.tensor([1.0, -2.5, 0.0]), torch.tensor([0.0, 3.0, -1.25]))
    cases["complex_ints"] = torch.complex(torch.tensor([[1.0, 2.0]]), torch.tensor([[0.5, -1e-3]]))
    cases["complex128"] = torch.ones(2, dtype=torch.complex128)
    with open(os.path.join(OUT, "reprs.tsv"), "w") as f:
        for k, v in cases.items():
            f.write(k + "\t" + repr(v).replace("\n", "\\n") + "\n")


if __name__ == "__main__":
    reprs()
    os.makedirs(OUT, exist_ok=True)
    notebook()
    rnn_bidirectional_relu()
    rnn_shapes()
    rnn_one_layer()
    embedding_cases()
    bce_cases()
    frozen_pretrained()
    adam_paths()
    seeded()
    print("torch", torch.__version__, "->", os.path.abspath(OUT))
