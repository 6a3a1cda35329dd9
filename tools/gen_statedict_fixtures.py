#!/usr/bin/python3
"""Writes the state-dict fixtures for torch4j's serialization tests, with PyTorch itself.

Run with Debian's python3-torch:  /usr/bin/python3 tools/gen_statedict_fixtures.py
Output: src/test/resources/fixtures/statedict/ (small; committed, so the tests need no Python).

  notebook.pt              torch.save(model.state_dict()) of the notebook's SimpleNet trained in Python
  notebook.safetensors     the same weights as safetensors, written here with struct/numpy
  notebook_expected.txt    the input x and the trained model's logits (eval mode)
  dtypes.pt                every dtype, a 0-d and an empty tensor, views saved with offsets/strides,
                           an expanded (stride 0) tensor, storages shared between entries, a non-ASCII
                           key and a tensor saved with requires_grad=True
  dtypes_big_endian.pt     dtypes.pt with every storage byte-swapped and a 'byteorder' record "big"
  dtypes.safetensors       the same values (contiguous), written with numpy
  dtypes_expected.txt      each entry's dtype, shape and values, as PyTorch sees them
  protocol4.pt             torch.save(..., pickle_protocol=4): FRAME, MEMOIZE, SHORT_BINUNICODE
  parameter.pt             a plain dict holding an nn.Parameter (torch._utils._rebuild_parameter)
  legacy.pt                the pre-1.6 format (_use_new_zipfile_serialization=False): refused
  checkpoint.pt            {'model': state_dict, 'epoch': 3}: not a flat state dict, refused
  missing_record.pt        notebook.pt without its data/1 record
  corrupt_crc.pt           notebook.pt with one byte of data/0 flipped (CRC-32 no longer matches)
  evil_*.pt                malicious pickles in a torch.save-shaped zip; loading must refuse them
  views.pt                 views torch.load keeps as views: a stride-0 expand of 6 floats to (2^31, 6), and
                           an empty tensor of size (0, 2^62, 2^62) whose contiguous strides would overflow
  views_expected.txt       per tensor: dtype, shape, stride, storage bytes, values at [0] and [-1]
  checkpoint_sgd.pt        {'model', 'optimizer', 'scheduler', 'epoch', 'extra'} after 3 training steps with
                           SGD (momentum, nesterov, weight decay) and StepLR; 'extra' holds every other kind of
                           value a checkpoint can hold (tuples, nested lists, big ints, inf, a dtype, a Size)
  checkpoint_adamw.pt      the same with AdamW (amsgrad, betas as a tuple) and CosineAnnealingLR
  checkpoint_*_expected.txt  the tree as PyTorch loads it, one line per node (see dump_tree)
"""
import io
import json
import os
import pickle
import shutil
import struct
import zipfile
from collections import OrderedDict

import numpy as np
import torch
import torch.nn as nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "fixtures",
                   "statedict")
MARKER = "/tmp/torch4j-statedict-pwned"

ST_CODES = {torch.float32: "F32", torch.float64: "F64", torch.float16: "F16", torch.bfloat16: "BF16",
            torch.int64: "I64", torch.int32: "I32", torch.int16: "I16", torch.int8: "I8", torch.uint8: "U8",
            torch.bool: "BOOL"}


def path(name):
    return os.path.join(OUT, name)


def raw_bytes(t):
    """Little-endian bytes of a contiguous copy of t, via numpy (bfloat16 via its int16 bits)."""
    t = t.detach().contiguous()
    if t.dtype == torch.bfloat16:
        a = t.view(torch.int16).numpy()
    else:
        a = t.numpy()
    return a.astype(a.dtype.newbyteorder("<")).tobytes()


def save_safetensors(name, tensors):
    """safetensors with plain struct/json/numpy: 8-byte LE header length, JSON header, raw data."""
    header, blobs, offset = {}, [], 0
    for key, t in tensors.items():
        data = raw_bytes(t)
        header[key] = {"dtype": ST_CODES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = {"format": "pt"}
    h = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode()
    h += b" " * (-len(h) % 8)
    with open(path(name), "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def fmt_value(v):
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, int):
        return str(v)
    return repr(float(v))


def write_expected(name, tensors):
    """One line per tensor: key TAB dtype TAB shape TAB values (row-major, comma-separated)."""
    with open(path(name), "w", encoding="utf-8") as f:
        for key, t in tensors.items():
            t = t.detach()
            values = t.flatten().tolist() if t.dtype != torch.bfloat16 and t.dtype != torch.float16 \
                else t.double().flatten().tolist()
            f.write("%s\t%s\t%s\t%s\n" % (key, t.dtype, ",".join(str(d) for d in t.shape),
                                          ",".join(fmt_value(v) for v in values)))


class SimpleNet(nn.Module):
    def __init__(self, vocab_size, embedding_dim, hidden_size):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim, padding_idx=0)
        self.rnn = nn.RNN(embedding_dim, hidden_size, batch_first=True)
        self.out = nn.Linear(hidden_size, 1)

    def forward(self, x):
        _, h_n = self.rnn(self.embedding(x))
        return self.out(h_n.squeeze(0))


