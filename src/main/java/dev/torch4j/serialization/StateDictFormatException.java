package dev.torch4j.serialization;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A weights file that cannot be read as a state dict: truncated, corrupt, of an unknown format, or
 * holding something other than named tensors. The message names the file, the record inside a
 * {@code torch.save} archive where there is one, the byte offset, and what was expected there.
 */
public class StateDictFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The file that could not be read (not serialized: Path is not Serializable). */
    private final transient Path file;
    /** The zip entry inside a torch.save archive, or null. */
    private final String record;
    /** The byte offset of the problem, or -1. */
    private final long offset;

    /**
     * @param file   the file being read
     * @param record the record (zip entry) inside a {@code torch.save} archive, or null for the file itself
     * @param offset the byte offset in the record (or in the file when {@code record} is null); -1 if unknown
     * @param detail what was found and what was expected
     */
    public StateDictFormatException(Path file, String record, long offset, String detail) {
        this(file, record, offset, detail, null);
    }

    /**
     * Like {@link #StateDictFormatException(Path, String, long, String)}, with the cause.
     *
     * @param file   the file being read
     * @param record the record inside the archive, or null
     * @param offset the byte offset, or -1
     * @param detail what was found and what was expected
     * @param cause  the underlying error, or null
     */
    public StateDictFormatException(Path file, String record, long offset, String detail, Throwable cause) {
        super(file + ": " + (record != null ? "record '" + record + "'" + (offset >= 0 ? ", byte " + offset : "")
                : offset >= 0 ? "byte " + offset : "") + (record != null || offset >= 0 ? ": " : "") + detail, cause);
        this.file = file;
        this.record = record;
        this.offset = offset;
    }

    /** @return the file that could not be read */
    public Path file() {
        return file;
    }

    /** @return the record (zip entry name) inside a {@code torch.save} archive, or null for the file itself */
    public String record() {
        return record;
    }

    /** @return the byte offset of the problem in {@link #record()} (or in the file), or -1 if unknown */
    public long offset() {
        return offset;
    }
}
