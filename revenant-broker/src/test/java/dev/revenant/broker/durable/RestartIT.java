package dev.revenant.broker.durable;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import dev.revenant.broker.Broker;
import dev.revenant.broker.BrokerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Durable topology and persistent messages survive a clean restart; transient ones do not. */
class RestartIT {
    @TempDir
    Path dataDir;

    private Broker start() {
        return Broker.start(BrokerConfig.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).build());
    }

    private static ConnectionFactory factory(Broker broker) {
        ConnectionFactory f = new ConnectionFactory();
        f.setPort(broker.amqpPort());
        return f;
    }

    @Test
    void persistentMessagesAndDurableTopologyComeBackInOrderWithRedeliveredFlags() throws Exception {
        try (Broker broker = start(); Connection c = factory(broker).newConnection(); Channel ch = c.createChannel()) {
            ch.exchangeDeclare("orders-x", "direct", true);
            ch.queueDeclare("orders", true, false, false, Map.of("x-dead-letter-exchange", "dlx"));
            ch.queueDeclare("transient-q", false, false, false, null);
            ch.queueBind("orders", "orders-x", "paid");
            ch.confirmSelect();
            for (int i = 0; i < 100; i++) {
                ch.basicPublish("orders-x", "paid", MessageProperties.PERSISTENT_TEXT_PLAIN, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            ch.basicPublish("orders-x", "paid", MessageProperties.TEXT_PLAIN, "transient".getBytes(StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(10_000);
            try (Channel reader = c.createChannel()) {
                for (int i = 0; i < 10; i++) {
                    GetResponse r = reader.basicGet("orders", false);
                    if (i < 5) {
                        reader.basicAck(r.getEnvelope().getDeliveryTag(), false);
                    }
                }
            } // closing requeues m5..m9, delivered once
            ch.queueDeclarePassive("orders");
        }
        try (Broker broker = start(); Connection c = factory(broker).newConnection(); Channel ch = c.createChannel()) {
            assertThat(ch.queueDeclarePassive("orders").getMessageCount()).isEqualTo(95);
            ch.queueDeclare("orders", true, false, false, Map.of("x-dead-letter-exchange", "dlx")); // same arguments survived
            List<String> bodies = new ArrayList<>();
            List<Boolean> redelivered = new ArrayList<>();
            GetResponse r;
            while ((r = ch.basicGet("orders", true)) != null) {
                bodies.add(new String(r.getBody(), StandardCharsets.UTF_8));
                redelivered.add(r.getEnvelope().isRedeliver());
            }
            assertThat(bodies).hasSize(95).startsWith("m5", "m6").endsWith("m99").doesNotContain("transient");
            assertThat(redelivered.subList(0, 5)).containsOnly(true);
            assertThat(redelivered.subList(5, 95)).containsOnly(false);
            ch.basicPublish("orders-x", "paid", null, "routed".getBytes(StandardCharsets.UTF_8));
            ch.queueDeclarePassive("orders");
            assertThat(ch.basicGet("orders", true)).as("the binding survived").isNotNull();
            assertThat(ch.getConnection().isOpen()).isTrue();
        }
        try (Broker broker = start(); Connection c = factory(broker).newConnection()) {
            Channel ch = c.createChannel();
            assertThat(ch.queueDeclarePassive("orders").getMessageCount()).as("consumed with auto-ack").isZero();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ch.queueDeclarePassive("transient-q"))
                    .hasStackTraceContaining("NOT_FOUND");
        }
    }
}
