package dev.torch4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.Device;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DataLoaderOptionsTest {
    private static final Fixtures DEFAULTS = Fixtures.load("defaults.txt");

    /** Python's False, and None for shuffle (PyTorch 1.13 declares shuffle: Optional[bool] = None). */
    private static boolean pythonFalse(String v) {
        return !v.equals("False") && !v.equals("None");
    }

    @Test
    void defaultsArePyTorchs() {
        DataLoaderOptions o = DataLoaderOptions.defaults();
        assertEquals(DEFAULTS.longValue("batch_size"), o.batchSize());
        assertEquals(pythonFalse(DEFAULTS.string("shuffle")), o.shuffle());
        assertEquals(pythonFalse(DEFAULTS.string("drop_last")), o.dropLast());
        assertEquals("None", DEFAULTS.string("generator"));
        assertEquals(OptionalLong.empty(), o.seed());
        assertEquals("None", DEFAULTS.string("collate_fn"));
        assertSame(Collate.defaultCollate(), o.collate());
        assertEquals(Optional.empty(), o.device());
        assertEquals(0, o.prefetch());
    }

    @Test
    void eachMethodReturnsACopyWithOneKwargSet() {
        DataLoaderOptions d = DataLoaderOptions.defaults();
        Collate pad = Collate.padSequences(0);
        DataLoaderOptions o = d.batchSize(2).shuffle(true).seed(42).dropLast(true).collate(pad)
                .device(Device.cpu()).prefetch(3);
        assertEquals(2, o.batchSize());
        assertTrue(o.shuffle());
        assertEquals(OptionalLong.of(42), o.seed());
        assertTrue(o.dropLast());
        assertSame(pad, o.collate());
        assertEquals(Optional.of(Device.cpu()), o.device());
        assertEquals(3, o.prefetch());
        // the defaults are untouched
        assertNotSame(d, d.batchSize(2));
        assertEquals(1, d.batchSize());
        assertFalse(d.shuffle());
        assertFalse(d.dropLast());
        assertEquals(OptionalLong.empty(), d.seed());
        assertEquals(0, d.prefetch());
    }

    @Test
    void batchSizeMustBePositiveWithPyTorchsMessage() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> DataLoaderOptions.defaults().batchSize(0));
        assertEquals(DEFAULTS.string("error.batch_size=0"), zero.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> DataLoaderOptions.defaults().batchSize(-2));
        assertEquals(DEFAULTS.string("error.batch_size=-2"), negative.getMessage());
    }

    @Test
    void otherBadValuesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataLoaderOptions.defaults().prefetch(-1));
        assertTrue(e.getMessage().contains("prefetch=-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataLoaderOptions.defaults().collate(null));
        assertThrows(IllegalArgumentException.class, () -> DataLoaderOptions.defaults().device(null));
    }

    @Test
    void toStringUsesPyTorchsKeywords() {
        assertEquals("DataLoaderOptions(batch_size=2, shuffle=True, seed=None, drop_last=False, "
                + "collate=default_collate, device=None, prefetch=0)",
                DataLoaderOptions.defaults().batchSize(2).shuffle(true).toString());
    }
}
