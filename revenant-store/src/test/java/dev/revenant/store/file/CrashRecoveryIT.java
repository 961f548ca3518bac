package dev.revenant.store.file;

import dev.revenant.store.QueueEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a writing {@link CrashWriter} process with SIGKILL at random moments, again and again on
 * the same directory, and after each kill checks the recovered store against what the writer had
 * reported durable: every durable, not-acked message is back, in per-publisher order, marked
 * redelivered if its delivery was durable; nothing acked, nothing non-persistent comes back.
 */
class CrashRecoveryIT {
    private static final int RUNS = 8;

    @TempDir
    Path directory;

    private final Map<Integer, Set<Long>> durable = new HashMap<>();
    private final Map<Integer, Set<Long>> ackStarted = new HashMap<>();
    private final Map<Integer, Set<Long>> acked = new HashMap<>();
    private final Map<Integer, Set<Long>> taken = new HashMap<>();

    @Test
    void everyMessageReportedDurableSurvivesSigkill() throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int run = 0; run < RUNS; run++) {
            boolean duringRecovery = run == 3;
            int lines = runAndKill(run, random.nextLong(), duringRecovery, 300 + random.nextInt(900));
            assertThat(lines).as("writer reported progress (seed %d, run %d)", seed, run)
                    .isGreaterThan(duringRecovery ? -1 : 10);
            verify(seed, run);
            System.err.printf("crash run %d: %d lines; so far durable %d, acked %d, taken %d%n", run, lines,
                    total(durable), total(acked), total(taken));
        }
    }

    private static int total(Map<Integer, Set<Long>> ids) {
        return ids.values().stream().mapToInt(Set::size).sum();
    }

    private int runAndKill(int run, long seed, boolean duringRecovery, int delayMillis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), directory.toString(), String.valueOf(run * 10_000_000L + 1),
                String.valueOf(seed));
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        int count = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline;
            if (duringRecovery) {
                deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis / 4);
            } else {
                String ready = reader.readLine();
                assertThat(ready).as("writer started").isEqualTo("READY");
                deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
            }
            List<String> pending = new ArrayList<>();
            Thread killer = new Thread(() -> {
                long wait = deadline - System.nanoTime();
                try {
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                // SIGKILL through the handle: Process.destroyForcibly would also close our end of
                // the pipe and lose lines the writer had already reported.
                process.toHandle().destroyForcibly();
            });
            killer.start();
            for (String line; (line = reader.readLine()) != null; ) {
                pending.add(line);
            }
            killer.join();
            // readLine also returns a last line cut short by the kill: a full line ends in an id.
            for (String line : pending) {
                count += record(line) ? 1 : 0;
            }
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return count;
    }

    private boolean record(String line) {
        String[] parts = line.split(" ");
        if (parts.length != 3 || !parts[2].matches("\\d+") || !parts[1].matches("\\d")) {
            assertThat(line).as("unexpected writer output").doesNotStartWith("ERROR");
            return false;
        }
        int queue = Integer.parseInt(parts[1]);
        long id = Long.parseLong(parts[2]);
        Map<Integer, Set<Long>> target = switch (parts[0]) {
            case "D" -> durable;
            case "T" -> taken;
            case "a" -> ackStarted;
            case "A" -> acked;
            default -> null;
        };
        if (target == null) {
            return false;
        }
        target.computeIfAbsent(queue, q -> new HashSet<>()).add(id);
        return true;
    }

    private void verify(long seed, int run) {
        try (FileMessageStore store = FileMessageStore.open(directory, CrashWriter.OPTIONS)) {
            for (int queue = 0; queue < CrashWriter.THREADS; queue++) {
                Set<Long> recovered = new HashSet<>();
                Map<Integer, Long> lastByPublisher = new HashMap<>();
                if (!store.queueKeys().contains("q" + queue)) {
                    assertThat(durable.getOrDefault(queue, Set.of())).isEmpty();
                    continue;
                }
                for (QueueEntry entry : store.queue("q" + queue, true).browse(0, Integer.MAX_VALUE)) {
                    String body = StandardCharsets.UTF_8.decode(store.read(entry.location())).toString();
                    String[] fields = body.split(";");
                    long id = Long.parseLong(fields[0].substring(3));
                    int publisher = Integer.parseInt(fields[1].substring(2));
                    String context = "seed " + seed + " run " + run + " queue " + queue + " id " + id;
                    assertThat(fields[2]).as("only persistent messages come back: " + context).isEqualTo("p:1");
                    assertThat(recovered.add(id)).as("no duplicates: " + context).isTrue();
                    Long previous = lastByPublisher.put(publisher, id);
                    assertThat(previous == null || previous < id).as("publisher order: " + context).isTrue();
                    if (taken.getOrDefault(queue, Set.of()).contains(id)) {
                        assertThat(entry.redelivered()).as("redelivered: " + context).isTrue();
                    }
                }
                Set<Long> mustBeBack = new HashSet<>(durable.getOrDefault(queue, Set.of()));
                mustBeBack.removeAll(ackStarted.getOrDefault(queue, Set.of()));
                assertThat(recovered).as("durable messages of queue %d (seed %d, run %d)", queue, seed, run)
                        .containsAll(mustBeBack);
                assertThat(recovered).as("acked messages of queue %d (seed %d, run %d)", queue, seed, run)
                        .doesNotContainAnyElementsOf(acked.getOrDefault(queue, Set.of()));
            }
        } catch (RuntimeException e) {
            throw new AssertionError("recovery failed (seed " + seed + ", run " + run + "): " + e, e);
        }
    }
}
