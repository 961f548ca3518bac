package dev.revenant.broker.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void startsWithOneTokenSoTheFirstMessageGoesAtOnce() {
        TokenBucket bucket = new TokenBucket(10, 5, 0);
        assertThat(bucket.take(0, 100)).isEqualTo(1);
        assertThat(bucket.take(0, 100)).isZero();
    }

    @Test
    void accruesAtTheRateUpToTheCapacity() {
        TokenBucket bucket = new TokenBucket(10, 5, 0);
        bucket.take(0, 1);
        assertThat(bucket.take(SECOND / 10 * 3, 100)).as("0.3 s at 10/s").isEqualTo(3);
        assertThat(bucket.take(100 * SECOND, 100)).as("capped at the capacity").isEqualTo(5);
    }

    @Test
    void overALongRunGrantsRateTimesDurationPlusTheStartingToken() {
        TokenBucket bucket = new TokenBucket(7, 1, 0);
        long granted = 0;
        for (long t = 0; t < 10 * SECOND; t += SECOND / 1000) {
            granted += bucket.take(t, 1000);
        }
        assertThat(granted).as("tokens at 0, 1/7 s, ..., 69/7 s").isEqualTo(70);
    }

    @Test
    void tellsHowLongUntilTheNextToken() {
        TokenBucket bucket = new TokenBucket(4, 1, 0);
        bucket.take(0, 1);
        assertThat(bucket.nanosUntilToken(0)).isEqualTo(SECOND / 4);
        assertThat(bucket.nanosUntilToken(SECOND / 8)).isEqualTo(SECOND / 8);
        assertThat(bucket.nanosUntilToken(SECOND)).isZero();
    }

    @Test
    void fractionalRatesWork() {
        TokenBucket bucket = TokenBucket.forRate(0.5, 0);
        assertThat(bucket.take(0, 10)).isEqualTo(1);
        assertThat(bucket.take(SECOND, 10)).isZero();
        assertThat(bucket.take(2 * SECOND, 10)).isEqualTo(1);
    }

    @Test
    void aClockGoingBackwardsGrantsNothingExtra() {
        TokenBucket bucket = new TokenBucket(10, 10, SECOND);
        bucket.take(SECOND, 1);
        assertThat(bucket.take(0, 10)).isZero();
    }

    @Test
    void refusesANonPositiveRate() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
