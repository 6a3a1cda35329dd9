package dev.torch4j.serialization;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.TensorScope;
import dev.torch4j.Torch;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a state dict as {@code torch.save(state_dict, path)} does (PyTorch ≥ 1.6 zip format):
 * uncompressed records {@code archive/data.pkl}, {@code archive/byteorder}, {@code archive/data/<n>}
 * (one per storage, data aligned to 64 bytes like PyTorch's writer) and {@code archive/version}.
 * Entries that are the same {@link Tensor} object share one storage, as tied weights do in PyTorch.
 * Tensors are saved as {@code state_dict()} holds them: detached ({@code requires_grad=False}).
 */
final class TorchArchiveWriter {
    private static final String ARCHIVE = "archive/";
    private static final int ALIGNMENT = 64;
    /** A fixed DOS timestamp (2000-01-01), so that the same tensors give the same bytes. */
    private static final long TIME = 946684800000L;
    private static final int BUFFER = 1 << 20;

    private TorchArchiveWriter() {
    }

    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    static void write(Map<String, Tensor> tensors, Map<String, Map<String, Object>> metadata, Path path)
            throws IOException {
        List<Tensor> storages = new ArrayList<>();
        Map<Tensor, Integer> shared = new IdentityHashMap<>();
        List<Pickler.TensorEntry> entries = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            if (e.getKey() == null || t == null) {
                throw new IllegalArgumentException("state dict entry " + e.getKey() + " -> " + t
                        + ": names and tensors must not be null");
            }
            Integer index = shared.get(t);
            if (index == null) {
                index = storages.size();
                storages.add(t);
                shared.put(t, index);
            }
            long[] shape = t.shape();
            entries.add(new Pickler.TensorEntry(e.getKey(), storageType(t.dtype()), Integer.toString(index),
                    t.numel(), shape, contiguousStrides(shape), false));
        }
        byte[] pkl = Pickler.stateDict(entries, metadata);

        Path dir = path.toAbsolutePath().getParent();
        Path tmp = dir.resolve(path.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            try (Counting counting = new Counting(new BufferedOutputStream(Files.newOutputStream(tmp,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), BUFFER));
                 ZipOutputStream zip = new ZipOutputStream(counting)) {
                writeBytes(zip, counting, "data.pkl", pkl);
                writeBytes(zip, counting, "byteorder", "little".getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[BUFFER];
                for (int i = 0; i < storages.size(); i++) {
                    writeStorage(zip, counting, "data/" + i, storages.get(i), chunk);
                }
                writeBytes(zip, counting, "version", "3\n".getBytes(StandardCharsets.US_ASCII));
            }
            try {
                Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeBytes(ZipOutputStream zip, Counting counting, String name, byte[] data)
            throws IOException {
        CRC32 crc = new CRC32();
        crc.update(data);
        zip.putNextEntry(entry(counting, name, data.length, crc.getValue()));
        zip.write(data);
        zip.closeEntry();
    }

    private static void writeStorage(ZipOutputStream zip, Counting counting, String name, Tensor t, byte[] chunk)
            throws IOException {
        try (TensorScope s = Torch.scope()) {
            Tensor c = t.detach().to(Device.cpu()).contiguous();
            NativeBytes mem = new NativeBytes(c);
            CRC32 crc = new CRC32();
            for (ByteBuffer b : mem.chunks()) {
                crc.update(b.duplicate());
            }
            zip.putNextEntry(entry(counting, name, mem.size(), crc.getValue()));
            for (ByteBuffer b : mem.chunks()) {
                ByteBuffer d = b.duplicate();
                while (d.hasRemaining()) {
                    int n = Math.min(chunk.length, d.remaining());
                    d.get(chunk, 0, n);
                    zip.write(chunk, 0, n);
                }
            }
            zip.closeEntry();
        }
    }

    /** A stored entry whose data starts on a multiple of 64 bytes, padded with an "FB" extra field like PyTorch's. */
    private static ZipEntry entry(Counting counting, String name, long size, long crc) {
        String full = ARCHIVE + name;
        ZipEntry e = new ZipEntry(full);
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc);
        e.setTime(TIME);
        long header = 30 + full.getBytes(StandardCharsets.UTF_8).length + 4 + (size >= 0xFFFFFFFFL ? 20 : 0);
        int pad = (int) ((ALIGNMENT - (counting.count + header) % ALIGNMENT) % ALIGNMENT);
        byte[] extra = new byte[4 + pad];
        extra[0] = 'F';
        extra[1] = 'B';
        extra[2] = (byte) pad;
        extra[3] = (byte) (pad >>> 8);
        java.util.Arrays.fill(extra, 4, extra.length, (byte) 'Z');
        e.setExtra(extra);
        return e;
    }

    private static long[] contiguousStrides(long[] shape) {
        long[] stride = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            stride[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return stride;
    }

    static String storageType(DType d) {
        return switch (d) {
            case FLOAT32 -> "FloatStorage";
            case FLOAT64 -> "DoubleStorage";
            case FLOAT16 -> "HalfStorage";
            case BFLOAT16 -> "BFloat16Storage";
            case INT64 -> "LongStorage";
            case INT32 -> "IntStorage";
            case INT16 -> "ShortStorage";
            case INT8 -> "CharStorage";
            case UINT8 -> "ByteStorage";
            case BOOL -> "BoolStorage";
            case COMPLEX64 -> "ComplexFloatStorage";
            case COMPLEX128 -> "ComplexDoubleStorage";
            default -> throw new IllegalArgumentException("torch.save archives have no storage type for " + d);
        };
    }
}
