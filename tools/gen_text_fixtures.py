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
* pad_defaults.tsv -- what PyTorch code does without options: each row
  truncated to maxlen by keeping its first values (torchtext's Truncate), then
  torch.nn.utils.rnn.pad_sequence(rows, batch_first=True, padding_value=0) and,
  when maxlen is longer than every row, torch.nn.functional.pad on the right
  up to maxlen (torchtext's PadTransform). Computed by torch itself.
* vocab.tsv -- vocabularies for several option combinations, built from the
  lower-cased word_tokenize output ("nltk") or from the tie-breaking corpus
  below ("ties", written to vocab_ties_corpus.txt, one sentence per line,
  tokens separated by one space). Expected vocabularies come from:
  - order "frequency": torchtext's build_vocab_from_iterator (min_freq,
    specials, special_first, max_tokens), or with max_size the legacy
    torchtext.vocab.Vocab(counter, max_size, min_freq, specials).
    torchtext is not installable here (it is retired, and its wheels pin a
    torch release other than Debian's 1.13), so this script reimplements the
    pure-Python part of torchtext 0.18's torchtext/vocab/vocab_factory.py
    (build_vocab_from_iterator and vocab(); the C++ Vocab it ends in only
    numbers the token list it is given) and of torchtext 0.8's legacy Vocab;
    see torchtext_build_vocab_from_iterator and legacy_torchtext_vocab.
  - order "frequency_first_seen": Keras' Tokenizer word_index order (a
    stable sort of first-seen counts by descending frequency).
  - order "first_seen": the words in order of first appearance; a limit
    keeps the same words as order "frequency" would.

Escaping of free text inside a TSV cell: backslash -> \\\\, tab -> \\t,
newline -> \\n, carriage return -> \\r.
"""
import collections
import os
import sys

import nltk
import torch
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


def pytorch_pad(seqs, maxlen):
    rows = [torch.tensor(s if maxlen is None else s[:maxlen], dtype=torch.long) for s in seqs]
    out = torch.nn.utils.rnn.pad_sequence(rows, batch_first=True, padding_value=0)
    if maxlen is not None and out.shape[1] < maxlen:
        out = torch.nn.functional.pad(out, (0, maxlen - out.shape[1]), value=0)
    return out.tolist()


PAD_DEFAULT_CASES = [
    ("ragged", None), ("ragged", 3), ("ragged", 7), ("notebook", 4), ("notebook", 2), ("notebook", None),
    ("with_empty", None), ("with_empty", 2), ("single", 4), ("large", None),
]


def torchtext_build_vocab_from_iterator(corpus, min_freq=1, specials=None, special_first=True,
                                         max_tokens=None):
    """torchtext 0.18 build_vocab_from_iterator, reimplemented: count every token
    (specials too), rank by (-count, token) -- Python's str order, by code
    point --, keep the first max_tokens - len(specials) of that ranking when
    max_tokens is given (torchtext asserts len(specials) < max_tokens), then
    torchtext.vocab.vocab(): drop the specials from what is left, drop tokens
    rarer than min_freq, put the specials first or last."""
    specials = list(specials or [])
    counts = collections.Counter(t for sent in corpus for t in sent)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if max_tokens is not None:
        if not len(specials) < max_tokens:
            raise AssertionError("len(specials) >= max_tokens, so the vocab will be entirely special tokens.")
        ranked = ranked[:max_tokens - len(specials)]
    words = [w for w, c in ranked if w not in specials and c >= min_freq]
    return specials + words if special_first else words + specials


def legacy_torchtext_vocab(corpus, specials, min_freq, max_size):
    """torchtext 0.8 torchtext.vocab.Vocab(counter, max_size, min_freq, specials),
    reimplemented: the specials are removed from the counter, the rest is
    sorted by token then stably by descending count, and words are taken in
    that order until one is rarer than min_freq or max_size words are taken."""
    counts = collections.Counter(t for sent in corpus for t in sent)
    for s in specials:
        del counts[s]
    ranked = sorted(counts.items(), key=lambda item: item[0])
    ranked.sort(key=lambda item: item[1], reverse=True)
    itos = list(specials)
    for w, c in ranked:
        if c < min_freq or len(itos) - len(specials) == max_size:
            break
        itos.append(w)
    return itos


def keras_word_order(corpus, specials, min_freq, max_size):
    """Keras' Tokenizer word_index order: counts in first-seen order, sorted
    stably by descending count (ties stay first-seen); specials excluded and
    put first, min_freq and max_size applied on that order."""
    counts = collections.Counter(t for sent in corpus for t in sent)
    words = [(w, c) for w, c in counts.items() if w not in specials]
    words.sort(key=lambda wc: wc[1], reverse=True)
    words = [w for w, c in words if c >= min_freq]
    if max_size is not None:
        words = words[:max_size]
    return list(specials) + words


def first_seen_order(corpus, kept):
    seen = []
    for sent in corpus:
        for t in sent:
            if t in kept and t not in seen:
                seen.append(t)
    return seen


def reference_vocab(corpus, specials, min_freq, max_size, max_tokens, special_first, order):
    specials = list(specials)
    if order == "frequency_first_seen":
        assert max_tokens is None and special_first
        return keras_word_order(corpus, specials, min_freq, max_size)
    if max_size is not None:
        assert max_tokens is None and special_first
        ranked = legacy_torchtext_vocab(corpus, specials, min_freq, max_size)
    else:
        ranked = torchtext_build_vocab_from_iterator(corpus, min_freq, specials, special_first, max_tokens)
    if order == "frequency":
        return ranked
    words = first_seen_order(corpus, set(ranked) - set(specials))
    return specials + words if special_first else words + specials


# Ties at every count, in first-seen orders that differ from Python's str
# order: upper before lower case ("B" < "a"), accents after ASCII, U+FF21
# (fullwidth A) before U+1F600 (an emoji, a surrogate pair in Java, where
# String.compareTo would put it first), and specials that occur in the corpus.
TIES_CORPUS = [
    "zeta a B \uff21 \U0001f600 <unk> \u00e9 b",
    "\U0001f600 \uff21 zeta <unk> . z",
    "B a y . \u00e9 <unk>",
    "x \U0001f601 \ufb01 zeta",
]

VOCAB_CASES = [
    # corpus, specials, min_freq, max_size, max_tokens, special_first, order
    ("nltk", (), 1, None, None, True, "first_seen"),
    ("nltk", ("<PAD>", "<UNK>"), 1, None, None, True, "first_seen"),
    ("nltk", ("<PAD>", "<UNK>"), 2, None, None, True, "first_seen"),
    ("nltk", ("<PAD>", "<UNK>"), 1, None, None, True, "frequency"),
    ("nltk", ("<PAD>", "<UNK>"), 2, None, None, True, "frequency"),
    ("nltk", ("<PAD>", "<UNK>"), 1, 10, None, True, "first_seen"),
    ("nltk", ("<PAD>", "<UNK>"), 1, 10, None, True, "frequency"),
    ("nltk", ("<pad>", "<unk>", "<bos>", "<eos>", "."), 3, 5, None, True, "frequency"),
    ("nltk", ("<PAD>",), 1, 0, None, True, "first_seen"),
    ("nltk", ("<PAD>", "<UNK>"), 1, None, 12, True, "frequency"),
    ("nltk", ("<pad>", "<unk>", "<bos>", "<eos>", "."), 2, None, 9, True, "frequency"),
    ("nltk", ("<PAD>", "<UNK>"), 2, None, 12, True, "first_seen"),
    ("nltk", ("<PAD>", "<UNK>"), 1, None, None, False, "frequency"),
    ("nltk", ("<PAD>", "<UNK>"), 1, None, None, True, "frequency_first_seen"),
    ("nltk", ("<PAD>", "<UNK>"), 2, 10, None, True, "frequency_first_seen"),
    ("ties", (), 1, None, None, True, "frequency"),
    ("ties", (), 1, None, None, True, "first_seen"),
    ("ties", ("<pad>", "<unk>"), 1, None, None, True, "frequency"),
    ("ties", ("<pad>", "<unk>"), 1, None, 6, True, "frequency"),
    ("ties", ("<pad>", "<unk>"), 2, None, 8, False, "frequency"),
    ("ties", ("<pad>", "<unk>"), 1, None, 7, True, "first_seen"),
    ("ties", ("<pad>", "<unk>"), 1, 4, None, True, "frequency"),
    ("ties", ("<pad>", "<unk>"), 1, 4, None, True, "first_seen"),
    ("ties", ("<pad>", "<unk>"), 1, None, None, True, "frequency_first_seen"),
    ("ties", ("<pad>", "<unk>"), 1, 4, None, True, "frequency_first_seen"),
]


def opt(v):
    return "none" if v is None else str(v)


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

    with open(os.path.join(OUT, "pad_defaults.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write(header.rstrip("\n") + ", torch %s\n" % torch.__version__)
        f.write("# maxlen\tinput rows\texpected rows (rows split by ';', values by ',')\n")
        for name, maxlen in PAD_DEFAULT_CASES:
            seqs = PAD_INPUTS[name]
            f.write("\t".join(["none" if maxlen is None else str(maxlen), rows(seqs),
                               rows(pytorch_pad(seqs, maxlen))]) + "\n")

    ties = [s.split(" ") for s in TIES_CORPUS]
    with open(os.path.join(OUT, "vocab_ties_corpus.txt"), "w", encoding="utf-8", newline="\n") as f:
        for sent in ties:
            f.write(join_tokens(sent) + "\n")
    corpora = {"nltk": [nltk_words(s.lower()) for s in SENTENCES], "ties": ties}
    with open(os.path.join(OUT, "vocab.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write(header)
        f.write("# corpus nltk: word_tokenize(s.lower(), preserve_line=True) of the sentences"
                " in word_tokenize.tsv, in file order; corpus ties: vocab_ties_corpus.txt\n")
        f.write("# corpus\tspecials\tmin_freq\tmax_size\tmax_tokens\tspecial_first\torder"
                "\titos (joined by ' ')\n")
        for corpus, specials, min_freq, max_size, max_tokens, special_first, order in VOCAB_CASES:
            itos = reference_vocab(corpora[corpus], specials, min_freq, max_size, max_tokens, special_first,
                                   order)
            f.write("\t".join([corpus, join_tokens(specials), str(min_freq), opt(max_size), opt(max_tokens),
                               str(special_first).lower(), order, join_tokens(itos)]) + "\n")

if __name__ == "__main__":
    main()
