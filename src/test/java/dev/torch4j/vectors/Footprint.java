package dev.torch4j.vectors;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.function.Executable;

/**
 * What running some code costs in memory, measured from outside the code under test: the heap bytes
 * it allocates on the calling thread (HotSpot's per-thread counter, which counts an array the moment
 * it is allocated, even if it is never touched), and how far the process's peak resident set
 * ({@code VmHWM}, reset before) and peak virtual size ({@code VmPeak}) rise (Linux only).
 *
 * @param heapBytes   bytes allocated on the heap by the calling thread
 * @param rssRise     rise of the peak resident set over the resident set before, in bytes; -1 where the
 *                    kernel cannot reset the peak
 * @param virtualRise rise of the process's peak virtual size, in bytes
 * @param failure     what the code threw, or null
 */
record Footprint(long heapBytes, long rssRise, long virtualRise, Throwable failure) {
    private static final Path STATUS = Path.of("/proc/self/status");

    static Footprint of(Executable code) throws IOException {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && Files.isReadable(STATUS),
                "needs HotSpot's per-thread allocation counter and Linux's /proc/self/status");
        threads.setThreadAllocatedMemoryEnabled(true);
        boolean reset = resetPeak();
        long rssBefore = status("VmRSS:");
        long vmPeakBefore = status("VmPeak:");
        long heapBefore = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        Throwable failure = null;
        try {
            code.execute();
        } catch (Throwable t) {
            failure = t;
        }
        long heap = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - heapBefore;
        return new Footprint(heap, reset ? status("VmHWM:") - rssBefore : -1, status("VmPeak:") - vmPeakBefore,
                failure);
    }

    /** Resets the peak resident set to the current one. @return false where the kernel refuses (before 4.0) */
    private static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Asserts that the code allocated at most {@code heap} bytes and raised the peak RSS by at most {@code rss}. */
    Footprint within(long heap, long rss, long virtual) {
        if (heapBytes > heap || rssRise > rss || virtualRise > virtual) {
            throw new AssertionError("expected at most " + String.format("heap %,d, peak RSS +%,d, peak virtual +%,d",
                    heap, rss, virtual) + "; measured " + this, failure);
        }
        return this;
    }

    /** @return a {@code kB} field of /proc/self/status, in bytes */
    private static long status(String field) throws IOException {
        for (String line : Files.readAllLines(STATUS)) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) * 1024;
            }
        }
        throw new IllegalStateException(field + " missing from " + STATUS);
    }

    @Override
    public String toString() {
        return String.format("heap %,d bytes, peak RSS +%,d bytes, peak virtual +%,d bytes%s", heapBytes, rssRise,
                virtualRise, failure == null ? "" : ", threw " + failure);
    }
}
