#!/usr/bin/python3
"""Checks by hand that Python reads what torch4j writes (the tests themselves never need Python).

  mvn -q -o test -Dtest='dev.torch4j.serialization.StateDictTest'   # writes target/statedict-java/
  /usr/bin/python3 tools/check_statedict_java.py

For the notebook model saved from Java (random init, seeded) it loads notebook_java.pt with
torch.load(weights_only=True) into the Python SimpleNet and compares its logits with the ones Java
computed (1e-6); it reads notebook_java.safetensors with a reader that applies the safetensors
format's own checks (header length, JSON, dtypes, offsets contiguous and covering the data), as the
safetensors package would (not packaged for Debian 12), and compares with the .pt weights. The
dtypes_java.* files (every dtype, views, a non-ASCII key) must equal the generator's dtypes.pt.
"""
import json
import os
import struct
import sys
import zipfile

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_statedict_fixtures import NOTEBOOK_X, SimpleNet, path as fixture  # noqa: E402

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
    print("all checks passed")


if __name__ == "__main__":
    main()
