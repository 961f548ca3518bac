package dev.revenant.store.queue;

/** Releases the message reference a queue entry held (implemented by each message store). */
@FunctionalInterface
public interface MessageReferences {
    void release(long location);
}
