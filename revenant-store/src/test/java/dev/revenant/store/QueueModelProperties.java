package dev.revenant.store;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of enqueue, take, requeue, ack, poll, purge and restart, applied to a real
 * store and to {@link QueueModel}; after every step the two must agree (counts, order, bodies,
 * delivery counts), and after a restart the file store must hold exactly the model's survivors.
 */
class QueueModelProperties {

    sealed interface Op permits Enqueue, Take, Requeue, Ack, Poll, Purge, Restart {
    }

    record Enqueue(boolean persistent, int size) implements Op {
    }

    record Take() implements Op {
    }

    record Requeue(int pick) implements Op {
    }

    record Ack(int pick) implements Op {
    }

    record Poll() implements Op {
    }

    record Purge() implements Op {
    }

    record Restart() implements Op {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(0, 700).flatMap(size ->
                        Arbitraries.of(true, true, false).map(p -> (Op) new Enqueue(p, size)))),
                net.jqwik.api.Tuple.of(5, Arbitraries.just(new Take())),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 1000).map(Requeue::new)),
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0, 1000).map(Ack::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Poll())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Purge())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Restart())));
        // Uniform sizes: by default short lists dominate, and rotation needs a few hundred steps.
        return op.list().ofMaxSize(500).withSizeDistribution(net.jqwik.api.RandomDistribution.uniform());
    }

    @Property(tries = 40)
    void fileStoreAgreesWithTheModelAcrossRestarts(@ForAll("operations") List<Op> operations) throws IOException {
        Path directory = Files.createTempDirectory("revenant-model");
        StoreOptions small = StoreOptions.defaults().withMessageSegmentBytes(4096).withQueueSegmentBytes(4096);
        try {
            run(operations, () -> MessageStore.open(directory, small), true);
        } finally {
            deleteTree(directory);
        }
    }

    @Property(tries = 200)
    void memoryStoreAgreesWithTheModel(@ForAll("operations") List<Op> operations) {
        MessageStore store = MessageStore.inMemory();
        run(operations.stream().filter(op -> !(op instanceof Restart)).toList(), () -> store, false);
    }

    private void run(List<Op> operations, Supplier<MessageStore> opener, boolean restarts) {
        MessageStore store = opener.get();
        QueueModel model = new QueueModel();
        int counter = 0;
        try {
            QueueStore queue = store.queue("q", true);
            for (Op op : operations) {
                if (op instanceof Enqueue enqueue) {
                    String body = "m" + counter++ + "-" + "x".repeat(enqueue.size());
                    long seq = queue.enqueue(store.append(enqueue.persistent(), 1, utf8(body)));
                    assertThat(model.entries.isEmpty() || seq > model.entries.lastKey()).isTrue();
                    model.entries.put(seq, new QueueModel.Entry(body, enqueue.persistent()));
                } else if (op instanceof Take) {
                    Long expected = model.firstReady();
                    QueueEntry entry = queue.take();
                    if (expected == null) {
                        assertThat(entry).isNull();
                    } else {
                        QueueModel.Entry modelEntry = model.entries.get(expected);
                        assertThat(entry.seq()).isEqualTo(expected);
                        assertThat(entry.priorDeliveries()).isEqualTo(modelEntry.deliveries);
                        assertThat(text(store, entry.location())).isEqualTo(modelEntry.body);
                        modelEntry.unacked = true;
                        modelEntry.deliveries++;
                    }
                } else if (op instanceof Requeue requeue) {
                    List<Long> unacked = model.unacked();
                    if (!unacked.isEmpty()) {
                        long seq = unacked.get(requeue.pick() % unacked.size());
                        assertThat(queue.requeue(seq)).isTrue();
                        model.entries.get(seq).unacked = false;
                    }
                } else if (op instanceof Ack ack) {
                    List<Long> live = model.live();
                    if (!live.isEmpty()) {
                        long seq = live.get(ack.pick() % live.size());
                        assertThat(queue.ack(seq)).isTrue();
                        assertThat(queue.ack(seq)).isFalse();
                        model.entries.remove(seq);
                    }
                } else if (op instanceof Poll) {
                    Long expected = model.firstReady();
                    QueueEntry entry = queue.poll();
                    if (expected == null) {
                        assertThat(entry).isNull();
                    } else {
                        assertThat(entry.seq()).isEqualTo(expected);
                        assertThat(text(store, entry.location())).isEqualTo(model.entries.remove(expected).body);
                        store.release(entry.location());
                    }
                } else if (op instanceof Purge) {
                    assertThat(queue.purge()).isEqualTo(model.purge());
                } else if (op instanceof Restart && restarts) {
                    store.close();
                    store = opener.get();
                    queue = store.queue("q", true);
                    model.restart();
                }
                assertThat(queue.readyCount()).isEqualTo(model.readyCount());
                assertThat(queue.unackedCount()).isEqualTo(model.unackedCount());
            }
            MessageStore last = store;
            assertThat(queue.browse(0, Integer.MAX_VALUE)).extracting(entry -> text(last, entry.location()))
                    .containsExactlyElementsOf(model.readyBodies());
            if (restarts) {
                store.close();
                store = opener.get();
                model.restart();
                MessageStore reopened = store;
                assertThat(store.queue("q", true).browse(0, Integer.MAX_VALUE))
                        .extracting(entry -> text(reopened, entry.location()))
                        .containsExactlyElementsOf(model.readyBodies());
            }
        } finally {
            store.close();
        }
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(MessageStore store, long location) {
        return StandardCharsets.UTF_8.decode(store.read(location)).toString();
    }

    private static void deleteTree(Path directory) {
        try (var walk = Files.walk(directory)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
