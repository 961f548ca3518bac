package dev.revenant.broker.server;

import dev.revenant.broker.AmqpException;
import dev.revenant.broker.queue.QueueSettings;
import java.util.Map;

/** Turns a queue.declare's flags and arguments into validated {@link QueueSettings}. */
final class QueueDeclaration {
    private QueueDeclaration() {
    }

    static QueueSettings settings(String name, boolean durable, boolean exclusive, boolean autoDelete,
                                  Map<String, Object> arguments, String vhost) {
        int maxPriority = (int) integer(arguments, "x-max-priority", 0, 255, 0, name, vhost);
        long expires = integer(arguments, "x-expires", 1, Integer.MAX_VALUE, 0, name, vhost);
        Object sac = arguments.get("x-single-active-consumer");
        if (sac != null && !(sac instanceof Boolean)) {
            throw invalid("x-single-active-consumer", sac, "unacceptable_type", name, vhost);
        }
        return new QueueSettings(name, durable, exclusive, autoDelete, arguments, maxPriority, Boolean.TRUE.equals(sac), expires);
    }

    private static long integer(Map<String, Object> arguments, String key, long min, long max, long absent, String name, String vhost) {
        Object value = arguments.get(key);
        if (value == null) {
            return absent;
        }
        if (!(value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte)) {
            throw invalid(key, value, "unacceptable_type", name, vhost);
        }
        long v = ((Number) value).longValue();
        if (v < min || v > max) {
            throw invalid(key, value, v < 0 ? "value_negative" : "value_out_of_range", name, vhost);
        }
        return v;
    }

    private static AmqpException invalid(String key, Object value, String reason, String name, String vhost) {
        return AmqpException.channel(AmqpException.PRECONDITION_FAILED,
                "invalid arg '" + key + "' for queue '" + name + "' in vhost '" + vhost + "': {" + reason + "," + value + "}");
    }
}
