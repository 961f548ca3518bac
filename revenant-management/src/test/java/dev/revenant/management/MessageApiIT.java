package dev.revenant.management;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST .../get} (peek with paging, or take), and deleting or republishing one message by id. */
class MessageApiIT extends ApiTestSupport {

    @Test
    void peeksPageByPageWithoutConsumingOrReordering() throws Exception {
        channel.queueDeclare("peek.q", false, false, false, null);
        publish("peek.q", 10);

        JsonNode first = peek("peek.q", "{\"count\":4,\"ackmode\":\"ack_requeue_true\",\"encoding\":\"auto\"}");
        JsonNode second = peek("peek.q", "{\"count\":4,\"ackmode\":\"ack_requeue_true\",\"encoding\":\"auto\",\"offset\":4}");
        JsonNode last = peek("peek.q", "{\"count\":4,\"ackmode\":\"reject_requeue_true\",\"encoding\":\"auto\",\"offset\":8}");
        JsonNode beyond = peek("peek.q", "{\"count\":4,\"ackmode\":\"ack_requeue_true\",\"encoding\":\"auto\",\"offset\":10}");

        assertThat(payloads(first)).containsExactly("m0", "m1", "m2", "m3");
        assertThat(payloads(second)).containsExactly("m4", "m5", "m6", "m7");
        assertThat(payloads(last)).containsExactly("m8", "m9");
        assertThat(beyond.size()).isZero();
        JsonNode m0 = first.get(0);
        assertThat(m0.get("payload_encoding").asText()).isEqualTo("string");
        assertThat(m0.get("payload_bytes").asInt()).isEqualTo(2);
        assertThat(m0.get("redelivered").asBoolean()).isFalse();
        assertThat(m0.get("exchange").asText()).isEmpty();
        assertThat(m0.get("routing_key").asText()).isEqualTo("peek.q");
        assertThat(m0.get("message_count").asInt()).isEqualTo(9);
        assertThat(last.get(1).get("message_count").asInt()).isZero();
        assertThat(m0.get("id").asLong()).isPositive();
        assertThat(ready("peek.q")).isEqualTo(10);
        GetResponse head = channel.basicGet("peek.q", true);
        assertThat(head.getEnvelope().isRedeliver()).as("peeking is not a delivery").isFalse();
        assertThat(new String(head.getBody(), StandardCharsets.UTF_8)).isEqualTo("m0");
        assertThat(drain("peek.q")).containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
    }

    @Test
    void rendersPropertiesHeadersAndBinaryPayloads() throws Exception {
        channel.queueDeclare("render.q", false, false, false, null);
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId("order-1").contentType("application/json")
                .deliveryMode(2).priority(3).timestamp(new java.util.Date(1_700_000_000_000L)).correlationId("c-1")
                .headers(Map.of("tenant", "acme", "attempt", 2, "tags", List.of("a", "b"), "nested", Map.of("k", true)))
                .build();
        channel.basicPublish("", "render.q", props, new byte[] {(byte) 0xff, 0x00, 0x41});
        channel.waitForConfirmsOrDie(5000);

        JsonNode m = peek("render.q", "{\"count\":1,\"ackmode\":\"ack_requeue_true\",\"encoding\":\"auto\"}").get(0);
        JsonNode p = m.get("properties");
        assertThat(p.get("message_id").asText()).isEqualTo("order-1");
        assertThat(p.get("content_type").asText()).isEqualTo("application/json");
        assertThat(p.get("delivery_mode").asInt()).isEqualTo(2);
        assertThat(p.get("priority").asInt()).isEqualTo(3);
        assertThat(p.get("timestamp").asLong()).isEqualTo(1_700_000_000L);
        assertThat(p.get("correlation_id").asText()).isEqualTo("c-1");
        assertThat(p.get("headers").get("tenant").asText()).isEqualTo("acme");
        assertThat(p.get("headers").get("attempt").asInt()).isEqualTo(2);
        assertThat(p.get("headers").get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(p.get("headers").get("nested").get("k").asBoolean()).isTrue();
        assertThat(m.get("payload_encoding").asText()).as("not UTF-8").isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(m.get("payload").asText())).containsExactly(0xff, 0x00, 0x41);

        channel.queueDeclare("text.q", false, false, false, null);
        publish("text.q", 1);
        JsonNode forced = peek("text.q", "{\"count\":1,\"ackmode\":\"ack_requeue_true\",\"encoding\":\"base64\"}").get(0);
        assertThat(forced.get("payload_encoding").asText()).isEqualTo("base64");
        assertThat(forced.get("payload").asText()).isEqualTo(Base64.getEncoder().encodeToString("m0".getBytes(StandardCharsets.UTF_8)));
        JsonNode cut = peek("text.q", "{\"count\":1,\"ackmode\":\"ack_requeue_true\",\"encoding\":\"auto\",\"truncate\":1}").get(0);
        assertThat(cut.get("payload").asText()).isEqualTo("m");
        assertThat(cut.get("payload_bytes").asInt()).isEqualTo(2);
    }

