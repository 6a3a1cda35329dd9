package dev.torch4j.vectors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The decompressed content of a gzip file (RFC 1952), read as Python's {@code gzip} module reads it,
 * which is what gensim uses: one or more members one after the other, each checked against its
 * CRC-32 and length, zero bytes allowed between and after them, anything else refused. Every fault
 * is a {@link VectorFormatException} that says where in the file it is and what was expected there;
 * none is reported as a bare {@code EOFException} or a message-less {@code ZipException}.
 */
final class GzipInput implements AutoCloseable {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer in = ByteBuffer.allocateDirect(1 << 18).order(ByteOrder.LITTLE_ENDIAN);
    /** File offset of {@code in}'s byte 0. */
    private long inBase;
    private boolean fileEnded;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private long memberStart;
    private long memberBytes;
    /** Decompressed bytes handed out so far. */
    private long produced;
    private boolean inMember;
    private int members;
    private boolean done;

    GzipInput(Path path, FileChannel channel) throws IOException {
        this.path = path;
        this.channel = channel;
        in.limit(0);
        if (!startMember()) {
            throw error(0, "expected a gzip header, found an empty file");
        }
    }

    /**
     * The length the last member's trailer records (ISIZE, the length modulo 2^32), or -1 for a file
     * too short to have one. For the usual one-member file under 4 GiB this is the decompressed size.
     */
    static long trailerSize(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 18) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b, size - 4 + b.position()) < 0) {
                return -1;
            }
        }
        return b.getInt(0) & 0xffffffffL;
    }

    /** @return decompressed bytes read into {@code dst[off, off+len)}, or -1 at the end of the last member */
    int read(byte[] dst, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!done) {
            if (!inMember) {
                if (!startMember()) {
                    done = true;
                    break;
                }
                continue;
            }
            int n;
            try {
                n = inflater.inflate(dst, off, len);
            } catch (DataFormatException e) {
                throw error(compressedOffset(), "invalid deflate data in the gzip member that starts at byte "
                        + memberStart + ", after " + produced + " decompressed bytes ("
                        + (e.getMessage() != null ? e.getMessage() : "zlib gives no reason") + ")");
            }
            if (n > 0) {
                crc.update(dst, off, n);
                memberBytes += n;
                produced += n;
                return n;
            }
            if (inflater.finished()) {
                endMember();
            } else if (inflater.needsInput()) {
                if (!fill()) {
                    throw error(compressedOffset(), "truncated gzip file: the compressed data of the member that starts "
                            + "at byte " + memberStart + " ends after " + produced
                            + " decompressed bytes, before the end of its last deflate block");
                }
                inflater.setInput(in);
            } else {
                throw error(compressedOffset(), "invalid deflate data in the gzip member that starts at byte "
                        + memberStart + (inflater.needsDictionary() ? ": it asks for a preset dictionary, which gzip "
                                + "does not have" : ": zlib made no progress"));
            }
        }
        return -1;
    }

    /** @return the decompressed bytes read so far */
    long produced() {
        return produced;
    }

    private long compressedOffset() {
        return inBase + in.position();
    }

    /**
     * Skips zero padding and reads a member header.
     *
     * @return false at the end of the file
     */
    private boolean startMember() throws IOException {
        int b;
        boolean first = members == 0;
        do {
            b = next();
        } while (b == 0 && !first);
        if (b < 0) {
            return false;
        }
        long at = compressedOffset() - 1;
        int b1 = next();
        if (b != 0x1f || b1 != 0x8b) {
            throw error(at, first ? "expected the gzip magic number 1f 8b, found " + hex(b) + " " + hex(b1)
                    : "expected another gzip member (1f 8b), zero padding or the end of the file after the member that "
                            + "ends at byte " + at + ", found " + hex(b) + (b1 >= 0 ? " " + hex(b1) : ""));
        }
        memberStart = at;
        members++;
        CRC32 header = new CRC32();
        header.update(0x1f);
        header.update(0x8b);
        int[] fixed = new int[8];
        for (int i = 0; i < 8; i++) {
            fixed[i] = required("the 10-byte gzip header");
            header.update(fixed[i]);
        }
        if (fixed[0] != 8) {
            throw error(at + 2, "expected compression method 8 (deflate) in the gzip header, found " + fixed[0]);
        }
        int flags = fixed[1];
        if ((flags & 0xe0) != 0) {
            throw error(at + 3, "expected the reserved gzip header flags to be zero, found 0x" + hex(flags));
        }
        if ((flags & FEXTRA) != 0) {
            int lo = required("the length of the gzip extra field");
            int hi = required("the length of the gzip extra field");
            header.update(lo);
            header.update(hi);
            for (int i = 0, n = lo | (hi << 8); i < n; i++) {
                header.update(required("the gzip extra field"));
            }
        }
        for (int flag : new int[] {FNAME, FCOMMENT}) {
            if ((flags & flag) != 0) {
                int c;
                do {
                    c = required(flag == FNAME ? "the zero-terminated file name in the gzip header"
                            : "the zero-terminated comment in the gzip header");
                    header.update(c);
                } while (c != 0);
            }
        }
        if ((flags & FHCRC) != 0) {
            long crcAt = compressedOffset();
            int lo = required("the gzip header's CRC-16");
            int hi = required("the gzip header's CRC-16");
            if ((lo | (hi << 8)) != (int) (header.getValue() & 0xffff)) {
                throw error(crcAt, "the gzip header's CRC-16 does not match the header: a corrupt file");
            }
        }
        inflater.reset();
        inflater.setInput(in);
        crc.reset();
        memberBytes = 0;
        inMember = true;
        return true;
    }

    private void endMember() throws IOException {
        long at = compressedOffset();
        long storedCrc = 0;
        long storedSize = 0;
        for (int i = 0; i < 8; i++) {
            int b = next();
            if (b < 0) {
                throw error(at, "truncated gzip file: expected the 8-byte trailer (CRC-32 and length) of the member "
                        + "that starts at byte " + memberStart + ", found " + i + " bytes and the end of the file");
            }
            if (i < 4) {
                storedCrc |= (long) b << (8 * i);
            } else {
                storedSize |= (long) b << (8 * (i - 4));
            }
        }
        if (storedCrc != crc.getValue()) {
            throw error(at, "the CRC-32 in the gzip trailer (" + String.format("%08x", storedCrc)
                    + ") does not match the " + memberBytes + " decompressed bytes of the member that starts at byte "
                    + memberStart + " (" + String.format("%08x", crc.getValue()) + "): a corrupt file");
        }
        if (storedSize != (memberBytes & 0xffffffffL)) {
            throw error(at + 4, "the gzip trailer records a length of " + storedSize + " (modulo 2^32), but the member "
                    + "that starts at byte " + memberStart + " holds " + memberBytes + " bytes: a corrupt file");
        }
        inMember = false;
    }

    private int required(String what) throws IOException {
        int b = next();
        if (b < 0) {
            throw error(compressedOffset(), "truncated gzip file: expected " + what + " of the member that starts at byte "
                    + memberStart + ", found the end of the file");
        }
        return b;
    }

    /** @return the next compressed byte, or -1 at the end of the file */
    private int next() throws IOException {
        if (!in.hasRemaining() && !fill()) {
            return -1;
        }
        return in.get() & 0xff;
    }

    /** Reads more of the file into {@code in}, keeping its unread bytes. @return false at the end of the file */
    private boolean fill() throws IOException {
        if (fileEnded) {
            return false;
        }
        inBase += in.position();
        in.compact();
        int n = channel.read(in);
        in.flip();
        if (n < 0) {
            fileEnded = true;
        }
        return in.hasRemaining();
    }

    private static String hex(int b) {
        return b < 0 ? "the end of the file" : String.format("%02x", b);
    }

    private VectorFormatException error(long offset, String problem) {
        return new VectorFormatException(path, -1, offset, false, problem);
    }

    @Override
    public void close() {
        inflater.end();
    }
}
