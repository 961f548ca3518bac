package dev.revenant.broker.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DelayedRoutingTest {

    private static long delay(Object value) {
        Map<String, Object> headers = new HashMap<>();
        headers.put("x-delay", value);
        return DelayedRouting.delayOf(headers);
    }

    @Test
    void integerDelaysInRangeHoldTheMessage() {
        assertThat(delay(1500)).isEqualTo(1500);
        assertThat(delay(1500L)).isEqualTo(1500);
        assertThat(delay((short) 7)).isEqualTo(7);
        assertThat(delay((byte) 1)).isEqualTo(1);
        assertThat(delay(DelayedRouting.MAX_DELAY_MILLIS)).isEqualTo(DelayedRouting.MAX_DELAY_MILLIS);
    }

    @Test
    void stringsAndFloatsAreConvertedAsThePluginDoes() {
        assertThat(delay("2500")).isEqualTo(2500);
        assertThat(delay(99.9)).isEqualTo(99);
        assertThat(delay(12.5f)).isEqualTo(12);
        assertThat(delay(new BigDecimal("40.2"))).isEqualTo(40);
    }

    @Test
    void absentZeroNegativeTooLongOrNonNumericRouteAtOnce() {
        assertThat(DelayedRouting.delayOf(null)).isZero();
        assertThat(DelayedRouting.delayOf(Map.of())).isZero();
        assertThat(delay(0)).isZero();
        assertThat(delay(-5000)).isZero();
        assertThat(delay(DelayedRouting.MAX_DELAY_MILLIS + 1)).isZero();
        assertThat(delay("soon")).isZero();
        assertThat(delay(true)).isZero();
        assertThat(delay(0.5)).isZero();
    }

    @Test
    void releasedMessagesCarryTheNegatedDelay() {
        assertThat(DelayedRouting.releasedDelayHeader(5000)).isEqualTo(-5000);
        assertThat(DelayedRouting.releasedDelayHeader(DelayedRouting.MAX_DELAY_MILLIS))
                .isEqualTo(-DelayedRouting.MAX_DELAY_MILLIS);
    }

    @Test
    void routesLikeTheUnderlyingTypeUnderItsOwnName() {
        ExchangeType delayed = ExchangeTypes.create("x-delayed-message", Map.of("x-delayed-type", "fanout"));
        assertThat(delayed.typeName()).isEqualTo("x-delayed-message");
        assertThat(((DelayedRouting) delayed).underlyingTypeName()).isEqualTo("fanout");
        assertThat(ExchangeTypes.create("x-delayed-message", Map.of())).isNull();
        assertThat(ExchangeTypes.create("x-delayed-message", Map.of("x-delayed-type", "x-delayed-message"))).isNull();
        assertThat(ExchangeTypes.isKnown("x-delayed-message")).isTrue();
        assertThat(ExchangeTypes.isKnown("x-consistent-hash")).isFalse();
    }
}