    @Test
    void nonRequeueingAckModesTakeFromTheHeadAsRabbitMqDoes() throws Exception {
        channel.queueDeclare("take.dlq", false, false, false, null);
        channel.queueDeclare("take.q", false, false, false, Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", "take.dlq"));
        publish("take.q", 5);

        JsonNode taken = peek("take.q", "{\"count\":2,\"ackmode\":\"ack_requeue_false\",\"encoding\":\"auto\"}");
        assertThat(payloads(taken)).containsExactly("m0", "m1");
        assertThat(taken.get(1).get("message_count").asInt()).isEqualTo(3);
        JsonNode rejected = peek("take.q", "{\"count\":1,\"ackmode\":\"reject_requeue_false\",\"encoding\":\"auto\"}");
        assertThat(payloads(rejected)).containsExactly("m2");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> ready("take.dlq") == 1);
        assertThat(drain("take.q")).containsExactly("m3", "m4");
        assertThat(send("POST", "/api/queues/%2F/take.q/get", "{\"count\":1,\"ackmode\":\"ack_requeue_false\",\"offset\":1}").status())
                .isEqualTo(400);
        assertThat(send("POST", "/api/queues/%2F/take.q/get", "{\"count\":1,\"ackmode\":\"eat_it\"}").status()).isEqualTo(400);
        assertThat(send("POST", "/api/queues/%2F/take.q/get", "{\"count\":1,\"encoding\":\"utf16\"}").status()).isEqualTo(400);
    }

    @Test
    void deletesOneMessageById() throws Exception {
        channel.queueDeclare("delete.q", false, false, false, null);
        publish("delete.q", 3);
        long id = peek("delete.q", "{\"count\":3}").get(1).get("id").asLong();

        assertThat(send("DELETE", "/api/queues/%2F/delete.q/messages/" + id, null).status()).isEqualTo(204);
        Reply again = send("DELETE", "/api/queues/%2F/delete.q/messages/" + id, null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("reason").asText()).startsWith("no ready message with id " + id);
        assertThat(drain("delete.q")).containsExactly("m0", "m2");
    }

