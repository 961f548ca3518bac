package dev.revenant.store.file;

import dev.revenant.store.MessageStore;
import dev.revenant.store.QueueEntry;
import dev.revenant.store.QueueStore;
import dev.revenant.store.StoreOptions;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process {@link CrashRecoveryIT} kills: several threads publish to durable queues (some
 * messages to two queues, some non-persistent), take and ack, and report on stdout only what a
 * completed sync made durable. Lines: {@code D q id} enqueued durably in queue q, {@code T q id}
 * taken (delivery logged durably), {@code a q id} about to ack, {@code A q id} ack durable.
 * Bodies read {@code id:<id>;t:<thread>;p:<0|1>;} plus padding.
 */
public final class CrashWriter {
    static final int THREADS = 3;
    static final StoreOptions OPTIONS = StoreOptions.defaults()
            .withMessageSegmentBytes(64 << 10).withQueueSegmentBytes(4096);

    private static final PrintStream OUT = new PrintStream(new FileOutputStream(FileDescriptor.out), false,
            StandardCharsets.UTF_8);

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        AtomicLong ids = new AtomicLong(Long.parseLong(args[1]));
        long seed = Long.parseLong(args[2]);
        MessageStore store = MessageStore.open(directory, OPTIONS);
        QueueStore[] queues = new QueueStore[THREADS];
        for (int i = 0; i < THREADS; i++) {
            queues[i] = store.queue("q" + i, true);
        }
        report("READY");
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    work(store, queues, thread, ids, new Random(seed * 31 + thread));
                } catch (Exception e) {
                    report("ERROR " + e);
                    e.printStackTrace();
                }
            });
            worker.start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void work(MessageStore store, QueueStore[] queues, int thread, AtomicLong ids, Random random)
            throws Exception {
        while (true) {
            long id = ids.getAndIncrement();
            boolean persistent = random.nextInt(10) != 0;
            boolean shared = random.nextInt(4) == 0;
            int other = (thread + 1) % THREADS;
            String body = "id:" + id + ";t:" + thread + ";p:" + (persistent ? 1 : 0) + ";" + "x".repeat(random.nextInt(400));
            long location = store.append(persistent, shared ? 2 : 1, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
            synchronized (queues[thread]) {
                queues[thread].enqueue(location);
            }
            if (shared) {
                synchronized (queues[other]) {
                    queues[other].enqueue(location);
                }
            }
            store.sync().get();
            if (persistent) {
                report("D " + thread + " " + id);
                if (shared) {
                    report("D " + other + " " + id);
                }
            }
            if (random.nextInt(3) == 0) {
                consume(store, queues[thread], thread, random);
            }
        }
    }

    private static void consume(MessageStore store, QueueStore queue, int thread, Random random) throws Exception {
        QueueEntry entry;
        String body;
        synchronized (queue) {
            entry = queue.take();
            if (entry == null) {
                return;
            }
            body = StandardCharsets.UTF_8.decode(store.read(entry.location())).toString();
        }
        long id = Long.parseLong(body.substring(3, body.indexOf(';')));
        store.sync().get();
        report("T " + thread + " " + id);
        if (random.nextBoolean()) {
            report("a " + thread + " " + id);
            synchronized (queue) {
                queue.ack(entry.seq());
            }
            store.sync().get();
            report("A " + thread + " " + id);
        } else if (random.nextBoolean()) {
            synchronized (queue) {
                queue.requeue(entry.seq());
            }
        }
    }

    private static void report(String line) {
        synchronized (OUT) {
            OUT.print(line + "\n");
            OUT.flush();
        }
    }
}
