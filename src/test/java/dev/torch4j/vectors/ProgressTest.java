package dev.torch4j.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bar is drawn with carriage returns on a terminal, and not at all when quiet or short. */
class ProgressTest {
    @Test
    void drawsABarAndFinishesTheLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress p = new Progress("vectors.bin", 200L << 20, new PrintStream(bytes, true, StandardCharsets.UTF_8), 0)) {
            p.update(50L << 20);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("\rvectors.bin ["), out);
        assertTrue(out.contains(" 25%") && out.contains("50 / 200 MB"), out);
        assertTrue(out.contains("100%") && out.endsWith(System.lineSeparator()), out);
    }

    @Test
    void quietWithoutAStreamAndBeforeTheDelay() {
        try (Progress quiet = new Progress("x", 10, null, 0)) {
            quiet.update(5);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress slow = new Progress("x", 10, new PrintStream(bytes), 60_000_000_000L)) {
            slow.update(5);
        }
        assertEquals(0, bytes.size(), "a load shorter than the delay prints nothing");
    }

    @Test
    void startIsQuietWhenAskedOrWithoutATerminal() {
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes));
        try {
            try (Progress p = Progress.start("x", 10, false)) {
                p.update(10);
            }
            if (System.console() == null) {
                try (Progress p = Progress.start("x", 10, true)) {
                    p.update(10);
                }
            }
        } finally {
            System.setErr(err);
        }
        assertEquals(0, bytes.size());
    }
}
