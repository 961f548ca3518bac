package dev.revenant.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BrokerTargetsTest {

    @Test
    void noSelectionMeansEveryTarget() {
        assertThat(BrokerTargets.parseSelection(null)).isEmpty();
        assertThat(BrokerTargets.parseSelection("  ")).isEmpty();
    }

    @Test
    void selectionIsACaseInsensitiveCommaList() {
        assertThat(BrokerTargets.parseSelection("RabbitMQ")).containsExactly("rabbitmq");
        assertThat(BrokerTargets.parseSelection(" revenant , rabbitmq,,")).containsExactly("revenant", "rabbitmq");
    }

    @Test
    void unknownTargetNameIsAnError() {
        assertThatThrownBy(() -> BrokerTargets.parseSelection("rabbitmq,activemq"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'activemq'");
    }
}
