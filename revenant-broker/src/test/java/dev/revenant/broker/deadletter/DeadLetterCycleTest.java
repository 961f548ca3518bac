package dev.revenant.broker.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scenarios run on RabbitMQ 3.10.8; "dropped" means the message vanished instead of looping. */
class DeadLetterCycleTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

    private static Map<String, Object> die(Map<String, Object> headers, String queue, DeadLetterReason reason) {
        return XDeath.record(headers, new Death(queue, reason, "", List.of(queue), NOW, null));
    }

    @Test
    void aQueueExpiringIntoItselfIsDropped() {
        Map<String, Object> h = die(null, "q9", DeadLetterReason.EXPIRED);
        assertThat(DeadLetterCycle.isCycle(DeadLetterReason.EXPIRED, h, "q9")).isTrue();
    }

    @Test
    void twoQueuesExpiringIntoEachOtherDropOnTheSecondHop() {
        Map<String, Object> h = die(null, "qa", DeadLetterReason.EXPIRED);
        assertThat(DeadLetterCycle.isCycle(DeadLetterReason.EXPIRED, h, "qb")).isFalse();
        h = die(h, "qb", DeadLetterReason.EXPIRED);
        assertThat(DeadLetterCycle.isCycle(DeadLetterReason.EXPIRED, h, "qa")).isTrue();
    }

    @Test
    void rejectingIntoItselfKeepsGoing() {
        Map<String, Object> h = null;
        for (int round = 0; round < 3; round++) {
            h = die(h, "q11", DeadLetterReason.REJECTED);
            assertThat(DeadLetterCycle.isCycle(DeadLetterReason.REJECTED, h, "q11")).isFalse();
        }
    }

    @Test
    void theRetryThroughADelayQueuePatternIsNotACycle() {
        Map<String, Object> h = die(null, "work", DeadLetterReason.REJECTED);
        assertThat(DeadLetterCycle.isCycle(DeadLetterReason.REJECTED, h, "wait")).isFalse();
        h = die(h, "wait", DeadLetterReason.EXPIRED);
        assertThat(DeadLetterCycle.isCycle(DeadLetterReason.EXPIRED, h, "work")).isFalse();
        h = die(h, "work", DeadLetterReason.REJECTED);
        h = die(h, "wait", DeadLetterReason.EXPIRED);
        assertThat(DeadLetterCycle.isCycle(DeadLetterReason.EXPIRED, h, "work")).isFalse();
    }

    @Test
    void aRejectionEarlierThanTheLoopDoesNotSaveIt() {
        Map<String, Object> h = die(null, "origin", DeadLetterReason.REJECTED);
        h = die(h, "a", DeadLetterReason.EXPIRED);
        h = die(h, "b", DeadLetterReason.MAXLEN);
        assertThat(DeadLetterCycle.isCycle(DeadLetterReason.MAXLEN, h, "a")).isTrue();
        assertThat(DeadLetterCycle.isCycle(DeadLetterReason.MAXLEN, h, "fresh")).isFalse();
        assertThat(DeadLetterCycle.isCycle(DeadLetterReason.MAXLEN, h, "origin")).isFalse();
    }
}
