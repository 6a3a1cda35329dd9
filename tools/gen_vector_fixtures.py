#!/usr/bin/python3
"""Writes the fixtures of torch4j's word-vector tests, with gensim and PyTorch as the reference.

Run with Debian's python3-gensim and python3-torch:

    /usr/bin/python3 tools/gen_vector_fixtures.py           # writes src/test/resources/fixtures/vectors/
    /usr/bin/python3 tools/gen_vector_fixtures.py --check   # gensim reads the files torch4j's writers made

The second form checks target/vectors-written/ (left there by WritersTest) with gensim's
load_word2vec_format, against the expected values of small.expected.tsv.

Expected values are written as the bits of each float32 in hex, so that the Java tests compare
exactly, with a reader of their own.
"""
import gzip
import json
import os
import shutil
import struct
import sys
import tempfile

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "src", "test", "resources", "fixtures", "vectors")
WRITTEN = os.path.join(ROOT, "target", "vectors-written")

WORDS = ["the", "nice", "great", "best", "amazing", "bad", "café", "naïve", "日本", "word-with-dash",
         "UPPER", "edge"]


def bits(values):
    return " ".join("%08x" % struct.unpack("<I", struct.pack("<f", float(v)))[0] for v in values)


def write_expected(path, words, matrix):
    with open(path, "w", encoding="utf-8") as f:
        for w, row in zip(words, matrix):
            f.write(w + "\t" + bits(np.asarray(row, dtype=np.float32)) + "\n")


def read_expected(path):
    words, rows = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            w, hexes = line.rstrip("\n").split("\t")
            words.append(w)
            rows.append([struct.unpack("<f", struct.pack("<I", int(h, 16)))[0] for h in hexes.split()])
    return words, np.array(rows, dtype=np.float32)


def same(kv, words, matrix, what):
    assert list(kv.index_to_key) == list(words), (what, kv.index_to_key, words)
    a = kv.vectors.astype(np.float32).view(np.uint32)
    b = np.asarray(matrix, dtype=np.float32).view(np.uint32)
    assert a.shape == b.shape and (a == b).all(), (what, kv.vectors, matrix)


def small_matrix():
    rng = np.random.default_rng(20240501)
    m = rng.standard_normal((len(WORDS), 5)).astype(np.float32)
    # values whose text form is hard to get right: the smallest subnormal, -0, the largest float, 1e-5, 0.1
    m[-1] = np.array([1e-45, -0.0, 3.4028235e38, 1e-5, 0.1], dtype=np.float32)
    return m


def gensim_files(KeyedVectors):
    m = small_matrix()
    kv = KeyedVectors(5)
    kv.add_vectors(WORDS, m)
    kv.save_word2vec_format(os.path.join(OUT, "small.bin"), binary=True)
    kv.save_word2vec_format(os.path.join(OUT, "small.txt"), binary=False)
    kv.save_word2vec_format(os.path.join(OUT, "small.bin.gz"), binary=True)
    kv.save_word2vec_format(os.path.join(OUT, "small.txt.gz"), binary=False)
    write_expected(os.path.join(OUT, "small.expected.tsv"), WORDS, m)
    for name, binary in [("small.bin", True), ("small.txt", False), ("small.bin.gz", True), ("small.txt.gz", False)]:
        same(KeyedVectors.load_word2vec_format(os.path.join(OUT, name), binary=binary), WORDS, m, name)
    # word2vec.c's own layout: a newline after each vector
    with open(os.path.join(OUT, "small-newlines.bin"), "wb") as f:
        f.write(b"%d 5\n" % len(WORDS))
        for w, row in zip(WORDS, m):
            f.write(w.encode("utf-8") + b" " + row.astype("<f4").tobytes() + b"\n")
    same(KeyedVectors.load_word2vec_format(os.path.join(OUT, "small-newlines.bin"), binary=True), WORDS, m,
         "newlines")
    return kv


def similarities(kv):
    with open(os.path.join(OUT, "similarity.tsv"), "w", encoding="utf-8") as f:
        for a, b in [("nice", "great"), ("best", "bad"), ("café", "日本"), ("the", "UPPER")]:
            f.write("similarity\t%s\t%s\t%r\n" % (a, b, float(kv.similarity(a, b))))
        for w in ["nice", "bad", "日本"]:
            top = kv.most_similar(w, topn=4)
            f.write("most_similar\t%s\t4\t%s\n" % (w, " ".join("%s=%r" % (k, float(s)) for k, s in top)))


