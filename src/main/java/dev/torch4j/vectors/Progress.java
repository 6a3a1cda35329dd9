package dev.torch4j.vectors;

import java.io.PrintStream;

/**
 * A progress bar for long loads: drawn on stderr with carriage returns, only when the JVM has a
 * terminal and the load has run for a second; silent otherwise.
 */
final class Progress implements AutoCloseable {
    private static final long DELAY_NANOS = 1_000_000_000L;
    private static final long INTERVAL_NANOS = 200_000_000L;
    private static final int WIDTH = 30;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final long delayNanos;
    private final long start = System.nanoTime();
    private long lastDrawn;
    private boolean drawn;
    private long done;

    Progress(String label, long total, PrintStream out, long delayNanos) {
        this.label = label;
        this.total = total;
        this.out = out;
        this.delayNanos = delayNanos;
    }

    /** A bar on stderr when {@code wanted} and the JVM has a terminal; otherwise one that prints nothing. */
    static Progress start(String label, long total, boolean wanted) {
        boolean terminal = System.console() != null;
        return new Progress(label, total, wanted && terminal ? System.err : null, DELAY_NANOS);
    }

    /** Records that {@code bytes} of {@code total} have been read; redraws at most five times a second. */
    void update(long bytes) {
        done = bytes;
        if (out == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - start < delayNanos || (drawn && now - lastDrawn < INTERVAL_NANOS)) {
            return;
        }
        draw(now);
    }

    private void draw(long now) {
        double fraction = total > 0 ? Math.min(1.0, (double) done / total) : 0;
        int filled = (int) Math.round(fraction * WIDTH);
        StringBuilder sb = new StringBuilder("\r").append(label).append(" [");
        for (int i = 0; i < WIDTH; i++) {
            sb.append(i < filled ? '#' : '-');
        }
        sb.append("] ").append(String.format("%3d%%  %,d / %,d MB  %.1f s", Math.round(fraction * 100),
                done >> 20, total >> 20, (now - start) / 1e9));
        out.print(sb);
        out.flush();
        lastDrawn = now;
        drawn = true;
    }

    /** Draws the finished bar and ends its line, if a bar was shown. */
    @Override
    public void close() {
        if (out != null && drawn) {
            done = total;
            draw(System.nanoTime());
            out.println();
            out.flush();
        }
    }
}