    @Test
    void republishesOneMessageToAnExchangeAndRemovesTheOriginal() throws Exception {
        channel.queueDeclare("repub.src", false, false, false, null);
        channel.queueDeclare("repub.dst", false, false, false, null);
        channel.queueBind("repub.dst", "amq.direct", "again");
        channel.basicPublish("", "repub.src", new AMQP.BasicProperties.Builder().messageId("keep-me").build(),
                "first".getBytes(StandardCharsets.UTF_8));
        publish("repub.src", 1);
        long id = peek("repub.src", "{\"count\":1}").get(0).get("id").asLong();

        Reply reply = send("POST", "/api/queues/%2F/repub.src/messages/" + id + "/republish",
                "{\"exchange\":\"amq.direct\",\"routing_key\":\"again\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("routed").asBoolean()).isTrue();
        assertThat(reply.json().get("original_removed").asBoolean()).isTrue();
        GetResponse moved = channel.basicGet("repub.dst", true);
        assertThat(moved.getProps().getMessageId()).isEqualTo("keep-me");
        assertThat(moved.getEnvelope().getExchange()).isEqualTo("amq.direct");
        assertThat(moved.getProps().getHeaders()).containsEntry("x-revenant-moved", 1L);
        assertThat(drain("repub.src")).containsExactly("m0");
    }

    @Test
    void republishesAnEditedCopyAndCanKeepTheOriginal() throws Exception {
        channel.queueDeclare("edit.src", false, false, false, null);
        channel.queueDeclare("edit.dst", false, false, false, null);
        publish("edit.src", 1);
        long id = peek("edit.src", "{\"count\":1}").get(0).get("id").asLong();

        Reply reply = send("POST", "/api/queues/%2F/edit.src/messages/" + id + "/republish",
                "{\"exchange\":\"\",\"routing_key\":\"edit.dst\",\"remove_original\":false,"
                        + "\"properties\":{\"message_id\":\"fixed\",\"headers\":{\"fixed-by\":\"ops\"}},"
                        + "\"payload\":\"e30=\",\"payload_encoding\":\"base64\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("original_removed").asBoolean()).isFalse();
        GetResponse edited = channel.basicGet("edit.dst", true);
        assertThat(new String(edited.getBody(), StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(edited.getProps().getMessageId()).isEqualTo("fixed");
        assertThat(edited.getProps().getHeaders().get("fixed-by").toString()).isEqualTo("ops");
        assertThat(drain("edit.src")).containsExactly("m0");
    }

    @Test
    void republishRefusalsLeaveTheOriginalInPlace() throws Exception {
        channel.queueDeclare("refuse.src", false, false, false, null);
        publish("refuse.src", 1);
        long id = peek("refuse.src", "{\"count\":1}").get(0).get("id").asLong();
        String path = "/api/queues/%2F/refuse.src/messages/" + id + "/republish";

        assertThat(send("POST", path, "{\"exchange\":\"nope\",\"routing_key\":\"k\"}").json().get("reason").asText())
                .isEqualTo("no exchange 'nope' in vhost '/'");
        Reply nowhere = send("POST", path, "{\"exchange\":\"amq.direct\",\"routing_key\":\"unbound\"}");
        assertThat(nowhere.status()).isEqualTo(400);
        assertThat(nowhere.json().get("reason").asText()).contains("to no queue");
        assertThat(send("POST", path, "{\"exchange\":\"amq.direct\"}").status()).isEqualTo(400);
        assertThat(send("POST", path, "{\"exchange\":\"\",\"routing_key\":\"refuse.src\",\"properties\":{\"priority\":\"high\"}}")
                .status()).isEqualTo(400);
        assertThat(send("POST", path, "{\"exchange\":\"\",\"routing_key\":\"refuse.src\",\"properties\":{\"expiration\":\"soon\"}}")
                .status()).isEqualTo(400);
        assertThat(send("POST", path, "{\"to\":\"origin\"}").json().get("reason").asText()).contains("has no origin");
        assertThat(send("POST", "/api/queues/%2F/refuse.src/messages/999999999/republish",
                "{\"exchange\":\"\",\"routing_key\":\"refuse.src\"}").status()).isEqualTo(404);
        assertThat(drain("refuse.src")).containsExactly("m0");
    }

    private static JsonNode peek(String queue, String body) throws Exception {
        Reply reply = send("POST", "/api/queues/%2F/" + queue + "/get", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> payloads(JsonNode messages) {
        List<String> payloads = new ArrayList<>();
        messages.forEach(m -> payloads.add(m.get("payload").asText()));
        return payloads;
    }
}
