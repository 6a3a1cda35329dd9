#!/usr/bin/python3
"""One load of a word-vector file with gensim, timed inside the process: the gensim half of run.sh.

    gensim_load.py word2vec FILE            load_word2vec_format(FILE, binary=<by name>)
    gensim_load.py glove FILE               load_word2vec_format(FILE, binary=False, no_header=True)
    gensim_load.py vocabulary FILE WORDS    gensim has no vocabulary filter: load all, keep WORDS

Prints load_s=<seconds> rows=<n> dim=<d> check=<sum of the first row>.
"""
import sys
import time

from gensim.models import KeyedVectors


def main():
    mode, path = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    if mode == "word2vec":
        kv = KeyedVectors.load_word2vec_format(path, binary=".bin" in path)
    elif mode == "glove":
        kv = KeyedVectors.load_word2vec_format(path, binary=False, no_header=True)
    elif mode == "vocabulary":
        with open(sys.argv[3], encoding="utf-8") as f:
            words = [w.strip() for w in f if w.strip()]
        full = KeyedVectors.load_word2vec_format(path, binary=".bin" in path)
        keep = [w for w in full.index_to_key if w in set(words)]
        kv = KeyedVectors(full.vector_size)
        kv.add_vectors(keep, full[keep])
        del full
    else:
        raise SystemExit("mode must be word2vec, glove or vocabulary")
    seconds = time.perf_counter() - start
    print("load_s=%.3f rows=%d dim=%d check=%.6f" % (seconds, len(kv), kv.vector_size,
                                                      float(kv[kv.index_to_key[0]].astype("float64").sum())))


if __name__ == "__main__":
    main()
