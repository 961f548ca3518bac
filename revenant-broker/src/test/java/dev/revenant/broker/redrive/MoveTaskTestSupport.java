package dev.revenant.broker.redrive;

import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.revenant.broker.Broker;
import dev.revenant.broker.BrokerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** An embedded broker, a move-task registry per test and an AMQP channel in confirm mode. */
abstract class MoveTaskTestSupport {
    @TempDir
    static Path dataDir;
    static Broker broker;
    static ConnectionFactory factory;
    MoveTasks moves;
    Connection connection;
    Channel channel;

    @BeforeAll
    static void start() {
        broker = Broker.start(BrokerConfig.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).build());
        factory = new ConnectionFactory();
        factory.setPort(broker.amqpPort());
        factory.setAutomaticRecoveryEnabled(false);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @BeforeEach
    void open() throws Exception {
        moves = new MoveTasks(broker::virtualHost);
        connection = factory.newConnection();
        channel = connection.createChannel();
        channel.confirmSelect();
    }

    @AfterEach
    void close() throws Exception {
        moves.close();
        connection.close();
    }

    void publish(String queue, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            channel.basicPublish("", queue, props("id-" + i), ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        channel.waitForConfirmsOrDie(5000);
    }

    List<String> drain(String queue) throws Exception {
        List<String> bodies = new ArrayList<>();
        GetResponse got;
        while ((got = channel.basicGet(queue, true)) != null) {
            bodies.add(new String(got.getBody(), StandardCharsets.UTF_8));
        }
        return bodies;
    }

    int ready(String queue) throws Exception {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    void awaitReady(String queue, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> ready(queue) == count);
    }

    static List<String> names(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("m" + i);
        }
        return names;
    }

    static AMQP.BasicProperties props(String messageId) {
        return new AMQP.BasicProperties.Builder().messageId(messageId).build();
    }

    static byte[] body(int i) {
        return ("order " + i).getBytes(StandardCharsets.UTF_8);
    }
}
