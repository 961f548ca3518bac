package dev.revenant.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Topic matching: '*' is exactly one word, '#' zero or more, words are split on '.', and empty
 * words count as words. The expected matches below are RabbitMQ's answers, written out by hand.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class TopicRoutingIT extends ConformanceBase {
    private static final List<String> KEYS = List.of("", "a", "a.b", "a.c", "a.b.c", "a.b.c.d", "a..c", "b.c", "x.a.b", ".", "a.");

    private static Map<String, List<String>> expectedMatches() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("#", KEYS);
        expected.put("#.#", KEYS);
        expected.put("*", List.of("a"));
        expected.put("", List.of(""));
        expected.put("a", List.of("a"));
        expected.put("a.b.c", List.of("a.b.c"));
        expected.put("a.*", List.of("a.b", "a.c", "a."));
        expected.put("*.*", List.of("a.b", "a.c", "b.c", ".", "a."));
        expected.put("a.*.c", List.of("a.b.c", "a..c"));
        expected.put("a.#", List.of("a", "a.b", "a.c", "a.b.c", "a.b.c.d", "a..c", "a."));
        expected.put("#.c", List.of("a.c", "a.b.c", "a..c", "b.c"));
        expected.put("a.#.c", List.of("a.c", "a.b.c", "a..c"));
        expected.put("a.*.#", List.of("a.b", "a.c", "a.b.c", "a.b.c.d", "a..c", "a."));
        expected.put("#.b.#", List.of("a.b", "a.b.c", "a.b.c.d", "b.c", "x.a.b"));
        expected.put("*.b.*", List.of("a.b.c"));
        expected.put("#.a.*", List.of("a.b", "a.c", "x.a.b", "a."));
        return expected;
    }

    @Test
    void wildcardsMatchWordsAsRabbitMqDoes() throws Exception {
        Channel channel = openConfirmChannel();
        String exchange = deleteExchangeAfterTest(unique("topic"));
        channel.exchangeDeclare(exchange, "topic", false, false, null);
        Map<String, List<String>> expected = expectedMatches();
        Map<String, String> queueByPattern = new LinkedHashMap<>();
        for (String pattern : expected.keySet()) {
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, exchange, pattern);
            queueByPattern.put(pattern, queue);
        }
        for (String key : KEYS) {
            channel.basicPublish(exchange, key, null, Messages.utf8(key));
        }
        channel.waitForConfirmsOrDie(Messages.TIMEOUT.toMillis());

        for (Map.Entry<String, List<String>> pattern : expected.entrySet()) {
            assertThat(Messages.drain(channel, queueByPattern.get(pattern.getKey())))
                    .as("keys matched by pattern '%s'", pattern.getKey())
                    .containsExactlyElementsOf(pattern.getValue());
        }
    }

    @Test
    void aQueueMatchedByManyPatternsGetsOneCopy() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = channel.queueDeclare().getQueue();
        String prefix = unique("t").replace('-', '_');
        for (String pattern : List.of(prefix + ".#", prefix + ".*.paid", "#.paid", prefix + ".order.paid")) {
            channel.queueBind(queue, "amq.topic", pattern);
        }
        publishConfirmed(channel, "amq.topic", prefix + ".order.paid", null, "one");
        assertThat(Messages.drain(channel, queue)).containsExactly("one");
    }

    @Test
    void unbindingOnePatternKeepsTheOthers() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = channel.queueDeclare().getQueue();
        String prefix = unique("u").replace('-', '_');
        channel.queueBind(queue, "amq.topic", prefix + ".*");
        channel.queueBind(queue, "amq.topic", prefix + ".#");
        channel.queueUnbind(queue, "amq.topic", prefix + ".*");
        publishConfirmed(channel, "amq.topic", prefix + ".x", null, "still via #");
        publishConfirmed(channel, "amq.topic", prefix + ".x.y", null, "deep");
        channel.queueUnbind(queue, "amq.topic", prefix + ".#");
        publishConfirmed(channel, "amq.topic", prefix + ".x", null, "no binding left");
        assertThat(Messages.drain(channel, queue)).containsExactly("still via #", "deep");
    }
}
