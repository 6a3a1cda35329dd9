#!/usr/bin/python3
"""Trains the small word2vec file that torch4j's examples ship: examples/data/small-vectors.bin.

    apt-get install dict-jargon dict-devil bible-kjv     # the corpus, from Debian
    /usr/bin/python3 tools/train_small_vectors.py        # Debian's python3-gensim (4.x)

Corpus: three public-domain English texts that Debian packages ship locally, about 1.1 million
words in all:
  - The Jargon File 4.4.7 (dict-jargon, /usr/share/dictd/jargon.dict.dz; "in the public domain")
  - Ambrose Bierce, The Devil's Dictionary, 1911 (dict-devil, /usr/share/dictd/devil.dict.dz)
  - The King James Bible, 1611 (bible-kjv-text, printed with `bible -f gen1:1-rev22:21`)
Together they hold all 15 words of the notebook (nice great best amazing stop lies pitiful nerd
excellent work supreme quality bad highly respectable); the Jargon File is the one with "nerd" and
most of "amazing" and "nice". A corpus of this size gives rough vectors, but real ones.

Training: gensim Word2Vec, skip-gram, 100 dimensions (the notebook's embedding size), window 5,
min_count 3, 15 epochs, one worker and a fixed seed (and PYTHONHASHSEED=0, set below), so that a
rerun writes the same file. Kept: the 2,400 most frequent words plus any of the 15 notebook words
outside them, in frequency order, saved in word2vec binary format (about 0.98 MB: the repository keeps
tracked files under 1 MiB).
"""
import gzip
import os
import re
import subprocess
import sys

if os.environ.get("PYTHONHASHSEED") != "0":  # gensim seeds each word's initial vector with hash()
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

from gensim.models import KeyedVectors, Word2Vec  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "examples", "data", "small-vectors.bin")
NOTEBOOK = ["nice", "great", "best", "amazing", "stop", "lies", "pitiful", "nerd", "excellent", "work", "supreme",
            "quality", "bad", "highly", "respectable"]
KEEP = 2400
TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")


def dict_text(path):
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
        return f.read()


def bible_text():
    out = subprocess.run(["bible", "-f", "gen1:1-rev22:21"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"^\S+\d+:\d+ ", "", out, flags=re.M)


def sentences(text):
    for part in re.split(r"[.!?;:\n]\s*\n?|\n\s*\n", text):
        words = TOKEN.findall(part.lower())
        if len(words) > 1:
            yield words


def main():
    texts = [dict_text("/usr/share/dictd/jargon.dict.dz"), dict_text("/usr/share/dictd/devil.dict.dz"),
             bible_text()]
    corpus = [s for t in texts for s in sentences(t)]
    print("corpus: %d sentences, %d words" % (len(corpus), sum(len(s) for s in corpus)))
    model = Word2Vec(corpus, vector_size=100, window=5, min_count=3, sg=1, epochs=15, workers=1, seed=42)
    wv = model.wv
    missing = [w for w in NOTEBOOK if w not in wv]
    assert not missing, "notebook words not in the corpus: %s" % missing
    keep = list(wv.index_to_key[:KEEP]) + [w for w in NOTEBOOK if wv.key_to_index[w] >= KEEP]
    small = KeyedVectors(100)
    small.add_vectors(keep, wv[keep])
    small.save_word2vec_format(OUT, binary=True)
    print("wrote %s: %d words x 100, %d bytes" % (OUT, len(keep), os.path.getsize(OUT)))
    for w in ["nice", "bad", "nerd", "excellent"]:
        print(w, "->", ", ".join("%s %.2f" % p for p in small.most_similar(w, topn=5)))


if __name__ == "__main__":
    main()
