package dev.revenant.store.memory;

import dev.revenant.store.DefinitionStore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link DefinitionStore} on the heap, forgotten on close. Values are copied in and out, so
 * callers can never change a stored value. Thread-safe (one lock).
 */
public final class MemoryDefinitionStore implements DefinitionStore {
    private final Map<String, Map<String, byte[]>> kinds = new LinkedHashMap<>();

    @Override
    public synchronized void put(String kind, String name, byte[] value) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        kinds.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(name, value.clone());
    }

    @Override
    public synchronized boolean remove(String kind, String name) {
        Map<String, byte[]> names = kinds.get(kind);
        return names != null && names.remove(name) != null;
    }

    @Override
    public synchronized Optional<byte[]> get(String kind, String name) {
        Map<String, byte[]> names = kinds.get(kind);
        byte[] value = names == null ? null : names.get(name);
        return Optional.ofNullable(value).map(byte[]::clone);
    }

    @Override
    public synchronized Map<String, byte[]> list(String kind) {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        kinds.getOrDefault(kind, Map.of()).forEach((name, value) -> copy.put(name, value.clone()));
        return copy;
    }

    @Override
    public synchronized void close() {
        kinds.clear();
    }
}
