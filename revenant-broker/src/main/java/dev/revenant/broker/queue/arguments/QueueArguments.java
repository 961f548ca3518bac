package dev.revenant.broker.queue.arguments;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A queue's declare arguments, validated by type and range as RabbitMQ does and typed. Built only
 * by {@link #parse}, which refuses bad input with RabbitMQ's 406 text naming the argument; every
 * instance therefore holds consistent values. {@link #raw} keeps the table as declared (for
 * listing and for {@link QueueEquivalence}).
 *
 * @param type                 {@code x-queue-type}; classic when absent
 * @param messageTtl           {@code x-message-ttl} in ms (0 allowed: expire unless delivered at once)
 * @param expires              {@code x-expires} in ms (always positive)
 * @param maxLength            {@code x-max-length} in messages
 * @param maxLengthBytes       {@code x-max-length-bytes}, body bytes
 * @param overflow             {@code x-overflow}; drop-head when absent
 * @param deadLetterExchange   {@code x-dead-letter-exchange} ("" is the default exchange)
 * @param deadLetterRoutingKey {@code x-dead-letter-routing-key}; only with a dead-letter exchange
 * @param maxPriority          {@code x-max-priority}, 0..255
 * @param singleActiveConsumer {@code x-single-active-consumer}
 * @param deliveryLimit        {@code x-delivery-limit}; empty means no limit (absent or negative)
 * @param retryDelays          Revenant's {@code x-retry-delays} in ms, in order
 * @param delayedRetryType     RabbitMQ 4.3's {@code x-delayed-retry-type}; disabled when absent
 * @param delayedRetryMin      {@code x-delayed-retry-min} in ms (present whenever the type is not disabled)
 * @param delayedRetryMax      {@code x-delayed-retry-max} in ms
 * @param raw                  the argument table as declared, unmodifiable
 */
public record QueueArguments(
        QueueType type,
        OptionalLong messageTtl,
        OptionalLong expires,
        OptionalLong maxLength,
        OptionalLong maxLengthBytes,
        Overflow overflow,
        Optional<String> deadLetterExchange,
        Optional<String> deadLetterRoutingKey,
        OptionalInt maxPriority,
        boolean singleActiveConsumer,
        OptionalLong deliveryLimit,
        Optional<List<Long>> retryDelays,
        DelayedRetryType delayedRetryType,
        OptionalLong delayedRetryMin,
        OptionalLong delayedRetryMax,
        Map<String, Object> raw) {

    /** Largest TTL, queue expiry or per-message expiration RabbitMQ accepts: ten years in ms. */
    public static final long MAX_EXPIRY_MILLIS = 315_360_000_000L;

    public QueueArguments {
        retryDelays = retryDelays.map(List::copyOf);
        raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
    }

    /**
     * Validates a declaration's arguments in RabbitMQ's order (dead-letter exchange type, queue
     * type, then each argument, then arguments the queue type does not support, then flags the
     * queue type does not support) and returns them typed. Unknown arguments are kept in
     * {@link #raw} and otherwise ignored, as RabbitMQ does.
     *
     * @throws PreconditionFailedException with RabbitMQ's text, e.g. {@code invalid arg
     *         'x-max-length' for queue 'q' in vhost '/': {value_negative,-1}}
     */
    public static QueueArguments parse(QueueDeclaration declaration) {
        return new QueueArgumentsParser(declaration).parse();
    }

    /** The arguments of a queue declared without any. */
    public static QueueArguments none() {
        return new QueueArguments(QueueType.CLASSIC, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), Overflow.DROP_HEAD, Optional.empty(), Optional.empty(), OptionalInt.empty(),
                false, OptionalLong.empty(), Optional.empty(), DelayedRetryType.DISABLED, OptionalLong.empty(),
                OptionalLong.empty(), Map.of());
    }
}
