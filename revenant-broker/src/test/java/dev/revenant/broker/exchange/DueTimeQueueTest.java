package dev.revenant.broker.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DueTimeQueueTest {

    @Test
    void itemsComeOutByDueTimeNotByInsertionOrder() {
        DueTimeQueue<String> queue = new DueTimeQueue<>();
        queue.add(300, "c");
        queue.add(100, "a");
        queue.add(200, "b");
        List<String> out = new ArrayList<>();
        assertThat(queue.pollDue(1_000, 10, out)).isEqualTo(3);
        assertThat(out).containsExactly("a", "b", "c");
        assertThat(queue.size()).isZero();
    }

    @Test
    void itemsDueAtTheSameTimeKeepTheirInsertionOrder() {
        DueTimeQueue<Integer> queue = new DueTimeQueue<>();
        for (int i = 0; i < 50; i++) {
            queue.add(7, i);
        }
        List<Integer> out = new ArrayList<>();
        queue.pollDue(7, 100, out);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add(i);
        }
        assertThat(out).isEqualTo(expected);
    }

    @Test
    void onlyItemsDueByNowAreTakenAndAtMostTheBatch() {
        DueTimeQueue<String> queue = new DueTimeQueue<>();
        queue.add(10, "a");
        queue.add(20, "b");
        queue.add(30, "c");
        queue.add(40, "d");
        List<String> out = new ArrayList<>();
        assertThat(queue.pollDue(5, 10, out)).isZero();
        assertThat(queue.pollDue(30, 2, out)).isEqualTo(2);
        assertThat(out).containsExactly("a", "b");
        assertThat(queue.nextDue()).isEqualTo(30);
        assertThat(queue.pollDue(30, 10, out)).isEqualTo(1);
        assertThat(out).containsExactly("a", "b", "c");
        assertThat(queue.nextDue()).isEqualTo(40);
    }

    @Test
    void addReportsWhetherTheNewItemIsTheEarliest() {
        DueTimeQueue<String> queue = new DueTimeQueue<>();
        assertThat(queue.nextDue()).isEqualTo(Long.MAX_VALUE);
        assertThat(queue.add(100, "first")).isTrue();
        assertThat(queue.add(200, "later")).isFalse();
        assertThat(queue.add(100, "same time, added after")).isFalse();
        assertThat(queue.add(50, "sooner")).isTrue();
        assertThat(queue.nextDue()).isEqualTo(50);
    }

    @Test
    void manyShuffledItemsDrainSorted() {
        List<Long> dues = new ArrayList<>();
        for (long i = 0; i < 10_000; i++) {
            dues.add(i);
        }
        Collections.shuffle(dues, new Random(42));
        DueTimeQueue<Long> queue = new DueTimeQueue<>();
        for (long due : dues) {
            queue.add(due, due);
        }
        List<Long> out = new ArrayList<>();
        while (queue.pollDue(Long.MAX_VALUE, 333, out) > 0) {
            // drain in batches, as the scheduler does
        }
        Collections.sort(dues);
        assertThat(out).isEqualTo(dues);
    }
}
