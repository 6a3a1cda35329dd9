/**
 * Weights files shared with Python: {@link dev.torch4j.serialization.StateDict} reads and writes the
 * zip archive of {@code torch.save(model.state_dict(), path)} and safetensors, and
 * {@code Module.loadStateDict(Path)} / {@code Module.saveStateDict(Path)} use it. Reading never runs
 * code from a file: the archive's pickle goes through a restricted unpickler that accepts only what a
 * state dict contains, like {@code torch.load(weights_only=True)}.
 *
 * @see <a href="https://pytorch.org/docs/stable/notes/serialization.html">Saving and loading tensors</a>
 */
package dev.torch4j.serialization;
