package dev.revenant.broker.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revenant.amqp.BasicProperties;
import dev.revenant.broker.message.Message;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MovedCopyTest {

    @Test
    void firstMoveCountsOneAndNamesTheSource() {
        Map<String, Object> headers = MovedCopy.recordMove(null, "orders.dlq");
        assertThat(headers).containsEntry("x-revenant-moved", 1L).containsEntry("x-revenant-moved-from", "orders.dlq");
    }

    @Test
    void laterMovesIncrementTheCountOfAnyIntegerTypeAndKeepOtherHeaders() {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("x-death", List.of(Map.of("queue", "orders")));
        before.put("x-revenant-moved", 2);
        Map<String, Object> after = MovedCopy.recordMove(before, "parking");
        assertThat(after).containsEntry("x-revenant-moved", 3L).containsEntry("x-revenant-moved-from", "parking")
                .containsEntry("x-death", List.of(Map.of("queue", "orders")));
        assertThat(before).as("input untouched").containsEntry("x-revenant-moved", 2).doesNotContainKey("x-revenant-moved-from");
    }

    @Test
    void aNonNumericCountStartsAgainAtOne() {
        assertThat(MovedCopy.recordMove(Map.of("x-revenant-moved", "lots"), "q")).containsEntry("x-revenant-moved", 1L);
    }

    @Test
    void theCopyKeepsPropertiesAndBodyAndIsShownAtTheTarget() {
        BasicProperties props = new BasicProperties().messageId("order-17").contentType("application/json")
                .timestamp(1_700_000_000L).deliveryMode(2).expiration("60000")
                .headers(Map.of("x-first-death-queue", "orders"));
        byte[] body = "{\"order\":17}".getBytes(StandardCharsets.UTF_8);
        Message original = new Message("dlx", "orders", props, Message.encode(props), body, 60_000);

        Message copy = MovedCopy.of(original, "shop", "order.paid", "orders.dlq");

        assertThat(copy.id()).isNotEqualTo(original.id());
        assertThat(copy.exchange()).isEqualTo("shop");
        assertThat(copy.routingKey()).isEqualTo("order.paid");
        assertThat(copy.body()).isSameAs(body);
        assertThat(copy.properties().messageId()).isEqualTo("order-17");
        assertThat(copy.properties().contentType()).isEqualTo("application/json");
        assertThat(copy.properties().timestamp()).isEqualTo(1_700_000_000L);
        assertThat(copy.persistent()).isTrue();
        assertThat(copy.ttlMillis()).as("a remaining expiration applies again").isEqualTo(60_000);
        assertThat(copy.headers()).containsEntry("x-first-death-queue", "orders").containsEntry("x-revenant-moved", 1L);
        assertThat(BasicProperties.decode(io.netty.buffer.Unpooled.wrappedBuffer(copy.encodedProperties())).headers())
                .as("the wire form carries the new header").containsEntry("x-revenant-moved", 1L);
        assertThat(original.headers()).doesNotContainKey("x-revenant-moved");
    }
}
