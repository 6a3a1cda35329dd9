#!/usr/bin/python3
"""Writes the expected values for the dev.torch4j.text tests.

Run from the repository root with Debian's Python (python3-nltk installed):

    /usr/bin/python3 tools/gen_text_fixtures.py

Outputs, under src/test/resources/fixtures/text/:

* word_tokenize.tsv -- one sentence per line: the escaped input, then
  nltk.word_tokenize(text, preserve_line=True), then the same on text.lower(),
  then text.split(); token lists are joined by a single space, which cannot
  occur inside a token because every tokenizer here splits on whitespace.
* pad_sequences.tsv -- cases of Keras' pad_sequences, computed by a
  pure-Python port of keras.utils.pad_sequences (Keras is not installed).
* vocab.tsv -- vocabularies built with collections.Counter from the
  lower-cased word_tokenize output, for several option combinations.

Escaping of free text inside a TSV cell: backslash -> \\\\, tab -> \\t,
newline -> \\n, carriage return -> \\r.
"""
import collections
import os
import sys

import nltk
from nltk.tokenize import word_tokenize

OUT = os.path.join("src", "test", "resources", "fixtures", "text")

SENTENCES = [
    "Good muffins cost $3.88 (roughly 3,36 euros)\nin New York.  Please buy me\ntwo of them.\nThanks.",
    "They'll save and invest more.",
    "hi, my name can't hello,",
    "I don't think so, and I won't.",
    "She said, \"Hello there!\" and left.",
    "\"Quoted at the start,\" he said.",
    "He's gonna go, I'm gonna stay; we're wanna-be's.",
    "You've got to gimme that, lemme see.",
    "I'd've done it if I could've.",
    "'Tis the season, 'twas the night.",
    "Cannot believe it -- truly -- cannot!",
    "Wait... what?! Really...",
    "The price rose 1,000,000 dollars to 3.14159 per share.",
    "Visit https://example.com/path?q=1&lang=en or mail me@example.org.",
    "Items (a), [b] and {c} <d> are listed.",
    "It's 5:30 p.m. on Jan. 3rd, isn't it?",
    "Mr. Smith's car isn't Mrs. Jones' car.",
    "The 'single quoted' words and ``backticks'' here.",
    "Use ``double backticks'' like LaTeX.",
    "“Curly quotes” and ‘single curly’ marks.",
    "«Guillemets» are used in French.",
    "He said „hello“ in German style.",
    "50% off! #deal @shop * limited * time",
    "I LOVE IT!!! DON'T STOP!!!",
    "What's up? Who'd've thought?",
    "The U.S.A. is big.",
    "End with a quote.\"",
    "Ends with 'single'.",
    "A sentence ending in an ellipsis...",
    "Trailing colon:",
    "commas,without,spaces and numbers 1,2,3",
    "Tab\tseparated\twords and  double  spaces",
    "e-mail, co-operate and state-of-the-art.",
    "O'Neill and O'Brien aren't here.",
    "We'll, we're, we've, we'd; y'all ain't.",
    "C'mon, d'ye ken John Peel?",
    "more'n enough, gotta go, wanna see?",
    "Rock 'n' roll isn't dead.",
    "Don't you dare say \"can't\" again!",
    "(Parenthesized sentence.)",
    "Numbers like -3.5 and +7 or 10.5% and $1,234.56.",
    "Café naïve résumé — Ünïcödé tëxt.",
    "ΟΔΥΣΣΕΥΣ ΚΑΙ Η ΘΑΛΑΣΣΑ. ΣΑΣ",
    "9Σ/2 -Σ* AΣ`B AΣ'. x'Σ",
    "nice great best amazing",
    "stop lies",
    "",
    "   ",
]


def escape(text):
    return (text.replace("\\", "\\\\").replace("\t", "\\t")
            .replace("\n", "\\n").replace("\r", "\\r"))


def join_tokens(tokens):
    for t in tokens:
        assert t and not any(c.isspace() for c in t), repr(t)
    return " ".join(tokens)


def nltk_words(text):
    return word_tokenize(text, preserve_line=True)


# --- keras.utils.pad_sequences, ported (Keras 2.x/3.x semantics, 1-D integer rows)
def pad_sequences(sequences, maxlen=None, padding="pre", truncating="pre", value=0):
    lengths = [len(s) for s in sequences]
    if maxlen is None:
        maxlen = max(lengths)  # raises on an empty list, like np.max
    out = [[value] * maxlen for _ in sequences]
    for idx, s in enumerate(sequences):
        if not len(s):
            continue
        if truncating == "pre":
            trunc = s[-maxlen:]
        elif truncating == "post":
            trunc = s[:maxlen]
        else:
            raise ValueError(truncating)
        if padding == "post":
            out[idx][:len(trunc)] = trunc
        elif padding == "pre":
            out[idx][maxlen - len(trunc):] = trunc
        else:
            raise ValueError(padding)
    return out


