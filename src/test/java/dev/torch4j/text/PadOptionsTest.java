package dev.torch4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PadOptionsTest {

    @Test
    void defaultsArePyTorchsPostPadding() {
        // pad_sequence(padding_side="right"), torchtext Truncate/PadTransform; Keras' "pre" must be asked for
        PadOptions d = PadOptions.defaults();
        assertTrue(d.maxlen().isEmpty());
        assertEquals(PadOptions.Side.POST, d.padding());
        assertEquals(PadOptions.Side.POST, d.truncating());
        assertEquals(0L, d.value());
    }

    @Test
    void eachKwargHasAChainableSetterThatCopies() {
        PadOptions o = PadOptions.defaults().maxlen(4).padding(PadOptions.Side.PRE)
                .truncating(PadOptions.Side.PRE).value(-1);
        assertEquals(OptionalInt.of(4), o.maxlen());
        assertEquals(PadOptions.Side.PRE, o.padding());
        assertEquals(PadOptions.Side.PRE, o.truncating());
        assertEquals(-1L, o.value());
        assertTrue(PadOptions.defaults().maxlen().isEmpty(), "defaults must not change");
        assertEquals(PadOptions.Side.POST, PadOptions.defaults().padding());
        assertEquals("PadOptions[maxlen=4, padding=PRE, truncating=PRE, value=-1]", o.toString());
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
