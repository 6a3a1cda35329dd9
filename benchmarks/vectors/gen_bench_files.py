#!/usr/bin/python3
"""Writes the synthetic files of the vector-loading benchmark (skips those already there).

    gen_bench_files.py DIR ROWS GLOVE_ROWS DIM

DIR/vectors-ROWSxDIM.bin     word2vec binary, ROWS random normal float32 rows (1.2 GB for 1M x 300)
DIR/vectors-ROWSxDIM.bin.gz  the same, gzip level 1
DIR/glove-GLOVE_ROWSxDIM.txt GloVe text, values with 5 decimals like GloVe's own files
DIR/words-20.txt             20 words spread over the binary file, for the vocabulary-filtered load
"""
import gzip
import os
import shutil
import subprocess
import sys

import numpy as np


def word(i):
    return "w%07d" % i


def main():
    out, rows, glove_rows, dim = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(1)
    binary = os.path.join(out, "vectors-%dx%d.bin" % (rows, dim))
    if not os.path.exists(binary):
        with open(binary + ".part", "wb") as f:
            f.write(b"%d %d\n" % (rows, dim))
            for start in range(0, rows, 10000):
                block = rng.standard_normal((min(10000, rows - start), dim), dtype=np.float32)
                f.write(b"".join(word(start + i).encode() + b" " + block[i].tobytes() for i in range(len(block))))
        os.rename(binary + ".part", binary)
    if not os.path.exists(binary + ".gz"):
        with open(binary, "rb") as src, open(binary + ".gz.part", "wb") as dst:
            subprocess.run(["gzip", "-1", "-c"], stdin=src, stdout=dst, check=True)
        os.rename(binary + ".gz.part", binary + ".gz")
    glove = os.path.join(out, "glove-%dx%d.txt" % (glove_rows, dim))
    if not os.path.exists(glove):
        with open(glove + ".part", "w") as f:
            for start in range(0, glove_rows, 5000):
                block = rng.standard_normal((min(5000, glove_rows - start), dim)).astype(np.float32) * 0.4
                text = np.char.mod("%.5f", block)
                f.write("".join(word(start + i) + " " + " ".join(text[i]) + "\n" for i in range(len(block))))
        os.rename(glove + ".part", glove)
    with open(os.path.join(out, "words-20.txt"), "w") as f:
        for i in range(20):
            f.write(word(i * (rows // 20) + 7) + "\n")
    for name in sorted(os.listdir(out)):
        print("%12d  %s" % (os.path.getsize(os.path.join(out, name)), name))


if __name__ == "__main__":
    main()
