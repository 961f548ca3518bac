package dev.revenant.client.idempotency;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Processed message ids held in memory, forgetting the oldest once {@code capacity} is reached.
 * Good for one process and for duplicates that arrive close together (redeliveries, a replay soon
 * after a failure); lost on restart, so use {@link JdbcProcessedMessages} when that matters.
 */
public final class InMemoryProcessedMessages implements ProcessedMessages {
    private final int capacity;
    private final Map<String, Boolean> ids;

    /** Remembers the last 100,000 ids. */
    public InMemoryProcessedMessages() {
        this(100_000);
    }

    /** Remembers the last {@code capacity} ids. */
    public InMemoryProcessedMessages(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > InMemoryProcessedMessages.this.capacity;
            }
        };
    }

    @Override
    public synchronized boolean contains(String messageId) {
        return ids.containsKey(messageId);
    }

    @Override
    public synchronized boolean add(String messageId) {
        return ids.putIfAbsent(messageId, Boolean.TRUE) == null;
    }

    /** How many ids are remembered now. */
    public synchronized int size() {
        return ids.size();
    }
}
