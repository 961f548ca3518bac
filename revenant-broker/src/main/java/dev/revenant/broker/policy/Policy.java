package dev.revenant.broker.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A RabbitMQ-style policy: queues whose name matches {@code pattern} (a regular expression, found
 * anywhere in the name unless anchored) take the {@code definition}'s settings where their own
 * declare arguments say nothing. Built only valid: a bad pattern, apply-to or definition is an
 * {@link IllegalArgumentException} naming the culprit.
 *
 * @param applyTo    {@code queues}, {@code exchanges} or {@code all}; only queues carry settings here
 * @param priority   among matching policies, the highest applies (only one applies to a queue)
 * @param definition policy keys such as {@code dead-letter-exchange} to values, as validated by {@link PolicyDefinition}
 */
public record Policy(String name, String pattern, String applyTo, int priority, Map<String, Object> definition) {
    private static final Set<String> APPLY_TO = Set.of("queues", "exchanges", "all");

    public Policy {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a policy needs a name");
        }
        if (pattern == null) {
            throw new IllegalArgumentException("policy '" + name + "' needs a pattern");
        }
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid pattern '" + pattern + "': " + e.getDescription());
        }
        if (!APPLY_TO.contains(applyTo)) {
            throw new IllegalArgumentException("'apply-to' must be queues, exchanges or all, was '" + applyTo + "'");
        }
        PolicyDefinition.validate(definition);
        definition = Collections.unmodifiableMap(new LinkedHashMap<>(definition));
    }

    /** Whether this policy is a candidate for the queue of this name. */
    public boolean appliesToQueue(String queueName) {
        return !applyTo.equals("exchanges") && Pattern.compile(pattern).matcher(queueName).find();
    }
}
