package dev.torch4j.vectors;

import dev.torch4j.DType;
import dev.torch4j.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;

/**
 * A seeded, bounded fuzzer of the vector readers: it writes valid word2vec (binary in its three row
 * layouts, text) and GloVe files, gzip-compressed or not, mutates them (bit flips, inserted, deleted,
 * repeated and spliced bytes, truncation, header numbers made huge, zero or negative, lost and extra
 * newlines, long tokens, mutations inside and outside the gzip layer), and loads each with random
 * options. Every load must end in one of three ways: it loads (and what it returns is consistent),
 * or it is refused with a {@link VectorFormatException}, or another {@link IOException}, with a
 * message. Anything else (another exception, an {@link Error} such as {@code OutOfMemoryError}, a
 * load that takes longer than the watchdog allows, a tensor left open) is a finding.
 *
 * <p>{@link VectorFuzzTest} runs a few thousand cases in the test suite; {@code
 * benchmarks/vectors/fuzz.sh} runs as many as asked and prints the figures.
 */
final class VectorFuzz {
    /** How one load ended. */
    enum Outcome { LOADED, REFUSED, IO_ERROR, FINDING }

    private static final String[] WORD_PARTS = {"the", "a", "nice", "café", "naïve", "日本", "x", "UPPER", "w", "😀",
        "name@domain.com", ".", "-", "1990", "nan", "e5", "Ünï"};
    private static final long WATCHDOG_SECONDS = 30;

    private final Path dir;
    private final long seed;
    /** Outcome -> count; refusal kind -> count. */
    final Map<Outcome, Integer> outcomes = new TreeMap<>();
    final Map<String, Integer> kinds = new TreeMap<>();
    final List<String> findings = new ArrayList<>();
    int cases;
    int loads;
    long slowestNanos;
    String slowest = "";
    long mostHeapPerByte;
    private ExecutorService runner = newRunner();

