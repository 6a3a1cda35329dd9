package dev.torch4j.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torch4j.DType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The readers with tiny blocks and chunks, so that every row crosses block, buffer and chunk
 * boundaries: value {@code (row, col)} is {@code row + col / 8}, exact in float16 too.
 */
class ReadersTest {
    private static final int ROWS = 2001;
    private static final int DIM = 7;

    @TempDir
    Path dir;

    private static float value(int row, int col) {
        return (row % 256) + col / 8f;
    }

    private Path binaryFile() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((ROWS + " " + DIM + "\n").getBytes(StandardCharsets.US_ASCII));
        ByteBuffer row = ByteBuffer.allocate(4 * DIM).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < ROWS; r++) {
            out.writeBytes(("w" + r + " ").getBytes(StandardCharsets.US_ASCII));
            row.clear();
            for (int c = 0; c < DIM; c++) {
                row.putFloat(value(r, c));
            }
            out.writeBytes(row.array());
        }
        return Files.write(dir.resolve("rows.bin"), out.toByteArray());
    }

    private Path textFile(boolean header) throws Exception {
        StringBuilder sb = new StringBuilder(header ? ROWS + " " + DIM + "\n" : "");
        for (int r = 0; r < ROWS; r++) {
            sb.append(header ? "w" : "word w").append(r);
            for (int c = 0; c < DIM; c++) {
                sb.append(' ').append(value(r, c));
            }
            sb.append('\n');
        }
        return Files.writeString(dir.resolve(header ? "rows.txt" : "rows.glove"), sb);
    }

    private static void check(KeyedVectors kv, List<Integer> rows, String prefix) {
        assertEquals(rows.size(), kv.size());
        float[] all = kv.vectors().toFloatArray();
        for (int i = 0; i < rows.size(); i++) {
            int r = rows.get(i);
            assertEquals(prefix + r, kv.words().get(i));
            for (int c = 0; c < DIM; c++) {
                assertEquals(value(r, c), all[i * DIM + c], "row " + r + " col " + c);
            }
        }
    }

    private static List<Integer> range(int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        return l;
    }

    /** On one thread, on two (the parser copies, a pool thread faults the tensor in) and on four (copiers too). */
    @Test
    void binaryRowsAcrossDirectAndStagedBlocks() throws Exception {
        Path p = binaryFile();
        for (int threads : new int[] {1, 2, 4}) {
            for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT16}) {
                LoadSettings s = LoadSettings.DEFAULTS.dtype(dtype).threads(threads);
                try (ByteSource src = ByteSource.open(p, new Progress("t", 1, null, 0));
                     KeyedVectors kv = new BinaryReader(src, Header.read(src), s, Long.MAX_VALUE, 8, 3 * 4 * DIM, 64)
                             .read()) {
                    check(kv, range(ROWS), "w");
                    assertEquals(dtype, kv.dtype());
                }
            }
        }
    }

    @Test
    void binaryVocabularyAcrossBlocks() throws Exception {
        Path p = binaryFile();
        List<String> wanted = List.of("w500", "w3", "w250", "w251", "w0");
        LoadSettings s = LoadSettings.DEFAULTS.vocabulary(wanted);
        try (ByteSource src = ByteSource.open(p, new Progress("t", 1, null, 0));
             KeyedVectors kv = new BinaryReader(src, Header.read(src), s, Long.MAX_VALUE, 8, 2 * 4 * DIM, 64).read()) {
            check(kv, List.of(0, 3, 250, 251, 500), "w");
        }
    }

    /**
     * A filtered load skips most rows in a fast loop and leaves the others to the full row reader: with
     * each row separator, words of one to a dozen bytes and non-ASCII ones, mapped (a plain file) or
     * read (gzip), in windows and chunks of a few rows, it keeps exactly the wanted rows.
     */
    @Test
    void binaryVocabularyWithEverySeparatorMappedOrRead() throws Exception {
        String[] separators = {"", "\n", "\r\n"};
        for (String sep : separators) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes((ROWS + " " + DIM + "\n").getBytes(StandardCharsets.US_ASCII));
            ByteBuffer row = ByteBuffer.allocate(4 * DIM).order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; r < ROWS; r++) {
                out.writeBytes(word(r).getBytes(StandardCharsets.UTF_8));
                out.write(' ');
                row.clear();
                for (int c = 0; c < DIM; c++) {
                    row.putFloat(value(r, c));
                }
                out.writeBytes(row.array());
                out.writeBytes(sep.getBytes(StandardCharsets.US_ASCII));
            }
            Path plain = Files.write(dir.resolve("sep" + sep.length() + ".bin"), out.toByteArray());
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
                z.write(out.toByteArray());
            }
            Path zipped = Files.write(dir.resolve("sep" + sep.length() + ".bin.gz"), gz.toByteArray());
            List<Integer> rows = List.of(0, 1, 2, 7, 8, 63, 64, 999, 1000, 1500, 1999, 2000);
            List<String> wanted = new ArrayList<>();
            for (int r : rows) {
                wanted.add(word(r));
            }
            for (Path p : List.of(plain, zipped)) {
                LoadSettings s = LoadSettings.DEFAULTS.vocabulary(wanted);
                try (ByteSource src = ByteSource.open(p, new Progress("t", 1, null, 0));
                     KeyedVectors kv = new BinaryReader(src, Header.read(src), s, Long.MAX_VALUE, 24, 2 * 4 * DIM, 64)
                             .read()) {
                    assertEquals(rows.size(), kv.size(), p.getFileName().toString());
                    float[] all = kv.vectors().toFloatArray();
                    for (int i = 0; i < rows.size(); i++) {
                        assertEquals(word(rows.get(i)), kv.words().get(i));
                        assertEquals(value(rows.get(i), DIM - 1), all[i * DIM + DIM - 1], p.getFileName() + " row " + i);
                    }
                }
            }
        }
    }

    /**
     * A filtered load of a big plain file sends scouts ahead into its later segments. Whatever the
     * file (random value bytes, which hold spaces and newlines, every separator, words of 1 to 40
     * bytes, a duplicate word in some, and in most files one damaged byte), loading it with scouts gives
     * exactly what loading it on one thread gives: the same words and values, or the same error.
     */
    @Test
    void binaryVocabularyWithScoutsLoadsWhatOneThreadLoads() throws Exception {
        java.util.Random rnd = new java.util.Random(19);
        int taken = 0;
        int errors = 0;
        int duplicates = 0;
        java.util.concurrent.atomic.AtomicInteger scouts = new java.util.concurrent.atomic.AtomicInteger();
        BinaryReader.scoutTaken = s -> scouts.incrementAndGet();
        try {
            for (int file = 0; file < 60; file++) {
                String sep = new String[] {"", "\n", "\r\n"}[file % 3];
                int rows = 300 + rnd.nextInt(700);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes((rows + " " + DIM + "\n").getBytes(StandardCharsets.US_ASCII));
                List<String> words = new ArrayList<>();
                for (int r = 0; r < rows; r++) {
                    String w = "abcdefghijklmnopqrstuvwxyzabcdefghijklmn".substring(0, 1 + rnd.nextInt(40)) + r;
                    if (file % 5 == 1 && r == rows - 1 - file) {
                        w = words.get(rnd.nextInt(r)); // a duplicate, reported if both copies are wanted
                    }
                    words.add(w);
                    if (r > 0) {
                        out.writeBytes(sep.getBytes(StandardCharsets.US_ASCII));
                    }
                    out.writeBytes((w + " ").getBytes(StandardCharsets.US_ASCII));
                    byte[] values = new byte[4 * DIM];
                    rnd.nextBytes(values);
                    out.writeBytes(values);
                }
                byte[] bytes = out.toByteArray();
                if (file % 4 != 0) {
                    int at = 20 + rnd.nextInt(bytes.length - 20);
                    bytes[at] = (byte) " \n\rx\u00ff".charAt(rnd.nextInt(5));
                }
                Path p = Files.write(dir.resolve("scouts" + file + ".bin"), bytes);
                List<String> wanted = new ArrayList<>();
                for (int k = 0; k < 1 + rnd.nextInt(30); k++) {
                    wanted.add(words.get(rnd.nextInt(rows)));
                }
                wanted.add("absent");
                if (file % 5 == 1) {
                    wanted.add(words.get(rows - 1 - file));
                }
                String alone = loadFiltered(p, wanted, 1);
                String scouted = loadFiltered(p, wanted, 3);
                assertEquals(alone, scouted, "file " + file);
                errors += alone.startsWith("error") ? 1 : 0;
                duplicates += alone.contains("duplicate word") ? 1 : 0;
            }
        } finally {
            BinaryReader.scoutTaken = null;
        }
        taken = scouts.get();
        // two scouts a file, and most of them are taken over (a damaged row stops one, and a start guessed
        // inside a word would never be landed on)
        org.junit.jupiter.api.Assertions.assertTrue(taken >= 90, "scouts taken: " + taken);
        org.junit.jupiter.api.Assertions.assertTrue(errors > 5 && errors < 55, "files refused: " + errors);
        org.junit.jupiter.api.Assertions.assertTrue(duplicates > 0, "no file refused for a duplicate word");
    }

    /** The words and values a filtered load with {@code threads} threads gives, or its error. */
    private String loadFiltered(Path p, List<String> wanted, int threads) throws Exception {
        LoadSettings s = LoadSettings.DEFAULTS.vocabulary(wanted).threads(threads);
        try (ByteSource src = ByteSource.open(p, new Progress("t", 1, null, 0));
             KeyedVectors kv = new BinaryReader(src, Header.read(src), s, Long.MAX_VALUE, 48, 2 * 4 * DIM, 256)
                     .read()) {
            return kv.words() + " " + java.util.Arrays.toString(kv.vectors().toFloatArray());
        } catch (VectorFormatException e) {
            return "error " + e.getMessage();
        }
    }

    /** Row {@code r}'s word: from one byte to a dozen, every seventh with a non-ASCII letter. */
    private static String word(int r) {
        String w = "abcdefghijkl".substring(0, 1 + r % 12) + r;
        return r % 7 == 3 ? "é" + w : w;
    }

    @Test
    void textChunksOnSeveralThreads() throws Exception {
        Path p = textFile(true);
        for (int threads : new int[] {1, 2, 5}) {
            for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT16}) {
                LoadSettings s = LoadSettings.DEFAULTS.threads(threads).dtype(dtype);
                try (ByteSource src = ByteSource.open(p, new Progress("t", 1, null, 0));
                     KeyedVectors kv = new TextReader(src, false, DIM, Header.read(src).count, true, 2, s,
                             "the header promises " + ROWS + " vectors", true, "the header", 97, 0).read()) {
                    check(kv, range(ROWS), "w");
                }
            }
        }
    }

    @Test
    void gloveChunksWithVocabularyAcrossBlocks() throws Exception {
        Path p = textFile(false);
        LoadSettings s = LoadSettings.DEFAULTS.threads(3).vocabulary(List.of("word w7", "word w400", "word w8", "word w99"));
        try (ByteSource src = ByteSource.open(p, new Progress("t", 1, null, 0));
             KeyedVectors kv = new TextReader(src, true, DIM, ROWS, true, 1, s, null, false, "test", 50, 4 * DIM)
                     .read()) {
            check(kv, List.of(7, 8, 99, 400), "word w");
        }
    }

    @Test
    void theFirstErrorInFileOrderWinsAcrossChunks() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < 300; r++) {
            sb.append("w").append(r).append(r == 250 ? " 1 x\n" : r == 120 ? " 1\n" : " 1 2\n");
        }
        Path p = Files.writeString(dir.resolve("errors.glove"), sb);
        LoadSettings s = LoadSettings.DEFAULTS.threads(4);
        try (ByteSource src = ByteSource.open(p, new Progress("t", 1, null, 0))) {
            VectorFormatException e = assertThrows(VectorFormatException.class,
                    () -> new TextReader(src, true, 2, 300, true, 1, s, null, false, "test", 40, 0).read());
            assertEquals(121, e.line(), e.getMessage());
        }
    }
}
