package dev.revenant.broker.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoliciesTest {
    private static Policy policy(String name, String pattern, String applyTo, int priority) {
        return new Policy(name, pattern, applyTo, priority, Map.of("max-length", 1L));
    }

    @Test
    void theMatchingPolicyOfHighestPriorityApplies() {
        List<Policy> all = List.of(policy("low", "^orders", "queues", 1), policy("high", "orders", "all", 7),
                policy("other", "^invoices", "queues", 99));
        assertThat(Policies.forQueue(all, "orders.eu").name()).isEqualTo("high");
        assertThat(Policies.forQueue(all, "invoices").name()).isEqualTo("other");
        assertThat(Policies.forQueue(all, "payments")).isNull();
    }

    @Test
    void exchangePoliciesAreNotForQueuesAndTiesGoToTheFirstName() {
        List<Policy> all = List.of(policy("x", ".*", "exchanges", 50), policy("b", "q", "queues", 2),
                policy("a", "q", "queues", 2));
        assertThat(Policies.forQueue(all, "q").name()).isEqualTo("a");
    }

    @Test
    void anUnanchoredPatternMatchesAnywhereInTheName() {
        assertThat(policy("p", "dead", "queues", 0).appliesToQueue("my.dead.letters")).isTrue();
        assertThat(policy("p", "^dead", "queues", 0).appliesToQueue("my.dead.letters")).isFalse();
    }
}
