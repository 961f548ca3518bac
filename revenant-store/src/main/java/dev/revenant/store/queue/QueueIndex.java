package dev.revenant.store.queue;

import java.util.function.LongPredicate;

/**
 * The live entries of one queue, keyed by seq, in about 9 bytes each (chunks of primitive arrays;
 * empty chunks are dropped). Invariants: every entry with {@code seq >= cursor} is ready; a ready
 * entry below the cursor is in {@code requeued}; so the ready entry with the lowest seq is the
 * minimum of the heap's top and the first live slot at or after the cursor.
 *
 * <p>Not thread-safe: owned by one queue, used from its serial executor.
 */
public final class QueueIndex {
    static final int CHUNK_BITS = 12;
    static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    private static final int MAX_DELIVERIES = 255;

    private final IndexChunks chunks = new IndexChunks();
    private long nextSeq = 1;
    private long cursor = 1;
    private final LongMinHeap requeued = new LongMinHeap();
    private long ready;
    private long unacked;

    /** Receives entries during iteration. */
    @FunctionalInterface
    public interface EntryVisitor {
        void visit(long seq, long location, int deliveries);
    }

    /** Receives each removed entry's location. */
    @FunctionalInterface
    public interface LocationSink {
        void accept(long location);
    }

    public long readyCount() {
        return ready;
    }

    public long unackedCount() {
        return unacked;
    }

    public long liveCount() {
        return ready + unacked;
    }

    /** The seq the next {@link #append} will use. */
    public long nextSeq() {
        return nextSeq;
    }

    /** Adds a ready entry at the tail; returns its seq. */
    public long append(long location) {
        long seq = nextSeq;
        put(seq, location, 0);
        return seq;
    }

    /**
     * Sets the entry at {@code seq} (used by recovery, in any order): a new entry is ready;
     * an existing one keeps its state and gets the given location and delivery count.
     */
    public void put(long seq, long location, int deliveries) {
        if (location == 0 || seq < 1) {
            throw new IllegalArgumentException("bad entry seq=" + seq + " location=" + location);
        }
        IndexChunk chunk = chunkFor(seq, true);
        int slot = (int) (seq - chunk.base);
        if (chunk.locations[slot] == 0) {
            chunk.live++;
            ready++;
            if (seq < cursor) {
                requeued.push(seq);
            }
        }
        chunk.locations[slot] = location;
        chunk.deliveries[slot] = (byte) Math.min(deliveries, MAX_DELIVERIES);
        if (seq >= nextSeq) {
            nextSeq = seq + 1;
        }
    }

    /** Makes sure seqs below {@code seq} are never handed out again by {@link #append}. */
    public void reserveSeqsBelow(long seq) {
        nextSeq = Math.max(nextSeq, seq);
    }

    public boolean isLive(long seq) {
        IndexChunk chunk = chunkFor(seq, false);
        return chunk != null && chunk.locations[(int) (seq - chunk.base)] != 0;
    }

    public boolean isUnacked(long seq) {
        IndexChunk chunk = chunkFor(seq, false);
        return chunk != null && chunk.locations[(int) (seq - chunk.base)] != 0
                && chunk.isUnacked((int) (seq - chunk.base));
    }

    /** Location of a live entry, or 0. */
    public long location(long seq) {
        IndexChunk chunk = chunkFor(seq, false);
        return chunk == null ? 0 : chunk.locations[(int) (seq - chunk.base)];
    }

    /** Delivery count of a live entry (0 if not live). */
    public int deliveries(long seq) {
        IndexChunk chunk = chunkFor(seq, false);
        return chunk == null ? 0 : chunk.deliveries((int) (seq - chunk.base));
    }

    /** Removes a live entry; returns its location, or 0 if {@code seq} was not live. */
    public long remove(long seq) {
        int index = chunks.indexOf(seq);
        if (index < 0) {
            return 0;
        }
        IndexChunk chunk = chunks.get(index);
        int slot = (int) (seq - chunk.base);
        long location = chunk.locations[slot];
        if (location == 0) {
            return 0;
        }
        if (chunk.isUnacked(slot)) {
            chunk.setUnacked(slot, false);
            unacked--;
        } else {
            ready--;
        }
        clearSlot(index, slot);
        return location;
    }

    /** The ready entry with the lowest seq, or -1 if none is ready. */
    public long firstReady() {
        while (!requeued.isEmpty()) {
            long seq = requeued.peek();
            IndexChunk chunk = chunkFor(seq, false);
            if (chunk != null) {
                int slot = (int) (seq - chunk.base);
                if (chunk.locations[slot] != 0 && !chunk.isUnacked(slot)) {
                    return seq;
                }
            }
            requeued.poll();
        }
        long found = nextLiveFrom(cursor);
        if (found < 0) {
            cursor = nextSeq;
            return -1;
        }
        cursor = found;
        return found;
    }

    /**
     * Marks the entry {@link #firstReady()} just returned as unacked and counts its delivery;
     * returns the count before this one.
     */
    public int markUnacked(long seq) {
        IndexChunk chunk = chunkFor(seq, false);
        int slot = chunk == null ? -1 : (int) (seq - chunk.base);
        if (slot < 0 || chunk.locations[slot] == 0 || chunk.isUnacked(slot)) {
            throw new IllegalStateException("entry " + seq + " is not ready");
        }
        if (!requeued.isEmpty() && requeued.peek() == seq) {
            requeued.poll();
        } else if (seq >= cursor) {
            // Entries between the cursor and seq are not ready (firstReady skipped them).
            cursor = seq + 1;
        }
        chunk.setUnacked(slot, true);
        int before = chunk.deliveries(slot);
        chunk.deliveries[slot] = (byte) Math.min(before + 1, MAX_DELIVERIES);
        ready--;
        unacked++;
        return before;
    }

