package dev.revenant.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.LongString;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Message properties, headers of every field type and bodies of every size arrive exactly as
 * published, through both basic.deliver and basic.get.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class PropertiesIT extends ConformanceBase {

    @Test
    void everyBasicPropertyRoundTrips() throws Exception {
        Date timestamp = new Date(1_700_000_000_000L); // whole seconds: AMQP timestamps have no millis
        AMQP.BasicProperties sent = new AMQP.BasicProperties.Builder()
                .contentType("application/json").contentEncoding("gzip")
                .headers(Map.of("order", "o-17")).deliveryMode(2).priority(7)
                .correlationId("corr-1").replyTo("reply-queue").expiration("600000")
                .messageId("msg-1").timestamp(timestamp).type("order.paid")
                .userId("guest").appId("conformance").clusterId("cluster-x")
                .build();
        Channel channel = openChannel();
        String queue = channel.queueDeclare().getQueue();
        channel.basicPublish("", queue, sent, Messages.utf8("{}"));
        channel.basicPublish("", queue, sent, Messages.utf8("{}"));

        Deliveries deliveries = new Deliveries(channel);
        GetResponse viaGet = Messages.awaitGet(channel, queue, true);
        channel.basicConsume(queue, true, deliveries);
        Delivery viaDeliver = deliveries.next();
        for (AMQP.BasicProperties received : List.of(viaGet.getProps(), viaDeliver.getProperties())) {
            assertThat(received.getContentType()).isEqualTo("application/json");
            assertThat(received.getContentEncoding()).isEqualTo("gzip");
            assertThat(plain(received.getHeaders())).isEqualTo(Map.of("order", "o-17"));
            assertThat(received.getDeliveryMode()).isEqualTo(2);
            assertThat(received.getPriority()).isEqualTo(7);
            assertThat(received.getCorrelationId()).isEqualTo("corr-1");
            assertThat(received.getReplyTo()).isEqualTo("reply-queue");
            assertThat(received.getExpiration()).isEqualTo("600000");
            assertThat(received.getMessageId()).isEqualTo("msg-1");
            assertThat(received.getTimestamp()).isEqualTo(timestamp);
            assertThat(received.getType()).isEqualTo("order.paid");
            assertThat(received.getUserId()).isEqualTo("guest");
            assertThat(received.getAppId()).isEqualTo("conformance");
            assertThat(received.getClusterId()).isEqualTo("cluster-x");
        }
    }

    @Test
    void headersOfEveryFieldTypeRoundTrip() throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("depth", 2);
        nested.put("list", List.of("x", 1, List.of(true, 2.5d)));
        nested.put("inner", Map.of("leaf", "yes"));
        List<Object> array = new ArrayList<>(List.of("text", 42, 9_000_000_000L, new BigDecimal("-1.25"), Map.of("k", "v")));
        array.add(null);
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("string", "héllo wörld");
        headers.put("int", Integer.MIN_VALUE);
        headers.put("long", Long.MAX_VALUE);
        headers.put("short", (short) -12);
        headers.put("byte", (byte) -7);
        headers.put("float", 1.5f);
        headers.put("double", Math.PI);
        headers.put("decimal", new BigDecimal("12345.678"));
        headers.put("timestamp", new Date(1_600_000_000_000L));
        headers.put("true", true);
        headers.put("false", false);
        headers.put("bytes", new byte[] {0, 1, (byte) 0xFF, (byte) 0xCE});
        headers.put("array", array);
        headers.put("empty array", List.of());
        headers.put("table", nested);
        headers.put("empty table", Map.of());
        headers.put("void", null);

        Channel channel = openChannel();
        String queue = channel.queueDeclare().getQueue();
        channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().headers(headers).build(), new byte[0]);
        Map<String, Object> received = Messages.awaitGet(channel, queue, true).getProps().getHeaders();

        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(headers.keySet());
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            Object value = received.get(header.getKey());
            if (header.getValue() != null) {
                assertThat(value).as("type of header %s", header.getKey()).isInstanceOf(decodedType(header.getValue()));
            }
            assertThat(plain(value)).as("value of header %s", header.getKey()).isEqualTo(plain(header.getValue()));
        }
    }

    /** The type amqp-client decodes a value of this type into. */
    private static Class<?> decodedType(Object sent) {
        if (sent instanceof String) {
            return LongString.class;
        }
        if (sent instanceof Map) {
            return Map.class;
        }
        if (sent instanceof List) {
            return List.class;
        }
        return sent.getClass();
    }

    /** Makes decoded values comparable: long strings to String, byte arrays to lists. */
    private static Object plain(Object value) {
        if (value instanceof LongString text) {
            return text.toString();
        }
        if (value instanceof byte[] bytes) {
            return Arrays.toString(bytes);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> result = new LinkedHashMap<>();
            map.forEach((key, item) -> result.put(key, plain(item)));
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(item -> result.add(plain(item)));
            return result;
        }
        return value;
    }

    @Test
    void bodiesOfEverySizeArriveIntact() throws Exception {
        Channel channel = openChannel();
        String queue = channel.queueDeclare().getQueue();
        int frameMax = channel.getConnection().getFrameMax();
        int[] sizes = {0, 1, frameMax - 9, frameMax - 8, frameMax - 7, 3 * frameMax, 1_000_003};
        Random random = new Random(42);
        List<byte[]> bodies = new ArrayList<>();
        for (int size : sizes) {
            byte[] body = new byte[size];
            random.nextBytes(body);
            bodies.add(body);
            channel.basicPublish("", queue, null, body);
        }
        Deliveries deliveries = new Deliveries(channel);
        channel.basicConsume(queue, true, deliveries);
        for (int i = 0; i < sizes.length; i++) {
            assertThat(deliveries.next().getBody()).as("body of %d bytes", sizes[i]).isEqualTo(bodies.get(i));
        }
    }
}
