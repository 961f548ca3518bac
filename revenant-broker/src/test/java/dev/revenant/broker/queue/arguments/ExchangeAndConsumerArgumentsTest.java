package dev.revenant.broker.queue.arguments;

import static dev.revenant.broker.queue.arguments.Tables.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Texts below were read from a RabbitMQ 3.10.8 node, except the delayed-message plugin's. */
class ExchangeAndConsumerArgumentsTest {

    private static ExchangeDeclaration exchange(String type, boolean durable, boolean autoDelete, boolean internal,
            Map<String, Object> args) {
        return new ExchangeDeclaration("/", "x", type, durable, autoDelete, internal, args);
    }

    @Test
    void alternateExchangeMustBeAString() {
        assertThat(ExchangeArguments.parse(exchange("direct", false, false, false, table("alternate-exchange", "ae")))
                .alternateExchange()).hasValue("ae");
        assertThat(ExchangeArguments.parse(exchange("direct", false, false, false, null)).alternateExchange()).isEmpty();
        assertThatThrownBy(() -> ExchangeArguments.parse(exchange("direct", false, false, false, table("alternate-exchange", 1))))
                .hasMessage("PRECONDITION_FAILED - invalid type 'signedint' for arg 'alternate-exchange' in exchange 'x' in vhost '/'");
        assertThatThrownBy(() -> ExchangeArguments.parse(exchange("direct", false, false, false,
                table("alternate-exchange", "x".getBytes(StandardCharsets.UTF_8)))))
                .hasMessage("PRECONDITION_FAILED - invalid type 'binary' for arg 'alternate-exchange' in exchange 'x' in vhost '/'");
    }

    @Test
    void delayedMessageExchangesNeedARoutingType() {
        assertThat(ExchangeArguments.parse(exchange("x-delayed-message", true, false, false, table("x-delayed-type", "topic")))
                .delayedType()).hasValue("topic");
        for (Object bad : new Object[] {null, "x-delayed-message", "nonsense", 1}) {
            Map<String, Object> args = bad == null ? table() : table("x-delayed-type", bad);
            assertThatThrownBy(() -> ExchangeArguments.parse(exchange("x-delayed-message", true, false, false, args)))
                    .hasMessage("PRECONDITION_FAILED - Invalid argument, 'x-delayed-type' must be an existing exchange type");
        }
        assertThat(ExchangeArguments.parse(exchange("direct", false, false, false, table("x-delayed-type", 1))).delayedType())
                .isEmpty();
    }

    @Test
    void exchangeRedeclareComparesTypeFlagsThenAlternateExchange() {
        ExchangeDeclaration current = exchange("direct", false, false, false, table("alternate-exchange", "a"));
        assertThatThrownBy(() -> ExchangeArguments.checkEquivalent(current, exchange("topic", true, true, true, table("alternate-exchange", "b"))))
                .hasMessage("PRECONDITION_FAILED - inequivalent arg 'type' for exchange 'x' in vhost '/': received 'topic' but current is 'direct'");
        assertThatThrownBy(() -> ExchangeArguments.checkEquivalent(current, exchange("direct", true, true, true, table("alternate-exchange", "b"))))
                .hasMessage("PRECONDITION_FAILED - inequivalent arg 'durable' for exchange 'x' in vhost '/': received 'true' but current is 'false'");
        assertThatThrownBy(() -> ExchangeArguments.checkEquivalent(current, exchange("direct", false, true, true, table("alternate-exchange", "b"))))
                .hasMessage("PRECONDITION_FAILED - inequivalent arg 'auto_delete' for exchange 'x' in vhost '/': received 'true' but current is 'false'");
        assertThatThrownBy(() -> ExchangeArguments.checkEquivalent(current, exchange("direct", false, false, true, table("alternate-exchange", "b"))))
                .hasMessage("PRECONDITION_FAILED - inequivalent arg 'internal' for exchange 'x' in vhost '/': received 'true' but current is 'false'");
        assertThatThrownBy(() -> ExchangeArguments.checkEquivalent(current, exchange("direct", false, false, false, table("alternate-exchange", "b"))))
                .hasMessage("PRECONDITION_FAILED - inequivalent arg 'alternate-exchange' for exchange 'x' in vhost '/': received 'b' but current is 'a'");
        assertThatThrownBy(() -> ExchangeArguments.checkEquivalent(current, exchange("direct", false, false, false, table())))
                .hasMessage("PRECONDITION_FAILED - inequivalent arg 'alternate-exchange' for exchange 'x' in vhost '/': received none but current is the value 'a' of type 'longstr'");
        assertThatCode(() -> ExchangeArguments.checkEquivalent(exchange("direct", false, false, false, table("foo", 1)),
                exchange("direct", false, false, false, table("foo", 2)))).doesNotThrowAnyException();
    }

    @Test
    void consumerPriorityIsAnyInteger() {
        assertThat(ConsumerArguments.parse("/", "q", null).priority()).isZero();
        assertThat(ConsumerArguments.parse("/", "q", table("x-priority", -5)).priority()).isEqualTo(-5);
        assertThat(ConsumerArguments.parse("/", "q", table("x-priority", Long.MAX_VALUE)).priority()).isEqualTo(Long.MAX_VALUE);
        assertThat(ConsumerArguments.parse("/", "q", table("x-foo", "ignored"))).isEqualTo(new ConsumerArguments(0, false));
        assertThatThrownBy(() -> ConsumerArguments.parse("/", "q", table("x-priority", "1")))
                .hasMessage("PRECONDITION_FAILED - invalid arg 'x-priority' for queue 'q' in vhost '/': \"expected integer, got longstr\"");
        assertThatThrownBy(() -> ConsumerArguments.parse("/", "q", table("x-priority", 1.5d)))
                .hasMessage("PRECONDITION_FAILED - invalid arg 'x-priority' for queue 'q' in vhost '/': \"expected integer, got double\"");
        assertThatThrownBy(() -> ConsumerArguments.parse("/", "q", table("x-priority", true)))
                .hasMessage("PRECONDITION_FAILED - invalid arg 'x-priority' for queue 'q' in vhost '/': \"expected integer, got bool\"");
        assertThatThrownBy(() -> ConsumerArguments.parse("/", "q", table("x-cancel-on-ha-failover", "x")))
                .hasMessage("PRECONDITION_FAILED - invalid arg 'x-cancel-on-ha-failover' for queue 'q' in vhost '/': {unacceptable_type,longstr}");
    }
}
