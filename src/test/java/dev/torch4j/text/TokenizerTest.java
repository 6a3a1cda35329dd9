package dev.torch4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected tokens come from nltk 3.8 via tools/gen_text_fixtures.py (word_tokenize.tsv). */
class TokenizerTest {

    static Stream<Arguments> nltkCases() {
        return TextFixtures.rows("word_tokenize.tsv").stream().map(r -> Arguments.of(
                TextFixtures.unescape(r[0]), TextFixtures.tokens(r[1]), TextFixtures.tokens(r[2]),
                TextFixtures.tokens(r[3])));
    }

    @Test
    void fixtureHasTheExpectedNumberOfCases() {
        assertEquals(48, TextFixtures.rows("word_tokenize.tsv").size());
    }

    @ParameterizedTest
    @MethodSource("nltkCases")
    void wordsMatchesNltkWordTokenize(String text, List<String> expected, List<String> lower,
            List<String> split) {
        assertEquals(expected, Tokenizer.words().tokenize(text), text);
    }

    @ParameterizedTest
    @MethodSource("nltkCases")
    void lowercaseMatchesWordTokenizeOfLoweredText(String text, List<String> expected, List<String> lower,
            List<String> split) {
        assertEquals(lower, Tokenizer.words().lowercase(true).tokenize(text), text);
    }

    @ParameterizedTest
    @MethodSource("nltkCases")
    void whitespaceMatchesPythonSplit(String text, List<String> expected, List<String> lower,
            List<String> split) {
        assertEquals(split, Tokenizer.whitespace().tokenize(text), text);
    }

    @Test
    void tokenizeListKeepsOrderAndMatchesSingleCalls() {
        List<String[]> rows = TextFixtures.rows("word_tokenize.tsv");
        List<String> texts = new ArrayList<>();
        List<List<String>> expected = new ArrayList<>();
        for (String[] r : rows) {
            texts.add(TextFixtures.unescape(r[0]));
            expected.add(TextFixtures.tokens(r[1]));
        }
        assertEquals(expected, Tokenizer.words().tokenize(texts));
    }

    @Test
    void notebookSentencesSplitOnSpaces() {
        assertEquals(List.of(List.of("nice", "great", "best", "amazing"), List.of("stop", "lies")),
                Tokenizer.words().tokenize(List.of("nice great best amazing", "stop lies")));
    }

    @Test
    void pythonWhitespaceIncludesSeparatorsThatJavaIgnores() {
        // str.isspace() is true for U+001C..U+001F, U+0085 and U+00A0; "a\u00a0b".split() == ['a', 'b']
        assertEquals(List.of("a", "b", "c", "d"), Tokenizer.whitespace().tokenize("a\u00a0b\u001fc\u0085d"));
        assertEquals(List.of("a\u200bb"), Tokenizer.whitespace().tokenize("a\u200bb"));
    }

    @Test
    void lowercaseIsAnOptionThatCanBeTurnedOff() {
        Tokenizer t = Tokenizer.words().lowercase(true);
        assertTrue(t.isLowercase());
        assertFalse(t.lowercase(false).isLowercase());
        assertFalse(Tokenizer.words().isLowercase());
        assertEquals(List.of("Hi", "!"), t.lowercase(false).tokenize("Hi!"));
        assertEquals("Tokenizer.whitespace().lowercase(true)", Tokenizer.whitespace().lowercase(true).toString());
    }

    @Test
    void resultsAreUnmodifiable() {
        List<String> tokens = Tokenizer.words().tokenize("a b");
        assertThrows(UnsupportedOperationException.class, () -> tokens.add("c"));
    }

    @Test
    void nullInputIsRejectedWithItsPosition() {
        assertThrows(NullPointerException.class, () -> Tokenizer.words().tokenize((String) null));
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> Tokenizer.words().tokenize(Arrays.asList("ok", null)));
        assertEquals("texts[1] is null", e.getMessage());
    }
}
