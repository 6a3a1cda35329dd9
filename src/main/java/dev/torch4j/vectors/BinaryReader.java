package dev.torch4j.vectors;

import dev.torch4j.Tensor;
import java.io.IOException;
import java.util.Set;

/**
 * Reads the rows of a word2vec binary file ({@code word}, a space, {@code dim} little-endian float32,
 * an optional newline before the next word): the float bytes are copied in bulk from the read
 * buffer into the tensor's native memory, with no float array in between.
 */
final class BinaryReader {
    private final ByteSource src;
    private final Header header;
    private final LoadSettings settings;
    private final long limit;
    private final int rowBytes;
    private final long blockBytes;

    /** @param blockBytes bytes per block of target rows, 0 for the default */
    BinaryReader(ByteSource src, Header header, LoadSettings settings, long limit, long blockBytes) {
        this.src = src;
        this.header = header;
        this.settings = settings;
        this.limit = limit;
        this.rowBytes = 4 * header.dim;
        this.blockBytes = blockBytes;
    }

    KeyedVectors read() throws IOException {
        long toRead = Math.min(header.count, limit);
        checkSize(toRead);
        Set<String> vocabulary = settings.vocabulary();
        long alloc = vocabulary == null ? toRead : Math.min(toRead, vocabulary.size());
        WordIndex index = new WordIndex((int) alloc);
        WordDecoder decoder = new WordDecoder(settings.unicodeErrors());
        long[] firstOffsets = new long[(int) Math.min(alloc, 1 << 20)];
        int need = Header.MAX_WORD + 1 + rowBytes;
        boolean stoppedEarly = false;
        try (RowSink sink = new RowSink(alloc, header.dim, settings.dtype(), settings.device(), blockBytes)) {
            RowSink.Block block = null;
            try {
                for (long i = 0; i < toRead; i++) {
                    if (vocabulary != null && index.size() == vocabulary.size()) {
                        stoppedEarly = true;
                        break;
                    }
                    int avail = src.require(need);
                    byte[] b = src.buffer();
                    int p = src.pos();
                    long rowOffset = src.offsetOf(p);
                    if (avail == 0) {
                        throw error(rowOffset, "the header promises " + header.count + " vectors, but the file ends after "
                                + i);
                    }
                    int sp = Header.indexOf(b, p, p + Math.min(avail, Header.MAX_WORD + 1), (byte) ' ');
                    if (sp < 0) {
                        throw error(rowOffset, avail <= Header.MAX_WORD
                                ? "truncated vector #" + i + ": expected a word, a space and " + rowBytes
                                        + " bytes of float32 values, found " + avail + " bytes and the end of the file"
                                : "expected vector #" + i + " to start with a word of at most " + Header.MAX_WORD
                                        + " bytes and a space, found no space");
                    }
                    String word = decoder.decode(b, p, sp - p);
                    if (word == null) {
                        int bad = decoder.errorIndex;
                        throw error(src.offsetOf(bad), "invalid UTF-8 in word #" + i + " (byte 0x"
                                + String.format("%02x", b[bad] & 0xff) + "): expected UTF-8 text; "
                                + "UnicodeErrors.REPLACE or IGNORE load it anyway");
                    }
                    word = stripLeadingNewlines(word);
                    if (word.isEmpty() || word.indexOf('\n') >= 0) {
                        throw error(rowOffset, "expected vector #" + i + " to start with a word, found '"
                                + Header.printable(b, p, sp - p) + "' (is the dimension in the header right?)");
                    }
                    int vec = sp + 1;
                    if (p + avail - vec < rowBytes) {
                        throw error(src.offsetOf(vec), "truncated vector #" + i + " ('" + word + "'): expected "
                                + rowBytes + " bytes of float32 values, found " + (p + avail - vec)
                                + " before the end of the file");
                    }
                    src.pos(vec + rowBytes);
                    if (vocabulary != null && !vocabulary.contains(word)) {
                        continue;
                    }
                    int row = index.size();
                    int first = index.add(word);
                    if (first >= 0) {
                        String where = first < firstOffsets.length ? " (first at byte offset " + firstOffsets[first] + ")"
                                : "";
                        throw error(rowOffset, "duplicate word '" + word + "' in vector #" + i + where
                                + ": expected each word once");
                    }
                    if (row < firstOffsets.length) {
                        firstOffsets[row] = rowOffset;
                    }
                    if (block == null || !block.contains(row)) {
                        if (block != null) {
                            sink.commit(block);
                        }
                        block = sink.open(row, (int) Math.min(sink.blockRows(), alloc - row));
                    }
                    block.buffer.put((int) ((row - block.first) * rowBytes), b, vec, rowBytes);
                }
                if (block != null) {
                    sink.commit(block);
                    block = null;
                }
            } finally {
                sink.discard(block);
            }
            if (!stoppedEarly && toRead == header.count) {
                checkNothingFollows();
            }
            Tensor vectors = sink.finish(index.size());
            return new KeyedVectors(index, vectors);
        }
    }

    /** Refuses a header that promises more rows than the rest of the file can hold, before allocating. */
    private void checkSize(long rows) throws VectorFormatException {
        long left = src.maxContentBytes() - src.offset();
        long minimum;
        try {
            minimum = Math.multiplyExact(rows, rowBytes + 2L);
        } catch (ArithmeticException e) {
            minimum = Long.MAX_VALUE;
        }
        if (rows > 0 && minimum > left) {
            throw new VectorFormatException(src.path, 1, 0, false, "the header promises " + header.count
                    + " vectors of dimension " + header.dim + ", which take at least " + minimum + " bytes, but "
                    + (src.gzip ? "this gzip file of " + src.fileSize + " bytes can hold at most " + left
                            : "the file has " + left + " bytes after the header"));
        }
    }

    /** After the promised rows only whitespace may follow. */
    private void checkNothingFollows() throws IOException {
        while (true) {
            int avail = src.require(1 << 16);
            if (avail == 0) {
                return;
            }
            byte[] b = src.buffer();
            int p = src.pos();
            for (int i = p; i < p + avail; i++) {
                byte c = b[i];
                if (c != '\n' && c != '\r' && c != ' ' && c != '\t') {
                    throw error(src.offsetOf(i), "the header promises " + header.count
                            + " vectors, but more data follows them");
                }
            }
            src.pos(p + avail);
        }
    }

    private static String stripLeadingNewlines(String word) {
        int i = 0;
        while (i < word.length() && word.charAt(i) == '\n') {
            i++;
        }
        return i == 0 ? word : word.substring(i);
    }

    private VectorFormatException error(long offset, String problem) {
        return new VectorFormatException(src.path, -1, offset, src.gzip, problem);
    }
}
