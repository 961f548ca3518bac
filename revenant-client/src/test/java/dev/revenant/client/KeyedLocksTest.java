package dev.revenant.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyedLocksTest {
    @Test
    void sameKeyIsHeldByOneThreadAtATimeAndEntriesGoAwayAfterwards() throws Exception {
        KeyedLocks locks = new KeyedLocks();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<?>[] futures = new Future<?>[8];
            for (int i = 0; i < futures.length; i++) {
                futures[i] = pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < 200; round++) {
                        try (KeyedLocks.Held held = locks.lock("same")) {
                            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            Thread.yield();
                            inside.decrementAndGet();
                        }
                    }
                    return null;
                });
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(maxInside.get()).isEqualTo(1);
        assertThat(locks.size()).isZero();
    }

    @Test
    void differentKeysDoNotBlockEachOther() throws Exception {
        KeyedLocks locks = new KeyedLocks();
        try (KeyedLocks.Held a = locks.lock("a")) {
            Thread other = new Thread(() -> locks.lock("b").close());
            other.start();
            other.join(10_000);
            assertThat(other.isAlive()).isFalse();
            assertThat(locks.size()).isEqualTo(1);
        }
    }
}
