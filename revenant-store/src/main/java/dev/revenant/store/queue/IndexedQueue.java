package dev.revenant.store.queue;

import dev.revenant.store.QueueEntry;
import dev.revenant.store.QueueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link QueueStore} over a {@link QueueIndex}: the index holds the state, the journal records
 * each change after the index took it, and each removed entry's reference is released exactly
 * once (a polled entry's reference goes to the caller instead).
 *
 * <p>Not thread-safe: driven by the queue's serial executor (see {@link QueueStore}).
 */
public final class IndexedQueue implements QueueStore {
    private final String key;
    private final boolean durable;
    private final QueueIndex index;
    private final QueueJournal journal;
    private final MessageReferences references;
    private final Runnable onDelete;
    private boolean deleted;

    public IndexedQueue(String key, boolean durable, QueueIndex index, QueueJournal journal,
                        MessageReferences references, Runnable onDelete) {
        this.key = Objects.requireNonNull(key, "key");
        this.durable = durable;
        this.index = Objects.requireNonNull(index, "index");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.references = Objects.requireNonNull(references, "references");
        this.onDelete = Objects.requireNonNull(onDelete, "onDelete");
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public boolean durable() {
        return durable;
    }

    @Override
    public long enqueue(long location) {
        checkOpen();
        if (location == 0) {
            throw new IllegalArgumentException("location 0 is never a stored message");
        }
        long seq = index.append(location);
        journal.enqueued(seq, location);
        return seq;
    }

    @Override
    public QueueEntry peek() {
        checkOpen();
        long seq = index.firstReady();
        return seq < 0 ? null : new QueueEntry(seq, index.location(seq), index.deliveries(seq));
    }

    @Override
    public QueueEntry take() {
        checkOpen();
        long seq = index.firstReady();
        if (seq < 0) {
            return null;
        }
        long location = index.location(seq);
        int prior = index.markUnacked(seq);
        journal.delivered(seq, location, index.deliveries(seq));
        return new QueueEntry(seq, location, prior);
    }

    @Override
    public QueueEntry poll() {
        checkOpen();
        long seq = index.firstReady();
        if (seq < 0) {
            return null;
        }
        QueueEntry entry = new QueueEntry(seq, index.location(seq), index.deliveries(seq));
        index.remove(seq);
        journal.removed(seq, entry.location());
        return entry;
    }

    @Override
    public boolean ack(long seq) {
        checkOpen();
        long location = index.remove(seq);
        if (location == 0) {
            return false;
        }
        journal.removed(seq, location);
        references.release(location);
        return true;
    }

    @Override
    public boolean requeue(long seq) {
        checkOpen();
        return index.markReady(seq);
    }

    @Override
    public long purge() {
        checkOpen();
        long beforeSeq = index.nextSeq();
        // Releasing before the journal records the purge is safe: after a crash in between,
        // recovery drops entries whose message storage is gone.
        long removed = index.removeReady(references::release);
        if (removed > 0) {
            journal.purged(beforeSeq, index);
        }
        return removed;
    }

    @Override
    public List<QueueEntry> browse(long fromSeq, int max) {
        checkOpen();
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0, was " + max);
        }
        List<QueueEntry> entries = new ArrayList<>(Math.min(max, 1024));
        index.forEachReady(fromSeq, max, (seq, location, deliveries) ->
                entries.add(new QueueEntry(seq, location, deliveries)));
        return entries;
    }

    @Override
    public long readyCount() {
        return index.readyCount();
    }

    @Override
    public long unackedCount() {
        return index.unackedCount();
    }

    @Override
    public void delete() {
        checkOpen();
        deleted = true;
        journal.deleted();
        index.forEachLive((seq, location, deliveries) -> references.release(location));
        onDelete.run();
    }

    private void checkOpen() {
        if (deleted) {
            throw new IllegalStateException("queue " + key + " was deleted");
        }
    }
}
