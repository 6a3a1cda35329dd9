package dev.torch4j.serialization;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import dev.torch4j.TorchException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the zip archive that {@code torch.save} writes since PyTorch 1.6: {@code <name>/data.pkl} (the
 * pickled object), one {@code <name>/data/<key>} record of raw bytes per storage, {@code version} and,
 * in newer versions, {@code byteorder}.
 *
 * <p>Like {@code torch.load}, each storage becomes one native buffer and each tensor a view of it with
 * the file's offset, sizes and strides ({@code set_}), so views stay views and tensors that shared a
 * storage in Python share it again: a stride-0 view of 6 floats with 2^31 rows takes 24 bytes. Nothing
 * is allocated from a size the file claims before the claim is checked against the file: a record
 * must be able to hold its bytes (a stored record is no larger than the file, a deflated one expands
 * at most 1032-fold), the pickle is read incrementally within {@link Limits#pickleMemory()}, and every
 * tensor's geometry is checked against its storage (with libtorch's own overflow rules) before any
 * storage is read. Every record's CRC-32 is checked; storage bytes go straight into native memory.
 */
final class TorchArchiveReader implements AutoCloseable {
    /** The highest archive format version PyTorch writes or reads (caffe2 serialize kMaxSupportedFileFormatVersion). */
    private static final long MAX_VERSION = 10;
    private static final int BUFFER = 1 << 20;
    /** The most a deflate stream can expand: 258 bytes from 2 bits, about 1032 to 1, plus slack for headers. */
    private static final long DEFLATE_RATIO = 1032;
    private static final long DEFLATE_SLACK = 1024;

    private final Path file;
    private final ZipFile zip;
    private final long fileSize;
    private final byte[] buffer = new byte[BUFFER];
    private String prefix;
    private boolean bigEndian;

    private TorchArchiveReader(Path file, ZipFile zip, long fileSize) {
        this.file = file;
        this.zip = zip;
        this.fileSize = fileSize;
    }

