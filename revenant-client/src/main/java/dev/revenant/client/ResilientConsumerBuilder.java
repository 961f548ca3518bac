package dev.revenant.client;

import com.rabbitmq.client.ConnectionFactory;
import dev.revenant.client.idempotency.ProcessedMessages;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Describes a {@link ResilientConsumer}. Setters only record; {@link #build()} checks everything
 * at once and fails with one {@link IllegalArgumentException} listing each problem and what to
 * change, before any connection is made.
 */
public final class ResilientConsumerBuilder {
    private final String name;
    private ConnectionFactory connectionFactory;
    private QueueTopology topology;
    private MessageHandler handler;
    private Supplier<? extends MessageHandler> handlerPerWorker;
    private FailureClassifier classifier = FailureClassifier.allTransient();
    private int concurrency = 1;
    private int prefetch = 10;
    private CircuitBreakerSettings circuitBreaker;
    private ProcessedMessages processedMessages;
    private Function<Message, String> idempotencyKey = Message::messageId;
    private MeterRegistry meterRegistry = Metrics.globalRegistry;
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private Duration publishTimeout = Duration.ofSeconds(10);
    private int failureHeaderBudget = FailureHeaders.DEFAULT_BUDGET;
    private boolean declareTopology = true;

    ResilientConsumerBuilder(String name) {
        this.name = name;
    }

    /** Where to connect; the consumer uses a copy with automatic recovery turned on. */
    public ResilientConsumerBuilder connectionFactory(ConnectionFactory factory) {
        this.connectionFactory = factory;
        return this;
    }

    /** The work queue and its failure topology. */
    public ResilientConsumerBuilder topology(QueueTopology queueTopology) {
        this.topology = queueTopology;
        return this;
    }

    /** The handler, shared by all workers (so it must be thread-safe when concurrency &gt; 1). */
    public ResilientConsumerBuilder handler(MessageHandler messageHandler) {
        this.handler = messageHandler;
        return this;
    }

    /** A factory called once per worker at build time, for handlers that are not thread-safe. */
    public ResilientConsumerBuilder handlerPerWorker(Supplier<? extends MessageHandler> factory) {
        this.handlerPerWorker = factory;
        return this;
    }

    /** How failures are classified (default: every failure is transient). */
    public ResilientConsumerBuilder classifier(FailureClassifier failureClassifier) {
        this.classifier = failureClassifier;
        return this;
    }

    /** Shorthand for {@code classifier(FailureClassifier.transientOn(types))}. */
    @SafeVarargs
    public final ResilientConsumerBuilder transientFailures(Class<? extends Throwable>... types) {
        this.classifier = FailureClassifier.transientOn(types);
        return this;
    }

    /** Number of workers, each with its own channel, handling messages in parallel (default 1). */
    public ResilientConsumerBuilder concurrency(int workers) {
        this.concurrency = workers;
        return this;
    }

    /** Unacked messages the broker may push to each worker ahead of time (default 10). */
    public ResilientConsumerBuilder prefetch(int messages) {
        this.prefetch = messages;
        return this;
    }

    /**
     * Pause consumption while the downstream is failing instead of burning messages into the
     * dead-letter queue. Without this the consumer follows the classic retry-then-DLQ pattern.
     */
    public ResilientConsumerBuilder circuitBreaker(CircuitBreakerSettings settings) {
        this.circuitBreaker = settings;
        return this;
    }

    /** Skip messages whose id is in {@code store}, and record ids after success. */
    public ResilientConsumerBuilder processedMessages(ProcessedMessages store) {
        this.processedMessages = store;
        return this;
    }

    /** How to get a message's idempotency key (default: its message-id property). */
    public ResilientConsumerBuilder idempotencyKey(Function<Message, String> key) {
        this.idempotencyKey = key;
        return this;
    }

    /** Where to register meters (default: Micrometer's global registry). */
    public ResilientConsumerBuilder meterRegistry(MeterRegistry registry) {
        this.meterRegistry = registry;
        return this;
    }

    /** How long {@link ResilientConsumer#close()} waits for in-flight handlers (default 30 s). */
    public ResilientConsumerBuilder shutdownTimeout(Duration timeout) {
        this.shutdownTimeout = timeout;
        return this;
    }

    /** How long to wait for the broker to confirm a retry or dead-letter copy (default 10 s). */
    public ResilientConsumerBuilder publishTimeout(Duration timeout) {
        this.publishTimeout = timeout;
        return this;
    }

    /** Bytes the failure headers of a dead-lettered message may take (default 4096). */
    public ResilientConsumerBuilder failureHeaderBudget(int bytes) {
        this.failureHeaderBudget = bytes;
        return this;
    }

    /** Whether {@link ResilientConsumer#start()} declares the topology (default true). */
    public ResilientConsumerBuilder declareTopology(boolean declare) {
        this.declareTopology = declare;
        return this;
    }

    /** Checks the whole configuration and returns an unstarted consumer. */
    public ResilientConsumer build() {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("consumer name is empty: give one, e.g. ResilientConsumer.builder(\"fulfillment\")");
        }
        if (connectionFactory == null) {
            problems.add("connection factory is missing: call connectionFactory(...)");
        }
        if (topology == null) {
            problems.add("topology is missing: call topology(QueueTopology.forQueue(\"orders\"))");
        } else {
            problems.addAll(topology.problems());
        }
        checkNumbers(problems);
        if (circuitBreaker != null) {
            problems.addAll(circuitBreaker.problems());
        }
        List<MessageHandler> handlers = handlers(problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("ResilientConsumer '" + name + "' is misconfigured:\n - "
                    + String.join("\n - ", problems));
        }
        return new ResilientConsumer(new ConsumerSettings(name, connectionFactory, topology, handlers, classifier,
                prefetch, circuitBreaker, processedMessages, idempotencyKey, meterRegistry, shutdownTimeout,
                publishTimeout, failureHeaderBudget, declareTopology));
    }

    private void checkNumbers(List<String> problems) {
        if (classifier == null) {
            problems.add("failure classifier is null: use FailureClassifier.allTransient() or transientFailures(...)");
        }
        if (concurrency < 1 || concurrency > 256) {
            problems.add("concurrency is " + concurrency + ": give between 1 and 256 workers");
        }
        if (prefetch < 1 || prefetch > 65_535) {
            problems.add("prefetch is " + prefetch + ": give between 1 and 65535 messages (0, unlimited, is refused "
                    + "because a slow consumer would then hold the whole queue)");
        }
        if (processedMessages != null && idempotencyKey == null) {
            problems.add("idempotency key function is null: keep the default (message-id) or give one");
        }
        if (meterRegistry == null) {
            problems.add("meter registry is null: omit meterRegistry(...) to use Micrometer's global registry");
        }
        checkPositive(problems, "shutdown timeout", shutdownTimeout);
        checkPositive(problems, "publish timeout", publishTimeout);
        if (failureHeaderBudget < FailureHeaders.MIN_BUDGET || failureHeaderBudget > FailureHeaders.MAX_BUDGET) {
            problems.add("failure-header budget is " + failureHeaderBudget + " bytes: give between "
                    + FailureHeaders.MIN_BUDGET + " and " + FailureHeaders.MAX_BUDGET);
        }
    }

    private List<MessageHandler> handlers(List<String> problems) {
        List<MessageHandler> handlers = new ArrayList<>();
        if (handler != null && handlerPerWorker != null) {
            problems.add("both handler(...) and handlerPerWorker(...) are set: keep one");
        } else if (handler == null && handlerPerWorker == null) {
            problems.add("handler is missing: call handler(message -> ...) with the function that processes one message");
        } else if (concurrency >= 1 && concurrency <= 256) {
            for (int i = 0; i < concurrency; i++) {
                MessageHandler next = handler != null ? handler : handlerPerWorker.get();
                if (next == null) {
                    problems.add("handlerPerWorker(...) returned null for worker " + (i + 1)
                            + ": the factory must return a new MessageHandler on every call");
                    break;
                }
                handlers.add(next);
            }
        }
        return handlers;
    }

    private static void checkPositive(List<String> problems, String what, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add(what + " is " + value + ": give a positive duration");
        }
    }
}