NOTEBOOK_X = torch.tensor([[2, 3, 4, 5], [6, 7, 0, 0], [8, 9, 0, 0], [10, 11, 0, 0], [12, 13, 0, 0], [14, 0, 0, 0],
                           [15, 16, 0, 0]])
NOTEBOOK_Y = torch.tensor([1, 0, 0, 1, 1, 0, 1], dtype=torch.float32).unsqueeze(1)


def notebook():
    """The notebook's training loop (20 epochs, Adam lr=0.005, batches of 2, shuffled)."""
    torch.manual_seed(42)
    model = SimpleNet(17, 100, 16)
    criterion = nn.BCEWithLogitsLoss()
    opt = torch.optim.Adam(model.parameters(), lr=0.005)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(NOTEBOOK_X, NOTEBOOK_Y), batch_size=2,
                                         shuffle=True)
    for _ in range(20):
        for xb, yb in loader:
            opt.zero_grad()
            criterion(model(xb), yb).backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        logits = model(NOTEBOOK_X)
    torch.save(model.state_dict(), path("notebook.pt"))
    save_safetensors("notebook.safetensors", model.state_dict())
    write_expected("notebook_expected.txt", {"x": NOTEBOOK_X, "logits": logits})
    return model


def dtype_entries():
    d = {}
    d["f32"] = torch.tensor([[1.5, -2.25, 3e-8], [float("inf"), float("-inf"), float("nan")]])
    d["f64"] = torch.tensor([1 / 3, -1e300, 5e-324], dtype=torch.float64)
    d["f16"] = torch.tensor([1.0, -0.5, 65504.0, 5.960464477539063e-08, 0.0999755859375], dtype=torch.float16)
    d["bf16"] = torch.tensor([1.0, -3.140625, 3.3895313892515355e+38, 0.0078125], dtype=torch.bfloat16)
    d["i64"] = torch.tensor([-2 ** 63, 2 ** 63 - 1, 0, 42], dtype=torch.int64)
    d["i32"] = torch.tensor([-2 ** 31, 2 ** 31 - 1, 7], dtype=torch.int32)
    d["i16"] = torch.tensor([-32768, 32767, -1], dtype=torch.int16)
    d["i8"] = torch.tensor([-128, 127, 3], dtype=torch.int8)
    d["u8"] = torch.tensor([0, 255, 128], dtype=torch.uint8)
    d["bool"] = torch.tensor([True, False, True, True])
    d["scalar"] = torch.tensor(3.25)
    d["empty"] = torch.zeros(0, 3)
    base = torch.arange(24, dtype=torch.float32).view(4, 6)
    d["view.base"] = base
    d["view.slice"] = base[1:3, 2:5]            # storage offset 8, strides (6, 1)
    d["view.strided"] = base[::2, 1::3]         # offset 1, strides (12, 3)
    d["view.transposed"] = base.t()             # strides (1, 6)
    d["view.row"] = base[2]                     # offset 12, same storage
    d["expanded"] = torch.tensor([1.0, 2.0, 3.0]).expand(2, 3)   # stride (0, 1)
    w = torch.arange(6, dtype=torch.int64).view(2, 3) * 10
    d["shared.a"] = w
    d["shared.b"] = w.view(-1)                  # same storage, another shape
    d["ключ.weight"] = torch.tensor([0.5, 0.25])
    d["requires_grad"] = torch.tensor([1.0, 2.0], requires_grad=True)
    return d


