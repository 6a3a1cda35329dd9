#!/usr/bin/python3
"""Checks by hand that Python reads what torch4j writes (the tests themselves never need Python).

  mvn -q -o test -Dtest='StateDictTest,CheckpointTest'   # writes target/statedict-java/
  /usr/bin/python3 tools/check_statedict_java.py

For the notebook model saved from Java (random init, seeded) it loads notebook_java.pt with
torch.load(weights_only=True) into the Python SimpleNet and compares its logits with the ones Java
computed (1e-6); it reads notebook_java.safetensors with a reader that applies the safetensors
format's own checks (header length, JSON, dtypes, offsets contiguous and covering the data), as the
safetensors package would (not packaged for Debian 12), and compares with the .pt weights. The
dtypes_java.* files (every dtype, views, a non-ASCII key) must equal the generator's dtypes.pt.

checkpoint_{sgd,adamw}_java.pt are the generator's checkpoints (model, SGD/AdamW optimizer and scheduler
state dicts, epoch, and every other kind of value) loaded by Torch.load and written back by Torch.save:
loaded here weights-only, their dump (the generator's dump_tree: kinds, keys, values, tuples as tuples,
int keys as ints) must equal the original's line for line, and the optimizer and scheduler must accept
them with load_state_dict. PyTorch 2.x loads them with torch.load(weights_only=True); the weights-only
unpickler of PyTorch 1.13 (Debian 12) has no opcode for floats (BINFLOAT), so there they are loaded by
a pickle.Unpickler whose find_class allows exactly 1.13's weights-only globals
(torch._weights_only_unpickler._get_allowed_globals()): the same restriction on what may be named.
"""
import json
import os
import pickle
import struct
import sys
import zipfile

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_statedict_fixtures import CHECKPOINTS, NOTEBOOK_X, SimpleNet, dump_tree, path as fixture  # noqa: E402

DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "statedict-java")
NP = {"F32": "<f4", "F64": "<f8", "F16": "<f2", "I64": "<i8", "I32": "<i4", "I16": "<i2", "I8": "i1", "U8": "u1",
      "BOOL": "?", "BF16": "<i2"}


def read_safetensors(p):
    """The format's rules as safetensors' Rust reader enforces them."""
    data = open(p, "rb").read()
    (n,) = struct.unpack("<Q", data[:8])
    assert 8 + n <= len(data), "header length past the end"
    assert data[8:9] == b"{", "header must start with '{'"
    header = json.loads(data[8:8 + n].decode("utf-8"))
    header.pop("__metadata__", None)
    body = data[8 + n:]
    spans = sorted((v["data_offsets"][0], v["data_offsets"][1], k) for k, v in header.items())
    end = 0
    for start, stop, k in spans:
        assert start == end, "%s: data_offsets %d != previous end %d (gap or overlap)" % (k, start, end)
        end = stop
    assert end == len(body), "data section of %d bytes, offsets cover %d" % (len(body), end)
    out = {}
    for k, v in header.items():
        s, e = v["data_offsets"]
        a = np.frombuffer(body[s:e], dtype=NP[v["dtype"]]).copy()
        t = torch.from_numpy(a)
        if v["dtype"] == "BF16":
            t = t.view(torch.bfloat16)
        t = t.reshape(v["shape"])
        assert t.numel() * t.element_size() == e - s, k
        out[k] = t
    return out


def same(a, b, key):
    assert a.dtype == b.dtype, "%s: %s vs %s" % (key, a.dtype, b.dtype)
    assert a.shape == b.shape, "%s: %s vs %s" % (key, a.shape, b.shape)
    assert torch.equal(a, b) or (a.is_floating_point() and torch.equal(torch.nan_to_num(a), torch.nan_to_num(b))), key


