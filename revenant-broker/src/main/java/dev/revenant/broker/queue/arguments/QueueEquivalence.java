package dev.revenant.broker.queue.arguments;

import java.util.List;
import java.util.Map;

/**
 * Decides whether a redeclare of an existing queue matches it, as RabbitMQ does: flags first
 * ({@code durable}, then {@code auto_delete}), then a fixed list of arguments in a fixed order;
 * any other argument may differ. Exclusivity is not checked here (RabbitMQ answers 405
 * RESOURCE_LOCKED for that, which belongs to the owner check).
 */
public final class QueueEquivalence {
    /** Compared arguments, in the order RabbitMQ reports the first difference. */
    static final List<String> COMPARED = List.of("x-expires", "x-message-ttl", "x-dead-letter-exchange",
            "x-dead-letter-routing-key", "x-max-length", "x-max-length-bytes", "x-max-priority", "x-overflow",
            "x-queue-mode", "x-single-active-consumer", "x-queue-type", "x-delivery-limit", "x-retry-delays",
            "x-delayed-retry-type", "x-delayed-retry-min", "x-delayed-retry-max");

    private QueueEquivalence() {
    }

    /**
     * Passes silently when {@code requested} is equivalent to the queue as {@code current}ly
     * declared. RabbitMQ does not validate the requested arguments of an existing queue, it only
     * compares them, so call this before {@link QueueArguments#parse} when the queue exists.
     *
     * @throws PreconditionFailedException e.g. {@code inequivalent arg 'x-message-ttl' for queue
     *         'q' in vhost '/': received '2000' but current is '1000'}
     */
    public static void check(QueueDeclaration current, QueueDeclaration requested) {
        String vhost = current.vhost();
        String name = current.name();
        if (current.durable() != requested.durable()) {
            throw flag(vhost, name, "durable", requested.durable(), current.durable());
        }
        if (current.autoDelete() != requested.autoDelete()) {
            throw flag(vhost, name, "auto_delete", requested.autoDelete(), current.autoDelete());
        }
        Map<String, Object> was = current.argumentsOrEmpty();
        Map<String, Object> now = requested.argumentsOrEmpty();
        for (String key : COMPARED) {
            boolean equivalent = key.equals("x-queue-type") ? sameQueueType(was, now) : sameValue(was, now, key);
            if (!equivalent) {
                throw ArgumentErrors.inequivalent("queue", vhost, name, key, now.containsKey(key), now.get(key),
                        was.containsKey(key), was.get(key));
            }
        }
    }

    static boolean sameValue(Map<String, Object> was, Map<String, Object> now, String key) {
        if (was.containsKey(key) != now.containsKey(key)) {
            return false;
        }
        return !was.containsKey(key) || FieldValues.sameArgument(was.get(key), now.get(key));
    }

    /** An absent queue type means classic, so "classic" and nothing are equivalent. */
    private static boolean sameQueueType(Map<String, Object> was, Map<String, Object> now) {
        Object before = was.getOrDefault("x-queue-type", QueueType.CLASSIC.wireName());
        Object after = now.getOrDefault("x-queue-type", QueueType.CLASSIC.wireName());
        return before instanceof String && before.equals(after);
    }

    private static PreconditionFailedException flag(String vhost, String name, String flag, boolean received,
            boolean current) {
        return ArgumentErrors.inequivalent("queue", vhost, name, flag, true, received, true, current);
    }
}
