package dev.torch4j.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link VectorFuzz} in the test suite: 3,000 seeded cases (each loaded once or twice), about half a
 * minute. Every load must load or be refused with an {@link java.io.IOException} that has a message;
 * no other exception, no {@link Error}, no load past the watchdog, no tensor left open, and no load
 * on one thread allocating more heap than 64 MB plus 64 times the file. A finding names its case and
 * seed, so {@code benchmarks/vectors/fuzz.sh} or this test replays it exactly.
 */
class VectorFuzzTest {
    static final int CASES = 3_000;
    static final long SEED = 20_250_501;

    @TempDir
    Path dir;

    @Test
    void everyMutatedFileLoadsOrIsRefusedWithAMessage() throws Exception {
        VectorFuzz fuzz = new VectorFuzz(dir, SEED);
        try {
            fuzz.run(0, CASES);
        } finally {
            fuzz.close();
        }
        System.out.print(fuzz.report());
        assertEquals(CASES, fuzz.cases);
        assertTrue(fuzz.findings.isEmpty(), fuzz.report());
        assertTrue(fuzz.outcomes.getOrDefault(VectorFuzz.Outcome.LOADED, 0) > CASES / 10,
                "a fuzzer that never loads anything tests only the first bytes: " + fuzz.report());
        assertTrue(fuzz.outcomes.getOrDefault(VectorFuzz.Outcome.REFUSED, 0) > CASES / 10, fuzz.report());
    }
}
