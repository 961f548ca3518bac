package dev.revenant.broker.queue.arguments;

import static dev.revenant.broker.queue.arguments.Tables.table;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Texts below were read from a RabbitMQ 3.10.8 node answering the same redeclarations. */
class QueueEquivalenceTest {
    private static final String PREFIX = "PRECONDITION_FAILED - inequivalent arg '";

    private static QueueDeclaration queue(Map<String, Object> args) {
        return new QueueDeclaration("/", "q", false, false, false, args);
    }

    private static QueueDeclaration queue(boolean durable, boolean autoDelete, Map<String, Object> args) {
        return new QueueDeclaration("/", "q", durable, false, autoDelete, args);
    }

    private static void equivalent(Map<String, Object> current, Map<String, Object> requested) {
        assertThatCode(() -> QueueEquivalence.check(queue(current), queue(requested))).doesNotThrowAnyException();
    }

    private static void inequivalent(Map<String, Object> current, Map<String, Object> requested, String text) {
        assertThatThrownBy(() -> QueueEquivalence.check(queue(current), queue(requested)))
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessage(PREFIX + text);
    }

    @Test
    void differentValuesAreQuotedOnBothSides() {
        inequivalent(table("x-message-ttl", 1000), table("x-message-ttl", 2000),
                "x-message-ttl' for queue 'q' in vhost '/': received '2000' but current is '1000'");
        inequivalent(table("x-dead-letter-exchange", "a"), table("x-dead-letter-exchange", "b"),
                "x-dead-letter-exchange' for queue 'q' in vhost '/': received 'b' but current is 'a'");
        inequivalent(table("x-single-active-consumer", true), table("x-single-active-consumer", false),
                "x-single-active-consumer' for queue 'q' in vhost '/': received 'false' but current is 'true'");
        inequivalent(table("x-message-ttl", 1000), table("x-message-ttl", "1000"),
                "x-message-ttl' for queue 'q' in vhost '/': received '1000' but current is '1000'");
        inequivalent(table("x-message-ttl", 1000), table("x-message-ttl", 1000.0d),
                "x-message-ttl' for queue 'q' in vhost '/': received '1.0e3' but current is '1000'");
        inequivalent(table("x-max-length", 1), table("x-max-length", 2.5d),
                "x-max-length' for queue 'q' in vhost '/': received '2.5' but current is '1'");
        inequivalent(table("x-max-length", 1), table("x-max-length", null),
                "x-max-length' for queue 'q' in vhost '/': received none but current is '1'");
        inequivalent(table("x-max-length", 1), table("x-max-length", "zz".getBytes(StandardCharsets.UTF_8)),
                "x-max-length' for queue 'q' in vhost '/': received 'zz' but current is '1'");
        inequivalent(table("x-max-length", 1), table("x-max-length", Instant.ofEpochSecond(1_700_000_000L)),
                "x-max-length' for queue 'q' in vhost '/': received '1700000000' but current is '1'");
        inequivalent(table("x-max-length", 1), table("x-max-length", List.of(1, "a")),
                "x-max-length' for queue 'q' in vhost '/': received '[{signedint,1},{longstr,<<\"a\">>}]' but current is '1'");
        inequivalent(table("x-max-length", 1), table("x-max-length", Map.of("a", 1)),
                "x-max-length' for queue 'q' in vhost '/': received '[{<<\"a\">>,signedint,1}]' but current is '1'");
        inequivalent(table("x-single-active-consumer", true), table("x-single-active-consumer", 1),
                "x-single-active-consumer' for queue 'q' in vhost '/': received '1' but current is 'true'");
    }

    @Test
    void aMissingSideReadsNoneAndTheOtherNamesItsType() {
        inequivalent(table("x-message-ttl", 1000), table(),
                "x-message-ttl' for queue 'q' in vhost '/': received none but current is the value '1000' of type 'signedint'");
        inequivalent(table(), table("x-message-ttl", 1000),
                "x-message-ttl' for queue 'q' in vhost '/': received the value '1000' of type 'signedint' but current is none");
        inequivalent(table("x-overflow", "reject-publish"), table(),
                "x-overflow' for queue 'q' in vhost '/': received none but current is the value 'reject-publish' of type 'longstr'");
        inequivalent(table(), table("x-single-active-consumer", false),
                "x-single-active-consumer' for queue 'q' in vhost '/': received the value 'false' of type 'bool' but current is none");
        inequivalent(table(), table("x-max-length", List.of(1, "a")),
                "x-max-length' for queue 'q' in vhost '/': received the value '[{signedint,1},{longstr,<<\"a\">>}]' of type 'array' but current is none");
        inequivalent(table(), table("x-max-length", "a'b"),
                "x-max-length' for queue 'q' in vhost '/': received the value 'a'b' of type 'longstr' but current is none");
        inequivalent(table("x-max-priority", 0), table(),
                "x-max-priority' for queue 'q' in vhost '/': received none but current is the value '0' of type 'signedint'");
    }

