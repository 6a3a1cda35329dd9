package dev.torch4j.vectors;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Read-only windows of a plain file mapped into memory and unmapped as soon as the reader is done
 * with each, so that a reader that looks at a few bytes of every row (a vocabulary filter) neither
 * copies the rest nor keeps more than a window of the file in its resident memory.
 *
 * <p>A mapping is released when its window is closed, not when the garbage collector finds its
 * buffer: on JDK 22 and later through {@code java.lang.foreign} (the file mapped into a confined
 * {@code Arena}, whose buffer raises {@link IllegalStateException} once closed); on JDK 17 to 21
 * through {@code sun.misc.Unsafe.invokeCleaner} (module {@code jdk.unsupported}; a buffer must not be
 * touched after its window is closed, which the one reader that owns it ensures). Both are found by
 * reflection, so that the library compiles for Java 17; where neither is found (or on JDK 23 and
 * later without the first, where the second warns), {@link #available} is false and readers read
 * the file instead. A mapped file that shrinks while mapped makes an access fault: the JVM raises
 * {@link InternalError} there, which readers report as an {@link IOException}.
 */
final class FileWindows {
    private static final MethodHandle OPEN_ARENA;
    private static final MethodHandle MAP_INTO_ARENA;
    private static final MethodHandle AS_BYTE_BUFFER;
    private static final MethodHandle CLOSE_ARENA;
    private static final MethodHandle INVOKE_CLEANER;

    static {
        MethodHandle open = null;
        MethodHandle map = null;
        MethodHandle asBuffer = null;
        MethodHandle close = null;
        MethodHandle cleaner = null;
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        int feature = Runtime.version().feature();
        try {
            if (feature >= 22) {
                Class<?> arena = Class.forName("java.lang.foreign.Arena");
                Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
                open = lookup.findStatic(arena, "ofConfined", MethodType.methodType(arena));
                map = lookup.findVirtual(FileChannel.class, "map", MethodType.methodType(segment,
                        FileChannel.MapMode.class, long.class, long.class, arena));
                asBuffer = lookup.findVirtual(segment, "asByteBuffer", MethodType.methodType(ByteBuffer.class));
                close = lookup.findVirtual(arena, "close", MethodType.methodType(void.class));
            } else {
                Class<?> unsafe = Class.forName("sun.misc.Unsafe");
                Field the = unsafe.getDeclaredField("theUnsafe");
                the.setAccessible(true);
                cleaner = lookup.findVirtual(unsafe, "invokeCleaner", MethodType.methodType(void.class,
                        ByteBuffer.class)).bindTo(the.get(null));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            open = null;
            cleaner = null;
        }
        OPEN_ARENA = open;
        MAP_INTO_ARENA = map;
        AS_BYTE_BUFFER = asBuffer;
        CLOSE_ARENA = close;
        INVOKE_CLEANER = cleaner;
    }

    private FileWindows() {
    }

    /** @return whether windows can be mapped and released at once on this JVM */
    static boolean available() {
        return OPEN_ARENA != null || INVOKE_CLEANER != null;
    }

    /** One mapped window; closing it unmaps it. Used by one thread. */
    static final class Window implements AutoCloseable {
        /** The window's bytes, position 0, limit its length. */
        final ByteBuffer buffer;
        private final Object arena;
        private boolean closed;

        private Window(ByteBuffer buffer, Object arena) {
            this.buffer = buffer;
            this.arena = arena;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (arena != null) {
                    CLOSE_ARENA.invoke(arena);
                } else if (buffer.capacity() > 0) {
                    INVOKE_CLEANER.invoke(buffer);
                }
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }

    /**
     * Maps {@code length} bytes of {@code channel} from {@code offset}, read-only.
     *
     * @throws IllegalStateException when {@link #available} is false
     */
    static Window map(FileChannel channel, long offset, long length) throws IOException {
        if (!available()) {
            throw new IllegalStateException("mapping files is not available on this JVM");
        }
        if (length == 0) {
            return new Window(ByteBuffer.allocate(0), null);
        }
        try {
            if (OPEN_ARENA != null) {
                Object arena = OPEN_ARENA.invoke();
                try {
                    Object segment = MAP_INTO_ARENA.invoke(channel, FileChannel.MapMode.READ_ONLY, offset, length, arena);
                    return new Window((ByteBuffer) AS_BYTE_BUFFER.invoke(segment), arena);
                } catch (Throwable t) {
                    CLOSE_ARENA.invoke(arena);
                    throw t;
                }
            }
            return new Window(channel.map(FileChannel.MapMode.READ_ONLY, offset, length), null);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }
}
