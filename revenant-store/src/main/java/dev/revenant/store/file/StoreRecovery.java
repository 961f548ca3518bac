package dev.revenant.store.file;

import dev.revenant.store.StoreOptions;
import dev.revenant.store.queue.QueueIndex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Recovers every durable queue at open, in parallel, then counts references. Invariant on
 * return: each recovered entry points at a whole record of the message log (entries that do not
 * are dropped, and the drop is logged as an ACK and forced, so an offset reused later can never
 * revive them), and each segment's count equals the entries pointing into it.
 */
final class StoreRecovery {
    private static final System.Logger LOG = System.getLogger(StoreRecovery.class.getName());

    private StoreRecovery() {
    }

    static List<QueueLogRecovery.Recovered> recoverQueues(Path queuesDirectory, StoreOptions options,
                                                          GroupCommit groupCommit, MessageLog messages)
            throws IOException {
        List<Path> directories = QueueDirectories.listForRecovery(queuesDirectory);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.recoveryThreads(),
                directories.size())), runnable -> {
                    Thread thread = new Thread(runnable, "revenant-store-recovery");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Path directory : directories) {
                futures.add(pool.submit(() -> recoverOne(directory, options, groupCommit, messages)));
            }
            List<QueueLogRecovery.Recovered> recovered = new ArrayList<>();
            Map<Long, long[]> references = new HashMap<>();
            for (Future<Outcome> future : futures) {
                Outcome outcome = future.get();
                if (outcome == null) {
                    continue;
                }
                recovered.add(outcome.queue());
                outcome.references().forEach((segment, count) ->
                        references.computeIfAbsent(segment, s -> new long[1])[0] += count[0]);
            }
            references.forEach((segment, count) -> messages.addReferences(segment, Math.toIntExact(count[0])));
            return recovered;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while recovering queues", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IllegalStateException("queue recovery failed", cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private record Outcome(QueueLogRecovery.Recovered queue, Map<Long, long[]> references) {
    }

    private static Outcome recoverOne(Path directory, StoreOptions options, GroupCommit groupCommit,
                                      MessageLog messages) throws IOException {
        QueueLogRecovery.Recovered queue = QueueLogRecovery.recover(directory, options.queueSegmentBytes(), groupCommit);
        if (queue.key() == null) {
            LOG.log(System.Logger.Level.WARNING, "Removing queue directory {0}: no readable segment", directory);
            Directories.deleteRecursively(directory);
            return null;
        }
        dropUnrecoverable(queue, messages);
        return new Outcome(queue, countReferences(queue.index()));
    }

    private static void dropUnrecoverable(QueueLogRecovery.Recovered queue, MessageLog messages) throws IOException {
        long[] dropped = new long[16];
        int[] count = {0};
        long[][] holder = {dropped};
        queue.index().forEachLive((seq, location, deliveries) -> {
            if (!messages.isRecoverable(location)) {
                if (count[0] == holder[0].length) {
                    holder[0] = Arrays.copyOf(holder[0], count[0] * 2);
                }
                holder[0][count[0]++] = seq;
            }
        });
        if (count[0] == 0) {
            return;
        }
        LOG.log(System.Logger.Level.WARNING, "Queue {0}: dropping {1} entries whose message was never fully written",
                queue.key(), count[0]);
        for (int i = 0; i < count[0]; i++) {
            queue.index().remove(holder[0][i]);
            queue.log().recordDropped(holder[0][i]);
        }
        queue.log().force();
    }

    private static Map<Long, long[]> countReferences(QueueIndex index) {
        Map<Long, long[]> references = new HashMap<>();
        long[] run = {-1, 0};
        index.forEachLive((seq, location, deliveries) -> {
            long segment = Locations.segment(location);
            if (segment != run[0]) {
                if (run[0] >= 0) {
                    references.computeIfAbsent(run[0], s -> new long[1])[0] += run[1];
                }
                run[0] = segment;
                run[1] = 0;
            }
            run[1]++;
        });
        if (run[0] >= 0) {
            references.computeIfAbsent(run[0], s -> new long[1])[0] += run[1];
        }
        return references;
    }
}