def dtypes():
    d = dtype_entries()
    torch.save(d, path("dtypes.pt"))
    save_safetensors("dtypes.safetensors", {k: v for k, v in d.items()})
    write_expected("dtypes_expected.txt", d)
    # big-endian copy: same pickle, storages byte-swapped, byteorder record "big"
    item_size = {}
    for v in d.values():
        item_size[v.storage().data_ptr()] = v.element_size()
    src = zipfile.ZipFile(path("dtypes.pt"))
    pkl = src.read("dtypes/data.pkl")
    sizes = {}

    class Reader(pickle.Unpickler):
        def persistent_load(self, pid):
            sizes[pid[2]] = {torch.FloatStorage: 4, torch.DoubleStorage: 8, torch.HalfStorage: 2,
                             torch.BFloat16Storage: 2, torch.LongStorage: 8, torch.IntStorage: 4,
                             torch.ShortStorage: 2, torch.CharStorage: 1, torch.ByteStorage: 1,
                             torch.BoolStorage: 1}[pid[1]]
            return pid[1](pid[4])

        def find_class(self, module, name):
            if name == "_rebuild_tensor_v2":
                return lambda storage, *a: None
            return super().find_class(module, name)

    Reader(io.BytesIO(pkl)).load()
    with zipfile.ZipFile(path("dtypes_big_endian.pt"), "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            name = info.filename.replace("dtypes/", "dtypes_big_endian/", 1)
            if "/data/" in info.filename:
                size = sizes[info.filename.rsplit("/", 1)[1]]
                if size > 1:
                    data = np.frombuffer(data, dtype="<u%d" % size).byteswap().tobytes()
            dst.writestr(name, data)
        dst.writestr("dtypes_big_endian/byteorder", b"big")


def protocol4():
    torch.save({"a": torch.arange(5, dtype=torch.float32), "b": torch.tensor([[1, 2], [3, 4]])},
               path("protocol4.pt"), pickle_protocol=4)


def parameter():
    torch.save({"w": nn.Parameter(torch.arange(6, dtype=torch.float32).view(2, 3))}, path("parameter.pt"))


def legacy(model):
    torch.save({"out.bias": model.out.bias.detach()}, path("legacy.pt"), _use_new_zipfile_serialization=False)


def checkpoint(model):
    torch.save({"model": model.state_dict(), "epoch": 3}, path("checkpoint.pt"))


def copy_zip(src_name, dst_name, skip=(), change=None):
    """Rewrites a torch.save zip under another archive name, dropping or changing records."""
    src = zipfile.ZipFile(path(src_name))
    old = src_name[:-3] + "/"
    new = dst_name[:-3] + "/"
    with zipfile.ZipFile(path(dst_name), "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            rel = info.filename[len(old):]
            if rel in skip:
                continue
            dst.writestr(new + rel, src.read(info.filename))


def missing_record():
    copy_zip("notebook.pt", "missing_record.pt", skip=("data/1",))


def corrupt_crc():
    """Flips one byte inside the data/0 record without updating the CRC-32 in the zip directory."""
    shutil.copyfile(path("notebook.pt"), path("corrupt_crc.pt"))
    z = zipfile.ZipFile(path("corrupt_crc.pt"))
    info = z.getinfo("notebook/data/0")
    with open(path("corrupt_crc.pt"), "r+b") as f:
        f.seek(info.header_offset)
        local = f.read(30)
        name_len, extra_len = struct.unpack("<HH", local[26:30])
        data_start = info.header_offset + 30 + name_len + extra_len
        f.seek(data_start + 100)
        b = f.read(1)
        f.seek(data_start + 100)
        f.write(bytes([b[0] ^ 0x40]))


def evil(name, pkl):
    with zipfile.ZipFile(path(name), "w", zipfile.ZIP_STORED) as z:
        z.writestr(name[:-3] + "/data.pkl", pkl)
        z.writestr(name[:-3] + "/version", b"3\n")


class Payload:
    def __reduce__(self):
        return os.system, ("touch " + MARKER,)


def evils():
    cmd = ("touch " + MARKER).encode()
    # GLOBAL os.system, its argument, TUPLE1, REDUCE: what a hand-written exploit looks like
    evil("evil_os_system.pt", b"\x80\x02cos\nsystem\nq\x00X" + struct.pack("<I", len(cmd)) + cmd
         + b"\x85q\x01Rq\x02.")
    # what pickle itself writes for an object whose __reduce__ returns os.system (GLOBAL posix.system)
    evil("evil_reduce.pt", pickle.dumps(Payload(), protocol=2))
    # the payload hidden as a value inside an otherwise normal OrderedDict
    evil("evil_in_dict.pt", b"\x80\x02ccollections\nOrderedDict\nq\x00)Rq\x01(X\x06\x00\x00\x00weightq\x02"
         + b"cposix\nsystem\nX" + struct.pack("<I", len(cmd)) + cmd + b"\x85Ru.")
    # protocol 0 INST opcode, which calls the class named inline
    evil("evil_inst.pt", b"\x80\x02(X" + struct.pack("<I", len(cmd)) + cmd + b"ios\nsystem\n.")
    # protocol 4 STACK_GLOBAL building builtins.eval from two strings
    code = b"__import__('os').system('touch " + MARKER.encode() + b"')"
    evil("evil_stack_global.pt", b"\x80\x04\x8c\x08builtins\x8c\x04eval\x93\x8c" + bytes([len(code)]) + code
         + b"\x85R.")
    # an allowed callable with arguments it was never meant to get
    evil("evil_rebuild_args.pt", b"\x80\x02ctorch._utils\n_rebuild_tensor_v2\nX\x03\x00\x00\x00abc\x85R.")


def views():
    expanded = torch.arange(6, dtype=torch.float32).expand(2 ** 31, 6)
    huge_empty = torch.empty(0).as_strided((0, 2 ** 62, 2 ** 62), (1, 1, 1))
    torch.save({"expanded": expanded, "huge_empty": huge_empty}, path("views.pt"))
    loaded = torch.load(path("views.pt"), weights_only=True)
    with open(path("views_expected.txt"), "w") as f:
        for key, t in loaded.items():
            ends = [] if t.numel() == 0 else t[0].tolist() + t[-1].tolist()
            f.write("%s\t%s\t%s\t%s\t%d\t%s\n" % (key, t.dtype, ",".join(str(d) for d in t.shape),
                                                  ",".join(str(d) for d in t.stride()), t.storage().nbytes(),
                                                  ",".join(fmt_value(v) for v in ends)))


def dump_tree(obj, out, where="checkpoint"):
    """One line per node, depth first: path TAB kind TAB payload. Keys in paths as Python's repr."""
    if isinstance(obj, torch.Tensor):
        values = obj.detach().flatten().tolist() if obj.dtype not in (torch.float16, torch.bfloat16) \
            else obj.detach().double().flatten().tolist()
        out.append("%s\ttensor\t%s\t%s\t%s\t%s" % (where, obj.dtype, ",".join(str(d) for d in obj.shape),
                                                obj.requires_grad, ",".join(fmt_value(v) for v in values)))
    elif isinstance(obj, dict):
        out.append("%s\t%s\t%d" % (where, "OrderedDict" if isinstance(obj, OrderedDict) else "dict", len(obj)))
        for k, v in obj.items():
            dump_tree(v, out, "%s[%r]" % (where, k))
    elif isinstance(obj, (list, tuple)):
        out.append("%s\t%s\t%d" % (where, "list" if isinstance(obj, list) else "tuple", len(obj)))
        for i, v in enumerate(obj):
            dump_tree(v, out, "%s[%d]" % (where, i))
    elif obj is None:
        out.append("%s\tNone\t" % where)
    elif isinstance(obj, bool):
        out.append("%s\tbool\t%s" % (where, obj))
    elif isinstance(obj, int):
        out.append("%s\tint\t%d" % (where, obj))
    elif isinstance(obj, float):
        out.append("%s\tfloat\t%r" % (where, obj))
    elif isinstance(obj, str):
        out.append("%s\tstr\t%s" % (where, obj))
    elif isinstance(obj, torch.dtype):
        out.append("%s\tdtype\t%s" % (where, obj))
    else:
        raise TypeError("%s: %r" % (where, obj))
    return out


CHECKPOINTS = {
    "sgd": (lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True, weight_decay=1e-4),
            lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=2, gamma=0.5)),
    "adamw": (lambda p: torch.optim.AdamW(p, lr=0.005, betas=(0.9, 0.99), weight_decay=0.01, amsgrad=True),
              lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=10)),
}


