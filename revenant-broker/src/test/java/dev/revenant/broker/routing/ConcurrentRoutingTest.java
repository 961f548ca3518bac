package dev.revenant.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Readers route while a writer churns other bindings: a binding that never changes is always seen. */
class ConcurrentRoutingTest {
    private static final int READERS = 3;
    private static final int WRITES = 5_000;

    @Test
    void topicReadersAlwaysSeeTheStableBinding() throws Exception {
        TopicBindings<String> bindings = new TopicBindings<>();
        bindings.bind("a.*", "stable");
        runAgainstChurn(() -> bindings.route("a.b").contains("stable"), i -> {
            String pattern = (i % 3 == 0) ? "a.#" : (i % 3 == 1) ? "a.b" : "#.b.#";
            bindings.bind(pattern, "churn" + (i % 7));
            bindings.unbind(pattern, "churn" + ((i + 3) % 7));
        });
    }

    @Test
    void directReadersAlwaysSeeTheStableBinding() throws Exception {
        DirectBindings<String> bindings = new DirectBindings<>();
        bindings.bind("k", "stable");
        runAgainstChurn(() -> bindings.route("k").contains("stable"), i -> {
            bindings.bind("k", "churn" + (i % 7));
            bindings.unbind("k", "churn" + ((i + 3) % 7));
        });
    }

    @Test
    void headersAndFanoutReadersAlwaysSeeTheStableBinding() throws Exception {
        HeadersBindings<String> headers = new HeadersBindings<>();
        FanoutBindings<String> fanout = new FanoutBindings<>();
        headers.bind(Map.of("a", 1), "stable");
        fanout.bind("stable");
        runAgainstChurn(() -> headers.route(Map.of("a", 1L)).contains("stable") && fanout.route().contains("stable"), i -> {
            headers.bind(Map.of("a", i % 5), "churn" + (i % 7));
            headers.unbind(Map.of("a", (i + 2) % 5), "churn" + ((i + 3) % 7));
            fanout.bind("churn" + (i % 7));
            fanout.unbind("churn" + ((i + 3) % 7));
        });
    }

    private interface Write {
        void apply(int iteration);
    }

    private static void runAgainstChurn(BooleanSupplier stableSeen, Write write) throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> problems = new ConcurrentLinkedQueue<>();
        List<Thread> readers = new ArrayList<>();
        long[] reads = new long[READERS];
        for (int r = 0; r < READERS; r++) {
            int index = r;
            Thread reader = new Thread(() -> {
                try {
                    start.await();
                    do {
                        if (!stableSeen.getAsBoolean()) {
                            problems.add(new AssertionError("stable binding not routed"));
                            return;
                        }
                        reads[index]++;
                    } while (writing.get());
                } catch (Throwable t) {
                    problems.add(t);
                }
            });
            reader.start();
            readers.add(reader);
        }
        start.countDown();
        for (int i = 0; i < WRITES; i++) {
            write.apply(i);
        }
        writing.set(false);
        for (Thread reader : readers) {
            reader.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(reader.isAlive()).isFalse();
        }
        assertThat(problems).isEmpty();
        for (long count : reads) {
            assertThat(count).isPositive();
        }
    }
}