def rows(seqs):
    return ";".join(",".join(str(v) for v in s) for s in seqs)


PAD_INPUTS = {
    "ragged": [[1], [2, 3], [4, 5, 6], [7, 8, 9, 10, 11]],
    "notebook": [[2, 3, 4, 5], [6, 7], [8, 9], [10, 11], [12, 13], [14], [15, 16]],
    "with_empty": [[5, 6, 7], [], [8]],
    "all_empty": [[], []],
    "single": [[9, 8, 7, 6, 5, 4, 3, 2, 1]],
    "large": [[2**40, -3], [1, 2, 3]],
}

PAD_CASES = [
    ("ragged", None, "pre", "pre", 0),
    ("ragged", None, "post", "pre", 0),
    ("ragged", 3, "pre", "pre", 0),
    ("ragged", 3, "pre", "post", 0),
    ("ragged", 3, "post", "pre", 0),
    ("ragged", 3, "post", "post", 0),
    ("ragged", 7, "pre", "pre", -1),
    ("ragged", 7, "post", "post", 99),
    ("ragged", 1, "post", "pre", 0),
    ("notebook", 4, "post", "post", 0),
    ("notebook", None, "pre", "pre", 0),
    ("notebook", 2, "post", "post", 0),
    ("with_empty", None, "pre", "pre", 0),
    ("with_empty", 2, "post", "pre", 1),
    ("all_empty", 3, "pre", "pre", 7),
    ("single", 4, "pre", "pre", 0),
    ("single", 4, "pre", "post", 0),
    ("large", None, "post", "post", 0),
    ("large", 2, "pre", "pre", -5),
]


def counter_vocab(corpus, specials=(), min_freq=1, max_size=None, order="first_seen"):
    """Reference vocabulary: Counter keeps first-seen order; most_common and
    sorted() are stable, so ties stay in first-seen order (as in Keras'
    Tokenizer word_index)."""
    counts = collections.Counter(t for sent in corpus for t in sent)
    for s in specials:
        counts.pop(s, None)
    words = [(w, c) for w, c in counts.items() if c >= min_freq]
    if max_size is not None:
        keep = {w for w, _ in sorted(words, key=lambda wc: -wc[1])[:max_size]}
        words = [(w, c) for w, c in words if w in keep]
    if order == "frequency":
        words = sorted(words, key=lambda wc: -wc[1])
    return list(specials) + [w for w, _ in words]


VOCAB_CASES = [
    ((), 1, None, "first_seen"),
    (("<PAD>", "<UNK>"), 1, None, "first_seen"),
    (("<PAD>", "<UNK>"), 2, None, "first_seen"),
    (("<PAD>", "<UNK>"), 1, None, "frequency"),
    (("<PAD>", "<UNK>"), 2, None, "frequency"),
    (("<PAD>", "<UNK>"), 1, 10, "first_seen"),
    (("<PAD>", "<UNK>"), 1, 10, "frequency"),
    (("<pad>", "<unk>", "<bos>", "<eos>", "."), 3, 5, "frequency"),
    (("<PAD>",), 1, 0, "first_seen"),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    header = "# generated by tools/gen_text_fixtures.py with nltk %s, python %s\n" % (
        nltk.__version__, sys.version.split()[0])

    with open(os.path.join(OUT, "word_tokenize.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write(header)
        f.write("# input\tword_tokenize(preserve_line=True)\tword_tokenize(input.lower())\tinput.split()\n")
        for s in SENTENCES:
            f.write("\t".join([escape(s), join_tokens(nltk_words(s)),
                               join_tokens(nltk_words(s.lower())), join_tokens(s.split())]) + "\n")

    with open(os.path.join(OUT, "pad_sequences.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write(header)
        f.write("# maxlen\tpadding\ttruncating\tvalue\tinput rows\texpected rows"
                " (rows split by ';', values by ',')\n")
        for name, maxlen, padding, truncating, value in PAD_CASES:
            seqs = PAD_INPUTS[name]
            out = pad_sequences(seqs, maxlen, padding, truncating, value)
            f.write("\t".join(["none" if maxlen is None else str(maxlen), padding, truncating,
                               str(value), rows(seqs), rows(out)]) + "\n")

    corpus = [nltk_words(s.lower()) for s in SENTENCES]
    with open(os.path.join(OUT, "vocab.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write(header)
        f.write("# corpus: word_tokenize(s.lower(), preserve_line=True) of the sentences"
                " in word_tokenize.tsv, in file order\n")
        f.write("# specials\tmin_freq\tmax_size\torder\titos (joined by ' ')\n")
        for specials, min_freq, max_size, order in VOCAB_CASES:
            itos = counter_vocab(corpus, specials, min_freq, max_size, order)
            f.write("\t".join([join_tokens(specials), str(min_freq),
                               "none" if max_size is None else str(max_size), order,
                               join_tokens(itos)]) + "\n")


if __name__ == "__main__":
    main()
