package dev.torch4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class VocabOptionsTest {

    @Test
    void documentedDefaults() {
        VocabOptions d = VocabOptions.defaults();
        assertEquals(List.of(), d.specials());
        assertEquals(1, d.minFreq());
        assertTrue(d.maxSize().isEmpty());
        assertTrue(d.maxTokens().isEmpty());
        assertTrue(d.specialFirst());
        assertEquals(VocabOptions.Order.FIRST_SEEN, d.order());
        assertTrue(d.unknown().isEmpty());
        assertEquals("VocabOptions[specials=[], minFreq=1, maxSize=unlimited, maxTokens=unlimited, specialFirst=true, "
                + "order=FIRST_SEEN, unknown=none]", d.toString());
    }

    @Test
    void setterChainCopiesAndLeavesDefaultsAlone() {
        VocabOptions o = VocabOptions.defaults().specials("<PAD>", "<UNK>").minFreq(2).maxSize(10)
                .order(VocabOptions.Order.FREQUENCY);
        assertEquals(List.of("<PAD>", "<UNK>"), o.specials());
        assertEquals(2, o.minFreq());
        assertEquals(OptionalInt.of(10), o.maxSize());
        assertEquals(VocabOptions.Order.FREQUENCY, o.order());
        VocabOptions t = VocabOptions.defaults().maxTokens(7).specialFirst(false);
        assertEquals(OptionalInt.of(7), t.maxTokens());
        assertFalse(t.specialFirst());
        assertEquals(1, VocabOptions.defaults().minFreq());
        assertEquals(List.of(), VocabOptions.defaults().specials());
    }

    @Test
    void unknownDefaultsToUnkSpecialUnlessSetOrDisabled() {
        assertEquals(Optional.of("<UNK>"), VocabOptions.defaults().specials("<PAD>", "<UNK>").unknown());
        assertEquals(Optional.empty(), VocabOptions.defaults().specials("<pad>", "<unk>").unknown());
        assertEquals(Optional.of("<unk>"), VocabOptions.defaults().specials("<pad>", "<unk>").unknown("<unk>").unknown());
        assertEquals(Optional.empty(), VocabOptions.defaults().specials("<PAD>", "<UNK>").noUnknown().unknown());
        // the default rule is applied to the final specials, whatever the call order
        assertEquals(Optional.of("<UNK>"), VocabOptions.defaults().minFreq(2).specials("<UNK>").unknown());
    }

    @Test
    void badValuesAreRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VocabOptions.defaults().minFreq(0));
        assertEquals("minFreq must be at least 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VocabOptions.defaults().maxSize(-1));
        assertEquals("maxSize must be non-negative, got -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VocabOptions.defaults().specials("<PAD>", "a", "<PAD>"));
        assertEquals("specials must be distinct, but '<PAD>' appears twice in [<PAD>, a, <PAD>]", e.getMessage());
        assertThrows(NullPointerException.class, () -> VocabOptions.defaults().specials("a", null));
        assertThrows(NullPointerException.class, () -> VocabOptions.defaults().unknown(null));
        assertThrows(NullPointerException.class, () -> VocabOptions.defaults().order(null));
        e = assertThrows(IllegalArgumentException.class, () -> VocabOptions.defaults().maxTokens(0));
        assertEquals("maxTokens must be at least 1, got 0", e.getMessage());
    }

    @Test
    void maxSizeAndMaxTokensAreTwoWaysToSayOneLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VocabOptions.defaults().maxSize(5).maxTokens(7));
        assertEquals("maxTokens(7) cannot be combined with maxSize(5): set one limit, maxTokens counting the specials "
                + "or maxSize not counting them", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VocabOptions.defaults().maxTokens(7).maxSize(5));
        assertTrue(e.getMessage().startsWith("maxSize(5) cannot be combined with maxTokens(7)"), e.getMessage());
    }
}
