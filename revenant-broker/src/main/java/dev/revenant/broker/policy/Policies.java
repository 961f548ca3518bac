package dev.revenant.broker.policy;

import java.util.Collection;
import java.util.Comparator;

/** Which policy a queue takes: the matching one of highest priority, ties going to the first name in order. Pure. */
public final class Policies {
    private static final Comparator<Policy> PRECEDENCE = Comparator.comparingInt(Policy::priority).reversed()
            .thenComparing(Policy::name);

    private Policies() {
    }

    /** The policy that applies to this queue, or null. */
    public static Policy forQueue(Collection<Policy> policies, String queueName) {
        return policies.stream().filter(p -> p.appliesToQueue(queueName)).min(PRECEDENCE).orElse(null);
    }
}
