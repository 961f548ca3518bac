package dev.revenant.client;

import com.rabbitmq.client.ConnectionFactory;
import dev.revenant.client.idempotency.ProcessedMessages;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** A validated {@link ResilientConsumer} configuration (see its builder for each field's meaning). */
record ConsumerSettings(
        String name,
        ConnectionFactory connectionFactory,
        QueueTopology topology,
        List<MessageHandler> handlers,
        FailureClassifier classifier,
        int prefetch,
        CircuitBreakerSettings circuitBreaker,
        ProcessedMessages processedMessages,
        Function<Message, String> idempotencyKey,
        MeterRegistry meterRegistry,
        Duration shutdownTimeout,
        Duration publishTimeout,
        int failureHeaderBudget,
        boolean declareTopology) {

    /** One handler per worker: the number of workers is the concurrency. */
    int concurrency() {
        return handlers.size();
    }
}
