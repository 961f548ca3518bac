package dev.revenant.client.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.sun.net.httpserver.HttpServer;
import dev.revenant.testkit.BrokerTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the documented example through a logistics outage: every order ships exactly once. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class FulfillmentServiceIT {
    @Parameter
    BrokerTarget target;

    @Test
    void everyOrderShipsExactlyOnceThroughALogisticsOutage() throws Exception {
        String queue = "client-it-fulfillment-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicBoolean logisticsUp = new AtomicBoolean(false);
        Map<String, Integer> pickUps = new ConcurrentHashMap<>();
        HttpServer health = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        health.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(logisticsUp.get() ? 200 : 503, -1);
            exchange.close();
        });
        health.start();
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + queue + ";DB_CLOSE_DELAY=-1");

        try (Connection connection = target.connectionFactory().newConnection();
             FulfillmentService service = new FulfillmentService(target.connectionFactory(), database,
                     new SimpleMeterRegistry(), queue, List.of(Duration.ofMillis(20), Duration.ofMillis(40)),
                     URI.create("http://127.0.0.1:" + health.getAddress().getPort() + "/health"),
                     Duration.ofMillis(50),
                     (order, orderId) -> { },
                     (order, orderId) -> {
                         if (!logisticsUp.get()) {
                             throw new IOException("logistics API: 503");
                         }
                         pickUps.merge(orderId, 1, Integer::sum);
                     })) {
            service.start();
            try (Channel channel = connection.createChannel()) {
                channel.confirmSelect();
                for (int i = 0; i < 25; i++) {
                    channel.basicPublish("", queue, true, new AMQP.BasicProperties.Builder().messageId("order-" + i)
                            .deliveryMode(2).build(), ("{\"order\":" + i + "}").getBytes(StandardCharsets.UTF_8));
                }
                channel.waitForConfirmsOrDie(10_000);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> dlqDepth(connection, queue) == 25);

            logisticsUp.set(true);

            await().atMost(Duration.ofSeconds(20)).until(() -> pickUps.size() == 25);
            assertThat(pickUps.values()).containsOnly(1);
            assertThat(dlqDepth(connection, queue)).isZero();
        } finally {
            health.stop(0);
            try (Connection connection = target.connectionFactory().newConnection();
                 Channel channel = connection.createChannel()) {
                for (String name : List.of(queue, queue + ".dlq", queue + ".parking-lot", queue + ".retry.20ms",
                        queue + ".retry.40ms")) {
                    channel.queueDelete(name);
                }
                channel.exchangeDelete(queue + ".dlx");
            }
        }
    }

    private static long dlqDepth(Connection connection, String queue) throws IOException {
        try (Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue + ".dlq").getMessageCount();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        }
    }
}
