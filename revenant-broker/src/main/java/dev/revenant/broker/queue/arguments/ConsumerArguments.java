package dev.revenant.broker.queue.arguments;

import java.util.Map;

/**
 * A {@code basic.consume}'s validated arguments. Unknown arguments are ignored, as RabbitMQ does.
 *
 * @param priority           {@code x-priority}: any integer, higher is served first; 0 when absent
 * @param cancelOnHaFailover {@code x-cancel-on-ha-failover}, accepted for compatibility only
 */
public record ConsumerArguments(long priority, boolean cancelOnHaFailover) {

    /**
     * Validates the arguments of a consumer on {@code queue}.
     *
     * @throws PreconditionFailedException e.g. {@code invalid arg 'x-priority' for queue 'q' in
     *         vhost '/': "expected integer, got longstr"}
     */
    public static ConsumerArguments parse(String vhost, String queue, Map<String, Object> arguments) {
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        long priority = 0;
        if (args.containsKey("x-priority")) {
            Object value = args.get("x-priority");
            if (!FieldValues.isInteger(value)) {
                throw ArgumentErrors.invalidQueueArg(vhost, queue, "x-priority", ArgumentErrors.expectedInteger(value));
            }
            priority = ((Number) value).longValue();
        }
        boolean cancelOnHaFailover = false;
        if (args.containsKey("x-cancel-on-ha-failover")) {
            Object value = args.get("x-cancel-on-ha-failover");
            if (!(value instanceof Boolean flag)) {
                throw ArgumentErrors.invalidQueueArg(vhost, queue, "x-cancel-on-ha-failover",
                        ArgumentErrors.unacceptableType(value));
            }
            cancelOnHaFailover = flag;
        }
        return new ConsumerArguments(priority, cancelOnHaFailover);
    }
}
