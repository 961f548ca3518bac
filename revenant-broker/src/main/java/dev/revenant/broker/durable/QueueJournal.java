package dev.revenant.broker.durable;

import dev.revenant.broker.message.Message;
import dev.revenant.store.MessageStore;
import dev.revenant.store.QueueEntry;
import dev.revenant.store.QueueStore;
import java.util.ArrayList;
import java.util.List;

/**
 * What a durable queue writes to the store so that a restart gives back exactly its unacked
 * persistent messages, in order, with {@code redelivered} set on those that had been delivered.
 * Transient messages and non-durable queues write nothing ({@link #NONE}). Used only on the
 * owning queue's executor; store sequence numbers are -1 for messages that were not written.
 */
public final class QueueJournal {
    /** The journal of a queue that keeps nothing on disk. */
    public static final QueueJournal NONE = new QueueJournal(null, null);

    private final MessageStore store;
    private final QueueStore log;

    public QueueJournal(MessageStore store, QueueStore log) {
        this.store = store;
        this.log = log;
    }

    /** Whether this queue writes the message to disk (persistent message, durable queue). */
    public boolean stores(Message message) {
        return log != null && message.persistent();
    }

    /**
     * Records a message entering the queue, taking over one store reference of a message the
     * publisher already wrote, or writing it now; returns its store sequence number or -1.
     */
    public long enqueue(Message message) {
        if (!stores(message)) {
            return -1;
        }
        long location = message.location();
        if (location == 0) {
            location = store.append(true, 1, StoredMessages.encode(message));
        }
        return log.enqueue(location);
    }

    /** Gives back a store reference the queue was handed but will not keep (refused, or queue gone). */
    public void release(Message message) {
        if (stores(message) && message.location() != 0) {
            store.release(message.location());
        }
    }

    /**
     * Records a delivery so a restart marks the message redelivered. The store delivers in its
     * own order; when the queue's next message is not the store's (priorities, retries), the
     * mark is skipped and the message simply comes back unmarked. Returns whether it was marked.
     */
    public boolean delivered(long storeSeq) {
        if (storeSeq < 0) {
            return false;
        }
        QueueEntry head = log.peek();
        if (head == null || head.seq() != storeSeq) {
            return false;
        }
        log.take();
        return true;
    }

    /** A delivered message came back to the queue. */
    public void returned(long storeSeq, boolean marked) {
        if (marked) {
            log.requeue(storeSeq);
        }
    }

    /** The message left the queue for good (acked, expired, dropped, dead-lettered and stored elsewhere). */
    public void removed(long storeSeq) {
        if (storeSeq >= 0) {
            log.ack(storeSeq);
        }
    }

    /** The queue was deleted: its log goes, and with it its references. */
    public void delete() {
        if (log != null) {
            log.delete();
        }
    }

    /** The queue's messages after a restart, in delivery order. */
    public List<Recovered> recover() {
        List<Recovered> all = new ArrayList<>();
        if (log == null) {
            return all;
        }
        long from = 0;
        while (true) {
            List<QueueEntry> page = log.browse(from, 4096);
            if (page.isEmpty()) {
                return all;
            }
            for (QueueEntry entry : page) {
                all.add(new Recovered(StoredMessages.decode(store.read(entry.location()), entry.location()), entry.seq(),
                        entry.redelivered()));
            }
            from = page.get(page.size() - 1).seq() + 1;
        }
    }

    /** A message read back at start-up with its store sequence number and whether it had been delivered. */
    public record Recovered(Message message, long storeSeq, boolean redelivered) { }
}
