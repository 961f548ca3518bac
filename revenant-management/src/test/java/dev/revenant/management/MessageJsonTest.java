package dev.revenant.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.revenant.amqp.BasicProperties;
import dev.revenant.broker.message.Message;
import dev.revenant.broker.queue.QueuedMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void propertiesSurviveTheirJsonForm() throws Exception {
        BasicProperties original = new BasicProperties().contentType("text/plain").contentEncoding("gzip")
                .headers(Map.of("k", "v")).deliveryMode(2).priority(9).correlationId("c").replyTo("r").expiration("1000")
                .messageId("m").timestamp(1_700_000_000L).type("t").userId("guest").appId("a").clusterId("x");

        ObjectNode json = JSON.valueToTree(MessageJson.properties(original));
        BasicProperties back = MessageJson.properties(json);

        assertThat(back.toString()).isEqualTo(original.toString());
        assertThat(json.fieldNames()).toIterable().containsExactly("content_type", "content_encoding", "headers",
                "delivery_mode", "priority", "correlation_id", "reply_to", "expiration", "message_id", "timestamp", "type",
                "user_id", "app_id", "cluster_id");
    }

    @Test
    void refusesPropertiesOfTheWrongTypeOrRange() {
        for (String bad : new String[] {"{\"delivery_mode\":3}", "{\"priority\":\"high\"}", "{\"priority\":256}",
                "{\"headers\":[1]}", "{\"message_id\":7}", "{\"timestamp\":-1}"}) {
            assertThatThrownBy(() -> MessageJson.properties((ObjectNode) JSON.readTree(bad))).as(bad)
                    .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void rendersAMessageWithItsCountsAndTruncatedPayload() {
        BasicProperties props = new BasicProperties();
        Message message = new Message("x", "k", props, Message.encode(props), "hello".getBytes(StandardCharsets.UTF_8), -1);
        Map<String, Object> json = MessageJson.message(new QueuedMessage(0, message), false, 3, 4);
        assertThat(json).containsEntry("id", message.id()).containsEntry("payload", "hel").containsEntry("payload_bytes", 5)
                .containsEntry("payload_encoding", "string").containsEntry("exchange", "x").containsEntry("routing_key", "k")
                .containsEntry("message_count", 4).containsEntry("redelivered", false).containsEntry("properties", Map.of());
    }

    @Test
    void readsPayloadsAsTextOrBase64() throws Exception {
        assertThat(MessageJson.payload(body("{\"payload\":\"hi\"}"))).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
        assertThat(MessageJson.payload(body("{\"payload\":\"AAE=\",\"payload_encoding\":\"base64\"}"))).containsExactly(0, 1);
        assertThat(MessageJson.payload(body("{}"))).isNull();
        assertThatThrownBy(() -> MessageJson.payload(body("{\"payload\":\"***\",\"payload_encoding\":\"base64\"}")))
                .isInstanceOf(ApiError.class);
        assertThatThrownBy(() -> MessageJson.payload(body("{\"payload\":\"x\",\"payload_encoding\":\"hex\"}")))
                .isInstanceOf(ApiError.class);
    }

    private static JsonBody body(String json) throws Exception {
        return new JsonBody((ObjectNode) JSON.readTree(json));
    }
}
