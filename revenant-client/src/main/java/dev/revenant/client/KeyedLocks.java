package dev.revenant.client;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per key, existing only while someone holds or waits for it, so that two deliveries of
 * the same message id are never processed at the same time inside one consumer.
 */
final class KeyedLocks {
    private final Map<String, Entry> entries = new HashMap<>();

    /** A held lock; closing it releases the lock. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    Held lock(String key) {
        Entry entry;
        synchronized (entries) {
            entry = entries.computeIfAbsent(key, k -> new Entry());
            entry.users++;
        }
        entry.lock.lock();
        return () -> {
            entry.lock.unlock();
            synchronized (entries) {
                if (--entry.users == 0) {
                    entries.remove(key);
                }
            }
        };
    }

    /** Keys currently held or waited for (for tests and diagnostics). */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
