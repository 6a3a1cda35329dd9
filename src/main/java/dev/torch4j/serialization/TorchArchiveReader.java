package dev.torch4j.serialization;

import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the zip archive that {@code torch.save} writes since PyTorch 1.6: {@code <name>/data.pkl} (the
 * pickled state dict), one {@code <name>/data/<key>} record of raw bytes per storage, {@code version}
 * and, in newer versions, {@code byteorder}. Every record's CRC-32 is checked; storage bytes go
 * straight into native tensor memory.
 */
final class TorchArchiveReader {
    /** The highest archive format version PyTorch writes or reads (caffe2 serialize kMaxSupportedFileFormatVersion). */
    private static final long MAX_VERSION = 10;
    private static final int BUFFER = 1 << 20;

    private final Path file;
    private final ZipFile zip;
    private final byte[] buffer = new byte[BUFFER];
    private String prefix;
    private boolean bigEndian;

    private TorchArchiveReader(Path file, ZipFile zip) {
        this.file = file;
        this.zip = zip;
    }

    /** Reads a {@code torch.save} archive into {@code out}; on failure every tensor made so far is closed. */
    static void read(Path file, StateDict out) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            long size = Files.size(file);
            throw new StateDictFormatException(file, null, size, "not a complete zip archive (" + e.getMessage()
                    + "): expected the zip directory at the end of the file (" + size + " bytes), as torch.save "
                    + "writes it since PyTorch 1.6; is the file truncated?", e);
        }
        try (zip) {
            new TorchArchiveReader(file, zip).read(out);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private void read(StateDict out) throws IOException {
        findPrefix();
        checkVersion();
        checkByteOrder();
        ZipEntry pklEntry = entry("data.pkl");
        if (pklEntry.getSize() > Integer.MAX_VALUE - 16) {
            throw new StateDictFormatException(file, pklEntry.getName(), 0, "pickle of " + pklEntry.getSize()
                    + " bytes is larger than any state dict's");
        }
        byte[] pkl = new byte[(int) pklEntry.getSize()];
        readRecord(pklEntry, new ByteBuffer[] {ByteBuffer.wrap(pkl)});
        Object root = Unpickler.load(pkl, file, pklEntry.getName());
        if (!(root instanceof Unpickler.Dict dict)) {
            throw new StateDictFormatException(file, pklEntry.getName(), -1, "the pickle holds "
                    + Unpickler.describe(root) + ", expected a dict of tensors such as model.state_dict()");
        }
        Map<String, Unpickler.TensorRef> refs = new LinkedHashMap<>();
        Map<String, List<String>> byStorage = new LinkedHashMap<>();
        Map<String, Unpickler.StorageRef> storages = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> e : dict.items.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new StateDictFormatException(file, pklEntry.getName(), -1, "key " + Unpickler.describe(e.getKey())
                        + " is not a string; a state dict maps names to tensors");
            }
            if (!(e.getValue() instanceof Unpickler.TensorRef ref)) {
                String hint = e.getValue() instanceof Unpickler.Dict
                        ? " (a checkpoint holding a state dict under this key? save model.state_dict() itself)" : "";
                throw new StateDictFormatException(file, pklEntry.getName(), -1, "the value of '" + key + "' is "
                        + Unpickler.describe(e.getValue()) + ", expected a tensor; a state dict maps names to tensors"
                        + hint);
            }
            Unpickler.StorageRef s = ref.storage();
            Unpickler.StorageRef seen = storages.putIfAbsent(s.key(), s);
            if (seen != null && (seen.dtype() != s.dtype() || seen.numel() != s.numel())) {
                throw new StateDictFormatException(file, pklEntry.getName(), s.pickleOffset(), "storage '" + s.key()
                        + "' is named as " + s.typeName() + " of " + s.numel() + " elements here but as "
                        + seen.typeName() + " of " + seen.numel() + " at byte " + seen.pickleOffset());
            }
            checkBounds(key, ref, pklEntry.getName());
            refs.put(key, ref);
            byStorage.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(key);
        }
        if (dict.attributes.get("_metadata") instanceof Unpickler.Dict meta) {
            out.metadata().putAll(metadata(meta));
        }
        Map<String, Tensor> made = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, List<String>> e : byStorage.entrySet()) {
                materialize(storages.get(e.getKey()), e.getValue(), refs, made);
            }
        } catch (IOException | RuntimeException ex) {
            made.values().forEach(Tensor::close);
            throw ex;
        }
        for (String key : refs.keySet()) {
            out.put(key, made.get(key));
        }
    }

    private static Map<String, Map<String, Object>> metadata(Unpickler.Dict meta) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> e : meta.items.entrySet()) {
            if (e.getKey() instanceof String prefix && e.getValue() instanceof Unpickler.Dict d) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (Map.Entry<Object, Object> v : d.items.entrySet()) {
                    Object value = v.getValue();
                    if (v.getKey() instanceof String k && (value == null || value instanceof String
                            || value instanceof Long || value instanceof Boolean)) {
                        values.put(k, value);
                    }
                }
                out.put(prefix, values);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ records

    private void findPrefix() throws IOException {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            int slash = name.indexOf('/');
            if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) {
                prefix = name.substring(0, slash + 1);
                return;
            }
        }
        throw new StateDictFormatException(file, null, -1, "zip archive without a '<name>/data.pkl' record: not "
                + "written by torch.save (a TorchScript archive from torch.jit.save has 'code/' and 'constants.pkl')");
    }

    private ZipEntry entry(String name) throws StateDictFormatException {
        ZipEntry e = zip.getEntry(prefix + name);
        if (e == null) {
            throw new StateDictFormatException(file, prefix + name, -1, "record is missing from the archive");
        }
        return e;
    }

    private String smallRecord(String name) throws IOException {
        ZipEntry e = zip.getEntry(prefix + name);
        if (e == null) {
            return null;
        }
        if (e.getSize() > 64) {
            throw new StateDictFormatException(file, e.getName(), 0, "record of " + e.getSize()
                    + " bytes, expected a few ASCII characters");
        }
        byte[] b = new byte[(int) e.getSize()];
        readRecord(e, new ByteBuffer[] {ByteBuffer.wrap(b)});
        return new String(b, StandardCharsets.US_ASCII).trim();
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

    /** Reads a whole record into {@code targets} (whose remaining bytes sum to its size) and checks its CRC-32. */
    private void readRecord(ZipEntry e, ByteBuffer[] targets) throws IOException {
        CRC32 crc = new CRC32();
        long done = 0;
        try (InputStream in = zip.getInputStream(e)) {
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
        } catch (java.io.EOFException ex) {
            throw new StateDictFormatException(file, e.getName(), done, "record ends after " + done
                    + " bytes, expected " + e.getSize() + " (truncated archive)", ex);
        }
        if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
            throw new StateDictFormatException(file, e.getName(), 0, String.format("CRC-32 of the record's %d bytes "
                    + "is %08x, but the zip directory says %08x: the file is corrupt", done, crc.getValue(),
                    e.getCrc()));
        }
    }

    // ------------------------------------------------------------------ tensors

    private void checkBounds(String key, Unpickler.TensorRef ref, String pkl) throws StateDictFormatException {
        long numel = 1;
        long last = ref.storageOffset();
        try {
            for (int i = 0; i < ref.size().length; i++) {
                numel = Math.multiplyExact(numel, ref.size()[i]);
                if (ref.size()[i] > 0) {
                    last = Math.addExact(last, Math.multiplyExact(ref.size()[i] - 1, ref.stride()[i]));
                }
            }
            Math.multiplyExact(ref.storage().numel(), (long) ref.storage().dtype().elementSize());
        } catch (ArithmeticException e) {
            throw new StateDictFormatException(file, pkl, ref.pickleOffset(), "tensor '" + key
                    + "' has a size or stride that overflows 64 bits");
        }
        if (numel > 0 && last >= ref.storage().numel()) {
            throw new StateDictFormatException(file, pkl, ref.pickleOffset(), "tensor '" + key + "' (offset "
                    + ref.storageOffset() + ", size " + Tensor.shapeString(ref.size()) + ", stride "
                    + Tensor.shapeString(ref.stride()) + ") reaches element " + last + " of storage '"
                    + ref.storage().key() + "', which holds " + ref.storage().numel());
        }
    }

    private static boolean wholeStorage(Unpickler.TensorRef ref) {
        long expected = 1;
        for (int i = ref.size().length - 1; i >= 0; i--) {
            if (ref.size()[i] != 1 && ref.stride()[i] != expected) {
                return false;
            }
            expected *= ref.size()[i];
        }
        return ref.storageOffset() == 0 && expected == ref.storage().numel();
    }

    private void materialize(Unpickler.StorageRef s, List<String> keys, Map<String, Unpickler.TensorRef> refs,
            Map<String, Tensor> made) throws IOException {
        ZipEntry e = zip.getEntry(prefix + "data/" + s.key());
        if (e == null) {
            throw new StateDictFormatException(file, prefix + "data/" + s.key(), -1, "record is missing, but "
                    + prefix + "data.pkl (byte " + s.pickleOffset() + ") refers to storage '" + s.key() + "'");
        }
        DType dtype = s.dtype();
        long bytes = s.numel() * dtype.elementSize();
        if (e.getSize() != bytes) {
            throw new StateDictFormatException(file, e.getName(), 0, "record has " + e.getSize() + " bytes, expected "
                    + bytes + " (" + s.numel() + " elements of " + s.typeName() + ")");
        }
        Unpickler.TensorRef first = refs.get(keys.get(0));
        if (keys.size() == 1 && wholeStorage(first)) {
            Tensor t = Torch.empty(first.size(), TensorOptions.defaults().dtype(dtype).device(Device.cpu())).unscoped();
            made.put(keys.get(0), t);
            NativeBytes mem = new NativeBytes(t);
            readRecord(e, mem.chunks());
            if (bigEndian) {
                mem.swapBytes(dtype.elementSize());
            }
            requiresGrad(t, first);
            return;
        }
        try (Tensor storage = Torch.empty(new long[] {bytes}, TensorOptions.defaults().dtype(DType.UINT8).device(Device.cpu()))) {
            NativeBytes src = new NativeBytes(storage);
            readRecord(e, src.chunks());
            if (bigEndian) {
                src.swapBytes(dtype.elementSize());
            }
            for (String key : keys) {
                Unpickler.TensorRef ref = refs.get(key);
                Tensor t = Torch.empty(ref.size(), TensorOptions.defaults().dtype(dtype).device(Device.cpu())).unscoped();
                made.put(key, t);
                new NativeBytes(t).gather(src, ref.storageOffset(), ref.size(), ref.stride(), dtype.elementSize());
                requiresGrad(t, ref);
            }
        }
    }

    private static void requiresGrad(Tensor t, Unpickler.TensorRef ref) {
        if (ref.requiresGrad() && t.dtype().isFloatingPoint()) {
            t.requiresGrad_(true);
        }
    }
}
