package dev.torch4j.serialization;

import dev.torch4j.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Named tensors in order, as {@code model.state_dict()} is in PyTorch, read from and written to the
 * two formats PyTorch users exchange weights in: the zip archive of
 * {@code torch.save(model.state_dict(), "model.pt")} and safetensors.
 *
 * <pre>{@code
 * try (StateDict weights = StateDict.load(Path.of("model.pt"))) {   // torch.load(path, weights_only=True)
 *     model.loadStateDict(weights);                                 // copies into the module's tensors
 * }
 * StateDict.save(model.stateDict(), Path.of("model.safetensors"));  // safetensors.torch.save_file
 * }</pre>
 * ({@code Module.loadStateDict(Path)} and {@code Module.saveStateDict(Path)} do both in one call.) A
 * checkpoint holding more than named tensors ({@code {'model': ..., 'optimizer': ..., 'epoch': 5}}) is
 * read with {@link Checkpoint#load} ({@code Torch.load}) instead.
 *
 * <p>A loaded state dict owns its tensors (CPU, not in any {@link dev.torch4j.Torch#scope()}):
 * {@link #close()} releases every tensor it holds, so take out ({@link #remove}) what must outlive it.
 * Loading never runs code from the file: the pickle in a {@code torch.save} archive is read by a
 * restricted unpickler, like {@code torch.load(weights_only=True)}, that refuses anything else with
 * {@link UnpicklingException}. Tensors saved by PyTorch as views of one storage (offsets, strides,
 * tied weights, expanded tensors) are views of one storage again, as {@code torch.load} returns them;
 * byte order and CRC-32 of every record are checked. Malformed files are refused in time and memory
 * near-linear in their size (see the package documentation for the limits).
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.load.html">torch.load</a>
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.save.html">torch.save</a>
 * @see <a href="https://huggingface.co/docs/safetensors/index">safetensors</a>
 */
public final class StateDict extends AbstractMap<String, Tensor> implements AutoCloseable {
    /** The two file formats. */
    public enum Format {
        /** The zip archive that {@code torch.save} writes since PyTorch 1.6 ({@code .pt}, {@code .pth}, {@code .bin}). */
        TORCH,
        /** safetensors: an 8-byte little-endian header length, a JSON header, raw little-endian data. */
        SAFETENSORS;

        /**
         * The format a file name asks for when saving: {@code .safetensors} is {@link #SAFETENSORS},
         * every other name ({@code .pt}, {@code .pth}, {@code .bin}, {@code .ckpt}, ...) {@link #TORCH}.
         *
         * @param path the file to write
         * @return the format for that name
         */
        public static Format forPath(Path path) {
            String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".safetensors") ? SAFETENSORS : TORCH;
        }

        /**
         * The format of an existing file, from its first bytes: a zip signature is {@link #TORCH}, an
         * 8-byte length followed by an opening brace is {@link #SAFETENSORS}.
         *
         * @param path the file to read
         * @return its format
         * @throws StateDictFormatException when the file is neither, naming what it looks like instead
         *                                  (the pre-1.6 {@code torch.save} format, a bare pickle, ...)
         * @throws IOException              when the file cannot be read
         */
        public static Format detect(Path path) throws IOException {
            byte[] head = new byte[16];
            int n;
            try (InputStream in = Files.newInputStream(path)) {
                n = in.readNBytes(head, 0, head.length);
            }
            if (n >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5) && head[3] == head[2] + 1) {
                return TORCH;
            }
            if (n >= 3 && (head[0] & 0xff) == 0x80 && head[1] == 2 && (head[2] & 0xff) == 0x8a) {
                throw new StateDictFormatException(path, null, 0, "the legacy torch.save format (PyTorch < 1.6, or "
                        + "_use_new_zipfile_serialization=False) is not supported; expected a zip archive ('PK' at "
                        + "byte 0): load it in Python and torch.save it again with a current PyTorch");
            }
            if (n >= 1 && (head[0] & 0xff) == 0x80) {
                throw new StateDictFormatException(path, null, 0, "a bare pickle, not a torch.save archive; expected "
                        + "a zip archive ('PK' at byte 0) or safetensors");
            }
            if (n >= 9 && head[8] == '{') {
                return SAFETENSORS;
            }
            if (n >= 8) {
                long len = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
                long size = Files.size(path);
                if (len > size - 8 && len > 0 && len < (1L << 40)) {
                    return SAFETENSORS; // a header length past the end: the safetensors reader says so
                }
            }
            throw new StateDictFormatException(path, null, 0, n < 8 ? "file of " + n + " bytes is too short for a "
                    + "state dict" : "neither a torch.save zip archive (expected 'PK\\3\\4' at byte 0) nor safetensors "
                    + "(expected an 8-byte header length, then '{' at byte 8)");
        }
    }

    private final LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> metadata = new LinkedHashMap<>();

    /** An empty state dict, to fill with {@link #put} and {@link #save}. */
    public StateDict() {
    }

    /**
     * Reads every tensor of a weights file onto the CPU, in the file's order, like
     * {@code torch.load(path, map_location="cpu", weights_only=True)} for a {@code torch.save} archive
     * or {@code safetensors.torch.load_file(path)}. The format is found from the content, not the name.
     * float32, float64, float16, bfloat16, int64, int32, int16, int8, uint8, bool and (in archives)
     * complex64/128 are read.
     *
     * @param path a {@code torch.save} zip archive or a safetensors file
     * @return the tensors by name; the caller closes it
     * @throws UnpicklingException      when the archive's pickle is malformed or names a global outside the
     *                                  allow list (such as {@code os.system}), an unknown opcode, ...
     * @throws StateDictFormatException when the file is truncated, a CRC-32 does not match, a record is missing,
     *                                  a header is inconsistent, or the format is unknown
     * @throws IOException              when the file cannot be read
     */
    public static StateDict load(Path path) throws IOException {
        if (Format.detect(path) == Format.SAFETENSORS) {
            return Safetensors.loadFile(path);
        }
        StateDict out = new StateDict();
        try {
            TorchArchiveReader.readStateDict(path, out);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        return out;
    }

    /**
     * Writes {@code state} in the format its file name asks for ({@link Format#forPath}): like
     * {@code torch.save(state_dict, path)}, readable by {@code torch.load(path, weights_only=True)}, or
     * like {@code safetensors.torch.save_file}. Tensors on any device are copied to the CPU; they are
     * saved detached, as {@code state_dict()} holds them.
     *
     * @param state tensors by name, e.g. {@code module.stateDict()} or a loaded {@link StateDict}
     * @param path  the file to write (replaced if it exists)
     * @throws IOException when the file cannot be written
     */
    public static void save(Map<String, Tensor> state, Path path) throws IOException {
        save(state, path, Format.forPath(path));
    }

    /**
     * Like {@link #save(Map, Path)} in the given format, whatever the file is named. A {@code torch.save}
     * archive gets {@code _metadata} when {@code state} is a {@link StateDict} that has some; tensors
     * that share a storage (the same tensor under two names, as tied weights, or views) are written as
     * one storage, as PyTorch writes them, and saved detached ({@code requires_grad=False}) as
     * {@code state_dict()} holds them.
     *
     * @param state  tensors by name
     * @param path   the file to write (replaced if it exists)
     * @param format the format to write
     * @throws IOException when the file cannot be written
     */
    public static void save(Map<String, Tensor> state, Path path, Format format) throws IOException {
        if (format == Format.SAFETENSORS) {
            Safetensors.saveFile(state, path);
        } else {
            TorchArchiveWriter.write(state, true, path);
        }
    }

    /**
     * The {@code _metadata} that PyTorch attaches to a state dict: per module prefix ({@code ""},
     * {@code "rnn"}, ...) a map such as {@code {version=1}}. Read from {@code torch.save} archives and
     * written back by {@link #save}; modifiable.
     *
     * @return the live metadata map (empty for safetensors files)
     */
    public Map<String, Map<String, Object>> metadata() {
        return metadata;
    }

    /**
     * Adds or replaces a tensor; this state dict then owns it (closes it in {@link #close()}).
     *
     * @param name  the dotted name, e.g. {@code rnn.weight_ih_l0}
     * @param value the tensor
     * @return the tensor previously under that name (now the caller's), or null
     * @throws IllegalArgumentException if the name or tensor is null
     */
    @Override
    public Tensor put(String name, Tensor value) {
        if (name == null || value == null) {
            throw new IllegalArgumentException("state dict names and tensors must not be null, got " + name
                    + " -> " + value);
        }
        return tensors.put(name, value);
    }

    /**
     * @param name a tensor name
     * @return the tensor under that name, or null
     */
    @Override
    public Tensor get(Object name) {
        return tensors.get(name);
    }

    /**
     * @param name a tensor name
     * @return whether a tensor has that name
     */
    @Override
    public boolean containsKey(Object name) {
        return tensors.containsKey(name);
    }

    /**
     * Takes a tensor out; the caller owns it from then on.
     *
     * @param name a tensor name
     * @return the tensor removed, or null
     */
    @Override
    public Tensor remove(Object name) {
        return tensors.remove(name);
    }

    /** @return the number of tensors */
    @Override
    public int size() {
        return tensors.size();
    }

    /** @return the entries in order; removing through it does not close the tensor */
    @Override
    public Set<Entry<String, Tensor>> entrySet() {
        return tensors.entrySet();
    }

    /** Releases every tensor this state dict holds and empties it. Closing twice is harmless. */
    @Override
    public void close() {
        for (Tensor t : new ArrayList<>(tensors.values())) {
            t.close();
        }
        tensors.clear();
    }
}