    private static ExecutorService newRunner() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vector-fuzz-case");
            t.setDaemon(true);
            return t;
        });
    }

    VectorFuzz(Path dir, long seed) {
        this.dir = dir;
        this.seed = seed;
    }

    /** Runs cases {@code first .. first + n - 1}; each case's randomness depends only on the seed and its number. */
    void run(int first, int n) throws IOException {
        for (int c = first; c < first + n; c++) {
            runCase(c);
        }
    }

    void close() {
        runner.shutdownNow();
    }

    private void runCase(int number) throws IOException {
        Random rnd = new Random(seed * 1_000_003L + number);
        Seed s = seedFile(rnd);
        byte[] content = s.content;
        int mutations = rnd.nextInt(4);
        boolean gzip = rnd.nextInt(4) == 0;
        boolean mutateCompressed = gzip && rnd.nextInt(3) == 0;
        for (int i = 0; i < mutations; i++) {
            content = mutate(rnd, content, s);
        }
        byte[] bytes = gzip ? gzip(content) : content;
        if (mutateCompressed) {
            for (int i = 0; i <= rnd.nextInt(2); i++) {
                bytes = mutateBytes(rnd, bytes);
            }
        }
        Path file = dir.resolve("case-" + number + (gzip ? ".gz" : ""));
        Files.write(file, bytes);
        cases++;
        int tries = 1 + rnd.nextInt(2);
        for (int i = 0; i < tries; i++) {
            load(number, rnd, file, s);
        }
        Files.delete(file);
    }

    private void load(int number, Random rnd, Path file, Seed s) {
        String[] what = new String[1];
        List<Tensor> seen = Collections.synchronizedList(new ArrayList<>());
        boolean oneThread = rnd.nextBoolean();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Callable call = loader(rnd, file, s, oneThread, what);
        loads++;
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] heap = new long[1];
        Future<KeyedVectors> f = runner.submit(() -> {
            RowSink.allocations = seen::add;
            long id = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(id);
            try {
                return call.load();
            } finally {
                heap[0] = threads.getThreadAllocatedBytes(id) - before;
                RowSink.allocations = null;
            }
        });
        long start = System.nanoTime();
        Outcome outcome;
        KeyedVectors kv = null;
        try {
            kv = f.get(WATCHDOG_SECONDS, TimeUnit.SECONDS);
            outcome = check(kv, s) ? Outcome.LOADED : finding(number, what[0], "inconsistent result " + kv, null);
        } catch (TimeoutException e) {
            f.cancel(true);
            // the stuck load keeps its thread; later cases get a new one
            runner.shutdownNow();
            runner = newRunner();
            outcome = finding(number, what[0], "no result after " + WATCHDOG_SECONDS + " s", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            if (t instanceof VectorFormatException v) {
                outcome = v.getMessage() != null && v.getMessage().startsWith(file.toString() + ": ")
                        && !v.problem().isBlank() ? Outcome.REFUSED
                                : finding(number, what[0], "a refusal that does not name the file", v);
                kinds.merge(kind(v.problem()), 1, Integer::sum);
            } else if (t instanceof IOException io && io.getMessage() != null) {
                outcome = Outcome.IO_ERROR;
                kinds.merge(io.getClass().getSimpleName(), 1, Integer::sum);
            } else {
                outcome = finding(number, what[0], "threw", t);
            }
        }
        long nanos = System.nanoTime() - start;
        if (nanos > slowestNanos) {
            slowestNanos = nanos;
            slowest = "case " + number + " (" + what[0] + ", " + size + " bytes)";
        }
        if (oneThread && outcome != Outcome.FINDING) {
            long perByte = heap[0] / Math.max(size, 1024);
            mostHeapPerByte = Math.max(mostHeapPerByte, perByte);
            if (heap[0] > (64L << 20) + 64 * Math.max(size, s.content.length)) {
                outcome = finding(number, what[0], String.format("allocated %,d heap bytes for %,d bytes", heap[0],
                        size), null);
            }
        }
        for (Tensor t : seen) {
            if ((kv == null || t != kv.vectors()) && !t.isClosed()) {
                outcome = finding(number, what[0], "left a tensor open", null);
                t.close();
            }
        }
        if (kv != null) {
            kv.close();
        }
        outcomes.merge(outcome, 1, Integer::sum);
    }

    private Outcome finding(int number, String what, String problem, Throwable t) {
        String line = "case " + number + " (seed " + seed + ", " + what + "): " + problem
                + (t == null ? "" : ": " + t);
        findings.add(line);
        if (t != null) {
            java.io.StringWriter trace = new java.io.StringWriter();
            t.printStackTrace(new java.io.PrintWriter(trace));
            findings.add(trace.toString());
        }
        return Outcome.FINDING;
    }

    /** The first words of a refusal, without numbers: what kind of fault it found. */
    private static String kind(String problem) {
        String k = problem.replaceAll("'[^']*'", "'…'").replaceAll("\\([^)]*\\)", "(…)")
                .replaceAll("0x[0-9a-f]+", "0x…").replaceAll("[0-9]+", "N");
        int cut = k.indexOf(':');
        k = cut > 0 ? k.substring(0, cut) : k;
        return k.length() > 70 ? k.substring(0, 70) : k;
    }

    /** Whatever loaded must be consistent: one row per distinct word, the promised dtype. */
    private static boolean check(KeyedVectors kv, Seed s) {
        long[] shape = kv.vectors().shape();
        if (shape.length != 2 || shape[0] != kv.size() || shape[1] != kv.dim() || kv.words().size() != kv.size()) {
            return false;
        }
        for (int i = 0; i < Math.min(kv.size(), 50); i++) {
            String w = kv.words().get(i);
            if (kv.indexOf(w) != i) {
                return false;
            }
        }
        return true;
    }

    @FunctionalInterface
    private interface Callable {
        KeyedVectors load() throws IOException;
    }

    private Callable loader(Random rnd, Path file, Seed s, boolean oneThread, String[] what) {
        int kind = rnd.nextInt(10);
        UnicodeErrors policy = UnicodeErrors.values()[rnd.nextInt(3)];
        DType dtype = rnd.nextInt(6) == 0 ? DType.FLOAT16 : DType.FLOAT32;
        List<String> vocabulary = rnd.nextInt(5) == 0 ? pick(rnd, s.words) : null;
        int threads = oneThread ? 1 : 2 + rnd.nextInt(2);
        if (kind < 6) {
            Word2VecOptions o = Word2VecOptions.defaults().progress(false).unicodeErrors(policy).dtype(dtype)
                    .threads(threads);
            if (kind == 1) {
                o = o.binary(true);
            } else if (kind == 2) {
                o = o.binary(false);
            }
            if (rnd.nextInt(5) == 0) {
                o = o.limit(1 + rnd.nextInt(40));
            }
            if (vocabulary != null) {
                o = o.vocabulary(vocabulary);
            }
            if (rnd.nextInt(8) == 0) {
                o = o.maxWordBytes(1 + rnd.nextInt(64));
            }
            Word2VecOptions options = o;
            what[0] = "Word2Vec.load " + describe(o.binary(), o.limit(), vocabulary, policy, dtype, threads);
            return () -> Word2Vec.load(file, options);
        }
        GloVeOptions o = GloVeOptions.defaults().progress(false).unicodeErrors(policy).dtype(dtype).threads(threads);
        if (rnd.nextInt(4) == 0) {
            o = o.dim(1 + rnd.nextInt(8));
        }
        if (rnd.nextInt(5) == 0) {
            o = o.maxVectors(1 + rnd.nextInt(40));
        }
        if (vocabulary != null) {
            o = o.vocabulary(vocabulary);
        }
        GloVeOptions options = o;
        what[0] = "GloVe.load dim=" + o.dim() + " " + describe(null, o.maxVectors(), vocabulary, policy, dtype, threads);
        return () -> GloVe.load(file, options);
    }

    private static String describe(Boolean binary, long limit, List<String> vocabulary, UnicodeErrors policy,
            DType dtype, int threads) {
        return "binary=" + binary + " limit=" + (limit == Long.MAX_VALUE ? "none" : limit) + " vocabulary="
                + (vocabulary == null ? "all" : vocabulary.size()) + " " + policy + " " + dtype + " threads=" + threads;
    }

    private static List<String> pick(Random rnd, List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            if (rnd.nextInt(3) == 0) {
                out.add(w);
            }
        }
        out.add("absent-" + rnd.nextInt(100));
        return out;
    }

    // ------------------------------------------------------------------ valid files to start from

    /** A valid file and its words. */
    record Seed(byte[] content, List<String> words, int format) {
    }

    private static Seed seedFile(Random rnd) {
        int format = rnd.nextInt(6);
        int rows = 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 400 : 25);
        int dim = 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 300 : 8);
        List<String> words = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        while (words.size() < rows) {
            StringBuilder w = new StringBuilder(WORD_PARTS[rnd.nextInt(WORD_PARTS.length)]);
            for (int k = rnd.nextInt(3); k > 0; k--) {
                String part = WORD_PARTS[rnd.nextInt(WORD_PARTS.length)];
                // GloVe words may have spaces, but no part that is a number
                boolean space = format == 5 && rnd.nextInt(6) == 0 && !part.equals("1990");
                w.append(space ? " " : "").append(part);
            }
            w.append('_').append(rnd.nextInt(50));
            if (used.add(w.toString())) {
                words.add(w.toString());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (format <= 3) {
            out.writeBytes((rows + " " + dim + (format == 3 ? "\r\n" : "\n")).getBytes(StandardCharsets.US_ASCII));
        }
        ByteBuffer row = ByteBuffer.allocate(4 * dim).order(ByteOrder.LITTLE_ENDIAN);
        for (String w : words) {
            out.writeBytes(w.getBytes(StandardCharsets.UTF_8));
            if (format <= 3 && format != 0 && format != 4) {
                row.clear();
                for (int c = 0; c < dim; c++) {
                    row.putFloat(value(rnd));
                }
                out.writeBytes(new byte[] {' '});
                out.writeBytes(row.array());
                out.writeBytes(format == 2 ? new byte[] {'\n'} : format == 3 ? new byte[] {'\r', '\n'} : new byte[0]);
            } else {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < dim; c++) {
                    line.append(' ').append(FloatFormat.format(value(rnd)));
                }
                out.writeBytes(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return new Seed(out.toByteArray(), words, format);
    }

    private static float value(Random rnd) {
        switch (rnd.nextInt(20)) {
            case 0:
                return Float.NaN;
            case 1:
                return Float.POSITIVE_INFINITY;
            case 2:
                return -0.0f;
            case 3:
                return Float.MIN_VALUE;
            case 4:
                return Float.MAX_VALUE;
            default:
                return (float) rnd.nextGaussian();
        }
    }

    // ------------------------------------------------------------------ mutations

    private static byte[] mutate(Random rnd, byte[] b, Seed s) {
        int op = rnd.nextInt(14);
        int n = b.length;
        int at = n == 0 ? 0 : rnd.nextInt(n + 1);
        switch (op) {
            case 0:
            case 1:
                return mutateBytes(rnd, b);
            case 2: // insert random bytes
                return splice(b, at, at, randomBytes(rnd, 1 + rnd.nextInt(16)));
            case 3: // delete a range
                return splice(b, at, Math.min(n, at + 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 4096 : 16)), new byte[0]);
            case 4: // repeat a range
                return splice(b, at, at, Arrays.copyOfRange(b, at, Math.min(n, at + 1 + rnd.nextInt(64))));
            case 5: // truncate
                return Arrays.copyOf(b, n == 0 ? 0 : rnd.nextInt(n));
            case 6: { // replace the first number with a huge, zero, negative or long one
                int d = indexOfDigit(b, rnd.nextInt(4) == 0 ? at : 0);
                if (d < 0) {
                    return b;
                }
                int e = d;
                while (e < n && b[e] >= '0' && b[e] <= '9') {
                    e++;
                }
                String[] numbers = {"0", "-1", "536000000", "300000000", "2147483647", "9223372036854775807",
                    "123456789012345678901234", "4294967296", "99999999999999999999999999999", "1e400", "65536"};
                return splice(b, d, e, numbers[rnd.nextInt(numbers.length)].getBytes(StandardCharsets.US_ASCII));
            }
            case 7: // lose a newline
            case 8: { // or add one
                int nl = indexOf(b, (byte) '\n', at);
                if (op == 7) {
                    return nl < 0 ? b : splice(b, nl, nl + 1, rnd.nextBoolean() ? new byte[] {' '} : new byte[0]);
                }
                return splice(b, at, at, new byte[] {'\n'});
            }
            case 9: // a long token
                return splice(b, at, at, repeat((byte) (rnd.nextBoolean() ? 'z' : '7'), 1 + rnd.nextInt(70_000)));
            case 10: // a byte that is not UTF-8, a space, a CR or a tab
                return splice(b, at, at, new byte[] {new byte[] {(byte) 0xff, ' ', '\r', '\t', (byte) 0xc3, 0}[rnd.nextInt(6)]});
            case 11: { // splice in another file of any format
                byte[] other = seedFile(rnd).content;
                int from = other.length == 0 ? 0 : rnd.nextInt(other.length);
                return splice(b, at, at, Arrays.copyOfRange(other, from, Math.min(other.length, from + rnd.nextInt(200))));
            }
            case 12: { // duplicate a line
                int start = at == 0 ? 0 : indexOf(b, (byte) '\n', at - 1) + 1;
                int end = indexOf(b, (byte) '\n', start);
                return end < 0 || start <= 0 ? b : splice(b, end + 1, end + 1, Arrays.copyOfRange(b, start, end + 1));
            }
            default: // many short lines
                return splice(b, at, at, repeat((byte) '\n', 1 + rnd.nextInt(3000)));
        }
    }

    private static byte[] mutateBytes(Random rnd, byte[] b) {
        if (b.length == 0) {
            return b;
        }
        byte[] c = b.clone();
        int k = 1 + rnd.nextInt(4);
        for (int i = 0; i < k; i++) {
            int p = rnd.nextInt(c.length);
            c[p] = rnd.nextBoolean() ? (byte) (c[p] ^ (1 << rnd.nextInt(8))) : (byte) rnd.nextInt(256);
        }
        return c;
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        from = Math.max(0, Math.min(from, b.length));
        to = Math.max(from, Math.min(to, b.length));
        byte[] out = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(b, to, out, from + insert.length, b.length - to);
        return out;
    }

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static byte[] repeat(byte v, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, v);
        return b;
    }

    private static int indexOf(byte[] b, byte v, int from) {
        for (int i = Math.max(0, from); i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfDigit(byte[] b, int from) {
        for (int i = Math.max(0, from); i < b.length; i++) {
            if (b[i] >= '0' && b[i] <= '9') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    /** The figures of a run, one per line. */
    String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("cases %,d, loads %,d (seed %d)%n", cases, loads, seed));
        outcomes.forEach((k, v) -> sb.append(String.format("  %-9s %,9d%n", k, v)));
        sb.append("refusals and I/O errors by kind:\n");
        kinds.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(e -> sb.append(String.format("  %,7d  %s%n", e.getValue(), e.getKey())));
        sb.append(String.format("slowest load: %.3f s, %s%n", slowestNanos / 1e9, slowest));
        sb.append(String.format("most heap allocated per file byte (one-thread loads of files of 1 KB or more): %,d%n",
                mostHeapPerByte));
        sb.append("findings: ").append(findings.size() == 0 ? "none" : findings.size()).append('\n');
        findings.forEach(f -> sb.append("  ").append(f).append('\n'));
        return sb.toString();
    }

    /**
     * {@code VectorFuzz CASES [SEED]}: runs the cases and prints the figures, the peak RSS of the run
     * and its wall time; exits with 1 on any finding.
     */
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Path dir = Files.createTempDirectory("vector-fuzz");
        VectorFuzz fuzz = new VectorFuzz(dir, seed);
        long start = System.nanoTime();
        long peak = 0;
        for (int done = 0; done < n; done += 1000) {
            fuzz.run(done, Math.min(1000, n - done));
            peak = Math.max(peak, hwm());
            System.err.printf("%,d cases, %.0f s, peak RSS %d MB%n", done + Math.min(1000, n - done),
                    (System.nanoTime() - start) / 1e9, peak >> 20);
        }
        fuzz.close();
        System.out.print(fuzz.report());
        System.out.printf("wall %.1f s, peak RSS %d MB (VmHWM)%n", (System.nanoTime() - start) / 1e9, hwm() >> 20);
        Files.delete(dir);
        System.exit(fuzz.findings.isEmpty() ? 0 : 1);
    }

    private static long hwm() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
            }
        }
        return -1;
    }
}
