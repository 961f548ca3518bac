package dev.revenant.broker.vhost;

import dev.revenant.broker.durable.DefinitionJournal;
import dev.revenant.broker.policy.Policies;
import dev.revenant.broker.policy.Policy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policies of one virtual host, always the same in memory and in the definitions store.
 * Reads are lock-free; changes are made under the virtual host's monitor.
 */
final class VirtualHostPolicies {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualHostPolicies.class);

    private final Map<String, Policy> byName = new ConcurrentHashMap<>();
    private final DefinitionJournal definitions;
    private final String vhost;

    VirtualHostPolicies(DefinitionJournal definitions, String vhost) {
        this.definitions = definitions;
        this.vhost = vhost;
    }

    List<Policy> all() {
        List<Policy> all = new ArrayList<>(byName.values());
        all.sort(Comparator.comparing(Policy::name));
        return all;
    }

    Policy get(String name) {
        return byName.get(name);
    }

    /** The policy that applies to the queue of this name, or null. */
    Policy forQueue(String queueName) {
        return Policies.forQueue(byName.values(), queueName);
    }

    void put(Policy policy) {
        byName.put(policy.name(), policy);
        definitions.savePolicy(new DefinitionJournal.PolicyRecord(policy.name(), policy.pattern(), policy.applyTo(),
                policy.priority(), policy.definition()));
    }

    /** Whether there was such a policy. */
    boolean remove(String name) {
        if (byName.remove(name) == null) {
            return false;
        }
        definitions.removePolicy(name);
        return true;
    }

    /** Loads the policies kept on disk; one that no longer validates is left out with a warning. */
    void recover() {
        for (DefinitionJournal.PolicyRecord p : definitions.policies()) {
            try {
                byName.put(p.name(), new Policy(p.name(), p.pattern(), p.applyTo(), p.priority(), p.definition()));
            } catch (IllegalArgumentException e) {
                LOG.warn("policy '{}' in vhost '{}' on disk is no longer valid, left out: {}", p.name(), vhost, e.getMessage());
            }
        }
    }
}
