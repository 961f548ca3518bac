package dev.revenant.store.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Names queue-log directories: 32 hex digits of SHA-256 of the queue key, so any key (any
 * characters, any length) maps to a safe, fixed-length file name; the key itself is kept in each
 * segment's header. A directory being deleted is first renamed with a {@code .deleted} suffix.
 */
final class QueueDirectories {
    static final String DELETED_SUFFIX = ".deleted";

    private QueueDirectories() {
    }

    static String nameOf(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** Queue directories to recover; half-deleted ones are finished off first. */
    static List<Path> listForRecovery(Path queuesDirectory) throws IOException {
        Files.createDirectories(queuesDirectory);
        try (Stream<Path> entries = Files.list(queuesDirectory)) {
            List<Path> all = entries.filter(Files::isDirectory).toList();
            for (Path path : all) {
                if (path.getFileName().toString().endsWith(DELETED_SUFFIX)) {
                    Directories.deleteRecursively(path);
                }
            }
            return all.stream().filter(path -> path.getFileName().toString().matches("[0-9a-f]{32}")).toList();
        }
    }
}
