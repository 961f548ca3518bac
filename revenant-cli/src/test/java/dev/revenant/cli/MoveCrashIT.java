package dev.revenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A move task (DLQ back to its origin, rate-limited) is cut by a SIGKILL of the broker half-way:
 * after the restart every message is in the work queue or still in the DLQ, none lost.
 */
class MoveCrashIT {
    private static final int MESSAGES = 60;

    @Test
    void aMoveCutByAKillLosesNothing(@TempDir Path dataDir) throws Exception {
        try (BrokerProcess broker = BrokerProcess.start(dataDir)) {
            try (Connection c = factory(broker).newConnection(); Channel ch = c.createChannel()) {
                ch.exchangeDeclare("orders.dlx", "fanout", true);
                ch.queueDeclare("orders.dlq", true, false, false, null);
                ch.queueBind("orders.dlq", "orders.dlx", "");
                ch.queueDeclare("orders", true, false, false, Map.of("x-dead-letter-exchange", "orders.dlx"));
                ch.confirmSelect();
                for (int i = 0; i < MESSAGES; i++) {
                    AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().deliveryMode(2).messageId("order-" + i).build();
                    ch.basicPublish("", "orders", props, ("order-" + i).getBytes(StandardCharsets.UTF_8));
                }
                ch.waitForConfirmsOrDie(10_000);
                for (int i = 0; i < MESSAGES; i++) {
                    GetResponse got = ch.basicGet("orders", false);
                    ch.basicNack(got.getEnvelope().getDeliveryTag(), false, false);
                }
                awaitDepth(ch, "orders.dlq", MESSAGES);
            }
            HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + broker.httpPort() + "/api/queues/%2F/orders.dlq/move"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"origin\",\"rate\":40}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
            try (Connection c = factory(broker).newConnection(); Channel ch = c.createChannel()) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (ch.queueDeclarePassive("orders").getMessageCount() < 10 && System.nanoTime() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(50); // polling the move's progress
                }
                assertThat(ch.queueDeclarePassive("orders.dlq").getMessageCount()).as("still moving").isPositive();
            }
            broker.kill();
        }
        try (BrokerProcess broker = BrokerProcess.start(dataDir);
             Connection c = factory(broker).newConnection(); Channel ch = c.createChannel()) {
            Set<String> seen = new HashSet<>();
            for (String queue : new String[] {"orders", "orders.dlq"}) {
                GetResponse got;
                while ((got = ch.basicGet(queue, true)) != null) {
                    seen.add(got.getProps().getMessageId());
                }
            }
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < MESSAGES; i++) {
                expected.add("order-" + i);
            }
            assertThat(seen).as("every message is in the work queue or the DLQ (duplicates allowed)").isEqualTo(expected);
        }
    }

    private static void awaitDepth(Channel ch, String queue, int depth) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ch.queueDeclarePassive(queue).getMessageCount() < depth && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertThat(ch.queueDeclarePassive(queue).getMessageCount()).isEqualTo(depth);
    }

    private static ConnectionFactory factory(BrokerProcess broker) {
        ConnectionFactory f = new ConnectionFactory();
        f.setPort(broker.amqpPort());
        f.setAutomaticRecoveryEnabled(false);
        return f;
    }
}
