package dev.torch4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Issue 14 item 13, run by {@link UnscopedMemoryTest} in a child JVM at default settings: ported
 * Python code without any scope, {@code x.mul(2).add(1)} on a 4 MiB tensor, never closing a result.
 * Prints {@code RSS_MIB <before> <peak> STEPS <n>}.
 */
final class UnscopedLoop {
    private UnscopedLoop() {
    }

    static double rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    public static void main(String[] args) throws IOException {
        int steps = Integer.parseInt(args[0]);
        Tensor x = Torch.randn(1024, 1024);
        x.mul(2).add(1).sum().item();
        double before = rssMiB();
        double peak = before;
        double checksum = 0;
        for (int i = 0; i < steps; i++) {
            Tensor y = x.mul(2).add(1);
            if (i % 50 == 0) {
                checksum += y.select(0, 0).select(0, 0).item();
                peak = Math.max(peak, rssMiB());
            }
        }
        System.out.printf("RSS_MIB %.1f %.1f STEPS %d CHECK %.3f%n", before, Math.max(peak, rssMiB()), steps, checksum);
    }
}