    @Test
    void integerWidthsTimestampsAndBinariesAreInterchangeable() {
        equivalent(table("x-message-ttl", 1000), table("x-message-ttl", 1000L));
        equivalent(table("x-message-ttl", 1000L), table("x-message-ttl", (short) 1000));
        equivalent(table("x-max-length", 5), table("x-max-length", (byte) 5));
        equivalent(table("x-message-ttl", 1000), table("x-message-ttl", Instant.ofEpochSecond(1000)));
        equivalent(table("x-dead-letter-exchange", "a"), table("x-dead-letter-exchange", "a".getBytes(StandardCharsets.UTF_8)));
        equivalent(table("x-overflow", "drop-head"), table("x-overflow", "drop-head".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void onlyKnownArgumentsAreCompared() {
        equivalent(table("x-foo", 1), table("x-foo", 2));
        equivalent(table("foo", 1), table());
    }

    @Test
    void anAbsentQueueTypeIsClassic() {
        equivalent(table("x-queue-type", "classic"), table());
        equivalent(table(), table("x-queue-type", "classic"));
        inequivalent(table(), table("x-queue-type", "quorum"),
                "x-queue-type' for queue 'q' in vhost '/': received the value 'quorum' of type 'longstr' but current is none");
        inequivalent(table("x-queue-type", "quorum"), table("x-queue-type", "classic"),
                "x-queue-type' for queue 'q' in vhost '/': received 'classic' but current is 'quorum'");
        inequivalent(table(), table("x-queue-type", "classic".getBytes(StandardCharsets.UTF_8)),
                "x-queue-type' for queue 'q' in vhost '/': received the value 'classic' of type 'binary' but current is none");
    }

    @Test
    void flagsComeFirstThenArgumentsInRabbitMqOrder() {
        assertThatThrownBy(() -> QueueEquivalence.check(queue(true, false, table("x-message-ttl", 1)),
                queue(false, true, table("x-message-ttl", 2))))
                .hasMessage(PREFIX + "durable' for queue 'q' in vhost '/': received 'false' but current is 'true'");
        assertThatThrownBy(() -> QueueEquivalence.check(queue(false, false, table("x-message-ttl", 1)),
                queue(false, true, table("x-message-ttl", 2))))
                .hasMessage(PREFIX + "auto_delete' for queue 'q' in vhost '/': received 'true' but current is 'false'");
        inequivalent(table("x-message-ttl", 1, "x-expires", 1000), table("x-message-ttl", 2, "x-expires", 2000),
                "x-expires' for queue 'q' in vhost '/': received '2000' but current is '1000'");
        inequivalent(table("x-dead-letter-exchange", "a", "x-message-ttl", 1), table("x-dead-letter-exchange", "b", "x-message-ttl", 2),
                "x-message-ttl' for queue 'q' in vhost '/': received '2' but current is '1'");
        inequivalent(table("x-dead-letter-exchange", "a", "x-max-length", 1), table("x-dead-letter-exchange", "b", "x-max-length", 2),
                "x-dead-letter-exchange' for queue 'q' in vhost '/': received 'b' but current is 'a'");
        inequivalent(table("x-max-length-bytes", 1, "x-max-length", 1), table("x-max-length-bytes", 2, "x-max-length", 2),
                "x-max-length' for queue 'q' in vhost '/': received '2' but current is '1'");
        inequivalent(table("x-max-priority", 1, "x-overflow", "drop-head"), table("x-overflow", "reject-publish", "x-max-priority", 2),
                "x-max-priority' for queue 'q' in vhost '/': received '2' but current is '1'");
        inequivalent(table("x-queue-mode", "lazy", "x-single-active-consumer", true), table("x-queue-mode", "default", "x-single-active-consumer", false),
                "x-queue-mode' for queue 'q' in vhost '/': received 'default' but current is 'lazy'");
        inequivalent(table("x-single-active-consumer", true), table("x-queue-type", "quorum", "x-single-active-consumer", false),
                "x-single-active-consumer' for queue 'q' in vhost '/': received 'false' but current is 'true'");
    }

    @Test
    void redeclaresAreComparedNotValidated() {
        inequivalent(table("x-message-ttl", 1000), table("x-message-ttl", -1),
                "x-message-ttl' for queue 'q' in vhost '/': received '-1' but current is '1000'");
        inequivalent(table("x-dead-letter-exchange", "a"), table("x-dead-letter-exchange", 1),
                "x-dead-letter-exchange' for queue 'q' in vhost '/': received '1' but current is 'a'");
    }

    @Test
    void revenantRetryArgumentsAreCompared() {
        inequivalent(table("x-delivery-limit", 5), table("x-delivery-limit", 6),
                "x-delivery-limit' for queue 'q' in vhost '/': received '6' but current is '5'");
        inequivalent(table("x-retry-delays", List.of(1000, 5000)), table("x-retry-delays", List.of(1000)),
                "x-retry-delays' for queue 'q' in vhost '/': received '[{signedint,1000}]' but current is '[{signedint,1000},{signedint,5000}]'");
        equivalent(table("x-retry-delays", List.of(1000, 5000)), table("x-retry-delays", List.of(1000, 5000)));
        inequivalent(table("x-delayed-retry-min", 5), table(),
                "x-delayed-retry-min' for queue 'q' in vhost '/': received none but current is the value '5' of type 'signedint'");
    }
}
