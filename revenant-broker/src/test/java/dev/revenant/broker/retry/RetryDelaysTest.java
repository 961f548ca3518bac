package dev.revenant.broker.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revenant.broker.queue.arguments.DelayedRetryType;
import dev.revenant.broker.queue.arguments.QueueArguments;
import dev.revenant.broker.queue.arguments.QueueDeclaration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RetryDelaysTest {

    private static QueueArguments declared(Object... keysAndValues) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            args.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return QueueArguments.parse(new QueueDeclaration("/", "q", true, false, false, args));
    }

    @Test
    void retryDelaysAreUsedInTurnThenExhausted() {
        RetryDelays delays = RetryDelays.of(declared("x-retry-delays", List.of(1000, 10_000, 60_000)));
        assertThat(delays.retriesFailures()).isTrue();
        assertThat(delays.afterFailure(1)).isEqualTo(new RetryStep.Retry(1000));
        assertThat(delays.afterFailure(2)).isEqualTo(new RetryStep.Retry(10_000));
        assertThat(delays.afterFailure(3)).isEqualTo(new RetryStep.Retry(60_000));
        assertThat(delays.afterFailure(4)).isEqualTo(new RetryStep.Exhausted());
        assertThat(delays.afterFailure(Long.MAX_VALUE)).isEqualTo(new RetryStep.Exhausted());
        assertThatThrownBy(() -> delays.afterFailure(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutRetryDelaysAFailureIsPlainDeadLettering() {
        assertThat(RetryDelays.of(declared()).afterFailure(1)).isEqualTo(new RetryStep.Exhausted());
        assertThat(RetryDelays.of(declared("x-retry-delays", List.of())).afterFailure(1)).isEqualTo(new RetryStep.Exhausted());
        assertThat(RetryDelays.none().retriesFailures()).isFalse();
        assertThat(RetryDelays.none().returnDelayMillis(true, 3)).isZero();
    }

    @Test
    void delayedRetryGrowsLinearlyUpToTheMaximum() {
        // The example of RabbitMQ's documentation: min 1000, max 30000.
        RetryDelays delays = RetryDelays.of(declared("x-queue-type", "quorum", "x-delayed-retry-type", "all",
                "x-delayed-retry-min", 1000, "x-delayed-retry-max", 30_000));
        assertThat(delays.returnDelayMillis(true, 1)).isEqualTo(1000);
        assertThat(delays.returnDelayMillis(true, 2)).isEqualTo(2000);
        assertThat(delays.returnDelayMillis(false, 3)).isEqualTo(3000);
        assertThat(delays.returnDelayMillis(true, 30)).isEqualTo(30_000);
        assertThat(delays.returnDelayMillis(true, 31)).isEqualTo(30_000);
        assertThat(delays.returnDelayMillis(false, 0)).isEqualTo(1000);
        assertThat(delays.retriesFailures()).isFalse();
    }

    @Test
    void theTypeSelectsWhichReturnsWait() {
        RetryDelays failed = RetryDelays.ofDelayedRetry(DelayedRetryType.FAILED, 3000, OptionalLong.of(12_000));
        assertThat(failed.returnDelayMillis(true, 2)).isEqualTo(6000);
        assertThat(failed.returnDelayMillis(false, 2)).isZero();
        RetryDelays returned = RetryDelays.ofDelayedRetry(DelayedRetryType.RETURNED, 3000, OptionalLong.of(12_000));
        assertThat(returned.returnDelayMillis(true, 2)).isZero();
        assertThat(returned.returnDelayMillis(false, 2)).isEqualTo(6000);
        RetryDelays disabled = RetryDelays.ofDelayedRetry(DelayedRetryType.DISABLED, 3000, OptionalLong.empty());
        assertThat(disabled.returnDelayMillis(true, 2)).isZero();
    }

    @Property
    void delayedRetryNeverExceedsItsMaximumOrTheTenYearCap(@ForAll @LongRange(min = 0, max = 315_360_000_000L) long min,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long count) {
        long unbounded = RetryDelays.ofDelayedRetry(DelayedRetryType.ALL, min, OptionalLong.empty()).returnDelayMillis(true, count);
        assertThat(unbounded).isBetween(min == 0 ? 0 : Math.min(min, QueueArguments.MAX_EXPIRY_MILLIS), QueueArguments.MAX_EXPIRY_MILLIS);
        long bounded = RetryDelays.ofDelayedRetry(DelayedRetryType.ALL, min, OptionalLong.of(5000)).returnDelayMillis(true, count);
        assertThat(bounded).isEqualTo(Math.min(unbounded, 5000));
    }

    @Test
    void ofDelaysCopiesItsList() {
        List<Long> list = new java.util.ArrayList<>(List.of(5L));
        RetryDelays delays = RetryDelays.ofDelays(list);
        list.set(0, 99L);
        assertThat(delays.afterFailure(1)).isEqualTo(new RetryStep.Retry(5));
    }
}
