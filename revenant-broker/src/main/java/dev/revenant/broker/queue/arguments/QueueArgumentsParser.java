package dev.revenant.broker.queue.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** One validation pass over a declaration; see {@link QueueArguments#parse} for the order. */
final class QueueArgumentsParser {
    /** Arguments only quorum or stream queues take; RabbitMQ refuses them on a classic queue. */
    private static final List<String> UNSUPPORTED_BY_CLASSIC = List.of("x-max-in-memory-length",
            "x-max-in-memory-bytes", "x-quorum-initial-group-size", "x-max-age", "x-stream-max-segment-size-bytes",
            "x-initial-cluster-size", "x-queue-leader-locator", "x-dead-letter-strategy");
    /** Arguments RabbitMQ 3.x refuses on a quorum queue. */
    private static final List<String> UNSUPPORTED_BY_QUORUM = List.of("x-max-priority", "x-queue-mode",
            "x-max-age", "x-stream-max-segment-size-bytes", "x-initial-cluster-size", "x-queue-master-locator");

    private final QueueDeclaration declaration;
    private final Map<String, Object> args;

    QueueArgumentsParser(QueueDeclaration declaration) {
        this.declaration = declaration;
        this.args = declaration.argumentsOrEmpty();
    }

    QueueArguments parse() {
        Optional<String> deadLetterExchange = deadLetterExchange();
        QueueType type = queueType();
        OptionalLong expires = millis("x-expires", false);
        OptionalLong messageTtl = millis("x-message-ttl", true);
        Optional<String> deadLetterRoutingKey = deadLetterRoutingKey(deadLetterExchange);
        OptionalLong maxLength = nonNegative("x-max-length");
        OptionalLong maxLengthBytes = nonNegative("x-max-length-bytes");
        nonNegative("x-max-in-memory-length");
        nonNegative("x-max-in-memory-bytes");
        OptionalInt maxPriority = maxPriority();
        Overflow overflow = overflow();
        queueMode();
        boolean singleActiveConsumer = singleActiveConsumer();
        OptionalLong deliveryLimit = deliveryLimit();
        Optional<List<Long>> retryDelays = retryDelays();
        DelayedRetryType delayedRetryType = delayedRetryType();
        OptionalLong delayedRetryMin = millis("x-delayed-retry-min", true);
        OptionalLong delayedRetryMax = millis("x-delayed-retry-max", true);
        if (delayedRetryType != DelayedRetryType.DISABLED && delayedRetryMin.isEmpty()) {
            throw invalid("x-delayed-retry-min", "delayed_retry_type_but_no_min_defined");
        }
        if (delayedRetryType != DelayedRetryType.DISABLED && retryDelays.isPresent()) {
            throw invalid("x-retry-delays", "conflicts_with_x_delayed_retry_type");
        }
        refuseUnsupportedArguments(type);
        refuseUnsupportedFlags(type);
        return new QueueArguments(type, messageTtl, expires, maxLength, maxLengthBytes, overflow, deadLetterExchange,
                deadLetterRoutingKey, maxPriority, singleActiveConsumer, deliveryLimit, retryDelays, delayedRetryType,
                delayedRetryMin, delayedRetryMax, args);
    }

    private QueueType queueType() {
        String name = enumeration("x-queue-type");
        if (name == null) {
            return QueueType.CLASSIC;
        }
        QueueType type = QueueType.fromWireName(name);
        if (type == null) {
            // Streams are refused like any unknown type: Revenant has no stream queues.
            throw invalid("x-queue-type", ErlangTerms.string("unsupported queue type '" + name + "'"));
        }
        return type;
    }

    private Optional<String> deadLetterExchange() {
        if (!args.containsKey("x-dead-letter-exchange")) {
            return Optional.empty();
        }
        Object value = args.get("x-dead-letter-exchange");
        if (!(value instanceof String name)) {
            // RabbitMQ checks this first, while checking permissions on the exchange, hence the other wording.
            throw new PreconditionFailedException("invalid type '" + FieldValues.typeName(value)
                    + "' for arg 'x-dead-letter-exchange' in queue '" + declaration.name() + "' in vhost '"
                    + declaration.vhost() + "'");
        }
        return Optional.of(name);
    }

    private Optional<String> deadLetterRoutingKey(Optional<String> deadLetterExchange) {
        String key = enumeration("x-dead-letter-routing-key");
        if (key == null) {
            return Optional.empty();
        }
        if (deadLetterExchange.isEmpty()) {
            throw invalid("x-dead-letter-routing-key", "routing_key_but_no_dlx_defined");
        }
        return Optional.of(key);
    }

    private OptionalInt maxPriority() {
        OptionalLong priority = nonNegative("x-max-priority");
        if (priority.isPresent() && priority.getAsLong() > 255) {
            throw invalid("x-max-priority", ArgumentErrors.tagged("max_value_exceeded", priority.getAsLong()));
        }
        return priority.isPresent() ? OptionalInt.of((int) priority.getAsLong()) : OptionalInt.empty();
    }

    private Overflow overflow() {
        String name = enumeration("x-overflow");
        if (name == null) {
            return Overflow.DROP_HEAD;
        }
        Overflow overflow = Overflow.fromWireName(name);
        if (overflow == null) {
            throw invalid("x-overflow", "invalid_overflow");
        }
        return overflow;
    }

    private void queueMode() {
        String mode = enumeration("x-queue-mode");
        if (mode != null && !mode.equals("default") && !mode.equals("lazy")) {
            throw invalid("x-queue-mode", ErlangTerms.string("unsupported queue mode '" + mode + "'"));
        }
    }

    private boolean singleActiveConsumer() {
        if (!args.containsKey("x-single-active-consumer")) {
            return false;
        }
        Object value = args.get("x-single-active-consumer");
        if (!(value instanceof Boolean flag)) {
            throw invalid("x-single-active-consumer", ArgumentErrors.unacceptableType(value));
        }
        return flag;
    }

    private OptionalLong deliveryLimit() {
        if (!args.containsKey("x-delivery-limit")) {
            return OptionalLong.empty();
        }
        Object value = args.get("x-delivery-limit");
        if (!FieldValues.isInteger(value)) {
            throw invalid("x-delivery-limit", ArgumentErrors.expectedInteger(value));
        }
        long limit = ((Number) value).longValue();
        // RabbitMQ 4.x: -1 switches the limit off.
        return limit < 0 ? OptionalLong.empty() : OptionalLong.of(limit);
    }

    private Optional<List<Long>> retryDelays() {
        if (!args.containsKey("x-retry-delays")) {
            return Optional.empty();
        }
        Object value = args.get("x-retry-delays");
        if (!(value instanceof List<?> elements)) {
            throw invalid("x-retry-delays", ArgumentErrors.unacceptableType(value));
        }
        List<Long> delays = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            Object element = elements.get(i);
            if (!FieldValues.isInteger(element)) {
                throw invalid("x-retry-delays", ErlangTerms.string(
                        "element " + (i + 1) + ": expected integer, got " + FieldValues.typeName(element)));
            }
            delays.add(checkMillis("x-retry-delays", ((Number) element).longValue(), true));
        }
        return Optional.of(delays);
    }

    private DelayedRetryType delayedRetryType() {
        String name = enumeration("x-delayed-retry-type");
        if (name == null) {
            return DelayedRetryType.DISABLED;
        }
        DelayedRetryType type = DelayedRetryType.fromWireName(name);
        if (type == null) {
            throw invalid("x-delayed-retry-type", ErlangTerms.string("unsupported delayed retry type '" + name + "'"));
        }
        return type;
    }

    private void refuseUnsupportedArguments(QueueType type) {
        for (String key : type == QueueType.CLASSIC ? UNSUPPORTED_BY_CLASSIC : UNSUPPORTED_BY_QUORUM) {
            if (args.containsKey(key)) {
                throw new PreconditionFailedException("invalid arg '" + key + "' for queue '" + declaration.name()
                        + "' in vhost '" + declaration.vhost() + "' of queue type " + type.moduleName());
            }
        }
    }

    private void refuseUnsupportedFlags(QueueType type) {
        if (type != QueueType.QUORUM) {
            return;
        }
        String property = declaration.autoDelete() ? "auto-delete"
                : declaration.exclusive() ? "exclusive-owner"
                : !declaration.durable() ? "non-durable" : null;
        if (property != null) {
            throw new PreconditionFailedException("invalid property '" + property + "' for queue '"
                    + declaration.name() + "' in vhost '" + declaration.vhost() + "'");
        }
    }

    /** A string-valued argument, or null when absent; other types are refused. */
    private String enumeration(String key) {
        if (!args.containsKey(key)) {
            return null;
        }
        Object value = args.get(key);
        if (!(value instanceof String text)) {
            throw invalid(key, ArgumentErrors.unacceptableType(value));
        }
        return text;
    }

    private OptionalLong nonNegative(String key) {
        if (!args.containsKey(key)) {
            return OptionalLong.empty();
        }
        Object value = args.get(key);
        if (!FieldValues.isInteger(value)) {
            throw invalid(key, ArgumentErrors.expectedInteger(value));
        }
        long number = ((Number) value).longValue();
        if (number < 0) {
            throw invalid(key, ArgumentErrors.tagged("value_negative", number));
        }
        return OptionalLong.of(number);
    }

    private OptionalLong millis(String key, boolean zeroAllowed) {
        OptionalLong value = nonNegative(key);
        return value.isPresent() ? OptionalLong.of(checkMillis(key, value.getAsLong(), zeroAllowed)) : value;
    }

    private long checkMillis(String key, long millis, boolean zeroAllowed) {
        if (millis < 0) {
            throw invalid(key, ArgumentErrors.tagged("value_negative", millis));
        } else if (millis == 0 && !zeroAllowed) {
            throw invalid(key, ArgumentErrors.tagged("value_zero", millis));
        } else if (millis > QueueArguments.MAX_EXPIRY_MILLIS) {
            throw invalid(key, ArgumentErrors.tagged("value_too_large", millis));
        }
        return millis;
    }

    private PreconditionFailedException invalid(String key, String reason) {
        return ArgumentErrors.invalidQueueArg(declaration.vhost(), declaration.name(), key, reason);
    }
}