    /** Returns an unacked entry to ready at its place; false if it was not unacked. */
    public boolean markReady(long seq) {
        IndexChunk chunk = chunkFor(seq, false);
        if (chunk == null) {
            return false;
        }
        int slot = (int) (seq - chunk.base);
        if (chunk.locations[slot] == 0 || !chunk.isUnacked(slot)) {
            return false;
        }
        chunk.setUnacked(slot, false);
        unacked--;
        ready++;
        if (seq < cursor) {
            requeued.push(seq);
        }
        return true;
    }

    /** Removes every ready entry; each removed location goes to {@code sink}. Returns how many. */
    public long removeReady(LocationSink sink) {
        return removeWhere(Long.MAX_VALUE, seq -> false, true, sink);
    }

    /** Removes every entry with seq below {@code beforeSeq} that {@code keep} rejects; returns how many. */
    public long removeBelow(long beforeSeq, LongPredicate keep, LocationSink sink) {
        return removeWhere(beforeSeq, keep, false, sink);
    }

    private long removeWhere(long beforeSeq, LongPredicate keep, boolean readyOnly, LocationSink sink) {
        long removed = 0;
        for (int index = 0; index < chunks.size() && chunks.get(index).base < beforeSeq; ) {
            IndexChunk chunk = chunks.get(index);
            for (int slot = 0; slot < CHUNK_SIZE && chunk.base + slot < beforeSeq; slot++) {
                long location = chunk.locations[slot];
                if (location == 0 || keep.test(chunk.base + slot)) {
                    continue;
                }
                if (chunk.isUnacked(slot)) {
                    if (readyOnly) {
                        continue;
                    }
                    chunk.setUnacked(slot, false);
                    unacked--;
                } else {
                    ready--;
                }
                chunk.locations[slot] = 0;
                chunk.deliveries[slot] = 0;
                chunk.live--;
                removed++;
                sink.accept(location);
            }
            if (chunk.live == 0) {
                chunks.remove(index);
            } else {
                index++;
            }
        }
        if (readyOnly) {
            requeued.clear();
            cursor = nextSeq;
        }
        return removed;
    }

    /** Visits ready entries with seq at or after {@code fromSeq}, in seq order, until {@code max}. */
    public int forEachReady(long fromSeq, int max, EntryVisitor visitor) {
        int visited = 0;
        int index = chunks.firstAtOrAfter(fromSeq);
        for (; index < chunks.size() && visited < max; index++) {
            IndexChunk chunk = chunks.get(index);
            int slot = (int) Math.max(0, fromSeq - chunk.base);
            for (; slot < CHUNK_SIZE && visited < max; slot++) {
                if (chunk.locations[slot] != 0 && !chunk.isUnacked(slot)) {
                    visitor.visit(chunk.base + slot, chunk.locations[slot], chunk.deliveries(slot));
                    visited++;
                }
            }
        }
        return visited;
    }

    /** Visits every live entry, ready or unacked, in seq order. */
    public void forEachLive(EntryVisitor visitor) {
        for (int index = 0; index < chunks.size(); index++) {
            IndexChunk chunk = chunks.get(index);
            for (int slot = chunk.nextLive(0); slot >= 0; slot = chunk.nextLive(slot + 1)) {
                visitor.visit(chunk.base + slot, chunk.locations[slot], chunk.deliveries(slot));
            }
        }
    }

    /** Number of live entries with {@code fromSeq <= seq <= toSeq}. */
    public long countLive(long fromSeq, long toSeq) {
        long count = 0;
        for (int index = chunks.firstAtOrAfter(fromSeq); index < chunks.size(); index++) {
            IndexChunk chunk = chunks.get(index);
            if (chunk.base > toSeq) {
                break;
            }
            if (chunk.base >= fromSeq && chunk.base + CHUNK_SIZE - 1 <= toSeq) {
                count += chunk.live;
                continue;
            }
            for (int slot = 0; slot < CHUNK_SIZE; slot++) {
                long seq = chunk.base + slot;
                if (seq >= fromSeq && seq <= toSeq && chunk.locations[slot] != 0) {
                    count++;
                }
            }
        }
        return count;
    }

    private long nextLiveFrom(long seq) {
        for (int index = chunks.firstAtOrAfter(seq); index < chunks.size(); index++) {
            IndexChunk chunk = chunks.get(index);
            int slot = chunk.nextLive((int) Math.max(0, seq - chunk.base));
            if (slot >= 0) {
                return chunk.base + slot;
            }
        }
        return -1;
    }

    private void clearSlot(int index, int slot) {
        IndexChunk chunk = chunks.get(index);
        chunk.locations[slot] = 0;
        chunk.deliveries[slot] = 0;
        if (--chunk.live == 0) {
            chunks.remove(index);
        }
    }

    private IndexChunk chunkFor(long seq, boolean create) {
        return create ? chunks.findOrCreate(seq) : chunks.find(seq);
    }
}
