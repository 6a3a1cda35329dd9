#!/usr/bin/python3
"""Runs bentrevett/pytorch-sentiment-analysis' "2 - Upgraded Sentiment Analysis" on a tiny data set and records its numbers.

Run with Debian's python3-torch (1.13) and python3-gensim:  /usr/bin/python3 tools/gen_sentiment_fixtures.py
Upstream: https://github.com/bentrevett/pytorch-sentiment-analysis/blob/329f654b2cfaed22fee432569ebd7a2674584f79/legacy/2%20-%20Upgraded%20Sentiment%20Analysis.ipynb
          (MIT License, Copyright (c) 2017 Ben Trevett). The code cells below are the notebook's, in order; the
          cells that used torchtext.legacy and spaCy (not installable here, and IMDB/GloVe are downloads) are
          replaced by the smallest code with the same meaning, marked REPLACED, and the Java port
          (examples/src/dev/torch4j/examples/sentiment/) replaces them the same way:
          - IMDB -> examples/data/sentiment/{train,valid,test}.tsv (label<TAB>text), tokenized by text.split()
            (the texts are lowercase with spaces around punctuation; spaCy's tokenizer would split them the same);
          - TEXT.build_vocab(max_size=25_000, vectors="glove.6B.100d", unk_init=torch.Tensor.normal_) -> the legacy
            torchtext Vocab: '<unk>', '<pad>', then words by descending frequency, ties alphabetical; vectors
            from examples/data/small-vectors.bin (100-d word2vec), a missing word's row drawn by normal_ in
            vocabulary order, as torchtext's unk_init does;
          - BucketIterator.splits(sort_within_batch=True) -> DataLoader(shuffle=True for training, in file
            order for valid/test), whose collate sorts each batch by length (longest first) and pads to
            [sent len, batch] with PAD_IDX.
          Sizes are scaled to the data: HIDDEN_DIM 32 instead of 256, BATCH_SIZE 8 instead of 64, N_EPOCHS 20 instead of 5.
Output: src/test/resources/fixtures/examples/sentiment.tsv (small; committed): the vocabulary size and parameter
        count, per epoch train loss/acc and valid loss/acc, the best model's test loss/acc, and predict_sentiment
        of the notebook's two sentences; values as repr() writes them. SentimentAnalysisTest compares.
"""
import os
import time
from collections import Counter

import torch
import torch.nn as nn
from gensim.models import KeyedVectors

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "examples", "data", "sentiment")
VECTORS = os.path.join(HERE, "..", "examples", "data", "small-vectors.bin")
OUT = os.path.join(HERE, "..", "src", "test", "resources", "fixtures", "examples")
RECORDS = []


def record(*fields):
    RECORDS.append("\t".join(repr(f) if isinstance(f, float) else str(f) for f in fields))


SEED = 1234

torch.manual_seed(SEED)
torch.backends.cudnn.deterministic = True


# REPLACED: data.Field(tokenize='spacy', include_lengths=True), LabelField(dtype=torch.float), IMDB.splits, split
def read(path):
    examples = []
    with open(path, encoding="utf8") as f:
        for line in f:
            label, text = line.rstrip("\n").split("\t")
            examples.append((text.split(), 1.0 if label == "pos" else 0.0))
    return examples


train_data = read(os.path.join(DATA, "train.tsv"))
valid_data = read(os.path.join(DATA, "valid.tsv"))
test_data = read(os.path.join(DATA, "test.tsv"))

MAX_VOCAB_SIZE = 25_000

# REPLACED: TEXT.build_vocab(train_data, max_size=MAX_VOCAB_SIZE, vectors="glove.6B.100d", unk_init=torch.Tensor.normal_)
counter = Counter(tok for text, _ in train_data for tok in text)
itos = ["<unk>", "<pad>"]
words_and_frequencies = sorted(counter.items(), key=lambda tup: tup[0])
words_and_frequencies.sort(key=lambda tup: tup[1], reverse=True)
for word, freq in words_and_frequencies:
    if len(itos) == MAX_VOCAB_SIZE + 2:
        break
    itos.append(word)
stoi = {w: i for i, w in enumerate(itos)}
wv = KeyedVectors.load_word2vec_format(VECTORS, binary=True)
vectors = torch.Tensor(len(itos), wv.vector_size)
for i, token in enumerate(itos):
    if token in wv.key_to_index:
        vectors[i] = torch.tensor(wv[token])
    else:
        vectors[i] = torch.Tensor.normal_(vectors[i])

