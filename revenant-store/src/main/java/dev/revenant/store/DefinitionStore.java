package dev.revenant.store;

import dev.revenant.store.file.FileDefinitionStore;
import dev.revenant.store.memory.MemoryDefinitionStore;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Durable definitions (exchanges, queues with their arguments, bindings, users, virtual hosts)
 * as opaque values under (kind, name). Invariant: once {@link #put} or {@link #remove} returns,
 * the change survives a crash of the process or the machine; a value read back is byte for byte
 * the one last put. The store knows nothing of what kinds mean.
 *
 * <p>Threads: every method is thread-safe; changes are applied in the order calls are made.
 */
public interface DefinitionStore extends AutoCloseable {

    /**
     * Opens (creating if needed) the definitions kept in {@code directory}, truncating a torn
     * tail left by a crash.
     *
     * @throws java.io.UncheckedIOException if the directory cannot be used
     */
    static DefinitionStore open(Path directory) {
        return FileDefinitionStore.open(directory);
    }

    /** Definitions kept on the heap and forgotten on close. */
    static DefinitionStore inMemory() {
        return new MemoryDefinitionStore();
    }

    /** Sets the value of (kind, name), durably, replacing any previous value. */
    void put(String kind, String name, byte[] value);

    /** Removes (kind, name), durably; returns whether it existed. */
    boolean remove(String kind, String name);

    /** The value of (kind, name), if any (a copy). */
    Optional<byte[]> get(String kind, String name);

    /** Every (name, value) of a kind, in the order the names were first put (copies). */
    Map<String, byte[]> list(String kind);

    /** Releases the file. Idempotent. */
    @Override
    void close();
}
