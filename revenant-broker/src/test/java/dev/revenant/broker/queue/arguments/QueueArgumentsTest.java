package dev.revenant.broker.queue.arguments;

import static dev.revenant.broker.queue.arguments.Tables.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Texts below were read from a RabbitMQ 3.10.8 node answering the same declarations. */
class QueueArgumentsTest {
    private static final String PREFIX = "PRECONDITION_FAILED - invalid arg '";

    static QueueArguments classic(Map<String, Object> args) {
        return QueueArguments.parse(new QueueDeclaration("/", "q", false, false, false, args));
    }

    static QueueArguments quorum(Map<String, Object> args) {
        Map<String, Object> withType = table("x-queue-type", "quorum");
        withType.putAll(args);
        return QueueArguments.parse(new QueueDeclaration("/", "q", true, false, false, withType));
    }

    static Stream<Arguments> refusedArguments() {
        return Stream.of(
                refused("x-message-ttl", -1, "{value_negative,-1}"),
                refused("x-message-ttl", "100", "\"expected integer, got longstr\""),
                refused("x-message-ttl", 1.5d, "\"expected integer, got double\""),
                refused("x-message-ttl", 1.5f, "\"expected integer, got float\""),
                refused("x-message-ttl", true, "\"expected integer, got bool\""),
                refused("x-message-ttl", new BigDecimal("5"), "\"expected integer, got decimal\""),
                refused("x-message-ttl", Instant.ofEpochSecond(5), "\"expected integer, got timestamp\""),
                refused("x-message-ttl", null, "\"expected integer, got void\""),
                refused("x-message-ttl", "5".getBytes(StandardCharsets.UTF_8), "\"expected integer, got binary\""),
                refused("x-message-ttl", List.of(1), "\"expected integer, got array\""),
                refused("x-message-ttl", Map.of("a", 1), "\"expected integer, got table\""),
                refused("x-message-ttl", 315_360_000_001L, "{value_too_large,315360000001}"),
                refused("x-expires", 0, "{value_zero,0}"),
                refused("x-expires", -1, "{value_negative,-1}"),
                refused("x-expires", "x", "\"expected integer, got longstr\""),
                refused("x-expires", 315_360_000_001L, "{value_too_large,315360000001}"),
                refused("x-max-length", -1, "{value_negative,-1}"),
                refused("x-max-length", "1", "\"expected integer, got longstr\""),
                refused("x-max-length-bytes", -1, "{value_negative,-1}"),
                refused("x-overflow", "foo", "invalid_overflow"),
                refused("x-overflow", 1, "{unacceptable_type,signedint}"),
                refused("x-overflow", "drop-head".getBytes(StandardCharsets.UTF_8), "{unacceptable_type,binary}"),
                refused("x-dead-letter-routing-key", "k", "routing_key_but_no_dlx_defined"),
                refused("x-max-priority", -1, "{value_negative,-1}"),
                refused("x-max-priority", 256, "{max_value_exceeded,256}"),
                refused("x-max-priority", "1", "\"expected integer, got longstr\""),
                refused("x-single-active-consumer", "true", "{unacceptable_type,longstr}"),
                refused("x-single-active-consumer", 1, "{unacceptable_type,signedint}"),
                refused("x-queue-type", "foo", "\"unsupported queue type 'foo'\""),
                refused("x-queue-type", "Classic", "\"unsupported queue type 'Classic'\""),
                refused("x-queue-type", "", "\"unsupported queue type ''\""),
                refused("x-queue-type", 1, "{unacceptable_type,signedint}"),
                refused("x-queue-type", "quorum".getBytes(StandardCharsets.UTF_8), "{unacceptable_type,binary}"),
                refused("x-queue-mode", "foo", "\"unsupported queue mode 'foo'\""),
                refused("x-queue-mode", 1, "{unacceptable_type,signedint}"),
                refused("x-max-in-memory-length", -1, "{value_negative,-1}"));
    }

