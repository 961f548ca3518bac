package dev.revenant.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.ConnectionFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad configuration fails in build(), before any connection, saying what to change. */
class ResilientConsumerBuilderTest {
    private static ResilientConsumerBuilder valid() {
        return ResilientConsumer.builder("fulfillment").connectionFactory(new ConnectionFactory())
                .topology(QueueTopology.forQueue("orders").withRetryDelays(Duration.ofSeconds(1)))
                .handler(message -> { });
    }

    @Test
    void aValidConfigurationBuildsWithoutConnecting() {
        ResilientConsumer consumer = valid().build();
        assertThat(consumer.state()).isEqualTo(ConsumerState.NEW);
        assertThat(consumer.name()).isEqualTo("fulfillment");
        assertThat(consumer.retryMode()).isNull();
    }

    @Test
    void negativeDelayIsRefusedWithWhatToChange() {
        assertThatThrownBy(() -> valid().topology(QueueTopology.forQueue("orders")
                .withRetryDelays(Duration.ofSeconds(1), Duration.ofMillis(-250))).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ResilientConsumer 'fulfillment' is misconfigured:")
                .hasMessageContaining("retry delay #2 is -250 ms: delays must be at least 1 ms");
    }

    @Test
    void missingDeadLetterExchangeIsRefused() {
        assertThatThrownBy(() -> valid().topology(QueueTopology.forQueue("orders").withDeadLetterExchange(" ")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dead-letter exchange is missing")
                .hasMessageContaining("withDeadLetterExchange(\"orders.dlx\")");
    }

    @Test
    void handlerFactoryReturningNullIsRefused() {
        int[] calls = {0};
        assertThatThrownBy(() -> valid().handler(null).concurrency(3)
                .handlerPerWorker(() -> ++calls[0] == 2 ? null : message -> { }).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("handlerPerWorker(...) returned null for worker 2: the factory must return "
                        + "a new MessageHandler on every call");
    }

    @Test
    void missingOrDoubleHandlerIsRefused() {
        assertThatThrownBy(() -> valid().handler(null).build())
                .hasMessageContaining("handler is missing: call handler(message -> ...)");
        assertThatThrownBy(() -> valid().handlerPerWorker(() -> message -> { }).build())
                .hasMessageContaining("both handler(...) and handlerPerWorker(...) are set");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        assertThatThrownBy(() -> ResilientConsumer.builder("x").concurrency(0).prefetch(0).shutdownTimeout(Duration.ZERO)
                .failureHeaderBudget(10).classifier(null).meterRegistry(null)
                .circuitBreaker(CircuitBreakerSettings.defaults().withFailureRatePercent(0)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connection factory is missing")
                .hasMessageContaining("topology is missing")
                .hasMessageContaining("handler is missing")
                .hasMessageContaining("concurrency is 0")
                .hasMessageContaining("prefetch is 0")
                .hasMessageContaining("shutdown timeout is PT0S")
                .hasMessageContaining("failure-header budget is 10 bytes")
                .hasMessageContaining("failure classifier is null")
                .hasMessageContaining("meter registry is null")
                .hasMessageContaining("circuit breaker failure rate is 0.0%");
    }

    @Test
    void perWorkerFactoryIsCalledOncePerWorker() {
        int[] calls = {0};
        valid().handler(null).concurrency(4).handlerPerWorker(() -> {
            calls[0]++;
            return message -> { };
        }).build();
        assertThat(calls[0]).isEqualTo(4);
    }
}
