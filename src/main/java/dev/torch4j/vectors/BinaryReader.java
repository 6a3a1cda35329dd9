package dev.torch4j.vectors;

import dev.torch4j.Tensor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Reads the rows of a word2vec binary file: a word, a space, {@code dim} little-endian float32, and a
 * row separator that is the same for every row of a file: nothing (gensim's layout), a newline
 * (word2vec.c's) or {@code \r\n} (Windows writers). The first row decides which; a later row that
 * does not end the same way is refused, since the values of a short row would otherwise be read
 * into the next word and garble every row after it.
 *
 * <p>The file is read in chunks into direct buffers. The calling thread finds the rows and takes the
 * words; the float bytes are copied into the tensor's memory by worker threads, chunk by chunk, so
 * that the copying (and the page faults of a fresh tensor) overlap the reading.
 */
final class BinaryReader {
    static final int DEFAULT_CHUNK_BYTES = 1 << 20;
    private static final int CHUNKS = 6;

    /** What ends each row; {@code null} until the second row shows it. */
    private enum Separator {
        NONE(""), NEWLINE("\n"), CRLF("\r\n");

        final String text;

        Separator(String text) {
            this.text = text;
        }
    }

    private final ByteSource src;
    private final Header header;
    private final LoadSettings settings;
    private final long limit;
    private final int rowBytes;
    private final long blockBytes;
    private final int maxWord;
    private final int chunkBytes;

    /**
     * @param maxWord    the longest word accepted, in bytes
     * @param blockBytes bytes per block of target rows, 0 for the default
     * @param chunkBytes bytes read at a time (at least twice the longest word)
     */
    BinaryReader(ByteSource src, Header header, LoadSettings settings, long limit, int maxWord, long blockBytes,
            int chunkBytes) {
        this.src = src;
        this.header = header;
        this.settings = settings;
        this.limit = limit;
        this.rowBytes = 4 * header.dim;
        this.blockBytes = blockBytes;
        this.maxWord = maxWord;
        this.chunkBytes = chunkBytes;
    }

    /** Float bytes of one chunk and where they go, copied by a worker. */
    private static final class Copies {
        final ByteBuffer chunk;
        int n;
        int[] srcOff = new int[256];
        int[] dstOff = new int[256];
        int[] len = new int[256];
        RowSink.Block[] block = new RowSink.Block[256];

        Copies(ByteBuffer chunk) {
            this.chunk = chunk;
        }

        void add(int s, RowSink.Block b, int d, int l) {
            if (n == srcOff.length) {
                srcOff = Arrays.copyOf(srcOff, n * 2);
                dstOff = Arrays.copyOf(dstOff, n * 2);
                len = Arrays.copyOf(len, n * 2);
                block = Arrays.copyOf(block, n * 2);
            }
            srcOff[n] = s;
            dstOff[n] = d;
            len[n] = l;
            block[n] = b;
            n++;
        }

        void run() {
            for (int i = 0; i < n; i++) {
                block[i].buffer.put(dstOff[i], chunk, srcOff[i], len[i]);
                block[i] = null;
            }
        }
    }

    /**
     * The chunk being parsed and the ones around it. With a read-ahead thread, chunks are read (or
     * inflated) a few ahead of the parser; with a pool, a chunk whose rows are found goes to a worker
     * that copies its float bytes. Every chunk keeps {@code headroom} bytes free at its front: when a
     * row's word runs past a chunk's end, those few bytes are copied in front of the next chunk's data,
     * so the row is contiguous again.
     */
    private final class Chunks {
        /** A chunk read ahead: data in {@code [headroom, limit)}, {@code offset} the content offset of its first byte. */
        private record Filled(ByteBuffer chunk, long offset, boolean ended) {
        }

        final ExecutorService pool;
        final int headroom;
        /** Whether chunks are windows of the file mapped into memory rather than read (see {@link FileWindows}). */
        final boolean mapped;
        /** The bytes a mapped window spans at most. */
        final int window;
        /** The mapped window that {@code chunk} is, when mapped. */
        FileWindows.Window mapping;
        final java.util.concurrent.BlockingQueue<ByteBuffer> free = new java.util.concurrent.LinkedBlockingQueue<>();
        final java.util.concurrent.BlockingQueue<Object> filled = new java.util.concurrent.LinkedBlockingQueue<>();
        final ArrayDeque<Future<?>> copying = new ArrayDeque<>();
        final Thread reader;
        volatile boolean stopped;

        /** Content offset of the next byte to read (by the reader). */
        long readOffset;
        ByteBuffer chunk;
        /** Content offset of {@code chunk}'s byte 0. */
        long base;
        boolean ended;
        Copies copies;
        /** Each chunk's copy list, reused with it, so that reading makes no garbage per chunk. */
        private final java.util.Map<ByteBuffer, Copies> copiesOf = new java.util.IdentityHashMap<>();

        Chunks(ExecutorService pool, boolean readAhead, int size, boolean mapped) {
            this.pool = pool;
            this.headroom = maxWord + 3;
            this.mapped = mapped;
            this.window = (int) Math.min(ByteSource.MAX_ARRAY, Math.max(16L * size, 4L * headroom));
            if (mapped) {
                // windows are mapped from the first ensure on, each from where the rows have got to
                readOffset = src.offset();
                chunk = ByteBuffer.allocate(0);
                base = readOffset;
                copies = new Copies(chunk);
                reader = null;
                return;
            }
            int count = pool != null ? CHUNKS : readAhead ? 4 : 2;
            for (int i = 0; i < count; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(headroom + size);
                copiesOf.put(b, new Copies(b));
                free.add(b);
            }
            chunk = free.poll();
            chunk.position(headroom).limit(headroom);
            readOffset = src.offset();
            base = readOffset - headroom;
            copies = copiesOf.get(chunk);
            if (readAhead) {
                reader = new Thread(this::readAhead, "torch4j-vector-reader");
                reader.setDaemon(true);
                reader.start();
            } else {
                reader = null;
            }
        }

        /** The reader thread: fills free chunks in order until the content ends or the load stops. */
        private void readAhead() {
            try {
                while (!stopped) {
                    Filled f = read(free.take());
                    filled.add(f);
                    if (f.ended()) {
                        return;
                    }
                }
            } catch (Throwable t) {
                // stopped (an interrupt while waiting or reading), or a fault the parser reports in its turn
                filled.add(t);
            }
        }

        private Filled read(ByteBuffer b) throws IOException {
            b.clear().position(headroom);
            int n = src.readFully(b);
            boolean end = n < 0 || b.hasRemaining();
            b.limit(b.position()).position(headroom);
            Filled f = new Filled(b, readOffset, end);
            readOffset += b.remaining();
            return f;
        }

        /** Makes {@code n} bytes available from the position, unless the content ends first. */
        void ensure(int n) throws IOException {
            if (chunk.remaining() >= n || ended) {
                return;
            }
            next(chunk.remaining());
        }

        /** Moves on to the next chunk once this one is used up. @return false at the end of the content */
        boolean more() throws IOException {
            if (ended) {
                return false;
            }
            next(0);
            return chunk.hasRemaining();
        }

        /** Takes the next chunk, with the last {@code tail} bytes of this one in front of its data. */
        private void next(int tail) throws IOException {
            if (mapped) {
                mapAt(base + chunk.limit() - tail);
                return;
            }
            Filled f;
            if (reader != null) {
                Object o;
                try {
                    o = filled.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading " + src.path);
                }
                if (o instanceof Throwable t) {
                    throw Workers.rethrow(t);
                }
                f = (Filled) o;
            } else {
                ByteBuffer b = free.poll();
                if (b == null) {
                    b = awaitOldest();
                }
                f = read(b);
            }
            ByteBuffer next = f.chunk();
            next.put(headroom - tail, chunk, chunk.limit() - tail, tail);
            next.position(headroom - tail);
            if (pool != null && copies.n > 0) {
                ByteBuffer done = chunk;
                Copies work = copies;
                copying.add(pool.submit(() -> {
                    work.run();
                    free.add(done);
                }));
            } else {
                free.add(chunk);
            }
            prune();
            chunk = next;
            base = f.offset() - headroom;
            ended = f.ended();
            copies = copiesOf.get(chunk);
            copies.n = 0;
        }

        /** Maps the window from content offset {@code at} of a plain file and makes it the chunk. */
        private void mapAt(long at) throws IOException {
            long len = Math.max(0, Math.min(window, src.fileSize - at));
            FileWindows.Window w = src.map(at, len, true);
            if (mapping != null) {
                mapping.close();
            }
            mapping = w;
            chunk = w.buffer;
            base = at;
            ended = at + len >= src.fileSize;
        }

        /** Moves a mapped file's reading to content offset {@code at} (a scout's row, or its end). */
        void seek(long at) throws IOException {
            if (at >= base && at <= base + chunk.limit()) {
                chunk.position((int) (at - base));
            } else {
                mapAt(at);
            }
        }

        /** @return the content offset of the chunk's position */
        long offset() {
            return base + chunk.position();
        }

        /** Forgets copy tasks that are done, reporting the first that failed. */
        private void prune() throws IOException {
            while (!copying.isEmpty() && copying.peek().isDone()) {
                await(copying.poll());
            }
        }

        /** Waits for the oldest copy task (without a reader, only then is a chunk free). */
        private ByteBuffer awaitOldest() throws IOException {
            while (free.isEmpty()) {
                if (copying.isEmpty()) {
                    throw new IllegalStateException("no chunk free and none being copied");
                }
                await(copying.poll());
            }
            return free.poll();
        }

        /** Waits until every float byte found so far is copied. */
        void drain() throws IOException {
            if (pool != null && copies.n > 0) {
                Copies work = copies;
                copying.add(pool.submit(work::run));
            }
            while (!copying.isEmpty()) {
                await(copying.poll());
            }
            copies.n = 0;
        }

        /** Stops the reader and waits for the workers, reporting nothing: the load is over or failing. */
        void abandon() {
            stopped = true;
            boolean interrupted = false;
            if (reader != null) {
                // nothing more is read once the load stops: the reader may be interrupted, even mid-read
                reader.interrupt();
                while (reader.isAlive()) {
                    try {
                        reader.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            for (Future<?> f : copying) {
                Workers.awaitQuietly(f);
            }
            copying.clear();
            if (mapping != null) {
                // nothing reads the window any more: the load is over or failing
                chunk = ByteBuffer.allocate(0);
                mapping.close();
                mapping = null;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Words waiting to be added to the table, a few hundred at a time, so that the table's cache misses
     * overlap (see {@link WordTable#addAll}); a duplicate is reported with its vector and byte offset.
     */
    private final class Batch {
        private static final int SIZE = 512;
        final WordTable words;
        byte[] bytes = new byte[SIZE * 16];
        final int[] ends = new int[SIZE];
        final int[] hashes = new int[SIZE];
        final long[] offsets = new long[SIZE];
        int n;

        Batch(WordTable words) {
            this.words = words;
        }

        void add(byte[] w, int len, long rowOffset) throws VectorFormatException {
            int from = n == 0 ? 0 : ends[n - 1];
            if (from + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, from + len));
            }
            System.arraycopy(w, 0, bytes, from, len);
            ends[n] = from + len;
            hashes[n] = WordTable.hash(bytes, from, len);
            offsets[n] = rowOffset;
            if (++n == SIZE) {
                flush();
            }
        }

        void flush() throws VectorFormatException {
            int first = words.size();
            int dup = words.addAll(bytes, ends, hashes, n);
            int count = n;
            n = 0;
            if (dup >= 0) {
                int from = dup == 0 ? 0 : ends[dup - 1];
                int len = ends[dup] - from;
                throw error(offsets[dup], "duplicate word '" + Header.printable(bytes, from, len) + "' in vector #"
                        + (first + dup) + " (first in vector #" + words.indexOf(bytes, from, len)
                        + "): expected each word once");
            }
            assert words.size() == first + count;
        }
    }

    KeyedVectors read() throws IOException {
        long toRead = Math.min(header.count, limit);
        long minimum = checkSize(toRead);
        long known = src.knownContentBytes();
        boolean proven = known >= 0 && minimum <= known - src.offset();
        WordTable vocabulary = settings.vocabularyTable();
        long alloc = vocabulary == null ? toRead : Math.min(toRead, vocabulary.size());
        RowSink sink = new RowSink(alloc, header.dim, settings.dtype(), settings.device(), blockBytes, proven);
        // small files are read on this thread alone: a pool pays off only beyond a few chunks
        long left = src.maxContentBytes() - src.offset();
        int threads = settings.threadCount();
        boolean big = threads > 1 && left > 4L * chunkBytes;
        // a fresh tensor written in place is faulted in by a thread of a pool; the float bytes are copied
        // by the pool too when there are cores beyond the parser's and the prefault's: on two cores a
        // copier thread would only take turns with them, and the parser copies faster itself
        boolean prefaulted = big && proven && sink.inPlace() && alloc * rowBytes > 4L * chunkBytes;
        boolean copiers = prefaulted && threads > 2;
        ExecutorService pool = prefaulted ? Workers.pool(copiers ? threads : 1, "torch4j-vector-copier") : null;
        // a filtered load of a plain file maps it rather than read it: most rows are skipped, and their
        // bytes are then neither copied nor kept resident
        boolean mapped = vocabulary != null && pool == null && src.mappable();
        Load load = null;
        try {
            // a filtered load of a whole big file sends scouts ahead into its later segments
            int scouts = mapped && threads > 1 && toRead == header.count && left > 16L * chunkBytes ? threads - 1 : 0;
            load = new Load(sink, pool, copiers, big && !mapped, mapped, vocabulary, alloc, proven, scouts,
                    (int) Math.min(ByteSource.MAX_ARRAY - maxWord - 3L, Math.max(Math.min(chunkBytes, left + 1),
                            2L * (maxWord + 3))));
            boolean stoppedEarly = false;
            for (long i = 0; i < toRead; i++) {
                if (vocabulary != null) {
                    if (load.words.size() == vocabulary.size()) {
                        stoppedEarly = true;
                        break;
                    }
                    i = load.skipAbsent(i, toRead);
                    if (i == toRead) {
                        break;
                    }
                }
                load.row(i);
            }
            load.finishRows();
            if (!stoppedEarly && toRead == header.count) {
                checkNothingFollows(load.c);
            }
            Tensor vectors = sink.finish(load.words.size());
            return new KeyedVectors(load.words, vectors);
        } catch (VectorFormatException e) {
            // a duplicate among the words not yet added came first in the file
            if (load != null && load.batch != null) {
                load.batch.flush();
            }
            throw e;
        } catch (InternalError e) {
            if (mapped) {
                // the JVM's report of an access fault in a mapping: the file shrank while it was read
                throw new IOException(src.path + ": the file changed while it was read (" + e.getMessage() + ")", e);
            }
            throw e;
        } finally {
            // no worker may still be writing into the tensor when it is freed
            if (load != null) {
                load.abandon();
            }
            if (pool != null) {
                pool.shutdown();
            }
            sink.close();
        }
    }

    /**
     * The state of one load, with the work of one row in a method of its own ({@link #row}), small
     * enough to be compiled after a few thousand rows rather than run interpreted until the loop
     * around it is compiled on the stack.
     */
    private final class Load {
        final RowSink sink;
        final WordTable vocabulary;
        final WordTable words;
        final long alloc;
        final Chunks c;
        final Batch batch;
        final RowSink.Prefault prefault;
        final byte[] scratch = new byte[maxWord + 1];
        int[] keptRows;
        /** Skips the rows the vocabulary surely lacks, once the separator is known. */
        Skipper skipper;
        Separator separator;
        RowSink.Block block;
        /** Scouts to send ahead once the separator is known (see {@link Scout}); 0 for none. */
        final int scoutCount;
        ExecutorService scoutPool;
        Scout[] scouts;
        java.util.List<Future<Scout>> scouting;
        /** The next scout whose start the rows have not passed yet. */
        int nextScout;
        /** The scout whose segment is being taken over, its next noted row, and the row index of its start. */
        Scout taken;
        int takenNoted;
        long takenFirst;

        /** @param copiers whether the pool copies the float bytes (else this thread does, and the pool only prefaults) */
        Load(RowSink sink, ExecutorService pool, boolean copiers, boolean readAhead, boolean mapped, WordTable vocabulary,
                long alloc, boolean proven, int scoutCount, int chunkSize) throws IOException {
            this.sink = sink;
            this.vocabulary = vocabulary;
            this.alloc = alloc;
            this.words = new WordTable((int) (proven ? alloc : Math.min(alloc, 1 << 16)));
            this.keptRows = vocabulary == null ? null : new int[(int) Math.min(alloc, 1 << 16)];
            this.batch = vocabulary == null ? new Batch(words) : null;
            this.c = new Chunks(copiers ? pool : null, readAhead, chunkSize, mapped);
            this.prefault = pool != null ? sink.prefault(pool) : null;
            this.scoutCount = scoutCount;
        }

        /** Reads vector {@code i}: its separator from the row before, its word, its values. */
        void row(long i) throws IOException {
            c.ensure(2 + maxWord + 1);
            ByteBuffer chunk = c.chunk;
            int p = chunk.position();
            int lim = chunk.limit();
            if (p == lim) {
                throw endsAfter(c.base + p, i);
            }
            if (i == 1) {
                separator = chunk.get(p) == '\n' ? Separator.NEWLINE
                        : p + 1 < lim && chunk.get(p) == '\r' && chunk.get(p + 1) == '\n' ? Separator.CRLF
                                : Separator.NONE;
            }
            if (separator != null && separator != Separator.NONE) {
                String text = separator.text;
                for (int k = 0; k < text.length(); k++) {
                    if (p + k >= lim || chunk.get(p + k) != text.charAt(k)) {
                        throw separatorMissing(chunk, p + k, i);
                    }
                }
                p += text.length();
                if (p == lim) {
                    throw endsAfter(c.base + p, i);
                }
            }
            long rowOffset = c.base + p;
            // the word: bytes copied into the scratch array a few dozen at a time until its space shows
            int wordLen = -1;
            boolean ascii = true;
            boolean newline = false;
            int window = Math.min(lim - p, maxWord + 1);
            for (int got = 0; got < window && wordLen < 0; ) {
                int n = Math.min(window - got, Math.max(32, got));
                chunk.get(p + got, scratch, got, n);
                for (int k = got; k < got + n; k++) {
                    byte b = scratch[k];
                    if (b == ' ') {
                        wordLen = k;
                        break;
                    }
                    if (b < 0) {
                        ascii = false;
                    } else if (b == '\n') {
                        newline = true;
                    }
                }
                got += n;
            }
            if (wordLen < 0) {
                throw noWord(rowOffset, lim - p, i);
            }
            if (wordLen == 0 || newline) {
                throw notAWord(rowOffset, wordLen, i);
            }
            int valuesAt = p + wordLen + 1;
            byte[] w = scratch;
            int bad = ascii ? -1 : WordDecoder.invalidAt(scratch, 0, wordLen);
            if (bad >= 0) {
                if (settings.unicodeErrors() == UnicodeErrors.STRICT) {
                    throw invalidUtf8(rowOffset + bad, scratch[bad], i);
                }
                w = WordDecoder.repair(scratch, 0, wordLen, settings.unicodeErrors());
                wordLen = w.length;
            }
            boolean keep = true;
            long row = i;
            if (vocabulary == null) {
                batch.add(w, wordLen, rowOffset);
            } else {
                keep = vocabulary.mightContain(w, 0, wordLen) && vocabulary.indexOf(w, 0, wordLen) >= 0;
                row = words.size();
                if (keep) {
                    keep(w, wordLen, rowOffset, i);
                }
            }
            if (keep && (block == null || !block.contains(row))) {
                if (block != null) {
                    sink.commit(block);
                }
                block = sink.open(row, (int) Math.min(sink.blockRows(), alloc - row));
            }
            values(valuesAt, keep, row, w, wordLen, i);
        }

        /**
         * Skips, from row {@code i} on, the rows whose words the vocabulary surely lacks, in a loop small
         * enough to be compiled early. It checks what {@link #row} checks of such a row (the separator,
         * a non-empty ASCII word without a newline of at most {@code maxWord} bytes, the values within
         * the chunk) and leaves every other row, with the error it may raise, to {@link #row}.
         *
         * @return the first row not skipped ({@code toRead} when none is left)
         */
        long skipAbsent(long i, long toRead) throws IOException {
            if (separator == null) {
                return i;
            }
            if (scoutCount > 0 && scouts == null) {
                sendScouts();
            }
            while (i < toRead) {
                long bound = Long.MAX_VALUE;
                if (scouts != null) {
                    if (taken != null) {
                        // in a scout's segment: its next noted row, or on from its end
                        if (takenNoted < taken.noted) {
                            c.seek(taken.offsets[takenNoted]);
                            return takenFirst + taken.indices[takenNoted++];
                        }
                        i = takenFirst + taken.rows;
                        c.seek(taken.end);
                        taken = null;
                        continue;
                    }
                    bound = scoutBound(i, toRead);
                    if (taken != null) {
                        continue;
                    }
                }
                int n = (int) Math.min(SKIP_BATCH, toRead - i);
                int skipped = skipSome(n, bound);
                i += skipped;
                if (skipped < n && c.offset() < bound) {
                    break;
                }
            }
            return i;
        }

        /** Starts a scout on each later segment of the file (from here to its end), on threads of their own. */
        private void sendScouts() {
            long from = c.offset();
            long span = src.fileSize - from;
            int sep = separator.text.length();
            int w = (int) Math.min(ByteSource.MAX_ARRAY, Math.max(c.window, Scout.windowFor(sep, maxWord, rowBytes)));
            vocabulary.mightContain(0, 1); // builds the filter the scouts read, before they start
            scouts = new Scout[scoutCount];
            scouting = new java.util.ArrayList<>();
            scoutPool = Workers.pool(scoutCount, "torch4j-vector-scout");
            for (int k = 0; k < scoutCount; k++) {
                long start = from + span * (k + 1) / (scoutCount + 1);
                long end = from + span * (k + 2) / (scoutCount + 1);
                scouts[k] = new Scout(src, start, end, sep, maxWord, rowBytes, vocabulary, w);
                scouting.add(scoutPool.submit(scouts[k]));
            }
        }

        /**
         * Takes over the next scout's segment when the rows have reached its start exactly (setting
         * {@link #taken}), and drops the scouts whose starts they have passed (a wrong guess).
         *
         * @return how far rows may be skipped before a scout is looked at again
         */
        private long scoutBound(long i, long toRead) throws IOException {
            long at = c.offset();
            while (nextScout < scouts.length) {
                Scout s = scouts[nextScout];
                if (at < s.from) {
                    return s.from;
                }
                Workers.await(scouting.get(nextScout), src.path);
                if (s.start >= 0 && at < s.start) {
                    return s.start;
                }
                nextScout++;
                if (s.start == at && i + s.rows <= toRead) {
                    taken = s;
                    java.util.function.Consumer<Scout> seen = scoutTaken;
                    if (seen != null) {
                        seen.accept(s);
                    }
                    takenNoted = 0;
                    takenFirst = i;
                    return Long.MAX_VALUE;
                }
            }
            return Long.MAX_VALUE;
        }

        /**
         * Skips at most {@code n} rows as {@link #skipAbsent} does, through the {@link Skipper} it
         * shares with the scouts.
         *
         * @param bound a content offset the rows stop at (a scout's start)
         * @return the rows skipped
         */
        private int skipSome(int n, long bound) {
            if (skipper == null) {
                skipper = new Skipper(separator.text.length(), maxWord, rowBytes, vocabulary);
            }
            ByteBuffer chunk = c.chunk;
            int lim = chunk.limit();
            long before = skipper.rows;
            chunk.position(skipper.skip(chunk, chunk.position(), lim, (int) Math.min(lim, Math.max(0, bound - c.base)), n));
            return (int) (skipper.rows - before);
        }

        /** Takes the float bytes of a row, possibly spread over several chunks. */
        private void values(int start, boolean keep, long row, byte[] w, int wordLen, long i) throws IOException {
            long vecOffset = c.base + start;
            ByteBuffer chunk = c.chunk;
            chunk.position(start);
            int done = 0;
            while (done < rowBytes) {
                if (!chunk.hasRemaining()) {
                    if (!c.more()) {
                        throw error(vecOffset, "truncated vector #" + i + " ('" + Header.printable(w, 0, wordLen)
                                + "'): expected " + rowBytes + " bytes of float32 values, found " + done
                                + " before the end of the file");
                    }
                    chunk = c.chunk;
                }
                int n = Math.min(chunk.remaining(), rowBytes - done);
                if (keep) {
                    int dst = (int) ((row - block.first) * rowBytes) + done;
                    if (c.pool != null) {
                        c.copies.add(chunk.position(), block, dst, n);
                    } else {
                        block.buffer.put(dst, chunk, chunk.position(), n);
                    }
                }
                chunk.position(chunk.position() + n);
                done += n;
            }
            if (prefault != null) {
                prefault.reached((row + 1) * rowBytes);
            }
        }

        /** Adds a word the vocabulary keeps, at once: duplicates are detected among the kept words only. */
        private void keep(byte[] w, int wordLen, long rowOffset, long i) throws VectorFormatException {
            int row = words.size();
            int first = words.add(w, 0, wordLen);
            if (first >= 0) {
                throw error(rowOffset, "duplicate word '" + Header.printable(w, 0, wordLen) + "' in vector #" + i
                        + " (first in vector #" + keptRows[first] + "): expected each word once");
            }
            if (row == keptRows.length) {
                keptRows = Arrays.copyOf(keptRows, row * 2);
            }
            keptRows[row] = (int) i;
        }

        /** After the last row: the words still batched, the copies still running, the last block. */
        void finishRows() throws IOException {
            if (batch != null) {
                batch.flush();
            }
            c.drain();
            if (block != null) {
                sink.commit(block);
                block = null;
            }
        }

        /** Waits until no thread touches the tensor any more, reporting nothing: the load is failing. */
        void abandon() {
            if (prefault != null) {
                prefault.stop();
            }
            if (scouts != null) {
                for (Scout s : scouts) {
                    s.stop();
                }
                scouting.forEach(Workers::awaitQuietly);
                scoutPool.shutdown();
            }
            c.abandon();
            sink.discard(block);
            block = null;
        }

        private VectorFormatException endsAfter(long offset, long i) {
            return error(offset, "the header promises " + header.count + " vectors, but the file ends after " + i);
        }

        private VectorFormatException separatorMissing(ByteBuffer chunk, int at, long i) {
            return error(c.base + at, "vector #" + (i - 1) + " is not followed by "
                    + (separator == Separator.NEWLINE ? "a newline" : "\\r\\n") + " as vector #0 is; found "
                    + (at >= chunk.limit() ? "the end of the file" : "byte 0x" + String.format("%02x", chunk.get(at)))
                    + ": expected every row to hold exactly " + rowBytes + " bytes of float32 values (is a value "
                    + "missing, or the dimension in the header wrong?)");
        }

        private VectorFormatException noWord(long rowOffset, int avail, long i) {
            return error(rowOffset, avail <= maxWord
                    ? "truncated vector #" + i + ": expected a word, a space and " + rowBytes
                            + " bytes of float32 values, found " + avail + " bytes and the end of the file"
                    : "expected vector #" + i + " to start with a word of at most " + maxWord
                            + " bytes and a space, found no space");
        }

        private VectorFormatException notAWord(long rowOffset, int wordLen, long i) {
            return error(rowOffset, "expected vector #" + i + " to start with a word, found '"
                    + Header.printable(scratch, 0, wordLen) + "'" + (wordLen > 0 && scratch[0] == '\n'
                            && separator == Separator.NONE ? " (a newline after vector #" + (i - 1)
                                    + ", although none follows vector #0)" : " (is the dimension in the header right?)"));
        }

        private VectorFormatException invalidUtf8(long offset, byte b, long i) {
            return error(offset, "invalid UTF-8 in word #" + i + " (byte 0x" + String.format("%02x", b & 0xff)
                    + "): expected UTF-8 text; UnicodeErrors.REPLACE or IGNORE load it anyway");
        }
    }

    /** Sees every scout whose segment a load takes over (tests check that scouts run); null in use. */
    static volatile java.util.function.Consumer<Scout> scoutTaken;

    /** Rows {@link Skipper#skip} handles per call. */
    static final int SKIP_BATCH = 32;
    /** How many rows ahead {@link Skipper#skip} touches the file. */
    private static final int AHEAD = 8;

    /**
     * The loop that skips rows whose words a vocabulary surely lacks, shared by a filtered load and its
     * scouts. It is called every {@link #SKIP_BATCH} rows: a method called that often is compiled after
     * a few thousand rows, where one loop over a whole window would run interpreted until replaced on
     * the stack (after some 60,000 rows).
     */
    static final class Skipper {
        private final int sep;
        private final int maxWord;
        private final int rowBytes;
        private final WordTable vocabulary;
        /** Rows skipped so far. */
        long rows;
        /** Where the bytes loaded ahead go, so that the loads are not removed. */
        long touched;

        /** @param sep the row separator's length (0, 1 for a newline, 2 for \r\n) */
        Skipper(int sep, int maxWord, int rowBytes, WordTable vocabulary) {
            this.sep = sep;
            this.maxWord = maxWord;
            this.rowBytes = rowBytes;
            this.vocabulary = vocabulary;
        }

        /**
         * Skips at most {@code n} rows from {@code p} of {@code b} as {@link #absentRowEnd} allows,
         * stopping at {@code stop} or at a row it cannot skip, and counts them in {@link #rows}.
         *
         * @return the position reached
         */
        int skip(ByteBuffer b, int p, int lim, int stop, int n) {
            long sum = 0;
            int k = 0;
            for (; k < n && p < stop; k++) {
                int next = absentRowEnd(b, p, lim, sep, maxWord, rowBytes, vocabulary);
                if (next < 0) {
                    break;
                }
                // each row's word is a cache miss that the next row's address depends on: a load where
                // the row AHEAD rows on probably starts (and the line after) lets those misses overlap
                int guess = next + AHEAD * (next - p);
                if (guess > 0 && guess < lim - 64) {
                    sum += b.get(guess) + b.get(guess + 64);
                }
                p = next;
            }
            rows += k;
            touched += sum;
            return p;
        }
    }
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The end of the row at {@code p} of {@code chunk} when it can be skipped as {@link Load#skipAbsent}
     * says: its {@code sep} separator bytes, a word of 1 to {@code maxWord} ASCII bytes (no newline),
     * a space and {@code rowBytes} value bytes, all before {@code lim}, and a word {@code vocabulary}
     * surely lacks; else -1. The word is scanned eight bytes at a time; a method of its own, called
     * once per row, so that it is compiled after a few hundred rows.
     */
    static int absentRowEnd(ByteBuffer chunk, int p, int lim, int sep, int maxWord, int rowBytes,
            WordTable vocabulary) {
        int q = p + sep;
        if (q + 8 > lim || (sep > 0 && chunk.get(q - 1) != '\n') || (sep == 2 && chunk.get(p) != '\r')) {
            return -1;
        }
        long first = chunk.getLong(q);
        long bytes = Long.reverseBytes(first); // byte k of the word in bits 8k..8k+7
        long special = specialBytes(bytes);
        int len = 0;
        int end = Math.min(lim - 8, q + maxWord + 1);
        while (special == 0) {
            len += 8;
            if (q + len > end) {
                return -1;
            }
            bytes = Long.reverseBytes(chunk.getLong(q + len));
            special = specialBytes(bytes);
        }
        int at = Long.numberOfTrailingZeros(special) >>> 3;
        len += at;
        int next = q + len + 1 + rowBytes;
        if (((bytes >>> (8 * at)) & 0xff) != ' ' || len == 0 || len > maxWord || next > lim) {
            return -1;
        }
        long prefix = len >= 8 ? first : first >>> (64 - 8 * len);
        return vocabulary.mightContain(prefix, len) ? -1 : next;
    }

    /**
     * @return the high bit of each byte of {@code x} that is a space, a newline or not ASCII; the lowest
     *         one set marks the first such byte (bits above it may be set wrongly, none below)
     */
    private static long specialBytes(long x) {
        long space = x ^ 0x2020202020202020L;
        long newline = x ^ 0x0a0a0a0a0a0a0a0aL;
        return (x | ((space - ONES) & ~space) | ((newline - ONES) & ~newline)) & HIGHS;
    }

    private void await(Future<?> f) throws IOException {
        Workers.await(f, src.path);
    }

    /**
     * Refuses a header that promises more rows than the rest of the file can hold, before allocating.
     *
     * @return the fewest bytes the promised rows take
     */
    private long checkSize(long rows) throws VectorFormatException {
        long left = src.maxContentBytes() - src.offset();
        long minimum;
        try {
            minimum = Math.multiplyExact(rows, rowBytes + 2L);
        } catch (ArithmeticException e) {
            minimum = Long.MAX_VALUE;
        }
        if (rows > 0 && minimum > left) {
            throw new VectorFormatException(src.path, 1, 0, false, "the header promises " + header.count
                    + " vectors of dimension " + header.dim + ", which take at least " + minimum + " bytes, but "
                    + (src.gzip ? "this gzip file of " + src.fileSize + " bytes can hold at most " + left
                            : "the file has " + left + " bytes after the header"));
        }
        return minimum;
    }

    /** After the promised rows only whitespace may follow. */
    private void checkNothingFollows(Chunks c) throws IOException {
        do {
            ByteBuffer chunk = c.chunk;
            for (int i = chunk.position(); i < chunk.limit(); i++) {
                byte b = chunk.get(i);
                if (b != '\n' && b != '\r' && b != ' ' && b != '\t') {
                    throw error(c.base + i, "the header promises " + header.count + " vectors, but more data follows them");
                }
            }
            chunk.position(chunk.limit());
        } while (c.more());
    }

    private VectorFormatException error(long offset, String problem) {
        return new VectorFormatException(src.path, -1, offset, src.gzip, problem);
    }
}
