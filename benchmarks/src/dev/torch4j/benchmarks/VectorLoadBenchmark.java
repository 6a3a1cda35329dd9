package dev.torch4j.benchmarks;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import dev.torch4j.vectors.GloVe;
import dev.torch4j.vectors.GloVeOptions;
import dev.torch4j.vectors.KeyedVectors;
import dev.torch4j.vectors.Word2Vec;
import dev.torch4j.vectors.Word2VecOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;

/**
 * One load of a word-vector file, timed inside the process; the torch4j half of
 * {@code benchmarks/vectors/run.sh}, which runs it beside {@code benchmarks/vectors/gensim_load.py}
 * under {@code /usr/bin/time} for the peak memory.
 *
 * <pre>
 * java -cp ... dev.torch4j.benchmarks.VectorLoadBenchmark word2vec FILE [--hash]
 * java -cp ... dev.torch4j.benchmarks.VectorLoadBenchmark glove FILE [--hash]
 * java -cp ... dev.torch4j.benchmarks.VectorLoadBenchmark vocabulary FILE WORDS_FILE
 * java -cp ... dev.torch4j.benchmarks.VectorLoadBenchmark limit FILE N
 * java -cp ... dev.torch4j.benchmarks.VectorLoadBenchmark floor FILE [THREADS]
 *                                                     the file read into a fresh tensor, on THREADS
 *                                                     threads (default 1), each its share of the file
 * java -cp ... dev.torch4j.benchmarks.VectorLoadBenchmark scan FILE     the file read, nothing kept
 * java -cp ... dev.torch4j.benchmarks.VectorLoadBenchmark baseline      the JVM and libtorch, nothing read
 * </pre>
 * Prints {@code load_s=<seconds> rows=<n> dim=<d> check=<sum of the first row>}, and with
 * {@code --hash} also {@code hash=<SHA-256 of the words, one per line, then every float's bits>},
 * to show that two builds load identical tensors. The floors print {@code load_s} and {@code bytes}.
 */
public final class VectorLoadBenchmark {
    private VectorLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Torch.zeros(1).close(); // loads libtorch before the clock starts, as gensim is imported before its clock
        if (mode.equals("baseline")) {
            System.out.println("load_s=0 rows=0 dim=0 check=0");
            return;
        }
        Path file = Path.of(args[1]);
        if (mode.equals("floor")) {
            floor(file, args.length > 2 ? Integer.parseInt(args[2]) : 1);
            return;
        }
        if (mode.equals("scan")) {
            scan(file);
            return;
        }
        long start = System.nanoTime();
        Word2VecOptions w2v = Word2VecOptions.defaults().progress(false);
        KeyedVectors kv = switch (mode) {
            case "word2vec" -> Word2Vec.load(file, w2v);
            case "glove" -> GloVe.load(file, GloVeOptions.defaults().progress(false));
            case "vocabulary" -> {
                List<String> words = Files.readAllLines(Path.of(args[2]));
                yield Word2Vec.load(file, w2v.vocabulary(words));
            }
            case "limit" -> Word2Vec.load(file, w2v.limit(Long.parseLong(args[2])));
            default -> throw new IllegalArgumentException("mode must be word2vec, glove, vocabulary, limit, floor, "
                    + "scan or baseline: " + mode);
        };
        double seconds = (System.nanoTime() - start) / 1e9;
        double check = 0;
        for (float v : kv.get(kv.words().get(0)).toFloatArray()) {
            check += v;
        }
        System.out.printf("load_s=%.3f rows=%d dim=%d check=%.6f%n", seconds, kv.size(), kv.dim(), check);
        if (List.of(args).contains("--hash")) {
            System.out.println("hash=" + hash(kv));
        }
        kv.close();
    }

    /**
     * Reads the file with FileChannel into a fresh tensor of its size, on {@code threads} threads that
     * each read their share in 1 MiB pieces: one read and one copy into new memory, page faults
     * included, spread over the cores as a loader may spread them.
     */
    private static void floor(Path file, int threads) throws Exception {
        long start = System.nanoTime();
        long size = Files.size(file);
        java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong();
        try (FileChannel ch = FileChannel.open(file);
             Tensor t = Torch.empty(new long[] {size}, TensorOptions.defaults().dtype(DType.UINT8).device(Device.cpu()))) {
            long share = (size + threads - 1) / threads;
            List<Thread> readers = new java.util.ArrayList<>();
            List<Exception> failed = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            for (int k = 0; k < threads; k++) {
                long from = Math.min(size, k * share);
                long to = Math.min(size, from + share);
                Thread r = new Thread(() -> {
                    try {
                        for (long off = from; off < to; ) {
                            int len = (int) Math.min(1 << 20, to - off);
                            ByteBuffer w = dev.torch4j.internal.TensorMemory.window(t, off, len);
                            int n;
                            while (w.hasRemaining() && (n = ch.read(w, off + w.position())) > 0) {
                                // the kernel copies the page cache into the tensor, faulting its pages in
                            }
                            total.addAndGet(len - w.remaining());
                            off += len;
                        }
                    } catch (Exception e) {
                        failed.add(e);
                    }
                });
                r.start();
                readers.add(r);
            }
            for (Thread r : readers) {
                r.join();
            }
            if (!failed.isEmpty()) {
                throw failed.get(0);
            }
        }
        System.out.printf("load_s=%.3f rows=0 dim=0 check=0 bytes=%d%n", (System.nanoTime() - start) / 1e9, total.get());
    }

    /** Reads the file with FileChannel into one reused 1 MiB buffer, nothing kept. */
    private static void scan(Path file) throws Exception {
        long start = System.nanoTime();
        long total = 0;
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer b = ByteBuffer.allocateDirect(1 << 20);
            int n;
            while ((n = ch.read(b.clear())) > 0) {
                total += n;
            }
        }
        System.out.printf("load_s=%.3f rows=0 dim=0 check=0 bytes=%d%n", (System.nanoTime() - start) / 1e9, total);
    }

    /** SHA-256 of the words (UTF-8, one per line) and then of every value's float32 bits, little-endian. */
    private static String hash(KeyedVectors kv) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String w : kv.words()) {
            sha.update((w + "\n").getBytes(StandardCharsets.UTF_8));
        }
        int block = 10_000;
        ByteBuffer bytes = ByteBuffer.allocate(block * kv.dim() * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < kv.size(); start += block) {
            int n = Math.min(block, kv.size() - start);
            try (Tensor rows = kv.vectors().narrow(0, start, n)) {
                bytes.clear();
                for (float v : rows.toFloatArray()) {
                    bytes.putInt(Float.floatToRawIntBits(v));
                }
                sha.update(bytes.array(), 0, bytes.position());
            }
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : sha.digest()) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