def unicode_files(KeyedVectors):
    raw = [b"caf\xc3\xa9", b"bad\xff\xfeword", b"trunc\xe2\x82", b"surrogate\xed\xa0\x80", b"ok"]
    rows = np.arange(len(raw) * 2, dtype=np.float32).reshape(len(raw), 2)
    with open(os.path.join(OUT, "bad-utf8.bin"), "wb") as f:
        f.write(b"%d 2\n" % len(raw))
        for w, row in zip(raw, rows):
            f.write(w + b" " + row.astype("<f4").tobytes())
    with open(os.path.join(OUT, "bad-utf8.txt"), "wb") as f:
        f.write(b"%d 2\n" % len(raw))
        for w, row in zip(raw, rows):
            f.write(w + b" " + b" ".join(repr(float(x)).encode() for x in row) + b"\n")
    expected = {}
    for policy in ["replace", "ignore"]:
        kb = KeyedVectors.load_word2vec_format(os.path.join(OUT, "bad-utf8.bin"), binary=True, unicode_errors=policy)
        kt = KeyedVectors.load_word2vec_format(os.path.join(OUT, "bad-utf8.txt"), binary=False, unicode_errors=policy)
        assert list(kb.index_to_key) == list(kt.index_to_key)
        same(kb, kb.index_to_key, rows, policy)
        expected[policy] = list(kb.index_to_key)
    with open(os.path.join(OUT, "bad-utf8.expected.tsv"), "w", encoding="utf-8") as f:
        for policy, words in expected.items():
            f.write(policy + "\t" + "\t".join(w.encode("unicode_escape").decode("ascii") for w in words) + "\n")


def glove_file(KeyedVectors):
    lines = [
        "the 0.418 0.24968 -0.41242",
        ", 0.013441 0.23682 -0.16899",
        ". . . 0.1 -0.2 3e-05",
        "new york 1 2.5 -3.75",
        "at&t -0.0047003 1E5 .5",
        "1 0.5 0.25 0.125",
        "Ünïcödé 7.0000001 -7 0",
        # tokens of the kinds glove.840B.300d.txt has: several parts, none of them a number
        "at name@domain.com 0.01 -2 5e-1",
        "\u2022 name@domain.com 1 2 3",
    ]
    with open(os.path.join(OUT, "glove-spaces.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    words, rows = [], []
    for line in lines:
        parts = line.rstrip().split(" ")
        words.append(" ".join(parts[:-3]))
        rows.append([np.float32(x) for x in parts[-3:]])
    write_expected(os.path.join(OUT, "glove-spaces.expected.tsv"), words, rows)
    try:
        KeyedVectors.load_word2vec_format(os.path.join(OUT, "glove-spaces.txt"), binary=False, no_header=True)
        print("note: gensim loaded glove-spaces.txt")
    except Exception as e:  # gensim splits '. . . 0.1 ...' into too many values
        print("gensim fails on glove-spaces.txt, as expected:", type(e).__name__, str(e)[:80])


def float_strings():
    tokens = ["0.1", "-0.0047003", "1e-45", "7e-46", "2e-46", "3.4028235e38", "3.4028236e38", "3.40282357e38",
              "1e39", "-1e39", "1.0000000596046447753906250000000001", "1.00000005960464477539062499",
              "3.14159265358979323846264338327950288", "123456789012345678901234567890", "1.17549435e-38",
              "1.1754942e-38", "2.5e-45", "1E5", ".5", "5.", "-0", "+1.5", "inf", "-Infinity", "NaN", "nan",
              "0.30000001192092896", "16777217", "9007199254740993", "1e22", "1e23", "4.35e-40",
              "0.000000000000000000000000000000000000000000001", "100000000000000000000000000000000000000",
              "8.589973e9", "1.5e-322", "6.103515625e-05", "-7.0000001", "123456789012345678901234"]
    with open(os.path.join(OUT, "floats.tsv"), "w") as f:
        for t in tokens:
            f.write("%s\t%s\n" % (t, bits([np.float32(t)])))


def torch_init():
    import torch
    torch.manual_seed(7)
    special = torch.empty(2, 5).uniform_(-0.25, 0.25)
    missing = torch.empty(3, 5).normal_(0.0, 0.5)
    write_expected(os.path.join(OUT, "init.expected.tsv"), ["special0", "special1", "missing0", "missing1",
                                                             "missing2"], torch.cat([special, missing]).numpy())


def check():
    from gensim.models import KeyedVectors
    words, m = read_expected(os.path.join(OUT, "small.expected.tsv"))
    names = sorted(n for n in os.listdir(WRITTEN) if n.startswith("small."))
    assert len(names) == 4, "expected small.bin, .bin.gz, .txt, .txt.gz in " + WRITTEN + ": run WritersTest first"
    for name in names:
        path = os.path.join(WRITTEN, name)
        binary = ".bin" in name
        kv = KeyedVectors.load_word2vec_format(path, binary=binary)
        same(kv, words, m, name)
        print("gensim reads %s back exactly: %d x %d" % (name, *kv.vectors.shape))
    small = os.path.join(WRITTEN, "small.bin")
    with open(small, "rb") as a, open(os.path.join(OUT, "small.bin"), "rb") as b:
        assert a.read() == b.read(), "torch4j's binary output differs from gensim's"
        print("small.bin is byte for byte gensim's output")


def main():
    if "--check" in sys.argv:
        check()
        return
    from gensim.models import KeyedVectors
    os.makedirs(OUT, exist_ok=True)
    kv = gensim_files(KeyedVectors)
    similarities(kv)
    unicode_files(KeyedVectors)
    glove_file(KeyedVectors)
    float_strings()
    torch_init()
    print("wrote", ", ".join(sorted(os.listdir(OUT))))


if __name__ == "__main__":
    main()
