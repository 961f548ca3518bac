package dev.revenant.broker.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revenant.broker.queue.QueueSettings;
import dev.revenant.broker.queue.arguments.QueueArguments;
import dev.revenant.broker.queue.arguments.QueueDeclaration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyDefinitionTest {
    private static Policy policy(Map<String, Object> definition) {
        return new Policy("p", "^q", "queues", 0, definition);
    }

    @Test
    void everySupportedKeyIsAccepted() {
        PolicyDefinition.validate(Map.of("dead-letter-exchange", "dlx", "dead-letter-routing-key", "rk", "message-ttl", 0L,
                "max-length", 10, "max-length-bytes", 1000L, "overflow", "reject-publish", "delivery-limit", 3,
                "expires", 60_000, "retry-delays", List.of(100L, 1000L)));
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> PolicyDefinition.validate(Map.of("max-length", -1L)))
                .hasMessage("invalid value for policy key 'max-length': {value_negative,-1}");
        assertThatThrownBy(() -> PolicyDefinition.validate(Map.of("expires", 0L))).hasMessageContaining("'expires'")
                .hasMessageContaining("value_zero");
        assertThatThrownBy(() -> PolicyDefinition.validate(Map.of("overflow", "explode")))
                .hasMessageContaining("'overflow'").hasMessageContaining("invalid_overflow");
        assertThatThrownBy(() -> PolicyDefinition.validate(Map.of("message-ttl", "soon")))
                .hasMessageContaining("'message-ttl'");
        assertThatThrownBy(() -> PolicyDefinition.validate(Map.of("dead-letter-exchange", 5L)))
                .hasMessage("policy key 'dead-letter-exchange' must be a string");
        assertThatThrownBy(() -> PolicyDefinition.validate(Map.of("retry-delays", List.of(1L, -2L))))
                .hasMessageContaining("'retry-delays'");
        assertThatThrownBy(() -> PolicyDefinition.validate(Map.of("max-priority", 5L)))
                .hasMessageStartingWith("unsupported policy key 'max-priority'");
        assertThatThrownBy(() -> PolicyDefinition.validate(Map.of())).hasMessageContaining("at least one key");
    }

    @Test
    void declaredArgumentsWinOverThePolicy() {
        Map<String, Object> merged = PolicyDefinition.merge(Map.of("x-message-ttl", 5L),
                Map.of("message-ttl", 100L, "max-length", 3L));
        assertThat(merged).containsEntry("x-message-ttl", 5L).containsEntry("x-max-length", 3L).hasSize(2);
    }

    @Test
    void effectiveArgumentsCombineBoth() {
        QueueSettings settings = QueueSettings.of(new QueueDeclaration("/", "q", true, false, false,
                Map.of("x-dead-letter-exchange", "own")));
        QueueArguments effective = PolicyDefinition.effective("/", settings,
                policy(Map.of("dead-letter-exchange", "other", "dead-letter-routing-key", "rk", "delivery-limit", 2L)));
        assertThat(effective.deadLetterExchange()).contains("own");
        assertThat(effective.deadLetterRoutingKey()).contains("rk");
        assertThat(effective.deliveryLimit()).hasValue(2L);
        assertThat(PolicyDefinition.effective("/", settings, null)).isSameAs(settings.arguments());
    }

    @Test
    void aPolicyRoutingKeyWithoutAnyExchangeLeavesTheDeclaredArguments() {
        QueueSettings settings = QueueSettings.of(new QueueDeclaration("/", "q", true, false, false, Map.of()));
        QueueArguments effective = PolicyDefinition.effective("/", settings, policy(Map.of("dead-letter-routing-key", "rk")));
        assertThat(effective).isSameAs(settings.arguments());
    }

    @Test
    void badPatternsAndApplyToAreRefused() {
        assertThatThrownBy(() -> new Policy("p", "(", "queues", 0, Map.of("max-length", 1L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid pattern '('");
        assertThatThrownBy(() -> new Policy("p", ".*", "streams", 0, Map.of("max-length", 1L)))
                .hasMessageContaining("'apply-to'");
    }
}
