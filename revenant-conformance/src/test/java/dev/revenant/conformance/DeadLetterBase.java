package dev.revenant.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.LongString;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared set-up of the dead-lettering tests: named queues and exchanges (deleted after the test,
 * since queues refer to each other by name), and readers for the {@code x-death} headers as the
 * Java client decodes them (strings as {@link LongString}, {@code time} as a {@link java.util.Date}).
 */
abstract class DeadLetterBase extends ConformanceBase {

    /** Builds queue arguments from key/value pairs, keeping their order. */
    static Map<String, Object> args(Object... keysAndValues) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            args.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return args;
    }

    /** Declares a named classic queue (non-durable, not exclusive) deleted after the test. */
    protected String queue(Channel channel, String prefix, Map<String, Object> arguments) throws IOException {
        String name = unique(prefix);
        channel.queueDeclare(name, false, false, false, arguments);
        return deleteAfterTest(name);
    }

    /** Declares a named quorum queue (durable, as quorum queues must be) deleted after the test. */
    protected String quorumQueue(Channel channel, String prefix, Map<String, Object> arguments) throws IOException {
        Map<String, Object> all = new LinkedHashMap<>(arguments);
        all.put("x-queue-type", "quorum");
        String name = unique(prefix);
        channel.queueDeclare(name, true, false, false, all);
        return deleteAfterTest(name);
    }

    /** Declares a named, non-durable exchange of the given type, deleted after the test. */
    protected String exchange(Channel channel, String type) throws IOException {
        String name = unique(type + "-x");
        channel.exchangeDeclare(name, type, false, false, null);
        return deleteExchangeAfterTest(name);
    }

    /** Starts a manual-ack consumer on the queue, on its own channel. */
    protected Deliveries consume(String queue) throws Exception {
        Channel channel = openChannel();
        Deliveries deliveries = new Deliveries(channel);
        channel.basicConsume(queue, false, deliveries);
        return deliveries;
    }

    /** Starts a manual-ack consumer on the queue that stamps arrival times, on its own channel. */
    protected TimedDeliveries consumeTimed(String queue) throws Exception {
        Channel channel = openChannel();
        TimedDeliveries deliveries = new TimedDeliveries(channel);
        channel.basicConsume(queue, false, deliveries);
        return deliveries;
    }

    /** Properties with only the given headers. */
    static AMQP.BasicProperties headers(Map<String, Object> headers) {
        return new AMQP.BasicProperties.Builder().headers(headers).build();
    }

    /** Properties with only the given per-message TTL. */
    static AMQP.BasicProperties expiration(String millis) {
        return new AMQP.BasicProperties.Builder().expiration(millis).build();
    }

    /** The message's headers, never null. */
    static Map<String, Object> headersOf(Delivery delivery) {
        Map<String, Object> headers = delivery.getProperties().getHeaders();
        return headers == null ? Map.of() : headers;
    }

    /** The {@code x-death} entries, most recent first; fails when the header is missing or not an array. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> xDeath(Delivery delivery) {
        Object value = headersOf(delivery).get("x-death");
        assertThat(value).as("x-death header of %s", headersOf(delivery)).isInstanceOf(List.class);
        List<?> entries = (List<?>) value;
        for (Object entry : entries) {
            assertThat(entry).as("x-death entry").isInstanceOf(Map.class);
        }
        return (List<Map<String, Object>>) entries;
    }

    /** The only {@code x-death} entry. */
    static Map<String, Object> onlyDeath(Delivery delivery) {
        List<Map<String, Object>> entries = xDeath(delivery);
        assertThat(entries).as("x-death entries").hasSize(1);
        return entries.get(0);
    }

    /** A header or table value as text: the client decodes AMQP strings as {@link LongString}. */
    static String text(Object value) {
        assertThat(value).as("expected a string value").isInstanceOf(LongString.class);
        return value.toString();
    }

    /** The routing keys of an {@code x-death} entry, as text. */
    static List<String> routingKeys(Map<String, Object> death) {
        Object keys = death.get("routing-keys");
        assertThat(keys).as("routing-keys of %s", death).isInstanceOf(List.class);
        return ((List<?>) keys).stream().map(DeadLetterBase::text).toList();
    }

    /** The {@code count} of an {@code x-death} entry, which RabbitMQ writes as a long. */
    static long count(Map<String, Object> death) {
        assertThat(death.get("count")).as("count of %s", death).isInstanceOf(Long.class);
        return (Long) death.get("count");
    }

    /** The (queue, reason, count) of each entry, most recent first, for compact assertions. */
    static List<String> summary(Delivery delivery) {
        return xDeath(delivery).stream()
                .map(d -> text(d.get("queue")) + "/" + text(d.get("reason")) + "/" + count(d))
                .toList();
    }
}
