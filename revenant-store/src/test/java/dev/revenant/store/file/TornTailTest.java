package dev.revenant.store.file;

import dev.revenant.store.QueueEntry;
import dev.revenant.store.QueueStore;
import dev.revenant.store.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damage at the end of a file, as a crash leaves it: recovery keeps everything before the damage,
 * drops what it touched, and never refuses to start.
 */
class TornTailTest {
    private static final StoreOptions OPTIONS = StoreOptions.defaults();
    @TempDir
    Path directory;

    private void writeMessages(int count) {
        try (FileMessageStore store = FileMessageStore.open(directory, OPTIONS)) {
            QueueStore queue = store.queue("q", true);
            for (int i = 0; i < count; i++) {
                queue.enqueue(store.append(true, 1, utf8("message-" + i + "-" + "x".repeat(80))));
            }
        }
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> recoveredBodies() {
        try (FileMessageStore store = FileMessageStore.open(directory, OPTIONS)) {
            return bodies(store);
        }
    }

    private static List<String> bodies(FileMessageStore store) {
        List<String> bodies = new ArrayList<>();
        for (QueueEntry entry : store.queue("q", true).browse(0, Integer.MAX_VALUE)) {
            String body = StandardCharsets.UTF_8.decode(store.read(entry.location())).toString();
            bodies.add(body.substring(0, body.indexOf("-x")));
        }
        return bodies;
    }

    private Path lastFile(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches(prefix + "\\.\\d+")).sorted()
                    .reduce((a, b) -> b).orElseThrow();
        }
    }

    private Path messageSegment() throws IOException {
        return lastFile(directory.resolve("messages"), "msgs");
    }

    private Path queueSegment() throws IOException {
        return lastFile(directory.resolve("queues").resolve(QueueDirectories.nameOf("q")), "qlog");
    }

    private static void cut(Path file, long bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - bytes);
        }
    }

    private static void flipByte(Path file, long fromEnd) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long position = channel.size() - fromEnd;
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
            channel.write(one, position);
        }
    }

    private static void appendZeros(Path file, int count) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.allocate(count));
        }
    }

    private static List<String> expected(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("message-" + i);
        }
        return names;
    }

    @Test
    void aTornLastMessageIsDroppedAndItsOffsetCannotRevivelater() throws IOException {
        writeMessages(10);
        cut(messageSegment(), 7);
        try (FileMessageStore store = FileMessageStore.open(directory, OPTIONS)) {
            assertThat(bodies(store)).containsExactlyElementsOf(expected(9));
            // The next message lands where the torn one began: the old entry must stay dead.
            store.queue("q", true).enqueue(store.append(true, 1, utf8("message-new-x")));
        }
        List<String> after = recoveredBodies();
        assertThat(after).hasSize(10).endsWith("message-new").doesNotHaveDuplicates();
    }

    @Test
    void aCorruptLastMessageFailsItsChecksumAndIsDropped() throws IOException {
        writeMessages(10);
        flipByte(messageSegment(), 3);
        assertThat(recoveredBodies()).containsExactlyElementsOf(expected(9));
    }

    @Test
    void zerosAfterTheLastMessageAreIgnored() throws IOException {
        writeMessages(5);
        appendZeros(messageSegment(), 4096);
        assertThat(recoveredBodies()).containsExactlyElementsOf(expected(5));
        assertThat(Files.size(messageSegment())).isLessThan(4096);
    }

    @Test
    void aTornQueueRecordIsDropped() throws IOException {
        writeMessages(10);
        cut(queueSegment(), 5);
        assertThat(recoveredBodies()).containsExactlyElementsOf(expected(9));
    }

    @Test
    void aCorruptLastQueueRecordIsDroppedAndZerosIgnored() throws IOException {
        writeMessages(10);
        flipByte(queueSegment(), 10);
        appendZeros(queueSegment(), 1000);
        assertThat(recoveredBodies()).containsExactlyElementsOf(expected(9));
        assertThat(recoveredBodies()).containsExactlyElementsOf(expected(9));
    }

    @Test
    void aDamagedRecordInsideAnOlderQueueSegmentCostsOnlyThatRecord() throws IOException {
        StoreOptions small = OPTIONS.withQueueSegmentBytes(4096);
        try (FileMessageStore store = FileMessageStore.open(directory, small)) {
            QueueStore queue = store.queue("q", true);
            for (int i = 0; i < 400; i++) {
                queue.enqueue(store.append(true, 1, utf8("message-" + i + "-x")));
            }
            assertThat(store.queueSegments("q")).isGreaterThan(2);
        }
        Path first = directory.resolve("queues").resolve(QueueDirectories.nameOf("q")).resolve(QueueSegment.fileName(1));
        long headerBytes = FileHeader.length(QueueLog.headerExtra("q"));
        try (FileChannel channel = FileChannel.open(first, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {(byte) 0xFF}), headerBytes + 5L * QueueRecords.BYTES + 9);
        }
        try (FileMessageStore store = FileMessageStore.open(directory, small)) {
            List<String> bodies = bodies(store);
            List<String> expected = expected(400);
            expected.remove("message-5");
            assertThat(bodies).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void recordsLargerThanTheScanWindowAreCheckedWhole() throws IOException {
        byte[] large = new byte[3 << 20];
        java.util.Arrays.fill(large, (byte) 7);
        try (FileMessageStore store = FileMessageStore.open(directory, OPTIONS)) {
            QueueStore queue = store.queue("q", true);
            queue.enqueue(store.append(true, 1, utf8("message-0-x")));
            queue.enqueue(store.append(true, 1, ByteBuffer.wrap(large)));
        }
        try (FileMessageStore store = FileMessageStore.open(directory, OPTIONS)) {
            List<QueueEntry> entries = store.queue("q", true).browse(0, 10);
            assertThat(entries).hasSize(2);
            assertThat(store.read(entries.get(1).location()).remaining()).isEqualTo(large.length);
        }
        flipByte(messageSegment(), 1 << 20);
        try (FileMessageStore store = FileMessageStore.open(directory, OPTIONS)) {
            assertThat(bodies(store)).containsExactly("message-0");
        }
    }

    @Test
    void aLastSegmentWithATornHeaderIsRemoved() throws IOException {
        writeMessages(3);
        Path messages = directory.resolve("messages");
        Files.write(messages.resolve(MessageSegment.fileName(2)), new byte[] {'R', 'V'});
        Path queueDirectory = directory.resolve("queues").resolve(QueueDirectories.nameOf("q"));
        Files.write(queueDirectory.resolve(QueueSegment.fileName(2)), new byte[5]);
        assertThat(recoveredBodies()).containsExactlyElementsOf(expected(3));
        assertThat(Files.exists(messages.resolve(MessageSegment.fileName(2)))).isFalse();
    }

    @Test
    void everyCutOfTheMessageTailRecovers() throws IOException {
        writeMessages(3);
        Path pristine = Files.createTempDirectory(directory.getParent(), "pristine");
        copyTree(directory, pristine);
        long recordBytes = MessageRecords.HEADER_BYTES + "message-2-".length() + 80;
        for (long cut = 1; cut <= recordBytes; cut++) {
            copyTree(pristine, directory);
            cut(messageSegment(), cut);
            assertThat(recoveredBodies()).as("cut %d bytes", cut).containsExactlyElementsOf(expected(2));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!source.getFileName().toString().equals("LOCK")) {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