    static Arguments refused(String key, Object value, String reason) {
        return Arguments.of(key, value, PREFIX + key + "' for queue 'q' in vhost '/': " + reason);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("refusedArguments")
    void refusesAsRabbitMqDoes(String key, Object value, String replyText) {
        assertThatThrownBy(() -> classic(table(key, value)))
                .isInstanceOfSatisfying(PreconditionFailedException.class, e -> {
                    assertThat(e.replyCode()).isEqualTo(406);
                    assertThat(e.replyText()).isEqualTo(replyText);
                });
    }

    @Test
    void deadLetterExchangeOfWrongTypeHasItsOwnWording() {
        assertThatThrownBy(() -> classic(table("x-dead-letter-exchange", 1)))
                .hasMessage("PRECONDITION_FAILED - invalid type 'signedint' for arg 'x-dead-letter-exchange'"
                        + " in queue 'q' in vhost '/'");
        assertThatThrownBy(() -> classic(table("x-dead-letter-exchange", "e".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("invalid type 'binary' for arg 'x-dead-letter-exchange'");
    }

    @Test
    void deadLetterRoutingKeyTypeIsCheckedBeforeTheExchangeIsMissed() {
        assertThatThrownBy(() -> classic(table("x-dead-letter-routing-key", 1)))
                .hasMessage(PREFIX + "x-dead-letter-routing-key' for queue 'q' in vhost '/': {unacceptable_type,signedint}");
        assertThatThrownBy(() -> classic(table("x-dead-letter-exchange", "e", "x-dead-letter-routing-key", 1)))
                .hasMessage(PREFIX + "x-dead-letter-routing-key' for queue 'q' in vhost '/': {unacceptable_type,signedint}");
    }

    @Test
    void reportsTheFirstBadArgumentInRabbitMqOrderNotTableOrder() {
        // Pairs observed on the node: the table order never mattered.
        assertThat(firstRefused(table("x-max-length", -1, "x-message-ttl", -1))).contains("'x-message-ttl'");
        assertThat(firstRefused(table("x-message-ttl", -1, "x-expires", -1))).contains("'x-expires'");
        assertThat(firstRefused(table("x-expires", -1, "x-queue-type", "foo"))).contains("'x-queue-type'");
        assertThat(firstRefused(table("x-queue-type", "foo", "x-dead-letter-exchange", 1)))
                .contains("'x-dead-letter-exchange'");
        assertThat(firstRefused(table("x-max-length", -1, "x-dead-letter-exchange", "e", "x-dead-letter-routing-key", 1)))
                .contains("'x-dead-letter-routing-key'");
        assertThat(firstRefused(table("x-max-priority", -1, "x-max-length-bytes", -1))).contains("'x-max-length-bytes'");
        assertThat(firstRefused(table("x-overflow", "foo", "x-max-priority", -1))).contains("'x-max-priority'");
        assertThat(firstRefused(table("x-queue-mode", "foo", "x-overflow", "foo"))).contains("'x-overflow'");
        assertThat(firstRefused(table("x-single-active-consumer", "a", "x-queue-mode", "foo"))).contains("'x-queue-mode'");
    }

    private static String firstRefused(Map<String, Object> args) {
        try {
            classic(args);
        } catch (PreconditionFailedException e) {
            return e.replyText();
        }
        throw new AssertionError("accepted " + args);
    }

    @Test
    void acceptsTheBoundaryValues() {
        QueueArguments args = classic(table("x-message-ttl", 0, "x-expires", 1, "x-max-length", 0,
                "x-max-length-bytes", 0L, "x-max-priority", 255, "x-overflow", "reject-publish-dlx",
                "x-dead-letter-exchange", "", "x-dead-letter-routing-key", "k", "x-single-active-consumer", true,
                "x-queue-mode", "lazy", "x-unknown", "kept"));
        assertThat(args.messageTtl()).hasValue(0);
        assertThat(args.expires()).hasValue(1);
        assertThat(args.maxLength()).hasValue(0);
        assertThat(args.maxPriority()).hasValue(255);
        assertThat(args.overflow()).isEqualTo(Overflow.REJECT_PUBLISH_DLX);
        assertThat(args.deadLetterExchange()).hasValue("");
        assertThat(args.deadLetterRoutingKey()).hasValue("k");
        assertThat(args.singleActiveConsumer()).isTrue();
        assertThat(args.raw()).containsEntry("x-unknown", "kept");
        assertThat(classic(table("x-message-ttl", QueueArguments.MAX_EXPIRY_MILLIS)).messageTtl())
                .hasValue(QueueArguments.MAX_EXPIRY_MILLIS);
        assertThat(classic(table("x-message-ttl", (byte) 5)).messageTtl()).hasValue(5);
        assertThat(classic(table("x-message-ttl", (short) 5)).messageTtl()).hasValue(5);
    }

    @Test
    void defaultsWhenNothingIsDeclared() {
        assertThat(classic(null)).isEqualTo(QueueArguments.none());
        assertThat(classic(table("x-queue-type", "classic")).type()).isEqualTo(QueueType.CLASSIC);
    }

    @Test
    void streamsAreRefusedAsAnUnsupportedType() {
        assertThatThrownBy(() -> quorum(table("x-queue-type", "stream")))
                .hasMessage(PREFIX + "x-queue-type' for queue 'q' in vhost '/': \"unsupported queue type 'stream'\"");
    }

    @Test
    void classicQueuesRefuseQuorumAndStreamArgumentsAfterValidatingTheRest() {
        assertThatThrownBy(() -> classic(table("x-max-in-memory-length", 5)))
                .hasMessage(PREFIX + "x-max-in-memory-length' for queue 'q' in vhost '/' of queue type rabbit_classic_queue");
        assertThatThrownBy(() -> classic(table("x-max-age", "1D", "x-message-ttl", -1)))
                .hasMessageContaining("'x-message-ttl'");
    }

    @Test
    void quorumQueuesRefuseSomeArgumentsAndFlags() {
        assertThatThrownBy(() -> quorum(table("x-queue-mode", "lazy", "x-max-priority", 1)))
                .hasMessage(PREFIX + "x-max-priority' for queue 'q' in vhost '/' of queue type rabbit_quorum_queue");
        assertThat(quorum(table("x-overflow", "reject-publish-dlx", "x-delivery-limit", 3)).deliveryLimit()).hasValue(3);
        assertThat(flagRefusal(false, false, false)).isEqualTo("invalid property 'non-durable' for queue 'q' in vhost '/'");
        assertThat(flagRefusal(true, true, false)).isEqualTo("invalid property 'exclusive-owner' for queue 'q' in vhost '/'");
        assertThat(flagRefusal(false, true, false)).contains("'exclusive-owner'");
        assertThat(flagRefusal(true, false, true)).contains("'auto-delete'");
        assertThat(flagRefusal(false, true, true)).contains("'auto-delete'");
        assertThatThrownBy(() -> QueueArguments.parse(new QueueDeclaration("/", "q", false, false, false,
                table("x-queue-type", "quorum", "x-max-priority", 1)))).hasMessageContaining("'x-max-priority'");
    }

    private static String flagRefusal(boolean durable, boolean exclusive, boolean autoDelete) {
        try {
            QueueArguments.parse(new QueueDeclaration("/", "q", durable, exclusive, autoDelete,
                    table("x-queue-type", "quorum")));
        } catch (PreconditionFailedException e) {
            return e.detail();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void deliveryLimitIsAnIntegerAndNegativeMeansNoLimit() {
        assertThat(classic(table("x-delivery-limit", 0)).deliveryLimit()).hasValue(0);
        assertThat(classic(table("x-delivery-limit", -1)).deliveryLimit()).isEmpty();
        assertThatThrownBy(() -> classic(table("x-delivery-limit", "a")))
                .hasMessage(PREFIX + "x-delivery-limit' for queue 'q' in vhost '/': \"expected integer, got longstr\"");
    }

    @Test
    void retryDelaysAreNonNegativeMillisecondIntegers() {
        assertThat(classic(table("x-retry-delays", List.of(1000, 10_000L, (short) 0))).retryDelays())
                .hasValue(List.of(1000L, 10_000L, 0L));
        assertThat(classic(table("x-retry-delays", List.of())).retryDelays()).hasValue(List.of());
        assertThatThrownBy(() -> classic(table("x-retry-delays", "1000")))
                .hasMessageEndingWith("'x-retry-delays' for queue 'q' in vhost '/': {unacceptable_type,longstr}");
        assertThatThrownBy(() -> classic(table("x-retry-delays", List.of(1, "2"))))
                .hasMessageEndingWith(": \"element 2: expected integer, got longstr\"");
        assertThatThrownBy(() -> classic(table("x-retry-delays", List.of(-5))))
                .hasMessageEndingWith(": {value_negative,-5}");
    }

    @Test
    void delayedRetryNeedsAMinimumAndExcludesRetryDelays() {
        QueueArguments args = quorum(table("x-delayed-retry-type", "all", "x-delayed-retry-min", 3000,
                "x-delayed-retry-max", 12_000));
        assertThat(args.delayedRetryType()).isEqualTo(DelayedRetryType.ALL);
        assertThat(args.delayedRetryMin()).hasValue(3000);
        assertThat(args.delayedRetryMax()).hasValue(12_000);
        assertThatThrownBy(() -> classic(table("x-delayed-retry-type", "sometimes")))
                .hasMessageEndingWith(": \"unsupported delayed retry type 'sometimes'\"");
        assertThatThrownBy(() -> classic(table("x-delayed-retry-type", "failed")))
                .hasMessageEndingWith("'x-delayed-retry-min' for queue 'q' in vhost '/': delayed_retry_type_but_no_min_defined");
        assertThatThrownBy(() -> classic(table("x-delayed-retry-type", "failed", "x-delayed-retry-min", 5,
                "x-retry-delays", List.of(1)))).hasMessageContaining("'x-retry-delays'");
        assertThat(classic(table("x-delayed-retry-type", "disabled", "x-retry-delays", List.of(1))).retryDelays())
                .hasValue(List.of(1L));
    }

    @Test
    void rawTableIsACopyThatCannotChange() {
        Map<String, Object> declared = table("x-max-length", 5);
        QueueArguments args = classic(declared);
        declared.put("x-max-length", 6);
        assertThat(args.raw()).containsEntry("x-max-length", 5);
        assertThatThrownBy(() -> args.raw().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }
}
