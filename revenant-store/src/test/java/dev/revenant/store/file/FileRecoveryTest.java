package dev.revenant.store.file;

import dev.revenant.store.MessageStore;
import dev.revenant.store.QueueEntry;
import dev.revenant.store.QueueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the file store brings back after a clean restart, and what it reclaims on the way. */
class FileRecoveryTest {
    @TempDir
    Path directory;
    FileMessageStore store;

    @BeforeEach
    void open() {
        store = FileMessageStore.open(directory, FileMessageStoreTest.SMALL);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void reopen() {
        store.close();
        store = FileMessageStore.open(directory, FileMessageStoreTest.SMALL);
    }

    private long append(String body) {
        return store.append(true, 1, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
    }

    private String body(QueueEntry entry) {
        return StandardCharsets.UTF_8.decode(store.read(entry.location())).toString();
    }

    private List<String> drain(QueueStore queue) {
        List<String> bodies = new ArrayList<>();
        for (QueueEntry entry; (entry = queue.take()) != null; ) {
            bodies.add(body(entry) + (entry.redelivered() ? "*" : ""));
        }
        return bodies;
    }

    @Test
    void unackedEntriesComeBackInOrderAndDeliveredOnesAreMarkedRedelivered() {
        QueueStore queue = store.queue("q", true);
        for (int i = 0; i < 6; i++) {
            queue.enqueue(append("m" + i));
        }
        QueueEntry m0 = queue.take();
        queue.take();
        queue.take();
        queue.ack(m0.seq());
        reopen();
        queue = store.queue("q", true);
        assertThat(queue.readyCount()).isEqualTo(5);
        assertThat(queue.unackedCount()).isZero();
        assertThat(drain(queue)).containsExactly("m1*", "m2*", "m3", "m4", "m5");
    }

    @Test
    void deliveryCountsSurviveRestarts() {
        QueueStore queue = store.queue("q", true);
        long seq = queue.enqueue(append("poison"));
        for (int i = 0; i < 3; i++) {
            queue.take();
            queue.requeue(seq);
        }
        reopen();
        queue = store.queue("q", true);
        queue.take();
        reopen();
        assertThat(store.queue("q", true).take().priorDeliveries()).isEqualTo(4);
    }

    @Test
    void transientMessagesAndNonDurableQueuesDoNotComeBack() {
        QueueStore durable = store.queue("durable", true);
        durable.enqueue(store.append(false, 1, ByteBuffer.wrap(new byte[] {1})));
        durable.enqueue(append("kept"));
        store.queue("temporary", false).enqueue(append("lost"));
        reopen();
        assertThat(store.queueKeys()).containsExactly("durable");
        assertThat(drain(store.queue("durable", true))).containsExactly("kept");
    }

    @Test
    void purgeSurvivesRestartAndSparesUnackedEntries() {
        QueueStore queue = store.queue("q", true);
        for (int i = 0; i < 5; i++) {
            queue.enqueue(append("m" + i));
        }
        queue.take();
        queue.take();
        queue.purge();
        queue.enqueue(append("after"));
        reopen();
        assertThat(drain(store.queue("q", true))).containsExactly("m0*", "m1*", "after");
    }

    @Test
    void aPurgeWhoseKeepRecordsSpanSegmentsSparesEveryUnackedEntry() {
        QueueStore queue = store.queue("q", true);
        List<QueueEntry> taken = new ArrayList<>();
        for (int i = 0; i < 930; i++) {
            queue.enqueue(append("m" + i));
        }
        for (QueueEntry entry; (entry = queue.take()) != null; ) {
            taken.add(entry);
        }
        // 1,860 records so far, 169 to a 4 KiB segment: the tail has room for the 96 acks below.
        // Most of the oldest segment's entries acked, with no rotation since: the first rotation
        // inside the purge's run of KEEP records finds the oldest segment worth compacting.
        int segments = store.queueSegments("q");
        List<String> unacked = new ArrayList<>();
        for (int i = 0; i < 930; i++) {
            if (i < 120 && i % 5 != 0) {
                queue.ack(taken.get(i).seq());
            } else {
                unacked.add("m" + i + "*");
            }
        }
        assertThat(store.queueSegments("q")).isEqualTo(segments);
        assertThat(directory.resolve("queues").resolve(QueueDirectories.nameOf("q")).resolve(QueueSegment.fileName(1))).exists();
        queue.enqueue(append("ready"));
        assertThat(queue.purge()).isEqualTo(1);
        Path first = directory.resolve("queues").resolve(QueueDirectories.nameOf("q")).resolve(QueueSegment.fileName(1));
        assertThat(first).as("oldest segment compacted away during the purge").doesNotExist();
        reopen();
        assertThat(drain(store.queue("q", true))).containsExactlyElementsOf(unacked);
    }

    @Test
    void aMessageInTwoQueuesIsStoredOnceAndRecoveredInBoth() {
        long location = store.append(true, 2, ByteBuffer.wrap("both".getBytes(StandardCharsets.UTF_8)));
        store.queue("a", true).enqueue(location);
        store.queue("b", true).enqueue(location);
        reopen();
        QueueEntry a = store.queue("a", true).take();
        QueueEntry b = store.queue("b", true).take();
        assertThat(a.location()).isEqualTo(b.location()).isEqualTo(location);
        assertThat(body(a)).isEqualTo("both");
    }

    @Test
    void segmentsWhoseMessagesAreAllAckedAreDeleted() {
        QueueStore queue = store.queue("q", true);
        String body = "x".repeat(500);
        for (int i = 0; i < 200; i++) {
            queue.enqueue(append(body));
        }
        assertThat(store.messageSegments().size()).isGreaterThan(10);
        for (QueueEntry entry; (entry = queue.take()) != null; ) {
            queue.ack(entry.seq());
        }
        assertThat(store.messageSegments()).hasSize(1);
        reopen();
        assertThat(store.messageSegments()).hasSize(1);
        assertThat(store.queue("q", true).readyCount()).isZero();
    }

    @Test
    void oneUnackedMessagePinsOnlyItsOwnSegment() {
        QueueStore queue = store.queue("q", true);
        String body = "x".repeat(500);
        for (int i = 0; i < 200; i++) {
            queue.enqueue(append(body));
        }
        QueueEntry stuck = queue.take();
        for (QueueEntry entry; (entry = queue.take()) != null; ) {
            queue.ack(entry.seq());
        }
        assertThat(store.messageSegments()).hasSize(2);
        reopen();
        assertThat(store.messageSegments()).hasSize(2);
        assertThat(store.queue("q", true).take().location()).isEqualTo(stuck.location());
    }

    @Test
    void queueLogStaysSmallUnderSteadyTrafficEvenWithAStuckEntry() {
        QueueStore queue = store.queue("q", true);
        queue.enqueue(append("stuck"));
        QueueEntry stuck = queue.take();
        for (int i = 0; i < 5000; i++) {
            queue.enqueue(append("m" + i));
            QueueEntry entry = queue.take();
            queue.ack(entry.seq());
        }
        queue.enqueue(append("last"));
        // 5000 rounds write 15000 records, about 90 segments of 4 KiB without compaction.
        assertThat(store.queueSegments("q")).isLessThanOrEqualTo(4);
        reopen();
        assertThat(drain(store.queue("q", true))).containsExactly("stuck*", "last");
        assertThat(stuck.seq()).isEqualTo(1);
    }

    @Test
    void compactionKeepsALargeBacklogIntact() {
        QueueStore queue = store.queue("q", true);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            queue.enqueue(append("m" + i));
            if (i % 3 == 0) {
                QueueEntry entry = queue.take();
                queue.ack(entry.seq());
            } else {
                expected.add(null);
            }
        }
        reopen();
        queue = store.queue("q", true);
        assertThat(queue.readyCount()).isEqualTo(expected.size());
        List<String> bodies = drain(queue);
        assertThat(bodies).hasSize(2000).doesNotHaveDuplicates().allMatch(b -> !b.endsWith("*"));
    }

    @Test
    void aDeletedQueueStaysDeleted() throws Exception {
        QueueStore queue = store.queue("q", true);
        queue.enqueue(append("a"));
        queue.delete();
        reopen();
        assertThat(store.queueKeys()).isEmpty();
        try (var entries = Files.list(directory.resolve("queues"))) {
            assertThat(entries).isEmpty();
        }
        assertThat(store.messageSegments()).hasSize(1);
    }

    @Test
    void aSecondStoreCannotOpenTheSameDirectory() {
        assertThatThrownBy(() -> MessageStore.open(directory, FileMessageStoreTest.SMALL))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("in use");
    }

    @Test
    void restartingManyTimesDoesNotPileUpFiles() {
        store.queue("q", true).enqueue(append("a"));
        for (int i = 0; i < 5; i++) {
            reopen();
        }
        assertThat(store.messageSegments()).hasSize(1);
        assertThat(store.queueSegments("q")).isEqualTo(1);
        assertThat(drain(store.queue("q", true))).containsExactly("a");
    }
}
