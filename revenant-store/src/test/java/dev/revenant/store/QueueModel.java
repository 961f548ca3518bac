package dev.revenant.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The obvious, slow model of one stored queue that {@link QueueModelProperties} compares real
 * stores against: a sorted map from seq to entry.
 */
final class QueueModel {
    static final class Entry {
        final String body;
        final boolean persistent;
        boolean unacked;
        int deliveries;

        Entry(String body, boolean persistent) {
            this.body = body;
            this.persistent = persistent;
        }
    }

    final TreeMap<Long, Entry> entries = new TreeMap<>();

    Long firstReady() {
        return entries.entrySet().stream().filter(e -> !e.getValue().unacked).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    List<Long> unacked() {
        return entries.entrySet().stream().filter(e -> e.getValue().unacked).map(Map.Entry::getKey).toList();
    }

    List<Long> live() {
        return new ArrayList<>(entries.keySet());
    }

    long readyCount() {
        return entries.values().stream().filter(e -> !e.unacked).count();
    }

    long unackedCount() {
        return entries.values().stream().filter(e -> e.unacked).count();
    }

    long purge() {
        long removed = readyCount();
        entries.values().removeIf(e -> !e.unacked);
        return removed;
    }

    /** A restart: non-persistent entries vanish, unacked ones are ready again. */
    void restart() {
        entries.values().removeIf(e -> !e.persistent);
        entries.values().forEach(e -> e.unacked = false);
    }

    List<String> readyBodies() {
        return entries.values().stream().filter(e -> !e.unacked).map(e -> e.body).toList();
    }
}
