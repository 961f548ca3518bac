package dev.revenant.broker.policy;

import dev.revenant.broker.queue.QueueSettings;
import dev.revenant.broker.queue.arguments.PreconditionFailedException;
import dev.revenant.broker.queue.arguments.QueueArguments;
import dev.revenant.broker.queue.arguments.QueueDeclaration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The queue settings a policy may carry and how they meet a queue's own arguments: each policy
 * key stands for the {@code x-} argument of the same name, values obey the same rules as at
 * declare time, and an argument given at declare time wins over the policy, as in RabbitMQ.
 * Pure.
 */
public final class PolicyDefinition {
    /** Keys whose value must be a string (checked here: the argument parser words DLX type errors differently). */
    private static final Set<String> TEXT_KEYS = Set.of("dead-letter-exchange", "dead-letter-routing-key", "overflow");
    public static final Set<String> KEYS = Set.of("dead-letter-exchange", "dead-letter-routing-key", "message-ttl",
            "max-length", "max-length-bytes", "overflow", "delivery-limit", "expires", "retry-delays");

    private PolicyDefinition() {
    }

    /** Refuses an empty definition, an unknown key or a bad value with an {@link IllegalArgumentException} naming the key. */
    public static void validate(Map<String, Object> definition) {
        if (definition == null || definition.isEmpty()) {
            throw new IllegalArgumentException("a policy definition needs at least one key");
        }
        for (Map.Entry<String, Object> entry : definition.entrySet()) {
            String key = entry.getKey();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unsupported policy key '" + key + "'; supported: " + String.join(", ",
                        new java.util.TreeSet<>(KEYS)));
            }
            Object value = entry.getValue();
            if (TEXT_KEYS.contains(key) && !(value instanceof String)) {
                throw new IllegalArgumentException("policy key '" + key + "' must be a string");
            }
            Map<String, Object> alone = new LinkedHashMap<>();
            if (key.equals("dead-letter-routing-key")) {
                alone.put("x-dead-letter-exchange", ""); // a routing key alone is fine in a policy
            }
            alone.put("x-" + key, value);
            try {
                QueueArguments.parse(new QueueDeclaration("/", "policy", true, false, false, alone));
            } catch (PreconditionFailedException e) {
                String detail = e.detail();
                int reason = detail.lastIndexOf("': ");
                throw new IllegalArgumentException("invalid value for policy key '" + key + "': "
                        + (reason < 0 ? detail : detail.substring(reason + 3)));
            }
        }
    }

    /** The queue's declare arguments with the policy's settings added where the queue has none. */
    public static Map<String, Object> merge(Map<String, Object> declared, Map<String, Object> definition) {
        Map<String, Object> merged = new LinkedHashMap<>();
        definition.forEach((key, value) -> merged.put("x-" + key, value));
        merged.putAll(declared);
        return merged;
    }

    /**
     * The arguments a queue works by under a policy (null: none). Should the mix be invalid (a
     * policy routing key for a queue without any dead-letter exchange), the declared ones stand.
     */
    public static QueueArguments effective(String vhost, QueueSettings settings, Policy policy) {
        if (policy == null) {
            return settings.arguments();
        }
        QueueDeclaration own = settings.declaration();
        Map<String, Object> merged = merge(own.argumentsOrEmpty(), policy.definition());
        try {
            return QueueArguments.parse(new QueueDeclaration(vhost, own.name(), own.durable(), own.exclusive(),
                    own.autoDelete(), merged));
        } catch (PreconditionFailedException e) {
            return settings.arguments();
        }
    }
}
