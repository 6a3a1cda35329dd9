package dev.torch4j.serialization;

import java.util.ArrayList;
import java.util.List;

/**
 * A state dict does not fit a module: every missing key, unexpected key and shape mismatch, reported
 * together with PyTorch's wording ({@code Error(s) in loading state_dict for SimpleNet: ...}). Thrown
 * before any tensor of the module has been changed.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.load_state_dict">
 *     Module.load_state_dict</a>
 */
public class StateDictMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Keys of the module that the state dict lacks. */
    private final List<String> missingKeys;
    /** Keys of the state dict that the module lacks. */
    private final List<String> unexpectedKeys;
    /** One line per shape mismatch. */
    private final List<String> sizeMismatches;

    /**
     * @param moduleName     the module's class name, as PyTorch prints it
     * @param missingKeys    keys of the module that the state dict lacks (empty when not strict)
     * @param unexpectedKeys keys of the state dict that the module lacks (empty when not strict)
     * @param sizeMismatches one line per key whose shape differs, in PyTorch's wording
     *                       ({@code size mismatch for out.weight: copying a param with shape ...})
     */
    public StateDictMismatchException(String moduleName, List<String> missingKeys, List<String> unexpectedKeys,
            List<String> sizeMismatches) {
        super(message(moduleName, missingKeys, unexpectedKeys, sizeMismatches));
        this.missingKeys = List.copyOf(missingKeys);
        this.unexpectedKeys = List.copyOf(unexpectedKeys);
        this.sizeMismatches = List.copyOf(sizeMismatches);
    }

    private static String message(String moduleName, List<String> missing, List<String> unexpected,
            List<String> sizes) {
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("Missing key(s) in state_dict: " + quoted(missing) + ".");
        }
        if (!unexpected.isEmpty()) {
            problems.add("Unexpected key(s) in state_dict: " + quoted(unexpected) + ".");
        }
        problems.addAll(sizes);
        return "Error(s) in loading state_dict for " + moduleName + ":\n\t" + String.join("\n\t", problems);
    }

    private static String quoted(List<String> keys) {
        List<String> q = new ArrayList<>(keys.size());
        keys.forEach(k -> q.add('"' + k + '"'));
        return String.join(", ", q);
    }

    /** @return the module's keys that the state dict lacks */
    public List<String> missingKeys() {
        return missingKeys;
    }

    /** @return the state dict's keys that the module lacks */
    public List<String> unexpectedKeys() {
        return unexpectedKeys;
    }

    /** @return one line per shape mismatch, in PyTorch's wording */
    public List<String> sizeMismatches() {
        return sizeMismatches;
    }
}
