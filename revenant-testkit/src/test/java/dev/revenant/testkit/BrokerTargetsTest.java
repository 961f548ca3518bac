package dev.revenant.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BrokerTargetsTest {
    @Test
    void unsetOrBlankSelectsEveryTarget() {
        assertThat(BrokerTargets.selectedNames(null)).containsExactly("revenant", "rabbitmq");
        assertThat(BrokerTargets.selectedNames("  ")).containsExactly("revenant", "rabbitmq");
    }

    @Test
    void commaListSelectsNamedTargetsIgnoringCaseAndSpaces() {
        assertThat(BrokerTargets.selectedNames("rabbitmq")).containsExactly("rabbitmq");
        assertThat(BrokerTargets.selectedNames(" RabbitMQ , revenant,")).containsExactlyInAnyOrder("rabbitmq", "revenant");
    }

    @Test
    void unknownNameIsRejectedWithTheKnownNames() {
        assertThatThrownBy(() -> BrokerTargets.selectedNames("rabbit"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'rabbit'")
                .hasMessageContaining("revenant, rabbitmq");
        assertThatThrownBy(() -> BrokerTargets.selectedNames(","))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
