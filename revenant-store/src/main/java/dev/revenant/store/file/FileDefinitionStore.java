package dev.revenant.store.file;

import dev.revenant.store.DefinitionStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link DefinitionStore} kept as a checksummed log, {@code definitions.log}, each change
 * appended and forced before the call returns; the log is rewritten (temp file, force, atomic
 * rename, directory force) once it holds mostly overwritten records. Invariant: the in-memory
 * map equals the replay of the file. Thread-safe: one lock.
 */
public final class FileDefinitionStore implements DefinitionStore {
    private static final System.Logger LOG = System.getLogger(FileDefinitionStore.class.getName());
    static final String MAGIC = "RVNT-DEF";
    static final String FILE = "definitions.log";
    private static final int HEADER_BYTES = FileHeader.length(new byte[0]);

    private final Path directory;
    private final Map<String, Map<String, byte[]>> kinds = new LinkedHashMap<>();
    private FileChannel channel;
    private long size;
    private long records;
    private long live;

    private FileDefinitionStore(Path directory) {
        this.directory = directory;
    }

    public static FileDefinitionStore open(Path directory) {
        FileDefinitionStore store = new FileDefinitionStore(Objects.requireNonNull(directory, "directory"));
        try {
            store.load();
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open definitions in " + directory + ": " + e.getMessage(), e);
        }
    }

    private void load() throws IOException {
        Files.createDirectories(directory);
        Files.deleteIfExists(directory.resolve(FILE + ".tmp"));
        Path path = directory.resolve(FILE);
        if (!Files.exists(path) || FileHeader.read(openChannel(path), MAGIC) == null) {
            if (channel != null) {
                // Never written by us (the file is only ever replaced whole): keep it for inspection.
                channel.close();
                channel = null;
                Path aside = path.resolveSibling(FILE + ".corrupt");
                LOG.log(System.Logger.Level.ERROR, "Definitions file {0} has a bad header; moved to {1}", path, aside);
                Files.move(path, aside, StandardCopyOption.REPLACE_EXISTING);
            }
            rewrite();
            return;
        }
        ByteBuffer content = ByteBuffer.allocate(Math.toIntExact(channel.size()));
        FileHeader.readFully(channel, content, 0);
        content.flip().position(HEADER_BYTES);
        while (content.hasRemaining()) {
            int start = content.position();
            byte[] payload = MessageRecords.decode(content);
            DefinitionRecords record;
            try {
                record = payload == null ? null : DefinitionRecords.decode(payload);
            } catch (IllegalArgumentException e) {
                record = null;
            }
            if (record == null) {
                LOG.log(System.Logger.Level.WARNING, "Truncating torn tail of {0} at {1}", path, start);
                content.position(start);
                break;
            }
            apply(record);
            records++;
        }
        size = content.position();
        if (size < channel.size()) {
            channel.truncate(size);
            channel.force(true);
        }
    }

    private FileChannel openChannel(Path path) throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return channel;
    }

    private void apply(DefinitionRecords record) {
        Map<String, byte[]> names = kinds.computeIfAbsent(record.kind(), k -> new LinkedHashMap<>());
        if (record.put()) {
            if (names.put(record.name(), record.value()) == null) {
                live++;
            }
        } else if (names.remove(record.name()) != null) {
            live--;
        }
    }

    @Override
    public synchronized void put(String kind, String name, byte[] value) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        append(new DefinitionRecords(true, kind, name, value.clone()));
    }

    @Override
    public synchronized boolean remove(String kind, String name) {
        Map<String, byte[]> names = kinds.get(kind);
        if (names == null || !names.containsKey(name)) {
            return false;
        }
        append(new DefinitionRecords(false, kind, name, null));
        return true;
    }

    private void append(DefinitionRecords record) {
        checkOpen();
        byte[] frame = MessageRecords.encode(record.encode());
        try {
            FileHeader.writeFully(channel, ByteBuffer.wrap(frame), size);
            channel.force(false);
            size += frame.length;
            records++;
            apply(record);
            if (records > 64 && records > 2 * live) {
                rewrite();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write definitions in " + directory, e);
        }
    }

    /** Replaces the file by one holding only the live definitions. */
    private void rewrite() throws IOException {
        Path temp = directory.resolve(FILE + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long position = 0;
            ByteBuffer header = FileHeader.encode(MAGIC, new byte[0]);
            position += header.remaining();
            FileHeader.writeFully(out, header, 0);
            for (Map.Entry<String, Map<String, byte[]>> kind : kinds.entrySet()) {
                for (Map.Entry<String, byte[]> entry : kind.getValue().entrySet()) {
                    byte[] frame = MessageRecords.encode(
                            new DefinitionRecords(true, kind.getKey(), entry.getKey(), entry.getValue()).encode());
                    FileHeader.writeFully(out, ByteBuffer.wrap(frame), position);
                    position += frame.length;
                }
            }
            out.force(true);
            size = position;
        }
        if (channel != null) {
            channel.close();
        }
        Files.move(temp, directory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Directories.sync(directory);
        openChannel(directory.resolve(FILE));
        records = live;
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
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close definitions in " + directory, e);
        } finally {
            channel = null;
        }
    }

    private void checkOpen() {
        if (channel == null) {
            throw new IllegalStateException("definition store is closed");
        }
    }
}
