package dev.torch4j.serialization;

import java.nio.file.Path;

/**
 * The pickle inside a {@code torch.save} archive ({@code data.pkl}) is malformed, or asks for
 * something a state dict never needs: an opcode, a global or a call outside the short list that
 * {@code torch.load(weights_only=True)} also allows. Nothing in the pickle has been run when this is
 * thrown; torch4j never runs code from a file. Mirrors Python's {@code pickle.UnpicklingError}.
 */
public class UnpicklingException extends StateDictFormatException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file   the archive being read
     * @param record the pickle record, e.g. {@code archive/data.pkl}
     * @param offset byte offset of the offending opcode in the record
     * @param detail the opcode or global found and what was allowed there
     */
    public UnpicklingException(Path file, String record, long offset, String detail) {
        super(file, record, offset, detail);
    }
}