    private static TorchArchiveReader open(Path file) throws IOException {
        long size = Files.size(file);
        try {
            return new TorchArchiveReader(file, new ZipFile(file.toFile()), size);
        } catch (IOException | RuntimeException e) {
            // the file exists and has a size: what java.util.zip refuses here (ZipException, or a bare
            // EOFException for a zip64 directory pointing past the end) is the archive's structure
            throw new StateDictFormatException(file, null, size, "not a complete zip archive (" + (e.getMessage() != null
                    ? e.getMessage() : e.getClass().getSimpleName() + " reading the zip directory") + "): expected the "
                    + "zip directory at the end of the file (" + size + " bytes), as torch.save writes it since "
                    + "PyTorch 1.6; is the file truncated?", e);
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /** Reads a whole {@code torch.save} archive as a checkpoint tree ({@link Checkpoint#load}). */
    static Object readTree(Path file) throws IOException {
        try (TorchArchiveReader r = open(file)) {
            Unpickled p = r.unpickle();
            List<Unpickler.TensorRef> refs = Trees.analyse(p.root, file, p.record);
            Map<Unpickler.TensorRef, Tensor> tensors = r.materialize(refs, p.record);
            try {
                return Trees.build(p.root, tensors);
            } catch (RuntimeException e) {
                tensors.values().forEach(Tensor::close);
                throw e;
            }
        }
    }

    /** Reads a {@code torch.save} archive of a flat state dict into {@code out}; on failure nothing is left open. */
    static void readStateDict(Path file, StateDict out) throws IOException {
        try (TorchArchiveReader r = open(file)) {
            Unpickled p = r.unpickle();
            if (!(p.root instanceof Unpickler.Dict dict)) {
                throw new StateDictFormatException(file, p.record, -1, "the pickle holds "
                        + Unpickler.describe(p.root) + ", expected a dict of tensors such as model.state_dict() "
                        + "(Torch.load reads any checkpoint)");
            }
            List<Unpickler.TensorRef> refs = new ArrayList<>();
            for (Map.Entry<Object, Object> e : dict.items.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new StateDictFormatException(file, p.record, -1, "key " + Unpickler.describe(e.getKey())
                            + " is not a string; a state dict maps names to tensors");
                }
                if (!(e.getValue() instanceof Unpickler.TensorRef ref)) {
                    String hint = e.getValue() instanceof Unpickler.Dict
                            ? " (a checkpoint holding a state dict under this key? read it with Torch.load)" : "";
                    throw new StateDictFormatException(file, p.record, -1, "the value of '" + key + "' is "
                            + Unpickler.describe(e.getValue()) + ", expected a tensor; a state dict maps names to "
                            + "tensors" + hint);
                }
                refs.add(ref);
            }
            Map<Unpickler.TensorRef, Tensor> tensors = r.materialize(refs, p.record);
            for (Map.Entry<Object, Object> e : dict.items.entrySet()) {
                out.put((String) e.getKey(), tensors.get((Unpickler.TensorRef) e.getValue()));
            }
            if (dict.attributes.get("_metadata") instanceof Unpickler.Dict meta) {
                out.metadata().putAll(Trees.metadata(meta));
            }
        }
    }

    private record Unpickled(Object root, String record) {
    }

    private Unpickled unpickle() throws IOException {
        findPrefix();
        checkVersion();
        checkByteOrder();
        ZipEntry pkl = entry("data.pkl");
        long budget = Limits.pickleMemory();
        byte[][] holder = new byte[1][];
        int n = readBounded(pkl, budget, holder, "the pickle is larger than the " + budget + "-byte heap budget for "
                + "one pickle (raise -D" + Limits.PICKLE_MEMORY + " to load it anyway)");
        return new Unpickled(Unpickler.load(holder[0], n, file, pkl.getName()), pkl.getName());
    }

    // ------------------------------------------------------------------ records

    private void findPrefix() throws IOException {
        try {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                int slash = name.indexOf('/');
                if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) {
                    prefix = name.substring(0, slash + 1);
                    return;
                }
            }
        } catch (RuntimeException e) {
            throw zipError(null, e);
        }
        throw new StateDictFormatException(file, null, -1, "zip archive without a '<name>/data.pkl' record: not "
                + "written by torch.save (a TorchScript archive from torch.jit.save has 'code/' and 'constants.pkl')");
    }

    private StateDictFormatException zipError(String record, Exception e) {
        return new StateDictFormatException(file, record, -1, "corrupt zip archive: " + e.getMessage(), e);
    }

    private ZipEntry find(String name) throws StateDictFormatException {
        try {
            return zip.getEntry(name);
        } catch (RuntimeException e) {
            throw zipError(name, e);
        }
    }

    private ZipEntry entry(String name) throws StateDictFormatException {
        ZipEntry e = find(prefix + name);
        if (e == null) {
            throw new StateDictFormatException(file, prefix + name, -1, "record is missing from the archive");
        }
        return e;
    }

    private InputStream stream(ZipEntry e) throws IOException {
        try {
            return zip.getInputStream(e);
        } catch (ZipException | RuntimeException ex) {
            throw zipError(e.getName(), ex);
        }
    }

    private String smallRecord(String name) throws IOException {
        ZipEntry e = find(prefix + name);
        if (e == null) {
            return null;
        }
        byte[][] holder = new byte[1][];
        int n = readBounded(e, 64, holder, "record of more than 64 bytes, expected a few ASCII characters");
        return new String(holder[0], 0, n, StandardCharsets.US_ASCII).trim();
    }

    private void checkVersion() throws IOException {
        String v = smallRecord("version");
        if (v == null) {
            v = smallRecord(".data/version");
        }
        if (v == null) {
            return;
        }
        long version;
        try {
            version = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new StateDictFormatException(file, prefix + "version", 0, "'" + v + "' is not a version number");
        }
        if (version < 1 || version > MAX_VERSION) {
            throw new StateDictFormatException(file, prefix + "version", 0, "archive format version " + version
                    + ", expected 1 to " + MAX_VERSION);
        }
    }

    private void checkByteOrder() throws IOException {
        String order = smallRecord("byteorder");
        if (order == null || order.equals("little")) {
            bigEndian = false;
        } else if (order.equals("big")) {
            bigEndian = true;
        } else {
            throw new StateDictFormatException(file, prefix + "byteorder", 0, "'" + order
                    + "', expected 'little' or 'big'");
        }
    }

    /**
     * Reads a whole record of unknown trustworthiness into a growing array (never sized from the zip
     * directory's claim), refusing it past {@code max} bytes; checks its CRC-32.
     *
     * @return the number of bytes read, the array in {@code holder[0]}
     */
    private int readBounded(ZipEntry e, long max, byte[][] holder, String tooLarge) throws IOException {
        long limit = Math.min(max, Integer.MAX_VALUE - 16);
        if (e.getSize() > limit) {
            throw new StateDictFormatException(file, e.getName(), 0, "the zip directory says " + e.getSize()
                    + " bytes: " + tooLarge);
        }
        byte[] out = new byte[(int) Math.min(limit + 1, e.getSize() >= 0 && e.getSize() < BUFFER ? e.getSize() + 1
                : BUFFER)];
        int n = 0;
        CRC32 crc = new CRC32();
        try (InputStream in = stream(e)) {
            while (true) {
                if (n == out.length) {
                    if (n > limit) {
                        throw new StateDictFormatException(file, e.getName(), n, tooLarge);
                    }
                    out = Arrays.copyOf(out, (int) Math.min(limit + 1, 2L * n));
                }
                int r = in.read(out, n, out.length - n);
                if (r < 0) {
                    break;
                }
                crc.update(out, n, r);
                n += r;
            }
        } catch (ZipException | EOFException ex) {
            throw new StateDictFormatException(file, e.getName(), n, "corrupt zip record: " + ex.getMessage(), ex);
        } catch (RuntimeException ex) {
            throw zipError(e.getName(), ex);
        }
        if (n > limit) {
            throw new StateDictFormatException(file, e.getName(), n, tooLarge);
        }
        if (e.getSize() >= 0 && n != e.getSize()) {
            throw new StateDictFormatException(file, e.getName(), n, "record has " + n + " bytes, but the zip "
                    + "directory says " + e.getSize() + " (truncated or corrupt archive)");
        }
        checkCrc(e, crc, n);
        holder[0] = out;
        return n;
    }

    private void checkCrc(ZipEntry e, CRC32 crc, long n) throws StateDictFormatException {
        if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
            throw new StateDictFormatException(file, e.getName(), 0, String.format("CRC-32 of the record's %d bytes "
                    + "is %08x, but the zip directory says %08x: the file is corrupt", n, crc.getValue(),
                    e.getCrc()));
        }
    }

    /** Reads a whole record into {@code targets} (whose remaining bytes sum to its size) and checks its CRC-32. */
    private void readRecord(ZipEntry e, ByteBuffer[] targets) throws IOException {
        CRC32 crc = new CRC32();
        long done = 0;
        try (InputStream in = stream(e)) {
            for (ByteBuffer target : targets) {
                while (target.hasRemaining()) {
                    int n = in.read(buffer, 0, Math.min(buffer.length, target.remaining()));
                    if (n < 0) {
                        throw new StateDictFormatException(file, e.getName(), done, "record ends after " + done
                                + " bytes, expected " + e.getSize() + " (truncated archive)");
                    }
                    target.put(buffer, 0, n);
                    crc.update(buffer, 0, n);
                    done += n;
                }
            }
            if (in.read() >= 0) {
                throw new StateDictFormatException(file, e.getName(), done, "record is longer than the "
                        + done + " bytes expected");
            }
        } catch (ZipException ex) {
            throw new StateDictFormatException(file, e.getName(), done, "corrupt zip record: " + ex.getMessage(), ex);
        } catch (EOFException ex) {
            throw new StateDictFormatException(file, e.getName(), done, "record ends after " + done
                    + " bytes, expected " + e.getSize() + " (truncated archive)", ex);
        } catch (RuntimeException ex) {
            throw zipError(e.getName(), ex);
        }
        checkCrc(e, crc, done);
    }

    // ------------------------------------------------------------------ tensors

    /** One storage to read: its record and the tensors that view it. */
    private record Storage(Unpickler.StorageRef ref, ZipEntry entry, List<Unpickler.TensorRef> views) {
    }

    /**
     * Reads every storage the tensors view and makes each tensor a view of its storage. Everything is
     * checked before the first allocation; on failure every tensor made so far is closed.
     *
     * @return the tensor for each ref, by identity
     */
    private Map<Unpickler.TensorRef, Tensor> materialize(List<Unpickler.TensorRef> refs, String pkl)
            throws IOException {
        Map<String, Storage> storages = new LinkedHashMap<>();
        for (Unpickler.TensorRef ref : refs) {
            Unpickler.StorageRef s = ref.storage();
            Storage known = storages.get(s.key());
            if (known == null) {
                known = new Storage(s, storageEntry(s, pkl), new ArrayList<>());
                storages.put(s.key(), known);
            } else if (known.ref.dtype() != s.dtype() || known.ref.numel() != s.numel()) {
                throw new StateDictFormatException(file, pkl, s.pickleOffset(), "storage '" + s.key()
                        + "' is named as " + s.typeName() + " of " + s.numel() + " elements here but as "
                        + known.ref.typeName() + " of " + known.ref.numel() + " at byte " + known.ref.pickleOffset());
            }
            checkGeometry(ref, pkl);
            known.views.add(ref);
        }
        Map<Unpickler.TensorRef, Tensor> made = new IdentityHashMap<>();
        try {
            for (Storage s : storages.values()) {
                read(s, made, pkl);
            }
        } catch (IOException | RuntimeException e) {
            made.values().forEach(Tensor::close);
            throw e;
        }
        return made;
    }

    /** The record of a storage, checked to be able to hold the storage's bytes before anything is allocated. */
    private ZipEntry storageEntry(Unpickler.StorageRef s, String pkl) throws StateDictFormatException {
        String name = prefix + "data/" + s.key();
        ZipEntry e = find(name);
        if (e == null) {
            throw new StateDictFormatException(file, name, -1, "record is missing, but " + pkl + " (byte "
                    + s.pickleOffset() + ") refers to storage '" + s.key() + "'");
        }
        long bytes;
        try {
            bytes = Math.multiplyExact(s.numel(), (long) s.dtype().elementSize());
        } catch (ArithmeticException ex) {
            throw new StateDictFormatException(file, pkl, s.pickleOffset(), "storage '" + s.key() + "' of "
                    + s.numel() + " elements of " + s.typeName() + " overflows 64 bits");
        }
        if (e.getSize() != bytes) {
            throw new StateDictFormatException(file, name, 0, "record has " + e.getSize() + " bytes, expected "
                    + bytes + " (" + s.numel() + " elements of " + s.typeName() + ")");
        }
        long stored = e.getCompressedSize();
        boolean possible = e.getMethod() == ZipEntry.DEFLATED
                ? stored >= 0 && stored <= fileSize && bytes <= stored * DEFLATE_RATIO + DEFLATE_SLACK
                : stored == bytes && stored <= fileSize;
        if (!possible) {
            throw new StateDictFormatException(file, name, 0, "record claims " + bytes + " bytes ("
                    + (e.getMethod() == ZipEntry.DEFLATED ? "deflated to " + stored : "stored") + "), more than a file "
                    + "of " + fileSize + " bytes can hold: refused before allocating it (corrupt or hostile archive)");
        }
        return e;
    }

    /**
     * Checks a view against its storage exactly as libtorch's {@code set_} does (c10's unsigned overflow
     * rules), so that it neither fails there nor grows the storage: the element count must fit in 63
     * bits, and unless the view is empty its last element must lie inside the storage.
     */
    private void checkGeometry(Unpickler.TensorRef ref, String pkl) throws StateDictFormatException {
        long[] size = ref.size();
        long[] stride = ref.stride();
        long numel = 1;
        boolean overflow = false;
        for (long s : size) {
            overflow |= mulOverflows(numel, s);
            numel *= s;
        }
        if (overflow || numel < 0) {
            throw new StateDictFormatException(file, pkl, ref.pickleOffset(), "tensor of size "
                    + Tensor.shapeString(size) + " has more elements than 2^63-1 (libtorch: numel: integer "
                    + "multiplication overflow)");
        }
        if (numel == 0) {
            return; // libtorch needs no storage for an empty view, whatever its strides and offset
        }
        long last = ref.storageOffset();
        for (int i = 0; i < size.length; i++) {
            long span = stride[i] * (size[i] - 1);
            overflow |= mulOverflows(stride[i], size[i] - 1) || Long.compareUnsigned(last + span, last) < 0;
            last += span;
        }
        if (overflow || last < 0 || last >= ref.storage().numel()) {
            throw new StateDictFormatException(file, pkl, ref.pickleOffset(), "tensor (offset "
                    + ref.storageOffset() + ", size " + Tensor.shapeString(size) + ", stride "
                    + Tensor.shapeString(stride) + ") reaches " + (overflow || last < 0 ? "past 2^63 elements"
                    : "element " + last) + " of storage '" + ref.storage().key() + "', which holds "
                    + ref.storage().numel());
        }
    }

    /** Whether {@code a * b} overflows 64 unsigned bits. */
    private static boolean mulOverflows(long a, long b) {
        return b != 0 && Long.compareUnsigned(a, Long.divideUnsigned(-1L, b)) > 0;
    }

    private void read(Storage s, Map<Unpickler.TensorRef, Tensor> made, String pkl) throws IOException {
        DType dtype = s.ref.dtype();
        TensorOptions cpu = TensorOptions.defaults().dtype(dtype).device(Device.cpu());
        try (Tensor storage = Torch.empty(new long[] {s.ref.numel()}, cpu)) {
            NativeBytes mem = new NativeBytes(storage);
            readRecord(s.entry, mem.chunks());
            if (bigEndian) {
                mem.swapBytes(dtype.elementSize());
            }
            for (Unpickler.TensorRef ref : s.views) {
                if (made.containsKey(ref)) {
                    continue;
                }
                Tensor t = Torch.empty(new long[] {0}, cpu).unscoped();
                made.put(ref, t);
                try {
                    t.set_(storage, ref.storageOffset(), ref.size(), ref.stride());
                } catch (TorchException e) {
                    throw new StateDictFormatException(file, pkl, ref.pickleOffset(), "tensor of size "
                            + Tensor.shapeString(ref.size()) + " cannot view storage '" + s.ref.key() + "': "
                            + e.getMessage(), e);
                }
                if (ref.requiresGrad() && (dtype.isFloatingPoint() || dtype.isComplex())) {
                    t.requiresGrad_(true);
                }
            }
        }
    }
}
