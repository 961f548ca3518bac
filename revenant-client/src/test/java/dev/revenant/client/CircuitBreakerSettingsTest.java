package dev.revenant.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerSettingsTest {
    @Test
    void defaultsAreValid() {
        CircuitBreakerSettings defaults = CircuitBreakerSettings.defaults();
        assertThat(defaults.problems()).isEmpty();
        assertThat(defaults.failureRatePercent()).isEqualTo(50f);
        assertThat(defaults.openFor()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.probe()).isNull();
    }

    @Test
    void eachBadValueIsReported() {
        assertThat(CircuitBreakerSettings.defaults().withFailureRatePercent(101).problems()).hasSize(1);
        assertThat(CircuitBreakerSettings.defaults().withSlidingWindow(0).problems()).isNotEmpty();
        assertThat(CircuitBreakerSettings.defaults().withMinimumCalls(11).problems())
                .containsExactly("circuit breaker minimum calls is 11: give a value between 1 and the sliding window (10)");
        assertThat(CircuitBreakerSettings.defaults().withOpenFor(Duration.ofMillis(-1)).problems()).hasSize(1);
        assertThat(CircuitBreakerSettings.defaults().withOpenFor(null).problems()).hasSize(1);
        assertThat(CircuitBreakerSettings.defaults().withTrialMessages(0).problems()).hasSize(1);
    }
}
