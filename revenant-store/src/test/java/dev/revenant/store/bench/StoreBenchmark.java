package dev.revenant.store.bench;

import dev.revenant.store.MessageStore;
import dev.revenant.store.QueueEntry;
import dev.revenant.store.QueueStore;
import dev.revenant.store.StoreOptions;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A standalone benchmark (not a test): append + enqueue N small persistent messages into one
 * durable queue (syncing every 1,000), group-commit throughput with concurrent confirming
 * publishers, recovery time and heap after reopening, then drain. Run it with a bounded heap:
 * <pre>java -Xmx256m -cp target/classes:target/test-classes dev.revenant.store.bench.StoreBenchmark DIR 10000000 8</pre>
 * A fourth argument {@code write-only} stops after writing; {@code recover-only} just reopens an
 * existing directory three times.
 */
public final class StoreBenchmark {
    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args.length > 0 ? args[0] : "target/store-benchmark");
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int publishers = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        StoreOptions options = StoreOptions.defaults();
        if (args.length > 3 && args[3].equals("recover-only")) {
            // Reopen an existing store a few times: recovery time and heap only, nothing changed.
            for (int i = 0; i < 3; i++) {
                recover(directory, options);
            }
            return;
        }
        deleteTree(directory);
        byte[] payload = new byte[48]; // exchange, routing key, header and a 16-byte body, roughly
        System.out.printf("messages=%,d payload=%d bytes heap max=%d MiB cores=%d%n", messages, payload.length,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());

        write(directory, options, messages, publishers, payload);
        System.out.printf("on disk: %,d MiB%n", diskUsage(directory) >> 20);
        if (args.length > 3 && args[3].equals("write-only")) {
            return;
        }
        recoverAndDrain(directory, options);
        System.out.printf("on disk after drain: %,d KiB%n", diskUsage(directory) >> 10);
    }

    // Separate methods, so no dead local keeps the first store reachable while measuring heap.
    private static void write(Path directory, StoreOptions options, int messages, int publishers, byte[] payload)
            throws Exception {
        try (MessageStore store = MessageStore.open(directory, options)) {
            QueueStore queue = store.queue("bench", true);
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                queue.enqueue(store.append(true, 1, ByteBuffer.wrap(payload)));
                if (i % 1000 == 999) {
                    store.sync().join();
                }
            }
            store.sync().join();
            report("append+enqueue, sync every 1000", messages, start);
            confirmedPublishers(store, publishers, Math.min(messages / 10, 200_000), payload);
        }
    }

    private static void recover(Path directory, StoreOptions options) {
        System.gc();
        long start = System.nanoTime();
        try (MessageStore store = MessageStore.open(directory, options)) {
            double seconds = (System.nanoTime() - start) / 1e9;
            System.gc();
            System.out.printf("recovery: %.2f s for %,d ready messages; heap used after GC %d MiB%n",
                    seconds, store.queue("bench", true).readyCount(), usedHeap() >> 20);
        }
    }

    private static void recoverAndDrain(Path directory, StoreOptions options) {
        System.gc();
        long heapBefore = usedHeap();
        long start = System.nanoTime();
        try (MessageStore store = MessageStore.open(directory, options)) {
            double seconds = (System.nanoTime() - start) / 1e9;
            QueueStore queue = store.queue("bench", true);
            System.gc();
            System.out.printf("recovery: %.2f s for %,d ready messages; heap used after GC %d MiB (was %d MiB)%n",
                    seconds, queue.readyCount(), usedHeap() >> 20, heapBefore >> 20);
            start = System.nanoTime();
            long drained = 0;
            for (QueueEntry entry; (entry = queue.take()) != null; drained++) {
                store.read(entry.location());
                queue.ack(entry.seq());
            }
            store.sync().join();
            report("take+read+ack", drained, start);
        }
    }

    private static void confirmedPublishers(MessageStore store, int publishers, int total, byte[] payload)
            throws Exception {
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int p = 0; p < publishers; p++) {
            QueueStore queue = store.queue("confirm-" + p, true);
            Thread thread = new Thread(() -> {
                for (int i = 0; i < total / publishers; i++) {
                    long location = store.append(true, 1, ByteBuffer.wrap(payload));
                    queue.enqueue(location);
                    CompletableFuture<Void> durable = store.sync();
                    durable.join();
                    queue.ack(queue.take().seq());
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        report(publishers + " publishers, each waiting for every sync (confirm per message)",
                (long) total / publishers * publishers, start);
    }

    private static void report(String what, long count, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%s: %,d in %.2f s = %,.0f msg/s%n", what, count, seconds, count / seconds);
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long diskUsage(Path directory) throws Exception {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path directory) throws Exception {
        if (Files.exists(directory)) {
            try (Stream<Path> walk = Files.walk(directory)) {
                for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
