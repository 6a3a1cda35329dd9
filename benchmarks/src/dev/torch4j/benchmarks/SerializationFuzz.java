package dev.torch4j.benchmarks;

import dev.torch4j.serialization.SerializationFuzzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The long fuzz run of the serialization readers (the test suite runs 3 x 1000 cases of the same
 * fuzzer): for each seed, CASES cases per reader (torch.save archives, their pickles, safetensors),
 * then the outcomes by class, the slowest case, and the process's resident memory (VmRSS now and its
 * peak, VmHWM) after each seed. Broken cases (any outcome but "loaded" or "refused with a
 * StateDictFormatException/IOException") are copied to target/fuzz-broken/.
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexample=dev.torch4j.benchmarks.SerializationFuzz -Dexec.args="20000 1 2 3"
 * </pre>
 * Arguments: cases per reader and seed (default 10000), then the seeds (default 1).
 */
public final class SerializationFuzz {
    private SerializationFuzz() {
    }

    public static void main(String[] args) throws IOException {
        int cases = args.length > 0 ? Integer.parseInt(args[0]) : 10000;
        Path seeds = Path.of("src/test/resources/fixtures/statedict");
        Path work = Files.createTempDirectory("torch4j-fuzz");
        Path keep = Path.of("target", "fuzz-broken");
        java.util.Map<String, Integer> reasons = new java.util.TreeMap<>();
        long total = 0;
        long broken = 0;
        long t0 = System.nanoTime();
        for (int i = 1; i < Math.max(2, args.length); i++) {
            long seed = args.length > 1 ? Long.parseLong(args[i]) : 1;
            long s0 = System.nanoTime();
            SerializationFuzzer.Report r = new SerializationFuzzer(seed, seeds, work, keep).run(cases);
            total += r.cases;
            r.reasons.forEach((k, v) -> reasons.merge(k, v, Integer::sum));
            broken += r.broken.size();
            System.out.printf("seed %d: %.1f s%n%s%s%n", seed, (System.nanoTime() - s0) / 1e9, r, memory());
        }
        System.out.printf("refusals by reason (message without names and numbers): %d kinds, the 40 most frequent:%n",
                reasons.size());
        reasons.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(40)
                .forEach(e -> System.out.printf("%8d  %s%n", e.getValue(), e.getKey()));
        System.out.printf("total: %d cases in %.1f s, %d broken; %s%n", total, (System.nanoTime() - t0) / 1e9, broken,
                memory());
        System.exit(broken == 0 ? 0 : 1);
    }

    /** VmRSS and VmHWM (peak) of this process, from /proc/self/status. */
    private static String memory() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS") || line.startsWith("VmHWM")) {
                sb.append(line.replaceAll("\\s+", " ")).append("; ");
            }
        }
        return sb.toString();
    }
}
