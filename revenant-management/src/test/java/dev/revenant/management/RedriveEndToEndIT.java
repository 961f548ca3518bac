package dev.revenant.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The failure story end to end: a consumer rejects orders, the broker dead-letters them, an
 * operator peeks at the DLQ over HTTP and moves everything back to where it came from.
 */
class RedriveEndToEndIT extends ApiTestSupport {

    @Test
    void rejectedMessagesAreBrowsedInTheDlqAndMovedBackToTheirOriginWithHistory() throws Exception {
        channel.exchangeDeclare("shop", "topic");
        channel.exchangeDeclare("shop.dlx", "direct");
        channel.queueDeclare("fulfil.dlq", false, false, false, null);
        channel.queueBind("fulfil.dlq", "shop.dlx", "order.paid");
        channel.queueDeclare("fulfil", false, false, false, Map.of("x-dead-letter-exchange", "shop.dlx"));
        channel.queueBind("fulfil", "shop", "order.*");
        for (int i = 0; i < 6; i++) {
            channel.basicPublish("shop", "order.paid", new AMQP.BasicProperties.Builder().messageId("order-" + i)
                    .contentType("application/json").build(), ("{\"order\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        channel.waitForConfirmsOrDie(5000);
        for (int i = 0; i < 6; i++) {
            GetResponse got = channel.basicGet("fulfil", false);
            channel.basicNack(got.getEnvelope().getDeliveryTag(), false, false); // logistics API is down
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/queues/%2F/fulfil.dlq").json().get("messages").asInt() == 6);

        JsonNode page = send("POST", "/api/queues/%2F/fulfil.dlq/get",
                "{\"count\":2,\"ackmode\":\"ack_requeue_true\",\"encoding\":\"auto\",\"offset\":0}").json();
        JsonNode headers = page.get(0).get("properties").get("headers");
        JsonNode death = headers.get("x-death").get(0);
        assertThat(death.get("reason").asText()).isEqualTo("rejected");
        assertThat(death.get("queue").asText()).isEqualTo("fulfil");
        assertThat(death.get("exchange").asText()).isEqualTo("shop");
        assertThat(death.get("count").asLong()).isEqualTo(1);
        assertThat(death.get("routing-keys").toString()).isEqualTo("[\"order.paid\"]");
        assertThat(death.get("time").isIntegralNumber()).as("a timestamp, in seconds").isTrue();
        assertThat(headers.get("x-first-death-queue").asText()).isEqualTo("fulfil");
        assertThat(page.get(0).get("payload").asText()).isEqualTo("{\"order\":0}");
        assertThat(page.get(0).get("exchange").asText()).isEqualTo("shop.dlx");
        assertThat(get("/api/queues/%2F/fulfil.dlq").json().get("messages").asInt()).as("peeking took nothing").isEqualTo(6);

        Reply started = send("POST", "/api/queues/%2F/fulfil.dlq/move", "{\"to\":\"origin\",\"rate\":500}");
        assertThat(started.status()).isEqualTo(201);
        JsonNode report = MoveApiIT.awaitState(started.json().get("id").asText(), "completed");

        assertThat(report.get("moved").asLong()).isEqualTo(6);
        assertThat(get("/api/queues/%2F/fulfil.dlq").json().get("messages").asInt()).isZero();
        assertThat(get("/api/queues/%2F/fulfil").json().get("messages_ready").asInt()).isEqualTo(6);
        for (int i = 0; i < 6; i++) {
            GetResponse back = channel.basicGet("fulfil", true);
            assertThat(back.getProps().getMessageId()).isEqualTo("order-" + i);
            assertThat(back.getProps().getContentType()).isEqualTo("application/json");
            assertThat(back.getEnvelope().getExchange()).isEqualTo("shop");
            assertThat(back.getEnvelope().getRoutingKey()).isEqualTo("order.paid");
            Map<String, Object> kept = back.getProps().getHeaders();
            @SuppressWarnings("unchecked")
            Map<String, Object> firstDeath = ((List<Map<String, Object>>) kept.get("x-death")).get(0);
            assertThat(firstDeath.get("queue").toString()).isEqualTo("fulfil");
            assertThat(firstDeath.get("reason").toString()).isEqualTo("rejected");
            assertThat(kept).containsEntry("x-revenant-moved", 1L);
            assertThat(kept.get("x-revenant-moved-from").toString()).isEqualTo("fulfil.dlq");
        }
    }
}
