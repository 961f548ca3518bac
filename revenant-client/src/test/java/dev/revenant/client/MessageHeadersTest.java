package dev.revenant.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.LongStringHelper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageHeadersTest {
    @Test
    void countsReadAnyNumericOrTextTypeAndDefaultToZero() {
        Map<String, Object> headers = new HashMap<>();
        headers.put("int", 3);
        headers.put("long", 4L);
        headers.put("short", (short) 5);
        headers.put("text", LongStringHelper.asLongString("6"));
        headers.put("negative", -2);
        headers.put("garbage", "abc");
        headers.put("huge", Long.MAX_VALUE);
        assertThat(MessageHeaders.count(headers, "int")).isEqualTo(3);
        assertThat(MessageHeaders.count(headers, "long")).isEqualTo(4);
        assertThat(MessageHeaders.count(headers, "short")).isEqualTo(5);
        assertThat(MessageHeaders.count(headers, "text")).isEqualTo(6);
        assertThat(MessageHeaders.count(headers, "negative")).isZero();
        assertThat(MessageHeaders.count(headers, "garbage")).isZero();
        assertThat(MessageHeaders.count(headers, "missing")).isZero();
        assertThat(MessageHeaders.count(headers, "huge")).isEqualTo(Integer.MAX_VALUE);
        assertThat(MessageHeaders.count(null, "int")).isZero();
    }

    @Test
    void withHeadersKeepsEveryOtherPropertyAndLeavesTheOriginalAlone() {
        Map<String, Object> original = new HashMap<>(Map.of("keep", "yes", "drop", "no"));
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId("m-1").deliveryMode(2)
                .correlationId("c").contentType("application/json").headers(original).build();

        AMQP.BasicProperties changed = MessageHeaders.withHeaders(properties, Map.of("added", 1), List.of("drop"));

        assertThat(changed.getHeaders()).containsOnly(Map.entry("keep", "yes"), Map.entry("added", 1));
        assertThat(changed.getMessageId()).isEqualTo("m-1");
        assertThat(changed.getDeliveryMode()).isEqualTo(2);
        assertThat(changed.getCorrelationId()).isEqualTo("c");
        assertThat(changed.getContentType()).isEqualTo("application/json");
        assertThat(properties.getHeaders()).containsOnlyKeys("keep", "drop");
        assertThat(MessageHeaders.withHeaders(new AMQP.BasicProperties(), Map.of("a", 1), List.of()).getHeaders())
                .containsOnly(Map.entry("a", 1));
    }
}
