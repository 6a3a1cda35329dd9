package dev.torch4j;

import dev.torch4j.internal.Json;
import dev.torch4j.internal.TensorMemory;
import dev.torch4j.serialization.StateDictFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the safetensors format (an 8-byte header length, a JSON header, raw little-endian
 * data), as {@code safetensors.torch.save_file} / {@code load_file} do. Data goes straight between
 * the file and native tensor memory. A malformed file raises {@link StateDictFormatException} naming
 * the file, the byte offset and what was expected.
 *
 * @see <a href="https://huggingface.co/docs/safetensors/index">safetensors</a>
 */
public final class Safetensors {
    private static final long MAX_HEADER = 100L << 20;
    /** Bytes moved per ByteBuffer: one buffer cannot span more than 2 GiB of a tensor. */
    private static final long CHUNK = 1L << 30;

    private Safetensors() {
    }

    /**
     * Writes {@code tensors} (any device; copied to the CPU) in the given order.
     *
     * @throws IOException when the file cannot be written
     */
    public static void save(Map<String, Tensor> tensors, Path path) throws IOException {
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
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

    /**
     * Reads every tensor of a safetensors file onto the CPU, in header order. The caller owns them.
     *
     * @throws IOException when the file cannot be read or its header or sizes are inconsistent
     */
    public static Map<String, Tensor> load(Path path) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new StateDictFormatException(path, null, size, "not a safetensors file: " + size
                        + " bytes, expected at least 8 (the header length)");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, path);
            long n = lenBuf.flip().getLong();
            if (n < 2 || n > MAX_HEADER || n > size - 8) {
                throw new StateDictFormatException(path, null, 0, "safetensors header length " + n
                        + (n > size - 8 ? " is past the file end (" + size + " bytes, so at most " + (size - 8) + ")"
                        : " is not between 2 and " + MAX_HEADER));
            }
            ByteBuffer hb = ByteBuffer.allocate((int) n);
            readFully(ch, hb, 8, path);
            Object parsed;
            try {
                parsed = Json.parse(new String(hb.array(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new StateDictFormatException(path, null, 8, "bad safetensors JSON header: " + e.getMessage(), e);
            }
            if (!(parsed instanceof Map<?, ?> header)) {
                throw new StateDictFormatException(path, null, 8, "safetensors header is not a JSON object");
            }
            long dataStart = 8 + n;
            for (Map.Entry<?, ?> e : header.entrySet()) {
                String name = (String) e.getKey();
                if (name.equals("__metadata__")) {
                    continue;
                }
                try {
                    out.put(name, readTensor(ch, name, e.getValue(), dataStart, size, path));
                } catch (IOException | RuntimeException ex) {
                    out.values().forEach(Tensor::close);
                    throw ex;
                }
            }
        }
        return out;
    }

    private static Tensor readTensor(FileChannel ch, String name, Object spec, long dataStart, long size, Path path)
            throws IOException {
        if (!(spec instanceof Map<?, ?> m) || !(m.get("dtype") instanceof String code)
                || !(m.get("shape") instanceof List<?> shapeList) || !(m.get("data_offsets") instanceof List<?> offs)
                || offs.size() != 2) {
            throw new StateDictFormatException(path, null, 8, "tensor '" + name
                    + "' needs dtype, shape and two data_offsets in the header");
        }
        DType dtype = dtype(code, name, path);
        long[] shape = new long[shapeList.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(shapeList.get(i) instanceof Long d) || d < 0) {
                throw new StateDictFormatException(path, null, 8, "tensor '" + name + "' has an invalid shape "
                        + shapeList + ", expected non-negative integers");
            }
            shape[i] = d;
            try {
                numel = Math.multiplyExact(numel, d);
            } catch (ArithmeticException e) {
                throw new StateDictFormatException(path, null, 8, "tensor '" + name + "' has shape " + shapeList
                        + " whose size overflows 64 bits");
            }
        }
        if (!(offs.get(0) instanceof Long begin) || !(offs.get(1) instanceof Long end)) {
            throw new StateDictFormatException(path, null, 8, "tensor '" + name + "' has non-integer data_offsets "
                    + offs);
        }
        long bytes = numel > Long.MAX_VALUE / 8 ? Long.MAX_VALUE : numel * dtype.elementSize();
        if (begin < 0 || end < begin || end - begin != bytes || end > size - dataStart) {
            throw new StateDictFormatException(path, null, dataStart + Math.max(0, begin), "tensor '" + name
                    + "' data_offsets " + offs + " must span " + bytes + " bytes (" + Tensor.shapeString(shape)
                    + " of " + code + ") inside the data section (" + (size - dataStart) + " bytes from byte "
                    + dataStart + ")");
        }
        Tensor t = Torch.empty(shape, TensorOptions.defaults().dtype(dtype).device(Device.cpu())).unscoped();
        if (bytes > 0) {
            try {
                for (long off = 0; off < bytes; off += CHUNK) {
                    readFully(ch, TensorMemory.window(t, off, (int) Math.min(CHUNK, bytes - off)), dataStart + begin + off,
                            path);
                }
            } catch (IOException | RuntimeException e) {
                t.close();
                throw e;
            }
        }
        return t;
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
            throw new IllegalArgumentException("safetensors has no dtype code for " + d);
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

    private static DType dtype(String code, String name, Path path) throws IOException {
        for (DType d : DType.values()) {
            if (code.equals(code(d))) {
                return d;
            }
        }
        throw new StateDictFormatException(path, null, 8, "tensor '" + name + "' has unsupported dtype " + code
                + ", expected one of F32, F64, F16, BF16, I64, I32, I16, I8, U8, BOOL");
    }
}
