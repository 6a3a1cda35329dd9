package dev.torch4j.serialization;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Hand-made files for tests of hostile and corrupt input: pickles from opcodes, zip archives whose
 * directory may claim sizes other than the data's (zip64 included), and safetensors files. Public so
 * that the long fuzz run under benchmarks/ can use them too.
 */
public final class TestFiles {
    private TestFiles() {
    }

    /** Concatenates ints and chars (one byte each), strings (UTF-8) and byte arrays. */
    public static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof Integer i) {
                out.write(i);
            } else if (p instanceof Character c) {
                out.write(c);
            } else if (p instanceof byte[] b) {
                out.write(b, 0, b.length);
            } else {
                byte[] b = ((String) p).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toByteArray();
    }

    /** One zip entry: the bytes really stored, and what the directory claims about them. */
    public static final class Entry {
        final String name;
        final byte[] data;
        boolean deflate;
        long size = -1;
        long compressedSize = -1;
        long crc = -1;
        boolean zip64;
        /** Bytes to store instead of the data (already deflated), with the data's real size and CRC-32. */
        byte[] stored;

        public Entry(String name, byte[] data) {
            this.name = name;
            this.data = data;
        }

        /**
         * An entry whose data is {@code head}, {@code count} copies of {@code fill}, then {@code tail}, stored
         * deflated without ever holding the whole data in memory.
         */
        public static Entry deflatedRun(String name, byte[] head, byte fill, long count, byte[] tail) {
            Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
            CRC32 crc = new CRC32();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            byte[] run = new byte[1 << 20];
            java.util.Arrays.fill(run, fill);
            java.util.function.Consumer<byte[]> feed = chunk -> {
                crc.update(chunk);
                d.setInput(chunk);
                while (!d.needsInput()) {
                    out.write(buf, 0, d.deflate(buf));
                }
            };
            feed.accept(head);
            for (long left = count; left > 0; left -= run.length) {
                feed.accept(left >= run.length ? run : java.util.Arrays.copyOf(run, (int) left));
            }
            feed.accept(tail);
            d.finish();
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            d.end();
            Entry e = new Entry(name, new byte[0]);
            e.stored = out.toByteArray();
            e.deflate = true;
            e.size = head.length + count + tail.length;
            e.crc = crc.getValue();
            return e;
        }

        /** Stores the data deflated. */
        public Entry deflate() {
            deflate = true;
            return this;
        }

        /** Claims this uncompressed size instead of the data's. */
        public Entry size(long claimed) {
            size = claimed;
            return this;
        }

        /** Claims this compressed size instead of the stored bytes'. */
        public Entry compressedSize(long claimed) {
            compressedSize = claimed;
            return this;
        }

        /** Writes the sizes in a zip64 extra field (the 32-bit fields say 0xFFFFFFFF). */
        public Entry zip64() {
            zip64 = true;
            return this;
        }
    }

    /** A zip archive of {@code entries}, written with the sizes and CRCs they claim. */
    public static byte[] zip(Entry... entries) {
        ByteBuffer out = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> central = new ArrayList<>();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (Entry e : entries) {
            byte[] stored = e.stored != null ? e.stored : e.deflate ? deflate(e.data) : e.data;
            CRC32 crc = new CRC32();
            crc.update(e.data);
            long crcValue = e.crc >= 0 ? e.crc : crc.getValue();
            long size = e.size >= 0 ? e.size : e.data.length;
            long csize = e.compressedSize >= 0 ? e.compressedSize : stored.length;
            byte[] name = e.name.getBytes(StandardCharsets.UTF_8);
            byte[] extra = new byte[0];
            if (e.zip64) {
                extra = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 1).putShort((short) 16)
                        .putLong(size).putLong(csize).array();
            }
            int offset = file.size();
            out.clear();
            out.putInt(0x04034b50).putShort((short) (e.zip64 ? 45 : 20)).putShort((short) 0x0800)
                    .putShort((short) (e.deflate ? 8 : 0)).putShort((short) 0).putShort((short) 0x21)
                    .putInt((int) crcValue).putInt(e.zip64 ? -1 : (int) csize).putInt(e.zip64 ? -1 : (int) size)
                    .putShort((short) name.length).putShort((short) extra.length).put(name).put(extra);
            file.write(out.array(), 0, out.position());
            file.write(stored, 0, stored.length);
            out.clear();
            out.putInt(0x02014b50).putShort((short) 45).putShort((short) (e.zip64 ? 45 : 20)).putShort((short) 0x0800)
                    .putShort((short) (e.deflate ? 8 : 0)).putShort((short) 0).putShort((short) 0x21)
                    .putInt((int) crcValue).putInt(e.zip64 ? -1 : (int) csize).putInt(e.zip64 ? -1 : (int) size)
                    .putShort((short) name.length).putShort((short) extra.length).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt(offset).put(name).put(extra);
            byte[] c = new byte[out.position()];
            System.arraycopy(out.array(), 0, c, 0, c.length);
            central.add(c);
        }
        int cdStart = file.size();
        for (byte[] c : central) {
            file.write(c, 0, c.length);
        }
        out.clear();
        out.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.length)
                .putShort((short) entries.length).putInt(file.size() - cdStart).putInt(cdStart).putShort((short) 0);
        file.write(out.array(), 0, out.position());
        return file.toByteArray();
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!d.finished()) {
            int n = d.deflate(buf);
            out.write(buf, 0, n);
        }
        d.end();
        return out.toByteArray();
    }

    /** A {@code torch.save}-shaped archive {@code <stem>/data.pkl}, {@code <stem>/version} and the given storages. */
    public static Path torchArchive(Path path, byte[] pickle, Entry... storages) throws IOException {
        return torchArchive(path, new Entry("data.pkl", pickle), storages);
    }

    /**
     * Like {@link #torchArchive(Path, byte[], Entry...)} with the pickle record given as an entry (its name
     * relative to the archive's folder), so that it may lie about its size or be deflated.
     */
    public static Path torchArchive(Path path, Entry pickle, Entry... storages) throws IOException {
        String stem = path.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Entry[] all = new Entry[storages.length + 2];
        all[0] = new Entry(stem + "/" + pickle.name, pickle.data);
        all[0].deflate = pickle.deflate;
        all[0].size = pickle.size;
        all[0].compressedSize = pickle.compressedSize;
        all[0].zip64 = pickle.zip64;
        all[0].stored = pickle.stored;
        all[0].crc = pickle.crc;
        all[1] = new Entry(stem + "/version", bytes("3\n"));
        for (int i = 0; i < storages.length; i++) {
            all[i + 2] = new Entry(stem + "/" + storages[i].name, storages[i].data);
            all[i + 2].deflate = storages[i].deflate;
            all[i + 2].size = storages[i].size;
            all[i + 2].compressedSize = storages[i].compressedSize;
            all[i + 2].zip64 = storages[i].zip64;
            all[i + 2].stored = storages[i].stored;
            all[i + 2].crc = storages[i].crc;
        }
        Files.write(path, zip(all));
        return path;
    }

    /** A little-endian LONG1 opcode of 8 bytes: any 64-bit int. */
    public static byte[] long1(long v) {
        return ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0x8a).put((byte) 8).putLong(v).array();
    }

    /** A tuple of 64-bit ints, as MARK ... TUPLE. */
    public static byte[] intTuple(long... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('(');
        for (long v : values) {
            out.writeBytes(long1(v));
        }
        out.write('t');
        return out.toByteArray();
    }

    /**
     * The pickle of {@code {name: tensor}} where the tensor is {@code _rebuild_tensor_v2} of a
     * {@code torch.FloatStorage} under key {@code "0"} with {@code numel} elements, viewed at offset 0
     * with the given size and stride, as torch.save writes it.
     */
    public static byte[] tensorPickle(String name, long numel, long[] size, long[] stride) {
        return bytes(0x80, 2, '}', 'X', le4(name.getBytes(StandardCharsets.UTF_8).length), name,
                'c', "torch._utils\n_rebuild_tensor_v2\n", '(', '(', 'X', le4(7), "storage",
                'c', "torch\nFloatStorage\n", 'X', le4(1), "0", 'X', le4(3), "cpu", long1(numel), 't', 'Q',
                long1(0), intTuple(size), intTuple(stride), 0x89, 'c', "collections\nOrderedDict\n", ')', 'R', 't',
                'R', 's', '.');
    }

    /** 4 bytes little-endian. */
    public static byte[] le4(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    /** A safetensors file: the header (padded with spaces to 8 bytes), then {@code data}. */
    public static Path safetensors(Path path, byte[] header, byte[] data) throws IOException {
        int padded = (header.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(header);
        for (int i = header.length; i < padded; i++) {
            b.put((byte) ' ');
        }
        b.put(data);
        Files.write(path, b.array());
        return path;
    }

    /** {@link #safetensors(Path, byte[], byte[])} with a header given as text. */
    public static Path safetensors(Path path, String header, byte[] data) throws IOException {
        return safetensors(path, header.getBytes(StandardCharsets.UTF_8), data);
    }
}