def checkpoints():
    for name, (make_opt, make_sched) in CHECKPOINTS.items():
        torch.manual_seed(0)
        model = SimpleNet(17, 8, 4)
        opt = make_opt(model.parameters())
        sched = make_sched(opt)
        criterion = nn.BCEWithLogitsLoss()
        for _ in range(3):
            opt.zero_grad()
            criterion(model(NOTEBOOK_X), NOTEBOOK_Y).backward()
            opt.step()
            sched.step()
        ckpt = {"model": model.state_dict(), "optimizer": opt.state_dict(), "scheduler": sched.state_dict(),
                "epoch": 3,
                "extra": {"tuple": (1, "a", None, 2.5, True), "nested": [[1, 2], {"k": (3,)}], "big": 2 ** 70,
                          "neg": -2 ** 40, "inf": float("inf"), "dtype": torch.float16, "size": torch.Size([2, 3]),
                          "empty_list": [], "empty_tuple": (), "empty_dict": {}, "ключ": "значение"}}
        torch.save(ckpt, path("checkpoint_%s.pt" % name))
        loaded = torch.load(path("checkpoint_%s.pt" % name))
        with open(path("checkpoint_%s_expected.txt" % name), "w", encoding="utf-8") as f:
            f.write("\n".join(dump_tree(loaded, [])) + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    model = notebook()
    dtypes()
    protocol4()
    parameter()
    legacy(model)
    checkpoint(model)
    missing_record()
    corrupt_crc()
    evils()
    views()
    checkpoints()
    for name in sorted(os.listdir(OUT)):
        print("%-28s %7d bytes" % (name, os.path.getsize(path(name))))


if __name__ == "__main__":
    main()
