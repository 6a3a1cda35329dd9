package dev.torch4j.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded, bounded fuzz run over the three readers (torch.save archives, their pickles, safetensors):
 * every case loads or is refused with a StateDictFormatException/IOException that has a message;
 * never another exception, an OutOfMemoryError, a StackOverflowError, a hang or a crash. The long run
 * with figures is benchmarks/src/dev/torch4j/benchmarks/SerializationFuzz.java.
 */
class SerializationFuzzTest {
    /** Cases per reader: 3 x 1000 cases, about 20 s on one core. */
    private static final int CASES = 1000;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS) // a hang, not a benchmark: the run takes a fraction of it
    void everyMutatedFileLoadsOrIsRefusedWithAMessage(@TempDir Path dir) throws IOException {
        Path seeds = Expected.fixture("notebook.pt").getParent();
        SerializationFuzzer.Report r = new SerializationFuzzer(20261203L, seeds, dir, null).run(CASES);
        System.out.print(r);
        assertEquals(3L * CASES, r.cases);
        assertTrue(r.broken.isEmpty(), r.toString());
        for (SerializationFuzzer.Reader reader : SerializationFuzzer.Reader.values()) {
            var counts = r.counts.get(reader);
            assertTrue(counts.get(SerializationFuzzer.Outcome.LOADED) > 0 && counts.get(SerializationFuzzer.Outcome.REFUSED)
                    > CASES / 4, reader + " cases must both load and be refused, or the mutations miss: " + counts);
        }
    }
}
