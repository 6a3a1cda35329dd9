package dev.torch4j.serialization;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.TensorScope;
import dev.torch4j.Torch;
import dev.torch4j.internal.TensorStorage;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a checkpoint tree or a state dict as {@code torch.save(obj, path)} does (PyTorch ≥ 1.6 zip
 * format): uncompressed records {@code archive/data.pkl}, {@code archive/byteorder},
 * {@code archive/data/<n>} (one per storage, data aligned to 64 bytes like PyTorch's writer) and
 * {@code archive/version}. Tensors that share a storage (views, tied weights) share one record, which
 * holds the whole storage; each tensor keeps its offset and strides, so a view is saved as a view. The
 * file is written to a temporary name and moved into place, so a failed save leaves no partial file.
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

    /** One storage to write: the first tensor met that views it, its dtype and size. */
    private record StorageRecord(String key, Tensor tensor, DType dtype, long numel) {
    }

    /**
     * Writes {@code root} as {@code torch.save(root, path)} does.
     *
     * @param stateDict whether {@code root} is a flat state dict (an {@code OrderedDict} of detached tensors)
     * @throws IllegalArgumentException for a value that cannot be saved (naming where it is in the tree)
     */
    static void write(Object root, boolean stateDict, Path path) throws IOException {
        Map<Long, StorageRecord> storages = new LinkedHashMap<>();
        byte[] pkl = Pickler.pickle(root, t -> register(t, storages), stateDict);

        Path dir = path.toAbsolutePath().getParent();
        Path tmp = dir.resolve(path.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            try (Counting counting = new Counting(new BufferedOutputStream(Files.newOutputStream(tmp,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), BUFFER));
                 ZipOutputStream zip = new ZipOutputStream(counting)) {
                writeBytes(zip, counting, "data.pkl", pkl);
                writeBytes(zip, counting, "byteorder", "little".getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[BUFFER];
                for (StorageRecord s : storages.values()) {
                    writeStorage(zip, counting, "data/" + s.key(), s, chunk);
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

    /**
     * The persistent id of a tensor's storage: tensors that share a storage (views, tied weights) name
     * one record, holding the whole storage, as PyTorch writes them.
     */
    private static Pickler.TensorEntry register(Tensor t, Map<Long, StorageRecord> storages) {
        TensorStorage.Info info = TensorStorage.of(t);
        DType dtype = t.dtype();
        String type = storageType(dtype);
        StorageRecord s = storages.get(info.identity());
        if (s == null) {
            if (info.nbytes() % dtype.elementSize() != 0) {
                throw new IllegalArgumentException("a " + dtype.pythonName() + " tensor views a storage of "
                        + info.nbytes() + " bytes, not a whole number of elements");
            }
            s = new StorageRecord(Integer.toString(storages.size()), t, dtype, info.nbytes() / dtype.elementSize());
            storages.put(info.identity(), s);
        } else if (s.dtype() != dtype) {
            throw new IllegalArgumentException("Cannot save multiple tensors or storages that view the same data as "
                    + "different types (" + s.dtype().pythonName() + " and " + dtype.pythonName() + ")");
        }
        Device d = t.device();
        String location = d.isCuda() ? "cuda:" + d.index() : "cpu";
        return new Pickler.TensorEntry(type, s.key(), location, s.numel(), info.offset(), t.shape(), info.stride(),
                t.requiresGrad());
    }

    private static void writeBytes(ZipOutputStream zip, Counting counting, String name, byte[] data)
            throws IOException {
        CRC32 crc = new CRC32();
        crc.update(data);
        zip.putNextEntry(entry(counting, name, data.length, crc.getValue()));
        zip.write(data);
        zip.closeEntry();
    }

    private static void writeStorage(ZipOutputStream zip, Counting counting, String name, StorageRecord s,
            byte[] chunk) throws IOException {
        try (TensorScope scope = Torch.scope()) {
            Tensor whole = s.tensor().detach().asStrided(new long[] {s.numel()}, new long[] {1}, 0);
            Tensor c = whole.to(Device.cpu()).contiguous();
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
            default -> throw new IllegalArgumentException("torch.save archives (as torch4j writes them) have no "
                    + "storage type for " + d.pythonName());
        };
    }
}
