package dev.torch4j.serialization;

import dev.torch4j.Tensor;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Checkpoints as {@code torch.save(obj, f)} writes them and {@code torch.load(f, weights_only=True)}
 * reads them: a tree of dicts, lists, tuples, strings, numbers, booleans, {@code None}, dtypes and
 * tensors, such as {@code {'model': model.state_dict(), 'optimizer': opt.state_dict(), 'epoch': 5}}.
 * {@link dev.torch4j.Torch#save(Object, Path)} and {@link dev.torch4j.Torch#load(Path)} call these.
 *
 * <h2>Java types of a checkpoint tree</h2>
 * <table>
 * <caption>Python value and its Java counterpart</caption>
 * <tr><th>Python</th><th>{@link #load} returns</th><th>{@link #save} accepts</th></tr>
 * <tr><td>{@code dict}</td><td>{@code LinkedHashMap<Object, Object>} in the file's order: cast to
 *     {@code Map<String, Object>} when the keys are str, keep {@code Map<Object, Object>} when they are
 *     ints ({@code Long}), as in an optimizer's {@code state}</td><td>any {@code Map} (written as a
 *     {@code dict}, in its iteration order)</td></tr>
 * <tr><td>{@code OrderedDict} of str to tensors (what {@code model.state_dict()} returns)</td><td>a
 *     {@link StateDict}, with its {@code _metadata}; any other {@code OrderedDict} a
 *     {@code LinkedHashMap}</td><td>a {@link StateDict} (written as an {@code OrderedDict} with its
 *     {@code _metadata})</td></tr>
 * <tr><td>{@code list}</td><td>{@code ArrayList<Object>}</td><td>any {@code List} but a {@link Tuple}</td></tr>
 * <tr><td>{@code tuple}, {@code torch.Size}</td><td>{@link Tuple} (an unmodifiable {@code List<Object>})</td>
 *     <td>{@link Tuple}, so that a loaded tuple is saved as a tuple again ({@code betas})</td></tr>
 * <tr><td>{@code str}</td><td>{@code String}</td><td>{@code String}</td></tr>
 * <tr><td>{@code int}</td><td>{@code Long}; {@code BigInteger} beyond 64 bits</td><td>{@code Long},
 *     {@code Integer}, {@code Short}, {@code Byte}, {@code BigInteger}</td></tr>
 * <tr><td>{@code float}</td><td>{@code Double}</td><td>{@code Double}, {@code Float}</td></tr>
 * <tr><td>{@code bool}</td><td>{@code Boolean}</td><td>{@code Boolean}</td></tr>
 * <tr><td>{@code None}</td><td>{@code null}</td><td>{@code null}</td></tr>
 * <tr><td>{@code torch.float32}, ...</td><td>{@link dev.torch4j.DType}</td><td>{@link dev.torch4j.DType}</td></tr>
 * <tr><td>{@code torch.Tensor}, {@code nn.Parameter}</td><td>{@link Tensor} on the CPU (like
 *     {@code map_location="cpu"}), with the file's dtype, shape, strides and {@code requires_grad}</td>
 *     <td>{@link Tensor} on any device (the file names its device, as PyTorch's does)</td></tr>
 * </table>
 * Dict keys are str, int, float, bool, None, dtypes or tuples of those. Java objects that occur twice
 * (the same object) are written once and read back as one object; tensors that share storage (views,
 * tied weights) share it again after loading, and a view is saved as a view of its whole storage, as
 * PyTorch does. Loaded tensors belong to no {@link dev.torch4j.Torch#scope()}: close them (a
 * {@link StateDict} closes its own) or leave them to the garbage collector.
 *
 * <p>For example, the optimizer state dict of {@code torch.optim.AdamW} loads as
 * <pre>{@code
 * Map<String, Object> ckpt = (Map<String, Object>) Torch.load(Path.of("ckpt.pt"));
 * Map<String, Object> optimizer = (Map<String, Object>) ckpt.get("optimizer");
 * Map<Object, Object> state = (Map<Object, Object>) optimizer.get("state");        // {0: {...}, 1: {...}}
 * Map<String, Object> first = (Map<String, Object>) state.get(0L);                 // keys are Long
 * Tensor expAvg = (Tensor) first.get("exp_avg");                                   // "step" is a 0-d Tensor
 * List<Map<String, Object>> groups = (List<Map<String, Object>>) optimizer.get("param_groups");
 * double lr = (Double) groups.get(0).get("lr");
 * Tuple betas = (Tuple) groups.get(0).get("betas");                                // (0.9, 0.999)
 * List<Long> params = (List<Long>) groups.get(0).get("params");                    // [0, 1, 2]
 * long epoch = (Long) ckpt.get("epoch");
 * }</pre>
 * and {@code Torch.save(Map.of("optimizer", Map.of("state", state, "param_groups", groups)), path)}
 * writes the same Python objects back: {@code betas} as a tuple, {@code state} keyed by int.
 *
 * <h2>Safety and limits</h2>
 * Loading never runs code from the file: the pickle is read by a restricted unpickler that accepts only
 * the globals the types above need ({@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2},
 * {@code torch._utils._rebuild_parameter}, {@code torch.Size}, the dtypes and the storage types), like
 * {@code torch.load(weights_only=True)}, and refuses anything else with {@link UnpicklingException}.
 * Reading takes time and memory near-linear in the file's size plus the tensors it really holds; the
 * limits ({@code torch4j.serialization.maxPickleMemory}, {@code torch4j.serialization.maxDepth}) are
 * described in the package documentation.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.save.html">torch.save</a>
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.load.html">torch.load</a>
 * @see <a href="https://pytorch.org/tutorials/beginner/saving_loading_models.html">Saving and loading a
 *     general checkpoint</a>
 */
public final class Checkpoint {
    private Checkpoint() {
    }

    /**
     * Writes {@code obj} as {@code torch.save(obj, path)} does, readable by
     * {@code torch.load(path, weights_only=True)} in PyTorch 2.x (PyTorch 1.13's weights-only reader
     * lacks floats, so it reads only checkpoints without them) and by {@link #load}.
     *
     * @param obj  a tree of the types in the class comment
     * @param path the file to write (replaced if it exists; a failed save leaves no partial file)
     * @throws IllegalArgumentException naming the place in the tree ({@code checkpoint['optimizer']['state'][0]})
     *                                  of a value that cannot be saved, a cycle, or nesting deeper than
     *                                  {@link #load} reads
     * @throws IOException              when the file cannot be written
     */
    public static void save(Object obj, Path path) throws IOException {
        TorchArchiveWriter.write(obj, false, path);
    }

    /**
     * Reads a {@code torch.save} archive, like {@code torch.load(path, map_location="cpu", weights_only=True)}.
     *
     * @param path a file written by {@code torch.save} (PyTorch 1.6 or later) or by {@link #save}
     * @return the tree, with the Java types of the class comment
     * @throws UnpicklingException      when the pickle is malformed or names anything outside the allow list
     * @throws StateDictFormatException when the file is not such an archive, is truncated or corrupt, nests
     *                                  deeper than the limit, contains a cycle, or a tensor does not fit its
     *                                  storage: the message names the record, the byte offset and what was expected
     * @throws IOException              when the file cannot be read
     */
    public static Object load(Path path) throws IOException {
        if (StateDict.Format.detect(path) != StateDict.Format.TORCH) {
            throw new StateDictFormatException(path, null, 0, "a safetensors file, not a torch.save archive: read it "
                    + "with Safetensors.loadFile or StateDict.load");
        }
        return TorchArchiveReader.readTree(path);
    }
}
