package dev.revenant.client.idempotency;

/**
 * The ids of messages whose side effects are done, so that a redelivered or replayed copy is
 * acknowledged without running them again. An id is added only after the handler succeeded;
 * {@link #add} is atomic, so of two racing adds exactly one returns true.
 */
public interface ProcessedMessages {
    /** Whether {@code messageId} was recorded as processed. */
    boolean contains(String messageId);

    /**
     * Records {@code messageId} as processed.
     *
     * @return true if it was new, false if it was already recorded
     */
    boolean add(String messageId);
}
