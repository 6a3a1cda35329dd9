/**
 * Files shared with Python: {@link dev.torch4j.serialization.Checkpoint} ({@code Torch.save} /
 * {@code Torch.load}) reads and writes any tree {@code torch.save} writes (dicts, lists, tuples,
 * numbers, strings, tensors), {@link dev.torch4j.serialization.StateDict} the flat state dicts of
 * {@code torch.save(model.state_dict(), path)} and safetensors, and
 * {@link dev.torch4j.serialization.Safetensors} the safetensors format itself;
 * {@code Module.loadStateDict(Path)} / {@code Module.saveStateDict(Path)} use them. Reading never runs
 * code from a file: the archive's pickle goes through a restricted unpickler that accepts only what
 * those trees contain, like {@code torch.load(weights_only=True)}.
 *
 * <h2>Hostile and corrupt files</h2>
 * A file of N bytes is read or refused in time near-linear in N and memory proportional to N plus the
 * tensors it really holds; nothing hangs, exhausts the heap or overflows the stack. A refusal is a
 * {@link dev.torch4j.serialization.StateDictFormatException} (an {@code IOException}) naming the file,
 * the record, the byte offset and what was expected. Sizes in a file are checked against the file
 * before anything is allocated from them; a tensor viewing a storage is a view of it (a stride-0 view
 * of 6 floats with 2^31 rows takes 24 bytes, as in PyTorch). Where a limit is the answer, it is
 * documented and can be raised with a system property, read at each load:
 * <table>
 * <caption>Limits</caption>
 * <tr><th>property</th><th>default</th><th>what it bounds</th></tr>
 * <tr><td>{@code torch4j.serialization.maxPickleMemory}</td><td>268435456 (256 MiB)</td><td>the heap one
 *     {@code torch.save} pickle may take while it is read: its bytes plus an estimate of the objects it
 *     builds, each tensor counted as a kilobyte (a real checkpoint's pickle takes a few MB; the tensors'
 *     data is not counted)</td></tr>
 * <tr><td>{@code torch4j.serialization.maxDepth}</td><td>1000</td><td>the nesting of dicts, lists and
 *     tuples in a checkpoint (Python's own recursion limit is 1000)</td></tr>
 * </table>
 * Safetensors files follow the format's own limits: a header of at most 100,000,000 bytes, JSON nested
 * at most 128 deep (those of the reference reader).
 *
 * @see <a href="https://pytorch.org/docs/stable/notes/serialization.html">Saving and loading tensors</a>
 */
package dev.torch4j.serialization;
