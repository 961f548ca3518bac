package dev.revenant.broker.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revenant.broker.queue.arguments.PreconditionFailedException;
import java.util.OptionalLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Replies observed from RabbitMQ 3.10.8 publishing with these expiration properties. */
class MessageTtlTest {

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "abc | no_integer",
            "`` | no_integer",
            "` 10` | no_integer",
            "+ | no_integer",
            "- | no_integer",
            "--5 | no_integer",
            "+-5 | no_integer",
            "٥ | no_integer",
            "-1 | {value_negative,-1}",
            "1.5 | {leftover_string,\".5\"}",
            "`10 ` | {leftover_string,\" \"}",
            "5abc | {leftover_string,\"abc\"}",
            "1e3 | {leftover_string,\"e3\"}",
            "0x10 | {leftover_string,\"x10\"}",
            "5\"x | {leftover_string,\"\\\"x\"}",
            "5é | {leftover_string,\"é\"}",
            "5中 | {leftover_string,\"中\"}",
            "315360000001 | {value_too_large,315360000001}",
            "9999999999999 | {value_too_large,9999999999999}"})
    void refusesAsRabbitMqDoes(String expiration, String reason) {
        assertThatThrownBy(() -> MessageTtl.parseExpiration(expiration))
                .isInstanceOfSatisfying(PreconditionFailedException.class, e -> {
                    assertThat(e.replyCode()).isEqualTo(406);
                    assertThat(e.replyText()).isEqualTo("PRECONDITION_FAILED - invalid expiration '" + expiration + "': " + reason);
                });
    }

    @Test
    void escapesControlCharactersAndListsUnprintableBytes() {
        assertThatThrownBy(() -> MessageTtl.parseExpiration("5\n"))
                .hasMessage("PRECONDITION_FAILED - invalid expiration '5\n': {leftover_string,\"\\n\"}");
        assertThatThrownBy(() -> MessageTtl.parseExpiration("5\u0001"))
                .hasMessageEndingWith(": {leftover_string,[1]}");
        assertThatThrownBy(() -> MessageTtl.parseExpiration("5€"))
                .hasMessageEndingWith(": {leftover_string,[226,130,172]}");
    }

    @Test
    void acceptsWhatRabbitMqAccepts() {
        assertThat(MessageTtl.parseExpiration(null)).isEmpty();
        assertThat(MessageTtl.parseExpiration("0")).hasValue(0);
        assertThat(MessageTtl.parseExpiration("-0")).hasValue(0);
        assertThat(MessageTtl.parseExpiration("+5")).hasValue(5);
        assertThat(MessageTtl.parseExpiration("007")).hasValue(7);
        assertThat(MessageTtl.parseExpiration("4294967296")).hasValue(4_294_967_296L);
        assertThat(MessageTtl.parseExpiration("315360000000")).hasValue(315_360_000_000L);
    }

    @Property
    void everyNonNegativeMillisecondCountInRangeRoundTrips(@ForAll @LongRange(min = 0, max = 315_360_000_000L) long millis) {
        assertThat(MessageTtl.parseExpiration(Long.toString(millis))).hasValue(millis);
    }

    @Test
    void theLowerTtlWinsFromEnqueueTime() {
        assertThat(MessageTtl.effective(OptionalLong.of(500), OptionalLong.of(1000))).hasValue(500);
        assertThat(MessageTtl.effective(OptionalLong.of(5000), OptionalLong.of(1000))).hasValue(1000);
        assertThat(MessageTtl.effective(OptionalLong.empty(), OptionalLong.of(1000))).hasValue(1000);
        assertThat(MessageTtl.effective(OptionalLong.of(0), OptionalLong.empty())).hasValue(0);
        assertThat(MessageTtl.effective(OptionalLong.empty(), OptionalLong.empty())).isEmpty();
        assertThat(MessageTtl.expiresAt(10_000, OptionalLong.of(500), OptionalLong.of(1000))).hasValue(10_500);
        assertThat(MessageTtl.expiresAt(10_000, OptionalLong.empty(), OptionalLong.empty())).isEmpty();
        assertThat(MessageTtl.isExpired(10_499, 10_500)).isFalse();
        assertThat(MessageTtl.isExpired(10_500, 10_500)).isTrue();
    }
}