class _AllowListUnpickler(pickle.Unpickler):
    """pickle with PyTorch's weights-only allow list of globals (for 1.13, whose weights-only reader lacks floats)."""

    def find_class(self, module, name):
        from torch._weights_only_unpickler import _get_allowed_globals
        allowed = _get_allowed_globals()
        full = "%s.%s" % (module, name)
        if full not in allowed:
            raise pickle.UnpicklingError("global %s is not allowed weights-only" % full)
        return allowed[full]


class _AllowListPickle:
    Unpickler = _AllowListUnpickler
    load = pickle.load


def load_weights_only(p):
    """torch.load(weights_only=True), or its allow list through pickle where this PyTorch lacks an opcode."""
    try:
        return torch.load(p, weights_only=True), "torch.load(weights_only=True)"
    except (RuntimeError, pickle.UnpicklingError) as e:
        if "Unsupported operand" not in str(e):
            raise
        return torch.load(p, pickle_module=_AllowListPickle), "the weights-only allow list through pickle (torch " \
            "%s weights_only: %s)" % (torch.__version__, str(e).rsplit(": ", 1)[-1])


def check_checkpoints():
    for name, (make_opt, make_sched) in CHECKPOINTS.items():
        original = torch.load(fixture("checkpoint_%s.pt" % name))
        got, how = load_weights_only(os.path.join(DIR, "checkpoint_%s_java.pt" % name))
        want, have = dump_tree(original, []), dump_tree(got, [])
        for i, (a, b) in enumerate(zip(want, have)):
            assert a == b, "checkpoint_%s_java.pt node %d:\n  PyTorch: %s\n  Java:    %s" % (name, i, a[:200], b[:200])
        assert len(want) == len(have), (len(want), len(have))
        model = SimpleNet(17, 8, 4)
        model.load_state_dict(got["model"])
        assert got["model"]._metadata == original["model"]._metadata
        opt = make_opt(model.parameters())
        opt.load_state_dict(got["optimizer"])
        make_sched(opt).load_state_dict(got["scheduler"])
        print("checkpoint_%s_java.pt: loaded with %s; %d nodes equal to the original; model, optimizer and "
              "scheduler load_state_dict OK" % (name, how, len(want)))


def main():
    pt = os.path.join(DIR, "notebook_java.pt")
    zipfile.ZipFile(pt).testzip()
    state = torch.load(pt, weights_only=True)
    model = SimpleNet(17, 100, 16)
    model.load_state_dict(state)
    model.eval()
    with torch.no_grad():
        logits = model(NOTEBOOK_X).flatten()
    java = torch.tensor([float(v) for v in open(os.path.join(DIR, "notebook_java_logits.txt")).read().split(",")])
    diff = (logits - java).abs().max().item()
    print("notebook_java.pt: torch.load(weights_only=True) + load_state_dict OK; max |logit diff| = %.3g" % diff)
    assert diff <= 1e-6

    st = read_safetensors(os.path.join(DIR, "notebook_java.safetensors"))
    assert list(st) == list(state), (list(st), list(state))
    for k in state:
        same(st[k], state[k], k)
    model.load_state_dict(st)
    print("notebook_java.safetensors: spec checks OK, same tensors as the .pt")

    ref = torch.load(fixture("dtypes.pt"), weights_only=True)
    got = torch.load(os.path.join(DIR, "dtypes_java.pt"), weights_only=True)
    assert list(got) == list(ref), (list(got), list(ref))
    for k in ref:
        same(got[k], ref[k].detach(), k)
    meta = getattr(got, "_metadata", None)
    assert meta == {"": {"version": 1}, "view": {"version": 2, "note": "from Java"}}, meta
    got = read_safetensors(os.path.join(DIR, "dtypes_java.safetensors"))
    for k in ref:
        same(got[k], ref[k].detach().contiguous(), k)
    print("dtypes_java.pt / .safetensors: %d tensors equal to the generator's dtypes.pt" % len(ref))
    check_checkpoints()
    print("all checks passed")


if __name__ == "__main__":
    main()
