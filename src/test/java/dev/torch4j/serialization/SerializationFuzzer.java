package dev.torch4j.serialization;

import static dev.torch4j.serialization.TestFiles.bytes;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A seeded fuzzer for the three readers: {@code torch.save} archives ({@link Torch#load} and
 * {@link StateDict#load}), the pickle inside them, and safetensors. Each case is a file made from a
 * seed file PyTorch wrote (or a template) by random mutations: bytes flipped, cut, inserted or
 * repeated; zip directories that lie about sizes, deflated or zip64 records; pickles of random opcodes
 * and arguments, real pickles mutated, tensor geometries at the edges of 64 bits; safetensors headers
 * with extreme numbers, bad escapes, control characters, deep nesting, duplicate keys, wrong lengths.
 *
 * <p>The contract checked: a case loads, or is refused with a {@link StateDictFormatException} or
 * another {@link IOException} carrying a message; never another exception, an {@link Error}
 * ({@code OutOfMemoryError}, {@code StackOverflowError}) or a crash. The same seed gives the same
 * cases. Used by {@code SerializationFuzzTest} (a few thousand cases) and by
 * {@code benchmarks/.../SerializationFuzz} (a long run with figures).
 */
public final class SerializationFuzzer {
    /** The reader a case is aimed at. */
    public enum Reader { ARCHIVE, PICKLE, SAFETENSORS }

    /** How a case ended. */
    public enum Outcome {
        /** Loaded (its tensors were closed after). */
        LOADED,
        /** Refused with a StateDictFormatException (UnpicklingException included). */
        REFUSED,
        /** Refused with another IOException. */
        IO_ERROR,
        /** Anything else: a broken contract. */
        BROKEN
    }

    /** Counts per reader and outcome, the broken cases, and the slowest case. */
    public static final class Report {
        public final Map<Reader, EnumMap<Outcome, Integer>> counts = new EnumMap<>(Reader.class);
        public final List<String> broken = new ArrayList<>();
        /** Refusals by reason: the message without file, record, numbers and quoted names, cut to 60 characters. */
        public final Map<String, Integer> reasons = new java.util.TreeMap<>();
        public long slowestNanos;
        public String slowest = "";
        public long cases;

        Report() {
            for (Reader r : Reader.values()) {
                EnumMap<Outcome, Integer> m = new EnumMap<>(Outcome.class);
                for (Outcome o : Outcome.values()) {
                    m.put(o, 0);
                }
                counts.put(r, m);
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            counts.forEach((r, m) -> sb.append(String.format("%-12s %s%n", r, m)));
            sb.append(String.format("cases %d, slowest %.1f ms (%s), broken %d%n", cases, slowestNanos / 1e6, slowest,
                    broken.size()));
            broken.stream().limit(20).forEach(b -> sb.append("  ").append(b).append('\n'));
            return sb.toString();
        }
    }

    private final Random rnd;
    private final long seed;
    private final Path dir;
    private final List<byte[]> archives = new ArrayList<>();
    private final List<Map<String, byte[]>> archiveEntries = new ArrayList<>();
    private final List<byte[]> safetensorsSeeds = new ArrayList<>();
    private final Report report = new Report();
    /** When set, every broken case's file is kept here. */
    private final Path keep;

    /**
     * @param seed  the random seed
     * @param seeds the folder of seed files ({@code *.pt} archives and {@code *.safetensors})
     * @param dir   a scratch folder for the case files
     * @param keep  a folder to copy broken cases to, or null
     */
    public SerializationFuzzer(long seed, Path seeds, Path dir, Path keep) throws IOException {
        this.seed = seed;
        this.rnd = new Random(seed);
        this.dir = dir;
        this.keep = keep;
        try (var files = Files.list(seeds)) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".safetensors")) {
                    safetensorsSeeds.add(Files.readAllBytes(p));
                } else if (name.endsWith(".pt") && !name.startsWith("evil") && !name.equals("legacy.pt")) {
                    archives.add(Files.readAllBytes(p));
                    archiveEntries.add(entries(p));
                }
            }
        }
    }

    private static Map<String, byte[]> entries(Path p) throws IOException {
        Map<String, byte[]> out = new java.util.LinkedHashMap<>();
        try (ZipFile z = new ZipFile(p.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                out.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        return out;
    }

    /** Runs {@code cases} cases for each reader in turn (interleaved) and returns the report. */
    public Report run(int cases) {
        for (int i = 0; i < cases; i++) {
            for (Reader r : Reader.values()) {
                one(r, i);
            }
        }
        return report;
    }

    private void one(Reader reader, int index) {
        String what;
        Path file;
        try {
            switch (reader) {
                case ARCHIVE -> {
                    file = dir.resolve("case.pt");
                    what = archiveCase(file);
                }
                case PICKLE -> {
                    file = dir.resolve("pickle.pt");
                    what = pickleCase(file);
                }
                default -> {
                    file = dir.resolve("case.safetensors");
                    what = safetensorsCase(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String id = "seed " + seed + " " + reader + " case " + index + " (" + what + ")";
        if (!what.endsWith("intact")) {
            saved = null;
        }
        long t0 = System.nanoTime();
        Outcome o;
        String detail = "";
        try {
            Object loaded = switch (reader) {
                case SAFETENSORS -> StateDict.load(file);
                case PICKLE -> Torch.load(file);
                case ARCHIVE -> (index & 1) == 0 ? Torch.load(file) : StateDict.load(file);
            };
            o = Outcome.LOADED;
            if (reader == Reader.PICKLE && saved != null) {
                String back = describeTree(loaded);
                if (!back.equals(saved)) {
                    o = Outcome.BROKEN;
                    detail = "round trip differs:\n    saved  " + saved + "\n    loaded " + back;
                }
            }
            closeAll(loaded);
        } catch (StateDictFormatException e) {
            o = e.getMessage() == null || e.getMessage().isBlank() ? Outcome.BROKEN : Outcome.REFUSED;
            if (o == Outcome.REFUSED) {
                report.reasons.merge(reader + ": " + reason(e, file), 1, Integer::sum);
            }
            detail = "no message";
            if (saved != null) {
                o = Outcome.BROKEN;
                detail = "an intact tree was refused: " + e.getMessage();
            }
        } catch (IOException e) {
            o = e.getMessage() == null ? Outcome.BROKEN : Outcome.IO_ERROR;
            detail = "IOException without a message";
        } catch (Throwable e) { // the contract: nothing else, Errors included
            o = Outcome.BROKEN;
            StringBuilder sb = new StringBuilder(e.toString());
            for (StackTraceElement s : Arrays.copyOf(e.getStackTrace(), Math.min(6, e.getStackTrace().length))) {
                sb.append(" at ").append(s);
            }
            detail = sb.toString();
        }
        long dt = System.nanoTime() - t0;
        report.cases++;
        if (dt > report.slowestNanos) {
            report.slowestNanos = dt;
            report.slowest = id;
        }
        report.counts.get(reader).merge(o, 1, Integer::sum);
        if (o == Outcome.BROKEN) {
            report.broken.add(id + ": " + detail);
            if (keep != null) {
                try {
                    Files.createDirectories(keep);
                    Files.copy(file, keep.resolve(reader + "-" + seed + "-" + index + "-" + file.getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static String reason(StateDictFormatException e, Path file) {
        String m = e.getMessage().substring(file.toString().length() + 2).replaceFirst("^record '[^']*', ", "")
                .replaceFirst("^byte -?\\d+: ", "").replaceAll("'[^']*'|\"[^\"]*\"", "_").replaceAll("\\d+", "N");
        return m.length() > 60 ? m.substring(0, 60) : m;
    }

    /** Closes every tensor in a loaded tree (iteratively: trees may share parts and nest deeply). */
    static void closeAll(Object root) {
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Object> work = new ArrayDeque<>();
        if (root != null) {
            work.push(root);
        }
        while (!work.isEmpty()) {
            Object o = work.pop();
            if (seen.put(o, Boolean.TRUE) != null) {
                continue;
            }
            if (o instanceof Tensor t) {
                t.close();
            } else if (o instanceof Map<?, ?> m) {
                pushAll(work, m.keySet());
                pushAll(work, m.values());
            } else if (o instanceof Collection<?> c) {
                pushAll(work, c);
            }
        }
    }

    private static void pushAll(ArrayDeque<Object> work, Collection<?> items) {
        for (Object o : items) {
            if (o != null) {
                work.push(o);
            }
        }
    }

    // ------------------------------------------------------------------ archives

    private String archiveCase(Path file) throws IOException {
        int pick = rnd.nextInt(archives.size());
        int kind = rnd.nextInt(6);
        switch (kind) {
            case 0 -> {
                Files.write(file, mutateBytes(archives.get(pick), 1 + rnd.nextInt(8)));
                return "raw bytes of seed " + pick;
            }
            case 1, 2 -> {
                Map<String, byte[]> e = archiveEntries.get(pick);
                String pkl = e.keySet().stream().filter(n -> n.endsWith("/data.pkl")).findFirst().orElseThrow();
                return rezip(file, e, pkl, mutatePickle(e.get(pkl))) + " with a mutated pickle of seed " + pick;
            }
            case 3 -> {
                return rezip(file, archiveEntries.get(pick), null, null) + " of seed " + pick;
            }
            default -> {
                return geometry(file);
            }
        }
    }

    /** Rewrites a seed's entries (one replaced), some of them lying about their sizes, deflated or zip64. */
    private String rezip(Path file, Map<String, byte[]> entries, String replace, byte[] with) throws IOException {
        List<TestFiles.Entry> out = new ArrayList<>();
        StringBuilder lies = new StringBuilder("re-zipped");
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            byte[] data = e.getKey().equals(replace) ? with : e.getValue();
            if (replace == null && e.getKey().contains("/data/") && rnd.nextInt(4) == 0) {
                data = mutateBytes(data, 1 + rnd.nextInt(3));
                lies.append(", storage bytes changed");
            }
            TestFiles.Entry t = new TestFiles.Entry(e.getKey(), data);
            if (rnd.nextInt(6) == 0) {
                t.deflate();
                lies.append(", deflated");
            }
            if (replace == null && rnd.nextInt(5) == 0) {
                t.size(interestingSize(data.length));
                lies.append(", size claimed ").append(t.size);
            }
            if (replace == null && rnd.nextInt(8) == 0) {
                t.compressedSize(interestingSize(data.length));
                lies.append(", compressed size claimed ").append(t.compressedSize);
            }
            if (rnd.nextInt(10) == 0) {
                t.zip64();
                lies.append(", zip64");
            }
            out.add(t);
        }
        Files.write(file, TestFiles.zip(out.toArray(new TestFiles.Entry[0])));
        return lies.toString();
    }

    private long interestingSize(int real) {
        long[] sizes = {0, 1, real - 1L, real + 1L, 2L * real, Integer.MAX_VALUE, 0xFFFFFFFEL, 1L << 31, 1L << 37,
            Long.MAX_VALUE};
        long s = sizes[rnd.nextInt(sizes.length)];
        return Math.max(0, s);
    }

    /** A valid tensor pickle whose storage size, view size, stride and record are drawn at the edges. */
    private String geometry(Path file) throws IOException {
        int rank = rnd.nextInt(4);
        long[] size = new long[rank];
        long[] stride = new long[rank];
        for (int i = 0; i < rank; i++) {
            size[i] = edge();
            stride[i] = edge();
        }
        long numel = rnd.nextBoolean() ? rnd.nextInt(64) : edge();
        int recordBytes = (int) Math.min(4096, rnd.nextBoolean() ? numel * 4 : rnd.nextInt(300));
        TestFiles.Entry record = new TestFiles.Entry("data/0", new byte[Math.max(0, recordBytes)]);
        if (rnd.nextInt(3) == 0) {
            record.size(interestingSize(recordBytes));
        }
        TestFiles.torchArchive(file, TestFiles.tensorPickle("w", numel, size, stride), record);
        return "tensor numel " + numel + " size " + Arrays.toString(size) + " stride " + Arrays.toString(stride)
                + " record " + recordBytes + (record.size >= 0 ? " claiming " + record.size : "");
    }

    private long edge() {
        long[] v = {0, 1, 2, 3, 6, 7, 255, 1L << 31, (1L << 32) - 1, 1L << 32, 1L << 62, (1L << 62) + 1, Long.MAX_VALUE,
            Long.MAX_VALUE - 1, Long.MIN_VALUE, -1};
        return v[rnd.nextInt(v.length)];
    }

    // ------------------------------------------------------------------ pickles

    private String pickleCase(Path file) throws IOException {
        if (rnd.nextInt(3) == 0) {
            return treeCase(file);
        }
        int pick = rnd.nextInt(archives.size());
        Map<String, byte[]> e = archiveEntries.get(pick);
        String pkl = e.keySet().stream().filter(n -> n.endsWith("/data.pkl")).findFirst().orElseThrow();
        byte[] pickle;
        String what;
        if (rnd.nextBoolean()) {
            pickle = randomPickle();
            what = "random opcodes";
        } else {
            pickle = mutatePickle(e.get(pkl));
            what = "mutated pickle of seed " + pick;
        }
        List<TestFiles.Entry> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> x : e.entrySet()) {
            out.add(new TestFiles.Entry(x.getKey(), x.getKey().equals(pkl) ? pickle : x.getValue()));
        }
        Files.write(file, TestFiles.zip(out.toArray(new TestFiles.Entry[0])));
        return what + ", " + pickle.length + " bytes";
    }

    /** The tree the last tree case saved intact (to compare with what loads), or null. */
    private Object saved;

    /** A random checkpoint tree saved by Torch.save, then either left intact or with one mutation in its pickle. */
    private String treeCase(Path file) throws IOException {
        List<Object> pool = new ArrayList<>();
        Object tree = randomTree(0, pool);
        String description;
        try {
            Torch.save(tree, file);
            description = describeTree(tree);
        } finally {
            closeAll(tree);
        }
        if (rnd.nextInt(3) == 0) {
            saved = description;
            return "a random tree, intact";
        }
        Map<String, byte[]> e = entries(file);
        String pkl = e.keySet().stream().filter(n -> n.endsWith("/data.pkl")).findFirst().orElseThrow();
        byte[] mutated = pickleMutation(e.get(pkl));
        List<TestFiles.Entry> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> x : e.entrySet()) {
            out.add(new TestFiles.Entry(x.getKey(), x.getKey().equals(pkl) ? mutated : x.getValue()));
        }
        Files.write(file, TestFiles.zip(out.toArray(new TestFiles.Entry[0])));
        return "a random tree with one pickle mutation";
    }

    private byte[] pickleMutation(byte[] p) {
        int at = rnd.nextInt(p.length);
        return switch (rnd.nextInt(3)) {
            case 0 -> {
                byte[] c = p.clone();
                c[at] = (byte) rnd.nextInt(256);
                yield c;
            }
            case 1 -> concat(Arrays.copyOf(p, at), randomOp(), Arrays.copyOfRange(p, at, p.length));
            default -> concat(Arrays.copyOf(p, at), Arrays.copyOfRange(p, Math.min(p.length, at + 1 + rnd.nextInt(4)),
                    p.length));
        };
    }

    private Object randomTree(int depth, List<Object> pool) {
        if (!pool.isEmpty() && rnd.nextInt(10) == 0) {
            return pool.get(rnd.nextInt(pool.size())); // shared
        }
        int kind = depth >= 5 ? 10 + rnd.nextInt(8) : rnd.nextInt(18);
        Object made;
        switch (kind) {
            case 0, 1, 2 -> {
                Map<Object, Object> m = new java.util.LinkedHashMap<>();
                int n = rnd.nextInt(5);
                int keys = rnd.nextInt(3);
                for (int i = 0; i < n; i++) {
                    Object k = keys == 0 ? "k" + rnd.nextInt(20) : keys == 1 ? (Object) (long) rnd.nextInt(20)
                            : Tuple.of((long) rnd.nextInt(3), "t" + rnd.nextInt(3));
                    m.put(k, randomTree(depth + 1, pool));
                }
                made = m;
            }
            case 3, 4 -> {
                List<Object> l = new ArrayList<>();
                for (int i = rnd.nextInt(5); i > 0; i--) {
                    l.add(randomTree(depth + 1, pool));
                }
                made = l;
            }
            case 5, 6 -> {
                Object[] items = new Object[rnd.nextInt(5)];
                for (int i = 0; i < items.length; i++) {
                    items[i] = randomTree(depth + 1, pool);
                }
                made = Tuple.of(items);
            }
            case 7 -> {
                StateDict sd = new StateDict();
                for (int i = rnd.nextInt(4); i > 0; i--) {
                    sd.put("p" + i, randomTensor(pool));
                }
                if (rnd.nextBoolean()) {
                    sd.metadata().put("", new java.util.LinkedHashMap<>(Map.of("version", 1L)));
                }
                made = sd;
            }
            case 10 -> made = null;
            case 11 -> made = rnd.nextBoolean();
            case 12 -> made = edge();
            case 13 -> made = rnd.nextBoolean() ? java.math.BigInteger.ONE.shiftLeft(64 + rnd.nextInt(2000)).negate()
                    : rnd.nextDouble() * edge();
            case 14 -> made = new String(randomWord(), StandardCharsets.UTF_8);
            case 15 -> made = dev.torch4j.DType.values()[rnd.nextInt(dev.torch4j.DType.values().length)];
            default -> made = randomTensor(pool);
        }
        if (made instanceof Map<?, ?> || made instanceof List<?> || made instanceof Tensor) {
            pool.add(made);
        }
        return made;
    }

    private Tensor randomTensor(List<Object> pool) {
        for (Object o : pool) {
            if (o instanceof Tensor t && !t.isClosed() && t.dim() == 2 && rnd.nextInt(3) == 0) {
                return switch (rnd.nextInt(3)) {
                    case 0 -> t.index(0L).unscoped();
                    case 1 -> t.t().unscoped();
                    default -> t.index(0L).expand(3, t.shape()[1]).unscoped();
                };
            }
        }
        float[] v = new float[rnd.nextInt(7)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextFloat();
        }
        Tensor t = v.length == 6 ? Tensor.of(v, 2, 3) : Tensor.of(v);
        return rnd.nextInt(4) == 0 ? t.toDouble().unscoped() : t;
    }

    /** A rendering of a tree that the loaded tree must reproduce: kinds, keys, values (tensors by value). */
    static String describeTree(Object o) {
        StringBuilder sb = new StringBuilder();
        describeTree(o, sb);
        return sb.toString();
    }

    private static void describeTree(Object o, StringBuilder sb) {
        if (o instanceof Tensor t) {
            sb.append("T").append(t.dtype()).append(Arrays.toString(t.shape()))
                    .append(t.numel() == 0 ? "[]" : Arrays.toString(t.toDoubleArray()));
        } else if (o instanceof Map<?, ?> m) {
            sb.append(o instanceof StateDict sd ? "S" + sd.metadata() + "{" : "{");
            m.forEach((k, v) -> {
                describeTree(k, sb);
                sb.append(':');
                describeTree(v, sb);
                sb.append(',');
            });
            sb.append('}');
        } else if (o instanceof List<?> l) {
            sb.append(o instanceof Tuple ? "(" : "[");
            l.forEach(x -> {
                describeTree(x, sb);
                sb.append(',');
            });
            sb.append(o instanceof Tuple ? ")" : "]");
        } else {
            sb.append(o == null ? "None" : o.getClass().getSimpleName() + ":" + o).append(' ');
        }
    }

    private static final String[][] GLOBALS = {
        {"collections", "OrderedDict"}, {"torch._utils", "_rebuild_tensor_v2"}, {"torch._utils", "_rebuild_parameter"},
        {"torch", "FloatStorage"}, {"torch", "LongStorage"}, {"torch", "float32"}, {"torch", "Size"},
        {"os", "system"}, {"builtins", "eval"}, {"torch", "nosuch"}, {"collections", "OrderedDict\u00e9"},
    };

    private byte[] randomPickle() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(0x80, rnd.nextInt(4) == 0 ? rnd.nextInt(7) : 2));
        int ops = 1 + rnd.nextInt(rnd.nextInt(8) == 0 ? 3000 : 120);
        for (int i = 0; i < ops; i++) {
            out.writeBytes(randomOp());
        }
        if (rnd.nextInt(8) != 0) {
            out.write('.');
        }
        return out.toByteArray();
    }

    private byte[] randomOp() {
        switch (rnd.nextInt(34)) {
            case 0: return bytes('(');
            case 1: return bytes('N');
            case 2: return bytes(rnd.nextBoolean() ? 0x88 : 0x89);
            case 3: return bytes('K', rnd.nextInt(256));
            case 4: return bytes('M', rnd.nextInt(256), rnd.nextInt(256));
            case 5: return bytes('J', le(rnd.nextLong(), 4));
            case 6: {
                int n = rnd.nextInt(4) == 0 ? rnd.nextInt(40) : rnd.nextInt(9);
                return bytes(0x8a, n, randomBytes(n));
            }
            case 7: return bytes(0x8b, le(rnd.nextInt(4) == 0 ? rnd.nextLong() : rnd.nextInt(20), 4), randomBytes(rnd.nextInt(20)));
            case 8: return bytes('G', randomBytes(8));
            case 9: {
                byte[] s = rnd.nextInt(5) == 0 ? randomBytes(rnd.nextInt(10)) : randomWord();
                return bytes(0x8c, s.length, s);
            }
            case 10: {
                byte[] s = randomWord();
                long claimed = rnd.nextInt(6) == 0 ? rnd.nextLong() : s.length;
                return bytes('X', le(claimed, 4), s);
            }
            case 11: return bytes(')');
            case 12: return bytes(0x85 + rnd.nextInt(3));
            case 13: return bytes('t');
            case 14: return bytes(']');
            case 15: return bytes('a');
            case 16: return bytes('e');
            case 17: return bytes('}');
            case 18: return bytes('s');
            case 19: return bytes('u');
            case 20: return bytes('q', rnd.nextInt(8));
            case 21: return bytes('r', le(rnd.nextInt(4) == 0 ? rnd.nextLong() : rnd.nextInt(8), 4));
            case 22: return bytes(0x94);
            case 23: return bytes('h', rnd.nextInt(8));
            case 24: return bytes('j', le(rnd.nextInt(4) == 0 ? rnd.nextLong() : rnd.nextInt(8), 4));
            case 25: {
                String[] g = GLOBALS[rnd.nextInt(GLOBALS.length)];
                return bytes('c', g[0] + "\n" + g[1] + "\n");
            }
            case 26: {
                String[] g = GLOBALS[rnd.nextInt(GLOBALS.length)];
                byte[] m = g[0].getBytes(StandardCharsets.UTF_8);
                byte[] n = g[1].getBytes(StandardCharsets.UTF_8);
                return bytes(0x8c, m.length, m, 0x8c, n.length, n, 0x93);
            }
            case 27: return bytes('Q');
            case 28: return bytes('R');
            case 29: return bytes('b');
            case 30: return bytes(0x95, le(rnd.nextLong(), 8));
            case 31: return bytes(rnd.nextInt(256));
            case 32: return TestFiles.tensorPickle("w", edge(), new long[] {edge()}, new long[] {edge()});
            default: return bytes(0x8d, le(rnd.nextInt(3) == 0 ? rnd.nextLong() : 3, 8), "abc");
        }
    }

    private byte[] randomWord() {
        String[] words = {"storage", "cpu", "0", "1", "w", "state", "param_groups", "_metadata", "", "ключ",
            "x".repeat(300)};
        return words[rnd.nextInt(words.length)].getBytes(StandardCharsets.UTF_8);
    }

    private byte[] mutatePickle(byte[] pickle) {
        byte[] p = pickle;
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(5);
            if (p.length == 0) {
                p = randomOp();
            } else if (kind == 0) {
                p = mutateBytes(p, 1);
            } else if (kind == 1 && p.length > 2) { // insert random opcodes somewhere
                int at = rnd.nextInt(p.length);
                p = concat(Arrays.copyOf(p, at), randomOp(), Arrays.copyOfRange(p, at, p.length));
            } else if (kind == 2 && p.length > 4) { // repeat a stretch many times
                int a = rnd.nextInt(p.length - 1);
                int b = a + 1 + rnd.nextInt(Math.min(16, p.length - a - 1));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(p, 0, b);
                int times = 1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 5000 : 10);
                for (int t = 0; t < times; t++) {
                    out.write(p, a, b - a);
                }
                out.write(p, b, p.length - b);
                p = out.toByteArray();
            } else if (kind == 3 && p.length > 4) { // delete a stretch
                int a = rnd.nextInt(p.length - 1);
                int b = a + 1 + rnd.nextInt(Math.min(16, p.length - a - 1));
                p = concat(Arrays.copyOf(p, a), Arrays.copyOfRange(p, b, p.length));
            } else { // an integer argument at an extreme
                int at = rnd.nextInt(p.length);
                byte[] v = le(edge(), 8);
                p = p.clone();
                System.arraycopy(v, 0, p, at, Math.min(8, p.length - at));
            }
        }
        return p;
    }

    // ------------------------------------------------------------------ safetensors

    private String safetensorsCase(Path file) throws IOException {
        int kind = rnd.nextInt(5);
        if (kind == 0 || safetensorsSeeds.isEmpty()) {
            byte[] seedFile = safetensorsSeeds.isEmpty() ? new byte[16] : safetensorsSeeds.get(rnd.nextInt(
                    safetensorsSeeds.size()));
            Files.write(file, mutateBytes(seedFile, 1 + rnd.nextInt(6)));
            return "raw bytes";
        }
        byte[] seedFile = safetensorsSeeds.get(rnd.nextInt(safetensorsSeeds.size()));
        long n = ByteBuffer.wrap(seedFile, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(seedFile, 8, (int) n, StandardCharsets.UTF_8).stripTrailing();
        byte[] data = Arrays.copyOfRange(seedFile, (int) (8 + n), seedFile.length);
        StringBuilder what = new StringBuilder("header");
        int edits = 1 + rnd.nextInt(3);
        for (int i = 0; i < edits; i++) {
            header = mutateJson(header, what);
        }
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        if (rnd.nextInt(6) == 0) {
            h = mutateBytes(h, 1);
            what.append(", a header byte");
        }
        if (rnd.nextInt(5) == 0) {
            data = rnd.nextBoolean() ? Arrays.copyOf(data, Math.max(0, data.length - 1 - rnd.nextInt(8)))
                    : Arrays.copyOf(data, data.length + 1 + rnd.nextInt(8));
            what.append(", data resized");
        }
        TestFiles.safetensors(file, h, data);
        if (rnd.nextInt(10) == 0) {
            byte[] all = Files.readAllBytes(file);
            ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putLong(0, edge());
            Files.write(file, all);
            what.append(", header length changed");
        }
        return what.toString();
    }

    private static final String[] JSON_VALUES = {
        "0", "-1", "-0", "01", "1.0", "1e3", "9223372036854775807", "9223372036854775808", "18446744073709551615",
        "4611686018427387904", "1e999", "\"x\"", "null", "true", "[]", "{}", "[0,4]", "[0]", "[0,0,0]",
        "[4611686018427387904,4611686018427387904,0]", "[0,4611686018427387904,4611686018427387904]",
        "\"\\q\"", "\"\\u+041\"", "\"\\ud800\"", "\"\u0001\"", "\"F32\"", "\"BF16\"", "\"C64\"",
    };

    private String mutateJson(String h, StringBuilder what) {
        int kind = rnd.nextInt(7);
        switch (kind) {
            case 0 -> { // replace a number
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?\\d+").matcher(h);
                List<int[]> spans = new ArrayList<>();
                while (m.find()) {
                    spans.add(new int[] {m.start(), m.end()});
                }
                if (!spans.isEmpty()) {
                    int[] s = spans.get(rnd.nextInt(spans.size()));
                    String v = JSON_VALUES[rnd.nextInt(JSON_VALUES.length)];
                    what.append(", number -> ").append(v);
                    return h.substring(0, s[0]) + v + h.substring(s[1]);
                }
                return h;
            }
            case 1 -> { // deep nesting
                int depth = rnd.nextInt(3) == 0 ? 200 + rnd.nextInt(5000) : 1 + rnd.nextInt(130);
                what.append(", nested ").append(depth);
                return "{\"deep\":" + "[".repeat(depth) + "]".repeat(depth) + "," + h.substring(1);
            }
            case 2 -> { // duplicate the first entry
                int colon = h.indexOf("},");
                what.append(", duplicated entry");
                return colon < 0 ? h : h.substring(0, colon + 2) + h.substring(1, colon + 2) + h.substring(colon + 2);
            }
            case 3 -> { // insert an odd character
                String[] odd = {"\u0000", "\u0001", "\t", "\f", "\\", "\"", "\u00e9", "\ud800", ",", "}", "]", " "};
                int at = rnd.nextInt(h.length() + 1);
                String c = odd[rnd.nextInt(odd.length)];
                what.append(", inserted U+").append(Integer.toHexString(c.charAt(0)));
                return h.substring(0, at) + c + h.substring(at);
            }
            case 4 -> { // metadata of another type
                String v = JSON_VALUES[rnd.nextInt(JSON_VALUES.length)];
                what.append(", __metadata__ ").append(v);
                return "{\"__metadata__\":{\"k\":" + v + "}," + h.substring(1);
            }
            case 5 -> { // delete a stretch
                int a = rnd.nextInt(h.length());
                int b = Math.min(h.length(), a + 1 + rnd.nextInt(6));
                what.append(", deleted ").append(b - a);
                return h.substring(0, a) + h.substring(b);
            }
            default -> { // replace any value
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(":(\"[^\"]*\"|\\[[^\\]]*\\])").matcher(h);
                List<int[]> spans = new ArrayList<>();
                while (m.find()) {
                    spans.add(new int[] {m.start(1), m.end(1)});
                }
                if (spans.isEmpty()) {
                    return h;
                }
                int[] s = spans.get(rnd.nextInt(spans.size()));
                String v = JSON_VALUES[rnd.nextInt(JSON_VALUES.length)];
                what.append(", value -> ").append(v);
                return h.substring(0, s[0]) + v + h.substring(s[1]);
            }
        }
    }

    // ------------------------------------------------------------------ bytes

    private byte[] mutateBytes(byte[] in, int times) {
        byte[] b = in.clone();
        for (int i = 0; i < times; i++) {
            if (b.length == 0) {
                return randomBytes(rnd.nextInt(32));
            }
            switch (rnd.nextInt(6)) {
                case 0 -> b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                case 2 -> b = Arrays.copyOf(b, rnd.nextInt(b.length));
                case 3 -> {
                    int at = rnd.nextInt(b.length);
                    b = concat(Arrays.copyOf(b, at), randomBytes(1 + rnd.nextInt(16)), Arrays.copyOfRange(b, at, b.length));
                }
                case 4 -> {
                    int at = rnd.nextInt(b.length);
                    byte[] v = le(edge(), 1 + rnd.nextInt(8));
                    System.arraycopy(v, 0, b, at, Math.min(v.length, b.length - at));
                }
                default -> {
                    int a = rnd.nextInt(b.length);
                    int len = Math.min(b.length - a, 1 + rnd.nextInt(64));
                    b = concat(Arrays.copyOf(b, a + len), Arrays.copyOfRange(b, a, b.length));
                }
            }
        }
        return b;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static byte[] le(long v, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }
}
