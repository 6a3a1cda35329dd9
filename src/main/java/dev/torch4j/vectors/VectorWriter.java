package dev.torch4j.vectors;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.internal.TensorMemory;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes word vectors as word2vec binary (gensim's layout: {@code "<count> <dim>\n"}, then for each
 * word its UTF-8 bytes, a space and {@code dim} little-endian float32, nothing between rows), word2vec
 * text, or GloVe text; gzip-compressed when the file name ends in {@code .gz}, as gensim does.
 */
final class VectorWriter {
    enum Layout { BINARY, TEXT, GLOVE }

    private static final long BLOCK_ROWS = 4096;

    private VectorWriter() {
    }

    static void write(KeyedVectors kv, Path path, Layout layout) throws IOException {
        checkWords(kv, layout);
        OutputStream file = Files.newOutputStream(path);
        try (OutputStream out = new BufferedOutputStream(path.getFileName().toString().endsWith(".gz")
                ? new GZIPOutputStream(file, 1 << 16) : file, 1 << 20)) {
            int dim = kv.dim();
            if (layout != Layout.GLOVE) {
                out.write((kv.size() + " " + dim + "\n").getBytes(StandardCharsets.UTF_8));
            }
            byte[] row = new byte[4 * dim];
            StringBuilder text = new StringBuilder();
            for (long start = 0; start < kv.size(); start += BLOCK_ROWS) {
                long n = Math.min(BLOCK_ROWS, kv.size() - start);
                try (Tensor view = kv.vectors().narrow(0, start, n);
                     Tensor cpu = view.to(Device.cpu());
                     Tensor f32 = cpu.to(DType.FLOAT32);
                     Tensor block = f32.contiguous()) {
                    ByteBuffer buf = TensorMemory.buffer(block).order(ByteOrder.LITTLE_ENDIAN);
                    for (int r = 0; r < n; r++) {
                        out.write(kv.table().bytes((int) (start + r)));
                        if (layout == Layout.BINARY) {
                            out.write(' ');
                            buf.get(r * row.length, row);
                            out.write(row);
                        } else {
                            text.setLength(0);
                            for (int f = 0; f < dim; f++) {
                                text.append(' ').append(FloatFormat.format(buf.getFloat((r * dim + f) * 4)));
                            }
                            text.append('\n');
                            out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                }
            }
        }
    }

    /** Words that the format cannot hold are refused before anything is written. */
    private static void checkWords(KeyedVectors kv, Layout layout) {
        for (int i = 0; i < kv.size(); i++) {
            String w = kv.words().get(i);
            if (w.isEmpty() || w.indexOf('\n') >= 0 || (layout != Layout.GLOVE && w.indexOf(' ') >= 0)
                    || (layout == Layout.GLOVE && (w.charAt(0) == ' ' || TextReader.isSpace((byte) w.charAt(
                            w.length() - 1))))) {
                throw new IllegalArgumentException("word " + i + " ('" + w + "') cannot be written in " + layout
                        + " format: expected a non-empty word without newlines"
                        + (layout == Layout.GLOVE ? " that neither starts with a space nor ends with whitespace"
                                : " or spaces"));
            }
        }
    }
}
