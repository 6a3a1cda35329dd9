package dev.torch4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.DType;
import dev.torch4j.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VocabTest {

    private static final List<String> SENTENCES = List.of("nice great best amazing", "stop lies", "pitiful nerd",
            "excellent work", "supreme quality", "bad", "highly respectable");

    private static List<List<String>> notebookTokens() {
        List<List<String>> out = new ArrayList<>();
        for (String s : SENTENCES) {
            out.add(Arrays.asList(s.split(" ")));
        }
        return out;
    }

    private static Vocab notebookVocab() {
        return Vocab.build(notebookTokens(), VocabOptions.defaults().specials("<PAD>", "<UNK>"));
    }

    // ------------------------------------------------------------------ the notebook

    @Test
    void notebookVocabularyAndPaddedTensor() {
        Vocab vocab = notebookVocab();
        assertEquals(17, vocab.size());
        assertEquals(List.of("<PAD>", "<UNK>", "nice", "great", "best", "amazing", "stop", "lies", "pitiful", "nerd",
                "excellent", "work", "supreme", "quality", "bad", "highly", "respectable"), vocab.itos());
        try (Tensor x = vocab.encode(notebookTokens()).pad(4)) {
            assertEquals(DType.INT64, x.dtype());
            assertArrayEquals(new long[] {7, 4}, x.shape());
            long[][] expected = {{2, 3, 4, 5}, {6, 7, 0, 0}, {8, 9, 0, 0}, {10, 11, 0, 0}, {12, 13, 0, 0},
                {14, 0, 0, 0}, {15, 16, 0, 0}};
            assertArrayEquals(Arrays.stream(expected).flatMapToLong(Arrays::stream).toArray(), x.toLongArray());
        }
    }

    @Test
    void notebookPipelineWithTheTokenizer() {
        List<List<String>> tokens = Tokenizer.words().tokenize(SENTENCES);
        Vocab vocab = Vocab.build(tokens, VocabOptions.defaults().specials("<PAD>", "<UNK>"));
        assertEquals(notebookVocab(), vocab);
    }

    // ------------------------------------------------------------------ Python reference vocabularies

    /** The corpora of vocab.tsv: Python's word_tokenize output ("nltk") and the tie-breaking corpus ("ties"). */
    private static Map<String, List<List<String>>> fixtureCorpora() {
        List<List<String>> nltk = new ArrayList<>();
        for (String[] r : TextFixtures.rows("word_tokenize.tsv")) {
            nltk.add(TextFixtures.tokens(r[2]));   // Python's word_tokenize(s.lower()), not ours
        }
        List<List<String>> ties = new ArrayList<>();
        for (String[] r : TextFixtures.rows("vocab_ties_corpus.txt")) {
            if (r.length == 1 && !r[0].isEmpty()) {
                ties.add(TextFixtures.tokens(r[0]));
            }
        }
        return Map.of("nltk", nltk, "ties", ties);
    }

    static Stream<Arguments> referenceCases() {
        Map<String, List<List<String>>> corpora = fixtureCorpora();
        return TextFixtures.rows("vocab.tsv").stream().map(r -> Arguments.of(
                String.join(" | ", Arrays.copyOf(r, 7)), corpora.get(r[0]), TextFixtures.tokens(r[1]),
                Integer.parseInt(r[2]), r[3], r[4], Boolean.parseBoolean(r[5]), r[6], TextFixtures.tokens(r[7])));
    }

    @Test
    void vocabFixtureHasTheExpectedNumberOfCases() {
        assertEquals(25, TextFixtures.rows("vocab.tsv").size());
        assertEquals(4, fixtureCorpora().get("ties").size());
    }

    /**
     * Order FREQUENCY against torchtext's build_vocab_from_iterator (and legacy Vocab for maxSize),
     * FREQUENCY_FIRST_SEEN against Keras' Tokenizer order, FIRST_SEEN against first appearance.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceCases")
    void buildMatchesThePythonReference(String name, List<List<String>> corpus, List<String> specials, int minFreq,
            String maxSize, String maxTokens, boolean specialFirst, String order, List<String> expectedItos) {
        VocabOptions o = VocabOptions.defaults().specials(specials.toArray(new String[0])).minFreq(minFreq)
                .specialFirst(specialFirst).order(VocabOptions.Order.valueOf(order.toUpperCase()));
        if (!maxSize.equals("none")) {
            o = o.maxSize(Integer.parseInt(maxSize));
        }
        if (!maxTokens.equals("none")) {
            o = o.maxTokens(Integer.parseInt(maxTokens));
        }
        Vocab vocab = Vocab.build(corpus, o);
        assertEquals(expectedItos, vocab.itos());
        for (int i = 0; i < expectedItos.size(); i++) {
            assertEquals(i, vocab.stoi(expectedItos.get(i)));
        }
    }

    @Test
    void maxTokensMustLeaveRoomForAWord() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vocab.build(notebookTokens(),
                VocabOptions.defaults().specials("<PAD>", "<UNK>").maxTokens(2)));
        assertEquals("len(specials) >= max_tokens, so the vocab will be entirely special tokens: got 2 specials and "
                + "maxTokens(2)", e.getMessage());
    }

    @Test
    void specialsInTheCorpusAreNotCountedAsWords() {
        Vocab v = Vocab.build(List.of(List.of("<UNK>", "x", "<PAD>")), VocabOptions.defaults().specials("<PAD>", "<UNK>"));
        assertEquals(List.of("<PAD>", "<UNK>", "x"), v.itos());
    }

    // ------------------------------------------------------------------ lookups

    @Test
    void lookupsAndViews() {
        Vocab vocab = notebookVocab();
        assertEquals(2, vocab.stoi("nice"));
        assertEquals(1, vocab.stoi("missing"), "unknown words map to <UNK>");
        assertEquals("bad", vocab.itos(14));
        assertTrue(vocab.contains("bad"));
        assertFalse(vocab.contains("missing"));
        assertEquals(-1, vocab.indexOf("missing", -1));
        assertEquals(16, vocab.indexOf("respectable", -1));
        assertEquals(Optional.of("<UNK>"), vocab.unknownToken());
        assertEquals(OptionalInt.of(1), vocab.unknownIndex());
        Map<String, Integer> stoi = vocab.stoi();
        assertEquals(17, stoi.size());
        assertEquals(vocab.itos(), new ArrayList<>(stoi.keySet()), "stoi iterates in index order");
        assertThrows(UnsupportedOperationException.class, () -> stoi.put("x", 3));
        assertThrows(UnsupportedOperationException.class, () -> vocab.itos().add("x"));
        assertEquals("Vocab[size=17, unknown=<UNK>]", vocab.toString());
    }

    @Test
    void itosOutOfRangeNamesIndexAndSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> notebookVocab().itos(17));
        assertEquals("index 17 is out of range for a vocabulary of size 17: expected 0 <= index < 17", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> notebookVocab().itos(-1));
    }

    // ------------------------------------------------------------------ encoding and decoding

    @Test
    void unknownWordsEncodeToUnkAndCountInUnknownRate() {
        Vocab vocab = notebookVocab();
        List<List<String>> test = List.of(List.of("nice", "movie"), List.of("xx", "yy", "zz"), List.of(),
                List.of("bad", "work", "bad"));
        EncodedSequences enc = vocab.encode(test);
        assertArrayEquals(new long[] {2, 1}, enc.get(0));
        assertArrayEquals(new long[] {1, 1, 1}, enc.get(1));
        assertArrayEquals(new long[] {14, 11, 14}, enc.get(3));
        assertArrayEquals(new double[] {0.5, 1.0, 0.0, 0.0}, enc.unknownRate(), 1e-12);
        assertArrayEquals(new long[] {2, 1}, vocab.lookupIndices(List.of("nice", "movie")));
        assertArrayEquals(new int[] {2, 1}, vocab.lookupIndicesAsInts(List.of("nice", "movie")));
    }

    @Test
    void withoutUnknownAMissingWordIsRejectedWithWordAndSentence() {
        Vocab vocab = Vocab.build(notebookTokens(), VocabOptions.defaults().specials("<PAD>"));
        assertTrue(vocab.unknownToken().isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> vocab.encode(List.of(List.of("nice"), List.of("bad", "movie"))));
        assertEquals("token 'movie' in sentence 1 at position 1 is not in the vocabulary of size 16, which has no "
                + "unknown token; add \"<UNK>\" to the specials or set VocabOptions.unknown(...)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> vocab.lookupIndices(List.of("movie")));
        assertTrue(e.getMessage().startsWith("token 'movie' at position 0 is not in the vocabulary"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> vocab.stoi("movie"));
        assertTrue(e.getMessage().startsWith("token 'movie' is not in the vocabulary"), e.getMessage());
    }

    @Test
    void noUnknownDisablesTheDefaultUnk() {
        Vocab vocab = Vocab.build(notebookTokens(), VocabOptions.defaults().specials("<PAD>", "<UNK>").noUnknown());
        assertThrows(IllegalArgumentException.class, () -> vocab.stoi("movie"));
        assertEquals(OptionalInt.of(1), vocab.withUnknown("<UNK>").unknownIndex());
        assertTrue(notebookVocab().withoutUnknown().unknownIndex().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> vocab.withUnknown("<unk>"));
    }

    @Test
    void explicitUnknownMustBeInTheVocabulary() {
        Vocab v = Vocab.build(notebookTokens(), VocabOptions.defaults().specials("<pad>", "<unk>").unknown("<unk>"));
        assertEquals(1, v.stoi("movie"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vocab.build(notebookTokens(),
                VocabOptions.defaults().specials("<pad>").unknown("<unk>")));
        assertEquals("unknown token '<unk>' is not in the vocabulary; expected it among the specials [<pad>] or the "
                + "kept words", e.getMessage());
    }

    @Test
    void decodeMapsBackAndRejectsIndicesPastTheVocabulary() {
        Vocab vocab = notebookVocab();
        assertEquals(List.of("stop", "lies", "<PAD>", "<PAD>"), vocab.decode(new long[] {6, 7, 0, 0}));
        assertEquals(List.of("bad", "<UNK>"), vocab.decode(new int[] {14, 1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> vocab.decode(new long[] {2, 17}));
        assertEquals("index 17 at position 1 is out of range for a vocabulary of size 17: expected 0 <= index < 17",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> vocab.decode(new int[] {-1}));
        assertTrue(e.getMessage().startsWith("index -1 at position 0"), e.getMessage());
    }

    // ------------------------------------------------------------------ bad corpora

    @Test
    void emptyCorpusIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vocab.build(List.of()));
        assertEquals("cannot build a vocabulary from an empty corpus: expected at least 1 token, got 0 sentence(s) "
                + "with 0 tokens", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Vocab.build(List.of(List.of(), List.of()),
                VocabOptions.defaults().specials("<PAD>")));
        assertTrue(e.getMessage().contains("got 2 sentence(s) with 0 tokens"), e.getMessage());
    }

    @Test
    void nullsInTheCorpusAreNamed() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> Vocab.build(Arrays.asList(List.of("a"), Arrays.asList("b", null))));
        assertEquals("tokens[1][1] is null", e.getMessage());
        e = assertThrows(NullPointerException.class, () -> Vocab.build(Arrays.asList(List.of("a"), null)));
        assertEquals("tokens[1] is null", e.getMessage());
    }

    // ------------------------------------------------------------------ files

    @Test
    void saveWritesOneTokenPerLineInIndexOrder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("vocab.txt");
        Vocab.build(List.of(List.of("héllo", "wörld", "héllo", "😀")), VocabOptions.defaults().specials("<PAD>", "<UNK>"))
                .save(file);
        assertArrayEquals("<PAD>\n<UNK>\nhéllo\nwörld\n😀\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
    }

    @Test
    void saveAndLoadRoundTrip(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("vocab.txt");
        Vocab vocab = Vocab.build(List.of(List.of("a", "", " b ", "ç"), List.of("\t")),
                VocabOptions.defaults().specials("<PAD>", "<UNK>"));
        vocab.save(file);
        Vocab loaded = Vocab.load(file);
        assertEquals(vocab.itos(), loaded.itos());
        assertEquals(vocab, loaded);
        assertEquals(OptionalInt.of(1), loaded.unknownIndex(), "<UNK> is the unknown token after loading");
        Vocab.build(List.of(List.of("x"))).save(file);
        assertTrue(Vocab.load(file).unknownIndex().isEmpty());
    }

    @Test
    void saveRejectsTokensWithLineBreaksAndWritesNothing(@TempDir Path dir) {
        Path file = dir.resolve("vocab.txt");
        Vocab vocab = Vocab.build(List.of(List.of("ok", "two\nlines")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> vocab.save(file));
        assertEquals("token at index 1 contains a line break and cannot be saved one per line: 'two\\nlines'",
                e.getMessage());
        assertFalse(Files.exists(file));
        assertThrows(IllegalArgumentException.class, () -> Vocab.build(List.of(List.of("a\rb"))).save(file));
    }

    @Test
    void loadAcceptsCrlfAndAMissingFinalNewline(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("vocab.txt");
        Files.write(file, "<PAD>\r\n<UNK>\r\nword".getBytes(StandardCharsets.UTF_8));
        Vocab v = Vocab.load(file);
        assertEquals(List.of("<PAD>", "<UNK>", "word"), v.itos());
        Files.write(file, new byte[0]);
        assertEquals(0, Vocab.load(file).size());
    }

    @Test
    void loadRejectsDuplicatesAndInvalidUtf8NamingFileAndPlace(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("vocab.txt");
        Files.write(file, "a\nb\nc\nb\n".getBytes(StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class, () -> Vocab.load(file));
        assertEquals(file + ": line 4: duplicate token 'b', first on line 2; expected one distinct token per line",
                e.getMessage());
        Files.write(file, new byte[] {'a', '\n', 'b', (byte) 0xC3, '\n'});
        e = assertThrows(IOException.class, () -> Vocab.load(file));
        assertEquals(file + ": byte offset 3: expected UTF-8 text, got an invalid byte sequence", e.getMessage());
    }

    @Test
    void equalityDependsOnTokensAndUnknown() {
        assertEquals(notebookVocab(), notebookVocab());
        assertEquals(notebookVocab().hashCode(), notebookVocab().hashCode());
        assertNotEquals(notebookVocab(), notebookVocab().withoutUnknown());
        assertNotEquals(notebookVocab(), Vocab.build(notebookTokens()));
    }
}
