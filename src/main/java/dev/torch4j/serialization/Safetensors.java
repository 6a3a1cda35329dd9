package dev.torch4j.serialization;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.TensorOptions;
import dev.torch4j.TensorScope;
import dev.torch4j.Torch;
import dev.torch4j.internal.Json;
import dev.torch4j.internal.TensorMemory;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format, as Python's {@code safetensors.torch.save_file} and {@code load_file}: an
 * 8-byte little-endian header length {@code N}, {@code N} bytes of JSON header, then the tensors' raw
 * little-endian bytes. Data goes straight between the file and native tensor memory.
 *
 * <pre>{@code
 * Safetensors.saveFile(model.stateDict(), Path.of("model.safetensors"));      // save_file(model.state_dict(), ...)
 * try (StateDict weights = Safetensors.loadFile(Path.of("model.safetensors"))) { // load_file(...)
 *     model.loadStateDict(weights);
 * }
 * }</pre>
 *
 * <p>A file is read only if the format and its reference reader (the Rust {@code safetensors} crate)
 * accept it: a header of at most 100,000,000 bytes that is valid UTF-8 JSON starting with <code>{</code>
 * (strict: no raw control characters or unknown escapes in strings, no duplicate keys, nesting at
 * most 128 deep), an optional {@code __metadata__} object of string values, and for every other key an
 * object with a known {@code dtype}, a {@code shape} of non-negative integers and two
 * {@code data_offsets} that, sorted, tile the data section from 0 to its end without gap, overlap or
 * trailing bytes, each spanning exactly the shape's bytes. Anything else raises
 * {@link StateDictFormatException} naming the file, the byte offset and what was expected, before any
 * tensor is allocated; the tensors then take exactly the data section's bytes.
 *
 * @see <a href="https://huggingface.co/docs/safetensors/index">safetensors</a>
 * @see <a href="https://huggingface.co/docs/safetensors/api/torch">safetensors.torch</a>
 */
public final class Safetensors {
    /** The reference reader's limit on the header (safetensors' MAX_HEADER_SIZE). */
    static final long MAX_HEADER = 100_000_000L;
    /** Bytes moved per ByteBuffer: one buffer cannot span more than 2 GiB of a tensor. */
    private static final long CHUNK = 1L << 30;
    private static final String METADATA = "__metadata__";

    private Safetensors() {
    }

    /**
     * Writes {@code tensors} (any device; copied to the CPU, contiguous) in the map's order, like
     * {@code safetensors.torch.save_file(tensors, filename)}.
     *
     * @param tensors tensors by name
     * @param path    the file to write (replaced if it exists)
     * @throws IllegalArgumentException for a dtype safetensors has no code for
     * @throws IOException              when the file cannot be written
     */
    public static void saveFile(Map<String, Tensor> tensors, Path path) throws IOException {
        saveFile(tensors, path, null);
    }

    /**
     * Like {@link #saveFile(Map, Path)} with a {@code __metadata__} header entry, like
     * {@code save_file(tensors, filename, metadata)}.
     *
     * @param tensors  tensors by name
     * @param path     the file to write (replaced if it exists)
     * @param metadata free-form text by key (e.g. {@code {"format": "pt"}}), or null for none
     * @throws IllegalArgumentException for a dtype safetensors has no code for, or a null name or tensor
     * @throws IOException              when the file cannot be written
     */
    public static void saveFile(Map<String, Tensor> tensors, Path path, Map<String, String> metadata)
            throws IOException {
        StringBuilder header = new StringBuilder("{");
        if (metadata != null) {
            header.append(Json.quote(METADATA)).append(":{");
            boolean first = true;
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                header.append(first ? "" : ",").append(Json.quote(e.getKey())).append(':')
                        .append(Json.quote(e.getValue()));
                first = false;
            }
            header.append('}');
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            if (e.getKey() == null || t == null) {
                throw new IllegalArgumentException("safetensors entry " + e.getKey() + " -> " + t
                        + ": names and tensors must not be null");
            }
            long n = t.numel() * t.dtype().elementSize();
            header.append(header.length() > 1 ? "," : "").append(Json.quote(e.getKey())).append(":{\"dtype\":\"")
                    .append(storableCode(t.dtype())).append("\",\"shape\":").append(Tensor.shapeString(t.shape())
                            .replace(" ", "")).append(",\"data_offsets\":[").append(offset).append(',')
                    .append(offset + n).append("]}");
            offset += n;
        }
        header.append('}');
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(h);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, head);
            for (Tensor t : tensors.values()) {
                try (TensorScope s = Torch.scope()) {
                    Tensor c = t.detach().to(Device.cpu()).contiguous();
                    long n = c.numel() * c.dtype().elementSize();
                    for (long off = 0; off < n; off += CHUNK) {
                        writeFully(ch, TensorMemory.window(c, off, (int) Math.min(CHUNK, n - off)));
                    }
                }
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** One tensor as the header describes it. */
    private record Entry(String name, DType dtype, long[] shape, long begin, long end) {
    }

    /**
     * Reads every tensor of a safetensors file onto the CPU, in header order, like
     * {@code safetensors.torch.load_file(filename)}.
     *
     * @param path the file
     * @return the tensors by name; the caller closes it (or takes tensors out)
     * @throws StateDictFormatException when the file breaks the format (see the class comment): the message
     *                                  names the byte offset and what was expected
     * @throws IOException              when the file cannot be read
     */
    public static StateDict loadFile(Path path) throws IOException {
        StateDict out = new StateDict();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new StateDictFormatException(path, null, size, "not a safetensors file: " + size
                        + " bytes, expected at least 8 (the header length)");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, path);
            long n = lenBuf.flip().getLong();
            if (n < 0 || n > MAX_HEADER) {
                throw new StateDictFormatException(path, null, 0, "safetensors header length "
                        + Long.toUnsignedString(n) + " is larger than the format's limit of " + MAX_HEADER + " bytes");
            }
            if (n > size - 8) {
                throw new StateDictFormatException(path, null, 0, "safetensors header length " + n
                        + " is past the file end (" + size + " bytes, so at most " + (size - 8) + ")");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) n);
            readFully(ch, hb, 8, path);
            List<Entry> entries = header(hb.array(), size - 8 - n, path);
            long dataStart = 8 + n;
            try {
                for (Entry e : entries) {
                    out.put(e.name, read(ch, e, dataStart, path));
                }
            } catch (IOException | RuntimeException ex) {
                out.close();
                throw ex;
            }
        }
        return out;
    }

    /** Parses and checks the whole header against a data section of {@code dataSize} bytes; entries in header order. */
    private static List<Entry> header(byte[] h, long dataSize, Path path) throws StateDictFormatException {
        if (h.length == 0 || h[0] != '{') {
            throw new StateDictFormatException(path, null, 8, "the safetensors header must start with '{' (JSON "
                    + "object), found " + (h.length == 0 ? "an empty header" : String.format("byte 0x%02x", h[0])));
        }
        Object parsed;
        try {
            parsed = Json.parse(h, 0, h.length);
        } catch (Json.ParseException e) {
            throw new StateDictFormatException(path, null, 8 + e.offset(), "bad safetensors JSON header: "
                    + e.getMessage(), e);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> header = (Map<String, Object>) parsed; // starts with '{', so an object
        List<Entry> entries = new ArrayList<>(header.size());
        for (Map.Entry<String, Object> e : header.entrySet()) {
            if (e.getKey().equals(METADATA)) {
                metadata(e.getValue(), path);
            } else {
                entries.add(entry(e.getKey(), e.getValue(), path));
            }
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : sorted) {
            if (e.begin != expected) {
                throw new StateDictFormatException(path, null, 8, "tensor " + Json.quote(e.name) + " data_offsets [" + e.begin
                        + ", " + e.end + "] " + (e.begin < expected ? "overlap" : "leave a gap after") + " the "
                        + "previous tensor's data, which ends at " + expected + "; safetensors tensors tile the data "
                        + "section in order");
            }
            expected = e.end;
        }
        if (expected != dataSize) {
            throw new StateDictFormatException(path, null, 8 + (h.length) + Math.min(expected, dataSize), "the tensors' "
                    + "data ends at byte " + expected + " of the data section, but the data section has " + dataSize
                    + " bytes" + (expected < dataSize ? " (trailing bytes after the last tensor)" : " (truncated?)"));
        }
        return entries;
    }

    private static void metadata(Object value, Path path) throws StateDictFormatException {
        if (value == null) {
            return;
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new StateDictFormatException(path, null, 8, "__metadata__ is " + kind(value)
                    + ", expected an object of string values");
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String)) {
                throw new StateDictFormatException(path, null, 8, "__metadata__ value of " + Json.quote((String) e.getKey())
                        + " is " + kind(e.getValue()) + ", expected a string");
            }
        }
    }

    private static String kind(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof List<?>) {
            return "an array";
        }
        if (v instanceof String s) {
            return "the string " + Json.quote(s.length() > 40 ? s.substring(0, 40) + "..." : s);
        }
        return "the " + (v instanceof Boolean ? "boolean " : "number ") + v;
    }

    private static Entry entry(String name, Object spec, Path path) throws StateDictFormatException {
        String what = "tensor " + Json.quote(name);
        if (!(spec instanceof Map<?, ?> m)) {
            throw new StateDictFormatException(path, null, 8, what + " is " + kind(spec)
                    + ", expected an object with dtype, shape and data_offsets");
        }
        if (!(m.get("dtype") instanceof String code) || !(m.get("shape") instanceof List<?> shapeList)
                || !(m.get("data_offsets") instanceof List<?> offs) || offs.size() != 2) {
            throw new StateDictFormatException(path, null, 8, what + " needs \"dtype\" (a string), \"shape\" (an array) "
                    + "and \"data_offsets\" (an array of two integers), found " + m.keySet());
        }
        DType dtype = dtype(code, what, path);
        long[] shape = new long[shapeList.size()];
        long numel = 1;
        boolean overflow = false;
        for (int i = 0; i < shape.length; i++) {
            Object d = shapeList.get(i);
            if (!(d instanceof Long v) || v < 0) {
                throw new StateDictFormatException(path, null, 8, what + " has shape entry " + kind(d)
                        + ", expected a non-negative integer below 2^63");
            }
            shape[i] = v;
            if (!overflow) {
                try {
                    numel = Math.multiplyExact(numel, v); // the reference reader's checked product, in order
                } catch (ArithmeticException e) {
                    overflow = true;
                }
            }
        }
        long[] span = new long[2];
        for (int i = 0; i < 2; i++) {
            Object o = offs.get(i);
            if (!(o instanceof Long v) || v < 0) {
                throw new StateDictFormatException(path, null, 8, what + " has data_offsets " + (i == 0 ? "begin " : "end ")
                        + (o instanceof BigInteger b ? b.toString() : kind(o)) + ", expected a non-negative integer "
                        + "below 2^63");
            }
            span[i] = v;
        }
        if (overflow || numel > Long.MAX_VALUE / dtype.elementSize()) {
            throw new StateDictFormatException(path, null, 8, what + " has shape " + Tensor.shapeString(shape)
                    + " whose byte size overflows 64 bits");
        }
        long bytes = numel * dtype.elementSize();
        if (span[1] < span[0] || span[1] - span[0] != bytes) {
            throw new StateDictFormatException(path, null, 8, what + " data_offsets [" + span[0] + ", " + span[1]
                    + "] must span " + bytes + " bytes (" + Tensor.shapeString(shape) + " of " + code + ")");
        }
        return new Entry(name, dtype, shape, span[0], span[1]);
    }

    private static Tensor read(FileChannel ch, Entry e, long dataStart, Path path) throws IOException {
        TensorOptions cpu = TensorOptions.defaults().dtype(e.dtype).device(Device.cpu());
        long bytes = e.end - e.begin;
        if (bytes == 0) {
            return empty(e.shape, cpu);
        }
        Tensor t = Torch.empty(e.shape, cpu).unscoped();
        try {
            for (long off = 0; off < bytes; off += CHUNK) {
                readFully(ch, TensorMemory.window(t, off, (int) Math.min(CHUNK, bytes - off)), dataStart + e.begin + off,
                        path);
            }
        } catch (IOException | RuntimeException ex) {
            t.close();
            throw ex;
        }
        return t;
    }

    /**
     * An empty tensor of any shape, even one whose contiguous strides overflow 64 bits (such as
     * {@code [0, 2^62, 2^62]}, which the format allows): strides saturate, which is harmless for a
     * tensor without elements.
     */
    static Tensor empty(long[] shape, TensorOptions options) {
        long[] stride = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            stride[i] = s;
            long d = Math.max(shape[i], 1);
            s = s > Long.MAX_VALUE / d ? Long.MAX_VALUE : s * d;
        }
        try (Tensor source = Torch.empty(new long[] {0}, options)) {
            Tensor t = Torch.empty(new long[] {0}, options).unscoped();
            t.set_(source, 0, shape, stride);
            return t;
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long position, Path path) throws IOException {
        long pos = position;
        while (b.hasRemaining()) {
            int r = ch.read(b, pos);
            if (r < 0) {
                throw new StateDictFormatException(path, null, pos, "truncated: expected " + b.remaining()
                        + " more bytes");
            }
            pos += r;
        }
    }

    private static String storableCode(DType d) {
        String c = code(d);
        if (c == null) {
            throw new IllegalArgumentException("safetensors has no dtype code for " + d.pythonName());
        }
        return c;
    }

    private static String code(DType d) {
        return switch (d) {
            case FLOAT32 -> "F32";
            case FLOAT64 -> "F64";
            case FLOAT16 -> "F16";
            case BFLOAT16 -> "BF16";
            case INT64 -> "I64";
            case INT32 -> "I32";
            case INT16 -> "I16";
            case INT8 -> "I8";
            case UINT8 -> "U8";
            case BOOL -> "BOOL";
            case UINT16 -> "U16";
            case UINT32 -> "U32";
            case UINT64 -> "U64";
            case FLOAT8_E5M2 -> "F8_E5M2";
            case FLOAT8_E4M3FN -> "F8_E4M3";
            default -> null;
        };
    }

    private static final Map<String, DType> CODES = new LinkedHashMap<>();

    static {
        for (DType d : DType.values()) {
            String c = code(d);
            if (c != null) {
                CODES.put(c, d);
            }
        }
    }

    private static DType dtype(String code, String what, Path path) throws StateDictFormatException {
        DType d = CODES.get(code);
        if (d == null) {
            throw new StateDictFormatException(path, null, 8, what + " has unsupported dtype " + Json.quote(code)
                    + ", expected one of " + String.join(", ", CODES.keySet()));
        }
        return d;
    }
}
