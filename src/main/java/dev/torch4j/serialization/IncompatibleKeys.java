package dev.torch4j.serialization;

import java.util.List;

/**
 * Keys that did not match when loading a state dict with {@code strict=false}, like the
 * {@code _IncompatibleKeys(missing_keys, unexpected_keys)} that {@code Module.load_state_dict} returns.
 *
 * @param missingKeys    the module's keys that the state dict lacks (those tensors were left as they were)
 * @param unexpectedKeys the state dict's keys that the module does not have (ignored)
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.load_state_dict">
 *     Module.load_state_dict</a>
 */
public record IncompatibleKeys(List<String> missingKeys, List<String> unexpectedKeys) {
    /** An empty result, as a strict load that succeeded returns. */
    public static final IncompatibleKeys NONE = new IncompatibleKeys(List.of(), List.of());

    /**
     * Copies both lists so the record is immutable.
     *
     * @param missingKeys    the module's keys that the state dict lacks
     * @param unexpectedKeys the state dict's keys that the module does not have
     */
    public IncompatibleKeys {
        missingKeys = List.copyOf(missingKeys);
        unexpectedKeys = List.copyOf(unexpectedKeys);
    }

    /** @return whether every key matched */
    public boolean isEmpty() {
        return missingKeys.isEmpty() && unexpectedKeys.isEmpty();
    }
}
