package dev.revenant.conformance;

import static dev.revenant.conformance.AmqpErrors.assertClose;
import static dev.revenant.conformance.AmqpErrors.channelClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to the failure-handling features: every invalid argument type or value is refused
 * with 406 PRECONDITION_FAILED naming the argument, before the queue exists, in RabbitMQ 3.10's
 * exact words where RabbitMQ has the feature; a bad {@code expiration} closes the channel the
 * same way; a redeclare with other dead-lettering arguments is refused as inequivalent.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class DeadLetterArgumentsIT extends DeadLetterBase {

    /** (arguments, the argument named, the error text after "for queue 'Q' in vhost '/'") as RabbitMQ 3.10 words it. */
    static Stream<Arguments> invalidClassicArguments() {
        return Stream.of(
                Arguments.of(args("x-dead-letter-routing-key", "k"), "routing_key_but_no_dlx_defined"),
                Arguments.of(args("x-dead-letter-exchange", "dlx", "x-dead-letter-routing-key", 5), "{unacceptable_type,signedint}"),
                Arguments.of(args("x-message-ttl", "abc"), "\"expected integer, got longstr\""),
                Arguments.of(args("x-message-ttl", -1), "{value_negative,-1}"),
                Arguments.of(args("x-message-ttl", 1.5), "\"expected integer, got double\""),
                Arguments.of(args("x-message-ttl", true), "\"expected integer, got bool\""),
                Arguments.of(args("x-message-ttl", 315_360_000_001L), "{value_too_large,315360000001}"),
                Arguments.of(args("x-expires", 0), "{value_zero,0}"),
                Arguments.of(args("x-expires", -1), "{value_negative,-1}"),
                Arguments.of(args("x-expires", "abc"), "\"expected integer, got longstr\""),
                Arguments.of(args("x-expires", 315_360_000_001L), "{value_too_large,315360000001}"),
                Arguments.of(args("x-max-length", "abc"), "\"expected integer, got longstr\""),
                Arguments.of(args("x-max-length", -1), "{value_negative,-1}"),
                Arguments.of(args("x-max-length", 1.5), "\"expected integer, got double\""),
                Arguments.of(args("x-max-length-bytes", "abc"), "\"expected integer, got longstr\""),
                Arguments.of(args("x-max-length-bytes", -1), "{value_negative,-1}"),
                Arguments.of(args("x-overflow", "bad"), "invalid_overflow"),
                Arguments.of(args("x-overflow", 5), "{unacceptable_type,signedint}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidClassicArguments")
    void invalidArgumentIsRefusedInRabbitMqWords(Map<String, Object> arguments, String reason) throws Exception {
        String queue = unique("invalid");
        String named = arguments.keySet().stream().reduce((first, second) -> second).orElseThrow();
        AMQP.Channel.Close close = channelClose(() -> openChannel().queueDeclare(queue, false, false, false, arguments));
        assertClose(close, AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
        assertThat(close.getReplyText()).isEqualTo("PRECONDITION_FAILED - invalid arg '" + named + "' for queue '"
                + queue + "' in vhost '/': " + reason);
        assertClose(channelClose(() -> openChannel().queueDeclarePassive(queue)), AMQP.NOT_FOUND, "NOT_FOUND");
    }

    static Stream<Arguments> invalidDeadLetterExchanges() {
        return Stream.of(Arguments.of(5, "signedint"), Arguments.of(true, "bool"), Arguments.of(List.of("a"), "array"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDeadLetterExchanges")
    void deadLetterExchangeThatIsNoStringIsRefused(Object value, String typeName) throws Exception {
        String queue = unique("invalid");
        AMQP.Channel.Close close = channelClose(() -> openChannel().queueDeclare(queue, false, false, false,
                args("x-dead-letter-exchange", value)));
        assertThat(close.getReplyCode()).isEqualTo(AMQP.PRECONDITION_FAILED);
        assertThat(close.getReplyText()).isEqualTo("PRECONDITION_FAILED - invalid type '" + typeName
                + "' for arg 'x-dead-letter-exchange' in queue '" + queue + "' in vhost '/'");
    }

    static Stream<Arguments> invalidExpirations() {
        return Stream.of(
                Arguments.of("abc", "no_integer"),
                Arguments.of("", "no_integer"),
                Arguments.of(" 100", "no_integer"),
                Arguments.of("-1", "{value_negative,-1}"),
                Arguments.of("1.5", "{leftover_string,\".5\"}"),
                Arguments.of("100 ", "{leftover_string,\" \"}"),
                Arguments.of("315360000001", "{value_too_large,315360000001}"));
    }

    @ParameterizedTest(name = "expiration \"{0}\"")
    @MethodSource("invalidExpirations")
    void invalidExpirationClosesTheChannel(String expiration, String reason) throws Exception {
        Channel channel = openConfirmChannel();
        String queue = exclusiveQueue(channel);
        AMQP.Channel.Close close = channelClose(() -> publishConfirmed(channel, "", queue, expiration(expiration), "m"));
        assertThat(close.getReplyCode()).isEqualTo(AMQP.PRECONDITION_FAILED);
        assertThat(close.getReplyText()).isEqualTo("PRECONDITION_FAILED - invalid expiration '" + expiration + "': " + reason);
        assertThat(close.getClassId()).isEqualTo(60);
        assertThat(close.getMethodId()).isEqualTo(40);
    }

    @Test
    void expirationWithAPlusSignIsAcceptedAndKeptAsWritten() throws Exception {
        Channel channel = openConfirmChannel();
        String dlq = queue(channel, "dlq", null);
        String queue = queue(channel, "ttl", args("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        publishConfirmed(channel, "", queue, expiration("+100"), "m");
        Delivery dead = consume(dlq).next();
        assertThat(text(onlyDeath(dead).get("reason"))).isEqualTo("expired");
        assertThat(text(onlyDeath(dead).get("original-expiration"))).isEqualTo("+100");
    }

    static Stream<Arguments> inequivalentRedeclarations() {
        return Stream.of(
                Arguments.of(args("x-dead-letter-exchange", "a"), args("x-dead-letter-exchange", "b"),
                        "x-dead-letter-exchange", "received 'b' but current is 'a'"),
                Arguments.of(args("x-dead-letter-exchange", "a"), args(),
                        "x-dead-letter-exchange", "received none but current is the value 'a' of type 'longstr'"),
                Arguments.of(args(), args("x-dead-letter-exchange", "a"),
                        "x-dead-letter-exchange", "received the value 'a' of type 'longstr' but current is none"),
                Arguments.of(args("x-dead-letter-exchange", "a", "x-dead-letter-routing-key", "k"),
                        args("x-dead-letter-exchange", "a", "x-dead-letter-routing-key", "j"),
                        "x-dead-letter-routing-key", "received 'j' but current is 'k'"),
                Arguments.of(args("x-message-ttl", 100), args("x-message-ttl", 200), "x-message-ttl", "received '200' but current is '100'"),
                Arguments.of(args("x-expires", 10_000), args("x-expires", 20_000), "x-expires", "received '20000' but current is '10000'"),
                Arguments.of(args("x-max-length", 1), args("x-max-length", 2), "x-max-length", "received '2' but current is '1'"),
                Arguments.of(args("x-max-length-bytes", 10), args("x-max-length-bytes", 20),
                        "x-max-length-bytes", "received '20' but current is '10'"),
                Arguments.of(args("x-overflow", "drop-head"), args("x-overflow", "reject-publish"),
                        "x-overflow", "received 'reject-publish' but current is 'drop-head'"),
                Arguments.of(args("x-overflow", "drop-head"), args(),
                        "x-overflow", "received none but current is the value 'drop-head' of type 'longstr'"));
    }

    @ParameterizedTest(name = "{0} then {1}")
    @MethodSource("inequivalentRedeclarations")
    void redeclaringWithOtherArgumentsIsRefused(Map<String, Object> first, Map<String, Object> second, String named,
            String difference) throws Exception {
        Channel channel = openChannel();
        String queue = unique("redeclared");
        channel.queueDeclare(deleteAfterTest(queue), false, false, false, first);
        AMQP.Channel.Close close = channelClose(() -> openChannel().queueDeclare(queue, false, false, false, second));
        assertThat(close.getReplyText()).isEqualTo("PRECONDITION_FAILED - inequivalent arg '" + named + "' for queue '"
                + queue + "' in vhost '/': " + difference);
    }

    @Test
    void sameTtlAsIntegerOrLongIsEquivalent() throws Exception {
        Channel channel = openChannel();
        String queue = unique("redeclared");
        channel.queueDeclare(deleteAfterTest(queue), false, false, false, args("x-message-ttl", 100));
        channel.queueDeclare(queue, false, false, false, args("x-message-ttl", 100L));
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void quorumDeliveryLimitRedeclaredWithAnotherValueIsRefused() throws Exception {
        Channel channel = openChannel();
        String queue = quorumQueue(channel, "redeclared", args("x-delivery-limit", 2));
        AMQP.Channel.Close close = channelClose(() -> openChannel().queueDeclare(queue, true, false, false,
                args("x-queue-type", "quorum", "x-delivery-limit", 3)));
        assertThat(close.getReplyText()).isEqualTo("PRECONDITION_FAILED - inequivalent arg 'x-delivery-limit' for queue '"
                + queue + "' in vhost '/': received '3' but current is '2'");
    }

    /** Arguments RabbitMQ 3.10 does not know or does not check; Revenant refuses bad values naming them. */
    static Stream<Arguments> invalidRevenantArguments() {
        return Stream.of(
                Arguments.of(args("x-queue-type", "quorum", "x-delivery-limit", "abc"), "x-delivery-limit"),
                Arguments.of(args("x-queue-type", "quorum", "x-delivery-limit", 1.5), "x-delivery-limit"),
                Arguments.of(args("x-retry-delays", "1000"), "x-retry-delays"),
                Arguments.of(args("x-retry-delays", 1000), "x-retry-delays"),
                Arguments.of(args("x-retry-delays", List.of(100, "x")), "x-retry-delays"),
                Arguments.of(args("x-retry-delays", List.of(100, -1)), "x-retry-delays"),
                Arguments.of(args("x-retry-delays", List.of(315_360_000_001L)), "x-retry-delays"),
                Arguments.of(args("x-queue-type", "quorum", "x-delayed-retry-type", "sometimes", "x-delayed-retry-min", 100),
                        "x-delayed-retry-type"),
                Arguments.of(args("x-queue-type", "quorum", "x-delayed-retry-type", 5, "x-delayed-retry-min", 100),
                        "x-delayed-retry-type"),
                Arguments.of(args("x-queue-type", "quorum", "x-delayed-retry-type", "all"), "x-delayed-retry-min"),
                Arguments.of(args("x-queue-type", "quorum", "x-delayed-retry-type", "all", "x-delayed-retry-min", -1),
                        "x-delayed-retry-min"),
                Arguments.of(args("x-queue-type", "quorum", "x-delayed-retry-type", "all", "x-delayed-retry-min", "abc"),
                        "x-delayed-retry-min"),
                Arguments.of(args("x-queue-type", "quorum", "x-delayed-retry-type", "all", "x-delayed-retry-min", 100,
                        "x-delayed-retry-max", "abc"), "x-delayed-retry-max"),
                Arguments.of(args("x-queue-type", "quorum", "x-delayed-retry-type", "all", "x-delayed-retry-min", 100,
                        "x-delayed-retry-max", -5), "x-delayed-retry-max"),
                Arguments.of(args("x-queue-type", "quorum", "x-delayed-retry-type", "all", "x-delayed-retry-min", 100,
                        "x-retry-delays", List.of(100)), "x-retry-delays"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRevenantArguments")
    void invalidRevenantArgumentIsRefusedNamingIt(Map<String, Object> arguments, String named) throws Exception {
        assumeThat(target.isRevenant()).as("RabbitMQ 3.10 has no such argument or does not check it").isTrue();
        String queue = unique("invalid");
        boolean quorum = "quorum".equals(arguments.get("x-queue-type"));
        AMQP.Channel.Close close = channelClose(() -> openChannel().queueDeclare(queue, quorum, false, false, arguments));
        assertClose(close, AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
        assertThat(close.getReplyText()).startsWith("PRECONDITION_FAILED - invalid arg '" + named + "' for queue '"
                + queue + "' in vhost '/': ");
        assertClose(channelClose(() -> openChannel().queueDeclarePassive(queue)), AMQP.NOT_FOUND, "NOT_FOUND");
    }
}