BATCH_SIZE = 8

device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')

PAD_IDX = stoi["<pad>"]


# REPLACED: data.BucketIterator.splits((train_data, valid_data, test_data), batch_size=BATCH_SIZE, sort_within_batch=True)
def collate(batch):
    batch = sorted(batch, key=lambda ex: len(ex[0]), reverse=True)
    text = [torch.tensor([stoi.get(t, 0) for t in ex[0]]) for ex in batch]
    lengths = torch.tensor([len(ex[0]) for ex in batch])
    label = torch.tensor([ex[1] for ex in batch])
    return nn.utils.rnn.pad_sequence(text, padding_value=PAD_IDX).to(device), lengths, label.to(device)


train_iterator = torch.utils.data.DataLoader(train_data, batch_size=BATCH_SIZE, shuffle=True, collate_fn=collate)
valid_iterator = torch.utils.data.DataLoader(valid_data, batch_size=BATCH_SIZE, collate_fn=collate)
test_iterator = torch.utils.data.DataLoader(test_data, batch_size=BATCH_SIZE, collate_fn=collate)


class RNN(nn.Module):
    def __init__(self, vocab_size, embedding_dim, hidden_dim, output_dim, n_layers,
                 bidirectional, dropout, pad_idx):

        super().__init__()

        self.embedding = nn.Embedding(vocab_size, embedding_dim, padding_idx = pad_idx)

        self.rnn = nn.LSTM(embedding_dim,
                           hidden_dim,
                           num_layers=n_layers,
                           bidirectional=bidirectional,
                           dropout=dropout)

        self.fc = nn.Linear(hidden_dim * 2, output_dim)

        self.dropout = nn.Dropout(dropout)

    def forward(self, text, text_lengths):

        #text = [sent len, batch size]

        embedded = self.dropout(self.embedding(text))

        #embedded = [sent len, batch size, emb dim]

        #pack sequence
        # lengths need to be on CPU!
        packed_embedded = nn.utils.rnn.pack_padded_sequence(embedded, text_lengths.to('cpu'))

        packed_output, (hidden, cell) = self.rnn(packed_embedded)

        #unpack sequence
        output, output_lengths = nn.utils.rnn.pad_packed_sequence(packed_output)

        #output = [sent len, batch size, hid dim * num directions]
        #output over padding tokens are zero tensors

        #hidden = [num layers * num directions, batch size, hid dim]
        #cell = [num layers * num directions, batch size, hid dim]

        #concat the final forward (hidden[-2,:,:]) and backward (hidden[-1,:,:]) hidden layers
        #and apply dropout

        hidden = self.dropout(torch.cat((hidden[-2,:,:], hidden[-1,:,:]), dim = 1))

        #hidden = [batch size, hid dim * num directions]

        return self.fc(hidden)


INPUT_DIM = len(itos)
EMBEDDING_DIM = 100
HIDDEN_DIM = 32
OUTPUT_DIM = 1
N_LAYERS = 2
BIDIRECTIONAL = True
DROPOUT = 0.5

model = RNN(INPUT_DIM,
            EMBEDDING_DIM,
            HIDDEN_DIM,
            OUTPUT_DIM,
            N_LAYERS,
            BIDIRECTIONAL,
            DROPOUT,
            PAD_IDX)


def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


print(f'The model has {count_parameters(model):,} trainable parameters')
record("vocab", len(itos))
record("parameters", count_parameters(model))

pretrained_embeddings = vectors

print(pretrained_embeddings.shape)

model.embedding.weight.data.copy_(pretrained_embeddings)

UNK_IDX = stoi["<unk>"]

model.embedding.weight.data[UNK_IDX] = torch.zeros(EMBEDDING_DIM)
model.embedding.weight.data[PAD_IDX] = torch.zeros(EMBEDDING_DIM)

print(model.embedding.weight.data)

import torch.optim as optim

optimizer = optim.Adam(model.parameters())

criterion = nn.BCEWithLogitsLoss()

model = model.to(device)
criterion = criterion.to(device)


