package dev.revenant.client;

import dev.revenant.client.idempotency.ProcessedMessages;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one delivery from arrival to settlement: the handler runs at most once per delivery, and
 * the original is acked only after whatever replaces it (a retry copy, a dead-letter copy) is
 * confirmed by the broker. When a copy cannot be made, the original goes back to its queue, so a
 * message is never lost, only (rarely) delivered again.
 */
final class DeliveryProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryProcessor.class);

    private final ConsumerSettings settings;
    private final RetryStrategy retry;
    private final ConsumptionBreaker breaker;
    private final ConsumerMetrics metrics;
    private final KeyedLocks keyLocks = new KeyedLocks();
    private final Clock clock;
    private volatile boolean stopping;

    DeliveryProcessor(ConsumerSettings settings, RetryStrategy retry, ConsumptionBreaker breaker,
                      ConsumerMetrics metrics, Clock clock) {
        this.settings = settings;
        this.retry = retry;
        this.breaker = breaker;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** From now on every new delivery goes straight back to the queue. */
    void stop() {
        stopping = true;
    }

    void process(InFlightMessage delivery, MessageHandler handler, ConfirmedPublisher publisher) {
        if (stopping || !breaker.tryAcquire()) {
            delivery.requeue();
            metrics.requeued.increment();
            return;
        }
        int attempt = retry.attemptsMade(delivery.properties.getHeaders()) + 1;
        Message message = new Message(delivery.body, delivery.properties, delivery.envelope, attempt);
        ProcessedMessages store = settings.processedMessages();
        if (store == null) {
            handle(delivery, message, handler, publisher, null);
            return;
        }
        String key;
        try {
            key = settings.idempotencyKey().apply(message);
        } catch (RuntimeException e) {
            key = null;
        }
        if (key == null || key.isEmpty()) {
            breaker.release();
            settle(delivery, message, publisher, FailureDecision.DEAD_LETTER, new IllegalArgumentException(
                    "message has no idempotency key: publish it with a message-id, or configure idempotencyKey(...)"));
            return;
        }
        try (KeyedLocks.Held held = keyLocks.lock(key)) {
            handle(delivery, message, handler, publisher, key);
        }
    }

    private void handle(InFlightMessage delivery, Message message, MessageHandler handler,
                        ConfirmedPublisher publisher, String key) {
        long start = System.nanoTime();
        Throwable failure = null;
        try {
            if (key != null && settings.processedMessages().contains(key)) {
                breaker.release();
                delivery.ack();
                metrics.duplicates.increment();
                return;
            }
            handler.handle(message);
        } catch (VirtualMachineError fatal) {
            breaker.release();
            delivery.requeue();
            throw fatal;
        } catch (Throwable e) {
            failure = e;
        }
        long nanos = System.nanoTime() - start;
        metrics.handled(failure == null, nanos);
        if (failure == null) {
            succeeded(delivery, key, nanos);
            return;
        }
        FailureKind kind = classify(failure);
        if (kind == FailureKind.TRANSIENT) {
            breaker.onTransientFailure(nanos, failure);
        } else {
            breaker.release();
        }
        int retries = settings.topology().retryDelays().size();
        settle(delivery, message, publisher, FailureDecision.decide(kind, message.attempt(), retries, breaker.isOpen()),
                failure);
    }

    private void succeeded(InFlightMessage delivery, String key, long nanos) {
        if (key != null) {
            try {
                settings.processedMessages().add(key);
            } catch (RuntimeException e) {
                // The side effects are done: acking is what avoids repeating them now. Only a later
                // redelivery of this id could repeat them, which downstream idempotency keys absorb.
                LOG.error("Consumer '{}' could not record message id '{}' as processed", settings.name(), key, e);
            }
        }
        breaker.onSuccess(nanos);
        delivery.ack();
        metrics.processed.increment();
    }

    private void settle(InFlightMessage delivery, Message message, ConfirmedPublisher publisher,
                        FailureDecision decision, Throwable failure) {
        try {
            switch (decision) {
                case REQUEUE -> {
                    delivery.requeue();
                    metrics.requeued.increment();
                }
                case RETRY -> {
                    retry.retry(delivery, message.attempt(), publisher);
                    metrics.retried.increment();
                }
                case DEAD_LETTER -> {
                    Map<String, Object> failureHeaders = FailureHeaders.describe(failure, settings.name(), clock.instant(),
                            message.attempt(), settings.failureHeaderBudget());
                    publisher.publish(settings.topology().deadLetterExchange(), settings.topology().queue(),
                            MessageHeaders.withHeaders(delivery.properties, failureHeaders, List.of()), delivery.body);
                    delivery.ack();
                    metrics.deadLettered.increment();
                    LOG.warn("Consumer '{}' dead-lettered {} after attempt {}: {}", settings.name(), message,
                            message.attempt(), Utf8Text.truncate(failure.toString(), 300));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Consumer '{}' could not {} {}; putting it back in the queue", settings.name(),
                    decision.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), message, e);
            delivery.requeue();
            metrics.requeued.increment();
        }
    }

    private FailureKind classify(Throwable failure) {
        try {
            FailureKind kind = settings.classifier().classify(failure);
            return kind == null ? FailureKind.PERMANENT : kind;
        } catch (RuntimeException e) {
            LOG.error("Consumer '{}': failure classifier threw; treating the failure as permanent", settings.name(), e);
            return FailureKind.PERMANENT;
        }
    }
}
