package dev.revenant.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@code /api/queues}, {@code /api/exchanges}, {@code /api/bindings}, {@code /api/connections}, {@code /api/overview}. */
class QueueApiIT extends ApiTestSupport {

    @Test
    void showsAQueueWithRabbitMqFieldNamesAndItsDeadLetterSettings() throws Exception {
        channel.queueDeclare("show.q", true, false, false, Map.of("x-dead-letter-exchange", "dlx",
                "x-dead-letter-routing-key", "dead", "x-delivery-limit", 3, "x-message-ttl", 60000));
        publish("show.q", 3);
        channel.basicQos(1);
        channel.basicConsume("show.q", false, (tag, delivery) -> { }, tag -> { });
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/api/queues/%2F/show.q").json().get("messages_unacknowledged").asInt() == 1);

        JsonNode q = get("/api/queues/%2F/show.q").json();
        assertThat(q.get("name").asText()).isEqualTo("show.q");
        assertThat(q.get("vhost").asText()).isEqualTo("/");
        assertThat(q.get("durable").asBoolean()).isTrue();
        assertThat(q.get("auto_delete").asBoolean()).isFalse();
        assertThat(q.get("exclusive").asBoolean()).isFalse();
        assertThat(q.get("messages").asInt()).isEqualTo(3);
        assertThat(q.get("messages_ready").asInt()).isEqualTo(2);
        assertThat(q.get("consumers").asInt()).isEqualTo(1);
        assertThat(q.get("paused").asBoolean()).isFalse();
        assertThat(q.get("arguments").get("x-dead-letter-exchange").asText()).isEqualTo("dlx");
        assertThat(q.get("arguments").get("x-delivery-limit").asInt()).isEqualTo(3);
        assertThat(q.get("dead_letter_exchange").asText()).isEqualTo("dlx");
        assertThat(q.get("dead_letter_routing_key").asText()).isEqualTo("dead");
        assertThat(q.get("delivery_limit").asLong()).isEqualTo(3);
        assertThat(q.get("message_ttl").asLong()).isEqualTo(60000);
    }

    @Test
    void listsQueuesOfAllVhostsAndOfOne() throws Exception {
        channel.queueDeclare("list.a", false, false, false, null);
        channel.queueDeclare("list.b", false, false, false, null);
        for (String path : List.of("/api/queues", "/api/queues/%2F", "/api/queues/%2f/")) {
            Reply reply = get(path);
            assertThat(reply.status()).as(path).isEqualTo(200);
            assertThat(reply.json().findValuesAsText("name")).contains("list.a", "list.b");
        }
    }

