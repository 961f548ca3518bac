package dev.revenant.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueTopologyTest {
    @Test
    void defaultNamesDeriveFromTheWorkQueue() {
        QueueTopology topology = QueueTopology.forQueue("orders");
        assertThat(topology.deadLetterExchange()).isEqualTo("orders.dlx");
        assertThat(topology.deadLetterQueue()).isEqualTo("orders.dlq");
        assertThat(topology.parkingLotQueue()).isEqualTo("orders.parking-lot");
        assertThat(topology.retryDelays()).isEmpty();
        assertThat(topology.retryMode()).isEqualTo(RetryMode.AUTO);
        assertThat(topology.problems()).isEmpty();
    }

    @Test
    void workQueueDeadLettersToItsExchangeUnderItsOwnName() {
        QueueTopology topology = QueueTopology.forQueue("orders").withQueueArgument("x-max-length", 1000)
                .withRetryDelays(Duration.ofMillis(100), Duration.ofSeconds(2));
        assertThat(topology.workQueueArguments(RetryMode.TTL_QUEUES)).containsExactly(
                Map.entry("x-max-length", 1000),
                Map.entry("x-dead-letter-exchange", "orders.dlx"),
                Map.entry("x-dead-letter-routing-key", "orders"));
        assertThat(topology.workQueueArguments(RetryMode.BROKER_NATIVE))
                .containsEntry("x-retry-delays", List.of(100, 2000));
    }

    @Test
    void eachDistinctDelayGetsOneTtlQueueThatExpiresBackIntoTheWorkQueue() {
        QueueTopology topology = QueueTopology.forQueue("orders")
                .withRetryDelays(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(1));
        assertThat(topology.distinctRetryDelays()).containsExactly(Duration.ofMillis(100), Duration.ofSeconds(1));
        assertThat(topology.retryQueueName(Duration.ofSeconds(1))).isEqualTo("orders.retry.1000ms");
        assertThat(topology.retryQueueArguments(Duration.ofMillis(100))).containsExactly(
                Map.entry("x-message-ttl", 100),
                Map.entry("x-dead-letter-exchange", ""),
                Map.entry("x-dead-letter-routing-key", "orders"));
    }

    @Test
    void withersLeaveTheOriginalUnchanged() {
        QueueTopology original = QueueTopology.forQueue("orders");
        QueueTopology changed = original.withRetryDelays(Duration.ofSeconds(1)).withDeadLetterQueue("dead");
        assertThat(original.retryDelays()).isEmpty();
        assertThat(original.deadLetterQueue()).isEqualTo("orders.dlq");
        assertThat(changed.deadLetterQueue()).isEqualTo("dead");
        assertThat(changed).isNotEqualTo(original).isEqualTo(original.withRetryDelays(Duration.ofSeconds(1))
                .withDeadLetterQueue("dead"));
    }

    @Test
    void negativeZeroAndNullDelaysAreReportedWithTheirPosition() {
        QueueTopology topology = QueueTopology.forQueue("orders")
                .withRetryDelays(Duration.ofSeconds(1), Duration.ofMillis(-5), Duration.ZERO, null);
        assertThat(topology.problems()).containsExactly(
                "retry delay #2 is -5 ms: delays must be at least 1 ms, e.g. Duration.ofSeconds(5)",
                "retry delay #3 is 0 ms: delays must be at least 1 ms, e.g. Duration.ofSeconds(5)",
                "retry delay #4 is null: give a positive duration such as Duration.ofSeconds(5)");
        assertThatThrownBy(topology::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid topology for queue 'orders':")
                .hasMessageContaining("retry delay #2 is -5 ms");
    }

    @Test
    void missingDeadLetterExchangeSaysHowToFixIt() {
        assertThat(QueueTopology.forQueue("orders").withDeadLetterExchange("").problems()).containsExactly(
                "dead-letter exchange is missing: failed messages need one; keep the default or call "
                        + "withDeadLetterExchange(\"orders.dlx\")");
        assertThat(QueueTopology.forQueue("orders").withDeadLetterExchange(null).problems()).hasSize(1);
    }

    @Test
    void otherMistakesAreReported() {
        assertThat(QueueTopology.forQueue("").problems()).anyMatch(p -> p.startsWith("work queue name is empty"));
        assertThat(QueueTopology.forQueue("amq.orders").problems()).anyMatch(p -> p.contains("starts with 'amq.'"));
        assertThat(QueueTopology.forQueue("orders").withDeadLetterQueue("orders").problems())
                .anyMatch(p -> p.contains("must differ from the work queue"));
        assertThat(QueueTopology.forQueue("orders").withQueueArgument("x-dead-letter-exchange", "x").problems())
                .anyMatch(p -> p.contains("managed by the topology"));
        assertThat(QueueTopology.forQueue("orders").withRetryMode(null).problems())
                .anyMatch(p -> p.startsWith("retry mode is null"));
        assertThat(QueueTopology.forQueue("q".repeat(300)).problems()).anyMatch(p -> p.contains("longer than 255"));
        assertThat(QueueTopology.forQueue("orders").withRetryDelays(Duration.ofDays(30)).problems())
                .anyMatch(p -> p.contains("about 24 days"));
    }
}
