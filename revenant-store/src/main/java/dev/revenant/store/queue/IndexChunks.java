package dev.revenant.store.queue;

import java.util.Arrays;

/**
 * The non-empty chunks of a {@link QueueIndex}, sorted by base seq, found by binary search (with
 * the last hit cached, since access clusters at the head and the tail). Invariant: bases are
 * distinct multiples of {@link QueueIndex#CHUNK_SIZE}, in increasing order.
 */
final class IndexChunks {
    private IndexChunk[] chunks = new IndexChunk[8];
    private int count;
    private int lastHit;

    int size() {
        return count;
    }

    IndexChunk get(int index) {
        return chunks[index];
    }

    /** The chunk holding {@code seq}, or null. */
    IndexChunk find(long seq) {
        int index = indexOf(seq);
        return index >= 0 ? chunks[index] : null;
    }

    /** The chunk holding {@code seq}, created if absent. */
    IndexChunk findOrCreate(long seq) {
        int index = indexOf(seq);
        if (index >= 0) {
            return chunks[index];
        }
        int insertAt = -index - 1;
        if (count == chunks.length) {
            chunks = Arrays.copyOf(chunks, count * 2);
        }
        System.arraycopy(chunks, insertAt, chunks, insertAt + 1, count - insertAt);
        IndexChunk chunk = new IndexChunk(seq & -QueueIndex.CHUNK_SIZE);
        chunks[insertAt] = chunk;
        count++;
        lastHit = insertAt;
        return chunk;
    }

    void remove(int index) {
        System.arraycopy(chunks, index + 1, chunks, index, count - index - 1);
        chunks[--count] = null;
        lastHit = 0;
    }

    /** Index of the chunk holding {@code seq}, or {@code -(insertion point) - 1}. */
    int indexOf(long seq) {
        long base = seq & -QueueIndex.CHUNK_SIZE;
        if (lastHit < count && chunks[lastHit].base == base) {
            return lastHit;
        }
        int low = 0;
        int high = count - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long midBase = chunks[mid].base;
            if (midBase < base) {
                low = mid + 1;
            } else if (midBase > base) {
                high = mid - 1;
            } else {
                lastHit = mid;
                return mid;
            }
        }
        return -low - 1;
    }

    /** Index of the first chunk that may hold seqs at or after {@code seq}. */
    int firstAtOrAfter(long seq) {
        int index = indexOf(seq);
        return index >= 0 ? index : -index - 1;
    }
}
