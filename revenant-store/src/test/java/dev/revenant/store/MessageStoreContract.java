package dev.revenant.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link MessageStore} must have, run against each implementation
 * (subclasses say how to open one). Restart behaviour is tested where it applies (file store).
 */
public abstract class MessageStoreContract {
    @TempDir
    protected Path directory;
    protected MessageStore store;

    protected abstract MessageStore open(Path directory);

    @BeforeEach
    void openStore() {
        store = open(directory);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected static ByteBuffer text(String value) {
        return ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8));
    }

    protected String readText(long location) {
        return StandardCharsets.UTF_8.decode(store.read(location)).toString();
    }

    protected long append(String body) {
        return store.append(true, 1, text(body));
    }

    @Test
    void storesTheConcatenationOfPartsAndLeavesTheirPositionsAlone() {
        ByteBuffer first = text("ex|key|");
        ByteBuffer second = text("body");
        long location = store.append(true, 1, first, second);
        assertThat(first.position()).isZero();
        assertThat(second.remaining()).isEqualTo(4);
        assertThat(readText(location)).isEqualTo("ex|key|body");
        assertThat(store.read(location).position()).isZero();
    }

    @Test
    void storesEmptyAndLargeMessages() {
        long empty = store.append(true, 1, ByteBuffer.allocate(0));
        byte[] large = new byte[300_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31);
        }
        long big = store.append(true, 1, ByteBuffer.wrap(large));
        assertThat(store.read(empty).remaining()).isZero();
        byte[] back = new byte[large.length];
        store.read(big).get(back);
        assertThat(back).isEqualTo(large);
    }

    @Test
    void refusesAMessageWithoutReferences() {
        assertThatThrownBy(() -> store.append(true, 0, text("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("references");
    }

    @Test
    void remembersWhetherAMessageIsPersistent() {
        assertThat(store.isPersistent(store.append(true, 1, text("p")))).isTrue();
        assertThat(store.isPersistent(store.append(false, 1, text("t")))).isFalse();
    }

    @Test
    void handsOutEntriesInQueueOrder() {
        QueueStore queue = store.queue("q", true);
        List<Long> locations = List.of(append("a"), append("b"), append("c"));
        locations.forEach(queue::enqueue);
        assertThat(queue.readyCount()).isEqualTo(3);
        List<String> bodies = new ArrayList<>();
        for (QueueEntry entry; (entry = queue.take()) != null; ) {
            assertThat(entry.redelivered()).isFalse();
            bodies.add(readText(entry.location()));
        }
        assertThat(bodies).containsExactly("a", "b", "c");
        assertThat(queue.readyCount()).isZero();
        assertThat(queue.unackedCount()).isEqualTo(3);
    }

    @Test
    void requeuedEntryGoesBackToItsPlaceAndCountsAsRedelivered() {
        QueueStore queue = store.queue("q", true);
        long a = queue.enqueue(append("a"));
        long b = queue.enqueue(append("b"));
        queue.enqueue(append("c"));
        queue.take();
        queue.take();
        assertThat(queue.requeue(b)).isTrue();
        assertThat(queue.requeue(a)).isTrue();
        QueueEntry first = queue.take();
        assertThat(first.seq()).isEqualTo(a);
        assertThat(first.priorDeliveries()).isEqualTo(1);
        assertThat(first.redelivered()).isTrue();
        assertThat(queue.take().seq()).isEqualTo(b);
        QueueEntry third = queue.take();
        assertThat(readText(third.location())).isEqualTo("c");
        assertThat(third.redelivered()).isFalse();
        assertThat(queue.take()).isNull();
    }

    @Test
    void ackAndRequeueTellWhetherTheyApplied() {
        QueueStore queue = store.queue("q", true);
        long seq = queue.enqueue(append("a"));
        assertThat(queue.requeue(seq)).as("ready, not unacked").isFalse();
        queue.take();
        assertThat(queue.ack(seq)).isTrue();
        assertThat(queue.ack(seq)).isFalse();
        assertThat(queue.requeue(seq)).isFalse();
        assertThat(queue.ack(12345)).isFalse();
        assertThat(queue.readyCount() + queue.unackedCount()).isZero();
    }

    @Test
    void ackRemovesAReadyEntryToo() {
        QueueStore queue = store.queue("q", true);
        long a = queue.enqueue(append("a"));
        queue.enqueue(append("b"));
        assertThat(queue.ack(a)).isTrue();
        assertThat(readText(queue.take().location())).isEqualTo("b");
    }

    @Test
    void peekChangesNothing() {
        QueueStore queue = store.queue("q", true);
        assertThat(queue.peek()).isNull();
        long seq = queue.enqueue(append("a"));
        assertThat(queue.peek().seq()).isEqualTo(seq);
        assertThat(queue.peek().seq()).isEqualTo(seq);
        assertThat(queue.take().seq()).isEqualTo(seq);
        assertThat(queue.peek()).isNull();
    }

    @Test
    void pollRemovesAndHandsTheReferenceToTheCaller() {
        QueueStore queue = store.queue("q", true);
        queue.enqueue(append("a"));
        QueueEntry entry = queue.poll();
        assertThat(queue.readyCount() + queue.unackedCount()).isZero();
        assertThat(readText(entry.location())).isEqualTo("a");
        store.release(entry.location());
        assertThat(queue.poll()).isNull();
    }

    @Test
    void purgeRemovesReadyEntriesButNotUnackedOnes() {
        QueueStore queue = store.queue("q", true);
        long a = queue.enqueue(append("a"));
        queue.enqueue(append("b"));
        queue.enqueue(append("c"));
        queue.take();
        assertThat(queue.purge()).isEqualTo(2);
        assertThat(queue.readyCount()).isZero();
        assertThat(queue.unackedCount()).isEqualTo(1);
        queue.requeue(a);
        queue.enqueue(append("d"));
        assertThat(readText(queue.take().location())).isEqualTo("a");
        assertThat(readText(queue.take().location())).isEqualTo("d");
    }

    @Test
    void browsePagesThroughReadyEntriesWithoutTakingThem() {
        QueueStore queue = store.queue("q", true);
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            seqs.add(queue.enqueue(append("m" + i)));
        }
        queue.take();
        List<QueueEntry> page = queue.browse(0, 4);
        assertThat(page).extracting(QueueEntry::seq).containsExactlyElementsOf(seqs.subList(1, 5));
        List<QueueEntry> next = queue.browse(page.get(3).seq() + 1, 100);
        assertThat(next).extracting(QueueEntry::seq).containsExactlyElementsOf(seqs.subList(5, 10));
        assertThat(queue.readyCount()).isEqualTo(9);
        assertThat(readText(next.get(0).location())).isEqualTo("m5");
    }

    @Test
    void aMessageSharedByTwoQueuesLivesUntilBothAckIt() {
        long location = store.append(true, 2, text("shared"));
        QueueStore left = store.queue("left", true);
        QueueStore right = store.queue("right", true);
        long l = left.enqueue(location);
        right.enqueue(location);
        left.take();
        left.ack(l);
        assertThat(readText(right.take().location())).isEqualTo("shared");
    }

    @Test
    void retainLetsAStoredMessageMoveToAnotherQueue() {
        QueueStore from = store.queue("dlq", true);
        QueueStore to = store.queue("origin", true);
        long seq = from.enqueue(append("moved"));
        QueueEntry entry = from.take();
        store.retain(entry.location());
        to.enqueue(entry.location());
        from.ack(seq);
        assertThat(readText(to.take().location())).isEqualTo("moved");
    }

    @Test
    void sameKeyGivesTheSameQueueAndDurabilityMustMatch() {
        QueueStore queue = store.queue("q", true);
        assertThat(store.queue("q", true)).isSameAs(queue);
        assertThatThrownBy(() -> store.queue("q", false)).isInstanceOf(IllegalStateException.class);
        assertThat(store.queue("t", false).durable()).isFalse();
        assertThat(store.queueKeys()).containsExactlyInAnyOrder("q", "t");
    }

    @Test
    void keysMayHoldAnyCharacters() {
        String key = "vhost/ü/#*\u0000/" + "x".repeat(300);
        QueueStore queue = store.queue(key, true);
        queue.enqueue(append("a"));
        assertThat(store.queue(key, true).key()).isEqualTo(key);
        assertThat(store.queueKeys()).contains(key);
    }

    @Test
    void deleteForgetsTheQueue() {
        QueueStore queue = store.queue("q", true);
        queue.enqueue(append("a"));
        queue.enqueue(append("b"));
        queue.take();
        queue.delete();
        assertThat(store.queueKeys()).doesNotContain("q");
        assertThatThrownBy(queue::take).isInstanceOf(IllegalStateException.class);
        QueueStore again = store.queue("q", true);
        assertThat(again).isNotSameAs(queue);
        assertThat(again.readyCount()).isZero();
    }

    @Test
    void syncCompletesForManyConcurrentCallers() throws Exception {
        QueueStore queue = store.queue("q", true);
        queue.enqueue(append("a"));
        List<CompletableFuture<Void>> syncs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            syncs.add(store.sync());
        }
        CompletableFuture.allOf(syncs.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(syncs).allMatch(future -> future.isDone() && !future.isCompletedExceptionally());
    }

    @Test
    void appendsFromManyThreadsAreEachReadBack() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        ConcurrentHashMap<Long, String> written = new ConcurrentHashMap<>();
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String body = "t" + thread + "-m" + i + "-" + "p".repeat(i % 50);
                        written.put(append(body), body);
                    }
                }));
            }
            for (Future<?> task : tasks) {
                task.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(written).hasSize(2000);
        written.forEach((location, body) -> assertThat(readText(location)).isEqualTo(body));
    }

    @Test
    void queuesAreIndependent() {
        QueueStore one = store.queue("one", false);
        QueueStore two = store.queue("two", true);
        one.enqueue(store.append(false, 1, text("1")));
        two.enqueue(append("2"));
        assertThat(readText(one.take().location())).isEqualTo("1");
        assertThat(two.readyCount()).isEqualTo(1);
    }
}
