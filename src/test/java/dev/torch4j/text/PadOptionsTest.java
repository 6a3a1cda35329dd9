package dev.torch4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PadOptionsTest {

    @Test
    void defaultsAreKerasDefaults() {
        // keras.utils.pad_sequences(sequences, maxlen=None, padding="pre", truncating="pre", value=0.0)
        PadOptions d = PadOptions.defaults();
        assertTrue(d.maxlen().isEmpty());
        assertEquals(PadOptions.Side.PRE, d.padding());
        assertEquals(PadOptions.Side.PRE, d.truncating());
        assertEquals(0L, d.value());
    }

    @Test
    void eachKwargHasAChainableSetterThatCopies() {
        PadOptions o = PadOptions.defaults().maxlen(4).padding(PadOptions.Side.POST)
                .truncating(PadOptions.Side.POST).value(-1);
        assertEquals(OptionalInt.of(4), o.maxlen());
        assertEquals(PadOptions.Side.POST, o.padding());
        assertEquals(PadOptions.Side.POST, o.truncating());
        assertEquals(-1L, o.value());
        assertTrue(PadOptions.defaults().maxlen().isEmpty(), "defaults must not change");
        assertEquals(PadOptions.Side.PRE, PadOptions.defaults().padding());
        assertEquals("PadOptions[maxlen=4, padding=POST, truncating=POST, value=-1]", o.toString());
    }

    @Test
    void nonPositiveMaxlenIsRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PadOptions.defaults().maxlen(0));
        assertEquals("maxlen must be positive, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PadOptions.defaults().maxlen(-3));
        assertTrue(e.getMessage().contains("-3"), e.getMessage());
    }

    @Test
    void nullSidesAreRejected() {
        assertThrows(NullPointerException.class, () -> PadOptions.defaults().padding(null));
        assertThrows(NullPointerException.class, () -> PadOptions.defaults().truncating(null));
    }
}