    @Test
    void declaresWith201ThenAnswers204ForTheSameAnd400ForAnInequivalentOrInvalidOne() throws Exception {
        String body = "{\"durable\":true,\"arguments\":{\"x-max-length\":10,\"x-dead-letter-exchange\":\"dlx\","
                + "\"x-retry-delays\":[100,1000]}}";
        assertThat(send("PUT", "/api/queues/%2F/declared.q", body).status()).isEqualTo(201);
        assertThat(send("PUT", "/api/queues/%2F/declared.q", body).status()).isEqualTo(204);
        JsonNode q = get("/api/queues/%2F/declared.q").json();
        assertThat(q.get("durable").asBoolean()).isTrue();
        assertThat(q.get("retry_delays").toString()).isEqualTo("[100,1000]");
        assertThat(channel.queueDeclarePassive("declared.q").getQueue()).isEqualTo("declared.q");

        Reply inequivalent = send("PUT", "/api/queues/%2F/declared.q", "{\"durable\":false}");
        assertThat(inequivalent.status()).isEqualTo(400);
        assertThat(inequivalent.json().get("reason").asText())
                .isEqualTo("inequivalent arg 'durable' for queue 'declared.q' in vhost '/': received 'false' but current is 'true'");

        Reply invalid = send("PUT", "/api/queues/%2F/invalid.q", "{\"arguments\":{\"x-max-length\":-1}}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("reason").asText())
                .isEqualTo("invalid arg 'x-max-length' for queue 'invalid.q' in vhost '/': {value_negative,-1}");

        assertThat(send("PUT", "/api/queues/%2F/excl.q", "{\"exclusive\":true}").status()).isEqualTo(400);
        Reply reserved = send("PUT", "/api/queues/%2F/amq.mine", "{}");
        assertThat(reserved.status()).isEqualTo(403);
        assertThat(send("PUT", "/api/queues/no-such-vhost/q", "{}").status()).isEqualTo(404);
    }

    @Test
    void deletesAndPurges() throws Exception {
        channel.queueDeclare("purge.q", false, false, false, null);
        publish("purge.q", 5);
        assertThat(send("DELETE", "/api/queues/%2F/purge.q/contents", null).status()).isEqualTo(204);
        assertThat(ready("purge.q")).isZero();

        publish("purge.q", 1);
        Reply notEmpty = send("DELETE", "/api/queues/%2F/purge.q?if-empty=true", null);
        assertThat(notEmpty.status()).isEqualTo(400);
        assertThat(notEmpty.json().get("reason").asText()).contains("is not empty");

        assertThat(send("DELETE", "/api/queues/%2F/purge.q", null).status()).isEqualTo(204);
        assertThat(get("/api/queues/%2F/purge.q").status()).isEqualTo(404);
    }

    @Test
    void aPausedQueueTakesPublishesButDeliversNothingUntilResumed() throws Exception {
        channel.queueDeclare("paused.q", false, false, false, null);
        List<String> received = new CopyOnWriteArrayList<>();
        channel.basicConsume("paused.q", true, (tag, d) -> received.add(new String(d.getBody(), StandardCharsets.UTF_8)), tag -> { });

        assertThat(send("POST", "/api/queues/%2F/paused.q/pause", null).status()).isEqualTo(204);
        assertThat(get("/api/queues/%2F/paused.q").json().get("paused").asBoolean()).isTrue();
        publish("paused.q", 3);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> received.isEmpty() && get("/api/queues/%2F/paused.q").json().get("messages_ready").asInt() == 3);

        assertThat(send("POST", "/api/queues/%2F/paused.q/resume", null).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
        assertThat(received).containsExactly("m0", "m1", "m2");
        assertThat(get("/api/queues/%2F/paused.q").json().get("paused").asBoolean()).isFalse();
    }

    @Test
    void listsExchangesBindingsAndConnections() throws Exception {
        channel.exchangeDeclare("topo.x", "topic", true, false, Map.of("alternate-exchange", "amq.fanout"));
        channel.queueDeclare("topo.q", false, false, false, null);
        channel.queueBind("topo.q", "topo.x", "order.*");

        JsonNode exchange = get("/api/exchanges/%2F/topo.x").json();
        assertThat(exchange.get("type").asText()).isEqualTo("topic");
        assertThat(exchange.get("durable").asBoolean()).isTrue();
        assertThat(exchange.get("internal").asBoolean()).isFalse();
        assertThat(exchange.get("arguments").get("alternate-exchange").asText()).isEqualTo("amq.fanout");
        assertThat(get("/api/exchanges").json().findValuesAsText("name")).contains("", "amq.direct", "topo.x");
        assertThat(get("/api/exchanges/%2F").json().findValuesAsText("name")).contains("topo.x");

        JsonNode bindings = get("/api/bindings/%2F").json();
        boolean explicit = false;
        boolean implicit = false;
        for (JsonNode b : bindings) {
            if (b.get("destination").asText().equals("topo.q")) {
                assertThat(b.get("destination_type").asText()).isEqualTo("queue");
                assertThat(b.get("vhost").asText()).isEqualTo("/");
                explicit |= b.get("source").asText().equals("topo.x") && b.get("routing_key").asText().equals("order.*");
                implicit |= b.get("source").asText().isEmpty() && b.get("routing_key").asText().equals("topo.q");
            }
        }
        assertThat(explicit).as("the queue.bind").isTrue();
        assertThat(implicit).as("the default exchange's binding").isTrue();
        assertThat(get("/api/bindings").status()).isEqualTo(200);

        JsonNode connections = get("/api/connections").json();
        assertThat(connections.size()).isGreaterThanOrEqualTo(1);
        assertThat(connections.get(0).get("user").asText()).isEqualTo("guest");
        assertThat(connections.get(0).get("port").asInt()).isEqualTo(broker.amqpPort());
        assertThat(connections.get(0).get("name").asText()).contains(" -> 127.0.0.1:" + broker.amqpPort());
    }

    @Test
    void overviewCountsObjectsAndNamesBothListeners() throws Exception {
        channel.queueDeclare("overview.q", false, false, false, null);
        publish("overview.q", 2);
        JsonNode overview = get("/api/overview").json();
        assertThat(overview.get("product_name").asText()).isEqualTo("Revenant");
        assertThat(overview.get("object_totals").get("queues").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(overview.get("object_totals").get("connections").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(overview.get("queue_totals").get("messages_ready").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(overview.get("listeners").findValuesAsText("protocol")).containsExactly("amqp", "http");
        assertThat(overview.get("listeners").get(0).get("port").asInt()).isEqualTo(broker.amqpPort());
        assertThat(overview.get("listeners").get(1).get("port").asInt()).isEqualTo(management.port());
        assertThat(get("/api/vhosts").json().findValuesAsText("name")).containsExactly("/");
    }
}