def binary_accuracy(preds, y):
    """
    Returns accuracy per batch, i.e. if you get 8/10 right, this returns 0.8, NOT 8
    """

    #round predictions to the closest integer
    rounded_preds = torch.round(torch.sigmoid(preds))
    correct = (rounded_preds == y).float() #convert into float for division
    acc = correct.sum() / len(correct)
    return acc


def train(model, iterator, optimizer, criterion):

    epoch_loss = 0
    epoch_acc = 0

    model.train()

    for batch in iterator:

        optimizer.zero_grad()

        text, text_lengths, label = batch  # REPLACED: text, text_lengths = batch.text; batch.label

        predictions = model(text, text_lengths).squeeze(1)

        loss = criterion(predictions, label)

        acc = binary_accuracy(predictions, label)

        loss.backward()

        optimizer.step()

        epoch_loss += loss.item()
        epoch_acc += acc.item()

    return epoch_loss / len(iterator), epoch_acc / len(iterator)


def evaluate(model, iterator, criterion):

    epoch_loss = 0
    epoch_acc = 0

    model.eval()

    with torch.no_grad():

        for batch in iterator:

            text, text_lengths, label = batch  # REPLACED: text, text_lengths = batch.text; batch.label

            predictions = model(text, text_lengths).squeeze(1)

            loss = criterion(predictions, label)

            acc = binary_accuracy(predictions, label)

            epoch_loss += loss.item()
            epoch_acc += acc.item()

    return epoch_loss / len(iterator), epoch_acc / len(iterator)


def epoch_time(start_time, end_time):
    elapsed_time = end_time - start_time
    elapsed_mins = int(elapsed_time / 60)
    elapsed_secs = int(elapsed_time - (elapsed_mins * 60))
    return elapsed_mins, elapsed_secs


N_EPOCHS = 20

best_valid_loss = float('inf')
SAVE = "/tmp/tut2-model.pt"

for epoch in range(N_EPOCHS):

    start_time = time.time()

    train_loss, train_acc = train(model, train_iterator, optimizer, criterion)
    valid_loss, valid_acc = evaluate(model, valid_iterator, criterion)

    end_time = time.time()

    epoch_mins, epoch_secs = epoch_time(start_time, end_time)

    if valid_loss < best_valid_loss:
        best_valid_loss = valid_loss
        torch.save(model.state_dict(), SAVE)

    print(f'Epoch: {epoch+1:02} | Epoch Time: {epoch_mins}m {epoch_secs}s')
    print(f'\tTrain Loss: {train_loss:.3f} | Train Acc: {train_acc*100:.2f}%')
    print(f'\t Val. Loss: {valid_loss:.3f} |  Val. Acc: {valid_acc*100:.2f}%')
    record("epoch", epoch + 1, train_loss, train_acc, valid_loss, valid_acc)

model.load_state_dict(torch.load(SAVE))

test_loss, test_acc = evaluate(model, test_iterator, criterion)

print(f'Test Loss: {test_loss:.3f} | Test Acc: {test_acc*100:.2f}%')
record("test", test_loss, test_acc)


# REPLACED: nlp = spacy.load('en_core_web_sm'); tokenized = [tok.text for tok in nlp.tokenizer(sentence)]
def predict_sentiment(model, sentence):
    model.eval()
    tokenized = sentence.split()
    indexed = [stoi.get(t, UNK_IDX) for t in tokenized]
    length = [len(indexed)]
    tensor = torch.LongTensor(indexed).to(device)
    tensor = tensor.unsqueeze(1)
    length_tensor = torch.LongTensor(length)
    prediction = torch.sigmoid(model(tensor, length_tensor))
    return prediction.item()


for sentence in ["This film is terrible", "This film is great"]:
    p = predict_sentiment(model, sentence)
    print(sentence, p)
    record("predict", sentence, p)

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "sentiment.tsv"), "w") as f:
    f.write("# written by tools/gen_sentiment_fixtures.py (torch %s): bentrevett/pytorch-sentiment-analysis legacy "
            "notebook 2 on examples/data/sentiment\n" % torch.__version__)
    f.write("# vocab\tsize | parameters\tcount | epoch\tn\ttrain_loss\ttrain_acc\tvalid_loss\tvalid_acc | "
            "test\tloss\tacc | predict\tsentence\tprobability\n")
    f.write("\n".join(RECORDS) + "\n")
