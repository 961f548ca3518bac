package dev.revenant.client.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The contract every {@link ProcessedMessages} implementation passes. */
abstract class ProcessedMessagesContract {
    abstract ProcessedMessages store();

    @Test
    void anIdIsContainedOnlyOnceAdded() {
        ProcessedMessages store = store();
        assertThat(store.contains("order-1")).isFalse();
        assertThat(store.add("order-1")).isTrue();
        assertThat(store.contains("order-1")).isTrue();
        assertThat(store.contains("order-2")).isFalse();
    }

    @Test
    void addingTwiceReportsTheDuplicate() {
        ProcessedMessages store = store();
        assertThat(store.add("order-1")).isTrue();
        assertThat(store.add("order-1")).isFalse();
    }

    @Test
    void ofManyRacingAddsExactlyOneWins() throws Exception {
        ProcessedMessages store = store();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Boolean> add = () -> {
                    start.await();
                    return store.add("contended");
                };
                results.add(pool.submit(add));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
